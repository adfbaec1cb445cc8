"""Incremental event grouping: the differential replay of incremental.py's group streams.

Reads the stored groups (`event_groups`: each event's group, place in its
type's stream and country block) and the EventInfos of the events a change
may concern; writes the groups that changed, their `merged_events` rows and
`events.copy_of`. See incremental.py for the replay in general; here the
replay keeps the stored (old) open leaders, and beside them `plus` (leaders
open in the new result only) and `minus` (open in the old result only). An
unchanged event is placed as stored unless a `plus` leader it could join
comes before its stored group in its candidate order (events.Grouper: its
country's groups, then the country-less ones, each in the order they
opened), or its stored group's leader is in `minus`; only then is its
EventInfo read and compared. With both sets empty the two results agree from
there on. So a group opened by a month-dated event costs the events of its
type and country in that month, not every event.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pyarrow as pa

from chronicle.dedup.events import DATE_WINDOW_DAYS, EventInfo, block_of, same_happening
from chronicle.dedup.incremental import ArticleChanges, Rows, union
from chronicle.dedup.tables import (
    LINK_SCHEMA,
    Registered,
    event_infos,
    group_rows,
    ids_table,
    insert,
    link,
    set_copy_of,
    write_groups,
)


@dataclass(frozen=True)
class _StoredEvent:
    etype: str
    event_id: str
    group_id: str
    reason: str
    d0: date
    d1: date
    seq: int
    idx: int
    block: str
    gone: bool

    @property
    def key(self) -> tuple[str, int]:
        return self.event_id, self.seq

    @property
    def order(self) -> tuple[date, int, int]:
        return self.d0, self.seq, self.idx

    @property
    def leader(self) -> bool:
        return self.event_id == self.group_id


_STORED_COLUMNS = "g.type, g.event_id, g.group_id, g.reason, g.d0, g.d1, g.seq, g.idx, g.block"


def _stored(row: Any, gone_keys: set[tuple[str, int]] | None) -> _StoredEvent:
    """A stored `event_groups` row (columns _STORED_COLUMNS); gone_keys None: it is gone."""
    etype, eid, gid, why, d0, d1, seq, idx, block = row
    gone = gone_keys is None or (eid, int(seq)) in gone_keys
    return _StoredEvent(etype, eid, gid, why, d0, d1, int(seq), int(idx), block or "", gone)


@dataclass
class _EventRun:
    """What the event replays share: EventInfos read so far, and the decisions that differ from the stored ones."""

    conn: Any
    infos: dict[str, EventInfo] = field(default_factory=dict)
    decided: dict[str, tuple[str, str]] = field(default_factory=dict)  # event id -> (group id, reason)
    stored: dict[str, str] = field(default_factory=dict)  # event id -> stored group id, for those decided again

    def need(self, ids: Iterable[str]) -> None:
        missing = set(ids) - set(self.infos)
        if missing:
            self.infos.update({e.id: e for e in event_infos(self.conn, ids=missing)})


def update_groups(conn: Any, changes: ArticleChanges) -> int:
    """Bring event groups up to date with the articles' `changes`; returns how many events were decided again."""
    if not len(changes):
        return 0
    fresh = event_infos(conn, articles=changes.fresh)
    gone = _gone_events(conn, changes)
    run = _EventRun(conn, infos={e.id: e for e in fresh})
    for e in fresh:
        if e.start is None:  # undated: a group of its own, outside the streams
            run.decided[e.id] = (e.id, "leader")
    gone_keys = {r.key for r in gone}
    fresh_by_type: dict[str, list[EventInfo]] = defaultdict(list)
    for e in fresh:
        if e.start is not None:
            fresh_by_type[e.type].append(e)
    gone_by_type: dict[str, list[_StoredEvent]] = defaultdict(list)
    for r in gone:
        if r.d0 is not None:
            gone_by_type[r.etype].append(r)
    window = timedelta(days=DATE_WINDOW_DAYS)
    plans: dict[str, list[tuple[date, date]]] = {}
    for etype in set(fresh_by_type) | set(gone_by_type):
        # Where each change can reach: its own day, and while it leads a group, until that group closes.
        reach = [(e.start, e.end) for e in fresh_by_type[etype] if e.start and e.end]
        reach += [(r.d0, r.d1 if r.leader else r.d0) for r in gone_by_type[etype]]
        plans[etype] = union([(lo, max(lo, hi) + window + timedelta(days=1)) for lo, hi in reach])
    rows, leaders_at = _prefetch_events(conn, plans, gone_keys)
    last = dict(conn.execute("SELECT type, max(d0) FROM event_groups GROUP BY type").fetchall())
    replays = []
    for etype in plans:
        fresh_by_day: dict[date, list[EventInfo]] = defaultdict(list)
        for e in fresh_by_type[etype]:
            assert e.start is not None
            fresh_by_day[e.start].append(e)
        last_day = max([d for d in (last.get(etype), *fresh_by_day) if d is not None])
        # Where a new event may lead a group: the stored events there of its country (or of any, when it
        # has none) are the ones whose EventInfo the replay reads up front.
        reaches = [(block_of(e), e.start, e.end + window) for e in fresh_by_type[etype] if e.start and e.end]
        gone_leaders = {r.event_id for r in gone_by_type[etype] if r.leader}
        replays.append(_TypeReplay(run, etype, rows[etype], leaders_at, fresh_by_day, last_day, reaches,
                                   gone_leaders))
    # The EventInfos every planned replay reads, in one query: each costs a few ms however small.
    run.need(eid for r in replays for lo, hi in plans[r.etype]
             for eid in r.wanted(lo, hi, leaders_at.get((r.etype, lo), [])))
    for replay in replays:
        replay.replay(plans[replay.etype])
    _write_groups(conn, run, gone, {e.id for e in fresh})
    return len(run.decided)


