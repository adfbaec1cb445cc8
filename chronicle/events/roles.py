"""Actor and recipient spans of a trigger, read off the dependency tree.

Reads a `Trigger`; returns the head tokens of its parties and turns each into
a whole noun phrase ("Mali's junta", "the US Department of Homeland
Security"), split at coordination ("Mali and its neighbors Burkina Faso and
Niger" -> three heads). Only spans are chosen here; names, countries and
sectors are filled later by chronicle.actors.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Token

from chronicle.events.parties import INSTRUMENTS, is_actor, is_party
from chronicle.events.triggers import SUPPORT_VERBS, Trigger, is_passive
from chronicle.nlp.entities import entity_of
from chronicle.wordlists import mapping, words

RELATIVE = words("events/relative_pronouns")
# Prepositions that introduce the recipient, by event type ("talks with X", "attack on X").
RECIPIENT_PREPS: dict[str, frozenset[str]] = {
    etype: frozenset(preps.split()) for etype, preps in mapping("events/recipient_preps").items()}
# After a nominal trigger "of" names the patient: "arrest of X", "killing of X".
NOMINAL_PATIENT_PREPS = frozenset({"of"})
CHARGE_VERBS = words("events/charge_verbs")
# What is said rather than done: as the object of an accusation the target is inside ("investigating
# claims that X used ...").
CLAIM_NOUNS = words("events/claim_nouns")
# Plans, attempts and demands: what they name is an act, never the target of one ("halted attempts to ...").
PLAN_NOUNS = words("events/plan_nouns")
# ... of which these name an act someone else is to do ("a call to release"): their owner is not its doer.
DIRECTIVE_NOUNS = words("events/directive_nouns")
UNDERGOING = words("events/undergoing_verbs")
PRODUCING = words("events/producing_verbs")
# Dependents that do not belong to the party's noun phrase.
NAMED_MODIFIER_ENTS = frozenset({"GPE", "NORP", "ORG"})
# Prepositions inside an object that name the party it belongs to or is aimed at: "demands FROM the
# rebels", "calls BY its rulers", "sanctions AGAINST Iran", "aid TO Sudan", "ties WITH Cuba".
INNER_PREPS = words("events/inner_preps")
# Where nothing else names the recipient, the complement of a controlled verb may: "offered to
# negotiate WITH X", "agreed to send troops TO X", "threatened to impose curbs ON X".
COMPLEMENT_PREPS = words("events/complement_preps")
CUT = frozenset({"relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "prep", "parataxis", "dep", "mark"})
WHOLE = frozenset({"det", "poss", "amod", "compound", "nummod", "nmod", "quantmod", "case", "predet",
                   "advmod", "npadvmod", "neg"})


def _extent(head: Token, keep_of: bool = True) -> tuple[int, int]:
    """Token range [lo, hi] of the noun phrase headed by `head`, without clauses and coordination."""
    lo = hi = head.i
    for c in head.children:
        if c.dep_ == "case" and head.dep_ == "poss":
            continue  # a possessor party is "Uganda", not "Uganda's"
        if c.dep_ in WHOLE or (keep_of and c.dep_ == "prep" and c.lower_ == "of" and c.i > head.i
                               and any(g.dep_ == "pobj" for g in c.children)):
            clo, chi = (c.left_edge.i, c.right_edge.i) if c.dep_ != "prep" else _prep_extent(c)
            if c.i < head.i:
                lo = min(lo, clo)
            else:
                hi = max(hi, chi)
    split = _split_modifier(head)
    if split is not None:
        lo = max(lo, _conjuncts(split)[-1].left_edge.i)  # the first names are parties of their own
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


def _named(tok: Token) -> bool:
    return tok.ent_type_ in NAMED_MODIFIER_ENTS or tok.pos_ == "PROPN"


def _conjuncts(tok: Token) -> list[Token]:
    """`tok` and the words coordinated with it, in text order ("U.S., British and French")."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


