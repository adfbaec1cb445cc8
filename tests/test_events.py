"""The rule event coder on invented news sentences, with the real spaCy model."""

from __future__ import annotations

import pytest

from chronicle.events import code_events, proposed_events
from chronicle.nlp.analysis import analyse_text
from chronicle.records import EVENT_TYPES, QUAD, STATUSES, Event

pytestmark = pytest.mark.model

# (sentence, type, actor word, recipient word, status); None = not checked. A recipient is always
# an actor-like phrase: "the new trade agreement" or "the pipeline" is what is acted on, no party.
CASES = [
    ("Police in Lagos arrested 14 protesters on Tuesday.", "COERCE", "Police", "protesters", "asserted"),
    ("The army detained three opposition leaders overnight.", "COERCE", "army", "leaders", "asserted"),
    ("Five journalists were arrested by security forces in Harare.", "COERCE", "forces", "journalists", "asserted"),
    ("The government banned the main opposition party last month.", "COERCE", "government", "party", "asserted"),
    ("Authorities imposed a curfew on the northern city.", "COERCE", "Authorities", None, "asserted"),
    ("Rebels attacked a military convoy near the border.", "ASSAULT", "Rebels", "convoy", "asserted"),
    ("Gunmen killed 12 villagers in an overnight raid.", "ASSAULT", "Gunmen", "villagers", "asserted"),
    ("A suicide bomber struck a crowded market in the capital.", "ASSAULT", "bomber", None, "asserted"),
    ("Fighter jets bombed rebel positions outside the town.", "ASSAULT", "jets", "positions", "asserted"),
    ("The militia kidnapped two aid workers on Sunday.", "ASSAULT", "militia", "workers", "asserted"),
    ("The foreign minister met his Kenyan counterpart in Nairobi.", "CONSULT", "minister", "counterpart", "asserted"),
    ("The Japanese prime minister visited Canberra on Monday.", "CONSULT", "minister", "Canberra", "asserted"),
    ("Delegates from both countries held talks in Geneva.", "CONSULT", "Delegates", None, "asserted"),
    ("The senator praised the new trade agreement.", "SUPPORT", "senator", None, "asserted"),
    ("Both governments signed a border treaty on Friday.", "SUPPORT", "governments", None, "asserted"),
    ("The president condemned the bombing of the embassy.", "ACCUSE", "president", None, "asserted"),
    ("The opposition accused the ruling party of rigging the vote.", "ACCUSE", "opposition", "party", "asserted"),
    ("Prosecutors charged the former mayor with fraud.", "ACCUSE", "Prosecutors", "mayor", "asserted"),
    ("The rights group sued the interior ministry over the deportations.", "ACCUSE", "group", "ministry", "asserted"),
    ("Parliament launched an investigation into the contracts.", "ACCUSE", "Parliament", None, "asserted"),
    ("The union urged the government to raise wages.", "REQUEST", "union", "government", "asserted"),
    ("The court ordered the company to pay compensation.", "REQUEST", "court", "company", "asserted"),
    ("Activists called for the release of the detained blogger.", "REQUEST", "Activists", None, "asserted"),
    ("The council rejected the proposal to expand the airport.", "REJECT", "council", None, "asserted"),
    ("The minister refused to meet the striking doctors.", "REJECT", "minister", None, "asserted"),
    ("The rebels threatened to attack the capital.", "THREATEN", "rebels", None, "asserted"),
    ("The general warned the insurgents of severe consequences.", "THREATEN", "general", "insurgents", "asserted"),
    ("Thousands of teachers protested outside parliament on Monday.", "PROTEST", "Thousands", None, "asserted"),
    ("Students staged a demonstration against the tuition increase.", "PROTEST", "Students", None, "asserted"),
    ("Dockworkers went on strike over unpaid wages.", "PROTEST", "Dockworkers", None, "asserted"),
    ("The country expelled two Russian diplomats on Thursday.", "SANCTION", "country", "diplomats", "asserted"),
    ("Ghana has cut ties with the breakaway region.", "SANCTION", "Ghana", "region", "asserted"),
    ("A court convicted the former minister of corruption.", "SANCTION", "court", "minister", "asserted"),
    ("The army deployed troops along the eastern frontier.", "MOBILIZE", "army", None, "asserted"),
    ("The government released 200 political prisoners.", "RETREAT", "government", "prisoners", "asserted"),
    ("The defence minister resigned after the scandal.", "RETREAT", "minister", None, "asserted"),
    ("Germany sent humanitarian aid to the flooded region.", "AID", "Germany", None, "asserted"),
    ("The European Union donated ten million euros to the health ministry.", "AID", "Union", None, "asserted"),
    ("The two navies agreed to hold joint exercises next year.", "AGREE", "navies", None, "asserted"),
    ("The president pledged to rebuild the damaged schools.", "AGREE", "president", None, "asserted"),
    ("Police have not arrested anyone in connection with the fire.", "COERCE", "Police", None, "negated"),
    ("The suspect could be questioned by investigators next week.", "ACCUSE", "investigators", "suspect",
     "hypothetical"),
    ("The militants may attack the pipeline again.", "ASSAULT", "militants", None, "hypothetical"),
    ("The group denied attacking the police station.", "ASSAULT", "group", "station", "denied"),
    ("The army reportedly shelled several villages in the valley.", "ASSAULT", "army", "villages", "alleged"),
    ("The ministers will meet in Brussels next month.", "AGREE", "ministers", None, "asserted"),
    ("Mexico and Canada have teamed up to fight wildfires.", "COOPERATE", "Mexico", None, "asserted"),
    ("The government will not release the prisoners.", "REJECT", "government", "prisoners", "asserted"),
    ("Ghana is sending 300 troops to South Sudan to join a peacekeeping mission.", "AID", "Ghana", None,
     "asserted"),
    ("Peru opened its borders to refugees fleeing the crisis.", "AID", "Peru", "refugees", "asserted"),
    ("The interior ministry accepted the demands of the striking nurses.", "CONCEDE", "ministry", None,
     "asserted"),
    ("Chile and Bolivia upgraded their diplomatic ties on Monday.", "SUPPORT", "Chile", None, "asserted"),
    ("The navy has strengthened its forces along the northern coast.", "MOBILIZE", "navy", None, "asserted"),
    ("Government troops recaptured the town from the rebels.", "ASSAULT", "troops", None, "asserted"),
    ("Kenya has strengthened its forces in Somalia.", "MOBILIZE", "Kenya", "Somalia", "asserted"),
    ("Hundreds of Tamils demonstrated on Sunday in Norway.", "PROTEST", "Tamils", "Norway", "asserted"),
]


