"""The factual status of an event: asserted, alleged, planned, hypothetical, negated, denied, historical.

Reads the trigger and its clause in the parse (negation, modal auxiliaries,
governing verbs such as "plans to" or "denied", hedges such as "reportedly"
or "alleged"). `historical` is decided later from the event's date
(chronicle.events.anchor), because it needs the article's published date.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from chronicle.wordlists import words

HYPOTHETICAL_AUX = words("events/hypothetical_aux")
PLANNED_AUX = words("english/future_auxiliaries")
# Verbs whose complement is a future or intended event ("plans to visit", "is set to meet").
PLANNING = words("english/future_heads") | words("events/attempt_verbs")
DENYING = words("events/denying")
ALLEGING = words("events/alleging")
HEDGES = words("events/hedges")
ALLEGED_AMOD = words("events/alleged_modifiers")
ASPECTUAL = words("events/aspectual")
WILLING = words("events/willing")
FAILING = words("events/failing")
PLAN_NOUNS = words("events/plan_nouns")
NEGATIVE_DETS = frozenset({"no", "neither"})
# "IF convicted", "UNLESS they withdraw": a condition, not a fact (nor a refusal when negated)
CONDITIONS = words("english/conditional_marks")
NEGATIVE_SUBJECTS = words("events/negative_subjects")
# Nouns whose clause is alleged ("claims that ..."), compared as words, not lemmas.
CLAIM_NOUNS = words("events/claim_nouns")


def _negated(verb: Token) -> bool:
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in FAILING:
        return True  # "failed to reach agreement"
    for c in verb.children:
        if c.dep_ == "neg" or c.lower_ in ("never",):
            return True
        if c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in NEGATIVE_SUBJECTS or any(
                d.dep_ == "det" and d.lower_ in NEGATIVE_DETS for d in c.children)):
            return True  # "no one was arrested"
    return False


def _modal(verb: Token) -> str | None:
    for c in verb.children:
        if c.dep_ == "aux":
            word = c.lower_
            if word in PLANNED_AUX:
                return "planned"
            if word in HYPOTHETICAL_AUX:
                return "hypothetical"
        if c.dep_ == "aux" and c.lower_ == "to" and verb.head.lemma_ == "go" and verb.dep_ == "xcomp":
            return "planned"  # "is going to meet"
    return None


# Contact verbs whose purpose is carried out in the contact itself: "called Morrison to congratulate
# him", "flew to Moscow to meet Putin" — in the past tense the congratulation and the meeting happened.
CONTACT = words("events/contact_verbs")


def _purpose(verb: Token) -> bool:
    """A to-infinitive not under an aspectual verb is intended, not done: "arrests to quash a plot"."""
    if verb.pos_ != "VERB" or not any(c.tag_ == "TO" and c.dep_ == "aux" for c in verb.children):
        return False
    head = verb.head
    if verb.dep_ in ("advcl", "xcomp") and head.lemma_.lower() in CONTACT and head.tag_ == "VBD":
        return False
    return not (verb.dep_ == "xcomp" and head.lemma_.lower() in ASPECTUAL)


def _governor(verb: Token) -> tuple[str | None, Token | None]:
    """Status imposed by a verb that embeds this clause: "denied attacking", "plans to meet"."""
    tok = verb
    for _ in range(3):
        if tok.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "dobj", "acl", "relcl", "prep"):
            return None, None
        head = tok.head
        lemma = head.lemma_.lower()
        if head.pos_ in ("VERB", "AUX"):
            if lemma in DENYING:
                return "denied", head
            if lemma in ALLEGING:
                return "alleged", head
            if lemma in PLANNING and tok.dep_ in ("xcomp",):
                return "planned", head
            if tok.dep_ == "xcomp":
                # "foiled an alleged plot to kill": the infinitive belongs to the plan noun before it
                plan = next((c for c in head.children if c.dep_ == "dobj" and c.i < tok.i
                             and c.lemma_.lower() in PLAN_NOUNS), None)
                if plan is not None:
                    alleged = any(c.lower_ in ALLEGED_AMOD for c in plan.children)
                    return ("alleged" if alleged else "planned"), plan
            if tok.dep_ in ("xcomp", "ccomp"):
                return None, None
        if head.pos_ == "ADJ" and head.lemma_.lower() in WILLING and tok.dep_ == "xcomp":
            return "planned", head  # "is ready to send troops"
        if head.pos_ == "NOUN" and head.lemma_.lower() in PLAN_NOUNS:
            alleged = any(c.lower_ in ALLEGED_AMOD for c in head.children)
            return ("alleged" if alleged else "planned"), head
        if head.lower_ in CLAIM_NOUNS:
            inner = head.head
            if inner.lemma_.lower() in DENYING:
                return "denied", inner
            return "alleged", head
        tok = head
    return None, None


def status_of(trigger: Token, clause: Token) -> str:
    """The status of the event carried by `trigger`, anchored at the verb `clause`."""
    verbs = [trigger] if trigger is clause else [trigger, clause]
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for v in verbs for c in v.children):
        return "hypothetical"
    for v in verbs:
        if _negated(v):
            return "negated"
    for v in verbs:
        status, _ = _governor(v)
        if status:
            return status
    for v in verbs:
        modal = _modal(v)
        if modal:
            return modal
        if v.dep_ == "xcomp" and v.head.pos_ in ("VERB", "AUX"):
            modal = _modal(v.head)
            if modal:
                return modal
    for v in verbs:
        if _purpose(v):
            return "planned"
    for v in verbs:
        if any(c.dep_ == "advmod" and c.lower_ in HEDGES for c in v.children):
            return "alleged"
    if any(c.dep_ in ("amod", "compound") and c.lower_ in ALLEGED_AMOD for c in trigger.children):
        return "alleged"
    return "asserted"


def is_question(sent: SpacySpan) -> bool:
    """Whether a sentence asks instead of reporting ("Did the army attack the village?", an interviewer's
    question): its last token, closing quotes and brackets aside, is a question mark. A question reports
    no event (training/GUIDE.md, settled cases). A verbless tail after a paragraph break (an interview's
    next speaker tag, glued on by the segmenter) does not count as the sentence's end."""
    toks = list(sent)
    breaks = [k for k, t in enumerate(toks) if t.is_space and "\n\n" in t.text]
    if breaks and not any(t.pos_ in ("VERB", "AUX") for t in toks[breaks[-1]:]):
        # an interview's question glued to the next speaker's tag ("… provide any aid?\n\n((Jaya))"):
        # what follows the paragraph break reports nothing
        toks = toks[:breaks[-1]]
    toks = [t for t in toks if not (t.is_space or t.is_quote or t.is_bracket)]
    return bool(toks) and toks[-1].text == "?"
