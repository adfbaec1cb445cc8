"""RSS and Atom feed files: one document per entry, with title, link, UTC date and summary text."""

from __future__ import annotations

from pathlib import Path

from helpers import read

from chronicle.config import Config
from chronicle.read import read_inputs
from chronicle.read.feeds import markup_to_text, parse_feed
from chronicle.records import Document, Failure
from chronicle.segment import segment

SITE = Path(__file__).parent / "fixtures" / "scale" / "site"


def test_rss_entries_become_documents() -> None:
    docs = read(SITE / "world.rss")
    assert all(isinstance(d, Document) for d in docs) and len(docs) == 4
    first = docs[0]
    assert isinstance(first, Document)
    assert first.title == "Port workers strike in Valdora over unpaid wages"
    assert first.url == "{BASE}/articles/valdora-strike.html"
    assert first.published == "2025-03-04T09:15:00Z" and first.source == "Harbour Wire World"
    assert first.text == "Hundreds of port workers walked out in Valdora on Tuesday."  # markup gone
    assert first.position == "entry 1"
    (article,) = segment(first, Config())  # type: ignore[misc]
    assert article.published_from == "input" and article.title == first.title


def test_atom_content_is_preferred_and_dates_go_to_utc() -> None:
    docs = [d for d in read(SITE / "world.atom") if isinstance(d, Document)]
    assert [d.source for d in docs] == ["Lakeside Daily: World"] * 2
    aid = docs[1]
    assert aid.published == "2025-03-05T06:30:00Z"
    assert aid.text == ("Aid convoys reached flooded villages near Corvana on Wednesday.\n"
                        "The Red Cross said 3,000 families had received food and blankets.")


def test_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "notes.xml"
    path.write_text("<notes><note>buy milk</note></notes>")
    (failure,) = read(path)
    assert isinstance(failure, Failure) and failure.code == "bad_feed"
    assert parse_feed(b"plain words, no markup").problem is not None


def test_markup_to_text() -> None:
    assert markup_to_text("<p>One &amp; two</p><p>Three<br/>four</p>") == "One & two\nThree\nfour"


def test_a_feed_too_large_is_refused_by_its_size(tmp_path: Path) -> None:
    feed = (SITE / "world.rss").read_bytes()
    (tmp_path / "big.rss").write_bytes(feed)
    out = list(read_inputs([str(tmp_path / "big.rss")], Config(max_chars=len(feed) // 8)))
    assert [(f.code, f.input) for f in out if isinstance(f, Failure)] == [("too_large", str(tmp_path / "big.rss"))]
    assert not [d for d in out if isinstance(d, Document)]
