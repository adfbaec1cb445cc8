"""Incremental deduplication: only what an ingest changed is decided again, with a rebuild's result.

Reads the store and the derived tables as the last run left them. An article
is *fresh* when its (id, seq) is not in `dedup_articles` (new, or replaced:
a replaced article gets a new seq), and *gone* when a `dedup_articles` row's
(id, seq) is no longer stored (removed, or the old version of a replaced
one); the events of fresh and gone articles are fresh and gone likewise.

Both decisions are streams with a bounded state — copies: articles in
(day, seq) order with the last WINDOW_DAYS days in `CopyFinder`; groups: the
events of one type in (date, seq, idx) order with the open groups in
events.Grouper. Each stored row keeps its place in its stream, so around
every changed position the stream is *replayed*: its state is rebuilt from
the stored rows just before the change, and the replay runs until its state
equals the state the stored results imply at that point (the same articles
in the window with the same canonical articles; the same open group
leaders). From there on nothing can come out differently, so the rest of the
store is left alone: the result is exactly a rebuild's
(tests/test_dedup_incremental.py checks it after every ingest of random
stores with late arrivals and replaced articles).

The copy replay (here) places every article of the WINDOW_DAYS + 1 days
after a change again. The group replay (regroup.py) is differential: it
reads and compares only the events a changed leader could take. The stored
rows the replays need are read in a few queries for all changes together,
not one per change.

Why the LSH index is rebuilt from stored signatures rather than kept: it is
a function of the window's signatures alone, a window holds a week of
articles (rebuilt in milliseconds), and a stored index would tie the store's
format to datasketch's internals and have to follow every replay.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

import numpy as np
import pyarrow as pa

from chronicle.dedup.articles import WINDOW_DAYS, CopyFinder
from chronicle.dedup.rebuild import sign
from chronicle.dedup.tables import (
    ARTICLE_SCHEMA,
    DAY_SQL,
    Registered,
    blob,
    ids_table,
    insert,
    refresh_sources,
    unblob,
)

D = TypeVar("D", int, date)  # a stream's day: a day number (articles) or a date (events)


@dataclass
class ArticleChanges:
    fresh: dict[str, tuple[int, int, str]]  # id -> (seq, day, text hash) as stored now
    gone: dict[str, tuple[int, int, str]]  # id -> (seq, day, canonical) as the last run saw it

    def __len__(self) -> int:
        return len(self.fresh) + len(self.gone)


def article_changes(conn: Any) -> ArticleChanges:
    fresh = {aid: (int(seq), int(day), th) for aid, seq, day, th in conn.execute(
        f"""SELECT a.id, a.seq, {DAY_SQL.format(a="a")}, a.text_hash FROM articles a
            LEFT JOIN dedup_articles d ON d.article_id = a.id AND d.seq = a.seq
            WHERE d.article_id IS NULL""").fetchall()}
    gone = {aid: (int(seq), int(day), canonical) for aid, seq, day, canonical in conn.execute(
        """SELECT d.article_id, d.seq, d.day, d.canonical FROM dedup_articles d
           LEFT JOIN articles a ON a.id = d.article_id AND a.seq = d.seq WHERE a.id IS NULL""").fetchall()}
    return ArticleChanges(fresh, gone)


def _intervals(days: Iterable[D], span: Callable[[D], D]) -> list[tuple[D, D]]:
    """[day, span(day)) for every day, overlapping ones merged, in order."""
    out: list[tuple[D, D]] = []
    for d in sorted(set(days)):
        if out and d < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], span(d)))
        else:
            out.append((d, span(d)))
    return out


class Rows(Generic[D]):
    """Stored rows of one stream by day, read range by range (`fetch` gets ranges not read before)."""

    def __init__(self, fetch: Callable[[list[tuple[D, D]]], Iterable[tuple[D, Any]]]) -> None:
        self._fetch: Callable[[list[tuple[D, D]]], Iterable[tuple[D, Any]]] = fetch
        self.by_day: dict[D, list[Any]] = defaultdict(list)
        self._ranges: list[tuple[D, D]] = []  # read so far, disjoint

    def add(self, ranges: list[tuple[D, D]], rows: Iterable[tuple[D, Any]]) -> None:
        for day, row in rows:
            self.by_day[day].append(row)
        self._ranges = union(self._ranges + ranges)

    def load(self, lo: D, hi: D) -> None:
        missing = _subtract((lo, hi), self._ranges)
        if missing:
            self.add(missing, self._fetch(missing))

    def days(self, lo: D, hi: D) -> list[D]:
        return sorted(d for d in self.by_day if lo <= d < hi)


def union(ranges: list[tuple[D, D]]) -> list[tuple[D, D]]:
    out: list[tuple[D, D]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _subtract(want: tuple[D, D], have: list[tuple[D, D]]) -> list[tuple[D, D]]:
    lo, hi = want
    out = []
    for h_lo, h_hi in have:
        if h_hi <= lo or h_lo >= hi:
            continue
        if h_lo > lo:
            out.append((lo, h_lo))
        lo = max(lo, h_hi)
    if lo < hi:
        out.append((lo, hi))
    return out


# --- copies ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _StoredArticle:
    article_id: str
    seq: int
    signature: np.ndarray
    canonical: str
    similarity: float | None


def update_articles(conn: Any, changes: ArticleChanges) -> tuple[int, int]:
    """Bring copies up to date with `changes`; returns (signatures computed, articles decided again)."""
    if not len(changes):
        return 0, 0
    signatures, signed = _fresh_signatures(conn, changes.fresh)
    gone_keys = {(aid, seq) for aid, (seq, _, _) in changes.gone.items()}

    def fetch(ranges: list[tuple[int, int]]) -> list[tuple[int, _StoredArticle]]:
        batch = pa.table({"lo": [r[0] for r in ranges], "hi": [r[1] for r in ranges]})
        with Registered(conn, batch) as iv:
            rows = conn.execute(
                f"""SELECT article_id, seq, day, signature, canonical, similarity FROM dedup_articles d
                    WHERE EXISTS (SELECT 1 FROM {iv} WHERE d.day >= {iv}.lo AND d.day < {iv}.hi)
                    ORDER BY day, seq""").fetchall()
        return [(int(day), _StoredArticle(aid, int(seq), unblob(sig), canonical, similarity))
                for aid, seq, day, sig, canonical, similarity in rows if (aid, int(seq)) not in gone_keys]

    fresh_by_day: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for aid, (seq, day, _) in changes.fresh.items():
        fresh_by_day[day].append((seq, aid))
    change_days = sorted({day for _, day, _ in changes.fresh.values()} | {day for _, day, _ in changes.gone.values()})
    span = WINDOW_DAYS + 1  # a change leaves the window this many days later
    intervals = _intervals(change_days, lambda d: d + span)
    rows: Rows[int] = Rows(fetch)
    # The window before each interval and the interval itself, read at once.
    wanted = union([(lo - WINDOW_DAYS, hi) for lo, hi in intervals])
    rows.add(wanted, fetch(wanted))
    (stored_last,) = conn.execute("SELECT coalesce(max(day), 0) FROM dedup_articles").fetchall()[0]
    last_day = max(int(stored_last), max(fresh_by_day, default=0))

    decided: dict[str, tuple[str, float | None]] = {}  # article id -> (canonical, similarity)
    stored: dict[str, tuple[str, float | None]] = {}  # the same, as the last run left them
    k = 0
    while k < len(intervals):
        lo, hi = intervals[k]
        k += 1
        finder = CopyFinder()
        rows.load(lo - WINDOW_DAYS, lo)
        for day in rows.days(lo - WINDOW_DAYS, lo):
            for r in rows.by_day[day]:
                finder.seed(r.article_id, day, r.seq, r.signature, decided.get(r.article_id, (r.canonical,))[0])
                stored[r.article_id] = (r.canonical, r.similarity)
        start = lo
        while True:
            rows.load(start, hi)
            for day in sorted(set(rows.days(start, hi)) | {d for d in fresh_by_day if start <= d < hi}):
                todo = [(r.seq, r.article_id, r.signature) for r in rows.by_day.get(day, [])]
                todo += [(seq, aid, signatures[aid]) for seq, aid in fresh_by_day.get(day, [])]
                for r in rows.by_day.get(day, []):
                    stored[r.article_id] = (r.canonical, r.similarity)
                for seq, aid, sig in sorted(todo, key=lambda t: t[0]):
                    copy = finder.add(aid, day, seq, sig)
                    decided[aid] = (copy.duplicate_of, copy.similarity) if copy else (aid, None)
            if hi > last_day:
                k = len(intervals)
                break
            finder.evict(hi)
            # hi is at least WINDOW_DAYS + 1 days past the last change: the window holds only unchanged
            # articles, so it equals the stored state when their canonical articles agree.
            if all(canonical == stored[aid][0] for aid, (_, canonical, _) in finder.kept.items()):
                break
            start, hi = hi, hi + span
            while k < len(intervals) and intervals[k][0] < hi:  # a later interval runs on in this replay
                hi = max(hi, intervals[k][1])
                k += 1
    _write_articles(conn, changes, signatures, decided, stored)
    return signed, len(decided)


def _fresh_signatures(conn: Any, fresh: dict[str, tuple[int, int, str]]) -> tuple[dict[str, np.ndarray], int]:
    """Signatures of the fresh articles: kept from the last run when the text is the same, else computed."""
    out: dict[str, np.ndarray] = {}
    with Registered(conn, ids_table(fresh)) as name:
        for aid, text_hash, data in conn.execute(
                "SELECT article_id, text_hash, signature FROM dedup_articles "
                f"WHERE article_id IN (SELECT id FROM {name})").fetchall():
            if text_hash == fresh[aid][2] and data is not None:
                out[aid] = unblob(data)
    todo = [aid for aid in fresh if aid not in out]
    for aid, (_, _, _, data) in sign(conn, todo).items():
        out[aid] = unblob(data)
    return out, len(todo)


def _write_articles(conn: Any, changes: ArticleChanges, signatures: dict[str, np.ndarray],
                    decided: dict[str, tuple[str, float | None]], stored: dict[str, tuple[str, float | None]]) -> None:
    touched = {canonical for _, _, canonical in changes.gone.values()}  # whose article_sources row may change
    for aid, (canonical, _) in decided.items():
        touched.add(canonical)
        if aid in stored:
            touched.add(stored[aid][0])
    with Registered(conn, ids_table(set(changes.gone) | set(changes.fresh))) as name:
        conn.execute(f"DELETE FROM dedup_articles WHERE article_id IN (SELECT id FROM {name})")
    insert(conn, "dedup_articles", pa.Table.from_pylist([
        {"article_id": aid, "seq": seq, "day": day, "text_hash": th, "signature": blob(signatures[aid]),
         "canonical": decided[aid][0], "similarity": decided[aid][1]}
        for aid, (seq, day, th) in changes.fresh.items()], schema=ARTICLE_SCHEMA))
    redone = [(aid, c, sim) for aid, (c, sim) in decided.items()
              if aid not in changes.fresh and (c, sim) != stored[aid]]
    if redone:
        batch = pa.table({"id": [r[0] for r in redone], "canonical": [r[1] for r in redone],
                          "similarity": pa.array([r[2] for r in redone], pa.float64())})
        with Registered(conn, batch) as name:
            conn.execute(f"""UPDATE dedup_articles SET canonical = c.canonical, similarity = c.similarity
                             FROM {name} c WHERE dedup_articles.article_id = c.id""")
    refresh_sources(conn, touched)
