"""The shapes the API answers with, for its OpenAPI description (`/openapi.json`, `/docs`).

The routes build plain dicts from chronicle.query (SPEC.md records) and return them as they are; these
models only document them. `extra="allow"`: a record may carry fields added after this description
(SPEC.md lets fields be added), such as a place's `basis`.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import types
from typing import Any, get_args, get_origin, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, create_model

from chronicle import records


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Span(_Open):
    start: int | None
    end: int | None
    text: str | None


class Party(_Open):
    text: str
    start: int | None
    end: int | None
    name: str | None
    country: str | None = Field(description="ISO 3166 alpha-3 or a PLOVER international code")
    sector: str | None
    other_sectors: list[str]
    entity: str | None


class Place(_Open):
    text: str
    start: int | None
    end: int | None
    name: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    feature_code: str | None
    resolution: int | None = Field(description="1 country, 2 first-order region, 3 district, 4 city, 5 below city")


class EventDate(_Open):
    start: str | None
    end: str | None
    precision: str = Field(description="day, week, month, year or unknown")
    text: str | None = Field(description="the words the date was read from; null when filled in")
    basis: str = Field(description="text, context, published (the article's date: the text gives none) "
                                   "or unknown")


class Size(_Open):
    killed: int | None
    injured: int | None
    arrested: int | None
    count: int | None


def _api_type(hint: Any) -> Any:
    """A record field's type with each record dataclass replaced by its API model (same name)."""
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return globals()[_API_NAMES.get(hint.__name__, hint.__name__)]
    args = get_args(hint)
    if not args:
        return hint
    converted = tuple(_api_type(a) for a in args)
    if isinstance(hint, types.UnionType):
        return functools.reduce(operator.or_, converted)
    return get_origin(hint)[converted if len(converted) > 1 else converted[0]]


_API_NAMES = {"Actor": "Party"}


def _record_fields(record: type) -> dict[str, Any]:
    """The fields of a SPEC.md record dataclass as pydantic field definitions: one list of fields, in
    chronicle.records, for the record and its API description."""
    hints = get_type_hints(record)
    # every field is in every answer; only a field whose record default is None may be left out
    return {f.name: (_api_type(hints[f.name]), None if f.default is None else ...) for f in dataclasses.fields(record)}


# A SPEC.md Event (chronicle.records.Event) plus where it was read; in a deduplicated store also its
# merged event.
Event = create_model(
    "Event", __base__=_Open, __doc__="A SPEC.md Event plus where it was read; in a deduplicated store also "
                                     "its merged event.",
    **{**_record_fields(records.Event),
       # read back from the store, an ACLED pair may lack its sub-event type
       "acled": (dict[str, str | None] | None, None)},
    article_id=(str, ...),
    title=(str | None, ...),
    group_id=(str | None, Field(None, description="the merged event (deduplicated stores only)")),
    num_articles=(int | None, Field(None, description="articles that report the merged event")),
    num_sources=(int | None, Field(None, description="distinct sources that report the merged event")),
)


class EventPage(_Open):
    events: list[Event]  # type: ignore[valid-type]
    count: int = Field(description="events on this page")
    total: int = Field(description="events matching the filters, every page together")
    limit: int
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last page")


class ArticleRef(_Open):
    id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None


class Sentence(_Open):
    start: int
    end: int
    text: str
    role: str = Field(description="evidence or mention")
    excerpt: Span


class EventDetail(Event):  # type: ignore[misc,valid-type]
    """Every field of a listed event, plus its article and the sentences that report it."""

    article: ArticleRef
    sentences: list[Sentence]


class ActorRow(_Open):
    name: str | None
    country: str | None
    sector: str | None
    code: str | None
    events: int
    as_actor: int
    as_recipient: int


class Actors(_Open):
    actors: list[ActorRow]


class PlaceRow(_Open):
    geonameid: int | None
    name: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    events: int
    quad1: int
    quad2: int
    quad3: int
    quad4: int


class Places(_Open):
    places: list[PlaceRow]


class Bucket(_Open):
    date: str
    count: int
    by: dict[str, int] | None = None


class Timeline(_Open):
    interval: str
    by: str | None
    total: int
    undated: int
    buckets: list[Bucket]


class Count(_Open):
    value: str | int
    events: int


class Facets(_Open):
    events: int
    first_date: str | None
    last_date: str | None
    types: list[Count]
    statuses: list[Count]
    quads: list[Count]
    countries: list[Count]


class ErrorBody(_Open):
    code: str
    message: str


class Error(_Open):
    """Every error: one shape."""

    error: ErrorBody
