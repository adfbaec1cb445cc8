"""Both parties of plain wire sentences (issue 11, item 4): ditransitive transfers, "X says it is
willing to ...", coordinated and "between" parties of talks, object control ("urged Y to",
"accused Y of"), passives and possessives.

All sentences are invented for these tests.
"""

from __future__ import annotations

import pytest

from chronicle.events import code_events
from chronicle.events.code import proposed_events
from chronicle.nlp.analysis import analyse_text

# (sentence, trigger, type or None, actor texts, recipient texts); both lists are exact.
WIRE = [
    # ditransitive give / grant / lend / send / offer / provide: the indirect object receives
    ("Norway will give Kenya a loan of 200 million dollars.", "loan", "AGREE", ["Norway"], ["Kenya"]),
    ("Japan granted Vietnam a credit of 50 million dollars.", "granted", "AID", ["Japan"], ["Vietnam"]),
    ("China lent Pakistan two billion dollars last year.", "lent", "AID", ["China"], ["Pakistan"]),
    ("The Asian Development Bank lent Nepal 300 million dollars for roads.", "lent", "AID",
     ["The Asian Development Bank"], ["Nepal"]),
    ("Britain will lend Ghana 50 million pounds.", "lend", "AGREE", ["Britain"], ["Ghana"]),
    ("Germany sent Ukraine 20 tanks.", "sent", "AID", ["Germany"], ["Ukraine"]),
    ("Uganda sent Somalia 1,000 troops.", "sent", "MOBILIZE", ["Uganda"], ["Somalia"]),
    ("Britain will send Sierra Leone a team of military advisers.", "send", "AGREE", ["Britain"],
     ["Sierra Leone"]),
    ("The European Union offered Turkey three billion euros in aid.", "offered", "AGREE",
     ["The European Union"], ["Turkey"]),
    ("India offered Sri Lanka a credit line of one billion dollars.", "offered", "AGREE", ["India"],
     ["Sri Lanka"]),
    ("Canada will provide Haiti emergency assistance.", "assistance", "AGREE", ["Canada"], ["Haiti"]),
    ("Qatar said it had given Gaza 30 million dollars.", "given", "AID", ["Qatar"], ["Gaza"]),
    # "X says it is willing / ready / prepared to ...": X acts, not "it"; the event is AGREE
    ("Russia says it is willing to withdraw its troops from the border.", "withdraw", "AGREE", ["Russia"], []),
    ("Cuba said it was prepared to release the prisoners.", "release", "AGREE", ["Cuba"], ["the prisoners"]),
    ("The rebels said they were ready to lay down their arms.", "lay", "AGREE", ["The rebels"], []),
    ("Venezuela says it is ready to hold talks with Colombia.", "talks", "AGREE", ["Venezuela"], ["Colombia"]),
    ("Hamas says it is prepared to release the hostages.", "release", "AGREE", ["Hamas"], ["the hostages"]),
    ("The army said it was willing to hand over power to civilians.", "hand", "AGREE", ["The army"],
     ["civilians"]),
    ("Iran is ready to resume talks with the IAEA.", "talks", "AGREE", ["Iran"], ["the IAEA"]),
    ("Kazakhstan says it is ready to mediate between Russia and Ukraine.", "mediate", "AGREE", ["Kazakhstan"],
     ["Russia", "Ukraine"]),
    # type not checked: a future meeting is CONSULT to the rules, AGREE to PLOVER and to the encoder
    ("North Korea said it would resume talks with South Korea.", "talks", None, ["North Korea"],
     ["South Korea"]),
    ("Israel said Hamas had attacked it.", "attacked", "ASSAULT", ["Hamas"], ["Israel"]),
    # "X and Y resumed / renewed talks", "talks between X and Y": every side is an actor
    ("Egypt and Sudan resumed talks on Monday.", "talks", "CONSULT", ["Egypt", "Sudan"], []),
    ("Israel and Syria renewed negotiations in Washington.", "renewed", "CONSULT", ["Israel", "Syria"], []),
    ("Chad and Sudan resumed negotiations on their border.", "negotiations", "CONSULT", ["Chad", "Sudan"], []),
    ("India and Pakistan held talks on Kashmir.", "talks", "CONSULT", ["India", "Pakistan"], []),
    ("Colombia and the rebels resumed peace talks in Havana.", "talks", "CONSULT", ["Colombia", "the rebels"],
     []),
    ("Talks between Ethiopia and Eritrea began in Algiers.", "Talks", "CONSULT", ["Ethiopia", "Eritrea"], []),
    ("Negotiations between the government and the rebels resumed in Nairobi.", "Negotiations", "CONSULT",
     ["the government", "the rebels"], []),
    ("Clashes between police and students erupted in Dhaka.", "Clashes", "ASSAULT", ["police", "students"], []),
    ("Armenia's talks with Azerbaijan ended without agreement.", "talks", "CONSULT", ["Armenia"],
     ["Azerbaijan"]),
    # object control: "urged Y to", "called on Y to", "asked Y to"
    ("The United States urged Israel to halt settlement construction.", "urged", "REQUEST",
     ["The United States"], ["Israel"]),
    ("France called on Iran to free the detained journalists.", "called", "REQUEST", ["France"], ["Iran"]),
    ("Mali asked France to withdraw its forces.", "asked", "REQUEST", ["Mali"], ["France"]),
    ("Jordan urged Israel to reopen the crossing.", "urged", "REQUEST", ["Jordan"], ["Israel"]),
    # "X accused Y of ...": Y is the recipient, and the doer of what is alleged
    ("Pakistan accused India of violating the ceasefire.", "accused", "ACCUSE", ["Pakistan"], ["India"]),
    ("Pakistan accused India of violating the ceasefire.", "violating", None, ["India"], []),
    ("The opposition accused the president of rigging the election.", "accused", "ACCUSE", ["The opposition"],
     ["the president"]),
    # the troops massed are moved, not the recipient (roles.MOVED_ONLY)
    ("Ecuador accused Peru of massing troops on the border.", "massing", "MOBILIZE", ["Peru"], []),
    ("The Philippines accused China of harassing its fishermen.", "harassing", "COERCE", ["China"],
     ["its fishermen"]),
    ("Turkey condemned Sweden for allowing the protest.", "condemned", "ACCUSE", ["Turkey"], ["Sweden"]),
    ("Brazil praised Argentina for releasing the fishermen.", "praised", "SUPPORT", ["Brazil"], ["Argentina"]),
    # expulsions, threats, warnings
    ("Ghana expelled Nigeria's ambassador.", "expelled", "SANCTION", ["Ghana"], ["Nigeria's ambassador"]),
    ("Moscow expelled two British diplomats on Friday.", "expelled", "SANCTION", ["Moscow"],
     ["two British diplomats"]),
    ("China warned Japan against sending warships to the islands.", "warned", "THREATEN", ["China"], ["Japan"]),
    ("The president threatened the unions with arrests.", "threatened", "THREATEN", ["The president"],
     ["the unions"]),
    # passives: "Y was attacked by X"
    ("The embassy was attacked by protesters.", "attacked", "ASSAULT", ["protesters"], ["The embassy"]),
    ("The village was attacked by rebels on Sunday.", "attacked", "ASSAULT", ["rebels"], ["The village"]),
    ("Kenya was criticized by Amnesty International over the arrests.", "criticized", "ACCUSE",
     ["Amnesty International"], ["Kenya"]),
    ("Police arrested 20 protesters in Nairobi.", "arrested", "COERCE", ["Police"], ["20 protesters"]),
    # coordinated passives share their subject and their closing agent
    ("A Trump supporter was shot and killed by a gunman in Portland.", "killed", "ASSAULT", ["a gunman"],
     ["A Trump supporter"]),
    ("Two journalists were arrested and charged with espionage by Iranian police.", "arrested", "COERCE",
     ["Iranian police"], ["Two journalists"]),
    # the recipient inside what is sent or recalled, or inside the place it goes to
    ("Cuba sent a team of 50 doctors to Angola.", "sent", "AID", ["Cuba"], ["Angola"]),
    ("Jordan recalled its ambassador to Israel.", "recalled", "SANCTION", ["Jordan"], ["Israel"]),
    ("Peru deployed troops to its border with Ecuador.", "deployed", "MOBILIZE", ["Peru"], ["Ecuador"]),
    # a visit's purpose names whom it consults
    ("The Thai foreign minister arrived in Hanoi for talks with Vietnamese officials.", "arrived", "CONSULT",
     ["The Thai foreign minister"], ["Vietnamese officials"]),
    # requests and threats addressed through a clause
    ("Manila demanded that Beijing withdraw its ships from the reef.", "demanded", "REQUEST", ["Manila"],
     ["Beijing"]),
    ("North Korea threatened to strike if South Korea held the drills.", "threatened", "THREATEN",
     ["North Korea"], ["South Korea"]),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "etype", "actors", "recipients"), WIRE)
