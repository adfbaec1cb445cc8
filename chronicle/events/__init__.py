"""Event coding: PLOVER events from an analysed article (coder `events.rules.v3+events.learned.v1`)."""

from chronicle.events.code import CODER_NAME, code_events, proposed_events

__all__ = ["CODER_NAME", "code_events", "proposed_events"]
