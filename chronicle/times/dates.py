"""Calendar arithmetic that turns an anchor date plus an offset into TIMEX3 values."""

from __future__ import annotations

import datetime as dt

Direction = int  # -1 past, +1 future, 0 nearest


def parse_anchor(published: str | None) -> dt.date | None:
    """The document creation date from `Article.published` ("YYYY-MM-DD" or ISO datetime), else None."""
    if not published or len(published) < 10:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def day_value(d: dt.date) -> str:
    return d.isoformat()


def week_value(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def add_months(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, 1)


def shift(anchor: dt.date, unit: str, n: int) -> str | None:
    """The value of the period `n` units away from `anchor` ("two weeks ago" is n=-2, unit W)."""
    if unit == "D":
        return day_value(anchor + dt.timedelta(days=n))
    if unit == "W":
        return week_value(anchor + dt.timedelta(weeks=n))
    if unit == "M":
        m = add_months(anchor, n)
        return month_value(m.year, m.month)
    if unit == "Q":
        index = anchor.year * 4 + quarter_of(anchor) - 1 + n
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit == "Y":
        return f"{anchor.year + n:04d}"
    if unit == "E":
        return f"{(anchor.year // 10 + n):03d}"
    if unit == "C":
        return f"{(anchor.year // 100 + n):02d}"
    return None


def weekday_date(anchor: dt.date, weekday: int, direction: Direction) -> dt.date:
    """The date of ISO `weekday` nearest `anchor` in `direction` (the anchor's own weekday is that day).

    News uses a bare weekday for the current week: "said Monday" in a Monday story is
    that day, in a Wednesday story the Monday before; "will meet Friday" the coming one.
    """
    delta = weekday - anchor.isoweekday()
    if direction < 0:
        if delta > 0:
            delta -= 7
    elif direction > 0:
        if delta < 0:
            delta += 7
    else:
        if delta > 3:
            delta -= 7
        elif delta < -3:
            delta += 7
    return anchor + dt.timedelta(days=delta)


def month_year(anchor: dt.date, month: int, direction: Direction) -> int:
    """The year of the named `month` nearest `anchor` in `direction` (the current month counts)."""
    if direction < 0:
        return anchor.year if month <= anchor.month else anchor.year - 1
    if direction > 0:
        return anchor.year if month >= anchor.month else anchor.year + 1
    # Nearest: a month more than half a year ahead is last year's ("December" in a February story).
    if month - anchor.month > 6:
        return anchor.year - 1
    if anchor.month - month > 6:
        return anchor.year + 1
    return anchor.year


def day_year(anchor: dt.date, month: int, day: int, direction: Direction) -> int:
    """The year of "March 3" nearest `anchor` in `direction`."""
    if direction < 0:
        return anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
    if direction > 0:
        return anchor.year if (month, day) >= (anchor.month, anchor.day) else anchor.year + 1
    return month_year(anchor, month, 0)


def valid_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True
