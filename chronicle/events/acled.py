"""ACLED event type and sub-event type of a coded event (SPEC.md: an Event may carry `acled`).

Reads the event's PLOVER type, mode, contexts and size; the full table is in
docs/EVENTS.md ("ACLED mapping"). ACLED records political violence,
demonstrations and a few strategic developments, so verbal events
(CONSULT, REQUEST, ACCUSE, REJECT, THREATEN, SUPPORT other than signing,
AID, COOPERATE, SANCTION) carry none rather than a guess.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from chronicle.events import learned
from chronicle.events.learned import ACLED_FOR_TYPE, acled_subtype
from chronicle.learned.encoder import Scores
from chronicle.records import Event
from chronicle.wordlists import words

TAXONOMY = Path(__file__).resolve().parent.parent / "data" / "events" / "acled_types.json"

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VIOLENCE = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

# (type, mode) -> (event type, sub-event type); first match wins, then TYPE_DEFAULT.
BY_MODE: dict[tuple[str, str], tuple[str, str]] = {
    ("ASSAULT", "aerial"): (REMOTE, "Air/drone strike"),
    ("ASSAULT", "drone"): (REMOTE, "Air/drone strike"),
    ("ASSAULT", "heavy-weapons"): (REMOTE, "Shelling/artillery/missile attack"),
    ("ASSAULT", "explosives"): (REMOTE, "Remote explosive/landmine/IED"),
    ("ASSAULT", "suicide-attack"): (REMOTE, "Suicide bomb"),
    ("ASSAULT", "unconventional"): (REMOTE, "Chemical weapon"),
    ("ASSAULT", "abduct"): (VIOLENCE, "Abduction/forced disappearance"),
    ("ASSAULT", "sexual"): (VIOLENCE, "Sexual violence"),
    ("ASSAULT", "destroy"): (STRATEGIC, "Looting/property destruction"),
    ("ASSAULT", "crowd-control"): (PROTESTS, "Excessive force against protesters"),
    ("PROTEST", "riot"): (RIOTS, "Violent demonstration"),
    ("COERCE", "arrest"): (STRATEGIC, "Arrests"),
    ("COERCE", "seize"): (STRATEGIC, "Other"),
    ("RETREAT", "withdraw"): (STRATEGIC, "Non-violent transfer of territory"),
    ("MOBILIZE", "troops"): (STRATEGIC, "Change to group/activity"),
}
# Modes whose sub-event type is the mode itself in ACLED's codebook (an abduction is "Abduction/forced
# disappearance" whatever else the sentence says): the mode, read from the trigger, wins over the encoder's
# sentence-level guess. In our labelled corpus these modes carry that sub-event type in 97-100% of events
# (abduct 110/113, sexual 52/52, aerial 79/79, drone 57/57, riot 160/161); the other modes of BY_MODE agree
# 7-91% of the time and leave the choice to the encoder. suicide-attack is not among them although its
# labelled events agree 55/55: the coder's mode comes from the lexicon, where CAMEO 183 (any non-military
# bombing, "threw a grenade") maps to it; held-out ACLED accuracy 0.613 -> 0.620 without it.
DEFINING_MODES = {("ASSAULT", "abduct"), ("ASSAULT", "sexual"), ("ASSAULT", "aerial"), ("ASSAULT", "drone"),
                  ("PROTEST", "riot")}
TYPE_DEFAULT: dict[str, tuple[str, str]] = {
    "PROTEST": (PROTESTS, "Peaceful protest"),
    "AGREE": (STRATEGIC, "Agreement"),
    "CONCEDE": (STRATEGIC, "Agreement"),  # ceasefires, amnesties, declared concessions
    "MOBILIZE": (STRATEGIC, "Change to group/activity"),
    "COERCE": (STRATEGIC, "Other"),
    "RETREAT": (STRATEGIC, "Other"),
}
SIGNING = words("events/signing")  # trigger words of a signed agreement


def acled_pair(event_type: str, mode: str | None, contexts: list[str], trigger: str = "") -> tuple[str, str] | None:
    """The (event_type, sub_event_type) pair, or None where ACLED has no category for it."""
    pair = BY_MODE.get((event_type, mode or ""))
    if pair:
        return pair
    if event_type == "ASSAULT":
        if "repression" in contexts:
            return VIOLENCE, "Attack"
        if "cbrn" in contexts:
            return REMOTE, "Chemical weapon"
        if "military" in contexts or "terrorism" in contexts or trigger.lower() in ("clash", "clashes", "fighting"):
            return BATTLES, "Armed clash"
        return VIOLENCE, "Attack"
    if event_type == "PROTEST" and "repression" in contexts:
        return PROTESTS, "Protest with intervention"
    if event_type == "SUPPORT" and trigger.lower() in SIGNING:
        return STRATEGIC, "Agreement"
    return TYPE_DEFAULT.get(event_type)


@cache
def parents() -> dict[str, str]:
    """ACLED sub-event type -> its event type (chronicle/data/events/acled_types.json)."""
    table: dict[str, list[str]] = json.loads(TAXONOMY.read_text(encoding="utf-8"))["event_types"]
    return {sub: etype for etype, subs in table.items() for sub in subs}


def acled_for(event: Event, scores: Scores | None = None, incident: str | None = None) -> dict[str, str] | None:
    """The `acled` object of an event record: the mapping from type and mode where the mode defines the
    sub-event type (`DEFINING_MODES`), else the sub-event type of the incident its sentence reports
    (`incident`, see `incident_subtypes`) where the event's type is one ACLED codes, else the encoder's
    sub-event type where it names one that fits the PLOVER type, else the mapping."""
    defined = (event.type, event.mode or "") in DEFINING_MODES
    if incident is not None and not defined and event.type in ACLED_FOR_TYPE:
        return {"event_type": parents()[incident], "sub_event_type": incident}
    sub = acled_subtype(scores, event.type, parents()) if scores is not None and not defined else None
    if sub is not None:
        return {"event_type": parents()[sub], "sub_event_type": sub}
    pair = acled_pair(event.type, event.mode, event.context, event.trigger.text)
    return {"event_type": pair[0], "sub_event_type": pair[1]} if pair else None


def incident_subtypes(events: list[Event], scores: list[Scores | None], sentences: list[tuple[int, int]]
                      ) -> list[str | None]:
    """Per event, the encoder's sub-event type for the incident its sentence reports: the sentence's
    best sub-event type where it fits any of the types coded in that sentence (None where it does not,
    or with `learned.ACLED_BY_SENTENCE` off). ACLED codes an incident once, whatever verbs report it."""
    if not learned.ACLED_BY_SENTENCE:
        return [None] * len(events)
    types: dict[tuple[int, int], set[str]] = {}
    for ev, sent in zip(events, sentences, strict=True):
        types.setdefault(sent, set()).add(ev.type)
    return [acled_subtype(s, types[sent], parents()) if s is not None else None
            for s, sent in zip(scores, sentences, strict=True)]
