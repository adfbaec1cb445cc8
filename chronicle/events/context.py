"""PLOVER contexts of an event: from its trigger's code, its parties' sectors, and its sentence's words.

Reads the trigger Code's contexts (from CAMEO2PLOVER or triggers.tsv), the
sector codes of the actor and recipient heads (chronicle.events.parties), and
the lower-cased lemmas of the evidence sentence. Returns a sorted list of
context names from the PLOVER manual's list.
"""

from __future__ import annotations

from collections.abc import Iterable

from chronicle.wordlists import mapping

# Keyword lemmas of a sentence -> context (general news vocabulary, PLOVER context definitions).
KEYWORDS: dict[str, str] = mapping("events/context_keywords")
PHRASES = mapping("events/context_phrases")  # phrase of the lower-cased sentence -> context
ARMED = frozenset({"MIL"})
SECURITY = frozenset({"COP", "MIL", "SPY", "GOV", "PRM"})
CIVILIAN = frozenset({"CVL", "OPP", "JRN", "EDU", "LAB", "REF", "MED", "REL", "SOC"})
FORCEFUL = frozenset({"COERCE", "ASSAULT"})


def contexts_for(event_type: str, code_contexts: Iterable[str], actor_sectors: list[str],
                 recipient_sectors: list[str], lemmas: set[str], sentence_lower: str) -> list[str]:
    """The event's contexts, sorted: code, parties' sectors, sentence keywords."""
    out = set(code_contexts)
    parties = set(actor_sectors) | set(recipient_sectors)
    if parties & ARMED:
        out.add("military")
    if "JUD" in parties:
        out.add("legal")
    if "LEG" in parties or "PTY" in parties:
        out.add("political_institutions")
    if "REF" in parties:
        out.add("migration")
    if event_type in FORCEFUL and set(actor_sectors) & SECURITY and (
            set(recipient_sectors) & CIVILIAN or "COP" in actor_sectors or "protester" in lemmas):
        out.add("repression")  # forceful acts of security forces against civilians, or police force
    for lemma in lemmas:
        ctx = KEYWORDS.get(lemma)
        if ctx:
            out.add(ctx)
    for phrase, ctx in PHRASES.items():
        if phrase in sentence_lower:
            out.add(ctx)
    return sorted(out)
