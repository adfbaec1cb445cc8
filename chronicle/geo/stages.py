"""The geo package's stages (chronicle/registry.py): the places an article names, and where each event happened."""

from __future__ import annotations

import copy

from chronicle.geo.event_places import place_events
from chronicle.geo.resolve import names_only, resolve_dateline, resolve_places
from chronicle.nlp.analysis import Analysis
from chronicle.records import Event, Place
from chronicle.registry import stage


@stage("geo", "geo.gazetteer", 3, reads=("article", "doc"), adds=("places", "dateline_place", "locations"))
def places(analysis: Analysis) -> tuple[list[Place], Place | None, list[Place]]:
    """Every toponym resolved against the gazetteer (GeoNames), the dateline's place, and the places
    that say where (`locations`: not those that only name someone, "French troops")."""
    found = resolve_places(analysis)
    dateline = analysis.article.dateline
    locations = [p for p in found if p.start is not None and not names_only(analysis.doc, p)]
    return found, resolve_dateline(dateline, analysis) if dateline else None, locations


@stage("event_places", "geo.event_places", 1, reads=("doc", "places", "dateline_place", "events"),
       adds=("events",))
def event_places(analysis: Analysis) -> list[Event]:
    """Each event without a place gets one from its sentence, a neighbour, the article's home or the
    dateline, with its basis."""
    events = copy.deepcopy(analysis.article.events)
    place_events(events, analysis)
    return events
