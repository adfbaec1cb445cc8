"""What the encoder reads of a sentence whose subject is "it" or "they": the pronoun's antecedent.

The encoder reads each sentence alone, so "It killed nine people." after "A fire broke out at the
factory." reads as an attack: the sentence hides who acted. When "it" or "they" is the subject of
a sentence's main clause, or of the clause its main verb reports ("Officials said it killed nine
people") with no reporter that could be what it stands for, the encoder reads the sentence with the
subject of the previous sentence in the pronoun's place ("A fire killed nine people."), where that
subject is a noun phrase that agrees with the pronoun in number. The parse, the rules and the
record keep the text as written; only the encoder's input changes (chronicle.events.code).
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
SINGULAR_TAGS = frozenset({"NN", "NNP"})
GROUP_LABELS = frozenset({"ORG", "NORP"})  # "the army ... They", "the rebels ... They"
# The pronouns whose antecedent may be a thing as well as a party ("he"/"she" name people).
THING_OR_PARTY = frozenset({"it", "they"})


def _agrees(pronoun: str, head: Token) -> bool:
    if pronoun == "it":
        return head.tag_ in SINGULAR_TAGS and head.ent_type_ != "PERSON"
    return head.tag_ in PLURAL_TAGS or head.ent_type_ in GROUP_LABELS


def _pronoun_subject(sent: SpacySpan) -> Token | None:
    """The sentence's "it"/"they" subject of its main clause, or of a clause its main verb reports
    ("Officials said it killed nine people"), when nothing earlier in the sentence can be what it
    stands for (the reporter agreeing with it: "the army said it killed ...")."""
    root = sent.root
    for tok in sent:
        if tok.lower_ not in THING_OR_PARTY or tok.dep_ not in SUBJECTS:
            continue
        if tok.head.i == root.i:
            return tok
        if tok.head.dep_ == "ccomp" and tok.head.head.i == root.i:
            speaker = next((c for c in root.children if c.dep_ in SUBJECTS), None)
            if speaker is None or speaker.pos_ == "PRON" or _agrees(tok.lower_, speaker):
                return None
            return tok
        return None
    return None


def antecedent(sent: SpacySpan, previous: SpacySpan | None) -> tuple[Token, str] | None:
    """The pronoun subject of `sent` (`_pronoun_subject`) and the noun phrase of `previous` it stands for."""
    if previous is None:
        return None
    first = _pronoun_subject(sent)
    if first is None:
        return None
    pronoun = first.lower_
    subj = next((c for c in previous.root.children if c.dep_ in SUBJECTS), None)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN") or not _agrees(pronoun, subj):
        return None
    phrase = subj.doc[subj.left_edge.i: subj.i + 1].text
    if all(t.is_space for t in sent[: first.i - sent.start]):
        return first, phrase[:1].upper() + phrase[1:]
    return first, phrase[:1].lower() + phrase[1:] if subj.left_edge.pos_ == "DET" else phrase


def encoder_input(sent: SpacySpan, previous: SpacySpan | None,
                  spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence text the encoder reads (stripped) and the trigger spans moved to match."""
    text = sent.text.strip()
    found = antecedent(sent, previous)
    if found is None:
        return text, spans
    pronoun, phrase = found
    at = pronoun.idx - (sent.start_char + len(sent.text) - len(sent.text.lstrip()))
    end = at + len(pronoun.text)
    shift = len(phrase) - len(pronoun.text)
    return text[:at] + phrase + text[end:], [(s + shift, e + shift) if s >= end else (s, e) for s, e in spans]
