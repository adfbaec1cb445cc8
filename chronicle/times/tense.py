"""The tense of the verb that governs a temporal expression, read from the spaCy parse.

"continued into early Monday" is past, so Monday is the one before the
publication date; "will meet Monday" is future, so it is the coming one.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from chronicle.wordlists import words

PAST, PRESENT, FUTURE = -1, 0, 1
_FUTURE_AUX = words("english/future_auxiliaries")
# Verbs whose infinitive complement lies ahead ("plans to visit Monday"); the event coder reads them too.
_FUTURE_HEADS = words("english/future_heads")
_MAX_CLIMB = 6


def governing_verb(span: Span) -> Token | None:
    """The nearest verb or auxiliary above the span's root in the dependency tree."""
    token = span.root
    for _ in range(_MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX") and token.tag_.startswith(("VB", "MD")):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _aux_children(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def verb_tense(verb: Token) -> int:
    """PAST, PRESENT or FUTURE for one verb, with its auxiliaries and an infinitive's governor."""
    auxes = _aux_children(verb)
    if not auxes and verb.dep_ == "conj" and verb.tag_ == "VB" and verb.head is not verb:
        return verb_tense(verb.head)  # "will travel … and return in March": the coordinated verb shares the tense
    lowers = {a.lower_ for a in auxes}
    if lowers & _FUTURE_AUX:
        return FUTURE
    if "going" in lowers or (verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.children)):
        return FUTURE
    if any(a.tag_ == "VBD" for a in auxes) or verb.tag_ == "VBD":
        return PAST
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return PAST
    if verb.tag_ == "VB" and any(a.tag_ == "TO" for a in verb.children) and verb.head is not verb:
        head = verb.head
        if head.lemma_ in _FUTURE_HEADS:
            return FUTURE
        return verb_tense(head) if head.pos_ in ("VERB", "AUX") else PRESENT
    if verb.tag_ == "VBN" and not auxes:
        return PAST
    if verb.tag_ == "MD":
        return FUTURE if verb.lower_ in _FUTURE_AUX else PRESENT
    return PRESENT


def span_tense(doc: Doc, start: int, end: int) -> int | None:
    """The tense governing the characters [start, end) of `doc`, or None when no verb governs them."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = governing_verb(span)
    if verb is None:
        return None
    return verb_tense(verb)
