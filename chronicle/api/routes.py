"""The API's endpoints. Each reads through a cursor of its own (`reader`) and calls chronicle.query.

Every list endpoint takes the same event filters (`event_filter`), so a
dashboard view, its timeline and its table always agree.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import duckdb
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from chronicle.api import models
from chronicle.api.errors import ApiError
from chronicle.api.ingest import process_body, stats_json
from chronicle.api.stream import stream_text
from chronicle.config import Config
from chronicle.query import (
    EventQuery,
    count_events,
    event_detail,
    facets,
    matching_ids,
    next_cursor,
    parse_bbox,
    query_events,
    timeline,
    top_actors,
    top_places,
)
from chronicle.records import Article, Failure
from chronicle.store import IngestStats, Store

API_MAX_LIMIT = 1000  # events per page; larger pages are cut to this (deep reads page with the cursor)
TOP_MAX_LIMIT = 1000  # rows of /actors and /places



def _query_names(dependant: Any) -> set[str]:
    """The query parameters an endpoint and its dependencies (the shared filters) declare."""
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def known_parameters(request: Request) -> None:
    """Refuse a query parameter the endpoint does not take: `/events?contry=MLI` must not answer every
    event as if unfiltered. The answer names the parameters the endpoint does take."""
    route = request.scope.get("route")
    if route is None or not hasattr(route, "dependant"):
        return
    valid = _query_names(route.dependant)
    unknown = sorted(set(request.query_params) - valid)
    if unknown:
        names = ", ".join(f"`{u}`" for u in unknown)
        raise ApiError(400, "bad_parameter", f"unknown query parameter {names} — {request.url.path} takes "
                       f"{', '.join(sorted(valid)) or 'no parameters'}; /docs describes each")


router = APIRouter(dependencies=[Depends(known_parameters)],
                   responses={400: {"model": models.Error, "description": "A parameter the endpoint refuses."},
                              422: {"model": models.Error, "description": "A value of the wrong type or range."}})


def reader(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor for this request: its own view of the store, apart from the writer's open transaction."""
    cursor = request.app.state.store.conn.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


Conn = Annotated[duckdb.DuckDBPyConnection, Depends(reader)]


def _opt(value: str | None) -> str | None:
    """An empty form field means "no filter"."""
    return value if value is not None and value.strip() else None


@dataclass(frozen=True)
class Filters:
    """The event filters every list endpoint shares, validated into an `EventQuery` by `query()`."""

    values: dict[str, Any]

    def query(self, **paging: Any) -> EventQuery:
        return EventQuery(**self.values, **paging)


def event_filter(
    country: Annotated[str | None, Query(description="Actor, recipient or place in this country: ISO 3166 "
                                         "alpha-3 or a PLOVER code (IGO, NGO, ...).", examples=["MLI"])] = None,
    type_: Annotated[str | None, Query(alias="type", description="PLOVER event type.", examples=["ASSAULT"])] = None,
    mode: Annotated[str | None, Query(description="PLOVER mode.", examples=["arrest"])] = None,
    status: Annotated[str | None, Query(description="asserted, alleged, planned, hypothetical, negated, denied "
                                        "or historical.")] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="1 verbal cooperation … 4 material conflict.")] = None,
    actor: Annotated[str | None, Query(description="An actor's or recipient's name or text contains this "
                                       "(any case).", examples=["police"])] = None,
    actor_code: Annotated[str | None, Query(description="A party's country code, or country and sector code.",
                                            examples=["MLIMIL"])] = None,
    place: Annotated[str | None, Query(description="The event place's name contains this (any case), or a "
                                       "GeoNames id.", examples=["Bamako"])] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat: the event place lies inside.",
                                      examples=["-12.5,10,4.5,25"])] = None,
    since: Annotated[str | None, Query(description="Event start date on or after (YYYY-MM-DD, YYYY-MM, YYYY).")]
    = None,
    until: Annotated[str | None, Query(description="Event start date on or before.")] = None,
    text: Annotated[str | None, Query(description="The evidence sentence contains this (any case).")] = None,
    copies: Annotated[bool, Query(description="Every report of a merged event, not one per happening.")] = False,
) -> Filters:
    values: dict[str, Any] = {
        "country": _opt(country), "type": _opt(type_), "mode": _opt(mode), "status": _opt(status),
        "actor": _opt(actor), "actor_code": _opt(actor_code), "place": _opt(place), "since": _opt(since),
        "until": _opt(until), "text": _opt(text), "quad": quad, "copies": copies,
    }
    if _opt(bbox):
        assert bbox is not None
        values["bbox"] = parse_bbox(bbox)
    EventQuery(**values)  # validate now: a bad value answers 400 before any work
    return Filters(values)


def _given(filters: Filters) -> bool:
    """Whether any filter has a value (copies=true counts as one)."""
    return any(v not in (None, False) for v in filters.values.values())


