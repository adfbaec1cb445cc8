"""The one event query behind `chronicle events` and the HTTP API (STYLE.md 6).

`EventQuery` is a validated, frozen filter; `query_events(conn, q)` returns
SPEC.md Event dicts plus `article_id` and `title`. Every user value reaches
DuckDB as a bound parameter, never as SQL text.

Duplicates: once the store has been deduplicated (chronicle/dedup), each
merged event — one real-world happening reported by several articles — is
listed once, by its representative (its earliest-published report, ties by
event id), and the filters select among representatives; `copies=True` lists
every report. Each listed event then also carries `group_id` (the merged
event), `num_articles` and `num_sources` (null for an event stored since the
last deduplication). A store never deduplicated lists every event, without
those keys.

Paging: `offset`, or `cursor` (keyset: the value `next_cursor(last_row, order)`
gives), which stays fast and stable however deep the page.

The API's other reads take the same filter: `event_detail` (one event with
its article's excerpts), `top_actors`, `top_places` and `timeline` (counts).
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

_COUNTRY = re.compile(r"[A-Z]{3}")  # ISO 3166 alpha-3 or a PLOVER international code (IGO, NGO, ...)
_DAY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# Sort per order: newest (or most confident) first, undated last, event id as the tie-break.
_ORDER_BY = {"date": "e.date_start DESC NULLS LAST, e.id", "confidence": "e.confidence DESC NULLS LAST, e.id"}
_SORT_COLUMN = {"date": "e.date_start", "confidence": "e.confidence"}
_FETCH_CHUNK = 1000  # ids per IN (...) list: short enough for DuckDB to use the primary-key index
# A party code: its country (ISO alpha-3 or PLOVER international), optionally followed by its sector.
_ACTOR_CODE = re.compile(r"([A-Z]{3})([A-Z]{3})?")
INTERVALS = ("day", "week", "month")
BREAKDOWNS = ("type", "quad", "status")
EXCERPT_CHARS = 300  # article text either side of an evidence sentence in `event_detail`


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
    # Added for the API; the defaults keep every older caller's meaning.
    actor_code: str | None = None  # a party's country code, or country + sector ("KLV", "KLVMIL")
    place: str | None = None  # the event place's name or text contains it (any case), or its geonameid
    bbox: tuple[float, float, float, float] | None = None  # (min lon, min lat, max lon, max lat)
    quad: int | None = None  # 1-4, see SPEC.md
    copies: bool = False  # every report of a merged event, not only its representative (see the module docstring)

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
        if self.actor_code is not None:
            code = self.actor_code.strip().upper()
            if not _ACTOR_CODE.fullmatch(code):
                raise _bad(f"actor_code {self.actor_code!r} is not a country code, or a country code and a "
                           "sector (e.g. MLI or MLIMIL)")
            object.__setattr__(self, "actor_code", code)
        if self.bbox is not None:
            object.__setattr__(self, "bbox", _check_bbox(self.bbox))
        if self.quad is not None and (isinstance(self.quad, bool) or self.quad not in (1, 2, 3, 4)):
            raise _bad(f"quad {self.quad!r} is not 1, 2, 3 or 4")
        if not isinstance(self.copies, bool):
            raise _bad(f"copies {self.copies!r} must be true or false")


def _check_bbox(bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A bounding box as (min lon, min lat, max lon, max lat); min lon > max lon crosses the antimeridian."""
    try:
        west, south, east, north = (float(v) for v in bbox)
    except (TypeError, ValueError):
        raise _bad(f"bbox {bbox!r} must be four numbers: min lon, min lat, max lon, max lat") from None
    if not all(-180 <= v <= 180 for v in (west, east)) or not all(-90 <= v <= 90 for v in (south, north)):
        raise _bad(f"bbox {bbox!r} is off the globe: longitudes lie in -180..180, latitudes in -90..90")
    if south > north:
        raise _bad(f"bbox {bbox!r} has min lat {south} above max lat {north}")
    return west, south, east, north


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """`minlon,minlat,maxlon,maxlat` (as in a URL) to a checked bbox tuple."""
    parts = text.split(",")
    if len(parts) != 4:
        raise _bad(f"bbox {text!r} must be four comma-separated numbers: minlon,minlat,maxlon,maxlat")
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        raise _bad(f"bbox {text!r} must be four comma-separated numbers: minlon,minlat,maxlon,maxlat") from None
    return _check_bbox((values[0], values[1], values[2], values[3]))


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
    if q.quad is not None:
        clauses.append("e.quad = $quad")
        params["quad"] = q.quad
    if q.actor_code:
        m = _ACTOR_CODE.fullmatch(q.actor_code)
        assert m is not None  # checked in __post_init__
        clauses.append("e.id IN (SELECT event_id FROM event_actors WHERE country = $ac_country"
                       + (" AND sector = $ac_sector)" if m[2] else ")"))
        params["ac_country"] = m[1]
        if m[2]:
            params["ac_sector"] = m[2]
    if q.place:
        value = q.place.strip()
        if value.isdigit():
            clauses.append("e.place_geonameid = $place_id")
            params["place_id"] = int(value)
        else:
            clauses.append("(contains(lower(e.place_name), $place) OR contains(lower(e.place_text), $place))")
            params["place"] = " ".join(value.split()).lower()
    if q.bbox is not None:
        west, south, east, north = q.bbox
        lon = ("e.place_lon BETWEEN $west AND $east" if west <= east
               else "(e.place_lon >= $west OR e.place_lon <= $east)")  # across the antimeridian
        clauses.append(f"({lon} AND e.place_lat BETWEEN $south AND $north)")
        params.update(west=west, south=south, east=east, north=north)
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


