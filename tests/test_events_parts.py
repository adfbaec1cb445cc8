"""Lexicon, TIMEX ranges, merging and ACLED mapping of the event coder; attachment with the model."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chronicle.events import code_events, learned
from chronicle.events.acled import acled_for, acled_pair, incident_subtypes
from chronicle.events.anchor import is_historical, timex_range
from chronicle.events.lexicon import load_lexicon
from chronicle.events.merge import Report, merge_events
from chronicle.learned.encoder import Scores
from chronicle.nlp.analysis import analyse_text
from chronicle.records import QUAD, Actor, Event, EventDate, Size, Span, Time


def test_lexicon_merges_cameo_and_hand_tables():
    lex = load_lexicon()
    assert lex.verbs["arrest"].type == "COERCE" and lex.verbs["arrest"].mode == "arrest"
    assert lex.verbs["accuse"].type == "ACCUSE"
    assert lex.verb("say") is None and lex.verb("return") is None  # reporting verbs are no events
    assert lex.nouns["arrest"].type == "COERCE"
    assert lex.objects["break|tie"].type == "SANCTION"
    assert any(c.source.startswith("cameo:") for c in lex.verbs.values())
    assert all(c.type in QUAD for table in (lex.verbs, lex.nouns, lex.objects, lex.preps) for c in table.values())


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-08-11", ("2025-08-11", "2025-08-11", "day")),
    ("2025-08-11T14:00", ("2025-08-11", "2025-08-11", "day")),
    ("2025-W32", ("2025-08-04", "2025-08-10", "week")),
    ("2025-05", ("2025-05-01", "2025-05-31", "month")),
    ("2024-02", ("2024-02-01", "2024-02-29", "month")),
    ("2025-12", ("2025-12-01", "2025-12-31", "month")),
    ("2025-Q4", ("2025-10-01", "2025-12-31", "month")),
    ("2021", ("2021-01-01", "2021-12-31", "year")),
    ("P4D", None), (None, None), ("PRESENT_REF", None),
])
def test_timex_range(value, expected):
    assert timex_range(value) == expected


def test_historical_needs_a_dated_text_more_than_a_year_old():
    old = EventDate(start="2020-01-01", end="2020-12-31", precision="year", text="in 2020")
    assert is_historical(old, "2025-08-11")
    assert not is_historical(EventDate("2025-05-01", "2025-05-31", "month", "in May"), "2025-08-11")
    assert not is_historical(EventDate("2020-01-01", "2020-01-01", "day", None), "2025-08-11")
    assert not is_historical(old, None)


def _event(sentence: int, etype: str, actor: str, recipient: str, arrested: int | None = None) -> Event:
    ev = Span(sentence * 100, sentence * 100 + 50, f"sentence {sentence}")
    return Event(id="", type=etype, mode=None, context=[], quad=QUAD[etype],
                 actor=[Actor(actor, 0, len(actor))] if actor else [],
                 recipient=[Actor(recipient, 0, len(recipient))] if recipient else [],
                 place=None, date=EventDate(), size=Size(arrested=arrested), status="asserted",
                 trigger=ev, evidence=ev, confidence=0.5)


def test_merge_folds_compatible_reports():
    events = [_event(1, "COERCE", "Mali's junta", ""), _event(2, "COERCE", "The junta", "the Guard", 55),
              _event(3, "COERCE", "the police", "students"), _event(4, "ASSAULT", "the junta", "")]
    merged = merge_events(events, [Report(w) for w in ("arrest", "arrest", "arrest", "attack")])
    assert len(merged) == 3
    first = merged[0]
    assert first.size.arrested == 55 and first.recipient[0].text == "the Guard"
    assert [m.text for m in first.mentions] == ["sentence 2"]


def test_merge_needs_a_positive_link():
    a, b = _event(1, "ASSAULT", "", "the town"), _event(2, "ASSAULT", "rebels", "")
    assert len(merge_events([a, b], [Report("attack"), Report("shell")])) == 2
    assert len(merge_events([a, b], [Report("attack"), Report("attack")])) == 1


def test_anaphor_joins_the_latest_event_of_its_kind_and_keeps_the_largest_size():
    first = _event(1, "COERCE", "the junta", "the Guard", 55)
    other = _event(2, "COERCE", "police", "students", 3)
    anaphor = _event(3, "COERCE", "", "two generals", 2)
    merged = merge_events([first, other, anaphor],
                          [Report("arrest"), Report("detain"), Report("detain", anaphoric=True)])
    assert len(merged) == 2
    assert [m.text for m in merged[1].mentions] == ["sentence 3"]  # the most recent arrest event
    assert merged[1].size.arrested == 3 and merged[1].recipient[0].text == "students"


def test_same_entity_links_reports_with_different_words():
    a, b = _event(1, "ACCUSE", "the senator", "the agency"), _event(2, "ACCUSE", "Smith", "regulators")
    assert len(merge_events([a, b], [Report("criticize", actor_ids={"e1"}), Report("slam", actor_ids={"e1"})])) == 2
    assert len(merge_events([a, b], [Report("criticize", actor_ids={"e1"}, recipient_ids={"e2"}),
                                     Report("slam", actor_ids={"e1"}, recipient_ids={"e2"})])) == 1


@pytest.mark.parametrize(("etype", "mode", "contexts", "trigger", "expected"), [
    ("PROTEST", "demo", [], "rally", ("Protests", "Peaceful protest")),
    ("PROTEST", "demo", ["repression"], "rally", ("Protests", "Protest with intervention")),
    ("PROTEST", "riot", [], "riot", ("Riots", "Violent demonstration")),
    ("ASSAULT", None, [], "killed", ("Violence against civilians", "Attack")),
    ("ASSAULT", None, ["military"], "fighting", ("Battles", "Armed clash")),
    ("ASSAULT", "aerial", ["military"], "airstrike", ("Explosions/Remote violence", "Air/drone strike")),
    ("ASSAULT", "explosives", [], "bomb", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("ASSAULT", "abduct", [], "kidnapped", ("Violence against civilians", "Abduction/forced disappearance")),
    ("ASSAULT", "crowd-control", [], "fired", ("Protests", "Excessive force against protesters")),
    ("COERCE", "arrest", [], "arrested", ("Strategic developments", "Arrests")),
    ("AGREE", None, [], "agreed", ("Strategic developments", "Agreement")),
    ("SUPPORT", None, [], "signed", ("Strategic developments", "Agreement")),
    ("SUPPORT", None, [], "praised", None),
    ("CONSULT", None, [], "met", None),
    ("ACCUSE", "allege", [], "accused", None),
])
def test_acled_mapping(etype, mode, contexts, trigger, expected):
    assert acled_pair(etype, mode, contexts, trigger) == expected


def test_a_defining_mode_names_the_acled_sub_event_whatever_the_encoder_says():
    sure_attack = Scores({"ASSAULT": 0.9, "NONE": 0.1}, {"Attack": 0.8, "Remote explosive/landmine/IED": 0.1,
                                                         "none": 0.1})
    kidnap = replace(_event(1, "ASSAULT", "Gunmen", "engineers"), mode="abduct")
    assert acled_for(kidnap, sure_attack) == {"event_type": "Violence against civilians",
                                              "sub_event_type": "Abduction/forced disappearance"}
    bomb = replace(kidnap, mode="explosives")  # not a defining mode: the encoder's sub-event type stands
    assert acled_for(bomb, sure_attack) == {"event_type": "Violence against civilians", "sub_event_type": "Attack"}
    assert acled_for(bomb, None) == {"event_type": "Explosions/Remote violence",
                                     "sub_event_type": "Remote explosive/landmine/IED"}


def test_events_of_one_sentence_share_the_incident_acled_sub_event():
    protest_with_arrests = Scores({"COERCE": 0.5, "PROTEST": 0.4, "NONE": 0.1},
                                  {"Protest with intervention": 0.7, "Arrests": 0.2, "none": 0.1})
    arrest = replace(_event(1, "COERCE", "Police", "protesters"), mode="arrest")
    rally = _event(2, "PROTEST", "protesters", "government")
    appeal = _event(3, "REQUEST", "protesters", "government")
    sentence = (0, 60)
    incidents = incident_subtypes([arrest, rally, appeal], [protest_with_arrests] * 3, [sentence] * 3)
    assert incidents == ["Protest with intervention"] * 3
    # the arrest reports the incident ACLED codes (a protest with intervention), not an arrest alone;
    # a request carries no ACLED type whatever the sentence says
    assert acled_for(arrest, protest_with_arrests, incidents[0]) == {
        "event_type": "Protests", "sub_event_type": "Protest with intervention"}
    assert acled_for(appeal, protest_with_arrests, incidents[2]) is None
    # alone, the arrest could not take a protest sub-event type: it does not fit COERCE
    assert incident_subtypes([arrest], [protest_with_arrests], [sentence]) == [None]
    assert acled_for(arrest, protest_with_arrests) == {"event_type": "Strategic developments",
                                                       "sub_event_type": "Arrests"}
    # events of another sentence are another incident
    assert incident_subtypes([arrest, rally], [protest_with_arrests] * 2, [sentence, (61, 90)]) == [
        None, "Protest with intervention"]


def test_incident_acled_can_be_switched_off(monkeypatch):
    monkeypatch.setattr(learned, "ACLED_BY_SENTENCE", 0.0)
    sure = Scores({"PROTEST": 0.9, "NONE": 0.1}, {"Protest with intervention": 0.9, "none": 0.1})
    assert incident_subtypes([_event(1, "PROTEST", "students", "police")], [sure], [(0, 10)]) == [None]


@pytest.mark.model
def test_attached_time_gives_date_and_historical_status(nlp):
    text = "The army seized power in a coup in 2019. Police arrested 30 students last week."
    analysis = analyse_text(nlp, text, "2025-08-11")
    for phrase, value in (("2019", "2019"), ("last week", "2025-W32")):
        at = text.index(phrase)
        analysis.article.times.append(Time(phrase, at, at + len(phrase), "DATE", value))
    events = code_events(analysis)
    coup = next(e for e in events if e.evidence.text.startswith("The army"))
    arrest = next(e for e in events if e.size.arrested == 30)
    assert (coup.date.start, coup.date.precision, coup.status) == ("2019-01-01", "year", "historical")
    assert (arrest.date.start, arrest.date.end, arrest.date.precision) == ("2025-08-04", "2025-08-10", "week")
    assert arrest.date.text == "last week" and arrest.status == "asserted"