Filtered = Annotated[Filters, Depends(event_filter)]


@router.get("/events", tags=["events"], response_model=models.EventPage)
def list_events(
    filters: Filtered, conn: Conn,
    limit: Annotated[int, Query(ge=1, description=f"Events per page (at most {API_MAX_LIMIT}).")] = 100,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page.")] = None,
    order: Annotated[Literal["date", "confidence"], Query(description="Newest or most confident first.")] = "date",
) -> JSONResponse:
    """Events matching the filters: SPEC.md Event records plus `article_id` and `title`, one page at a time;
    `total` counts every match."""
    q = filters.query(limit=min(limit, API_MAX_LIMIT), cursor=_opt(cursor), order=order)
    found = query_events(conn, q)
    total = count_events(conn, q)
    more = next_cursor(found[-1], order) if len(found) == q.limit else None
    return JSONResponse({"events": found, "count": len(found), "total": total, "limit": q.limit,
                         "next_cursor": more})


@router.get("/events/{event_id:path}", tags=["events"], response_model=models.EventDetail,
            responses={404: {"model": models.Error, "description": "No such event."}})
def get_event(event_id: Annotated[str, Path(description="The event id, `<article id>:e<n>`; write a `#` in it "
                                            "as `%23` (a URL's `#` starts its fragment, which is never sent).")],
              conn: Conn) -> JSONResponse:
    """One event (every field the list gives), its article's title and address, and every sentence that
    reports it with the text around it."""
    event = event_detail(conn, event_id)
    if event is None:
        raise ApiError(404, "not_found", f"no event {event_id!r} in the store — {_id_hint(conn, event_id)}")
    return JSONResponse(event)


def _id_hint(conn: duckdb.DuckDBPyConnection, given: str) -> str:
    """What to do about an id that is not stored. Ids of articles split from one input hold `#`
    (`<hash>#2:e1`); in a plain URL the `#` and all after it never reach the server."""
    if "#" not in given:
        (n,) = conn.execute("SELECT count(*) FROM events WHERE starts_with(id, $p)", {"p": given + "#"}).fetchall()[0]
        if n:
            return (f"{n} event ids start with '{given}#': a URL drops everything from '#', so write it as "
                    f"%23 (/events/{given}%23…)")
    return "take ids from GET /events; write a '#' in an id as %23"


@router.get("/articles/{article_id:path}", tags=["articles"],
            responses={404: {"model": models.Error, "description": "No such article."}})
def get_article(article_id: Annotated[str, Path(description="The article id.")], conn: Conn,
                request: Request) -> JSONResponse:
    """The full SPEC.md article record: text, entities, places, events, quotes, times."""
    record = Store(conn, request.app.state.store.path, read_only=True).article_record(article_id)
    if record is None:
        raise ApiError(404, "not_found", f"no article {article_id!r} in the store — take ids from GET /events; "
                       "write a '#' in an id as %23")
    return JSONResponse(record)


@router.get("/actors", tags=["aggregates"], response_model=models.Actors)
def list_actors(
    filters: Filtered, conn: Conn,
    name: Annotated[str | None, Query(description="The party's name or text contains this (any case).")] = None,
    role: Annotated[Literal["actor", "recipient"] | None, Query(description="Count one role only.")] = None,
    limit: Annotated[int, Query(ge=1)] = 50,
) -> JSONResponse:
    """Actors and recipients of the matching events, most events first."""
    rows = top_actors(conn, filters.query(), name=_opt(name), role=role, limit=min(limit, TOP_MAX_LIMIT))
    return JSONResponse({"actors": rows})


@router.get("/places", tags=["aggregates"], response_model=models.Places)
def list_places(
    filters: Filtered, conn: Conn,
    name: Annotated[str | None, Query(description="The place's name contains this (any case).")] = None,
    limit: Annotated[int, Query(ge=1)] = 50,
) -> JSONResponse:
    """Places of the matching events, most events first, with coordinates and counts per quad."""
    rows = top_places(conn, filters.query(), name=_opt(name), limit=min(limit, TOP_MAX_LIMIT))
    return JSONResponse({"places": rows})


@router.get("/stats/timeline", tags=["aggregates"], response_model=models.Timeline)
def get_timeline(
    filters: Filtered, conn: Conn,
    interval: Annotated[Literal["day", "week", "month"], Query()] = "day",
    by: Annotated[Literal["type", "quad", "status"] | None, Query(description="Split each count.")] = None,
) -> JSONResponse:
    """Counts of the matching events per day, week or month of their start date; `undated` apart."""
    return JSONResponse(timeline(conn, filters.query(), interval=interval, by=by))


@router.get("/stats/facets", tags=["aggregates"], response_model=models.Facets)
def get_facets(filters: Filtered, conn: Conn) -> JSONResponse:
    """Events per type, status, quad and country, and the span of event dates: the dashboard's filter menus.

    Each menu counts the events matching the other filters (the type menu ignores only `type`), one per
    merged event as the list shows them; `events` and the dates are of the events matching every filter."""
    return JSONResponse(facets(conn, filters.query()))


