"""The segmenter's parts: line roles, datelines, page dates, and robustness on arbitrary text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.config import Config
from chronicle.records import Article, Document, Failure
from chronicle.segment import segment
from chronicle.segment.dateline import split_dateline
from chronicle.segment.dates import normalise_given, parse_absolute, resolve_relative
from chronicle.segment.lines import Role, classify

FETCHED = datetime(2025, 8, 12, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "role", "value"),
    [
        ("Short Url", Role.CHROME, None),
        ("Follow", Role.CHROME, None),
        ("Facebook Twitter WhatsApp Email", Role.CHROME, None),
        ("Advertisement", Role.PROMO, None),
        ("Sign up for our newsletter", Role.PROMO, None),
        ("We use cookies to improve your experience.", Role.PROMO, None),
        ("Read more: Police clear protest camp", Role.PROMO, None),
        ("Related Topics", Role.END, None),
        ("Copyright © 2024 Daily Planet", Role.END, None),
        ("All rights reserved.", Role.END, None),
        ("Reporting by Ann Lee; Editing by Bob Roe", Role.END, None),
        ("Updated 11 August 2025", Role.DATE, "11 August 2025"),
        ("Updated 10 sec ago", Role.DATE, "10 sec ago"),
        ("3 hours ago", Role.DATE, "3 hours ago"),
        ("Published: March 3, 2024 10:15 GMT", Role.DATE, "March 3, 2024 10:15 GMT"),
        ("Mon 4 Mar 2024 08.00 EST", Role.DATE, "Mon 4 Mar 2024 08.00 EST"),
        ("By Jane Doe", Role.BYLINE, "Jane Doe"),
        ("By Jane Doe, Reuters", Role.BYLINE, "Jane Doe"),
        ("Jane Doe | Associated Press", Role.BYLINE, "Jane Doe"),
        ("By Jane Doe | 5 min read", Role.BYLINE, "Jane Doe"),
        ("Crowds gather in the square on Monday. (AP Photo/John Roe)", Role.CAPTION, "AP Photo/John Roe"),
        ("Image: Riot police in the capital", Role.CAPTION, None),
        ("Photo: Jane Roe", Role.CAPTION, "Jane Roe"),
        ("  • Talks to resume next week", Role.BULLET, "Talks to resume next week"),
        ("- Talks to resume next week", Role.BULLET, "Talks to resume next week"),
        ("Rebels seize border town after days of fighting", Role.HEADLINE, None),
        ("By Tuesday evening, the crowd had grown to thousands.", Role.PROSE, None),
        ("Police said the march was peaceful.", Role.PROSE, None),
    ],
)
def test_line_roles(line: str, role: Role, value: str | None) -> None:
    assert classify(line.strip()) == (role, value)


def test_acronym_in_parentheses_is_no_caption_in_the_body() -> None:
    assert classify("Leaders met at the summit of the alliance (NATO)")[0] is Role.HEADLINE


@pytest.mark.parametrize(
    ("paragraph", "dateline", "rest"),
    [
        ("BAMAKO: Mali's junta said.", "BAMAKO", "Mali's junta said."),
        ("WASHINGTON (Reuters) - The Senate voted on Friday.", "WASHINGTON", "The Senate voted on Friday."),
        ("KYIV, Ukraine — Drones struck the city overnight.", "KYIV, Ukraine", "Drones struck the city overnight."),
        ("LONDON, March 3 (Reuters) - Police said.", "LONDON", "Police said."),
        ("NAIROBI, Kenya (AP) — Police fired tear gas.", "NAIROBI, Kenya", "Police fired tear gas."),
        ("ST. LOUIS (AP) — A judge ruled.", "ST. LOUIS", "A judge ruled."),
        ("Kabul (AFP) - Taliban authorities said.", "Kabul", "Taliban authorities said."),
        ("(Reuters) - Police in Lagos said.", None, "Police in Lagos said."),
        ("UPDATE: The minister resigned.", None, "UPDATE: The minister resigned."),
        ("The minister - who resigned - spoke.", None, "The minister - who resigned - spoke."),
        ("Police said on Monday that 20 people were held.", None, "Police said on Monday that 20 people were held."),
    ],
)
def test_datelines(paragraph: str, dateline: str | None, rest: str) -> None:
    assert split_dateline(paragraph) == (dateline, rest)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("11 August 2025", "2025-08-11"),
        ("March 3, 2024 10:15 GMT", "2024-03-03T10:15:00+00:00"),
        ("2024-03-03T10:15Z", "2024-03-03T10:15:00+00:00"),
        ("2024-03-03", "2024-03-03"),
        ("Mon 4 Mar 2024 08.00 EST", "2024-03-04T08:00:00-05:00"),
        ("10 sec ago", None),
        ("yesterday", None),
        ("March 3", None),  # no year: never completed from today's date
        ("last week", None),
    ],
)
def test_absolute_dates(text: str, iso: str | None) -> None:
    assert parse_absolute(text) == iso


def test_relative_dates_need_a_capture_time() -> None:
    assert resolve_relative("10 sec ago", None) is None
    assert resolve_relative("10 sec ago", FETCHED) == "2025-08-12T09:29:50+00:00"
    assert resolve_relative("3 hours ago", FETCHED) == "2025-08-12T06:30:00+00:00"
    assert resolve_relative("an hour ago", FETCHED) == "2025-08-12T08:30:00+00:00"
    assert resolve_relative("yesterday", FETCHED) == "2025-08-11"


def test_given_published_is_normalised_or_dropped() -> None:
    assert normalise_given("2017-07-18") == "2017-07-18"
    assert normalise_given("2024-03-03T10:15:00Z") == "2024-03-03T10:15:00+00:00"
    assert normalise_given("July 18, 2017") == "2017-07-18"
    assert normalise_given("soon") is None


def test_chrome_only_text_is_no_article() -> None:
    doc = Document(input_id="x", kind="text", text="Share\nFollow\n\nAdvertisement\nShort Url\n")
    out = segment(doc, Config())
    assert isinstance(out, Failure) and out.code == "no_article"


def test_untitled_wire_copy_is_one_article() -> None:
    text = ("WASHINGTON (Reuters) - The Senate voted on Friday to extend the sanctions.\n"
            "The bill now goes to the House.\n")
    (a,) = segment(Document(input_id="x", kind="text", text=text), Config())  # type: ignore[misc]
    assert a.title is None and a.dateline == "WASHINGTON"
    assert a.text == "The Senate voted on Friday to extend the sanctions.\nThe bill now goes to the House."


_LINES = st.sampled_from([
    "", " ", "Share", "Follow", "Updated 10 sec ago", "Updated 11 August 2025", "By Jane Doe",
    "Protest in the capital turns violent", "  • A bullet point", "BAMAKO: Police said on Monday.",
    "Police arrested 20 people on Monday, officials said.", "(REUTERS)", "Related Topics", "___",
    "Photo: someone", "Copyright © 2024", "\u00a0", "\t", "—", "·",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=400), st.lists(st.one_of(_LINES, st.text(max_size=40)), max_size=40).map("\n".join)))
def test_segment_never_raises(text: str) -> None:
    for kind in ("text", "jsonl"):
        out = segment(Document(input_id="x", kind=kind, text=text), Config(fetched=FETCHED))
        if isinstance(out, Failure):
            assert out.code == "no_article"
            continue
        assert out, "an empty list is never returned"
        for a in out:
            assert isinstance(a, Article) and a.text.strip() and a.id
        if len(out) > 1:
            assert all(a.id.endswith(f"#{n}") for n, a in enumerate(out, start=1))
