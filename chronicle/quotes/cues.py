"""Reporting cues: the verbs and phrases that introduce speech ("said", "according to", "wrote").

Reads the spaCy parse; finds a cue's subject (the speaker mention) and, for
indirect speech, the reported clause.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from chronicle.nlp.entities import entity_of
from chronicle.wordlists import words

# Verbs that report speech or writing; they introduce direct and indirect quotes. The core is the
# events stage's reporting verbs (a clause under them is said, not done); quotes add manner, stance
# and intent verbs ("shouted", "fears", "vowed to").
SPEECH_VERBS = words("events/reporting") | words("quotes/speech_verbs")
# Verbs whose infinitive complement is a stated position ("pledged to cut taxes").
INTENT_VERBS = words("quotes/intent_verbs")
# Of these, the ones that take a direct quote as well as a clause; the rest only report content.
DIRECT_VERBS = SPEECH_VERBS - words("quotes/content_only_verbs")
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_PERSONAL = words("quotes/personal_pronouns")


def is_speech_verb(token: Token, direct: bool = True) -> bool:
    lexicon = DIRECT_VERBS if direct else SPEECH_VERBS
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lexicon


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of a reporting verb, borrowed from the verb it is coordinated with or
    subordinated to ("She slammed the claim, saying …") when it has none of its own."""
    token = verb
    for _ in range(3):
        for child in token.children:
            if child.dep_ in _SUBJECTS and child.dep_ != "nsubjpass":
                # "Sykes, who said …": the relative pronoun is the mention; `relative_antecedent`
                # names whom it stands for
                return child
        if token.dep_ in ("conj", "advcl", "xcomp") and token.head is not token:
            token = token.head
            continue
        break
    # A passive report with an agent: "it was said by the minister".
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def according_to(doc: Doc) -> list[tuple[Span, Token]]:
    """(cue span "according to", speaker head) for every "according to X" in the document."""
    out: list[tuple[Span, Token]] = []
    for token in doc:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            to = doc[token.i + 1]
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if objects:
                out.append((doc[token.i:token.i + 2], objects[0]))
    return out


def mention_span(head: Token) -> Span:
    """The speaker mention around a subject head: its left modifiers and the name it is part of,
    without trailing clauses ("one African diplomat" of "one African diplomat stationed in Bamako")."""
    doc = head.doc
    start = head.i
    # Take left modifiers up to the first punctuation: the subtree may reach back into the quote.
    while start > head.left_edge.i and doc[start - 1].pos_ != "PUNCT" and not doc[start - 1].is_space:
        start -= 1
    end = head.i + 1
    ent = entity_of(head)
    if ent is not None:
        start, end = min(start, ent.start), max(end, ent.end)
    # Never begin on punctuation or a conjunction (a subtree's left edge can be ", and").
    while start < end - 1 and doc[start].pos_ in ("PUNCT", "CCONJ"):
        start += 1
    return doc[start:end]


def relative_antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun subject stands for ("who" in "Sykes, who said …" -> Sykes)."""
    if token.tag_ in ("WP", "WDT") and token.head.dep_ == "relcl" and token.head.head is not token.head:
        return token.head.head
    return None


def is_pronoun(token: Token) -> bool:
    return token.pos_ == "PRON" and token.lower_ in _PERSONAL


def reported_clause(verb: Token) -> Span | None:
    """The clause a reporting verb reports ("the talks failed" of "said the talks failed"), or None.

    Verbs of stated intention report their infinitive ("vowed to resign").
    """
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX"):
            return child.doc[child.left_edge.i:child.right_edge.i + 1]
        if child.dep_ == "xcomp" and lemma in INTENT_VERBS and child.pos_ in ("VERB", "AUX"):
            return child.doc[child.left_edge.i:child.right_edge.i + 1]
    return None
