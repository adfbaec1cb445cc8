"""Reading and writing the deduplication tables of a store (see the package docstring).

Runs in the process that holds the store for writing (DuckDB's one writer):
`dedup_store(store)` after `Store.ingest`. Signatures are computed once per
article text and kept; copies and event groups are rebuilt whole in one
transaction, streaming the store in date order so memory stays bounded by the
windows of articles.py and events.py, not by the size of the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa

from chronicle.dedup.articles import find_copies, signature
from chronicle.dedup.events import EventInfo, Group, Party, PlaceInfo, group_events
from chronicle.errors import ChronicleError
from chronicle.store import Store
from chronicle.store.schema import DERIVED_TABLES

_CHUNK = 500
_FLUSH = 10_000
DERIVED = ("article_signatures", "duplicates", "article_sources", "event_groups", "merged_events")

# Who published an article: its source name, else its URL's host without "www.", else "unknown".
SOURCE_SQL = """coalesce(nullif(trim({a}.source), ''),
    nullif(regexp_replace(regexp_extract(lower({a}.url), '^[a-z][a-z0-9+.-]*://([^/:?#]+)', 1), '^www\\.', ''), ''),
    'unknown')"""


@dataclass
class DedupStats:
    signed: int = 0  # articles whose signature was computed in this run
    copies: int = 0  # articles that duplicate an earlier one
    events: int = 0
    merged: int = 0  # groups of more than one event


def dedup_store(store: Store) -> DedupStats:
    """Recompute copies and event groups for everything in `store` (opened for writing)."""
    if store.read_only:
        raise ChronicleError("bad_argument", "deduplication needs the store opened for writing")
    for table in DERIVED:  # made on the first run
        store.conn.execute(DERIVED_TABLES[table])
    stats = DedupStats()
    stats.signed = _sign_new(store)
    stats.copies = _write_copies(store)
    stats.events, stats.merged = _write_groups(store)
    return stats


def _sign_new(store: Store) -> int:
    conn = store.conn
    todo = [r[0] for r in conn.execute(
        """SELECT a.id FROM articles a LEFT JOIN article_signatures s ON s.article_id = a.id
           WHERE s.text_hash IS DISTINCT FROM a.text_hash ORDER BY a.seq""").fetchall()]
    conn.begin()
    try:
        conn.execute("DELETE FROM article_signatures WHERE article_id NOT IN (SELECT id FROM articles)")
        for start in range(0, len(todo), _CHUNK):
            ids = todo[start:start + _CHUNK]
            rows = conn.execute("SELECT id, text_hash, text FROM articles WHERE id IN (SELECT unnest($ids))",
                                {"ids": ids}).fetchall()
            conn.execute("DELETE FROM article_signatures WHERE article_id IN (SELECT unnest($ids))", {"ids": ids})
            batch = pa.table({
                "article_id": [r[0] for r in rows], "text_hash": [r[1] for r in rows],
                "signature": pa.array([signature(r[2] or "").astype("<u8").tobytes() for r in rows], pa.binary()),
            })
            _insert(conn, "article_signatures", batch)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return len(todo)


def _insert(conn: Any, table: str, batch: pa.Table) -> None:
    conn.register("_chronicle_dedup", batch)
    conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _chronicle_dedup")
    conn.unregister("_chronicle_dedup")


def _signatures(cursor: Any) -> Iterator[tuple[str, int, np.ndarray]]:
    result = cursor.execute(
        """SELECT s.article_id,
                  date_diff('day', DATE '1970-01-01',
                            coalesce(try_cast(substr(a.published, 1, 10) AS DATE), CAST(a.ingested_at AS DATE))),
                  s.signature
           FROM article_signatures s JOIN articles a ON a.id = s.article_id
           ORDER BY 2, a.seq""")
    while rows := result.fetchmany(_CHUNK):
        for article_id, day, blob in rows:
            yield article_id, int(day), np.frombuffer(blob, dtype="<u8")


def _write_copies(store: Store) -> int:
    conn = store.conn
    copies = list(find_copies(_signatures(conn.cursor())))  # only the copies are held, not the articles
    conn.begin()
    try:
        conn.execute("DELETE FROM duplicates")
        conn.execute("DELETE FROM article_sources")
        if copies:
            _insert(conn, "duplicates", pa.table({
                "article_id": [c.article_id for c in copies], "duplicate_of": [c.duplicate_of for c in copies],
                "similarity": pa.array([c.similarity for c in copies], pa.float64())}))
        conn.execute(f"""INSERT INTO article_sources
            SELECT canonical, count(*), count(DISTINCT src), list(DISTINCT src ORDER BY src)
            FROM (SELECT coalesce(d.duplicate_of, a.id) AS canonical, {SOURCE_SQL.format(a="a")} AS src
                  FROM articles a LEFT JOIN duplicates d ON d.article_id = a.id)
            GROUP BY canonical""")
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return len(copies)


# Event date used for grouping: the coded date when it is precise enough, else (no date at all)
# the article's publication day, since news reports what happened within a day or two.
_EVENTS_SQL = f"""
WITH parties AS (
    SELECT event_id, list(struct_pack(role := role, name := coalesce(name, text), country := country,
                                      sector := sector) ORDER BY role, idx) AS parties
    FROM event_actors GROUP BY event_id),
