"""query_events over a real store: every filter, ordering, paging and validation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.store.builders import article_a, article_b

from chronicle.errors import ChronicleError
from chronicle.query import MAX_LIMIT, EventQuery, next_cursor, query_events
from chronicle.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(str(tmp_path / "q.duckdb")) as s:
        s.ingest([article_a(), article_b()])
        yield s


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
