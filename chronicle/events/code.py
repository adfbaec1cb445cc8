"""`code_events`: the rule-based PLOVER event coder (events.rules.v2).

Reads `analysis.doc` (parsed, entities corrected) and from `analysis.article`
its id, published date, dateline place, `places`, `times` and `entities`.
Returns the article's events (SPEC.md "Event") without side effects. Per
sentence: find triggers (chronicle.events.triggers), let governing verbs
absorb or qualify their complements ("agreed to meet" is one AGREE, "denied
attacking" a denied ASSAULT), read the parties (roles), drop triggers that
no actor licenses (`licensed`), then status, size, date and place from the
trigger's own clause, contexts. A sentence where no rule event survives may
get one from the learned classifier (chronicle.events.fallback, gated hard).
Finally reports of one event are merged across the article (merge) and
classified for ACLED. Actor names,
countries and sectors are left to chronicle.actors.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from chronicle.events import learned
from chronicle.events.anchor import date_events, place_events_in_clause
from chronicle.events.antecedent import encoder_input
from chronicle.events.context import contexts_for
from chronicle.events.fallback import SOURCE, fallback_verb
from chronicle.events.lexicon import Code, Lexicon, load_lexicon
from chronicle.events.merge import Report, merge_article
from chronicle.events.parties import is_actor, sectors
from chronicle.events.roles import parties, phrase
from chronicle.events.size import size_of
from chronicle.events.status import ALLEGING, DENYING, is_question, status_of
from chronicle.events.triggers import Trigger, find_triggers, is_passive
from chronicle.learned.encoder import Scores, load_encoder
from chronicle.nlp.analysis import Analysis
from chronicle.records import QUAD, Actor, Event, EventDate, Rejection, Span
from chronicle.wordlists import words

# The coder's and the encoder's stage names and versions: chronicle/events/stages.py registers them
# from here, and rejections name them. v4: the coder runs before resolution (issue 14).
RULES_NAME, RULES_VERSION = "events.rules", 4
LEARNED_NAME, LEARNED_VERSION = "events.learned", 3
RULES, LEARNED = f"{RULES_NAME}.v{RULES_VERSION}", f"{LEARNED_NAME}.v{LEARNED_VERSION}"
NON_ACTOR = "non-actor-subject"
# Governing events that absorb an embedded event: "urged X to release" is one REQUEST.
ABSORBING = frozenset({"REQUEST", "THREATEN", "REJECT", "AGREE", "SUPPORT", "ACCUSE", "CONCEDE"})
ORDERING = words("events/ordering")
SUMMONING = words("events/summoning")
# A cooperative act that the actor will not or did not do is a refusal (PLOVER REJECT), with the
# REJECT mode naming what is refused.
REFUSAL_MODES = {"AGREE": "meet", "CONSULT": "meet", "SUPPORT": "change", "CONCEDE": "yield",
                 "COOPERATE": "assist", "AID": "assist", "RETREAT": "yield"}
PROMISED = {"CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE", "RETREAT": "AGREE"}
# The content of a threat, as a THREATEN mode (PLOVER codebook modes).
THREAT_MODES = {"ASSAULT": "violence", "MOBILIZE": "violence", "SANCTION": "relations", "PROTEST": "restrict"}
GOVERNING_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acomp"})
BASE_CONFIDENCE = {"pattern": 0.6, "verb": 0.5, "cameo-verb": 0.45, "support": 0.5, "occurrence": 0.45,
                   "existential": 0.45, "headline": 0.4, "background": 0.35}
MIN_COUNTED_WORDS = 5
ANAPHORIC_DETS = words("events/anaphoric_determiners")
REPORTING = words("events/reporting")
SEARCH_SKIPS = REPORTING | words("events/non_event_verbs") | words("events/source_verbs")


@dataclass
class Draft:
    """A trigger with what governance decided about it."""

    trig: Trigger
    status: str | None = None  # imposed by a governor (denied, alleged)
    mode: str | None = None  # overridden mode
    type: str | None = None  # overridden type
    penalty: float = 0.0
    summoned: Trigger | None = None  # "summoned X to complain": the summoning verb, whose parties these are
    # kept although its subject is no party in the dictionaries' sense ("taxi riders protested"): the
    # trigger head must then vouch for the word (learned.UNLICENSED_MIN)
    unlicensed: bool = False


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
        head = by_token.get(t.token.head.i)
        if (t.token.dep_ in ("advcl", "xcomp") and head is not None and head.token.lemma_.lower() in SUMMONING
                and t.code.type in ("ACCUSE", "PROTEST") and head.token.i in drafts):
            # "summoned the ambassador to complain": the complaint is the event, made to the envoy
            drafts[t.token.i].status = "asserted"
            drafts[t.token.i].summoned = head
            del drafts[head.token.i]
            continue
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


def _confidence(d: Draft, status: str, actors: list[Token], recipients: list[Token]) -> float:
    """How likely the event's type is right: the trigger's evidence, then what supports it."""
    conf = BASE_CONFIDENCE.get(d.trig.via, 0.45)
    if d.trig.via == "verb" and d.trig.code.source == "hand":
        conf += 0.05
    if d.trig.code.source.startswith("cameo"):
        conf -= 0.1  # CAMEO-only entries are right less often than hand-written ones (dev calibration)
    conf += 0.15 if any(is_actor(h) for h in actors) else (0.05 if actors else 0.0)
    conf += 0.1 if any(is_actor(h) for h in recipients) else (0.05 if recipients else 0.0)
    conf += 0.1 if _main_clause(d.trig.clause) else 0.0
    conf -= 0.1 if status != "asserted" else 0.0
    conf -= d.penalty
    return round(max(0.05, min(0.95, conf)), 3)


def _has_complement(verb: Token) -> bool:
    """A request with content: an addressee or what is asked. A clause before the verb is the
    quoted question of a reporting use ("What now?, the source asked")."""
    return any(c.dep_ in ("dobj", "dative", "xcomp", "prep", "attr", "oprd") or (c.dep_ == "ccomp" and c.i > verb.i)
               for c in verb.children)


def licensed(d: Draft, actors: list[Token], recipients: list[Token]) -> str | None:
    """Why a trigger is not an event here, or None when it is (principled filters, no word lists)."""
    trig = d.trig
    etype = d.type or trig.code.type
    tok = trig.token
    if (not trig.nominal and tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.lower_ not in ("those", "ones")
            and (QUAD[etype] in (1, 2) or etype == "MOBILIZE")):
        return "descriptive-participle"  # "a diplomat stationed in Bamako" describes, reports nothing
    if not trig.nominal and QUAD[etype] in (1, 2) and not any(c.dep_ == "agent" for c in tok.children) and (
            (tok.dep_ == "acomp" and tok.tag_ == "VBN") or (etype == "AGREE" and is_passive(tok))):
        return "stative-passive"  # "he was committed to the fight", "officials were determined"
    if any(is_actor(h) for h in actors + recipients):
        if not trig.nominal and etype == "REQUEST" and not _has_complement(tok):
            return "request-without-content"  # "..., the source asked."
        return None
    if trig.nominal:
        return None  # "clashes erupted", "20,000 cases were filed": the noun is the event
    if trig.via == "cameo-verb":
        return "weak-verb-without-actor"
    if actors and trig.via != "pattern":
        return NON_ACTOR  # "their cases wound through court"
    return None  # "shots were fired", "to investigate the attacks": the verb or its pattern carries it


def _anaphoric(trig: Trigger) -> bool:
    """A definite nominal report that points back: "the arrests", "those detained", "the spate of arrests"."""
    tok = trig.token
    if trig.nominal:
        if any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS for c in tok.children):
            return True
        return tok.head.lower_ in ("spate", "wave", "series") and tok.head.dep_ != "ROOT"
    return tok.dep_ == "acl" and tok.head.lower_ in ("those", "ones", "people") and is_passive(tok)


def _event(analysis: Analysis, sent: SpacySpan, d: Draft) -> tuple[Event, Report] | str:
    """The event a trigger reports in its sentence, or why it reports none (`licensed`)."""
    article = analysis.article
    text = article.text
    trig = d.trig
    code: Code = trig.code
    etype = d.type or code.type
    mode = d.mode if d.mode is not None else (code.mode if etype == code.type else None)
    actor_heads, recipient_heads, patient, doers = parties(d.summoned or trig)
    patients = [patient] if patient is not None and all(patient.i != h.i for h in recipient_heads) else []
    if (reason := licensed(d, doers, recipient_heads + patients)) is not None and not (
            d.unlicensed and reason == NON_ACTOR):
        return reason
    actors = _actors(text, actor_heads)
    recipients = _actors(text, recipient_heads)
    status = d.status or status_of(trig.token, trig.clause)
    if status == "negated" and etype in REFUSAL_MODES and actor_heads:
        etype, mode, status = "REJECT", REFUSAL_MODES[etype], "asserted"
    elif status == "planned" and etype in PROMISED:
        # PLOVER: future CONSULT/SUPPORT/COOPERATE/AID are AGREE; a promised retreat is CONCEDE.
        etype, mode, status = PROMISED[etype], None, "asserted"
    if etype == "MOBILIZE" and _peacekeeping(trig.token):
        etype, mode = "AID", None  # troops sent to keep the peace serve the host: PLOVER AID, peacekeeping
    size = size_of(trig.token, etype, mode, trig.nominal, recipient_heads + patients)
    contexts = contexts_for(etype, code.contexts, [s for h in actor_heads for s in sectors(h)],
                            [s for h in recipient_heads for s in sectors(h)],
                            {t.lemma_.lower() for t in sent}, sent.text.lower())
    event = Event(
        id="", type=etype, mode=mode, context=contexts, quad=QUAD[etype],
        actor=actors, recipient=recipients, place=None, date=EventDate(), size=size,
        status=status, trigger=_trigger_span(analysis, trig),
        evidence=_sentence_span(text, sent), mentions=[],
        confidence=_confidence(d, status, actor_heads, recipient_heads + patients),
    )
    # the date, the place and the merging come later, from the stages that resolve times, places and
    # entities (chronicle/events/stages.py): the report says where the event hangs in the parse
    report = Report(trig.token.lemma_.lower(), _anaphoric(trig), anchors=frozenset({trig.token.i, trig.clause.i}),
                    sentence=(sent.start_char, sent.end_char))
    return event, report


def _peacekeeping(token: Token) -> bool:
    """A deployment whose troops or purpose are peacekeeping ("sent peacekeepers", "deployed 200 troops
    on a peacekeeping mission", "peacekeepers were deployed")."""
    return any(t.lower_.startswith("peacekeep") for t in token.subtree)


@dataclass
class Coded:
    """A rule or fallback event of one sentence, before the encoder's decision."""

    draft: Draft
    event: Event
    report: Report


def _trigger_span(analysis: Analysis, trig: Trigger) -> Span:
    """The trigger's words as a span of the article text ("air strike", "made arrests")."""
    first, last = analysis.doc[trig.start], analysis.doc[trig.end - 1]
    return _span(analysis.article.text, first.idx, last.idx + len(last.text))


def _rejection(analysis: Analysis, d: Draft, reason: str, detail: str = "", stage: str = RULES) -> Rejection:
    span = _trigger_span(analysis, d.trig)
    return Rejection(stage=stage, text=span.text, start=span.start, end=span.end, reason=reason, detail=detail,
                     type=d.type or d.trig.code.type)


def _rule_events(analysis: Analysis, sent: SpacySpan, lex: Lexicon, rejected: list[Rejection]) -> list[Coded]:
    out = []
    for d in govern(find_triggers(sent, lex)):
        coded = _event(analysis, sent, d)
        if coded == NON_ACTOR and learned.UNLICENSED_MIN <= 1.0:
            d = replace(d, unlicensed=True)  # the encoder decides (`_decided`)
            coded = _event(analysis, sent, d)
        if isinstance(coded, str):
            rejected.append(_rejection(analysis, d, coded))
        else:
            out.append(Coded(d, *coded))
    return out


def _decided(analysis: Analysis, sent: SpacySpan, found: list[Coded], scores: Scores, article: learned.Reading,
             topic: dict[str, float] | None, judge: Judge, rejected: list[Rejection]) -> list[Coded]:
    """The sentence's events once the encoder has spoken: dropped, re-typed, or kept. Each is judged on
    the sentence's probabilities blended with its trigger's (`learned.at_trigger`), and where there is a
    keep head, by it (`_kept`)."""
    out: list[tuple[float, Coded]] = []
    proposed = frozenset(c.event.type for c in found)
    for k, c in enumerate(found):
        view = learned.at_trigger(scores, k)
        if c.draft.unlicensed and not learned.vouched(scores, k):
            rejected.append(_rejection(analysis, c.draft, NON_ACTOR, learned.unvouched(scores, k), LEARNED))
            continue
        if judge is None:
            vetoed = learned.vetoed(scores, k)
            if vetoed or not learned.relevant(view, article.share, topic):
                why = learned.veto(scores, k) if vetoed else learned.irrelevance(view, article.share, topic)
                rejected.append(_rejection(analysis, c.draft, "encoder-not-an-event", why, LEARNED))
                continue
        etype = learned.choose_type(c.event.type, view, proposed - {c.event.type}, k)
        if etype != c.event.type:
            d = replace(c.draft, type=etype, mode=None)
            coded = _event(analysis, sent, d)
            if isinstance(coded, str):
                rejected.append(_rejection(analysis, d, coded, f"after the encoder re-typed {c.event.type} as {etype}"))
                continue
            c = Coded(d, *coded)
        if judge is not None and not _kept(analysis, c, scores, k, article, judge, rejected, rule_events=len(found)):
            continue
        score = learned.raw_score(view, c.event.type)
        if learned.reported(score):
            c.event.confidence = _confidence_of(c, score)
            out.append((score, c))
        else:
            rejected.append(_rejection(analysis, c.draft, "encoder-score-too-low", f"score {score:.2f}", LEARNED))
    best = max((score for score, _ in out), default=0.0)
    kept = []
    for score, c in out:
        if learned.kept_beside(score, best, c.event.status == "alleged"):
            kept.append(c)
        else:
            rejected.append(_rejection(analysis, c.draft, "weak-beside-a-sure-event",
                                       f"score {score:.2f} beside {best:.2f}", LEARNED))
    return kept


Judge = tuple[NDArray[np.float32], NDArray[np.float32]] | bool | None


def _keep_judge() -> Judge:
    """How an article's candidate events are kept: by the keep head (its weights), every one (True:
    `KEEP_MIN` 0, what scripts/train_keep_head.py reads), or by the thresholds (None: no head, or
    `KEEP_MIN` above 1)."""
    if learned.KEEP_MIN <= 0:
        return True
    head = load_encoder().keep_head
    return head if head is not None and learned.KEEP_MIN <= 1 else None


def _kept(analysis: Analysis, c: Coded, scores: Scores, k: int, article: learned.Reading, judge: Judge,
          rejected: list[Rejection], *, rule_events: int = 0, fallback: bool = False) -> bool:
    """Whether the keep head keeps the event `c` on the sentence's `k`-th trigger asked about (its features
    go on the report); a rejection saying why not."""
    c.report.keep = learned.keep_features(
        scores, k, c.event.type, article, fallback=fallback, actor=bool(c.event.actor),
        recipient=bool(c.event.recipient), unlicensed=c.draft.unlicensed, rule_events=rule_events)
    if not isinstance(judge, tuple):
        return True
    p = c.report.kept = learned.keep_probability(judge, c.report.keep)
    bar = learned.keep_needed(scores, article)
    if p >= bar:
        return True
    why = f"keep head p(right) {p:.2f} < {bar}"
    if bar != learned.KEEP_MIN:
        why += (f": p(event) {scores.event:.2f} < {learned.STRICT_THRESHOLD} in a quiet article (share of event "
                f"sentences {article.share:.2f})")
    rejected.append(_rejection(analysis, c.draft, "encoder-not-an-event", why, LEARNED))
    return False


def _confidence_of(c: Coded, score: float) -> float:
    """The event's confidence: the keep head's p(right) where it judged the event (`KEEP_CONFIDENCE`),
    else the measured share of right events at the encoder's raw score (`learned.calibrated`)."""
    if learned.KEEP_CONFIDENCE and c.report.kept is not None:
        return round(c.report.kept, 3)
    return learned.calibrated(score)


def _fallback(analysis: Analysis, sent: SpacySpan, verb: Token, scores: Scores, article: learned.Reading,
              topic: dict[str, float] | None, judge: Judge, rejected: list[Rejection]) -> list[Coded]:
    view = learned.at_trigger(scores, 0)
    etype = None
    if judge is not None:
        if (etype := learned.fallback_type(view, 0, judged=True)) is None:
            reason, why = "encoder-unsure", learned.fallback_refusal(view, 0)
    elif not learned.relevant(view, article.share, topic):
        reason, why = "encoder-not-an-event", learned.irrelevance(view, article.share, topic)
    elif learned.vetoed(scores, 0):
        reason, why = "encoder-not-an-event", learned.veto(scores, 0)
    elif (etype := learned.fallback_type(view, 0)) is None:
        reason, why = "encoder-unsure", learned.fallback_refusal(view, 0)
    if etype is None:
        asked = Draft(_verb_trigger(verb, Code(view.best_type()[0], None, (), SOURCE)))
        rejected.append(_rejection(analysis, asked, reason, f"the main verb, no rule trigger: {why}", LEARNED))
        return []
    d = Draft(_verb_trigger(verb, Code(etype, None, (), SOURCE)))
    coded = _event(analysis, sent, d)
    if isinstance(coded, str):
        rejected.append(_rejection(analysis, d, coded, "the encoder's event on the main verb", LEARNED))
        return []
    c = Coded(d, *coded)
    if judge is not None and not _kept(analysis, c, scores, 0, article, judge, rejected, fallback=True):
        return []
    score = learned.raw_score(view, c.event.type)
    if not learned.reported(score):
        rejected.append(_rejection(analysis, d, "encoder-score-too-low", f"score {score:.2f}", LEARNED))
        return []
    c.event.confidence = _confidence_of(c, score)
    return [c]


def search_words(sent: SpacySpan, asked: list[Trigger], lex: Lexicon) -> list[Token]:
    """The sentence's words the trigger head may be asked about beyond its candidates (`asked`): content
    verbs, and (`learned.SEARCH_NOUNS`) the lexicon's event nouns wherever they stand ("following
    Tsvangirai's ARREST", "supported by US AIRSTRIKES"), which the rules read only where reported as
    happening."""
    taken = {t.token.i for t in asked}

    def eventive(t: Token) -> bool:
        if t.pos_ == "VERB":
            return t.lemma_.lower() not in SEARCH_SKIPS
        return bool(learned.SEARCH_NOUNS) and t.pos_ == "NOUN" and t.lemma_.lower() in lex.nouns

    return [t for t in sent if t.i not in taken and t.is_alpha and eventive(t)]


def _searched(analysis: Analysis, sent: SpacySpan, found: list[Token], first: int, scores: Scores,
              article: learned.Reading, judge: Judge, rejected: list[Rejection]) -> list[Coded]:
    """The event on the word the trigger head finds likeliest, typed as a fallback's (`learned.fallback_type`)
    and judged by the keep head."""
    best = max(range(len(found)), key=lambda j: 1.0 - scores.triggers[first + j]["NONE"])
    if 1.0 - scores.triggers[first + best]["NONE"] < learned.SEARCH_MIN:
        return []
    if (etype := learned.fallback_type(scores, first + best, judged=True)) is None:
        return []
    tok = found[best]
    clause = tok if tok.pos_ == "VERB" else next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), sent.root)
    d = Draft(Trigger(tok, clause, Code(etype, None, (), SOURCE), tok.pos_ != "VERB", "learned", tok.i + 1, tok.i))
    coded = _event(analysis, sent, d)
    if isinstance(coded, str):
        rejected.append(_rejection(analysis, d, coded, "the encoder's event on a searched word", LEARNED))
        return []
    c = Coded(d, *coded)
    if not _kept(analysis, c, scores, first + best, article, judge, rejected, fallback=True):
        return []
    c.event.confidence = _confidence_of(c, learned.raw_score(scores, c.event.type))
    return [c]


