"""The times package's stages (chronicle/registry.py): every temporal expression, normalised, and each event's date."""

from __future__ import annotations

from chronicle.events.anchor import date_events
from chronicle.nlp.analysis import Analysis
from chronicle.records import Event, Time
from chronicle.registry import stage
from chronicle.times import extract_times


@stage("times", "times.rules", 1, reads=("article", "doc"), adds=("times",))
def times(analysis: Analysis) -> list[Time]:
    """Every temporal expression with its TIMEX3 type and value, anchored on the published date."""
    return extract_times(analysis)


@stage("event_dates", "times.event_dates", 1, reads=("article", "doc", "times", "events", "event_reports"),
       adds=("events",))
def event_dates(analysis: Analysis) -> list[Event]:
    """Each event dated by a DATE expression its own clause governs (basis `text`), else the published
    date; an event dated well before the story is `historical`."""
    return date_events(analysis.article.events, analysis.fields["event_reports"], analysis.article, analysis.doc)
