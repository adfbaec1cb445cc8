"""Who a party is, as far as the event coder needs to know: an actor at all, and its sectors.

Reads a party's head token (from chronicle.events.roles); answers whether it
names a political actor (a named person, group, place or nationality, a role
noun of the actor dictionaries such as "junta" or "riot police", a group of
people, or a personal pronoun) and which PLOVER sectors its words carry.
The coder uses this to license weak triggers ("their cases wound through
court" has no actor: no event) and to choose contexts. Names, countries and
sectors on the record are still chronicle.actors' job.
"""

from __future__ import annotations

from spacy.tokens import Token

from chronicle.dictionaries.roles import Cues, read_roles
from chronicle.wordlists import words

ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
PERSONAL = words("events/personal_pronouns")
# Heads that only count or group: the party is the "of" phrase ("tens of thousands of workers").
QUANTIFIERS = words("events/quantifiers")
# Things that act in news reports: weapons strike, summits fail, resolutions demand (general vocabulary).
INSTRUMENTS = words("events/instruments")
# People and groups that the role dictionary leaves out because they carry no sector: they can
# still act or be acted upon in an event (general news vocabulary).
PEOPLE = words("events/people")


def _words(head: Token) -> tuple[list[str], list[str]]:
    toks = [t for t in head.subtree if t.i <= head.i and t.i >= head.left_edge.i] or [head]
    return [t.text for t in toks], [t.lemma_ for t in toks]


def _role_cues(head: Token) -> tuple[Cues, int]:
    """The actor dictionaries' reading of the party's words, and the index of its head word."""
    words, lemmas = _words(head)
    return read_roles(words, lemmas), len(words) - 1


def _people(head: Token, also: frozenset[str]) -> bool:
    """A people or group noun ("villagers", "the crowd"), or one of `also`."""
    lemma = head.lemma_.lower()
    return lemma in PEOPLE or head.lower_ in PEOPLE or lemma in also


def _counted(head: Token) -> Token | None:
    """What a count or quantifier counts: "thousands OF protesters", "some OF the rebels"."""
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def is_actor(head: Token) -> bool:
    """Whether the party headed by `head` can be a doer or target of a political event."""
    if head.lower_ in QUANTIFIERS or head.like_num:
        pobj = _counted(head)
        if pobj is not None:
            return is_actor(pobj)
    if head.pos_ == "PRON":
        return head.lower_ in PERSONAL
    if head.ent_type_ in ACTOR_ENTS or head.pos_ == "PROPN" or (head.is_upper and len(head.text) > 1):
        return True
    if _people(head, INSTRUMENTS):
        return True
    cues, _ = _role_cues(head)
    return bool(cues.matches or cues.countries)


# People who can be on the receiving end of an event but whose acts are rarely political events
# ("experts warned", "visitors attended"): parties for recipient choice, not for licensing a trigger.
BYSTANDERS = words("events/bystanders")
# Entity labels that never name a party ("Friday", "$50,000", "the Europe Bridge", "Resolution 1701").
NON_PARTY_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "FAC", "EVENT", "LAW",
                            "WORK_OF_ART", "PRODUCT", "LANGUAGE"})
PARTY_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC"})
# Posts and units that stand for the actor who holds them, when a modifier names it.
OUTPOSTS = words("events/outposts")


def is_party(head: Token) -> bool:
    """Whether `head` names who acts or is acted upon, strictly: a named person, group, place or
    nationality, a role noun of the actor dictionaries ("the junta", "riot police"), a people or group
    noun, a personal pronoun, or a bare count of people ("killed 12"). Things that merely act in a
    report (a missile, a resolution) and objects of an act ("concessions", "demands", "Friday") are
    not parties: they never become a recipient."""
    if head.lower_ in QUANTIFIERS or head.like_num:
        pobj = _counted(head)
        if pobj is not None:
            return is_party(pobj)
        # "killed 12", "detained three": a bare number stands for people; "some" or "all" says nothing
        return head.like_num and head.pos_ == "NUM" and head.ent_type_ not in ("MONEY", "DATE", "TIME", "PERCENT")
    if head.pos_ == "PRON":
        return head.lower_ in PERSONAL
    if head.ent_type_ in PARTY_ENTS:
        return True
    if head.ent_type_ in NON_PARTY_ENTS:
        return False
    if head.pos_ == "PROPN" or _people(head, BYSTANDERS):
        return True
    cues, last = _role_cues(head)
    if cues.covers(last) is not None:
        return True
    # "a military convoy", "the U.S. embassy", "rebel positions": a post or unit of a named actor
    return head.lemma_.lower() in OUTPOSTS and bool(cues.matches or cues.countries or any(
        c.dep_ == "poss" or c.ent_type_ in PARTY_ENTS for c in head.children))


def sectors(head: Token) -> list[str]:
    """PLOVER sector codes the party's words carry ("riot police" -> COP), head role first."""
    cues, last = _role_cues(head)
    return cues.sectors_by_head(last)
