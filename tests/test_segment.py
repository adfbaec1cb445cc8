"""Stage "segment": dumps, HTML and JSON Lines documents to clean Articles."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from shared_paths import SHARED

from chronicle.config import Config
from chronicle.read import read_inputs
from chronicle.records import Article, Document, Failure
from chronicle.segment import segment

CONFIG = Config()
FETCHED = datetime(2025, 8, 12, 9, 30, tzinfo=UTC)
SEED = SHARED / "seed"


def articles_of(path: Path, config: Config = CONFIG) -> list[Article]:
    (doc,) = read_inputs([str(path)], config)
    assert isinstance(doc, Document)
    out = segment(doc, config)
    assert isinstance(out, list), out
    return out


def sha16(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def assert_clean(article: Article, *chrome: str) -> None:
    for piece in chrome:
        assert piece not in article.text, piece
    assert article.text == article.text.strip()
    assert "\n\n" not in article.text  # one newline between paragraphs


def test_wire_service_dump(fixtures: Path) -> None:
    (a,) = articles_of(fixtures / "dumps" / "wire_reuters.txt")
    assert a.title == "Opposition leader detained after rally in capital, party says"
    assert a.byline == "Hana Kowalczyk"
    assert a.dateline == "LONDON"
    assert a.published == "2024-03-03T10:15:00+00:00" and a.published_from == "text"
    assert a.text.startswith("Police in the fictional republic of Veltria detained")
    assert a.text.endswith("politically motivated fraud charges.")
    assert_clean(a, "(Reuters)", "Reporting by", "Editing by", "Advertisement", "min read", "Our Standards")
    assert a.id == sha16(a.text)  # one article: the plain hash of its text, no "#n"


def test_bbc_like_page(fixtures: Path) -> None:
    (a,) = articles_of(fixtures / "dumps" / "bbc_like.txt")
    assert a.title == "Tbilisi protesters clash with riot police outside parliament"
    assert a.byline == "Anna Petrova"
    assert a.credit == "Getty Images"
    assert a.published is None and a.published_from == "unknown"  # "2 hours ago" and no capture time
    assert a.text.startswith("Thousands of protesters gathered outside the parliament")
    assert a.text.endswith("The president said she would veto the law if it passed.")
    assert "What happens next?" in a.text  # a crosshead is part of the article
    assert_clean(a, "Share", "Save", "Image caption", "Demonstrators waved flags", "Related Topics",
                 "More on this story", "Students march", "BBC News, Tbilisi", "Skip to content")


def test_guardian_like_page(fixtures: Path) -> None:
    (a,) = articles_of(fixtures / "dumps" / "guardian_like.txt")
    assert a.title == "Farmers block motorways around Lyon as fuel tax protest spreads"
    assert a.summary == ["Tractor convoys brought traffic to a standstill as unions vowed to stay until the "
                         "government backs down"]
    assert a.byline == "Claire Moreau"
    assert a.credit == "Paul Girard/AFP/Getty Images"
    # "First published" is the publication; the date at the top is the last update.
    assert a.published == "2024-03-03T18:30:00-05:00" and a.published_from == "text"
    assert a.text.startswith("Farmers blocked three motorways around Lyon on Sunday")
    assert a.text.endswith("“We will stay here as long as it takes,” said Jean-Luc Berthier, a dairy farmer "
                           "from the Drôme.")
    assert_clean(a, "Photograph", "Sign up", "Last modified", "Explore more", "Reuse this content", "Share")


def test_ap_like_page(fixtures: Path) -> None:
    (a,) = articles_of(fixtures / "dumps" / "ap_like.txt")
    assert a.title == "Police fire tear gas at protesters in Nairobi as tax anger grows"
    assert a.byline == "TOMAS ODERA"
    assert a.dateline == "NAIROBI, Kenya"
    assert a.credit == "AP Photo/Brian Inganga"
    assert a.published == "2024-03-05T16:12:00+00:00"
    assert a.text.startswith("Kenyan police fired tear gas and arrested dozens")
    assert a.text.endswith("paying young people to riot.")
    assert_clean(a, "(AP)", "AP Photo", "Protesters run from tear gas", "___", "contributed to this report")


def test_blog_opinion_page(fixtures: Path) -> None:
    (a,) = articles_of(fixtures / "dumps" / "blog_opinion.txt")
    assert a.title == "Why the mayor's curfew will not calm the streets"
    assert a.byline == "Maria Santos"
    assert a.published == "2024-01-12" and a.published_from == "text"
    assert a.dateline is None
    # bullets inside the body are part of the argument, not a summary
    assert a.summary == []
    assert "• the release of the teenagers held without charge" in a.text
    assert a.text.endswith("buy new riot gear.")
    assert_clean(a, "min read", "Subscribe", "Facebook", "Tags:", "Comments (4)", "Posted on")


def test_three_articles_split_by_repeated_headlines(fixtures: Path) -> None:
    path = fixtures / "dumps" / "three_articles.txt"
    arts = articles_of(path)
    assert [a.title for a in arts] == [
        "Parliament speaker resigns after corruption probe",
        "Ministers meet in Vienna to revive ceasefire talks",
        "Gunmen attack police post near border town",
    ]
    base = sha16(path.read_text(encoding="utf-8"))
    assert [a.id for a in arts] == [f"{base}#1", f"{base}#2", f"{base}#3"]
    assert arts[0].text.endswith("to protect the institution.")
    assert arts[1].text.startswith("Foreign ministers from six countries met in Vienna")
    assert arts[2].text.endswith("No group has claimed responsibility for the attack.")
    for a in arts:
        assert a.title not in a.text and a.input_id == str(path)


def test_relative_date_resolved_only_with_a_capture_time(fixtures: Path) -> None:
    path = fixtures / "dumps" / "relative_updated.txt"
    (unknown,) = articles_of(path)
    assert unknown.published is None and unknown.published_from == "unknown"
    (known,) = articles_of(path, Config(fetched=FETCHED))
    assert known.published == "2025-08-12T07:30:00+00:00" and known.published_from == "relative"
    assert known.dateline == "KHARTOUM" and known.credit == "AFP"
    assert known.summary == ["Paramilitary fighters shelled the city's airport for a second day",
                             "Aid groups warn of hunger in besieged towns"]
    assert known.text.startswith("Sudan's army said on Tuesday")
    assert_clean(known, "Short Url", "Follow", "Updated", "Displaced families")


def test_document_fetched_beats_config_fetched() -> None:
    text = ("Curfew imposed in port city\n\nUpdated 10 sec ago\n\n"
            "Police imposed a curfew on the port city on Friday after two nights of riots, officials said.\n")
    doc = Document(input_id="x", kind="text", text=text, fetched="2024-06-01T12:00:00+00:00")
    (a,) = segment(doc, Config(fetched=FETCHED))  # type: ignore[misc]
    assert a.published == "2024-06-01T11:59:50+00:00" and a.published_from == "relative"


def test_double_spaced_paragraphs_stay_one_article(fixtures: Path) -> None:
    (a,) = articles_of(fixtures / "dumps" / "double_spaced.txt")
    assert a.title == "Election commission bars three candidates from presidential vote"
    assert a.byline == "Omar Haddad" and a.dateline == "TUNIS, Tunisia"
    assert "Court ruling ignored" in a.text
    assert a.text.endswith("arrested since the spring.")


def test_html_page_through_trafilatura(fixtures: Path) -> None:
    (a,) = articles_of(fixtures / "inputs" / "protest_page.html")
    assert a.title == "Students occupy university in Belgrade over rector dismissal"
    assert a.byline == "Milica Jovanović"
    assert a.source == "The Danube Courier"
    assert a.url == "https://courier.example.org/news/belgrade-students-occupy-university"
    assert a.published == "2024-11-18" and a.published_from == "text"
    assert a.dateline == "BELGRADE, Serbia"
    assert a.text.startswith("Hundreds of students occupied the main building")
    assert a.text.endswith("a law student who helped organise the sit-in.")
    assert_clean(a, "Copyright", "Privacy policy", "Subscribe", "Facebook", "(AP)")


def test_html_without_body_is_no_article(fixtures: Path) -> None:
    (doc,) = read_inputs([str(fixtures / "inputs" / "empty_page.html")], CONFIG)
    assert isinstance(doc, Document)
    out = segment(doc, CONFIG)
    assert isinstance(out, Failure) and out.code == "no_article"


def test_jsonl_documents_are_never_split_and_keep_their_id(fixtures: Path) -> None:
    docs = [d for d in read_inputs([str(fixtures / "inputs" / "mixed.jsonl")], CONFIG) if isinstance(d, Document)]
    results = [segment(d, CONFIG) for d in docs]
    assert all(isinstance(r, list) and len(r) == 1 for r in results)
    first, second, third = (r[0] for r in results if isinstance(r, list))
    assert first.id == "vt-001" and first.input_id == "vt-001"
    assert first.text == ("The mayor of Port Hallam met leaders of the dock workers' strike on Thursday, the first "
                          "talks since the walkout began.\n\nBoth sides said the meeting was constructive.")
    assert first.published == "2024-05-02" and first.published_from == "input"
    assert first.title == "Mayor meets protest leaders" and first.source == "Valley Times"
    # "last Friday" is not a date: kept null, not fatal
    assert second.published is None and second.published_from == "unknown"
    assert second.id == sha16(second.text) and second.input_id.endswith("mixed.jsonl:6")
    assert third.id == "42" and third.title == "Border crossing reopens"
    assert third.text.startswith("The border crossing at Dravik reopened")


def test_jsonl_published_is_normalised() -> None:
    doc = Document(input_id="a", kind="jsonl", text="Body text here.", published="2024-03-03T10:15:00Z")
    (a,) = segment(doc, CONFIG)  # type: ignore[misc]
    assert a.published == "2024-03-03T10:15:00+00:00" and a.published_from == "input"


def test_wikinews_sample_is_fast_and_one_article_per_line() -> None:
    sample = SHARED / "sample" / "wikinews.jsonl"
    if not sample.exists():
        pytest.skip("shared sample not present")
    import time

    start = time.perf_counter()
    docs = list(read_inputs([str(sample)], CONFIG))
    count = sum(len(r) for r in (segment(d, CONFIG) for d in docs if isinstance(d, Document)) if isinstance(r, list))
    assert count == 253
    assert time.perf_counter() - start < 1.0


def _norm(text: str | None) -> str:
    text = (text or "").replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


@pytest.mark.skipif(not (SEED / "gold.json").exists(), reason="shared seed not present")
@pytest.mark.parametrize("fetched", [None, FETCHED])
def test_seed_dump_meets_every_segmentation_expectation(fetched: datetime | None) -> None:
    gold = json.loads((SEED / "gold.json").read_text(encoding="utf-8"))
    arts = articles_of(SEED / gold["input"], Config(fetched=fetched))
    assert len(arts) == len(gold["articles"]) == 2
    for a, g in zip(arts, gold["articles"], strict=True):
        assert _norm(a.title) == _norm(g["title"])
        assert _norm(a.dateline) == _norm(g["dateline"])
        if g.get("credit"):
            assert _norm(g["credit"]) in _norm(a.credit)
        for s in g["summary_contains"]:
            assert any(_norm(s) in _norm(x) for x in a.summary), s
        assert _norm(a.text).startswith(_norm(g["body_starts"]))
        assert _norm(a.text).endswith(_norm(g["body_ends"]))
        for s in g["body_must_not_contain"]:
            assert not re.search(r"(?<!\w)" + re.escape(_norm(s)) + r"(?!\w)", _norm(a.text)), s
        if g["published"] is not None:
            assert a.published == g["published"] and a.published_from == "text"
        elif fetched is None:
            assert a.published is None and a.published_from == "unknown"
        else:  # "Updated 10 sec ago" + a capture time: that time minus 10 seconds
            assert a.published == "2025-08-12T09:29:50+00:00" and a.published_from == "relative"
    base = sha16((SEED / gold["input"]).read_text(encoding="utf-8"))
    assert [a.id for a in arts] == [f"{base}#1", f"{base}#2"]
