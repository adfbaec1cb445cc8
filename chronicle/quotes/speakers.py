"""Resolving a speaker mention to the person or group it names.

Reads `Article.entities` (id, name, label, mentions) when the entities stage
has filled them; otherwise falls back to the spaCy entities of the Doc. A
pronoun ("she wrote") goes to the nearest person named before it, skipping
one whose title says the other gender ("Mr." for "she").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from chronicle.nlp.entities import entity_of
from chronicle.quotes.cues import is_pronoun, is_speech_verb, mention_span, relative_antecedent
from chronicle.records import Entity, Speaker
from chronicle.wordlists import mapping, ordered

_MALE_TITLES = ordered("quotes/male_titles")
_FEMALE_TITLES = ordered("quotes/female_titles")
# Pronoun -> the gender it asks of its antecedent ("" for any).
_PERSON_PRONOUNS = {k: "" if v == "any" else v for k, v in mapping("quotes/pronoun_gender").items()}
_GROUP_LABELS = ("ORG", "NORP", "GPE", "NOM", "PERSON")


@dataclass(frozen=True)
class Antecedent:
    start: int
    end: int
    text: str
    label: str
    entity: Entity | None
    subject: bool  # the mention is a clause subject: more salient for a later pronoun
    sentence: int  # start token of its sentence


class SpeakerResolver:
    """Turns subject heads into `Speaker` records for one article."""

    def __init__(self, text: str, entities: list[Entity], doc: Doc) -> None:
        self.text = text
        self.doc = doc
        self.entities = entities
        found: list[Antecedent] = []
        for ent in entities:
            for start, end in ent.mentions or [[ent.start, ent.end]]:
                found.append(self._antecedent(start, end, ent.label, ent))
        for span in doc.ents:
            if span.label_ in _GROUP_LABELS:
                found.append(self._antecedent(span.start_char, span.end_char, span.label_,
                                              self.entity_at(span.start_char, span.end_char)))
        # Proper-noun subjects the NER missed ("Sykes said") are people often enough to be antecedents.
        for token in doc:
            if (token.dep_ == "nsubj" and token.pos_ == "PROPN" and is_speech_verb(token.head)
                    and token.ent_type_ not in ("PERSON", "GPE", "LOC", "NORP")):
                found.append(self._antecedent(token.idx, token.idx + len(token.text), "PERSON",
                                              self.entity_at(token.idx, token.idx + len(token.text))))
        self.antecedents = sorted(found, key=lambda a: a.start)

    def _antecedent(self, start: int, end: int, label: str, entity: Entity | None) -> Antecedent:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        subject = span is not None and len(span) > 0 and span.root.dep_ in ("nsubj", "nsubjpass")
        sentence = span[0].sent.start if span is not None and len(span) > 0 else -1
        return Antecedent(start, end, self.text[start:end], label, entity, subject, sentence)

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The article entity with a mention overlapping [start, end), preferring the tightest one."""
        best: Entity | None = None
        best_len = 1 << 30
        for ent in self.entities:
            for s, e in ent.mentions or [[ent.start, ent.end]]:
                if s < end and start < e and e - s < best_len:
                    best, best_len = ent, e - s
        return best

    def _gender(self, a: Antecedent) -> str:
        before = self.text[max(0, a.start - 6):a.start].strip().lower()
        word = before.split()[-1] if before.split() else ""
        if word in _MALE_TITLES:
            return "m"
        if word in _FEMALE_TITLES:
            return "f"
        return ""

    def antecedent(self, pronoun: Token) -> Antecedent | None:
        """The nearest earlier mention a pronoun can refer to (a person for he/she, any actor for they)."""
        word = pronoun.lower_
        gender = _PERSON_PRONOUNS.get(word)
        fitting = [a for a in self.antecedents if a.end <= pronoun.idx and self._fits(a, word, gender)]
        if not fitting:
            return None
        # In the pronoun's own sentence a subject beats a nearer object ("When Goita deposed Keita, he …").
        same = [a for a in fitting if a.sentence == pronoun.sent.start and a.subject]
        return same[-1] if same else fitting[-1]

    def _fits(self, a: Antecedent, word: str, gender: str | None) -> bool:
        if gender is not None:
            return a.label == "PERSON" and (not gender or self._gender(a) in ("", gender))
        return not (word == "it" and a.label == "PERSON")

    def speaker(self, head: Token) -> Speaker:
        noun = relative_antecedent(head)
        if noun is not None:  # "who said": the mention is "who", the name is the noun's
            named = self.speaker(noun)
            return Speaker(text=head.text, start=head.idx, end=head.idx + len(head.text), name=named.name,
                           entity=named.entity)
        mention = mention_span(head)
        start, end = mention.start_char, mention.end_char
        if is_pronoun(head):
            start, end = head.idx, head.idx + len(head.text)
            a = self.antecedent(head)
            if a is None:
                return Speaker(text=head.text, start=start, end=end, name=None, entity=None)
            ent = a.entity
            name = (ent.name or ent.text) if ent is not None else a.text
            return Speaker(text=head.text, start=start, end=end, name=name, entity=ent.id if ent else None)
        ent = self.entity_at(head.idx, head.idx + len(head.text)) or self.entity_at(start, end)
        if ent is not None:
            return Speaker(text=self.text[start:end], start=start, end=end, name=ent.name or ent.text,
                           entity=ent.id)
        name_span = entity_of(head)
        name = name_span.text if name_span is not None else self.text[start:end]
        return Speaker(text=self.text[start:end], start=start, end=end, name=name, entity=None)
