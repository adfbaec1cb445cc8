"""The whole-store pass: copies and event groups recomputed from every stored article and event.

Used on a store's first deduplication, after a change of DEDUP_VERSION, when
most of the store is new, or on request (`dedup_store(store, rebuild=True)`).
Streams the store in date order, so memory stays bounded by the windows of
articles.py and events.py (and the list of copies), not by the store's size.
Signatures whose text is unchanged are kept, not recomputed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pyarrow as pa

from chronicle.dedup.articles import find_copies
from chronicle.dedup.events import group_events
from chronicle.dedup.tables import (
    ARTICLE_SCHEMA,
    DAY_SQL,
    FETCH,
    Registered,
    all_event_infos,
    blob,
    copies_of,
    group_of,
    insert,
    refresh_sources,
    set_copy_of,
    unblob,
    write_groups,
)

_SIGN_CHUNK = 500
_FLUSH = 10_000


def sign(conn: Any, ids: list[str]) -> dict[str, tuple[int, int, str, bytes]]:
    """(seq, day, text hash, signature) of the given stored articles, their signatures computed now."""
    from chronicle.dedup.articles import signature

    out: dict[str, tuple[int, int, str, bytes]] = {}
    for start in range(0, len(ids), _SIGN_CHUNK):
        chunk = ids[start:start + _SIGN_CHUNK]
        rows = conn.execute(f"SELECT id, seq, {DAY_SQL.format(a='a')}, text_hash, text FROM articles a "
                            "WHERE id IN (SELECT unnest($ids))", {"ids": chunk}).fetchall()
        for aid, seq, day, text_hash, text in rows:
            out[aid] = (int(seq), int(day), text_hash, blob(signature(text or "")))
    return out


def rebuild_articles(conn: Any) -> int:
    """Recompute every article's canonical article; returns how many signatures had to be computed."""
    conn.execute("DELETE FROM dedup_articles WHERE article_id NOT IN (SELECT id FROM articles)")
    todo = [r[0] for r in conn.execute(
        """SELECT a.id FROM articles a LEFT JOIN dedup_articles d ON d.article_id = a.id
           WHERE d.text_hash IS DISTINCT FROM a.text_hash ORDER BY a.seq""").fetchall()]
    for start in range(0, len(todo), _SIGN_CHUNK):
        signed = sign(conn, todo[start:start + _SIGN_CHUNK])
        conn.execute("DELETE FROM dedup_articles WHERE article_id IN (SELECT unnest($ids))", {"ids": list(signed)})
        insert(conn, "dedup_articles", pa.Table.from_pylist(
            [{"article_id": aid, "seq": seq, "day": day, "text_hash": th, "signature": sig, "canonical": aid,
              "similarity": None} for aid, (seq, day, th, sig) in signed.items()], schema=ARTICLE_SCHEMA))
    conn.execute(f"""UPDATE dedup_articles SET seq = a.seq, day = {DAY_SQL.format(a="a")},
                     canonical = dedup_articles.article_id, similarity = NULL
                     FROM articles a WHERE a.id = dedup_articles.article_id""")
    # Streamed through this connection (a second one would not see this transaction's rows), so the
    # copies are collected before the next statement. Only the copies are held, not the articles.
    copies = list(find_copies(_stream(conn)))
    if copies:
        batch = pa.table({"id": [c.article_id for c in copies], "canonical": [c.duplicate_of for c in copies],
                          "similarity": pa.array([c.similarity for c in copies], pa.float64())})
        with Registered(conn, batch) as name:
            conn.execute(f"""UPDATE dedup_articles SET canonical = c.canonical, similarity = c.similarity
                             FROM {name} c WHERE dedup_articles.article_id = c.id""")
    refresh_sources(conn, None)
    return len(todo)


def _stream(conn: Any) -> Iterator[tuple[str, int, int, np.ndarray]]:
    result = conn.execute("SELECT article_id, day, seq, signature FROM dedup_articles ORDER BY day, seq")
    while rows := result.fetchmany(FETCH):
        for article_id, day, seq, data in rows:
            yield article_id, int(day), int(seq), unblob(data)


def rebuild_groups(conn: Any) -> None:
    """Regroup every stored event and set `events.copy_of` afresh."""
    # Events are read through a second cursor while this connection writes (DuckDB allows no new
    # statement on a connection whose result is still being fetched); they are not changed here.
    conn.execute("DELETE FROM event_groups")
    conn.execute("DELETE FROM merged_events")
    conn.execute("UPDATE events SET copy_of = NULL WHERE copy_of IS NOT NULL")
    links: list[dict[str, Any]] = []
    merged: list[dict[str, Any]] = []
    copies: list[tuple[str, str | None]] = []
    for group in group_events(all_event_infos(conn.cursor())):
        group_links, row = group_of(group)
        links.extend(group_links)
        merged.append(row)
        copies.extend(copies_of(row))
        if len(links) >= _FLUSH:
            write_groups(conn, links, merged)
            links, merged = [], []
    write_groups(conn, links, merged)
    set_copy_of(conn, copies)
