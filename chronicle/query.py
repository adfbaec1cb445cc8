"""The one event query behind `chronicle events` and the HTTP API (STYLE.md 6).

`EventQuery` is a validated, frozen filter; `query_events(conn, q)` returns
SPEC.md Event dicts plus `article_id` and `title`. Every user value reaches
DuckDB as a bound parameter, never as SQL text.

Paging: `offset`, or `cursor` (keyset: the value `next_cursor(last_row, order)`
gives), which stays fast and stable however deep the page.
"""

from __future__ import annotations

import base64
import binascii
import calendar
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb

from chronicle.errors import ChronicleError
from chronicle.records import EVENT_TYPES, STATUSES
from chronicle.store.rows import event_from_row

DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000
ORDERS = ("date", "confidence")

_COUNTRY = re.compile(r"[A-Z]{3}")  # ISO 3166 alpha-3 or a PLOVER international code (IGO, UNO, ...)
_DAY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# Sort per order: newest (or most confident) first, undated last, event id as the tie-break.
_ORDER_BY = {"date": "e.date_start DESC NULLS LAST, e.id", "confidence": "e.confidence DESC NULLS LAST, e.id"}
_SORT_COLUMN = {"date": "e.date_start", "confidence": "e.confidence"}
_FETCH_CHUNK = 1000  # ids per IN (...) list: short enough for DuckDB to use the primary-key index


def _bad(detail: str) -> ChronicleError:
    return ChronicleError("bad_argument", detail)


def _day_range(value: str | date, name: str) -> tuple[date, date]:
    """First and last day a date argument covers: 2025 -> the year, 2025-08 -> the month."""
    if isinstance(value, date):
        return value, value
    m = _DAY.fullmatch(value.strip())
    if not m:
        raise _bad(f"{name} {value!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    try:
        if day:
            d = date(year, month, day)
            return d, d
        if month:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        raise _bad(f"{name} {value!r} is not a valid date") from None


@dataclass(frozen=True)
class EventQuery:
    """Which events, in what order. Construction validates and normalises (type and country upper-case).

    `country` matches an event whose actor, recipient or place is in that country; `actor` is a
    case-insensitive substring of an actor's or recipient's name or text; `text` a substring of
    the evidence sentence; `since`/`until` bound the event's start date (inclusive).
    """

    country: str | None = None
    type: str | None = None
    mode: str | None = None
    status: str | None = None
    actor: str | None = None
    text: str | None = None
    since: str | date | None = None
    until: str | date | None = None
    limit: int = DEFAULT_LIMIT
    offset: int = 0
    cursor: str | None = None
    order: str = "date"

    def __post_init__(self) -> None:
        # Normalised values are written back with object.__setattr__: the dataclass stays frozen to callers.
        if self.country is not None:
            country = self.country.strip().upper()
            if not _COUNTRY.fullmatch(country):
                raise _bad(f"country {self.country!r} is not an ISO 3166 alpha-3 code (e.g. MLI)")
            object.__setattr__(self, "country", country)
        if self.type is not None:
            kind = self.type.strip().upper()
            if kind not in EVENT_TYPES:
                raise _bad(f"type {self.type!r} is not a PLOVER event type ({', '.join(EVENT_TYPES)})")
            object.__setattr__(self, "type", kind)
        if self.status is not None and self.status not in STATUSES:
            raise _bad(f"status {self.status!r} is not one of {', '.join(STATUSES)}")
        if self.order not in ORDERS:
            raise _bad(f"order {self.order!r} is not one of {', '.join(ORDERS)}")
        if isinstance(self.limit, bool) or not isinstance(self.limit, int) or self.limit < 1:
            raise _bad(f"limit {self.limit!r} must be a positive integer")
        object.__setattr__(self, "limit", min(self.limit, MAX_LIMIT))
        if isinstance(self.offset, bool) or not isinstance(self.offset, int) or self.offset < 0:
            raise _bad(f"offset {self.offset!r} must be an integer >= 0")
        if self.cursor is not None and self.offset:
            raise _bad("give either offset or cursor, not both")
        if self.cursor is not None:
            _decode_cursor(self.cursor, self.order)
        if self.since is not None and self.until is not None and \
                _day_range(self.since, "since")[0] > _day_range(self.until, "until")[1]:
            raise _bad(f"since {self.since} is after until {self.until}")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                _day_range(value, name)


def _encode_cursor(key: str | float | None, event_id: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([key, event_id]).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str, order: str) -> tuple[str | float | None, str]:
    try:
        key, event_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, TypeError, binascii.Error):
        raise _bad(f"cursor {cursor!r} is not one this API gave out") from None
    wanted = str if order == "date" else (int, float)
    if (key is not None and (not isinstance(key, wanted) or isinstance(key, bool))) or not isinstance(event_id, str):
        raise _bad(f"cursor {cursor!r} does not belong to order={order}")
    return key, event_id