_EXPORTS = {"csv": ("text/csv; charset=utf-8", "events.csv"),
            "parquet": ("application/vnd.apache.parquet", "events.parquet"),
            "jsonl": ("application/x-ndjson", "articles.jsonl"),
            "plover": ("application/x-ndjson", "plover.jsonl")}


@router.get("/export", tags=["export"], responses={200: {"content": {"text/csv": {}, "application/x-ndjson": {}},
                                                          "description": "The file, streamed."}})
def export(request: Request, filters: Filtered,
           format: Annotated[Literal["csv", "jsonl", "plover", "parquet"], Query(
               description="csv, parquet: one row per event; jsonl: article records; plover: PLOVER event records.")],
           ) -> Response:
    """The events matching the filters (the same filters as /events, the same events it lists) in one format,
    streamed as it is read; jsonl gives the articles that report them. With no filter: the whole store, every
    report of a merged event included (the same bytes as `chronicle export`)."""
    from chronicle.export import write_csv, write_jsonl, write_plover

    owner: Store = request.app.state.store
    query = filters.query() if _given(filters) else None
    if format == "parquet":
        return _parquet(owner, query)

    def produce(out: Any) -> None:
        cursor = owner.conn.cursor()
        try:
            ids = matching_ids(cursor, query) if query is not None else None
            if format == "csv":
                write_csv(cursor, out, ids)
            elif format == "jsonl":
                write_jsonl(Store(cursor, owner.path, read_only=True), out, ids)
            else:
                write_plover(Store(cursor, owner.path, read_only=True), out, ids)
        finally:
            cursor.close()

    media, filename = _EXPORTS[format]
    return StreamingResponse(stream_text(produce), media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _parquet(owner: Store, query: EventQuery | None) -> Response:
    """Parquet is written whole before it can be read (its footer comes last): into a temporary file,
    sent, then removed."""
    import os
    import tempfile

    from starlette.background import BackgroundTask

    from chronicle.export import write_parquet

    fd, path = tempfile.mkstemp(suffix=".parquet")
    os.close(fd)
    cursor = owner.conn.cursor()
    try:
        write_parquet(cursor, path, matching_ids(cursor, query) if query is not None else None)
    except BaseException:
        os.remove(path)
        raise
    finally:
        cursor.close()
    media, filename = _EXPORTS["parquet"]
    return FileResponse(path, media_type=media, filename=filename, background=BackgroundTask(os.remove, path))


def _authorise(request: Request) -> None:
    token: str | None = request.app.state.settings.token
    if token is None:
        raise ApiError(403, "ingest_disabled", "ingest over HTTP is off on this server — start it with "
                       "--token T (or CHRONICLE_TOKEN=T) and send `Authorization: Bearer T`")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(401, "unauthorized", "missing or wrong token — send `Authorization: Bearer T` with the "
                       "token the server was started with", headers={"WWW-Authenticate": "Bearer"})


async def _body(request: Request, limit: int) -> str:
    too_large = ApiError(413, "too_large", f"the body is over the server's limit of {limit:,} bytes — send "
                         "fewer documents per request (chronicle ingest --server splits its input for you)")
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_large
    parts: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        parts.append(chunk)
    try:
        return b"".join(parts).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "bad_body", f"the body is not UTF-8 (byte {exc.start}) — send JSON Lines in "
                       "UTF-8") from None


def _ingest_and_dedup(store: Store, items: list[Article | Failure], size: int) -> IngestStats:
    from chronicle.store.dedup import dedup_store

    stats = store.ingest(items, batch_size=size)
    dedup_store(store)
    return stats


@router.post("/ingest", tags=["ingest"], responses={
    401: {"description": "Missing or wrong token."}, 403: {"description": "Ingest is off (no token set)."},
    413: {"description": "Body over the size limit."}})
async def ingest(request: Request) -> JSONResponse:
    """Process JSON Lines documents (SPEC.md input, one per line) and store them in one transaction.

    Needs `Authorization: Bearer <token>`. Answers what was stored; bad lines are listed as failures
    (and recorded in the store), the other lines are still stored.
    """
    _authorise(request)
    body = await _body(request, request.app.state.settings.max_body)
    items = await run_in_threadpool(process_body, body, Config())
    size = sum(1 for i in items if isinstance(i, Article)) + 1
    # The whole request in one transaction (batch larger than its article count): readers see all or none.
    # Then copies and merged events are brought up to date, as after a CLI ingest (incremental: cheap).
    future = request.app.state.writer.submit(lambda store: _ingest_and_dedup(store, items, size))
    stats = await asyncio.wrap_future(future)
    return JSONResponse(stats_json(stats))
