"""Event coding: PLOVER events from an analysed article (coder `events.rules.v2`)."""

from chronicle.events.code import CODER_NAME, code_events

__all__ = ["CODER_NAME", "code_events"]
