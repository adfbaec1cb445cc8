"""The DuckDB store against a real file: idempotence, replacement, failures, locking, round trip."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from fixtures.store.builders import TEXT_A, article_a, article_b

from chronicle.errors import ChronicleError, failure
from chronicle.records import SCHEMA_VERSION, Article, Event, Failure, Quote
from chronicle.store import IngestStats, Store
from chronicle.store.rows import article_rows
from chronicle.store.schema import TABLES


def _ingest(db: Path, items: Sequence[Article | Failure]) -> tuple[IngestStats, dict[str, int]]:
    with Store.open(str(db)) as store:
        stats = store.ingest(items)
        return stats, store.counts()


def test_round_trip_equals_record(tmp_path: Path) -> None:
    a, b = article_a(), article_b()
    with Store.open(str(tmp_path / "s.duckdb")) as store:
        store.ingest([a, b])
        assert store.article_record("art-a") == a.to_dict()
        assert store.article_record("art-b") == b.to_dict()
        assert store.article_record("missing") is None
        assert list(store.article_records()) == [a.to_dict(), b.to_dict()]
        # same key order too, so a JSON dump of the stored record is byte-identical
        assert list(store.article_record("art-a") or {}) == list(a.to_dict())


def test_every_record_field_has_a_column() -> None:
    # A field added to records.py without a column would be lost silently: fail here instead.
    rows = article_rows(article_a(), 1, datetime.now())
    columns = {t: TABLES[t] for t in rows}
    for table, table_rows in rows.items():
        for key in table_rows[0]:
            assert f"{key} " in columns[table] or f'"{key}"' in columns[table], (table, key)
    event_fields = {f.name for f in dataclasses.fields(Event)}
    assert event_fields == {"id", "type", "mode", "context", "quad", "actor", "recipient", "place", "date",
                            "size", "status", "trigger", "evidence", "mentions", "confidence", "acled"}
    assert {f.name for f in dataclasses.fields(Article)} == {
        "id", "input_id", "text", "title", "url", "source", "byline", "credit", "published",
        "published_from", "dateline", "dateline_place", "summary", "language", "entities", "places",
        "events", "quotes", "times", "coder"}
    assert {f.name for f in dataclasses.fields(Quote)} == {"text", "start", "end", "direct", "speaker", "cue"}


def test_ingest_twice_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    bad = failure("feed.jsonl", "line 3", "bad_json", "Expecting value")
    stats1, counts1 = _ingest(db, [article_a(), bad, article_b()])
    assert (stats1.new, stats1.replaced, stats1.unchanged, stats1.events) == (2, 0, 0, 4)
    assert counts1 == {"articles": 2, "entities": 3, "places": 2, "events": 4, "event_actors": 7,
                       "quotes": 2, "times": 1, "inputs": 2, "failures": 1}
    stats2, counts2 = _ingest(db, [article_a(), bad, article_b()])
    assert (stats2.new, stats2.replaced, stats2.unchanged) == (0, 0, 2)
    assert counts2 == counts1


def test_failure_seen_again_updates_last_seen(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    bad = failure("feed.jsonl", "line 3", "bad_json", "Expecting value")
    _ingest(db, [bad])
    time.sleep(0.01)
    _ingest(db, [bad, failure("feed.jsonl", "line 4", "bad_json")])
    with Store.open(str(db), read_only=True) as store:
        rows = {r["position"]: r for r in store.failures()}
    assert set(rows) == {"line 3", "line 4"}
    assert rows["line 3"]["last_seen"] > rows["line 3"]["first_seen"]
    assert rows["line 4"]["last_seen"] == rows["line 4"]["first_seen"]


def test_changed_text_replaces_article_and_its_events(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    _ingest(db, [article_a(), article_b()])
    changed = article_a(text=TEXT_A + " The army denied the report.")
    changed.events = changed.events[:1]
    changed.events[0].id = "art-a:e1"
    stats, counts = _ingest(db, [changed])
    assert (stats.new, stats.replaced, stats.unchanged) == (0, 1, 0)
    with Store.open(str(db), read_only=True) as store:
        assert store.article_record("art-a") == changed.to_dict()
        events = store.conn.execute("SELECT id FROM events WHERE article_id = 'art-a'").fetchall()
        assert events == [("art-a:e1",)]
        (orphans,) = store.conn.execute(
            "SELECT count(*) FROM event_actors WHERE event_id NOT IN (SELECT id FROM events)").fetchall()[0]
        assert orphans == 0
        assert store.article_record("art-b") == article_b().to_dict()  # the other article untouched
    assert counts["events"] == 3


def test_same_id_twice_in_one_batch_keeps_the_last(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    first, second = article_a(), article_a(text=TEXT_A + " More.")
    stats, counts = _ingest(db, [first, second])
    assert (stats.new, stats.replaced) == (1, 1)
    assert counts["articles"] == 1
    with Store.open(str(db), read_only=True) as store:
        assert store.article_record("art-a") == second.to_dict()


def test_batches_commit_separately(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    articles = [article_b(aid=f"b{i}") for i in range(5)]
    with Store.open(str(db)) as store:
        stats = store.ingest(articles, batch_size=2)
        assert stats.new == 5
        assert store.counts()["events"] == 10
        assert [r["id"] for r in store.article_records()] == [f"b{i}" for i in range(5)]


def test_failed_batch_rolls_back(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    broken = article_b(aid="broken")
    broken.events[1].id = broken.events[0].id  # duplicate event id violates the primary key

    with Store.open(str(db)) as store:
        with pytest.raises(duckdb.ConstraintException):
            store.ingest([article_a(), broken])
        assert store.counts()["articles"] == 0


def test_meta_records_schema_and_coder(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    _ingest(db, [article_a()])
    with Store.open(str(db), read_only=True) as store:
        meta = store.meta()
    assert meta["schema_version"] == str(SCHEMA_VERSION)
    assert '"events.rules.v1"' in meta["coder"]


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    Store.open(str(db)).close()
    conn = duckdb.connect(str(db))
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.close()
    with pytest.raises(ChronicleError) as err:
        Store.open(str(db))
    assert err.value.code == "store_version"
    assert "99" in str(err.value)


def test_place_basis_and_confidence_round_trip(tmp_path: Path) -> None:
    """Schema 2: an event's place says its basis; a toponym placed at home says so and how sure."""
    a = article_a()
    assert a.events[0].place is not None
    a.events[0].place = dataclasses.replace(a.events[0].place, basis="context")
    a.places[0] = dataclasses.replace(a.places[0], basis="home", confidence=0.3)
    db = tmp_path / "s.duckdb"
    _ingest(db, [a])
    with Store.open(str(db), read_only=True) as store:
        record = store.article_record("art-a")
    assert record == a.to_dict()
    assert record["events"][0]["place"]["basis"] == "context" and record["places"][0]["confidence"] == 0.3


