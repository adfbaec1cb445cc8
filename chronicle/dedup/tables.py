"""SQL and row shapes shared by the rebuild (`rebuild.py`) and the incremental path (`incremental.py`).

Reads `articles`, `events` and `event_actors`; writes the derived tables of
chronicle.store.schema.DERIVED_TABLES and `events.copy_of`, always through the
caller's connection and inside the caller's transaction.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import pyarrow as pa

from chronicle.dedup.events import EventInfo, Group, Party, PlaceInfo, block_of, representative

FETCH = 2000  # rows per fetchmany

# Who published an article: its source name, else its URL's host without "www.", else "unknown".
SOURCE_SQL = """coalesce(nullif(trim({a}.source), ''),
    nullif(regexp_replace(regexp_extract(lower({a}.url), '^[a-z][a-z0-9+.-]*://([^/:?#]+)', 1), '^www\\.', ''), ''),
    'unknown')"""
# An article's day number in the copy stream: its publication day, else the (UTC) day it was stored.
DAY_SQL = """date_diff('day', DATE '1970-01-01',
    coalesce(try_cast(substr({a}.published, 1, 10) AS DATE), CAST(timezone('UTC', {a}.ingested_at) AS DATE)))"""

# Event dates used for grouping: the coded date when it is precise enough, else (no date at all) the
# article's publication day, since news reports what happened within a day or two.
_D0 = """CASE WHEN e.precision IN ('day', 'week', 'month') THEN try_cast(e.date_start AS DATE)
              WHEN e.date_start IS NULL THEN try_cast(substr(a.published, 1, 10) AS DATE) END"""
_D1 = """CASE WHEN e.precision IN ('day', 'week', 'month')
              THEN coalesce(try_cast(e.date_end AS DATE), try_cast(e.date_start AS DATE))
              WHEN e.date_start IS NULL THEN try_cast(substr(a.published, 1, 10) AS DATE) END"""

_INFO_SQL = f"""
WITH picked AS (
    SELECT e.id, e.article_id, e.idx, e.type, e.mode, e.status, e.mentions, e.place_text, e.place_name,
           e.place_country, e.place_admin1, e.place_lat, e.place_lon, e.place_resolution,
           a.seq, a.published, {SOURCE_SQL.format(a="a")} AS src, {_D0} AS d0, {_D1} AS d1
    FROM events e JOIN articles a ON a.id = e.article_id {{where}}),
parties AS (
    SELECT event_id, list(struct_pack(role := role, name := coalesce(name, text), country := country,
                                      sector := sector) ORDER BY role, idx) AS parties
    FROM event_actors {{parties_where}} GROUP BY event_id)
SELECT d.id, d.article_id, d.type, d.mode, d.status, d.d0, d.d1, d.place_name, d.place_country,
       d.place_admin1, d.place_lat, d.place_lon, d.place_resolution, d.place_text, d.src,
       coalesce(json_array_length(d.mentions), 0) + 1, p.parties, d.seq, d.idx, d.published