def next_cursor(last: dict[str, Any], order: str = "date") -> str:
    """The cursor for the page after the one that ended with event dict `last`."""
    key = last["date"]["start"] if order == "date" else last["confidence"]
    return _encode_cursor(key, last["id"])


def _where(q: EventQuery) -> tuple[list[str], dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if q.type:
        clauses.append("e.type = $type")
        params["type"] = q.type
    if q.mode:
        clauses.append("e.mode = $mode")
        params["mode"] = q.mode.strip().lower()
    if q.status:
        clauses.append("e.status = $status")
        params["status"] = q.status
    if q.country:
        clauses.append("list_contains(e.countries, $country)")
        params["country"] = q.country
    if q.actor:
        clauses.append("contains(e.parties, $actor)")
        params["actor"] = " ".join(q.actor.split()).lower()
    if q.text:
        clauses.append("contains(lower(e.evidence_text), $text)")
        params["text"] = q.text.strip().lower()
    if q.since is not None:
        # ISO strings compare as dates do; a datetime start ("2025-08-11T09:00") sorts after its day.
        clauses.append("e.date_start >= $since")
        params["since"] = _day_range(q.since, "since")[0].isoformat()
    if q.until is not None:
        clauses.append("e.date_start < $until")
        params["until"] = (_day_range(q.until, "until")[1] + timedelta(days=1)).isoformat()
    if q.cursor is not None:
        key, event_id = _decode_cursor(q.cursor, q.order)
        col = _SORT_COLUMN[q.order]
        if key is None:  # already in the undated tail
            clauses.append(f"({col} IS NULL AND e.id > $cid)")
        else:
            clauses.append(f"({col} < $ckey OR ({col} = $ckey AND e.id > $cid) OR {col} IS NULL)")
            params["ckey"] = key
        params["cid"] = event_id
    return clauses, params


def _by_ids(conn: duckdb.DuckDBPyConnection, sql: str, ids: list[str]) -> list[dict[str, Any]]:
    """Rows of `sql` (with one `{ids}` slot) for `ids`, as dicts. Placeholders only, never values, go into SQL."""
    out: list[dict[str, Any]] = []
    for start in range(0, len(ids), _FETCH_CHUNK):
        chunk = ids[start:start + _FETCH_CHUNK]
        result = conn.execute(sql.format(ids=", ".join("?" * len(chunk))), chunk)
        names = [d[0] for d in result.description or []]
        out.extend(dict(zip(names, r, strict=True)) for r in result.fetchall())
    return out


def query_events(conn: duckdb.DuckDBPyConnection, q: EventQuery) -> list[dict[str, Any]]:
    """Events matching `q`, newest (or most confident) first: SPEC.md Event dicts plus article_id, title."""
    clauses, params = _where(q)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    params.update(limit=q.limit, offset=q.offset)
    # Two steps: find the page's ids over narrow columns, then read those rows whole by primary key.
    # Sorting whole rows of 1M events (evidence text included) costs ~10x more.
    ids = [r[0] for r in conn.execute(
        f"SELECT e.id FROM events e {where} ORDER BY {_ORDER_BY[q.order]} LIMIT $limit OFFSET $offset",
        params).fetchall()]
    if not ids:
        return []
    rows = {r["id"]: r for r in _by_ids(conn, "SELECT * FROM events WHERE id IN ({ids})", ids)}
    parties: dict[str, list[dict[str, Any]]] = {}
    for p in _by_ids(conn, "SELECT * FROM event_actors WHERE event_id IN ({ids})", ids):
        parties.setdefault(p["event_id"], []).append(p)
    article_ids = list(dict.fromkeys(r["article_id"] for r in rows.values()))
    titles = {r["id"]: r["title"] for r in _by_ids(conn, "SELECT id, title FROM articles WHERE id IN ({ids})",
                                                   article_ids)}
    out = []
    for event_id in ids:
        row = rows[event_id]
        event = event_from_row(row, parties.get(event_id, [])).to_dict()
        event["article_id"] = row["article_id"]
        event["title"] = titles.get(row["article_id"])
        out.append(event)
    return out
