"""Where each event happened: a place for every event that has one, and the basis it was chosen on.

Reads the coded events (the event coder already set the place its clause names, basis
`sentence`), the article's resolved `places`, its home (`resolve.article_home`) and its
dateline place. Adds to every event still without a place the first of (SPEC schema 2):

1. `sentence`: a place its own sentence names, though not in the trigger's clause ("the
   village of X in Y" when the parse hangs it elsewhere), a locative one ("in", "near" ...) first;
2. `context`: a place of the previous, else the next, sentence of the same paragraph: a
   locative one, or a county, town or smaller place however it is written;
3. `article`: the article's home (its town, else county, else state, else country), voted
   by `resolve.article_home` from the places it names unambiguously;
4. `dateline`: the dateline's place.

A place that only names someone ("French troops", "the Ottawa Police") or sits inside an
actor's or recipient's mention ("Mali's junta") never says where; and where none of the four
gives a place the event keeps none: a place is never invented.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from chronicle.geo.resolve import article_home, names_only
from chronicle.nlp.analysis import Analysis
from chronicle.records import Event, Place
from chronicle.wordlists import words

LOCATIVE = words("english/place_prepositions")
# A neighbouring sentence lends a place that is locative, or local (county, town, below): a
# country named in passing there ("Russia said") is a party more often than where it happened.
CONTEXT_RESOLUTIONS = frozenset({3, 4, 5})


def place_events(events: Iterable[Event], analysis: Analysis) -> None:
    """Give each event of `events` without a place the first place its sentence, its neighbours,
    the article or the dateline gives (in place; each with its `basis`)."""
    events = [e for e in events if e.place is None]
    if not events:
        return
    doc, article = analysis.doc, analysis.article
    sents = list(doc.sents)
    home = article_home(analysis)
    for event in events:
        parties = [(a.start, a.end) for a in event.actor + event.recipient if a.start is not None and a.end is not None]
        event.place = _from_text(doc, article.places, sents, event.evidence.start, event.evidence.end, parties)
        if event.place is None and home is not None:
            event.place = dataclasses.replace(home, basis="article")
        if event.place is None and article.dateline_place is not None:
            event.place = dataclasses.replace(article.dateline_place, basis="dateline")


def _from_text(doc: Doc, places: list[Place], sents: list[SpacySpan], start: int, end: int,
               parties: list[tuple[int, int]]) -> Place | None:
    """The place of the event's sentence [start, end), else of a neighbouring sentence of its paragraph."""
    usable = [p for p in places if p.start is not None and p.end is not None and not names_only(doc, p)
              and not any(s <= p.start and p.end <= e for s, e in parties)]
    own = [p for p in usable if start <= (p.start or 0) and (p.end or 0) <= end]
    if (best := _best(doc, own)) is not None:
        return dataclasses.replace(best, basis="sentence")
    at = next((i for i, s in enumerate(sents) if s.start_char <= start < s.end_char), None)
    if at is None:
        return None
    for k in (at - 1, at + 1):
        if not 0 <= k < len(sents) or not _same_paragraph(doc.text, sents[at], sents[k]):
            continue
        near = [p for p in usable if sents[k].start_char <= (p.start or 0) and (p.end or 0) <= sents[k].end_char]
        near = [p for p in near if _locative(doc, p) or p.resolution in CONTEXT_RESOLUTIONS]
        if (best := _best(doc, near)) is not None:
            return dataclasses.replace(best, basis="context")
    return None


def _best(doc: Doc, places: list[Place]) -> Place | None:
    """A locative place first ("in Brăila"), else the first named; among locatives the finest."""
    if not places:
        return None
    locative = [p for p in places if _locative(doc, p)]
    if locative:
        return max(locative, key=lambda p: (p.resolution or 0, -(p.start or 0)))
    return places[0]


def _locative(doc: Doc, place: Place) -> bool:
    span = doc.char_span(place.start or 0, place.end or 0, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    head = span.root.head
    return head.i != span.root.i and head.lower_ in LOCATIVE


def _same_paragraph(text: str, a: SpacySpan, b: SpacySpan) -> bool:
    lo, hi = min(a.end_char, b.end_char), max(a.start_char, b.start_char)
    return "\n" not in text[lo:hi]
