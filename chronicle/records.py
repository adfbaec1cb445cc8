"""The typed records that flow through chronicle's stages.

`Document` is what a reader yields (one input document, before segmentation);
`Article` is the output record of ../SPEC.md, filled stage by stage:

    read -> segment -> annotate -> places -> entities -> times -> quotes -> events -> store

Every span with offsets indexes `Article.text`, end-exclusive, and
`text[start:end] == span.text` holds for all of them ("offsets are law").
`to_dict()` gives the exact JSON shape of SPEC.md.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# 2: an event's place and date say their basis (SPEC.md); a schema-1 record reads as schema 2.
SCHEMA_VERSION = 2

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# Quad per type: the per-category sections of the PLOVER manual (SANCTION is material conflict, SPEC.md).
QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
STATUSES = ("asserted", "alleged", "planned", "hypothetical", "negated", "denied", "historical")
# An event's place, in the order they are tried: its own sentence, a neighbouring sentence of the
# same report, the article's main place, the dateline.
PLACE_BASES = ("sentence", "context", "article", "dateline")
PRECISIONS = ("day", "week", "month", "year", "unknown")
# Where an event's date came from: a time expression governing the event, one from a neighbouring
# sentence, the article's own date (the text gives none), or nowhere.
DATE_BASES = ("text", "context", "published", "unknown")


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Record:
    """Mixin: `to_dict()` renders the SPEC.md JSON shape."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = _plain(self)
        return out


@dataclass
class Span(Record):
    """A stretch of `Article.text`: `{start, end, text}`."""

    start: int
    end: int
    text: str


@dataclass
class Place(Record):
    """A resolved toponym. `start`/`end` are None for inferred places (dateline, dominant country)."""

    text: str
    start: int | None
    end: int | None
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166 alpha-3
    admin1: str | None = None
    feature_code: str | None = None
    resolution: int | None = None  # 1 country, 2 admin1, 3 district, 4 city/town, 5 below city
    # Where the place comes from (schema 2). On an event's place: one of PLACE_BASES. On a toponym
    # that no gazetteer lists, placed instead of dropped: "pair" (at the region of its "Town, ST"
    # pair) or "home" (at the article's home town, county or state). Null on a toponym resolved itself.
    basis: str | None = None
    confidence: float | None = None  # 0-1, set where the place is a guess (a toponym placed at home)


@dataclass
class Entity(Record):
    """A person, organisation, place, group, or a nominal actor (label NOM)."""

    id: str
    text: str
    label: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    other_sectors: list[str] = field(default_factory=list)
    mentions: list[list[int]] = field(default_factory=list)


@dataclass
class Actor(Record):
    """One party of an event, a span of the evidence sentence plus its resolved codes."""

    text: str
    start: int | None
    end: int | None
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    other_sectors: list[str] = field(default_factory=list)
    entity: str | None = None


@dataclass
class EventDate(Record):
    start: str | None = None
    end: str | None = None
    precision: str = "unknown"
    text: str | None = None
    basis: str = "unknown"  # one of DATE_BASES


def date_basis_of(start: str | None, text: str | None) -> str:
    """The basis of a date stored before schema 2: a date with its text was read in the text; one
    without was the article's date (schema 1 had no other fallback); none is unknown."""
    if start is None:
        return "unknown"
    return "text" if text is not None else "published"


@dataclass
class Size(Record):
    killed: int | None = None
    injured: int | None = None
    arrested: int | None = None
    count: int | None = None