def _gone_events(conn: Any, changes: ArticleChanges) -> list[_StoredEvent]:
    batch = pa.table({"id": list(changes.gone), "seq": pa.array([v[0] for v in changes.gone.values()], pa.int64())})
    with Registered(conn, batch) as name:
        rows = conn.execute(f"SELECT {_STORED_COLUMNS} FROM event_groups g "
                            f"JOIN {name} v ON v.id = g.article_id AND v.seq = g.seq").fetchall()
    return [_stored(r, None) for r in rows]


def _prefetch_events(conn: Any, plans: dict[str, list[tuple[date, date]]], gone_keys: set[tuple[str, int]]
                     ) -> tuple[dict[str, Rows[date]], dict[tuple[str, date], list[_StoredEvent]]]:
    """Every stored row the planned replays read, and the leaders open when each starts: two queries."""
    flat = [(t, lo, hi) for t, intervals in plans.items() for lo, hi in intervals]
    batch = pa.table({"type": [f[0] for f in flat], "lo": pa.array([f[1] for f in flat], pa.date32()),
                      "hi": pa.array([f[2] for f in flat], pa.date32()),
                      "open_from": pa.array([f[1] - timedelta(days=DATE_WINDOW_DAYS) for f in flat], pa.date32())})
    with Registered(conn, batch) as iv:
        inside = conn.execute(
            f"""SELECT {_STORED_COLUMNS} FROM event_groups g
                WHERE EXISTS (SELECT 1 FROM {iv} WHERE g.type = {iv}.type AND g.d0 >= {iv}.lo AND g.d0 < {iv}.hi)
                ORDER BY g.d0, g.seq, g.idx""").fetchall()
        # A leader that started before an interval and has not ended more than the window before it.
        before = conn.execute(
            f"""SELECT {iv}.lo, {_STORED_COLUMNS} FROM event_groups g JOIN {iv}
                ON g.type = {iv}.type AND g.d0 < {iv}.lo AND g.d1 >= {iv}.open_from
                WHERE g.event_id = g.group_id ORDER BY g.d0, g.seq, g.idx""").fetchall()
    by_type: dict[str, list[tuple[date, _StoredEvent]]] = defaultdict(list)
    for row in inside:
        r = _stored(row, gone_keys)
        by_type[r.etype].append((r.d0, r))
    rows: dict[str, Rows[date]] = {}
    for t, intervals in plans.items():
        rows[t] = Rows(_fetcher(conn, t, gone_keys))
        rows[t].add(intervals, by_type.get(t, []))
    leaders_at: dict[tuple[str, date], list[_StoredEvent]] = defaultdict(list)
    for lo, *row in before:
        r = _stored(row, gone_keys)
        if not r.gone:
            leaders_at[(r.etype, lo)].append(r)
    return rows, leaders_at