def _main(events: list[Event]) -> Event:
    return max(events, key=lambda e: e.confidence)


# Sentences the rules code right and the encoder drops (the sentence's p(event) or the trigger head's is too
# low): short hypothetical or agentless clauses, a weak point of events.learned (docs/EVENTS.md). Strict: a
# better encoder must un-mark them.
ENCODER_MISSES = {
    "The suspect could be questioned by investigators next week.",
    "More than 20,000 lawsuits have been filed against the agency.",
    "The minister could be questioned by prosecutors.",
}
_MISS = pytest.mark.xfail(strict=True, reason="encoder drops a short hypothetical/agentless event")


@pytest.mark.parametrize(("text", "etype", "actor", "recipient", "status"), CASES)
def test_main_event(nlp, text, etype, actor, recipient, status):
    """Argument roles and status are the rules' work: checked on their proposals."""
    events = proposed_events(analyse_text(nlp, text, "2025-03-10", article_id="t"))
    assert events, f"no event in {text!r}"
    ev = _main(events)
    assert ev.type == etype, [(e.type, e.trigger.text) for e in events]
    if actor:
        assert any(actor in a.text for a in ev.actor), [a.text for a in ev.actor]
    if recipient:
        assert any(recipient in r.text for r in ev.recipient), [r.text for r in ev.recipient]
    assert ev.status == status