def test_schema_1_store_is_upgraded_not_refused(tmp_path: Path) -> None:
    """Schema 2 adds place basis columns: a store written before reads and takes new records."""
    db = tmp_path / "s.duckdb"
    conn = duckdb.connect(str(db))
    for ddl in TABLES.values():  # the layout as schema 1 wrote it
        for prefix in ("", "place_"):
            ddl = ddl.replace(f', "{prefix}basis" VARCHAR, "{prefix}confidence" DOUBLE', "")
        conn.execute(ddl)
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1'), ('store_version', '1')")
    assert "place_basis" not in {r[0] for r in conn.execute("DESCRIBE events").fetchall()}
    conn.close()
    with Store.open(str(db)) as store:
        store.ingest([article_a()])
        assert store.meta()["schema_version"] == str(SCHEMA_VERSION)
    with Store.open(str(db), read_only=True) as store:
        assert store.counts()["articles"] == 1


def test_missing_store_read_only_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(ChronicleError) as err:
        Store.open(str(tmp_path / "none.duckdb"), read_only=True)
    assert err.value.code == "not_found"


def test_foreign_files_are_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database")
    with pytest.raises(ChronicleError) as err:
        Store.open(str(junk))
    assert err.value.code == "bad_store"
    other = tmp_path / "other.duckdb"
    conn = duckdb.connect(str(other))
    conn.execute("CREATE TABLE sales (x INTEGER)")
    conn.close()
    with pytest.raises(ChronicleError) as err:
        Store.open(str(other))
    assert err.value.code == "bad_store"