def _fetcher(conn: Any, etype: str,
             gone_keys: set[tuple[str, int]]) -> Callable[[list[tuple[date, date]]], list[tuple[date, _StoredEvent]]]:
    """Reads more of one type's stored rows, when a replay runs past what was read up front."""
    def fetch(ranges: list[tuple[date, date]]) -> list[tuple[date, _StoredEvent]]:
        out: list[tuple[date, _StoredEvent]] = []
        for lo, hi in ranges:
            found = conn.execute(
                f"""SELECT {_STORED_COLUMNS} FROM event_groups g WHERE g.type = ? AND g.d0 >= ? AND g.d0 < ?
                    ORDER BY g.d0, g.seq, g.idx""", [etype, lo, hi]).fetchall()
            out.extend((r.d0, r) for r in (_stored(row, gone_keys) for row in found))
        return out

    return fetch


def _lists(block: str) -> tuple[str, ...]:
    """The blocks whose groups an event of `block` may join, in the order it tries them (events.Grouper.add)."""
    return (block, "") if block else ("",)


class _TypeReplay:
    """The differential replay of one event type's stream (see the module docstring)."""

    def __init__(self, run: _EventRun, etype: str, rows: Rows[date],
                 leaders_at: dict[tuple[str, date], list[_StoredEvent]], fresh_by_day: dict[date, list[EventInfo]],
                 last_day: date, reaches: list[tuple[str, date, date]], gone_leaders: set[str]) -> None:
        self.run, self.etype, self.rows, self.leaders_at = run, etype, rows, leaders_at
        self.fresh_by_day, self.last_day = fresh_by_day, last_day
        self.reaches, self.gone_leaders = reaches, gone_leaders
        self.blocks: set[str] = set()  # blocks met beyond the reaches: all their EventInfos are read
        self.old_open: dict[tuple[str, int], _StoredEvent] = {}
        self.old_by_id: dict[str, _StoredEvent] = {}
        self.plus: dict[tuple[str, int], EventInfo] = {}
        self.minus: set[tuple[str, int]] = set()
        self.window = timedelta(days=DATE_WINDOW_DAYS)

    def replay(self, intervals: list[tuple[date, date]]) -> None:
        k = 0
        while k < len(intervals):
            lo, hi = intervals[k]
            k += 1
            self.old_open = {r.key: r for r in self.leaders_at.get((self.etype, lo), [])}
            self.old_by_id = {r.event_id: r for r in self.old_open.values()}
            self.plus, self.minus = {}, set()
            start = lo
            while True:
                self.rows.load(start, hi)
                days = set(self.rows.days(start, hi)) | {d for d in self.fresh_by_day if start <= d < hi}
                self._read_infos(start, hi)
                for day in sorted(days):
                    self._day(day)
                if hi > self.last_day:
                    return
                self._close(hi)
                if not self.plus and not self.minus:
                    break  # the same leaders open as in the stored result: every later event is placed as stored
                # No sooner than every leader open in one result and not the other has closed.
                ends = [e.end for e in self.plus.values() if e.end] + [self.old_open[key].d1 for key in self.minus]
                start, hi = hi, max(hi + timedelta(days=1), max(ends) + self.window + timedelta(days=1))
                while k < len(intervals) and intervals[k][0] < hi:  # a later interval runs on in this replay
                    hi = max(hi, intervals[k][1])
                    k += 1

    def wanted(self, lo: date, hi: date, open_leaders: Iterable[_StoredEvent]) -> list[str]:
        """Stored events in [lo, hi) and among `open_leaders` that a change may concern (their EventInfos are read)."""
        window = self.window
        every = "" in self.blocks
        reaches: dict[str, list[tuple[date, date]]] = defaultdict(list)
        for block, a, b in self.reaches:
            reaches[block].append((a, b))
        anywhere = reaches.get("", [])

        def concerned(r: _StoredEvent) -> bool:
            if r.gone:
                return False
            if every or r.block in self.blocks or r.group_id in self.gone_leaders:
                return True
            # It may meet a new leader, or be a candidate for a new event.
            if any(a <= r.d0 <= b for a, b in (*reaches.get(r.block, ()), *anywhere)):
                return True
            near = (*reaches.get(r.block, ()), *(x for blk, v in reaches.items() for x in v)) if r.block == "" \
                else reaches.get(r.block, ())
            return r.leader and any(r.d0 <= b and r.d1 + window >= a for a, b in near)

        ids = [r.event_id for d in self.rows.days(lo, hi) for r in self.rows.by_day[d] if concerned(r)]
        return ids + [r.event_id for r in open_leaders if concerned(r)]

    def _read_infos(self, lo: date, hi: date) -> None:
        self.run.need(self.wanted(lo, hi, self.old_open.values()))

    def _close(self, day: date) -> None:
        for key, r in list(self.old_open.items()):
            if day - r.d1 > self.window:
                del self.old_open[key]
                self.minus.discard(key)
                if self.old_by_id.get(r.event_id) is r:
                    del self.old_by_id[r.event_id]
        for key, e in list(self.plus.items()):
            assert e.end is not None
            if day - e.end > self.window:
                del self.plus[key]

    def _day(self, day: date) -> None:
        self._close(day)
        stored = self.rows.by_day.get(day, [])
        events: list[tuple[tuple[date, int, int], _StoredEvent | EventInfo]] = [(r.order, r) for r in stored]
        events += [((day, e.seq, e.idx), e) for e in self.fresh_by_day.get(day, [])]
        for _, item in sorted(events, key=lambda t: t[0]):
            if isinstance(item, EventInfo):
                self._fresh(item)
            elif item.gone:
                if item.leader:  # open in the old result, absent from the new one
                    self._open_old(item)
                    self.minus.add(item.key)
            else:
                self._unchanged(item)

    def _open_old(self, r: _StoredEvent) -> None:
        self.old_open[r.key] = r
        self.old_by_id[r.event_id] = r

    def _fresh(self, e: EventInfo) -> None:
        gid, why = self._decide(e, self._candidates(block_of(e)))
        self.run.decided[e.id] = (gid, why)
        if gid == e.id:
            self.plus[(e.id, e.seq)] = e

    def _unchanged(self, r: _StoredEvent) -> None:
        verdict = self._verdict(r)
        if r.leader:
            self._open_old(r)
        if verdict != (r.group_id, r.reason):
            self.run.decided[r.event_id] = verdict
            self.run.stored[r.event_id] = r.group_id
        was, now = r.leader, verdict[0] == r.event_id
        if was and not now:
            self.minus.add(r.key)
        elif now and not was:
            self.plus[r.key] = self._info(r)

    def _verdict(self, r: _StoredEvent) -> tuple[str, str]:
        """Where an unchanged event goes in the new result: (group id, reason)."""
        if not self.plus and not self.minus:
            return r.group_id, r.reason
        group = None if r.leader else self.old_by_id.get(r.group_id)
        if not r.leader and (group is None or group.key in self.minus):  # its group is not in the new result
            return self._decide(self._info(r), self._candidates(r.block))
        # Only a `plus` leader it tries before its own group can change where it goes.
        lists = _lists(r.block)
        limit = (lists.index(group.block), group.order) if group is not None else None
        before = [f for f in self._candidates(r.block, only_plus=True)
                  if limit is None or (lists.index(block_of(f)), (f.start, f.seq, f.idx)) < limit]
        if before:
            gid, why = self._decide(self._info(r), before)
            if gid != r.event_id:
                return gid, why
        return r.group_id, r.reason

    def _info(self, r: _StoredEvent) -> EventInfo:
        if r.event_id not in self.run.infos:  # beyond the reaches (a change set off by a change): read its block
            self.blocks.add(r.block)
            self._read_infos(r.d0, self.last_day + timedelta(days=1))
            self.run.need([r.event_id])
        return self.run.infos[r.event_id]

    def _candidates(self, block: str, only_plus: bool = False) -> list[EventInfo]:
        """The leaders open in the new result that an event of `block` tries, in the order it tries them."""
        lists = _lists(block)
        found: list[tuple[tuple[int, tuple[date, int, int]], EventInfo]] = []
        if not only_plus:
            for key, r in self.old_open.items():
                if r.block in lists and key not in self.minus:
                    found.append(((lists.index(r.block), r.order), self._info(r)))
        for f in self.plus.values():
            b = block_of(f)
            if b in lists:
                assert f.start is not None
                found.append(((lists.index(b), (f.start, f.seq, f.idx)), f))
        return [e for _, e in sorted(found, key=lambda t: t[0])]

    def _decide(self, e: EventInfo, candidates: list[EventInfo]) -> tuple[str, str]:
        for leader in candidates:
            why = same_happening(leader, e)
            if why is not None:
                return leader.id, why
        return e.id, "leader"