def test_wire_parties(nlp, text, trigger, etype, actors, recipients):
    events = code_events(analyse_text(nlp, text))
    ev = next((e for e in events if e.trigger.text == trigger), None)
    assert ev is not None, [(e.type, e.trigger.text) for e in events]
    if etype is not None:
        assert ev.type == etype
    assert [a.text for a in ev.actor] == actors
    assert [r.text for r in ev.recipient] == recipients
    for party in ev.actor + ev.recipient:
        assert text[party.start:party.end] == party.text


# Parties the rules read right on events whose type the encoder changes since it is trusted from
# `learned.RETYPE_MIN` 0.6 (over the 500 wire sentences of training/wire the type is right more often:
# 0.878 -> 0.888): the rules' proposal is checked here, the coder's output is an expected failure.
RETYPED = [
    ("Serbia and Kosovo renewed their dialogue in Brussels.", "renewed", "CONSULT", ["Serbia", "Kosovo"], []),
    ("Putin said he would meet Erdogan next week.", "meet", "CONSULT", ["Putin"], ["Erdogan"]),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "etype", "actors", "recipients"), RETYPED)
def test_wire_parties_proposed(nlp, text, trigger, etype, actors, recipients):
    events = proposed_events(analyse_text(nlp, text))
    ev = next((e for e in events if e.trigger.text == trigger), None)
    assert ev is not None and ev.type == etype
    assert [a.text for a in ev.actor] == actors
    assert [r.text for r in ev.recipient] == recipients


