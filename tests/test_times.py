"""Temporal expressions: calendar helpers (no model) and the tagger on invented news sentences (real model)."""

from __future__ import annotations

import datetime as dt

import pytest
from shared_paths import SHARED
from spacy.language import Language

from chronicle.nlp.analysis import analyse_text
from chronicle.records import Time
from chronicle.times import dates, extract_times
from chronicle.times.numbers import parse_number

SEED = SHARED / "seed" / "000_78ac4808e78a0a33.txt"
MONDAY = "2025-08-11"  # a Monday, ISO week 33


def test_week_value_is_iso_week() -> None:
    assert dates.week_value(dt.date(2025, 8, 11)) == "2025-W33"
    assert dates.week_value(dt.date(2021, 1, 1)) == "2020-W53"


def test_weekday_date_points_back_or_ahead() -> None:
    wed = dt.date(2025, 8, 13)
    assert dates.weekday_date(wed, 1, -1) == dt.date(2025, 8, 11)
    assert dates.weekday_date(wed, 1, 1) == dt.date(2025, 8, 18)
    assert dates.weekday_date(wed, 3, -1) == wed


def test_month_year_by_direction() -> None:
    aug = dt.date(2025, 8, 11)
    assert dates.month_year(aug, 11, -1) == 2024
    assert dates.month_year(aug, 11, 1) == 2025
    assert dates.month_year(dt.date(1998, 2, 6), 12, 0) == 1997


def test_parse_anchor_accepts_datetimes_and_rejects_junk() -> None:
    assert dates.parse_anchor("2025-08-11T10:00:00Z") == dt.date(2025, 8, 11)
    assert dates.parse_anchor("yesterday") is None
    assert dates.parse_anchor(None) is None


@pytest.mark.parametrize(("text", "value"), [
    ("twenty four", 24), ("a couple of", 2), ("2 1/2", 2.5), ("several", None), ("ninety-nine", 99),
])
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def _times(nlp: Language, text: str, published: str | None = MONDAY) -> list[Time]:
    times = extract_times(analyse_text(nlp, text, published))
    for t in times:
        assert text[t.start:t.end] == t.text
    return times


def _by_text(times: list[Time]) -> dict[str, tuple[str, str | None]]:
    return {t.text: (t.type, t.value) for t in times}


@pytest.mark.model
def test_relative_dates_resolve_against_publication(nlp: Language) -> None:
    text = ("The strikes, which began last week and spread into early Monday, closed two ports. "
            "Unions said they had warned the owners in May. Then in July the talks collapsed.")
    got = _by_text(_times(nlp, text))
    assert got["last week"] == ("DATE", "2025-W32")
    assert got["early Monday"] == ("DATE", "2025-08-11")
    assert got["May"] == ("DATE", "2025-05")
    assert got["July"] == ("DATE", "2025-07")


@pytest.mark.model
def test_tense_decides_direction_of_bare_weekday_and_month(nlp: Language) -> None:
    text = "The council met late Wednesday. The mayor will travel to the capital on Thursday and return in March."
    got = _by_text(_times(nlp, text, "2025-08-13"))
    assert got["late Wednesday"] == ("DATE", "2025-08-13")
    assert got["Thursday"] == ("DATE", "2025-08-14")
    assert got["March"] == ("DATE", "2026-03")


@pytest.mark.model
def test_durations_and_two_months_in_a_row(nlp: Language) -> None:
    text = ("Protesters have camped outside for at least four days. The court ruled in November and again in "
            "December, and the leader extended his term for at least five more years.")
    got = _by_text(_times(nlp, text))
    assert got["at least four days"] == ("DURATION", "P4D")
    assert got["at least five more years"] == ("DURATION", "P5Y")
    assert got["November"] == ("DATE", "2024-11")
    assert got["December"] == ("DATE", "2024-12")


