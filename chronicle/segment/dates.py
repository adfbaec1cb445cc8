"""Page dates: absolute ("Updated 11 August 2025") and relative ("10 sec ago") strings to ISO.

Reads a date string found on a page (or a JSON `published`) and gives a
`YYYY-MM-DD` date, or an ISO datetime when the string holds a time. Relative
strings resolve only against a known capture time (`fetched`); nothing here
ever falls back to "now" or to a file's mtime.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta
from typing import Any

from chronicle.wordlists import mapping

_ISO = re.compile(
    r"\b(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)\s*(Z|[+-]\d{2}:?\d{2})?)?\b"
)
_YEAR = re.compile(r"\b(?:1[89]|20|21)\d{2}\b")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*[ap]\.?m\b", re.I)
# "08.00" is the Guardian's way of writing 08:00; dateparser wants the colon.
_DOTTED_TIME = re.compile(r"\b(\d{1,2})\.(\d{2})\b(?!\.\d)")
_UNIT_SECONDS = {k: int(v) for k, v in mapping("segment/age_units").items()}
_RELATIVE = re.compile(
    r"^(?:about\s+|around\s+)?(\d+|an?|one)\s*(" + "|".join(sorted(_UNIT_SECONDS, key=len, reverse=True))
    + r")\.?\s+ago$",
    re.I,
)
_RELATIVE_WORDS = {k: int(v) for k, v in mapping("segment/relative_words").items()}
_DATEPARSER_SETTINGS: dict[str, Any] = {
    # Absolute dates only: relative parsers would read "3 hours ago" against the clock.
    "PARSERS": ["absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "STRICT_PARSING": True,
}


def is_relative(text: str) -> bool:
    text = text.strip().rstrip(".").strip()
    return bool(_RELATIVE.match(text)) or text.lower() in _RELATIVE_WORDS


def relative_delta(text: str) -> timedelta | None:
    """The age a relative page date states ("10 sec ago" -> 10 s), or None."""
    text = text.strip().rstrip(".").strip()
    words = _RELATIVE_WORDS.get(text.lower())
    if words is not None:
        return timedelta(seconds=words)
    m = _RELATIVE.match(text)
    if not m:
        return None
    count = 1 if m.group(1).lower() in ("a", "an", "one") else int(m.group(1))
    return timedelta(seconds=count * _UNIT_SECONDS[m.group(2).lower()])


def resolve_relative(text: str, fetched: datetime | None) -> str | None:
    """`fetched` minus the stated age, as an ISO datetime; None without a capture time."""
    delta = relative_delta(text)
    if delta is None or fetched is None:
        return None
    if text.strip().lower().rstrip(".") == "yesterday":
        return (fetched - delta).date().isoformat()  # a day, not an instant
    return (fetched - delta).isoformat(timespec="seconds")


def iso(value: datetime | date, with_time: bool) -> str:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds") if with_time else value.date().isoformat()
    return value.isoformat()


def parse_fetched(value: str | None) -> datetime | None:
    """A document's `fetched` string as a datetime (ISO 8601 or any absolute date), or None."""
    if not value or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return _dateparser(value)


def parse_absolute(text: str) -> str | None:
    """An absolute date string to ISO ("March 3, 2024 10:15 GMT" -> "2024-03-03T10:15:00+00:00").

    Needs a day, a month and a year in the string; returns None otherwise, so
    relative or partial strings are never completed from today's date.
    """
    text = text.strip()
    m = _ISO.search(text)
    if m:
        day, clock, zone = m.groups()
        raw = day if clock is None else f"{day}T{clock}{'+00:00' if zone == 'Z' else zone or ''}"
        try:
            return iso(datetime.fromisoformat(raw), clock is not None)
        except ValueError:
            return None
    if not _YEAR.search(text) or len(text) > 80:
        return None
    cleaned = _DOTTED_TIME.sub(r"\1:\2", text)
    parsed = _dateparser(cleaned)
    if parsed is None:
        return None
    return iso(parsed, bool(_TIME.search(text)))


def normalise_given(value: str | None) -> str | None:
    """A caller's `published` value normalised to ISO; None when it cannot be read as a full date."""
    if value is None or not value.strip():
        return None
    return parse_absolute(value)


@functools.cache
def _parser() -> Any:
    import dateparser  # imported on first use: it loads language data

    return dateparser


def _dateparser(text: str) -> datetime | None:
    try:
        result: datetime | None = _parser().parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except (ValueError, OverflowError, TypeError):  # dateparser raises on some odd inputs
        return None
    return result