def deduplicated(conn: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store holds the deduplication tables (and so `events.copy_of` is maintained)."""
    (n,) = conn.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' "
                        "AND table_name IN ('event_groups', 'merged_events')").fetchall()[0]
    return int(n) == 2


def query_events(conn: duckdb.DuckDBPyConnection, q: EventQuery) -> list[dict[str, Any]]:
    """Events matching `q`, newest (or most confident) first: SPEC.md Event dicts plus article_id, title
    (and, in a deduplicated store, group_id, num_articles, num_sources; see the module docstring)."""
    clauses, params = _where(q)
    merged = deduplicated(conn)
    if merged and not q.copies:
        # One column of the scan the filters make anyway: the default plan stays a filtered top-N.
        clauses.append("e.copy_of IS NULL")
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
    groups = _groups(conn, ids) if merged else {}
    out = []
    for event_id in ids:
        row = rows[event_id]
        event = event_from_row(row, parties.get(event_id, [])).to_dict()
        event["article_id"] = row["article_id"]
        event["title"] = titles.get(row["article_id"])
        if merged:
            event.update(groups.get(event_id, _NO_GROUP))
        out.append(event)
    return out


_NO_GROUP = {"group_id": None, "num_articles": None, "num_sources": None}


def _groups(conn: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The merged event of each of `ids` (two lookups by primary key, as the page's rows are read)."""
    group_of = {r["event_id"]: r["group_id"] for r in _by_ids(
        conn, "SELECT event_id, group_id FROM event_groups WHERE event_id IN ({ids})", ids)}
    counts = {r["group_id"]: r for r in _by_ids(
        conn, "SELECT group_id, num_articles, num_sources FROM merged_events WHERE group_id IN ({ids})",
        list(dict.fromkeys(group_of.values())))}
    return {eid: {"group_id": gid, "num_articles": counts[gid]["num_articles"] if gid in counts else None,
                  "num_sources": counts[gid]["num_sources"] if gid in counts else None}
            for eid, gid in group_of.items()}


# --- the API's other reads: one event, top parties and places, counts over time -------------------


def _filtered(q: EventQuery, conn: duckdb.DuckDBPyConnection,
              copies_apart: bool = False) -> tuple[str, dict[str, Any]]:
    """`q`'s filters as a WHERE clause (paging left out: aggregates cover every match); in a
    deduplicated store each merged event counts once, as the listing shows it, unless `q.copies`
    (or `copies_apart`: the caller leaves the copies out itself)."""
    clauses, params = _where(EventQuery(**{**q.__dict__, "cursor": None, "offset": 0}))
    if not copies_apart and _one_per_happening(q, conn):
        clauses.append("e.copy_of IS NULL")
    return (f"WHERE {' AND '.join(clauses)}" if clauses else ""), params


def count_events(conn: duckdb.DuckDBPyConnection, q: EventQuery) -> int:
    """How many events match `q`'s filters (every page together), counted as `query_events` lists them."""
    where, params = _filtered(q, conn)
    return int(conn.execute(f"SELECT count(*) FROM events e {where}", params).fetchall()[0][0])


def matching_ids(conn: duckdb.DuckDBPyConnection, q: EventQuery) -> list[str]:
    """The ids of every event matching `q`'s filters (paging left out), as `query_events` lists them:
    one per happening in a deduplicated store unless `q.copies`. For filtered exports."""
    where, params = _filtered(q, conn)
    return [r[0] for r in conn.execute(f"SELECT e.id FROM events e {where}", params).fetchall()]


def _one_per_happening(q: EventQuery, conn: duckdb.DuckDBPyConnection) -> bool:
    return not q.copies and deduplicated(conn)


def _excerpt(text: str, start: int, end: int, width: int = EXCERPT_CHARS) -> dict[str, Any]:
    """The article text around [start, end), widened by `width` and snapped outward to whitespace."""
    lo, hi = max(0, start - width), min(len(text), end + width)
    if lo > 0:
        space = text.rfind(" ", 0, lo)
        lo = 0 if space < 0 else space + 1
    if hi < len(text):
        space = text.find(" ", hi)
        hi = len(text) if space < 0 else space
    return {"start": lo, "end": hi, "text": text[lo:hi]}


def event_detail(conn: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event (as `query_events` gives it, every field) with its article's metadata and, for the evidence sentence
    and every other sentence that reports it, the article excerpt around it. None if there is no such id."""
    rows = _by_ids(conn, "SELECT * FROM events WHERE id IN ({ids})", [event_id])
    if not rows:
        return None
    row = rows[0]
    parties = _by_ids(conn, "SELECT * FROM event_actors WHERE event_id IN ({ids})", [event_id])
    event = event_from_row(row, parties).to_dict()
    (article,) = _by_ids(conn, "SELECT id, title, url, source, published, text FROM articles WHERE id IN ({ids})",
                         [row["article_id"]])
    text = article.pop("text") or ""
    event["article_id"] = row["article_id"]
    event["title"] = article["title"]
    if deduplicated(conn):  # the fields a listed event carries, so the list and one event share them
        event.update(_groups(conn, [event_id]).get(event_id, _NO_GROUP))
    event["article"] = article
    event["sentences"] = [
        {**span, "role": role, "excerpt": _excerpt(text, span["start"], span["end"])}
        for role, span in [("evidence", event["evidence"]), *(("mention", m) for m in event["mentions"])]
    ]
    return event


def top_actors(conn: duckdb.DuckDBPyConnection, q: EventQuery, name: str | None = None,
               role: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Parties of the events matching `q`, most events first: name, country, sector, events, as actor/recipient.

    `name` keeps parties whose name or text contains it (any case); `role` keeps one role.
    """
    where, params = _filtered(q, conn, copies_apart=True)
    # Unfiltered, the events table is not needed at all (on 1M events: ~300 ms of join saved), and
    # copies are left out by an anti-join on their ids (~80 ms cheaper than joining every event).
    source = "event_actors a JOIN events e ON e.id = a.event_id" if where else "event_actors a"
    if _one_per_happening(q, conn):
        source += " ANTI JOIN (SELECT id FROM events WHERE copy_of IS NOT NULL) c ON c.id = a.event_id"
    extra = []
    if role is not None:
        if role not in ("actor", "recipient"):
            raise _bad(f"role {role!r} is not actor or recipient")
        extra.append("a.role = $role")
        params["role"] = role
    if name:
        extra.append("(contains(lower(a.name), $name) OR contains(lower(a.text), $name))")
        params["name"] = " ".join(name.split()).lower()
    if extra:
        where = (where + " AND " if where else "WHERE ") + " AND ".join(extra)
    params["limit"] = _check_limit(limit)
    # Inner GROUP BY: one row per party and event (a party named twice in one event counts once).
    sql = f"""
        SELECT name, country, sector, count(*) AS events, count(*) FILTER (WHERE as_actor) AS as_actor,
               count(*) FILTER (WHERE as_recipient) AS as_recipient
        FROM (SELECT coalesce(a.name, a.text) AS name, a.country, a.sector, a.event_id,
                     bool_or(a.role = 'actor') AS as_actor, bool_or(a.role = 'recipient') AS as_recipient
              FROM {source} {where} GROUP BY ALL)
        GROUP BY ALL ORDER BY events DESC, name, country NULLS LAST, sector NULLS LAST LIMIT $limit"""
    result = conn.execute(sql, params)
    names = [d[0] for d in result.description or []]
    out = []
    for r in result.fetchall():
        item = dict(zip(names, r, strict=True))
        item["code"] = (item["country"] or "") + (item["sector"] or "") if item["country"] else None
        out.append(item)
    return out


def top_places(conn: duckdb.DuckDBPyConnection, q: EventQuery, name: str | None = None,
               limit: int = 50) -> list[dict[str, Any]]:
    """Event places of the events matching `q`, most events first, with their coordinates and quad counts."""
    where, params = _filtered(q, conn)
    where = (where + " AND " if where else "WHERE ") + "e.place_text IS NOT NULL"
    if name:
        where += " AND (contains(lower(e.place_name), $pname) OR contains(lower(e.place_text), $pname))"
        params["pname"] = " ".join(name.split()).lower()
    params["limit"] = _check_limit(limit)
    sql = f"""
        SELECT e.place_geonameid AS geonameid, coalesce(e.place_name, e.place_text) AS name,
               e.place_country AS country, any_value(e.place_admin1) AS admin1,
               any_value(e.place_lat) AS lat, any_value(e.place_lon) AS lon, count(*) AS events,
               count(*) FILTER (WHERE e.quad = 1) AS quad1, count(*) FILTER (WHERE e.quad = 2) AS quad2,
               count(*) FILTER (WHERE e.quad = 3) AS quad3, count(*) FILTER (WHERE e.quad = 4) AS quad4
        FROM events e {where}
        GROUP BY e.place_geonameid, coalesce(e.place_name, e.place_text), e.place_country
        ORDER BY events DESC, name LIMIT $limit"""
    result = conn.execute(sql, params)
    names = [d[0] for d in result.description or []]
    return [dict(zip(names, r, strict=True)) for r in result.fetchall()]


def _check_limit(limit: int) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise _bad(f"limit {limit!r} must be a positive integer")
    return min(limit, MAX_LIMIT)


def timeline(conn: duckdb.DuckDBPyConnection, q: EventQuery, interval: str = "day",
             by: str | None = None) -> dict[str, Any]:
    """Counts of the events matching `q` per day, ISO week (Monday) or month of their start date.

    With `by` (type, quad or status) each bucket splits its count by that field. Events whose start
    date is unknown are counted apart as `undated`, so `total` is every match.
    """
    if interval not in INTERVALS:
        raise _bad(f"interval {interval!r} is not one of {', '.join(INTERVALS)}")
    if by is not None and by not in BREAKDOWNS:
        raise _bad(f"by {by!r} is not one of {', '.join(BREAKDOWNS)}")
    where, params = _filtered(q, conn)
    key = f"e.{by}" if by else "NULL"
    # interval and by are checked against fixed lists above, so they may go into the SQL text.
    sql = f"""
        SELECT CAST(date_trunc('{interval}', TRY_CAST(left(e.date_start, 10) AS DATE)) AS DATE) AS bucket,
               {key} AS k, count(*) AS n
        FROM events e {where} GROUP BY ALL ORDER BY bucket NULLS LAST, k"""
    buckets: dict[str, dict[str, Any]] = {}
    undated = total = 0
    for bucket, k, n in conn.execute(sql, params).fetchall():
        total += n
        if bucket is None:
            undated += n
            continue
        day = bucket.isoformat()
        entry = buckets.setdefault(day, {"date": day, "count": 0, **({"by": {}} if by else {})})
        entry["count"] += n
        if by:
            entry["by"][str(k)] = n
    return {"interval": interval, "by": by, "total": total, "undated": undated, "buckets": list(buckets.values())}


def facets(conn: duckdb.DuckDBPyConnection, q: EventQuery | None = None, top: int = 250) -> dict[str, Any]:
    """Filter menus: events per type, status, quad and (top) country, and the span of event dates.

    Counted as the listing counts (one per merged event unless `q.copies`) among the events that match
    `q`'s other filters: the type menu honours the country filter and the rest, but not the type filter
    itself, so each number is what the table would show on picking that value. `events` and the dates
    are of the events matching every filter.
    """
    q = q or EventQuery()

    def without(field: str) -> tuple[str, dict[str, Any]]:
        return _filtered(EventQuery(**{**q.__dict__, field: None}), conn)

    def counts(column: str, field: str, order: str) -> list[dict[str, Any]]:
        where, params = without(field)
        sql = f"SELECT {column} AS v, count(*) AS n FROM events e {where} GROUP BY ALL ORDER BY {order}"
        return [{"value": v, "events": n} for v, n in conn.execute(sql, params).fetchall()]

    where, params = _filtered(q, conn)
    first, last, n = conn.execute("SELECT min(left(e.date_start, 10)), max(left(e.date_start, 10)), count(*) "
                                  f"FROM events e {where}", params).fetchall()[0]
    cwhere, cparams = without("country")
    countries = conn.execute(f"SELECT c, count(*) AS n FROM (SELECT unnest(e.countries) AS c FROM events e {cwhere}) "
                             f"GROUP BY ALL ORDER BY n DESC, c LIMIT {int(top)}", cparams).fetchall()
    return {
        "events": n, "first_date": first, "last_date": last,
        "types": counts("e.type", "type", "n DESC, v"),
        "statuses": counts("e.status", "status", "n DESC, v"),
        "quads": counts("e.quad", "quad", "v"),
        "countries": [{"value": v, "events": c} for v, c in countries],
    }