@pytest.mark.model
def test_absolute_and_deictic_expressions(nlp: Language) -> None:
    text = ("Since 2012 the region has been unstable. Yesterday troops moved in; today they hold the bridge. "
            "This year the budget doubled, last month it was cut, and two weeks ago it was frozen. "
            "The vote on March 3 followed the one of March 3, 2024 (logged as 2024-03-03). "
            "Rebels active in the 1990s returned Monday morning at 10:30 a.m. local time. On Thursday it was calm.")
    got = _by_text(_times(nlp, text))
    assert got["2012"] == ("DATE", "2012")
    assert got["Yesterday"] == ("DATE", "2025-08-10")
    assert got["today"] == ("DATE", "2025-08-11")
    assert got["This year"] == ("DATE", "2025")
    assert got["last month"] == ("DATE", "2025-07")
    assert got["two weeks ago"] == ("DATE", "2025-W31")
    assert got["March 3"] == ("DATE", "2025-03-03")
    assert got["March 3, 2024"] == ("DATE", "2024-03-03")
    assert got["2024-03-03"] == ("DATE", "2024-03-03")
    assert got["the 1990s"] == ("DATE", "199")
    assert got["Monday morning"] == ("TIME", "2025-08-11TMO")
    assert got["10:30 a.m. local time"] == ("TIME", "2025-08-11T10:30")
    assert got["Thursday"] == ("DATE", "2025-08-07")


@pytest.mark.model
def test_vague_references_and_sets(nlp: Language) -> None:
    text = ("Prices are now falling after the government recently cut taxes. "
            "Inspectors visit each year and check the books every week and every Monday.")
    got = _by_text(_times(nlp, text))
    assert got["now"] == ("DATE", "PRESENT_REF")
    assert got["recently"] == ("DATE", "PAST_REF")
    assert got["each year"] == ("SET", "P1Y")
    assert got["every week"] == ("SET", "P1W")
    assert got["every Monday"] == ("SET", "XXXX-WXX-1")


@pytest.mark.model
def test_ages_counts_and_modal_may_are_not_times(nlp: Language) -> None:
    text = ("The 55-year-old minister, who is 61 years old, said 2000 soldiers may march on the capital. "
            "She may resign. The party won 1500 seats.")
    got = _by_text(_times(nlp, text))
    assert got == {}


@pytest.mark.model
def test_without_publication_date_relative_values_are_null(nlp: Language) -> None:
    text = "The talks began last week and resumed Monday in May. The accord of 11 August 2025 dates from 2021."
    got = _by_text(_times(nlp, text, None))
    assert got["last week"] == ("DATE", None)
    assert got["Monday"] == ("DATE", None)
    assert got["May"] == ("DATE", None)
    assert got["11 August 2025"] == ("DATE", "2025-08-11")
    assert got["2021"] == ("DATE", "2021")


@pytest.mark.model
def test_earnings_quarters_follow_the_story(nlp: Language) -> None:
    text = ("The bank posted a third-quarter loss. In the year-ago quarter it earned $3 million. "
            "Fourth-quarter results are due in January.")
    got = _by_text(_times(nlp, text, "1999-11-02"))
    assert got["third-quarter"] == ("DATE", "1999-Q3")
    assert got["the year-ago quarter"] == ("DATE", "1998-Q3")
    assert got["January"] == ("DATE", "2000-01")


@pytest.mark.model
@pytest.mark.skipif(not SEED.exists(), reason="needs /work/shared")
def test_seed_article_times(nlp: Language) -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    body = "\n".join(lines[11:33])
    got = _by_text(_times(nlp, body, "2025-08-11"))
    assert got["last week"] == ("DATE", "2025-W32")
    assert got["early Monday"] == ("DATE", "2025-08-11")
    assert got["at least four days"] == ("DURATION", "P4D")
    assert got["May"] == ("DATE", "2025-05")
    assert got["at least five more years"] == ("DURATION", "P5Y")
    assert got["2012"] == ("DATE", "2012")
