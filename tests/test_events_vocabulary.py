"""Round-3 trigger vocabulary and cascade rules, on invented news sentences with the real model."""

from __future__ import annotations

import pytest

from chronicle.events import code_events, proposed_events
from chronicle.nlp.analysis import analyse_text
from chronicle.records import Event

pytestmark = pytest.mark.model


def _events(nlp, text: str) -> list[Event]:
    return code_events(analyse_text(nlp, text, published="2024-05-01"))


# (sentence, expected type, expected mode or None = not checked)
CASES = [
    ("The rebels agreed to a power-sharing deal on Monday.", "SUPPORT", None),
    ("Customs officials returned 40 stolen paintings to Greece.", "RETREAT", "return"),
    ("Hundreds of fighters laid down their arms in the northern province.", "RETREAT", "disarm"),
    ("Border troops stayed on high alert through the weekend.", "MOBILIZE", None),
    ("Police stepped up patrols at train stations across the region.", "MOBILIZE", "police"),
    ("The army posted soldiers at every crossing.", "MOBILIZE", "troops"),
    ("The gunmen held 30 villagers hostage for a week.", "ASSAULT", "abduct"),
    ("Both armies violated the ceasefire on Sunday.", "ASSAULT", None),
    ("The charity flew medicine to the flooded region.", "AID", None),
    ("The governor has come under fire from opposition lawmakers.", "ACCUSE", None),
    ("The bishop spoke out against the new surveillance law.", "ACCUSE", None),
    ("The regional council reinstated the dismissed mayor.", "CONCEDE", None),
    ("Washington reduced tariffs on Canadian steel.", "CONCEDE", None),
    ("The army declared a cessation of hostilities in the east.", "CONCEDE", None),
    ("Two detainees died after torture in a military prison.", "ASSAULT", "torture"),
]


# The encoder retypes this one: our labelling guide (training/GUIDE.md) reads "agreed to a deal" as
# accepting a proposal (AGREE); the rules read it as finalising an agreement (SUPPORT, PLOVER.md).
RETYPED = {"The rebels agreed to a power-sharing deal on Monday.": "AGREE",
           # the guide follows the CAMEO-to-PLOVER table: a declared ceasefire is RETREAT (ceasefire)
           "The army declared a cessation of hostilities in the east.": "RETREAT"}


@pytest.mark.parametrize(("text", "etype", "mode"), CASES)
def test_new_vocabulary(nlp, text: str, etype: str, mode: str | None) -> None:
    proposed = proposed_events(analyse_text(nlp, text, published="2024-05-01"))
    assert [e.type for e in proposed] == [etype], [(e.type, e.trigger.text) for e in proposed]
    if mode is not None:
        assert proposed[0].mode == mode
    events = _events(nlp, text)
    assert [e.type for e in events] == [RETYPED.get(text, etype)], [(e.type, e.trigger.text) for e in events]


def test_refusing_to_end_a_strike_is_a_rejection(nlp) -> None:
    events = _events(nlp, "The nurses' union said it will not end the strike until wages rise.")
    assert "REJECT" in [e.type for e in events]
    assert "SANCTION" not in [e.type for e in events]


@pytest.mark.parametrize("text", [
    "The ministry did not return an email seeking comment.",
    "A spokesman did not immediately return calls on Friday.",
    "The jury returned a verdict after two days.",
])
def test_return_without_a_returned_thing_is_no_event(nlp, text: str) -> None:
    assert _events(nlp, text) == []


def test_blocked_phrasal_use_hides_its_base_verb(nlp) -> None:
    # "end up" is no event, and must not fall back to "end" (SANCTION: end relations)
    assert _events(nlp, "The minister ended up spending a decade in exile.") == []


def test_background_noun_only_when_nothing_else_fires(nlp) -> None:
    # "after the bombing" is background; the arrests are the sentence's event
    events = _events(nlp, "Police arrested five men after the bombing of the station.")
    assert [e.type for e in events] == ["COERCE"]