def _verb_trigger(verb: Token | None, code: Code | None = None) -> Trigger:
    """The learned fallback's trigger: the sentence's main verb."""
    assert verb is not None
    return Trigger(verb, verb, code or Code("NONE", None, (), SOURCE), False, "learned", verb.i + 1, verb.i)


def _asked_spans(doc: Doc, sent: SpacySpan, triggers: list[Trigger]) -> list[tuple[int, int]]:
    """The triggers' character spans in the sentence's stripped text (what the encoder reads)."""
    text = sent.text
    base = sent.start_char + len(text) - len(text.lstrip())
    return [(doc[t.start].idx - base, doc[t.end - 1].idx + len(doc[t.end - 1].text) - base) for t in triggers]


def _counts(sent: SpacySpan) -> bool:
    """Whether a sentence counts towards the article's share of event sentences: a clause with a verb,
    not a headline fragment, byline or caption."""
    return sum(1 for t in sent if t.is_alpha) >= MIN_COUNTED_WORDS and any(t.pos_ in ("VERB", "AUX") for t in sent)


def lead(title: str | None, sents: list[SpacySpan]) -> list[str]:
    """What the topic head reads of an article: its title and first `learned.TOPIC_LEAD` counted sentences."""
    first = [s.text.strip() for s in sents if _counts(s)][:int(learned.TOPIC_LEAD)]
    return [title.strip(), *first] if title and title.strip() else first


