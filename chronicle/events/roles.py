"""Actor and recipient spans of a trigger, read off the dependency tree.

Reads a `Trigger`; returns the head tokens of its parties and turns each into
a whole noun phrase ("Mali's junta", "the US Department of Homeland
Security"), split at coordination ("Mali and its neighbors Burkina Faso and
Niger" -> three heads). Only spans are chosen here; names, countries and
sectors are filled later by chronicle.actors.
"""

from __future__ import annotations

from spacy.tokens import Token

from chronicle.events.parties import is_actor
from chronicle.events.triggers import Trigger, is_passive

RELATIVE = frozenset({"which", "who", "that", "whom", "whose"})
# Prepositions that introduce the recipient, by event type ("talks with X", "attack on X").
RECIPIENT_PREPS: dict[str, frozenset[str]] = {
    "AGREE": frozenset({"with", "to"}),
    "CONSULT": frozenset({"with", "to"}),
    "SUPPORT": frozenset({"to", "for", "with"}),
    "CONCEDE": frozenset({"to"}),
    "COOPERATE": frozenset({"with"}),
    "AID": frozenset({"to", "for"}),
    "RETREAT": frozenset({"from"}),
    "REQUEST": frozenset({"on", "upon", "to", "from"}),
    "ACCUSE": frozenset({"against", "on", "into"}),
    "REJECT": frozenset({"from"}),
    "THREATEN": frozenset({"against", "with"}),
    "PROTEST": frozenset({"against", "outside"}),
    "SANCTION": frozenset({"on", "against", "to", "with", "from"}),
    "MOBILIZE": frozenset({"against"}),
    "COERCE": frozenset({"on", "against", "among"}),
    "ASSAULT": frozenset({"on", "against", "at"}),
}
# After a nominal trigger "of" names the patient: "arrest of X", "killing of X".
NOMINAL_PATIENT_PREPS = frozenset({"of"})
CHARGE_VERBS = frozenset({"accuse", "charge", "convict", "suspect", "acquit", "clear", "rob", "deprive",
                          "warn", "inform", "notify", "remind", "strip"})
