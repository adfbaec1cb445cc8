"""When and where an event happened: Time and Place records attached to its clause.

Reads `article.times` (TIMEX3 values) and the article's `locations` (its
resolved places that say where, from the geo stage) of the event's sentence.
A Time or Place is attached when the parse links it to the trigger or its
clause verb without passing through another clause.
Fallbacks for the date: the published date (precision day, `basis`
"published"), then "unknown"; a date read from the event's own sentence has
`basis` "text". A place not in the clause is found later, by
chronicle.geo.event_places. Never borrows from another article.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import TypeVar

from spacy.tokens import Doc, Token

from chronicle.events.merge import Report
from chronicle.records import Article, Event, EventDate, Place, Time
from chronicle.wordlists import words

TimeOrPlace = TypeVar("TimeOrPlace", Time, Place)
WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
YEAR = re.compile(r"^(\d{4})$")
LOCATIVE = words("english/place_prepositions")
CLAUSE_MODIFIERS = frozenset({"relcl", "acl", "appos"})
# A place in an apposition still locates the event ("killing two citizens, A and B in Minnesota").
PLACE_MODIFIERS = frozenset({"relcl", "acl"})
HISTORICAL_DAYS = 365  # background: an event dated more than a year before the story


def timex_range(value: str | None) -> tuple[str, str, str] | None:
    """A TIMEX3 date value as (start, end, precision); None for durations, sets and unresolved values."""
    if not value:
        return None
    if m := DAY.match(value):
        day = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
        return day, day, "day"
    if m := WEEK.match(value):
        monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat(), "week"
    if m := MONTH.match(value):
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            return None
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        return f"{year:04d}-{month:02d}-01", (nxt - dt.timedelta(days=1)).isoformat(), "month"
    if m := QUARTER.match(value):
        year, q = int(m.group(1)), int(m.group(2))
        first = dt.date(year, 3 * q - 2, 1)
        nxt = dt.date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)
        return first.isoformat(), (nxt - dt.timedelta(days=1)).isoformat(), "month"
    if m := YEAR.match(value):
        return f"{m.group(1)}-01-01", f"{m.group(1)}-12-31", "year"
    return None


def attached(doc: Doc, start: int, end: int, anchors: set[int],
             modifiers: frozenset[str] = CLAUSE_MODIFIERS) -> bool:
    """Whether the phrase at characters [start, end) hangs off one of the anchor tokens in the parse."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    tok: Token = span.root
    for _ in range(12):
        if tok.i in anchors:
            return True
        if tok.head is tok:
            return False
        if tok.dep_ in modifiers and tok.head.i not in anchors:
            # "The junta, which came to power in 2020, has made 55 arrests": the relative clause
            # or apposition describes a party; its time is the party's, not the event's. Only a
            # clause on the trigger itself ("the arrests, which began last week") dates the event.
            return False
        if tok.pos_ in ("VERB", "AUX") and tok.i != span.root.i and tok.dep_ not in ("relcl", "acl", "conj"):
            return False  # another clause: its own time and place
        tok = tok.head
    return False


def event_date(article: Article, doc: Doc, sent_range: tuple[int, int], anchors: set[int]) -> EventDate:
    for t in _in(article.times, sent_range):
        if t.type != "DATE" or not attached(doc, t.start, t.end, anchors):
            continue
        rng = timex_range(t.value)
        if rng:
            return EventDate(start=rng[0], end=rng[1], precision=rng[2], text=t.text, basis="text")
    published = (article.published or "")[:10]
    if DAY.match(published):
        return EventDate(start=published, end=published, precision="day", text=None, basis="published")
    return EventDate()


def is_historical(date: EventDate, published: str | None) -> bool:
    """An event dated well before the story is background ("came to power in 2020")."""
    if not date.end or not published or date.text is None or not DAY.match(published[:10]):
        return False
    end = dt.date.fromisoformat(date.end)
    return (dt.date.fromisoformat(published[:10]) - end).days > HISTORICAL_DAYS


def event_place(locations: list[Place], doc: Doc, sent_range: tuple[int, int], anchors: set[int],
                party_spans: list[tuple[int, int]]) -> Place | None:
    """The place of the trigger's clause among `locations` (the article's places that say where: not
    "French troops" nor "the Ottawa Police Service", which only name someone), basis `sentence`."""
    best: Place | None = None
    for p in _in(locations, sent_range):
        assert p.start is not None and p.end is not None
        if any(s <= p.start and p.end <= e for s, e in party_spans):
            continue  # "the court in New Delhi": a place inside a party names the party, not the event
        if not attached(doc, p.start, p.end, anchors, PLACE_MODIFIERS):
            continue
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        prep = span.root.head if span is not None else None
        if prep is not None and prep.lower_ in LOCATIVE:
            return dataclasses.replace(p, basis="sentence")
        best = best or p
    # No place in the clause: chronicle.geo.event_places looks further (sentence, context, article, dateline).
    return dataclasses.replace(best, basis="sentence") if best is not None else None


def _in(items: list[TimeOrPlace], sent_range: tuple[int, int]) -> list[TimeOrPlace]:
    lo, hi = sent_range
    return [x for x in items if x.start is not None and x.end is not None and lo <= x.start and x.end <= hi]


def date_events(events: list[Event], reports: list[Report], article: Article, doc: Doc) -> list[Event]:
    """Each event dated from a DATE expression of `article.times` its own clause governs (else the
    published date), and marked `historical` when that date is well before the story. New records."""
    out = []
    for ev, rep in zip(events, reports, strict=True):
        date = event_date(article, doc, rep.sentence, set(rep.anchors))
        status = "historical" if ev.status == "asserted" and is_historical(date, article.published) else ev.status
        out.append(dataclasses.replace(ev, date=date, status=status))
    return out


def place_events_in_clause(events: list[Event], reports: list[Report], locations: list[Place],
                           doc: Doc) -> list[Event]:
    """Each event placed where its own clause says (basis `sentence`), among `locations`; the rest
    keep no place for now. New records."""
    out = []
    for ev, rep in zip(events, reports, strict=True):
        parties = [(a.start, a.end) for a in ev.actor + ev.recipient if a.start is not None and a.end is not None]
        out.append(dataclasses.replace(ev, place=event_place(locations, doc, rep.sentence, set(rep.anchors), parties)))
    return out