def proposed_events(analysis: Analysis) -> list[Event]:
    """The rules' events alone, before the encoder decides (what `code_events` starts from), dated from
    their clauses: for testing argument roles, status and size on their own."""
    sents = list(analysis.doc.sents)
    found = _proposals(analysis, sents, [is_question(s) for s in sents], load_lexicon(), [])
    events = date_events([c.event for coded in found for c in coded], [c.report for coded in found for c in coded],
                         analysis.article, analysis.doc)
    for n, ev in enumerate(events, 1):
        ev.id = f"{analysis.article.id}:p{n}"
    return events


def _proposals(analysis: Analysis, sents: list[SpacySpan], questions: list[bool], lex: Lexicon,
               rejected: list[Rejection]) -> list[list[Coded]]:
    """The rules' events of each sentence of the article, in sentence order. A question reports none."""
    out: list[list[Coded]] = []
    for sent, question in zip(sents, questions, strict=True):
        if question:
            rejected.extend(_rejection(analysis, d, "question", "a question reports no event")
                            for d in govern(find_triggers(sent, lex)))
            out.append([])
        else:
            out.append(_rule_events(analysis, sent, lex, rejected))
    return out


@dataclass
class Proposed:
    """The event coder's output, before the stages that date, place and merge its events: the events
    in text order (ids `<article>:p<n>`), a `Report` for each, and every candidate let go."""

    events: list[Event]
    reports: list[Report]
    rejected: list[Rejection]


