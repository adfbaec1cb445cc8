"""Event coding: PLOVER events from an analysed article (stages `events.rules.v4+events.learned.v3`)."""

from chronicle.events.code import code_events, code_events_explained, proposed_events

__all__ = ["code_events", "code_events_explained", "proposed_events"]
