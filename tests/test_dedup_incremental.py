"""Incremental deduplication against real DuckDB stores: the same tables as a rebuild, whatever the order.

Records come from test_dedup_records.py (invented news). "Same tables" means
every row of dedup_articles (signatures included), duplicates,
article_sources, event_groups, merged_events and events.copy_of.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from test_dedup_records import harbour_story, random_batches, report

from chronicle.records import Article
from chronicle.store import Store
from chronicle.store.dedup import dedup_store

SNAPSHOT = {
    "dedup_articles": "SELECT * FROM dedup_articles ORDER BY article_id",
    "duplicates": "SELECT * FROM duplicates ORDER BY article_id",
    "article_sources": "SELECT * FROM article_sources ORDER BY article_id",
    "event_groups": "SELECT * FROM event_groups ORDER BY event_id",
    "merged_events": "SELECT * FROM merged_events ORDER BY group_id",
    "copy_of": "SELECT id, copy_of FROM events ORDER BY id",
}


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    return {name: store.conn.execute(sql).fetchall() for name, sql in SNAPSHOT.items()}


def rebuilt_copy(db: Path, tmp: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The tables a rebuild gives for the store at `db` (rebuilt in a copy of the file)."""
    other = tmp / f"rebuilt-{db.name}"
    shutil.copy(db, other)
    with Store.open(str(other)) as store:
        assert dedup_store(store, rebuild=True).rebuilt
        out = snapshot(store)
    other.unlink()
    return out


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(8))
def test_incremental_equals_rebuild_after_every_ingest(tmp_path: Path, seed: int) -> None:
    db = tmp_path / "inc.duckdb"
    batches = random_batches(seed)
    replays = 0
    for n, batch in enumerate(batches):
        with Store.open(str(db)) as store:
            store.ingest(batch)
            stats = dedup_store(store, rebuild=False)
            assert stats.rebuilt == (n == 0)  # the first run has no tables to start from
            replays += not stats.rebuilt and stats.articles_redone > 0
            got = snapshot(store)
        assert got == rebuilt_copy(db, tmp_path), f"batch {n}"
    assert replays >= len(batches) - 6
    with Store.open(str(db), read_only=True) as store:
        (copies,) = store.conn.execute("SELECT count(*) FROM duplicates").fetchall()[0]
        (merged,) = store.conn.execute("SELECT count(*) FROM merged_events WHERE num_events > 1").fetchall()[0]
    assert copies > 0 and merged > 0  # the stores do hold what is being tested


def _ingest(db: Path, batches: Sequence[Sequence[Article]]) -> dict[str, list[tuple[Any, ...]]]:
    for batch in batches:
        with Store.open(str(db)) as store:
            store.ingest(batch)
            dedup_store(store)
    with Store.open(str(db), read_only=True) as store:
        return snapshot(store)


def test_ingest_a_then_b_equals_a_and_b_at_once(tmp_path: Path) -> None:
    story = list(harbour_story().values())
    first, second = story[:3], story[3:]
    stepwise = _ingest(tmp_path / "ab.duckdb", [first, second])
    at_once = _ingest(tmp_path / "all.duckdb", [first + second])
    assert stepwise == at_once
    assert dict(at_once["duplicates"][i][:2] for i in range(len(at_once["duplicates"]))) == {
        "copy-1": "wire-1", "copy-2": "wire-1", "update-1": "wire-1"}


def test_a_late_arrival_becomes_canonical(tmp_path: Path) -> None:
    story = harbour_story()
    db = tmp_path / "late.duckdb"
    early = _ingest(db, [[story["copy-2"]]])
    assert early["duplicates"] == []
    late = _ingest(db, [[story["wire-1"]]])  # published the day before copy-2
    assert [r[:2] for r in late["duplicates"]] == [("copy-2", "wire-1")]
    assert late == rebuilt_copy(db, tmp_path)


def test_reingest_changes_nothing(tmp_path: Path) -> None:
    story = list(harbour_story().values())
    db = tmp_path / "again.duckdb"
    before = _ingest(db, [story])
    with Store.open(str(db)) as store:
        ingest = store.ingest(story)
        stats = dedup_store(store)
        after = snapshot(store)
    assert ingest.unchanged == len(story)
    assert (stats.rebuilt, stats.signed, stats.articles_redone, stats.events_redone) == (False, 0, 0, 0)
    assert after == before


def test_replaced_article_is_decided_again(tmp_path: Path) -> None:
    story = harbour_story()
    db = tmp_path / "replace.duckdb"
    before = _ingest(db, [list(story.values())])
    wire = story["wire-1"]
    rewritten = report("wire-1", "Talks between the harbour board and the union resumed on Thursday.",
                       [], "2025-03-06", "Harbour Wire")
    with Store.open(str(db)) as store:
        store.ingest([rewritten])
        # Until deduplication runs again, the reports the old version represented are listed, not hidden.
        hidden = store.conn.execute("SELECT count(*) FROM events WHERE copy_of LIKE 'wire-1:%'").fetchall()[0][0]
        assert hidden == 0
        stats = dedup_store(store)
        after = snapshot(store)
    assert not stats.rebuilt and stats.signed == 1
    assert after == rebuilt_copy(db, tmp_path)
    assert before != after
    # copy-1 (same day, next in line) is now the canonical article of the other copies
    assert {r[0]: r[1] for r in after["duplicates"]} == {"copy-2": "copy-1", "update-1": "copy-1"}
    with Store.open(str(db)) as store:  # the first version back again: stored after copy-1 now, so its copy
        store.ingest([wire])
        dedup_store(store)
        back = snapshot(store)
    assert {r[0]: r[1] for r in back["duplicates"]} == {"wire-1": "copy-1", "copy-2": "copy-1", "update-1": "copy-1"}
    assert back == rebuilt_copy(db, tmp_path)


def test_same_text_replaced_keeps_its_signature(tmp_path: Path) -> None:
    story = harbour_story()
    db = tmp_path / "recoded.duckdb"
    _ingest(db, [list(story.values())])
    # The same text, recoded: a new coder found no events, and an earlier publication date.
    recoded = dataclasses.replace(story["copy-2"], events=[], published="2025-03-03")
    with Store.open(str(db)) as store:
        assert store.ingest([recoded]).replaced == 1
        stats = dedup_store(store)
        after = snapshot(store)
    assert (stats.rebuilt, stats.signed) == (False, 0)
    assert after == rebuilt_copy(db, tmp_path)
    # published a day before wire-1 now, copy-2 is the first of the wire copies
    assert {r[0]: r[1] for r in after["duplicates"]} == {"wire-1": "copy-2", "copy-1": "copy-2", "update-1": "copy-2"}


def test_tables_of_another_layout_are_rebuilt(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    before = _ingest(db, [list(harbour_story().values())])
    with Store.open(str(db)) as store:
        store.conn.execute("DROP VIEW duplicates")
        store.conn.execute("CREATE TABLE duplicates (article_id VARCHAR PRIMARY KEY, duplicate_of VARCHAR)")
        store.conn.execute("DELETE FROM meta WHERE key = 'dedup_version'")
        stats = dedup_store(store)
        assert stats.rebuilt and stats.signed == len(harbour_story())
        assert snapshot(store) == before
        assert store.meta()["dedup_version"] == "2"


def test_mostly_new_store_is_rebuilt(tmp_path: Path) -> None:
    story = list(harbour_story().values())
    db = tmp_path / "bulk.duckdb"
    _ingest(db, [story[:1]])
    with Store.open(str(db)) as store:
        store.ingest(story[1:])
        assert dedup_store(store).rebuilt  # six of seven articles are new: a replay would redo nearly all
