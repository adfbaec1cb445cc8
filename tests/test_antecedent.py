"""The encoder reads a sentence whose subject is "it" or "they" with the antecedent in its place
(chronicle.events.antecedent). Invented sentences, real model."""

from __future__ import annotations

import pytest
from spacy.language import Language

from chronicle.events import code_events
from chronicle.events.antecedent import encoder_input
from chronicle.nlp.analysis import analyse_text

pytestmark = pytest.mark.model


def _read(nlp: Language, text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    sents = list(nlp(text).sents)
    return encoder_input(sents[1], sents[0], spans)


def test_the_pronoun_subject_is_read_as_its_antecedent(nlp: Language) -> None:
    text, spans = _read(nlp, "A fire broke out at the factory on Monday. It killed nine people.", [(3, 9)])
    assert text == "A fire killed nine people."
    assert text[spans[0][0]:spans[0][1]] == "killed"


def test_a_reported_pronoun_with_no_agreeing_reporter(nlp: Language) -> None:
    text, spans = _read(nlp, "A gas explosion tore through a market. Officials said it killed nine people.",
                        [(0, 9), (18, 24)])
    assert text == "Officials said a gas explosion killed nine people."
    assert [text[s:e] for s, e in spans] == ["Officials", "killed"]


@pytest.mark.parametrize("text", [
    "The army moved into the town. The army said it killed nine militants.",  # the reporter is what "it" is
    "The talks ended on Monday. She said it was over.",  # not a subject of the main or reported clause
    "Officials met on Monday. It rained.",  # plural antecedent for "it": no agreement
])
def test_left_as_written(nlp: Language, text: str) -> None:
    sents = list(nlp(text).sents)
    assert encoder_input(sents[1], sents[0], [(0, 1)]) == (sents[1].text.strip(), [(0, 1)])


def test_harm_done_by_a_fire_is_no_attack_and_by_a_militia_is(nlp: Language) -> None:
    fire = code_events(analyse_text(nlp, "A fire broke out at the factory on Monday. It killed nine people."))
    assert not [e for e in fire if e.type == "ASSAULT"]
    militia = code_events(analyse_text(nlp, "The militia stormed the village on Monday. They killed nine people."))
    assert any(e.type == "ASSAULT" and e.trigger.text == "killed" for e in militia)