@pytest.mark.model
@pytest.mark.xfail(strict=True, reason="the encoder reads 'renewed their dialogue' as SUPPORT, 'would meet' as AGREE")
@pytest.mark.parametrize(("text", "trigger", "etype", "actors", "recipients"), RETYPED)
def test_wire_parties_retyped(nlp, text, trigger, etype, actors, recipients):
    test_wire_parties(nlp, text, trigger, etype, actors, recipients)


@pytest.mark.model
@pytest.mark.xfail(reason="'back' is parsed as an adverb, so 'pull' is read without its particle and its own "
                   "troops become the recipient (reading adverbs as particles added events on sport news)",
                   strict=True)
def test_pull_back_own_troops(nlp):
    text = "Russia says it is willing to pull its troops back from the border."
    ev = next(e for e in code_events(analyse_text(nlp, text)) if e.trigger.text == "pull")
    assert [a.text for a in ev.actor] == ["Russia"] and ev.recipient == []


# A pronoun stays itself where the reporter cannot be what it stands for, or is ambiguous.
KEPT_PRONOUNS = [
    ("Kuwait said they had detained three suspects.", "detained", ["they"]),  # a country is not "they"
    ("The foreign minister said they would expel the envoy.", "expel", ["they"]),  # one person is not "they"
    ("Egypt told Ethiopia it would resume talks on the dam.", "talks", ["it"]),  # either could be meant
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "actors"), KEPT_PRONOUNS)
def test_pronoun_kept_when_reporter_does_not_agree(nlp, text, trigger, actors):
    ev = next(e for e in code_events(analyse_text(nlp, text)) if e.trigger.text == trigger)
    assert [a.text for a in ev.actor] == actors