@dataclass
class Event(Record):
    id: str
    type: str
    mode: str | None
    context: list[str]
    quad: int
    actor: list[Actor]
    recipient: list[Actor]
    place: Place | None
    date: EventDate
    size: Size
    status: str
    trigger: Span
    evidence: Span
    mentions: list[Span] = field(default_factory=list)
    confidence: float = 0.5
    acled: dict[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        if out.get("acled") is None:
            out.pop("acled", None)
        return out


@dataclass
class Speaker(Record):
    text: str
    start: int | None
    end: int | None
    name: str | None = None
    entity: str | None = None


@dataclass
class Quote(Record):
    text: str
    start: int
    end: int
    direct: bool
    speaker: Speaker | None
    cue: Span | None


@dataclass
class Time(Record):
    text: str
    start: int
    end: int
    type: str  # DATE, TIME, DURATION, SET
    value: str | None


@dataclass
class Rejection(Record):
    """Why a stage let a candidate go (a trigger that is not an event here, a place that only names
    someone): not part of the record, kept so that `chronicle explain` can answer "why no event here?"."""

    stage: str  # the stage's versioned name
    text: str  # the candidate as written (a trigger, a place)
    start: int
    end: int
    reason: str  # a short code ("descriptive-participle", "encoder-not-an-event" ...)
    detail: str = ""  # the figures or words behind it
    type: str | None = None  # the event type the candidate would have had


@dataclass
class Coder(Record):
    name: str
    version: str
    schema: int
    models: dict[str, str]


@dataclass
class Article(Record):
    """The output record of SPEC.md. Segmentation fills the metadata and `text`; stages fill the rest."""

    id: str
    input_id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    byline: str | None = None
    credit: str | None = None
    published: str | None = None
    published_from: str = "unknown"  # input | text | relative | unknown
    dateline: str | None = None
    dateline_place: Place | None = None
    summary: list[str] = field(default_factory=list)
    language: str = "en"
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    coder: Coder | None = None


@dataclass
class Document(Record):
    """One input document as a reader yields it, before segmentation.

    `kind` says how to segment it: "text" (plain text, may be a dump of several
    articles), "html" (may hold several), "jsonl" (always exactly one article).
    """

    input_id: str
    kind: str
    text: str | None = None
    html: str | None = None
    id: str | None = None  # the caller's id (JSON Lines `id`)
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    published: str | None = None
    fetched: str | None = None
    path: str | None = None
    position: str | None = None  # "line 7", "byte 1024", "record <id>"


@dataclass
class Failure(Record):
    """An input that could not be processed, and what the user should do about it."""

    input: str
    position: str | None
    code: str
    message: str


# The inverse of `to_dict()`, for records that come back as JSON (Parquet shards, JSON Lines).

def _place_of(d: Mapping[str, Any] | None) -> Place | None:
    return Place(**d) if d else None


def _span(d: Mapping[str, Any] | None) -> Span | None:
    return Span(**d) if d else None


def _event(d: Mapping[str, Any]) -> Event:
    trigger, evidence = _span(d["trigger"]), _span(d["evidence"])
    assert trigger is not None and evidence is not None
    return Event(
        id=d["id"], type=d["type"], mode=d["mode"], context=list(d["context"]), quad=d["quad"],
        actor=[Actor(**a) for a in d["actor"]], recipient=[Actor(**a) for a in d["recipient"]],
        place=_place_of(d["place"]), date=_date(d["date"]), size=Size(**d["size"]), status=d["status"],
        trigger=trigger, evidence=evidence, mentions=[Span(**m) for m in d.get("mentions", [])],
        confidence=d["confidence"], acled=d.get("acled"))


def _date(d: Mapping[str, Any]) -> EventDate:
    if "basis" in d:
        return EventDate(**d)
    return EventDate(**d, basis=date_basis_of(d.get("start"), d.get("text")))


def _quote(d: Mapping[str, Any]) -> Quote:
    return Quote(text=d["text"], start=d["start"], end=d["end"], direct=d["direct"],
                 speaker=Speaker(**d["speaker"]) if d["speaker"] else None, cue=_span(d["cue"]))


def article_from_dict(d: Mapping[str, Any]) -> Article:
    """The Article whose `to_dict()` is `d` (round trip: `article_from_dict(a.to_dict()) == a`)."""
    return Article(
        id=d["id"], input_id=d["input_id"], text=d["text"], title=d["title"], url=d["url"], source=d["source"],
        byline=d["byline"], credit=d["credit"], published=d["published"], published_from=d["published_from"],
        dateline=d["dateline"], dateline_place=_place_of(d["dateline_place"]), summary=list(d["summary"]),
        language=d["language"], entities=[Entity(**e) for e in d["entities"]],
        places=[Place(**p) for p in d["places"]], events=[_event(e) for e in d["events"]],
        quotes=[_quote(q) for q in d["quotes"]], times=[Time(**t) for t in d["times"]],
        coder=Coder(**d["coder"]) if d["coder"] else None,
    )
