"""The actors package's stages (chronicle/registry.py): the article's entities coded against the CAMEO
dictionaries, and the codes of every event's parties."""

from __future__ import annotations

import copy

from chronicle.actors.resolve import code_event_actors, resolve_entities
from chronicle.nlp.analysis import Analysis
from chronicle.records import Entity, Event
from chronicle.registry import stage


@stage("actors", "actors.dictionary", 3, reads=("article", "doc", "places", "dateline_place"), adds=("entities",))
def entities(analysis: Analysis) -> list[Entity]:
    """One entity per person, organisation, place, group or nominal actor, with country and sectors."""
    return resolve_entities(analysis)


@stage("event_actors", "actors.event_parties", 1,
       reads=("article", "doc", "places", "dateline_place", "entities", "events"), adds=("events",))
def event_actors(analysis: Analysis) -> list[Event]:
    """Name, country, sectors and entity of every event's actor and recipient."""
    events = copy.deepcopy(analysis.article.events)
    code_event_actors(events, analysis)
    return events