dated AS (
    SELECT e.*, a.seq, {SOURCE_SQL.format(a="a")} AS src,
           CASE WHEN e.precision IN ('day', 'week', 'month') THEN try_cast(e.date_start AS DATE)
                WHEN e.date_start IS NULL THEN try_cast(substr(a.published, 1, 10) AS DATE) END AS d0,
           CASE WHEN e.precision IN ('day', 'week', 'month')
                THEN coalesce(try_cast(e.date_end AS DATE), try_cast(e.date_start AS DATE))
                WHEN e.date_start IS NULL THEN try_cast(substr(a.published, 1, 10) AS DATE) END AS d1
    FROM events e JOIN articles a ON a.id = e.article_id)
SELECT d.id, d.article_id, d.type, d.mode, d.status, d.d0, d.d1, d.place_name, d.place_country,
       d.place_admin1, d.place_lat, d.place_lon, d.place_resolution, d.place_text, d.src,
       coalesce(json_array_length(d.mentions), 0) + 1, p.parties
FROM dated d LEFT JOIN parties p ON p.event_id = d.id
ORDER BY d.type, d.d0 NULLS LAST, d.seq, d.idx
"""


def _event_infos(cursor: Any) -> Iterator[EventInfo]:
    result = cursor.execute(_EVENTS_SQL)
    while rows := result.fetchmany(_CHUNK):
        for r in rows:
            (eid, aid, etype, mode, status, d0, d1, pname, pcountry, padmin1, plat, plon, pres, ptext,
             src, mentions, parties) = r
            place = None
            if ptext is not None:
                place = PlaceInfo(name=pname or ptext, country=pcountry, admin1=padmin1, lat=plat, lon=plon,
                                  resolution=pres)
            parties = parties or []
            yield EventInfo(
                id=eid, article_id=aid, type=etype, mode=mode, status=status,
                start=d0 if isinstance(d0, date) else None, end=d1 if isinstance(d1, date) else None,
                place=place,
                actors=tuple(Party(p["name"], p["country"], p["sector"]) for p in parties if p["role"] == "actor"),
                recipients=tuple(Party(p["name"], p["country"], p["sector"]) for p in parties
                                 if p["role"] == "recipient"),
                source=src, mentions=int(mentions))


def _group_rows(g: Group) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    members = [(g.leader, "leader"), *g.members]
    links = [{"event_id": e.id, "group_id": g.group_id, "article_id": e.article_id, "reason": why}
             for e, why in members]
    events = [e for e, _ in members]
    sources = sorted({e.source for e in events})
    starts = [e.start for e in events if e.start]
    ends = [e.end for e in events if e.end]
    place = g.leader.place or next((e.place for e in events if e.place), None)
    merged = {
        "group_id": g.group_id, "type": g.leader.type, "mode": g.leader.mode, "status": g.leader.status,
        "date_start": min(starts).isoformat() if starts else None,
        "date_end": max(ends).isoformat() if ends else None,
        "place_name": place.name if place else None, "place_country": place.country if place else None,
        "place_admin1": place.admin1 if place else None, "place_lat": place.lat if place else None,
        "place_lon": place.lon if place else None, "num_events": len(events),
        "num_articles": len({e.article_id for e in events}), "num_sources": len(sources),
        "num_mentions": sum(e.mentions for e in events), "sources": sources,
        "event_ids": [e.id for e in events],
    }
    return links, merged


_MERGED_SCHEMA = pa.schema([
    ("group_id", pa.string()), ("type", pa.string()), ("mode", pa.string()), ("status", pa.string()),
    ("date_start", pa.string()), ("date_end", pa.string()), ("place_name", pa.string()),
    ("place_country", pa.string()), ("place_admin1", pa.string()), ("place_lat", pa.float64()),
    ("place_lon", pa.float64()), ("num_events", pa.int32()), ("num_articles", pa.int32()),
    ("num_sources", pa.int32()), ("num_mentions", pa.int32()), ("sources", pa.list_(pa.string())),
    ("event_ids", pa.list_(pa.string())),
])
_LINK_SCHEMA = pa.schema([("event_id", pa.string()), ("group_id", pa.string()), ("article_id", pa.string()),
                          ("reason", pa.string())])


def _write_groups(store: Store) -> tuple[int, int]:
    conn = store.conn
    links: list[dict[str, Any]] = []
    merged: list[dict[str, Any]] = []
    n_events = n_merged = 0
    conn.begin()
    try:
        conn.execute("DELETE FROM event_groups")
        conn.execute("DELETE FROM merged_events")
        # A second connection reads while this one writes: DuckDB allows no new statement on a
        # connection whose result is still being fetched.
        for group in group_events(_event_infos(conn.cursor())):
            group_links, row = _group_rows(group)
            links.extend(group_links)
            merged.append(row)
            n_events += len(group_links)
            n_merged += len(group_links) > 1
            if len(links) >= _FLUSH:
                _flush(conn, links, merged)
                links, merged = [], []
        _flush(conn, links, merged)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return n_events, n_merged


def _flush(conn: Any, links: Sequence[dict[str, Any]], merged: Sequence[dict[str, Any]]) -> None:
    if links:
        _insert(conn, "event_groups", pa.Table.from_pylist(list(links), schema=_LINK_SCHEMA))
    if merged:
        _insert(conn, "merged_events", pa.Table.from_pylist(list(merged), schema=_MERGED_SCHEMA))


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
