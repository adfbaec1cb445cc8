"""The deduplication step of a store: `dedup_store(store)` after `Store.ingest` (see the package docstring).

Runs in the process that holds the store for writing (DuckDB's one writer),
in one transaction: readers see the tables before or after a run, never
half-way. Incremental by default (incremental.py, regroup.py: only what the
ingest changed is decided again, with the result a rebuild would give); the whole
store is rebuilt (rebuild.py) when the tables are missing or of another
DEDUP_VERSION, when most of the store changed since the last run, or on
request.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from chronicle.dedup.incremental import article_changes, update_articles
from chronicle.dedup.rebuild import rebuild_articles, rebuild_groups
from chronicle.dedup.regroup import update_groups
from chronicle.errors import ChronicleError
from chronicle.store import Store
from chronicle.store.schema import DEDUP_VERSION, DERIVED_TABLES, OLD_DERIVED

# Rebuild rather than replay when more than this share of the articles changed since the last run
# (both give the same tables; a replay of nearly everything only costs more).
REBUILD_SHARE = 0.5


@dataclass
class DedupStats:
    signed: int = 0  # article signatures computed in this run (unchanged texts keep theirs)
    copies: int = 0  # articles in the store that duplicate an earlier one
    events: int = 0  # events grouped (every event in the store)
    merged: int = 0  # merged events in the store: groups of more than one event
    rebuilt: bool = False  # True: every decision was made again; False: only around what changed
    articles_redone: int = 0  # articles the copy stream placed again in this run (all of them on a rebuild)
    events_redone: int = 0  # new events, and stored ones whose group changed (all of them on a rebuild)


def dedup_store(store: Store, rebuild: bool | None = None) -> DedupStats:
    """Bring copies and event groups up to date with `store` (opened for writing).

    `rebuild`: None decides (see the module docstring), True rebuilds every table, False replays
    only the changes (still rebuilding when the tables are missing or of another version).
    """
    if store.read_only:
        raise ChronicleError("bad_argument", "deduplication needs the store opened for writing")
    conn = store.conn
    stats = DedupStats()
    conn.begin()
    try:
        current = _tables_current(store)
        if not current:
            _recreate(store)
        changes = article_changes(conn) if current and rebuild is not True else None
        if changes is not None and rebuild is None:
            (total,) = conn.execute("SELECT count(*) FROM articles").fetchall()[0]
            if len(changes) > REBUILD_SHARE * max(int(total), 1):
                changes = None
        if changes is None:
            stats.rebuilt = True
            stats.signed = rebuild_articles(conn)
            rebuild_groups(conn)
            stats.articles_redone, stats.events_redone = _totals(conn)[:2]
        else:
            stats.signed, stats.articles_redone = update_articles(conn, changes)
            stats.events_redone = update_groups(conn, changes)
        _, stats.events, stats.copies, stats.merged = _totals(conn)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return stats


def _tables_current(store: Store) -> bool:
    present = {r[0] for r in store.conn.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' "
        "UNION ALL SELECT view_name FROM duckdb_views() WHERE schema_name = 'main'").fetchall()}
    return set(DERIVED_TABLES) <= present and store.meta().get("dedup_version") == str(DEDUP_VERSION)


def _recreate(store: Store) -> None:
    conn = store.conn
    views = {r[0] for r in conn.execute("SELECT view_name FROM duckdb_views() WHERE schema_name = 'main'").fetchall()}
    for name in (*DERIVED_TABLES, *OLD_DERIVED):  # `duplicates` was a table in DEDUP_VERSION 1, is a view now
        conn.execute(f"DROP {'VIEW' if name in views else 'TABLE'} IF EXISTS {name}")
    for ddl in DERIVED_TABLES.values():
        conn.execute(ddl)
    store.set_meta({"dedup_version": str(DEDUP_VERSION)})


def run_totals(conn: Any, article_ids: Sequence[str]) -> tuple[int, int]:
    """What deduplication did with the articles of one ingest run: (how many of them copy an earlier
    article, how many of their events joined a merged event reported by another article too)."""
    if not article_ids:
        return 0, 0
    params = {"ids": list(article_ids)}
    (copies,) = conn.execute("SELECT count(*) FROM dedup_articles WHERE canonical <> article_id "
                             "AND article_id IN (SELECT unnest($ids))", params).fetchall()[0]
    (merged,) = conn.execute("""
        SELECT count(*) FROM event_groups g JOIN merged_events m ON m.group_id = g.group_id
        WHERE g.article_id IN (SELECT unnest($ids)) AND m.num_articles > 1""", params).fetchall()[0]
    return int(copies), int(merged)


def _totals(conn: Any) -> tuple[int, int, int, int]:
    """(articles, events grouped, copies, merged events of more than one event) in the tables now."""
    articles, copies = conn.execute(
        "SELECT count(*), count(*) FILTER (WHERE canonical <> article_id) FROM dedup_articles").fetchall()[0]
    events, merged = conn.execute(
        "SELECT coalesce(sum(num_events), 0), count(*) FILTER (WHERE num_events > 1) FROM merged_events").fetchall()[0]
    return int(articles), int(events), int(copies), int(merged)


def merged_event(store: Store, group_id: str) -> dict[str, Any] | None:
    """One merged event with every member event's evidence and why it joined (for explaining a count)."""
    rows = store.conn.execute("SELECT * FROM merged_events WHERE group_id = ?", [group_id]).fetchall()
    if not rows:
        return None
    names = [d[0] for d in store.conn.description or []]
    out = dict(zip(names, rows[0], strict=True))
    out["mentions"] = [
        {"event_id": eid, "article_id": aid, "reason": why, "evidence": ev, "source": src, "url": url,
         "other_mentions": json.loads(m) if m else []}
        for eid, aid, why, ev, src, url, m in store.conn.execute(
            """SELECT g.event_id, g.article_id, g.reason, e.evidence_text, a.source, a.url, e.mentions
               FROM event_groups g JOIN events e ON e.id = g.event_id JOIN articles a ON a.id = g.article_id
               WHERE g.group_id = ? ORDER BY a.seq, e.idx""", [group_id]).fetchall()]
    return out
