"""query_events over a real store: every filter, ordering, paging and validation; merged events listed once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.store.builders import article_a, article_b
from test_dedup_records import harbour_story

from chronicle.errors import ChronicleError
from chronicle.query import MAX_LIMIT, EventQuery, deduplicated, next_cursor, query_events
from chronicle.store import Store
from chronicle.store.dedup import dedup_store

# `store` (conftest.py): a real store in tmp_path holding article_a and article_b.


def ids(store: Store, **kw: object) -> list[str]:
    return [e["id"] for e in query_events(store.conn, EventQuery(**kw))]  # type: ignore[arg-type]


def test_all_events_newest_first_undated_last(store: Store) -> None:
    assert ids(store) == ["art-b:e2", "art-a:e1", "art-a:e2", "art-b:e1"]


def test_result_is_the_spec_event_plus_article(store: Store) -> None:
    (event,) = query_events(store.conn, EventQuery(type="assault"))
    expected = article_a().events[0].to_dict()
    assert {k: v for k, v in event.items() if k not in ("article_id", "title")} == expected
    assert event["article_id"] == "art-a"
    assert event["title"] == "Market attack in Dorrin"


def test_country_matches_actor_recipient_or_place(store: Store) -> None:
    # OST only as actor of the ACCUSE; KLV as actor, recipient and place; VRA as actor and place
    assert ids(store, country="ost") == ["art-a:e2"]
    assert set(ids(store, country="KLV")) == {"art-a:e1", "art-a:e2"}
    assert set(ids(store, country="VRA")) == {"art-b:e1", "art-b:e2"}
    assert ids(store, country="FRA") == []


def test_country_via_place_only(tmp_path: Path) -> None:
    article = article_b()
    for event in article.events:
        for party in event.actor + event.recipient:
            party.country = None
    with Store.open(str(tmp_path / "p.duckdb")) as s:
        s.ingest([article])
        assert set(ids(s, country="VRA")) == {"art-b:e1", "art-b:e2"}


def test_type_mode_status(store: Store) -> None:
    assert ids(store, type="PROTEST") == ["art-b:e1"]
    assert ids(store, mode="Arrest") == ["art-b:e2"]
    assert ids(store, status="alleged") == ["art-a:e2"]


def test_actor_matches_name_or_text_in_any_case(store: Store) -> None:
    assert set(ids(store, actor="kelvanian")) == {"art-a:e1", "art-a:e2"}  # actor of one, recipient of other
    assert ids(store, actor="ORGANISERS") == ["art-b:e2"]
    assert ids(store, actor="Soldiers of") == ["art-a:e1"]  # text, not name
    assert ids(store, actor="%") == []  # no LIKE wildcards


def test_since_until_compare_event_start(store: Store) -> None:
    assert ids(store, since="2025-03-04") == ["art-b:e2"]
    assert ids(store, until="2025-03-03") == ["art-a:e1"]
    assert ids(store, since="2025-03", until="2025-03") == ["art-a:e1"]
    assert ids(store, since="2025") == ["art-b:e2", "art-a:e1"]
    assert ids(store, until="2025-04-06") == ["art-a:e1"]


def test_text_searches_evidence(store: Store) -> None:
    assert ids(store, text="MARCHED through") == ["art-b:e1"]
    assert ids(store, text="inquiry") == ["art-a:e2"]
    assert ids(store, text="'; DROP TABLE events; --") == []
    assert store.counts()["events"] == 4


def test_order_by_confidence(store: Store) -> None:
    assert ids(store, order="confidence") == ["art-b:e1", "art-a:e1", "art-a:e2", "art-b:e2"]


@pytest.mark.parametrize("order", ["date", "confidence"])
def test_cursor_pages_cover_everything_once(store: Store, order: str) -> None:
    everything = ids(store, order=order)
    seen: list[str] = []
    cursor = None
    while True:
        page = query_events(store.conn, EventQuery(limit=1, cursor=cursor, order=order))
        if not page:
            break
        seen.extend(e["id"] for e in page)
        cursor = next_cursor(page[-1], order)
    assert seen == everything


def test_offset_and_limit(store: Store) -> None:
    assert ids(store, limit=2) == ["art-b:e2", "art-a:e1"]
    assert ids(store, limit=2, offset=2) == ["art-a:e2", "art-b:e1"]
    assert EventQuery(limit=10**9).limit == MAX_LIMIT


@pytest.mark.parametrize("kw", [
    {"type": "FIGHT"}, {"country": "Mali"}, {"country": "ML"}, {"since": "03/04/2025"},
    {"until": "2025-02-30"}, {"since": "2025-05-01", "until": "2025-04-01"}, {"limit": 0}, {"offset": -1},
    {"status": "rumoured"}, {"order": "title"}, {"cursor": "not-a-cursor"},
])
def test_bad_arguments(kw: dict[str, object]) -> None:
    with pytest.raises(ChronicleError) as err:
        EventQuery(**kw)  # type: ignore[arg-type]
    assert err.value.code == "bad_argument"


def test_cursor_of_another_order_is_refused(store: Store) -> None:
    page = query_events(store.conn, EventQuery(limit=1, order="confidence"))
    with pytest.raises(ChronicleError):
        EventQuery(cursor=next_cursor(page[0], "confidence"), order="date")


# --- duplicate awareness: a deduplicated store lists each happening once -------------------------------


@pytest.fixture
def harbour(tmp_path: Path) -> Iterator[Store]:
    with Store.open(str(tmp_path / "h.duckdb")) as s:
        s.ingest(harbour_story().values())
        dedup_store(s)
        yield s


def test_each_happening_is_listed_once_by_its_representative(harbour: Store) -> None:
    listed = query_events(harbour.conn, EventQuery())
    assert [e["id"] for e in listed] == ["later-1:e1", "dravik-1:e1", "wire-1:e1", "wire-1:e2"]  # same day: by id
    arrest = listed[2]
    assert (arrest["group_id"], arrest["num_articles"], arrest["num_sources"]) == ("wire-1:e1", 5, 4)
    assert (listed[0]["num_articles"], listed[0]["num_sources"]) == (1, 1)
    # The event itself is the SPEC record, untouched; the merge counts sit beside it like article_id.
    extra = ("article_id", "title", "group_id", "num_articles", "num_sources")
    assert {k: v for k, v in arrest.items() if k not in extra} == harbour_story()["wire-1"].events[0].to_dict()


def test_all_copies_lists_every_report(harbour: Store) -> None:
    every = query_events(harbour.conn, EventQuery(copies=True))
    assert len(every) == 10
    arrests = [e for e in every if e["group_id"] == "wire-1:e1"]
    assert sorted(e["article_id"] for e in arrests) == ["copy-1", "copy-2", "other-1", "update-1", "wire-1"]
    assert {(e["num_articles"], e["num_sources"]) for e in arrests} == {(5, 4)}
    with pytest.raises(ChronicleError):
        EventQuery(copies="yes")  # type: ignore[arg-type]


def test_filters_select_among_representatives(harbour: Store) -> None:
    # "rounded up" is only in another newsroom's report of the arrests, not in the representative's sentence
    assert ids(harbour, text="rounded up") == []
    assert ids(harbour, text="rounded up", copies=True) == ["other-1:e1"]
    assert ids(harbour, country="OST") == ["dravik-1:e1"]
    assert ids(harbour, type="COERCE", since="2025-03-04", until="2025-03-05") == ["dravik-1:e1", "wire-1:e1"]


def test_paging_a_collapsed_listing_covers_each_happening_once(harbour: Store) -> None:
    everything = ids(harbour)
    seen: list[str] = []
    cursor = None
    while page := query_events(harbour.conn, EventQuery(limit=1, cursor=cursor)):
        seen.extend(e["id"] for e in page)
        cursor = next_cursor(page[-1])
    assert seen == everything
    assert ids(harbour, limit=2, offset=2) == everything[2:]


def test_events_stored_since_the_last_deduplication_are_listed(harbour: Store) -> None:
    harbour.ingest([article_b()])  # no dedup_store: its events are in no group yet
    fresh = [e for e in query_events(harbour.conn, EventQuery()) if e["article_id"] == "art-b"]
    assert [(e["group_id"], e["num_articles"], e["num_sources"]) for e in fresh] == [(None, None, None)] * 2


def test_a_store_never_deduplicated_lists_every_event_without_merge_keys(store: Store) -> None:
    assert deduplicated(store.conn) is False
    events = query_events(store.conn, EventQuery())
    assert len(events) == 4 and all("group_id" not in e for e in events)