@pytest.mark.parametrize(("text", "etype"), [
    pytest.param(c[0], c[1], marks=_MISS) if c[0] in ENCODER_MISSES else (c[0], c[1]) for c in CASES])
def test_coder_keeps_the_main_event(nlp, text, etype):
    """The encoder keeps the rules' event and its type."""
    events = code_events(analyse_text(nlp, text, "2025-03-10", article_id="t"))
    assert etype in {e.type for e in events}, [(e.type, e.trigger.text) for e in events]


def test_a_town_or_an_attack_target_is_not_a_country_recipient(nlp):
    for text in ("Farmers protested in Lyon on Monday.", "Rebels ambushed a patrol in Niger."):
        ev = _main(code_events(analyse_text(nlp, text, "2025-03-10", article_id="t")))
        assert all(r.text not in ("Lyon", "Niger") for r in ev.recipient), [r.text for r in ev.recipient]


CONGRATULATION = "The premier phoned the newly elected mayor to congratulate her on Sunday."


def test_purpose_of_a_past_call_happened(nlp):
    """Status is the rules' work: the purpose of a past act happened, the purpose of a deployment is planned."""
    events = proposed_events(analyse_text(nlp, CONGRATULATION, "2025-03-10", article_id="t"))
    assert {(e.type, e.status) for e in events} == {("CONSULT", "asserted"), ("SUPPORT", "asserted")}
    text = "The army deployed troops to arrest the protest leaders."
    found = {(e.type, e.status) for e in proposed_events(analyse_text(nlp, text, "2025-03-10"))}
    assert found == {("MOBILIZE", "asserted"), ("COERCE", "planned")}


@pytest.mark.xfail(strict=True, reason="encoder (data round 2) reads a congratulation call as no event: p 0.23")
def test_coder_keeps_a_congratulation_call(nlp):
    events = code_events(analyse_text(nlp, CONGRATULATION, "2025-03-10", article_id="t"))
    assert {e.type for e in events} == {"CONSULT", "SUPPORT"}


@pytest.mark.parametrize("text", [
    "An email to the ministry was not immediately returned.",
    "The spokesman said the weather was fine.",
    "Officials told reporters the figures would be published soon.",
    "The museum opened a new wing on Saturday.",
])
def test_no_event(nlp, text):
    assert code_events(analyse_text(nlp, text, "2025-03-10")) == []


def test_record_shape_and_offsets(nlp):
    text = ("The junta arrested 30 officers last week. Soldiers killed two villagers in Gao. "
            "The mayor denounced the killings.")
    events = code_events(analyse_text(nlp, text, "2025-03-10", article_id="art"))
    assert events, "no event: the checks below would check nothing"  # measured: arrested, killed, denounced
    assert [e.id for e in events] == [f"art:e{n}" for n in range(1, len(events) + 1)]
    for ev in events:
        assert ev.type in EVENT_TYPES and ev.quad == QUAD[ev.type] and ev.status in STATUSES
        assert 0 <= ev.confidence <= 1
        for span in [ev.trigger, ev.evidence, *ev.mentions]:
            assert text[span.start:span.end] == span.text
        for actor in ev.actor + ev.recipient:
            assert actor.start is not None and actor.end is not None
            assert text[actor.start:actor.end] == actor.text
        assert ev.trigger.start >= ev.evidence.start and ev.trigger.end <= ev.evidence.end
    assert code_events(analyse_text(nlp, text, "2025-03-10", article_id="art")) == events  # stable


@pytest.mark.parametrize(("text", "field", "value"), [
    ("Police made 55 arrests in the capital.", "arrested", 55),
    ("Troops killed two civilians at a checkpoint.", "killed", 2),
    ("Security forces detained twenty students after the rally.", "arrested", 20),
    ("More than 20,000 lawsuits have been filed against the agency.", "count", 20000),
    ("The bombing, which killed 14 people, shocked the city.", "killed", 14),
])
def test_size(nlp, text, field, value):
    ev = _main(proposed_events(analyse_text(nlp, text, "2025-03-10")))
    assert getattr(ev.size, field) == value
    if text in ENCODER_MISSES:
        return
    ev = _main(code_events(analyse_text(nlp, text, "2025-03-10")))
    assert getattr(ev.size, field) == value


