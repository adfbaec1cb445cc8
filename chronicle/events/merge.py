"""Merging duplicate reports of one event within an article.

Reads the coded events in text order; two events are one when they share
type, mode and status and their parties are compatible (overlapping words,
or one side unknown) with at least one positive link: a shared party word
or the same trigger word. The first report keeps the event; later
sentences go into its `mentions`, and what they add (parties, size, a
date read from the text) fills the gaps.
"""

from __future__ import annotations

import re

from chronicle.records import Actor, Event

WORD = re.compile(r"[a-z0-9]+")
FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "its", "their", "his", "her", "s", "and", "in", "on",
                            "to", "for", "which", "who", "that", "this", "these", "those", "some"})


def _words(actors: list[Actor]) -> set[str]:
    return {w for a in actors for w in WORD.findall(a.text.lower()) if w not in FUNCTION_WORDS}


def _compatible(a: set[str], b: set[str]) -> tuple[bool, bool]:
    """(compatible, positively linked)."""
    if not a or not b:
        return True, False
    linked = bool(a & b)
    return linked, linked


def same_event(first: Event, later: Event, first_lemma: str, later_lemma: str) -> bool:
    if (first.type, first.mode, first.status) != (later.type, later.mode, later.status):
        return False
    ok_a, link_a = _compatible(_words(first.actor), _words(later.actor))
    ok_r, link_r = _compatible(_words(first.recipient), _words(later.recipient))
    return ok_a and ok_r and (link_a or link_r or first_lemma == later_lemma)


def absorb(first: Event, later: Event) -> None:
    """Fold a duplicate report into the first one."""
    if later.evidence.start != first.evidence.start and all(
            m.start != later.evidence.start for m in first.mentions):
        first.mentions.append(later.evidence)
    first.actor = first.actor or later.actor
    first.recipient = first.recipient or later.recipient
    for name in ("killed", "injured", "arrested", "count"):
        if getattr(first.size, name) is None:
            setattr(first.size, name, getattr(later.size, name))
    if first.date.text is None and later.date.text is not None:
        first.date = later.date
    if first.place is None or (first.place.start is None and later.place is not None and later.place.start is not None):
        first.place = later.place
    first.confidence = round(min(0.98, max(first.confidence, later.confidence) + 0.03), 3)


def merge_events(events: list[Event], lemmas: list[str]) -> list[Event]:
    """Events with duplicates folded in; `lemmas[i]` is the trigger lemma of `events[i]`."""
    kept: list[tuple[Event, str]] = []
    for ev, lemma in zip(events, lemmas, strict=True):
        for first, first_lemma in kept:
            if same_event(first, ev, first_lemma, lemma):
                absorb(first, ev)
                break
        else:
            kept.append((ev, lemma))
    return [ev for ev, _ in kept]