def _write_groups(conn: Any, run: _EventRun, gone: list[_StoredEvent], fresh: set[str]) -> None:
    changed = run.decided
    affected = {r.group_id for r in gone}
    for eid, (gid, _) in changed.items():
        affected.add(gid)
        if eid in run.stored:
            affected.add(run.stored[eid])
    with Registered(conn, ids_table({r.event_id for r in gone} | set(changed))) as name:
        conn.execute(f"DELETE FROM event_groups WHERE event_id IN (SELECT id FROM {name})")
    run.need(changed)
    links = [link(run.infos[eid], gid, why) for eid, (gid, why) in changed.items()]
    if links:
        insert(conn, "event_groups", pa.Table.from_pylist(links, schema=LINK_SCHEMA))
    with Registered(conn, ids_table(affected)) as name:
        conn.execute(f"DELETE FROM merged_events WHERE group_id IN (SELECT id FROM {name})")
        members = conn.execute(f"""SELECT event_id, group_id, reason FROM event_groups
                                   WHERE group_id IN (SELECT id FROM {name})""").fetchall()
    run.need(m[0] for m in members)
    groups: dict[str, list[tuple[EventInfo, str]]] = defaultdict(list)
    for eid, gid, why in members:
        groups[gid].append((run.infos[eid], why))
    merged = []
    copies: list[tuple[str, str | None]] = []
    for gid, everyone in groups.items():
        everyone.sort(key=lambda m: (m[0].start is None, m[0].start or date.min, m[0].seq, m[0].idx))
        leader, rest = everyone[0], everyone[1:]
        assert leader[0].id == gid
        _, row = group_rows(leader[0], rest)
        merged.append(row)
        copies.extend((e.id, row["representative"] if e.id != row["representative"] else None) for e, _ in everyone)
    write_groups(conn, [], merged)
    set_copy_of(conn, copies)