@pytest.mark.parametrize("text", [pytest.param(t, marks=_MISS) for t in sorted(ENCODER_MISSES)])
def test_encoder_misses(nlp, text):
    assert code_events(analyse_text(nlp, text, "2025-03-10"))


def test_vague_quantities_stay_null(nlp):
    ev = _main(code_events(analyse_text(nlp, "Police arrested dozens of protesters.", "2025-03-10")))
    assert ev.type == "COERCE"
    assert ev.size.arrested is None and ev.size.count is None


def test_compound_actor_split(nlp):
    """Actor spans are the rules' work: checked on their proposals."""
    text = "Chad and its neighbours Niger and Mali have teamed up to patrol the desert."
    ev = _main(proposed_events(analyse_text(nlp, text, "2025-03-10")))
    assert [a.text for a in ev.actor] == ["Chad", "Niger", "Mali"]


def test_whole_noun_phrase_actor(nlp):
    text = "The US Department of Justice sued the state of Texas."
    ev = _main(code_events(analyse_text(nlp, text, "2025-03-10")))
    assert ev.type == "ACCUSE"
    assert ev.actor[0].text == "The US Department of Justice"


def test_passive_nominal_event_with_agent(nlp):
    text = "The arrests, which began on Friday, were carried out by the military police."
    ev = _main(code_events(analyse_text(nlp, text, "2025-03-10")))
    assert (ev.type, ev.mode, ev.trigger.text) == ("COERCE", "arrest", "arrests")
    assert ev.actor[0].text == "the military police"


def test_accusation_is_asserted_and_its_content_alleged(nlp):
    text = "The opposition has accused the police of torturing detainees."
    events = code_events(analyse_text(nlp, text, "2025-03-10"))
    accuse = next(e for e in events if e.type == "ACCUSE")
    assert accuse.status == "asserted" and accuse.recipient[0].text == "the police"
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert assaults, [(e.type, e.trigger.text) for e in events]  # the torturing: else `all` below checks nothing
    assert all(e.status == "alleged" for e in assaults)


def test_duplicate_reports_merge_into_mentions(nlp):
    text = ("Police arrested 40 protesters in the capital on Saturday. "
            "The arrests were carried out by police after the march. "
            "The city council praised the organisers.")
    events = code_events(analyse_text(nlp, text, "2025-03-10"))
    coerce = [e for e in events if e.type == "COERCE"]
    assert len(coerce) == 1
    assert coerce[0].size.arrested == 40
    assert [m.text for m in coerce[0].mentions] == ["The arrests were carried out by police after the march."]


def test_date_falls_back_to_published_then_unknown(nlp):
    ev = _main(code_events(analyse_text(nlp, "Rebels attacked the town.", "2025-03-10")))
    assert (ev.date.start, ev.date.end, ev.date.precision) == ("2025-03-10", "2025-03-10", "day")
    ev = _main(code_events(analyse_text(nlp, "Rebels attacked the town.", None)))
    assert (ev.date.start, ev.date.precision) == (None, "unknown")


@pytest.mark.parametrize("text", [
    "Did the army attack the village on Monday?",
    "Will Russia withdraw its troops from the border?",
    '"Why did the police arrest the protesters in Lagos?"',
    # an interview's question, glued by the segmenter to the next speaker's tag
    "So does the government provide any aid to the displaced?\n\n\n((Asha))",
])
def test_a_question_reports_no_event(nlp, text):
    analysis = analyse_text(nlp, text, "2025-03-10", article_id="t")
    assert proposed_events(analysis) == [] and code_events(analysis) == []


def test_the_answer_to_a_question_still_reports(nlp):
    text = "Did the army attack the village? The army attacked the village of Kere on Monday, officials said."
    events = code_events(analyse_text(nlp, text, "2025-03-10", article_id="t"))
    assert [e.type for e in events] == ["ASSAULT"] and "Kere" in events[0].evidence.text