HOLDER = """
import sys, time, duckdb
conn = duckdb.connect(sys.argv[1])
print("ready", flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize("read_only", [False, True])
def test_store_held_by_another_process_fails_at_once(tmp_path: Path, read_only: bool) -> None:
    db = tmp_path / "s.duckdb"
    Store.open(str(db)).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        began = time.monotonic()
        with pytest.raises(ChronicleError) as err:
            Store.open(str(db), read_only=read_only)
        assert time.monotonic() - began < 5
        assert err.value.code == "store_locked"
        assert str(db) in str(err.value)
        assert f"PID {holder.pid}" in str(err.value)
    finally:
        holder.kill()
        holder.wait()


def test_a_replaced_article_never_gets_an_old_seq(tmp_path: Path) -> None:
    # (id, seq) names one stored version of an article: deduplication tells replaced articles by it.
    db = tmp_path / "s.duckdb"
    _ingest(db, [article_a(), article_b()])
    _ingest(db, [article_b(published="2025-04-12")])  # the last article replaced: it must not take seq 2 again
    with Store.open(str(db), read_only=True) as store:
        assert store.conn.execute("SELECT id, seq FROM articles ORDER BY seq").fetchall() == [("art-a", 1),
                                                                                               ("art-b", 3)]


def test_replacing_a_representative_shows_its_copies(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    _ingest(db, [article_a(), article_a("art-c")])
    with Store.open(str(db)) as store:
        # as deduplication leaves it: art-c's events are copies of art-a's
        store.conn.execute("UPDATE events SET copy_of = replace(id, 'art-c', 'art-a') WHERE article_id = 'art-c'")
        store.ingest([article_a(text=TEXT_A + " More.")])
        assert store.conn.execute("SELECT count(*) FROM events WHERE copy_of IS NOT NULL").fetchall()[0][0] == 0


def test_a_store_from_before_copy_of_gains_the_column_when_opened_for_writing(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    _ingest(db, [article_a()])
    conn = duckdb.connect(str(db))  # the layout before copy_of (DuckDB drops no column while indexes exist)
    indexes = [r[0] for r in conn.execute("SELECT sql FROM duckdb_indexes() WHERE table_name = 'events'").fetchall()]
    for name in ("events_type", "events_date", "events_article"):
        conn.execute(f"DROP INDEX {name}")
    conn.execute("ALTER TABLE events DROP COLUMN copy_of")
    for sql in indexes:
        conn.execute(sql)
    conn.close()
    with Store.open(str(db), read_only=True) as store:  # readable as it is
        assert store.article_record("art-a") == article_a().to_dict()
    with Store.open(str(db)) as store:
        columns = [r[0] for r in store.conn.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = 'events'").fetchall()]
        assert "copy_of" in columns
        assert store.article_record("art-a") == article_a().to_dict()


def test_every_input_is_named_with_the_article_it_became(tmp_path: Path) -> None:
    # issue 12: two inputs with the same text are one article; the second input is still recorded,
    # linked to the stored article, and counted as a copy in this run's stats
    a = article_a()
    again = dataclasses.replace(article_a(), input_id="mirror/a-copy.txt")
    with Store.open(str(tmp_path / "s.duckdb")) as store:
        first = store.ingest([a, article_b()])
        assert (first.copies, sorted(first.written)) == (0, ["art-a", "art-b"])
        second = store.ingest([again])
        assert (second.new, second.unchanged, second.copies, second.written) == (0, 1, 1, [])
        rows = {(r["input"], r["article_id"], r["outcome"]) for r in store.inputs()}
        assert rows == {("news/a.txt", "art-a", "article"), ("feed.jsonl:2", "art-b", "article"),
                        ("mirror/a-copy.txt", "art-a", "copy")}
        third = store.ingest([a])  # the same input read again is no copy
        assert third.copies == 0 and len(store.inputs()) == 3


def test_a_schema_1_store_is_read_and_upgraded(tmp_path: Path) -> None:
    # schema 2 adds date.basis: a schema-1 store still reads (basis inferred), and opening it for
    # writing adds the column and fills it in
    db = str(tmp_path / "old.duckdb")
    with Store.open(db) as store:
        store.ingest([article_a()])
        for index in ("events_type", "events_date", "events_article"):  # DuckDB drops no indexed table's column
            store.conn.execute(f"DROP INDEX {index}")
        store.conn.execute("ALTER TABLE events DROP COLUMN date_basis")
        store.set_meta({"schema_version": "1"})
    with Store.open(db, read_only=True) as store:
        dates = [e["date"] for e in store.article_record("art-a")["events"]]  # type: ignore[index]
        assert [d["basis"] for d in dates] == ["text", "unknown"]
    with Store.open(db) as store:
        assert store.meta()["schema_version"] == "2"
        assert store.conn.execute("SELECT date_basis FROM events ORDER BY idx").fetchall() == [("text",), ("unknown",)]