def code_events(analysis: Analysis) -> list[Event]:
    """The article's PLOVER events, dated, placed in their clauses, reports of one event merged,
    numbered `<article id>:e<n>` in text order (the coder and the stages after it, for callers that
    run the coder alone on `analysis.article`'s times, entities and `locations`)."""
    return code_events_explained(analysis)[0]


def code_events_explained(analysis: Analysis) -> tuple[list[Event], list[Rejection]]:
    """`code_events`, and every candidate it let go with the reason."""
    article, doc = analysis.article, analysis.doc
    proposed = propose_events(analysis)
    events = date_events(proposed.events, proposed.reports, article, doc)
    events = place_events_in_clause(events, proposed.reports, analysis.get("locations", []), doc)
    merged, gone = merge_article(article.id, events, proposed.reports, article.entities)
    return merged, sorted(proposed.rejected + gone, key=lambda r: (r.start, r.end))


def propose_events(analysis: Analysis) -> Proposed:
    """The events the rules and the encoder agree on, with the candidates they let go (the coder
    stage: reads only the article and its parse).

    Rules propose (triggers, parties, status, size); the encoder, run once over the sentences that
    have a proposal, decides relevance and type (chronicle.events.learned).
    """
    lex = load_lexicon()
    doc, article = analysis.doc, analysis.article
    sents = list(doc.sents)
    questions = [is_question(s) for s in sents]
    rejected: list[Rejection] = []
    proposals = _proposals(analysis, sents, questions, lex, rejected)
    verbs = [None if found or question else fallback_verb(s, lex)
             for s, found, question in zip(sents, proposals, questions, strict=True)]
    asked = [i for i in range(len(sents)) if proposals[i] or verbs[i] is not None]
    wanted = set(asked)
    counted = sum(1 for i, s in enumerate(sents) if i in wanted or _counts(s))
    base = {i: [c.draft.trig for c in proposals[i]] if proposals[i] else [_verb_trigger(verbs[i])] for i in asked}
    judge = _keep_judge()
    search = judge is not None and learned.SEARCH_MIN <= 1.0  # the search needs the head to judge it
    searched = {i: search_words(sents[i], base[i], lex) if search else [] for i in asked}
    if search and counted <= learned.SHORT_TEXT:
        # a wire item or a headline has no article to say it reports no event: search every sentence
        for i, sent in enumerate(sents):
            if i not in wanted and not questions[i] and (found := search_words(sent, [], lex)):
                base[i], searched[i] = [], found
        asked = sorted(base)
    spans = [_asked_spans(doc, sents[i], base[i] + [_verb_trigger(w) for w in searched[i]]) for i in asked]
    # a sentence whose main (or reported) clause has "it"/"they" for subject is read with the antecedent
    # in its place ("It killed nine people" after "A fire broke out": chronicle.events.antecedent)
    inputs = [encoder_input(sents[i], sents[i - 1] if i else None, s) for i, s in zip(asked, spans, strict=True)]
    scores = dict(zip(asked, load_encoder().score([t for t, _ in inputs], [s for _, s in inputs]), strict=True))
    article_read = learned.article_reading(list(scores.values()), counted)
    topic = (load_encoder().topic(lead(article.title, sents))
             if asked and learned.TOPIC_GATE and counted >= learned.TOPIC_MIN_SENTENCES else None)
    kept: list[Coded] = []
    for i in asked:
        verb = verbs[i]
        if proposals[i]:
            decided = _decided(analysis, sents[i], proposals[i], scores[i], article_read, topic, judge, rejected)
        else:
            decided = (_fallback(analysis, sents[i], verb, scores[i], article_read, topic, judge, rejected)
                       if verb is not None else [])
        if not decided and searched[i]:
            decided = _searched(analysis, sents[i], searched[i], len(base[i]), scores[i], article_read, judge,
                                rejected)
        for c in decided:
            c.report.scores = scores[i]
        kept.extend(decided)
    for n, c in enumerate(kept, 1):
        c.event.id = f"{article.id}:p{n}"
    return Proposed([c.event for c in kept], [c.report for c in kept], sorted(rejected, key=lambda r: (r.start, r.end)))
