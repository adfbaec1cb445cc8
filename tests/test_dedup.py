"""Near-duplicate articles and merged events: copies collapse, distinct happenings stay apart."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from test_dedup_records import harbour_story

from chronicle.config import Config
from chronicle.dedup.articles import find_copies, shingles, signature, similarity
from chronicle.dedup.events import EventInfo, Party, PlaceInfo, group_events, representative, same_happening
from chronicle.store import Store
from chronicle.store.dedup import dedup_store, merged_event

REPORTS = Path(__file__).parent / "fixtures" / "scale" / "reports.jsonl"

WIRE = ("Kenyan police arrested 40 protesters in Nairobi on Tuesday after a march against rising fuel prices "
        "turned violent, officials said. The demonstrators had gathered outside the parliament building before "
        "officers fired tear gas to disperse them. Opposition leaders called for further demonstrations.")
OTHER = ("Dozens of demonstrators were detained in the Kenyan capital during a protest over fuel costs, "
         "witnesses said, after the crowd marched through the city centre for several hours.")


def test_copies_are_similar_and_other_reports_are_not() -> None:
    copy = "UPDATED: " + WIRE.replace("officials said", "officials told reporters")
    assert similarity(signature(WIRE), signature(copy)) > 0.7
    assert similarity(signature(WIRE), signature(OTHER)) < 0.2
    assert shingles("a b c") == {b"a b c"} and len(shingles(WIRE)) > 30


def test_copies_point_at_the_first_and_old_articles_leave_the_window() -> None:
    sig = signature(WIRE)
    copies = list(find_copies([("a", 0, 1, sig), ("b", 0, 2, signature(OTHER)), ("c", 1, 3, sig), ("d", 30, 4, sig)]))
    assert [(c.article_id, c.duplicate_of) for c in copies] == [("c", "a")]  # d is a month later


NAIROBI = PlaceInfo("Nairobi", "KEN", "Nairobi County", -1.283, 36.817, 4)
THIKA = PlaceInfo("Thika", "KEN", "Kiambu", -1.033, 37.069, 4)  # ~40 km from Nairobi, another county
MOMBASA = PlaceInfo("Mombasa", "KEN", "Mombasa County", -4.055, 39.664, 4)
POLICE = Party("Kenyan police", "KEN", "COP")
GOVERNMENT = Party("Kenyan government", "KEN", "GOV")
CROWD = Party("protesters", "KEN", "CVL")


def event(eid: str, day: int, place: PlaceInfo | None = NAIROBI, actors: tuple[Party, ...] = (POLICE,),
          recipients: tuple[Party, ...] = (CROWD,), type_: str = "COERCE", status: str = "asserted",
          source: str = "s") -> EventInfo:
    d = date(2025, 3, day)
    return EventInfo(id=eid, article_id=eid.split(":")[0], type=type_, mode="arrest", status=status, start=d,
                     end=d, place=place, actors=actors, recipients=recipients, source=source)


def test_same_happening_rules() -> None:
    a = event("a:e1", 4)
    assert "same region Nairobi County" in (same_happening(a, event("b:e1", 5, actors=(GOVERNMENT,))) or "")
    assert same_happening(a, event("b:e1", 5, place=THIKA)) is not None  # within 50 km
    assert same_happening(a, event("b:e1", 4, place=MOMBASA)) is None  # another region, 440 km
    assert same_happening(a, event("b:e1", 7)) is None  # three days later: another happening
    assert same_happening(a, event("b:e1", 4, type_="ASSAULT")) is None
    assert same_happening(a, event("b:e1", 4, status="planned")) is None
    assert same_happening(a, event("b:e1", 4, status="alleged")) is not None
    assert same_happening(a, event("b:e1", 4, recipients=(Party("dock workers", "KEN", "LAB"),))) is None
    # nothing positively shared (no place, no parties): not merged on type and date alone
    assert same_happening(event("a:e1", 4, None, (), ()), event("b:e1", 4, None, (), ())) is None


def test_groups_are_led_by_the_first_and_do_not_chain() -> None:
    events = sorted([event("a:e1", 4, source="x"), event("b:e1", 5, source="y"), event("c:e1", 6, source="z"),
                     event("d:e1", 4, MOMBASA)], key=lambda e: (e.type, e.start))
    groups = {g.group_id: [m.id for m, _ in g.members] for g in group_events(events)}
    # c is 2 days after a (joins); with chaining through b it would join even further away
    assert groups == {"a:e1": ["b:e1", "c:e1"], "d:e1": []}
    far = [event("a:e1", 4), event("b:e1", 6), event("c:e1", 8)]
    assert {g.group_id: [m.id for m, _ in g.members] for g in group_events(far)} == {
        "a:e1": ["b:e1"], "c:e1": []}


@pytest.mark.model
def test_store_dedup_on_invented_reports(tmp_path: Path) -> None:
    from chronicle.pipeline import process

    with Store.open(str(tmp_path / "d.duckdb")) as store:
        store.ingest(process([str(REPORTS)], Config(), progress=False))
        stats = dedup_store(store)
        assert stats.copies == 1
        assert store.conn.execute("SELECT * FROM duplicates").fetchall() == [("copy-1", "wire-1", pytest.approx(
            store.conn.execute("SELECT similarity FROM duplicates").fetchall()[0][0]))]
        sources = dict(store.conn.execute("SELECT article_id, num_sources FROM article_sources").fetchall())
        assert sources["wire-1"] == 2 and "copy-1" not in sources
        arrests = store.conn.execute(
            """SELECT m.group_id, m.num_articles, m.num_sources, m.place_name FROM merged_events m
               WHERE m.type = 'COERCE' AND m.num_articles > 1""").fetchall()
        # the wire story, its copy and the other newsroom's report are one arrest; Mombasa stays apart
        assert [(n, s, p) for _, n, s, p in arrests] == [(3, 3, "Nairobi")]
        detail = merged_event(store, arrests[0][0])
        assert detail is not None and [m["article_id"] for m in detail["mentions"]] == ["wire-1", "copy-1", "other-1"]
        assert all(m["evidence"] for m in detail["mentions"]) and detail["mentions"][0]["reason"] == "leader"
        mombasa = store.conn.execute("SELECT num_articles FROM merged_events "
                                     "WHERE place_name = 'Mombasa' AND type = 'COERCE'").fetchall()
        assert mombasa == [(1,)]
        lyon = store.conn.execute("SELECT num_articles FROM merged_events m JOIN event_groups g "
                                  "ON g.group_id = m.group_id WHERE g.article_id = 'lyon-1'").fetchall()
        assert {n for (n,) in lyon} == {1}
        before = store.conn.execute("SELECT * FROM merged_events ORDER BY group_id").fetchall()
        assert dedup_store(store).signed == 0  # signatures are kept; the groups come out the same
        assert store.conn.execute("SELECT * FROM merged_events ORDER BY group_id").fetchall() == before


def test_harbour_story_copies_collapse_and_distinct_events_stay_apart(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "h.duckdb")) as store:
        store.ingest(harbour_story().values())
        stats = dedup_store(store)
        assert (stats.rebuilt, stats.copies) == (True, 3)
        copies = dict(store.conn.execute("SELECT article_id, duplicate_of FROM duplicates").fetchall())
        assert copies == {"copy-1": "wire-1", "copy-2": "wire-1", "update-1": "wire-1"}
        (sources,) = store.conn.execute(
            "SELECT sources FROM article_sources WHERE article_id = 'wire-1'").fetchall()[0]
        assert sources == ["Harbour Wire", "Lakeside Daily", "coastherald.example"]  # copy-2 named by its host
        groups = {r[0]: r[1:] for r in store.conn.execute(
            """SELECT group_id, type, num_events, num_articles, num_sources, representative, event_ids
               FROM merged_events""").fetchall()}
        # the wire story, its copies, its update and another newsroom's account: one arrest
        assert groups["wire-1:e1"] == ("COERCE", 5, 5, 4, "wire-1:e1",
                                       ["wire-1:e1", "copy-1:e1", "copy-2:e1", "update-1:e1", "other-1:e1"])
        assert groups["wire-1:e2"][:4] == ("PROTEST", 3, 3, 2)  # wire-1, copy-2, update-1 (two of them Harbour Wire)
        # same type, same kind of parties: another country the same day, the same port ten days later
        assert groups["dravik-1:e1"][1] == groups["later-1:e1"][1] == 1
        assert len(groups) == 4 and stats.merged == 2 and stats.events == 10
        copy_of = dict(store.conn.execute("SELECT id, copy_of FROM events").fetchall())
        assert copy_of == {"wire-1:e1": None, "wire-1:e2": None, "copy-1:e1": "wire-1:e1",
                           "copy-2:e1": "wire-1:e1", "copy-2:e2": "wire-1:e2", "update-1:e1": "wire-1:e1",
                           "update-1:e2": "wire-1:e2", "other-1:e1": "wire-1:e1", "dravik-1:e1": None,
                           "later-1:e1": None}
        detail = merged_event(store, "wire-1:e1")
        assert detail is not None and detail["representative"] == "wire-1:e1"
        assert [m["reason"].split(";")[0] for m in detail["mentions"]][:2] == ["leader", "same type COERCE"]


def test_representative_is_the_earliest_published_then_the_smallest_id() -> None:
    def at(eid: str, published: str | None) -> EventInfo:
        return dataclasses.replace(event(eid, 4), published=published)

    # 09:30 at UTC+2 is 07:30 UTC, before 08:00 UTC; an unknown date comes last; ties go to the smaller id
    assert representative([at("a:e1", "2025-03-04T08:00:00Z"), at("b:e1", "2025-03-04T09:30:00+02:00")]).id == "b:e1"
    assert representative([at("a:e1", None), at("b:e1", "2025-03-09")]).id == "b:e1"
    assert representative([at("b:e1", "2025-03-04"), at("a:e1", "2025-03-04")]).id == "a:e1"
    assert representative([at("b:e1", "not a date"), at("a:e1", None)]).id == "a:e1"
