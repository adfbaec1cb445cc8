"""`code_events`: the rule-based PLOVER event coder (events.rules.v1).

Reads `analysis.doc` (parsed, entities corrected) and from `analysis.article`
its id, published date, dateline place, `places` and `times`. Returns the
article's events (SPEC.md "Event") without side effects. Per sentence:
find triggers (chronicle.events.triggers), let governing verbs absorb or
qualify their complements ("agreed to meet" is one AGREE, "denied attacking"
a denied ASSAULT), read the parties (roles), status, size, date and place,
then merge duplicate reports across the article (merge). Actor names,
countries and sectors are left to chronicle.actors.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from chronicle.events.acled import acled_for
from chronicle.events.anchor import event_date, event_place, is_historical
from chronicle.events.lexicon import Code, load_lexicon
from chronicle.events.merge import merge_events
from chronicle.events.roles import parties, phrase
from chronicle.events.size import size_of
from chronicle.events.status import ALLEGING, DENYING, status_of
from chronicle.events.triggers import Trigger, find_triggers
from chronicle.nlp.analysis import Analysis
from chronicle.records import QUAD, Actor, Article, Event, Span

CODER_NAME = "events.rules.v1"
# Governing events that absorb an embedded event: "urged X to release" is one REQUEST.
ABSORBING = frozenset({"REQUEST", "THREATEN", "REJECT", "AGREE", "SUPPORT", "ACCUSE", "CONCEDE"})
ORDERING = frozenset({"order", "direct", "instruct", "command"})
# A cooperative act that the actor will not or did not do is a refusal (PLOVER REJECT), with the
# REJECT mode naming what is refused.
REFUSAL_MODES = {"AGREE": "meet", "CONSULT": "meet", "SUPPORT": "change", "CONCEDE": "yield",
                 "COOPERATE": "assist", "AID": "assist", "RETREAT": "yield"}
PROMISED = {"CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE", "RETREAT": "CONCEDE"}
# The content of a threat, as a THREATEN mode (PLOVER codebook modes).
THREAT_MODES = {"ASSAULT": "violence", "MOBILIZE": "violence", "SANCTION": "relations", "PROTEST": "restrict"}
GOVERNING_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acomp"})
BASE_CONFIDENCE = {"pattern": 0.6, "verb": 0.5, "cameo-verb": 0.45, "support": 0.5, "occurrence": 0.45,
                   "existential": 0.45, "headline": 0.4}
REPORTING = frozenset({"say", "tell", "add", "state", "report", "announce", "claim", "write", "note",
                       "confirm", "insist", "explain", "believe", "think", "warn"})


@dataclass
class Draft:
    """A trigger with what governance decided about it."""

    trig: Trigger
    status: str | None = None  # imposed by a governor (denied, alleged)
    mode: str | None = None  # overridden mode
    type: str | None = None  # overridden type
    penalty: float = 0.0


def _governor(trig: Trigger, by_token: dict[int, Trigger]) -> Trigger | None:
    tok = trig.clause if trig.nominal else trig.token
    for _ in range(3):
        if tok.dep_ not in GOVERNING_DEPS or tok.head is tok:
            return None
        tok = tok.head
        gov = by_token.get(tok.i)
        if gov is not None and not gov.nominal:
            return gov
    return None


def govern(trigs: list[Trigger]) -> list[Draft]:
    """Resolve embedded events against the verbs that govern them."""
    by_token = {t.token.i: t for t in trigs}
    drafts = {t.token.i: Draft(t) for t in trigs}
    for t in trigs:
        gov = _governor(t, by_token)
        if gov is None or gov.token.i not in drafts or t.token.i not in drafts:
            continue
        glemma = gov.token.lemma_.lower()
        if gov.code.type == "REJECT" and glemma in DENYING:
            drafts[t.token.i].status = "denied"
            del drafts[gov.token.i]
        elif gov.code.type == "ACCUSE" and glemma in ALLEGING:
            drafts[t.token.i].status = "alleged"
            drafts[t.token.i].penalty = 0.25
        elif glemma in ORDERING and QUAD[t.code.type] == 4:
            del drafts[gov.token.i]  # "ordered the paper to suspend publication": the order is carried out
        elif gov.code.type in ABSORBING:
            gdraft = drafts[gov.token.i]
            if gov.code.type == "AGREE" and QUAD[t.code.type] >= 3:
                gdraft.type = "THREATEN"  # a promise of conflict is a threat ("vowed to retaliate")
            if gdraft.type == "THREATEN" or gov.code.type == "THREATEN":
                gdraft.mode = gov.code.mode or THREAT_MODES.get(t.code.type, t.code.mode)
            del drafts[t.token.i]
    return [drafts[i] for i in sorted(drafts)]


def _main_clause(tok: Token) -> bool:
    if tok.dep_ == "ROOT":
        return True
    head = tok.head
    return tok.dep_ in ("ccomp", "conj") and head.dep_ == "ROOT" and (
        tok.dep_ == "conj" or head.lemma_.lower() in REPORTING)


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def _sentence_span(text: str, sent: SpacySpan) -> Span:
    start, end = sent.start_char, sent.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return _span(text, start, end)


def _actors(text: str, heads: list[Token]) -> list[Actor]:
    out = []
    for h in heads:
        s, e = phrase(h)
        out.append(Actor(text=text[s:e], start=s, end=e))
    return out


def _confidence(d: Draft, status: str, actors: list[Actor], recipients: list[Actor]) -> float:
    conf = BASE_CONFIDENCE.get(d.trig.via, 0.45)
    if d.trig.via == "verb" and d.trig.code.source == "hand":
        conf += 0.05
    conf += 0.15 if actors else 0.0
    conf += 0.1 if recipients else 0.0
    conf += 0.1 if _main_clause(d.trig.clause) else 0.0
    conf -= 0.1 if status != "asserted" else 0.0
    conf -= d.penalty
    return round(max(0.05, min(0.95, conf)), 3)


def _event(article: Article, doc: Doc, sent: SpacySpan, d: Draft) -> Event:
    text = article.text
    trig = d.trig
    code: Code = trig.code
    etype = d.type or code.type
    mode = d.mode if d.mode is not None else (code.mode if etype == code.type else None)
    actor_heads, recipient_heads = parties(trig)
    actors = _actors(text, actor_heads)
    recipients = _actors(text, recipient_heads)
    status = d.status or status_of(trig.token, trig.clause)
    if status == "negated" and etype in REFUSAL_MODES and actor_heads:
        etype, mode, status = "REJECT", REFUSAL_MODES[etype], "asserted"
    elif status == "planned" and etype in PROMISED:
        # PLOVER: future CONSULT/SUPPORT/COOPERATE/AID are AGREE; a promised retreat is CONCEDE.
        etype, mode, status = PROMISED[etype], None, "asserted"
    sent_range = (sent.start_char, sent.end_char)
    anchors = {trig.token.i, trig.clause.i}
    date = event_date(article, doc, sent_range, anchors)
    if status == "asserted" and is_historical(date, article.published):
        status = "historical"
    party_spans = [(a.start, a.end) for a in actors + recipients if a.start is not None and a.end is not None]
    place = event_place(article, doc, sent_range, anchors, party_spans)
    first, last = doc[trig.start], doc[trig.end - 1]
    return Event(
        id="", type=etype, mode=mode, context=list(code.contexts), quad=QUAD[etype],
        actor=actors, recipient=recipients, place=place, date=date,
        size=size_of(trig.token, etype, mode, trig.nominal, recipient_heads),
        status=status, trigger=_span(text, first.idx, last.idx + len(last.text)),
        evidence=_sentence_span(text, sent), mentions=[],
        confidence=_confidence(d, status, actors, recipients), acled=acled_for(etype, mode),
    )


def code_events(analysis: Analysis) -> list[Event]:
    """The article's PLOVER events, duplicates merged, numbered `<article id>:e<n>` in text order."""
    lex = load_lexicon()
    doc, article = analysis.doc, analysis.article
    events: list[Event] = []
    lemmas: list[str] = []
    for sent in doc.sents:
        for d in govern(find_triggers(sent, lex)):
            events.append(_event(article, doc, sent, d))
            lemmas.append(d.trig.token.lemma_.lower())
    merged = merge_events(events, lemmas)
    for n, ev in enumerate(merged, 1):
        ev.id = f"{article.id}:e{n}"
    return merged
