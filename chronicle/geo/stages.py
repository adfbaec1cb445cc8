"""The geo package's stages (chronicle/registry.py): the places an article names, and where each event happened."""

from __future__ import annotations

import copy

from chronicle.dictionaries import gazetteer as gz
from chronicle.dictionaries.countries import country_by_name
from chronicle.dictionaries.placenames import strip_article
from chronicle.events.anchor import place_events_in_clause
from chronicle.geo.event_places import place_events
from chronicle.geo.resolve import PLACE_LABELS, names_only, resolve_dateline, resolve_places
from chronicle.nlp.analysis import Analysis
from chronicle.records import Event, Place, Rejection
from chronicle.registry import stage

GAZETTEER_NAME, GAZETTEER_VERSION = "geo.gazetteer", 3
GAZETTEER = f"{GAZETTEER_NAME}.v{GAZETTEER_VERSION}"  # rejections name the stage


@stage("geo", GAZETTEER_NAME, GAZETTEER_VERSION, reads=("article", "doc"),
       adds=("places", "dateline_place", "locations", "place_rejections"))
def places(analysis: Analysis) -> tuple[list[Place], Place | None, list[Place], list[Rejection]]:
    """Every toponym resolved against the gazetteer (GeoNames), the dateline's place, and the places
    that say where (`locations`: not those that only name someone, "French troops"). A toponym left
    unresolved, and a place that only names someone, are kept with the reason."""
    found = resolve_places(analysis)
    dateline = analysis.article.dateline
    locations: list[Place] = []
    rejected = _unresolved(analysis, found)
    for p in found:
        if p.start is None or p.end is None:
            continue
        if names_only(analysis.doc, p):
            rejected.append(Rejection(stage=GAZETTEER, text=p.text, start=p.start, end=p.end, reason="names-someone",
                                      detail="a national adjective or part of a name: never where an event happened"))
        else:
            locations.append(p)
    return found, resolve_dateline(dateline, analysis) if dateline else None, locations, rejected


def _unresolved(analysis: Analysis, found: list[Place]) -> list[Rejection]:
    """The place entities no resolved place covers, with why: no place of that name in the gazetteer,
    or places of that name none of which fits the article (its countries, regions, the names around)."""
    spans = [(p.start, p.end) for p in found if p.start is not None and p.end is not None]
    out = []
    for ent in analysis.doc.ents:
        if ent.label_ not in PLACE_LABELS or any(s < ent.end_char and ent.start_char < e for s, e in spans):
            continue
        name = strip_article(ent.text)
        known = bool(country_by_name(name) or gz.admin1_candidates(name) or gz.city_candidates(name, limit=1))
        site = " (a building or site)" if ent.label_ == "FAC" else ""
        detail = ("the gazetteer has places of this name; none fits the article's countries and regions" if known
                  else f"no place of this name in the gazetteer{site}")
        out.append(Rejection(stage=GAZETTEER, text=ent.text, start=ent.start_char, end=ent.end_char,
                             reason="not-resolved", detail=detail))
    return out


@stage("event_clause_places", "geo.clause_places", 1, reads=("doc", "locations", "events", "event_reports"),
       adds=("events",))
def clause_places(analysis: Analysis) -> list[Event]:
    """Each event placed where its trigger's own clause says ("arrested 12 in Bamako"), basis
    `sentence`; a locative place first."""
    return place_events_in_clause(analysis.article.events, analysis.fields["event_reports"],
                                  analysis.fields["locations"], analysis.doc)


@stage("event_places", "geo.event_places", 1, reads=("doc", "places", "dateline_place", "events"),
       adds=("events",))
def event_places(analysis: Analysis) -> list[Event]:
    """Each event without a place gets one from its sentence, a neighbour, the article's home or the
    dateline, with its basis."""
    events = copy.deepcopy(analysis.article.events)
    place_events(events, analysis)
    return events