# Dependents that do not belong to the party's noun phrase.
CUT = frozenset({"relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "prep", "parataxis", "dep", "mark"})
WHOLE = frozenset({"det", "poss", "amod", "compound", "nummod", "nmod", "quantmod", "case", "predet",
                   "advmod", "npadvmod", "neg"})


def _extent(head: Token, keep_of: bool = True) -> tuple[int, int]:
    """Token range [lo, hi] of the noun phrase headed by `head`, without clauses and coordination."""
    lo = hi = head.i
    for c in head.children:
        if c.dep_ in WHOLE or (keep_of and c.dep_ == "prep" and c.lower_ == "of" and c.i > head.i
                               and any(g.dep_ == "pobj" for g in c.children)):
            clo, chi = (c.left_edge.i, c.right_edge.i) if c.dep_ != "prep" else _prep_extent(c)
            if c.i < head.i:
                lo = min(lo, clo)
            else:
                hi = max(hi, chi)
    doc = head.doc
    while lo < hi and doc[lo].is_punct:
        lo += 1
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    return lo, hi


def _prep_extent(prep: Token) -> tuple[int, int]:
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return prep.i, prep.i
    return prep.i, _extent(pobj)[1]


def split_heads(head: Token) -> list[Token]:
    """A coordinated party as its conjuncts; a common noun with a named apposition as the names."""
    heads: list[Token] = []
    todo = [head]
    while todo:
        tok = todo.pop(0)
        names = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        # "its neighbors Burkina Faso and Niger" -> the names; but "two American citizens, A and B"
        # already says who (count, nationality): keep the noun phrase.
        specific = any(c.dep_ == "nummod" or (c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE"))
                       for c in tok.children)
        if tok.pos_ == "NOUN" and names and not specific:
            todo = names + todo
            continue
        heads.append(tok)
        todo.extend(c for c in tok.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"))
    return heads


def phrase(head: Token) -> tuple[int, int]:
    """Character offsets of the party headed by `head`."""
    # "accused X of Y", "convicted X of Y": the of-phrase is the charge, not part of the party.
    keep_of = not (head.dep_ == "dobj" and head.head.lemma_.lower() in CHARGE_VERBS)
    lo, hi = _extent(head, keep_of)
    doc = head.doc
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def _resolve_relative(tok: Token) -> Token:
    """"which"/"who" stands for the noun its clause modifies."""
    if tok.lower_ in RELATIVE and tok.head.dep_ in ("relcl", "acl") :
        return tok.head.head
    return tok


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def subject(verb: Token, depth: int = 0) -> Token | None:
    """The doer of a clause verb: its subject, the "by" agent of a passive, or a controller upstairs."""
    for c in verb.children:
        if c.dep_ == "agent":
            return _pobj(c)
    if not is_passive(verb):
        for c in verb.children:
            if c.dep_ in ("nsubj", "csubj"):
                return _resolve_relative(c)
    if verb.dep_ == "relcl" and not is_passive(verb):
        return verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return verb.head
    if depth < 3 and verb.dep_ in ("xcomp", "conj", "advcl", "ccomp") and verb.head.pos_ in ("VERB", "AUX"):
        up = verb.head
        if verb.dep_ == "xcomp":
            obj = next((c for c in up.children if c.dep_ == "dobj"), None)
            if obj is not None:
                # object control: "urged Iran to release" -> Iran releases; but in "foiled a plot
                # to kill" the object is no actor and the doer is not named
                return obj if is_actor(obj) else None
        # "X shelled the town, killing 12": a participle adjunct shares its clause's subject.
        purpose = verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)
        if verb.dep_ in ("xcomp", "conj") or (verb.dep_ == "advcl" and verb.tag_ == "VBG") or purpose:
            return subject(up, depth + 1)
    return None


def _those_among(tok: Token) -> Token:
    """"X were among those detained": the detained are X."""
    if tok.lower_ in ("those", "people", "ones") and tok.dep_ == "pobj" and tok.head.lower_ == "among":
        cop = tok.head.head
        subj = next((c for c in cop.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return subj
    return tok


def verb_parties(trig: Trigger) -> tuple[Token | None, Token | None]:
    verb = trig.token
    actor = subject(verb)
    recipient: Token | None = None
    if is_passive(verb):
        recipient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if recipient is None and verb.dep_ == "acl":
            recipient = _those_among(verb.head)
        if recipient is not None:
            recipient = _resolve_relative(recipient)
    if recipient is None:
        recipient = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.pos_ != "ADP"), None)
    if recipient is not None and trig.pattern_object is not None and recipient.i == trig.pattern_object.i:
        recipient = None  # "broke ties with France": the ties are part of the trigger
    preps = RECIPIENT_PREPS.get(trig.code.type, frozenset())
    if recipient is None:
        holders = [verb] + ([trig.pattern_object] if trig.pattern_object is not None else [])
        for c in (c for h in holders for c in h.children):
            if c.dep_ in ("prep", "dative") and c.lower_ in preps:
                pobj = _pobj(c)
                if pobj is not None:
                    recipient = pobj
                    break
    return actor, recipient


def noun_parties(trig: Trigger) -> tuple[Token | None, Token | None]:
    noun, clause = trig.token, trig.clause
    actor: Token | None = None
    recipient: Token | None = None
    for c in noun.children:
        if c.dep_ == "poss" and c.lower_ not in ("its", "their", "his", "her"):
            actor = c
        elif c.dep_ == "prep" and c.lower_ == "by":
            actor = _pobj(c)
        elif c.dep_ in ("compound", "amod") and c.ent_type_ in ("GPE", "NORP", "ORG") and c.i < noun.i:
            actor = actor or c
    preps = RECIPIENT_PREPS.get(trig.code.type, frozenset()) | NOMINAL_PATIENT_PREPS
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            recipient = _pobj(c)
            if recipient is not None:
                break
    if clause is not noun and clause.pos_ in ("VERB", "AUX"):
        if actor is None and noun.dep_ in ("dobj", "nsubjpass", "attr"):
            actor = subject(clause)
        if recipient is None:
            for c in clause.children:
                if c.dep_ == "prep" and c.lower_ in preps and c.lower_ != "of":
                    recipient = _pobj(c)
                    if recipient is not None:
                        break
    return actor, recipient


def parties(trig: Trigger) -> tuple[list[Token], list[Token]]:
    """Head tokens of the actors and the recipients of a trigger (use `phrase` for their spans)."""
    actor, recipient = noun_parties(trig) if trig.nominal else verb_parties(trig)
    actors = split_heads(actor) if actor is not None else []
    recipients = split_heads(recipient) if recipient is not None else []
    if actor is not None and recipient is not None and actor.i == recipient.i:
        recipients = []
    return actors, recipients
