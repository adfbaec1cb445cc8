"""The fallback trigger: a sentence's main verb, for a sentence whose event verb is outside the lexicon.

Reads one parsed sentence (the coder runs before entities are resolved). Where the rule
coder found nothing in the sentence, it proposes the main verb (the root, or
the complement of a verb of saying: "X said it would expel Y" -> "expel", or of a verb that only
says the act began: "X began pumping gas to Y" -> "pumping") as
the trigger of an event the encoder may then type (chronicle.events.learned).
Proposed only where structure makes an event possible:

- the main verb is a content verb (no verb of saying, no copula or
  auxiliary-like verb, no verb the lexicon blocks);
- its subject or passive agent is a party in the dictionaries' sense (a named
  person, group or place, or a noun with a role: "the junta", "riot police");
  pronouns do not qualify. Until issue 14 the subject had to be an entity the
  actor stage had coded; the coder now runs before the actor stage, and the
  measured difference is in docs/EVENTS.md ("Stage order").
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from chronicle.events import learned
from chronicle.events.lexicon import Lexicon
from chronicle.events.parties import is_party
from chronicle.events.roles import subject
from chronicle.wordlists import words

NON_EVENT_VERBS = words("events/non_event_verbs")
REPORTING = words("events/reporting") | words("events/source_verbs")
ONSET_VERBS = words("events/onset_verbs")
SOURCE = "learned:events.learned.v3"


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
    if tok.lemma_.lower() in ONSET_VERBS:
        # "began pumping gas to Slovakia", "started to export": the act is the complement
        tok = next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), tok)
    if tok.pos_ != "VERB" or tok.lemma_.lower() in NON_EVENT_VERBS:
        return None
    return tok


def political_actor(head: Token) -> bool:
    """Whether the subject can act in a political event: a party in the dictionaries' sense (a named
    person, group or place, or a noun with a role), not a pronoun. The encoder then decides whether
    the sentence reports an event at all."""
    return head.pos_ != "PRON" and is_party(head)


def fallback_verb(sent: SpacySpan, lex: Lexicon) -> Token | None:
    """The main verb as a candidate trigger, or None when structure rules an event out."""
    verb = main_verb(sent)
    if verb is None or (learned.FALLBACK_SKIPS_BLOCKED and verb.lemma_.lower() in lex.blocked):
        return None
    actor = subject(verb)
    if actor is None or not political_actor(actor):
        return None
    return verb