FROM picked d LEFT JOIN parties p ON p.event_id = d.id
ORDER BY d.type, d.d0 NULLS LAST, d.seq, d.idx
"""

_counter = itertools.count()


def insert(conn: Any, table: str, batch: pa.Table) -> None:
    """Append an Arrow table to `table` by column name."""
    name = f"_chronicle_dedup_{next(_counter)}"
    conn.register(name, batch)
    try:
        conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name}")
    finally:
        conn.unregister(name)


class Registered:
    """An Arrow table visible to SQL under a name of its own while the `with` block runs."""

    def __init__(self, conn: Any, batch: pa.Table) -> None:
        self.conn, self.batch = conn, batch
        self.name = f"_chronicle_dedup_{next(_counter)}"

    def __enter__(self) -> str:
        self.conn.register(self.name, self.batch)
        return self.name

    def __exit__(self, *exc: object) -> None:
        self.conn.unregister(self.name)


def ids_table(ids: Iterable[str]) -> pa.Table:
    return pa.table({"id": pa.array(list(ids), pa.string())})


# --- events -------------------------------------------------------------------------------------


def _info(row: Sequence[Any]) -> EventInfo:
    (eid, aid, etype, mode, status, d0, d1, pname, pcountry, padmin1, plat, plon, pres, ptext,
     src, mentions, parties, seq, idx, published) = row
    place = None
    if ptext is not None:
        place = PlaceInfo(name=pname or ptext, country=pcountry, admin1=padmin1, lat=plat, lon=plon,
                          resolution=pres)
    parties = parties or []
    return EventInfo(
        id=eid, article_id=aid, type=etype, mode=mode, status=status, start=d0, end=d1 if d0 is not None else None,
        place=place,
        actors=tuple(Party(p["name"], p["country"], p["sector"]) for p in parties if p["role"] == "actor"),
        recipients=tuple(Party(p["name"], p["country"], p["sector"]) for p in parties if p["role"] == "recipient"),
        source=src, mentions=int(mentions), seq=int(seq), idx=int(idx), published=published)


def all_event_infos(cursor: Any) -> Iterator[EventInfo]:
    """Every stored event in grouping order (type, start date, seq, idx; undated last), streamed."""
    result = cursor.execute(_INFO_SQL.format(where="", parties_where=""))
    while rows := result.fetchmany(FETCH):
        yield from (_info(r) for r in rows)


def event_infos(conn: Any, ids: Iterable[str] = (), articles: Iterable[str] = ()) -> list[EventInfo]:
    """The events with the given ids, and every event of the given articles, in grouping order."""
    ids, articles = list(ids), list(articles)
    if not ids and not articles:
        return []
    with Registered(conn, ids_table(ids)) as by_id, Registered(conn, ids_table(articles)) as by_article:
        where = (f"WHERE e.id IN (SELECT id FROM {by_id}) "
                 f"OR e.article_id IN (SELECT id FROM {by_article})")
        parties_where = (f"WHERE event_id IN (SELECT id FROM {by_id}) "
                         f"OR article_id IN (SELECT id FROM {by_article})")
        rows = conn.execute(_INFO_SQL.format(where=where, parties_where=parties_where)).fetchall()
    return [_info(r) for r in rows]


def link(e: EventInfo, group_id: str, reason: str) -> dict[str, Any]:
    """The `event_groups` row of one event."""
    return {"event_id": e.id, "group_id": group_id, "article_id": e.article_id, "reason": reason, "type": e.type,
            "d0": e.start, "d1": e.end, "seq": e.seq, "idx": e.idx, "block": block_of(e)}


def group_rows(leader: EventInfo, members: Sequence[tuple[EventInfo, str]]) -> tuple[list[dict[str, Any]],
                                                                                     dict[str, Any]]:
    """The `event_groups` rows and the `merged_events` row of one group (members in grouping order)."""
    group_id = leader.id
    everyone = [(leader, "leader"), *members]
    links = [link(e, group_id, why) for e, why in everyone]
    events = [e for e, _ in everyone]
    sources = sorted({e.source for e in events})
    starts = [e.start for e in events if e.start]
    ends = [e.end for e in events if e.end]
    place = leader.place or next((e.place for e in events if e.place), None)
    merged = {
        "group_id": group_id, "type": leader.type, "mode": leader.mode, "status": leader.status,
        "date_start": min(starts).isoformat() if starts else None,
        "date_end": max(ends).isoformat() if ends else None,
        "place_name": place.name if place else None, "place_country": place.country if place else None,
        "place_admin1": place.admin1 if place else None, "place_lat": place.lat if place else None,
        "place_lon": place.lon if place else None, "num_events": len(events),
        "num_articles": len({e.article_id for e in events}), "num_sources": len(sources),
        "num_mentions": sum(e.mentions for e in events), "sources": sources,
        "event_ids": [e.id for e in events], "representative": representative(events).id,
    }
    return links, merged


def group_of(g: Group) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    return group_rows(g.leader, g.members)


MERGED_SCHEMA = pa.schema([
    ("group_id", pa.string()), ("type", pa.string()), ("mode", pa.string()), ("status", pa.string()),
    ("date_start", pa.string()), ("date_end", pa.string()), ("place_name", pa.string()),
    ("place_country", pa.string()), ("place_admin1", pa.string()), ("place_lat", pa.float64()),
    ("place_lon", pa.float64()), ("num_events", pa.int32()), ("num_articles", pa.int32()),
    ("num_sources", pa.int32()), ("num_mentions", pa.int32()), ("sources", pa.list_(pa.string())),
    ("event_ids", pa.list_(pa.string())), ("representative", pa.string()),
])
LINK_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("group_id", pa.string()), ("article_id", pa.string()), ("reason", pa.string()),
    ("type", pa.string()), ("d0", pa.date32()), ("d1", pa.date32()), ("seq", pa.int64()), ("idx", pa.int32()),
    ("block", pa.string()),
])


def copies_of(merged: dict[str, Any]) -> list[tuple[str, str]]:
    """(event id, representative id) for every member of a merged row but its representative."""
    rep = merged["representative"]
    return [(eid, rep) for eid in merged["event_ids"] if eid != rep]


def write_groups(conn: Any, links: Sequence[dict[str, Any]], merged: Sequence[dict[str, Any]]) -> None:
    if links:
        insert(conn, "event_groups", pa.Table.from_pylist(list(links), schema=LINK_SCHEMA))
    if merged:
        insert(conn, "merged_events", pa.Table.from_pylist(list(merged), schema=MERGED_SCHEMA))


def set_copy_of(conn: Any, pairs: Sequence[tuple[str, str | None]]) -> None:
    """Set `events.copy_of` for the given (event id, representative id or None) pairs."""
    if not pairs:
        return
    batch = pa.table({"id": pa.array([p[0] for p in pairs], pa.string()),
                      "rep": pa.array([p[1] for p in pairs], pa.string())})
    with Registered(conn, batch) as name:
        conn.execute(f"UPDATE events SET copy_of = v.rep FROM {name} v WHERE events.id = v.id")


# --- articles -----------------------------------------------------------------------------------


def blob(values: np.ndarray) -> bytes:
    return values.astype("<u8").tobytes()


def unblob(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u8")


ARTICLE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("seq", pa.int64()), ("day", pa.int32()), ("text_hash", pa.string()),
    ("signature", pa.binary()), ("canonical", pa.string()), ("similarity", pa.float64()),
])


def refresh_sources(conn: Any, canonicals: Iterable[str] | None) -> None:
    """Recount `article_sources` for the given canonical articles (None: all) from `dedup_articles`."""
    select = f"""SELECT d.canonical, count(*), count(DISTINCT {SOURCE_SQL.format(a="a")}),
                        list(DISTINCT {SOURCE_SQL.format(a="a")} ORDER BY {SOURCE_SQL.format(a="a")})
                 FROM dedup_articles d JOIN articles a ON a.id = d.article_id {{where}} GROUP BY d.canonical"""
    if canonicals is None:
        conn.execute("DELETE FROM article_sources")
        conn.execute("INSERT INTO article_sources " + select.format(where=""))
        return
    with Registered(conn, ids_table(sorted(set(canonicals)))) as name:
        conn.execute(f"DELETE FROM article_sources WHERE article_id IN (SELECT id FROM {name})")
        conn.execute("INSERT INTO article_sources "
                     + select.format(where=f"WHERE d.canonical IN (SELECT id FROM {name})"))
