"""Merging reports of one event within an article.

Reads the coded events in text order with a `Report` for each (trigger
lemma, whether the trigger is an anaphoric noun such as "the arrests" or
"those detained", and the entity ids of its parties, from
`article.entities`). Two events are one when they share type and mode and
their parties are compatible: the same entity, a shared content word, or
one side unknown. A plain report also needs a positive link (a shared party
or the same trigger word) and the same status; an anaphoric report refers
back to the most recent event of its kind whatever its recipients ("Two
generals were among those detained" after "made 55 arrests"). The first
report keeps the event; later sentences go into its `mentions`, and the
merged event keeps the union of what they say: the largest sizes, the first
parties found, a date and place read from the text over a default.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field, replace

from chronicle.events.acled import acled_for, incident_subtypes
from chronicle.learned.encoder import Scores
from chronicle.records import Actor, Entity, Event, Rejection
from chronicle.wordlists import words

WORD = re.compile(r"[a-z0-9]+")
FUNCTION_WORDS = words("events/function_words")
# Pronouns say nothing about who the party is: they neither link nor conflict.
PRONOUNS = words("events/pronoun_parties")
SIZE_FIELDS = ("killed", "injured", "arrested", "count")
# The merging stage's name and version (registered in chronicle/events/stages.py; rejections name it).
MERGE_NAME, MERGE_VERSION = "events.merge", 1
STAGE = f"{MERGE_NAME}.v{MERGE_VERSION}"
STATUS_FAMILY = {"historical": "asserted"}  # an event dated long ago is still a report of fact


@dataclass
class Report:
    """What the stages after the coder need to know about one coded event beyond the record itself:
    where it hangs in the parse (to date and place it from its own clause) and what merging compares."""

    lemma: str
    anaphoric: bool = False
    actor_ids: set[str] = field(default_factory=set)
    recipient_ids: set[str] = field(default_factory=set)
    anchors: frozenset[int] = frozenset()  # token indices of the trigger and its clause verb
    sentence: tuple[int, int] = (0, 0)  # character range of the event's sentence
    scores: Scores | None = None  # the encoder's reading of the sentence (for the ACLED type)
    keep: tuple[float, ...] | None = None  # the keep head's features (chronicle.events.learned.keep_features)
    kept: float | None = None  # and its p(right) for them


def _words(actors: list[Actor]) -> set[str]:
    return {w for a in actors for w in WORD.findall(a.text.lower())
            if w not in FUNCTION_WORDS and a.text.lower() not in PRONOUNS}


def _compatible(a: list[Actor], b: list[Actor], ids_a: set[str], ids_b: set[str]) -> tuple[bool, bool]:
    """(compatible, positively linked) for two party lists."""
    wa, wb = _words(a), _words(b)
    if (not wa and not ids_a) or (not wb and not ids_b):
        return True, False
    linked = bool(ids_a & ids_b) or bool(wa & wb)
    return linked, linked


def same_event(first: Event, later: Event, r1: Report, r2: Report) -> bool:
    if (first.type, first.mode) != (later.type, later.mode):
        return False
    ok_a, link_a = _compatible(first.actor, later.actor, r1.actor_ids, r2.actor_ids)
    if r2.anaphoric:
        return ok_a and later.status in (first.status, "asserted")
    if STATUS_FAMILY.get(first.status, first.status) != STATUS_FAMILY.get(later.status, later.status):
        return False
    ok_r, link_r = _compatible(first.recipient, later.recipient, r1.recipient_ids, r2.recipient_ids)
    return ok_a and ok_r and (link_a or link_r or r1.lemma == r2.lemma)


def absorb(first: Event, later: Event, r1: Report, r2: Report) -> None:
    """Fold a later report into the first one: the union of what both say."""
    if later.evidence.start != first.evidence.start and all(
            m.start != later.evidence.start for m in first.mentions):
        first.mentions.append(later.evidence)
    if not first.actor and later.actor:
        first.actor, r1.actor_ids = later.actor, r2.actor_ids
    if not first.recipient and later.recipient and not r2.anaphoric:
        first.recipient, r1.recipient_ids = later.recipient, r2.recipient_ids
    for name in SIZE_FIELDS:
        values = [v for v in (getattr(first.size, name), getattr(later.size, name)) if v is not None]
        setattr(first.size, name, max(values) if values else None)
    if first.date.text is None and later.date.text is not None:
        first.date = later.date
    if first.place is None or (first.place.start is None and later.place is not None
                               and later.place.start is not None):
        first.place = later.place
    if first.status == "historical" and later.status == "asserted" and first.date.text is None:
        first.status = "asserted"
    first.context = sorted(set(first.context) | set(later.context))
    first.confidence = round(min(0.98, max(first.confidence, later.confidence) + 0.03), 3)


def merge_events(events: list[Event], reports: list[Report]) -> list[Event]:
    """Events with later reports folded in; `reports[i]` describes `events[i]`."""
    kept: list[tuple[Event, Report]] = []
    for ev, rep in zip(events, reports, strict=True):
        # An anaphor refers back to the most recent event of its kind; a plain report to any.
        candidates = reversed(kept) if rep.anaphoric else iter(kept)
        for first, frep in candidates:
            if same_event(first, ev, frep, rep):
                absorb(first, ev, frep, rep)
                break
        else:
            kept.append((ev, rep))
    return [ev for ev, _ in kept]


def entity_ids(entities: list[Entity], actors: list[Actor]) -> set[str]:
    """The ids of the resolved entities whose mentions overlap the parties `actors`."""
    ids: set[str] = set()
    for a in actors:
        for ent in entities:
            if any(s < (a.end or 0) and (a.start or 0) < e for s, e in ent.mentions) or (
                    ent.start < (a.end or 0) and (a.start or 0) < ent.end):
                ids.add(ent.id)
    return ids


def merge_article(article_id: str, events: list[Event], reports: list[Report],
                  entities: list[Entity]) -> tuple[list[Event], list[Rejection]]:
    """The article's events with reports of one event merged, numbered `<article id>:e<n>` in text
    order, each with its ACLED type (read once merging has settled its contexts), and a
    `merged-report` rejection for each report folded into an earlier one. The inputs are not changed."""
    events = copy.deepcopy(events)
    reports = [replace(r, actor_ids=entity_ids(entities, e.actor), recipient_ids=entity_ids(entities, e.recipient))
               for e, r in zip(events, reports, strict=True)]
    merged = merge_events(events, reports)
    kept = {id(e) for e in merged}
    gone = [Rejection(stage=STAGE, text=e.trigger.text, start=e.trigger.start, end=e.trigger.end,
                      reason="merged-report", detail="another report of an event coded earlier", type=e.type)
            for e in events if id(e) not in kept]
    report = {id(e): r for e, r in zip(events, reports, strict=True)}
    incidents = incident_subtypes(merged, [report[id(e)].scores for e in merged],
                                  [report[id(e)].sentence for e in merged])
    for n, (ev, incident) in enumerate(zip(merged, incidents, strict=True), 1):
        ev.id = f"{article_id}:e{n}"
        ev.acled = acled_for(ev, report[id(ev)].scores, incident)
    return merged, gone