def _split_modifier(head: Token) -> Token | None:
    """A coordinated named modifier of a noun party: "U.S." in "U.S. and Russian negotiators",
    "Turkish" in "the Turkish and Greek sides" (two parties, not one)."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    for c in head.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.i < head.i and _named(c) and any(
                g.dep_ == "conj" and _named(g) and g.ent_iob_ != "I" for g in c.children):
            # ("the Trinidad and Tobago government" is one name: the conjunct continues its entity)
            return c
    return None


def split_heads(head: Token) -> list[Token]:
    """A coordinated party as its conjuncts; a common noun with a named apposition as the names;
    coordinated nationality modifiers as parties ("U.S. and Russian negotiators" -> "U.S.",
    "Russian negotiators")."""
    heads: list[Token] = []
    todo = [head]
    while todo:
        tok = todo.pop(0)
        split = _split_modifier(tok)
        if split is not None:
            heads.extend(_conjuncts(split)[:-1])  # the last one stays on the noun: "Russian negotiators"
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
    """The doer of a clause verb: its subject, the "by" agent of a passive, or a controller upstairs. A
    clause is no doer ("What they have done is…"), nor is the "by" of an active verb that has its subject
    ("Castro communicated by telephone": the parser's "agent" there is a means)."""
    active_subject = any(c.dep_ == "nsubj" for c in verb.children)
    for c in verb.children:
        if c.dep_ == "agent" and not (active_subject and not is_passive(verb)):
            return _pobj(c)
    if is_passive(verb):
        # "were arrested and charged by police": the agent closing the coordination acts in both
        for conj in (c for c in verb.children if c.dep_ == "conj" and c.tag_ == "VBN"):
            agent = next((g for g in conj.children if g.dep_ == "agent"), None)
            if agent is not None:
                return _pobj(agent)
    if not is_passive(verb):
        for c in verb.children:
            if c.dep_ == "nsubj":
                return _resolve_relative(c)
            if c.dep_ == "csubj":
                return None
    if verb.dep_ == "relcl" and not is_passive(verb):
        return verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return verb.head
    up = verb.head
    if verb.dep_ == "acl" and _is_plan(up):
        # "the rebels' plot to bomb", "an attempt BY militants to storm": the plan's owner does it
        return _plan_owner(up)
    if verb.dep_ in ("advcl", "xcomp") and up.pos_ in ("VERB", "AUX"):
        # "foiled a plot to bomb the embassy", the infinitive parsed as the verb's purpose: it is the
        # plot's, and whoever foiled it did not bomb
        plan = next((c for c in up.children if c.dep_ == "dobj" and c.i < verb.i and _is_plan(c)), None)
        if plan is not None and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
            return _plan_owner(plan)
    if verb.dep_ == "pcomp" and up.dep_ == "prep" and up.head.pos_ == "VERB":
        # "accused India OF violating the truce", "praised Chile FOR releasing them": the verb's
        # object did it (object control through a preposition)
        obj = next((c for c in up.head.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.i < up.i:
            return obj if is_actor(obj) else None
        if depth < 3 and verb.tag_ == "VBG":
            # with no object before it, the clause's own doer did it: "retaliated BY firing", "admitted
            # TO killing"; a passive clause's subject ("was accused OF beating", "were dispersed AFTER
            # blocking the road")
            undergoes = is_passive(up.head) or _reduced_passive(up.head)  # "appeared in court CHARGED with"
            return _passive_subject(up.head) if undergoes else subject(up.head, depth + 1)
    if depth < 3 and verb.dep_ == "xcomp" and up.pos_ == "ADJ" and up.dep_ in ("acomp", "oprd") \
            and up.head.pos_ in ("VERB", "AUX"):
        # "France is ready to send troops", "they are willing to talk": the copula's subject acts
        return subject(up.head, depth + 1)
    if verb.dep_ == "xcomp" and verb.tag_ != "VBN" and up.pos_ in ("VERB", "AUX") and is_passive(up):
        # "X was ordered to leave", "X is expected to agree", "X was forced to resign": the passive
        # subject is the one controlled, whoever the agent is
        return _passive_subject(up)
    if depth < 3 and verb.dep_ in ("xcomp", "conj", "advcl", "ccomp") and up.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "xcomp":
            obj = next((c for c in up.children if c.dep_ == "dobj"), None)
            if obj is not None:
                # object control: "urged Iran to release" -> Iran releases; an object that is no
                # actor names no doer (a plan object was read above: `_plan_owner`)
                return obj if is_actor(obj) else None
        if verb.dep_ == "conj" and is_passive(up) and verb.tag_ != "VBN":
            # "X has been indicted by the court and will resign": X resigns, not the court
            return next((c for c in up.children if c.dep_ == "nsubjpass"), None)
        # "X shelled the town, killing 12": a participle adjunct shares its clause's subject.
        purpose = verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)
        if verb.dep_ in ("xcomp", "conj") or (verb.dep_ == "advcl" and verb.tag_ == "VBG") or purpose:
            return subject(up, depth + 1)
    return None


def _reduced_passive(verb: Token) -> bool:
    """A past participle with no subject of its own, on a noun ("three men SUSPECTED of plotting") or on a
    clause ("Tarrant appeared in court, CHARGED with murder", "IF CONVICTED, Rittenhouse could …")."""
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl") and not any(
        c.dep_.startswith("nsubj") for c in verb.children)


def _passive_subject(verb: Token) -> Token | None:
    """Who undergoes a passive verb: its subject; for a reduced passive the noun it is on, or its clause's
    subject."""
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subj is None and verb.dep_ == "acl" and verb.tag_ == "VBN":
        # a participle on a noun: "three men SUSPECTED of plotting", "those accused of killing"
        return _those_among(verb.head)
    if subj is None and _reduced_passive(verb):
        # a participle adjunct: what it says is done to the main clause's subject
        subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return _resolve_relative(subj) if subj is not None else None


def _listed(tok: Token, listed: frozenset[str]) -> bool:
    """Whether a word list holds the token's lemma or the word itself ("plan" and "plans")."""
    return tok.lemma_.lower() in listed or tok.lower_ in listed


def _is_plan(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and _listed(tok, PLAN_NOUNS)


def _plan_owner(plan: Token) -> Token | None:
    """Who would carry out a plan, plot or attempt: its possessor ("the rebels' plot", "their bid"), its
    "by" object ("an attempt BY militants"), or the subject of the support verb that has it ("Iran MADE
    attempts to seize", "Russia ANNOUNCED plans to deploy"); None when unnamed ("police foiled a plot
    to bomb"), or when the noun asks someone else to act ("the UN's call to release": `DIRECTIVE_NOUNS`)."""
    if _listed(plan, DIRECTIVE_NOUNS):
        return None
    for c in plan.children:
        if c.dep_ == "poss":
            return _resolve_relative(c)
        if c.dep_ == "prep" and c.lower_ == "by" and c.i > plan.i:
            return _pobj(c)
    if plan.dep_ == "dobj" and plan.head.lemma_.lower() in SUPPORT_VERBS and not is_passive(plan.head):
        return subject(plan.head)
    return None


def _those_among(tok: Token) -> Token:
    """"X were among those detained": the detained are X."""
    if tok.lower_ in ("those", "people", "ones") and tok.dep_ == "pobj" and tok.head.lower_ == "among":
        cop = tok.head.head
        subj = next((c for c in cop.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return subj
    return tok


def party_within(tok: Token, depth: int = 0) -> Token | None:
    """The party a phrase names: the phrase itself when it is a party (`is_party`), else one named
    inside it: a possessor ("Serbia's crackdown"), a prepositional object ("demands from the rebels",
    "calls by its rulers", "air links with Serbia"), the agent of a participle ("a plane owned by the
    firm") or a named modifier ("a Security Council resolution", "German goods"). None when the
    phrase names no party ("concessions", "the feasibility of the plan")."""
    if is_party(tok):
        return tok
    if depth >= 2 or tok.pos_ not in ("NOUN", "PROPN", "NUM", "PRON"):
        return None
    for c in tok.children:
        if c.dep_ == "poss" and c.pos_ != "PRON" and is_party(c):
            return c
    for c in tok.children:
        if c.i < tok.i:
            continue
        if c.dep_ == "prep" and c.lower_ in INNER_PREPS:
            pobj = _pobj(c)
            found = party_within(pobj, depth + 1) if pobj is not None else None
            if found is not None:
                return found
        elif (agent := _participle_agent(c)) is not None:
            return agent
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i and c.ent_type_ in NAMED_MODIFIER_ENTS:
            return c
    return None


def _participle_agent(tok: Token) -> Token | None:
    """The party named as the "by" agent of a participle modifier: "a plane owned BY the firm"."""
    if tok.dep_ != "acl" or tok.tag_ != "VBN":
        return None
    agent = next((g for g in tok.children if g.dep_ == "agent"), None)
    pobj = _pobj(agent) if agent is not None else None
    return pobj if pobj is not None and is_party(pobj) else None


def _named_owner(tok: Token) -> Token | None:
    """A named possessor or modifier of a thing that acts: "Israel's jets", "a Security Council resolution"."""
    for c in tok.children:
        if c.i < tok.i and ((c.dep_ == "poss" and c.pos_ != "PRON" and is_party(c)) or (
                c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in NAMED_MODIFIER_ENTS)):
            return c
    return None


def _author(tok: Token) -> Token | None:
    """Who made a thing that acts: "a speech BY Michelle Obama", "a resolution PASSED BY the parliament"."""
    for c in tok.children:
        if c.i < tok.i:
            continue
        if c.dep_ == "prep" and c.lower_ == "by":
            pobj = _pobj(c)
            if pobj is not None and is_party(pobj):
                return pobj
        elif (agent := _participle_agent(c)) is not None:
            return agent
    return None


def _producer(tok: Token) -> Token | None:
    """Who put out a thing that acts: "the committee RELEASED a report criticizing X", "the army FIRED a
    missile that hit Y" (the object of a verb of `PRODUCING` whose subject is a party)."""
    if tok.dep_ != "dobj" or tok.head.lemma_.lower() not in PRODUCING or is_passive(tok.head):
        return None
    if not _listed(tok, INSTRUMENTS):
        return None
    doer = subject(tok.head)
    return doer if doer is not None and is_party(doer) else None


def _first_party(candidates: list[Token], parties: list[Token] | None = None) -> Token | None:
    """The first candidate that is a party itself, else one of `parties` (known parties of lower
    rank), else the first party named inside a candidate."""
    for c in candidates:
        if is_party(c):
            return c
    if parties:
        return parties[0]
    for c in candidates:
        found = party_within(c)
        if found is not None:
            return found
    return None


def _prep_objects(holders: list[Token], preps: frozenset[str]) -> list[Token]:
    out = []
    for h in holders:
        for c in h.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in preps:
                pobj = _pobj(c)
                if pobj is not None:
                    out.append(pobj)
    return out


def _complements(verb: Token) -> list[Token]:
    """Recipient candidates in a controlled complement, prepositional objects first: "offered to
    negotiate with X", "agreed to send troops to X" (the troops are what is sent)."""
    out: list[Token] = []
    for comp in (c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"):
        out += [c for c in comp.children if c.dep_ == "dative" and c.pos_ != "ADP"]
        out += _prep_objects([comp] + [c for c in comp.children if c.dep_ == "dobj"], COMPLEMENT_PREPS)
        out += [c for c in comp.children if c.dep_ == "dobj"]
        out += _complements(comp) if comp.i != verb.i else []
    return out


# Events that move something to someone: the object is what moves, the "to"/"for" object receives.
TRANSFER_TYPES = frozenset({"AID", "MOBILIZE"})
# Events whose object owned by the actor ("its troops") is the actor's own, moved or pulled back.
OWN_MOVED = TRANSFER_TYPES | {"RETREAT"}
# Events whose object is only ever what is moved ("deployed troops", "mobilized reservists"), owned or not:
# never the recipient, which is where or against whom they go.
MOVED_ONLY = frozenset({"MOBILIZE"})
# Restrictions imposed or lifted on a place's population: "a curfew in X" targets X.
PLACE_TARGETED = frozenset({"COERCE", "CONCEDE", "RETREAT", "SANCTION"})
# Events whose object is sent, pulled back or recalled somewhere: the recipient may sit inside it.
MOVED_TO = OWN_MOVED | {"SANCTION"}
OWN_POSSESSIVES = words("english/possessive_determiners")
# Possessive pronouns that do not make the possessor the actor of a nominal trigger ("its suspension").
PRONOUN_POSSESSORS = words("events/pronoun_possessors")
PATIENT_NOUNS = words("events/patient_nouns")


def _nested_prep_objects(holders: list[Token], preps: frozenset[str]) -> list[Token]:
    """Prepositional objects anywhere inside the holders' phrases ("a brigade of doctors to Belize")."""
    inner = [t for h in holders for t in h.subtree if t.i != h.i and t.pos_ in ("NOUN", "PROPN", "VERB")]
    return _prep_objects(inner + holders, preps)


def _owned(obj: Token) -> bool:
    return any(c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES for c in obj.children)


def verb_parties(trig: Trigger) -> tuple[Token | None, Token | None, Token | None]:
    """Actor, recipient and patient (the verb's raw object, party or not) of a verbal trigger."""
    verb = trig.token
    actor = subject(verb)
    undergone = _undergone(verb)
    if undergone is not None:
        # "X faces charges", "X drew criticism FROM Y": the subject undergoes the act, the "from" or
        # "by" object does it
        source = next(iter(_prep_objects([undergone, verb], frozenset({"from", "by"}))), None)
        return source, actor, actor
    passive_subject: Token | None = None
    if is_passive(verb):
        passive_subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if passive_subject is None and verb.dep_ == "acl":
            passive_subject = _those_among(verb.head)
        if passive_subject is None and verb.dep_ == "conj":
            # "a supporter was shot and killed": the coordinated participle shares the subject
            passive_subject = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
        if passive_subject is not None:
            passive_subject = _resolve_relative(passive_subject)
    elif verb.dep_ == "xcomp" and verb.tag_ == "VBN" and is_passive(verb.head):
        # "sixteen people were reported killed": the raised subject is the one killed
        passive_subject = _passive_subject(verb.head)
    elif verb.dep_ == "advcl" and _reduced_passive(verb):
        # a reduced passive clause: "IF CONVICTED, Rittenhouse could ...", "Tarrant appeared in court,
        # CHARGED with murder": what it says is done to the main clause's subject
        passive_subject = _passive_subject(verb)
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.pos_ != "ADP"]
    if not objects:
        # a shifted heavy object: "denounced as a crime Serbia's crackdown" (parsed as an apposition)
        objects = [a for p in verb.children if p.dep_ == "prep" and p.lower_ == "as"
                   for o in p.children if o.dep_ == "pobj" for a in o.children if a.dep_ == "appos"]
    patient = passive_subject or (objects[0] if objects else None)
    if trig.pattern_object is not None:
        # "broke ties with France": the ties are part of the trigger, not its recipient
        objects = [o for o in objects if o.i != trig.pattern_object.i]
    holders = [verb] + ([trig.pattern_object] if trig.pattern_object is not None else [])
    by_prep = _prep_objects(holders, RECIPIENT_PREPS.get(trig.code.type, frozenset()))
    direct = [passive_subject] if passive_subject is not None else []
    # The actor's own people or things ("withdrew ITS troops from Chad", "sent THEIR experts to X")
    # and, for transfers, what is moved ("sent troops to X") rank after a prepositional recipient.
    own = [o for o in objects if o.dep_ != "dative" and (trig.code.type in TRANSFER_TYPES or _owned(o))]
    if trig.code.type in OWN_MOVED:
        # "strengthened ITS forces", "pulled ITS troops back": the actor's own forces are moved,
        # never the recipient
        own = [o for o in own if not _owned(o)]
    # What is moved or recalled, or a place it goes to, may name the recipient inside it: "sent a
    # brigade of doctors TO Belize", "recalled its ambassador TO Israel", "deployed troops to its
    # border WITH China"
    carriers = own + [b for b in by_prep if not is_party(b)] if trig.code.type in MOVED_TO else [
        o for o in own if _owned(o)]
    if trig.code.type == "CONSULT":
        # "arrived in Nairobi for talks WITH Kenya's president", "for his first visit TO Egypt"
        carriers += _prep_objects([verb], frozenset({"for"}))
    nested = [o for o in _nested_prep_objects(carriers, RECIPIENT_PREPS.get(trig.code.type, frozenset())
                                              | {"with"}) if o not in by_prep]
    candidates = direct + [o for o in objects if o not in own and not (
        trig.code.type in OWN_MOVED and _owned(o))] + by_prep + nested + (
        [] if trig.code.type in MOVED_ONLY else own)
    if trig.pattern_object is not None and trig.code.type not in MOVED_ONLY and not (
            trig.code.type in TRANSFER_TYPES and _owned(trig.pattern_object)):
        candidates.append(trig.pattern_object)  # "accepted demands from the miners": named inside it
    # Any verb's "with/against/to/on" object that is itself a party comes before a party merely
    # named inside the object: "closed Venezuela's borders WITH Brazil" targets Brazil.
    general = [o for o in _prep_objects(holders, COMPLEMENT_PREPS) if is_party(o) and o not in candidates]
    recipient = _first_party(candidates, general) or _first_party(_complements(verb))
    if recipient is None and trig.code.type in PLACE_TARGETED and patient is not None and not is_party(patient):
        # "lifted the curfew in Montenegro", "imposed restrictions in Abidjan": the place's people
        recipient = next((o for o in _prep_objects([verb, patient], frozenset({"in"}))
                          if o.ent_type_ in ("GPE", "LOC")), None)
    if recipient is None and trig.code.type in COUNTRY_TARGETED and (
            patient is None or _owned(patient) or trig.code.type in TRANSFER_TYPES):
        recipient = _foreign_country(verb, patient, actor)
    if recipient is None and trig.code.type in CLAUSE_ADDRESSED:
        recipient = _addressee(verb, CLAUSE_ADDRESSED[trig.code.type])
    if recipient is None and trig.code.type in CLAUSE_ADDRESSED and verb.dep_ == "advcl" and verb.tag_ == "VBG":
        # a participle adjunct is addressed to whom its clause addresses: "criticized the government in a
        # letter, DEMANDING an end to the violence", "accused the president of fraud, CALLING for a recount"
        addressed = [c for c in verb.head.children if c.dep_ == "dobj"] + _prep_objects([verb.head], frozenset({"to"}))
        recipient = next((o for o in addressed if is_party(o)), None)
    if recipient is None and trig.code.type in TARGETED:
        # what it is done to or against ("seized the site", "protested AGAINST the mine"), party or not
        objects_first = [patient if patient is not None else _shared_object(verb), *by_prep]
        found = (_target(t, trig) for t in objects_first if t is not None)
        recipient = next((t for t in found if t is not None), None)
    return actor, recipient, patient


def _undergone(verb: Token) -> Token | None:
    """The act an active verb of undergoing has as its object ("faces CHARGES", "received CRITICISM"):
    a noun that is no actor ("received the delegation" is a meeting the subject holds)."""
    if verb.lemma_.lower() not in UNDERGOING or is_passive(verb):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return obj if obj is not None and obj.pos_ == "NOUN" and not is_actor(obj) else None


# Events done to someone or something: what the verb acts on is their target, party or not ("an inmate
# was stabbed", "seized the site", "criticised the investigation"), unless it is what the act is done
# with ("fired rockets") or part of the trigger; and what a protest is against ("protested AGAINST the
# mine": the verb's preposition, TARGETED).
ACTED_ON = frozenset({"ASSAULT", "COERCE", "SANCTION", "ACCUSE"})
TARGETED = ACTED_ON | {"PROTEST"}
# Entity labels of counts, times and amounts: never what an act is done to.
NOT_TARGETS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE"})


def _target(tok: Token | None, trig: Trigger) -> Token | None:
    """`tok` as the target of an event done to it (TARGETED), or None where it cannot be one."""
    if tok is None or tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in NOT_TARGETS:
        return None
    if trig.start <= tok.i < trig.end or (trig.pattern_object is not None and tok.i == trig.pattern_object.i):
        return None
    if tok.lemma_.lower() in CLAIM_NOUNS:
        # "investigating claims THAT the United States used ...": the claim's subject, if it names a party
        clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl") and c.pos_ in ("VERB", "AUX")),
                      None)
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None) if clause else None
        return subj if subj is not None and is_party(subj) else None
    if _listed(tok, PLAN_NOUNS):
        return None  # "halted attempts to pull down the statue", "foiled a plot": the act, not its target
    return None if _listed(tok, INSTRUMENTS) else tok


def _shared_object(verb: Token) -> Token | None:
    """The object of the verb coordinated after `verb` when `verb` has none: "shuttered and seized THE
    SITE", "charged and arrested 23 MEN" (the parser hangs it on the last verb only)."""
    if any(c.dep_ in ("dobj", "dative", "nsubjpass", "ccomp", "xcomp") for c in verb.children):
        return None
    conj = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
    if conj is None or is_passive(conj):
        return None
    return next((c for c in conj.children if c.dep_ == "dobj"), None)


# Requests and threats addressed through a clause: "demanded THAT Beijing withdraw" asks Beijing,
# "threatened to retaliate IF South Korea went ahead" threatens South Korea. Per type, the clause
# dependencies whose subject is addressed (searched on the verb and its to-infinitive complement).
CLAUSE_ADDRESSED = {"REQUEST": frozenset({"ccomp"}), "THREATEN": frozenset({"advcl"})}
CONDITIONS = words("english/conditional_marks")


def _addressee(verb: Token, deps: frozenset[str]) -> Token | None:
    for head in [verb] + [c for c in verb.children if c.dep_ == "xcomp"]:
        for clause in (c for c in head.children if c.dep_ in deps):
            if clause.dep_ == "advcl" and not any(m.dep_ == "mark" and m.lower_ in CONDITIONS
                                                  for m in clause.children):
                continue
            subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ != "PRON" and is_party(subj):
                return subj
    return None


# Acts done in or sent to another country bear on that country when nothing else is acted on:
# "Israel strengthened its forces in Lebanon", "Albanians demonstrated in Serbia", "sent aid to Chad".
# Not attacks: "attacked a convoy in Mali" targets the convoy, Mali is only where.
COUNTRY_TARGETED = PLACE_TARGETED | {"MOBILIZE", "PROTEST", "AID"}
# Prepositions whose country object the act is done in or sent to.
COUNTRY_PREPS = words("events/country_preps")


def _foreign_country(verb: Token, patient: Token | None, actor: Token | None) -> Token | None:
    """A country named in an "in"/"to"/"into" phrase of the clause, other than the actor's own."""
    from chronicle.dictionaries.actors import country_of_word
    from chronicle.dictionaries.countries import country_by_name

    def entity_text(tok: Token) -> str | None:
        ent = entity_of(tok)
        return ent.text if ent is not None and ent.label_ in ("GPE", "NORP") else None

    own_text = entity_text(actor) if actor is not None else None
    own = country_of_word(own_text) if own_text else None  # "Serbia", "Serbian", "Belgrade" -> SRB
    holders = [verb] + ([patient] if patient is not None else [])
    for o in _prep_objects(holders, COUNTRY_PREPS):
        text = entity_text(o)
        # a country by name, not a town: "in Lebanon" bears on Lebanon, "in Paris" only says where
        found = country_by_name(text) if text and o.ent_type_ == "GPE" else None
        if found is not None and found.iso3 != own:
            return o
    return None


def noun_parties(trig: Trigger) -> tuple[Token | None, Token | None, Token | None]:
    """Actor, recipient and patient of a nominal trigger ("Serbia's suspension of flights to Libya")."""
    noun, clause = trig.token, trig.clause
    actor: Token | None = None
    undergone = None
    for c in noun.children:
        if c.dep_ == "poss" and noun.lemma_.lower() in PATIENT_NOUNS:
            undergone = c  # "Tsvangirai's arrest": the possessor is arrested
        elif c.dep_ == "poss" and c.lower_ not in PRONOUN_POSSESSORS:
            actor = c
        elif c.dep_ == "prep" and c.lower_ == "by":
            actor = _pobj(c)
        elif c.dep_ in ("compound", "amod") and c.ent_type_ in ("GPE", "NORP", "ORG") and c.i < noun.i:
            actor = actor or c
    if actor is None:
        # "talks between Ethiopia and Eritrea", "clashes between police and students": every side acts
        sides = [o for o in _prep_objects([noun], frozenset({"between"})) if any(
            c.dep_ == "conj" for c in o.children)]
        actor = sides[0] if sides else None
    preps = RECIPIENT_PREPS.get(trig.code.type, frozenset()) | NOMINAL_PATIENT_PREPS
    own = ([undergone] if undergone is not None else []) + _prep_objects([noun], preps)
    patient = own[0] if own else None
    candidates = list(own)
    if clause is not noun and clause.pos_ in ("VERB", "AUX"):
        if actor is None and noun.dep_ in ("dobj", "nsubjpass", "attr"):
            actor = subject(clause)
        if noun.dep_ == "dobj":
            # a ditransitive support verb's indirect object receives: "will give Kenya a loan",
            # "sent Sierra Leone a team of advisers" (the noun is the direct object)
            candidates = [c for c in clause.children if c.dep_ == "dative" and c.pos_ != "ADP"] + candidates
        candidates += _prep_objects([clause], preps - NOMINAL_PATIENT_PREPS)
    recipient = _first_party(candidates)
    if recipient is None and trig.code.type in ACTED_ON:
        recipient = _target(patient, trig)  # "the killing of her father", "the seizure of the site"
    return actor, recipient, patient


def _agrees(pronoun: str, tok: Token) -> bool:
    """Whether a named or noun party can be what a personal pronoun stands for: "it" a singular
    group or place, "they" a plural or coordinated one, "he"/"she" a named person."""
    if tok.pos_ == "PRON" or not is_party(tok):
        return False
    person = tok.ent_type_ == "PERSON"
    plural = tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children)
    if pronoun == "it":
        return not person and not plural and tok.ent_type_ != "NORP"
    if pronoun == "they":
        return not person and (plural or tok.ent_type_ in ("ORG", "NORP"))
    return person  # he, she


SPEAKER_PRONOUNS = words("events/speaker_pronouns")


def _speaker(tok: Token) -> Token:
    """A pronoun party of a reported clause stands for the one who reports it: "Russia says IT is
    willing to pull back" -> Russia, "the rebels said THEY were ready" -> the rebels, "Israel said
    Hamas had attacked IT" -> Israel. Kept when the reporting verb also has an object ("told Kenya it
    would ...": either could be meant) or the speaker does not agree with the pronoun."""
    if tok.lower_ not in SPEAKER_PRONOUNS or tok.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return tok
    clause = tok.head
    if clause.dep_ != "ccomp" or clause.head.pos_ not in ("VERB", "AUX") or is_passive(clause.head):
        return tok
    report = clause.head
    if any(c.dep_ in ("dobj", "dative") for c in report.children):
        return tok
    speaker = next((c for c in report.children if c.dep_ == "nsubj"), None)
    if speaker is None or speaker.i > tok.i:
        return tok
    speaker = _resolve_relative(speaker)
    return speaker if _agrees(tok.lower_, speaker) else tok


class Roles(NamedTuple):
    """The parties of a trigger as head tokens (use `phrase` for their spans)."""

    actors: list[Token]
    recipients: list[Token]
    patient: Token | None  # the raw object, party or not: "imposed a curfew" (licenses, carries counts)
    doers: list[Token]  # the grammatical doers before a thing's named owner replaced them (licensing)


def parties(trig: Trigger) -> Roles:
    """Actors, recipients, patient and grammatical doers of a trigger."""
    actor, recipient, patient = noun_parties(trig) if trig.nominal else verb_parties(trig)
    actor = _speaker(actor) if actor is not None else None
    recipient = _speaker(recipient) if recipient is not None else None
    doers = split_heads(actor) if actor is not None else []
    if actor is not None and not is_party(actor):
        # "a Security Council resolution demands ...", "a resolution passed BY the European Parliament
        # asked ...": the council, the parliament is the actor ("the plan" stays)
        actor = _named_owner(actor) or _author(actor) or _producer(actor) or actor
    actors = split_heads(actor) if actor is not None else []
    recipients = split_heads(recipient) if recipient is not None else []
    if actor is not None and recipient is not None and actor.i == recipient.i:
        recipients = []
    return Roles(actors, recipients, patient, doers)
