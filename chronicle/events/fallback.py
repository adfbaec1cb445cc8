"""The fallback trigger: a sentence's main verb, for a sentence whose event verb is outside the lexicon.

Reads one parsed sentence and the article's resolved entities. Where the rule
coder found nothing in the sentence, it proposes the main verb (the root, or
the complement of a verb of saying: "X said it would expel Y" -> "expel") as
the trigger of an event the encoder may then type (chronicle.events.learned).
Proposed only where structure makes an event possible:

- the main verb is a content verb (no verb of saying, no copula or
  auxiliary-like verb, no verb the lexicon blocks);
- its subject or passive agent is a political actor: an entity the actor
  stage gave a country or a sector, or a role noun with a sector
  ("the junta", "riot police"); pronouns do not qualify.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from chronicle.events.lexicon import Lexicon
from chronicle.events.parties import is_party, sectors
from chronicle.events.roles import subject
from chronicle.records import Entity
from chronicle.wordlists import words

NON_EVENT_VERBS = words("events/non_event_verbs")
REPORTING = words("events/reporting") | words("events/source_verbs")
SOURCE = "learned:events.learned.v1"


def main_verb(sent: SpacySpan) -> Token | None:
    """The sentence's event verb: its root, or the complement of a verb of saying, if it is a content verb."""
    tok = sent.root
    for _ in range(2):
        if tok.lemma_.lower() not in REPORTING:
            break
        comp = next((c for c in tok.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
        if comp is None:
            return None
        tok = comp
    if tok.pos_ != "VERB" or tok.lemma_.lower() in NON_EVENT_VERBS:
        return None
    return tok


def _entity_codes(entities: list[Entity]) -> list[tuple[int, int]]:
    """Character ranges of entity mentions that carry a country or a sector."""
    return [(s, e) for ent in entities if ent.country or ent.sector for s, e in ent.mentions]


def political_actor(head: Token, coded: list[tuple[int, int]]) -> bool:
    """Whether a party is a political actor: a coded entity holds its head, or its words carry a sector."""
    if head.pos_ == "PRON" or not is_party(head):
        return False
    start = head.idx
    if any(s <= start < e for s, e in coded):
        return True
    return head.pos_ == "NOUN" and bool(sectors(head))


def fallback_verb(sent: SpacySpan, lex: Lexicon, entities: list[Entity]) -> Token | None:
    """The main verb as a candidate trigger, or None when structure rules an event out."""
    verb = main_verb(sent)
    if verb is None or verb.lemma_.lower() in lex.blocked:
        return None
    actor = subject(verb)
    if actor is None or not political_actor(actor, _entity_codes(entities)):
        return None
    return verb
