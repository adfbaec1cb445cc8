"""Sparse features of one sentence for the learned event-type classifier.

Reads only what the spaCy pipeline already computed for the sentence (lemma,
part of speech, dependency arcs, entity types); adds nothing to the Doc. Names
and numbers are replaced by placeholders so that a model trained on a few
thousand sentences generalises across actors: "Kenya expelled" and "Peru
expelled" give the same features.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

# Entity types that stand for actors or places; their words say nothing about the event type.
PLACEHOLDER = {"PERSON": "<per>", "NORP": "<grp>", "ORG": "<org>", "GPE": "<gpe>", "LOC": "<loc>",
               "FAC": "<loc>", "DATE": "<date>", "TIME": "<date>", "MONEY": "<money>", "CARDINAL": "<num>",
               "QUANTITY": "<num>", "PERCENT": "<num>", "ORDINAL": "<ord>"}
# Arcs that carry the event: who does what to whom, and how (negation, modality, complements).
ARCS = frozenset({"dobj", "nsubj", "nsubjpass", "xcomp", "ccomp", "prep", "agent", "attr", "acomp",
                  "dative", "prt", "advcl", "conj", "amod", "compound", "oprd", "pcomp", "relcl", "acl"})
FUTURE = frozenset({"will", "would", "shall", "'ll", "wo"})
MODAL = frozenset({"may", "might", "could", "can", "should", "must", "ca"})
CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ", "PROPN", "ADV"})
# Verbs of saying: in "X said on Monday it would expel Y" the event is the complement, not "say".
REPORTING = frozenset({"say", "tell", "add", "state", "report", "announce", "claim", "note", "confirm",
                       "insist", "explain", "believe", "think", "write", "according", "quote", "accord"})
# Complements that continue the main predicate: "agreed to release", "refused to allow".
CHAIN = frozenset({"xcomp", "ccomp", "conj"})


def word(tok: Token) -> str:
    """The token's normalised form: an entity placeholder, `<num>`, or the lower-case lemma."""
    placeholder = PLACEHOLDER.get(tok.ent_type_)
    if placeholder is not None:
        return placeholder
    if tok.like_num:
        return "<num>"
    return (tok.lemma_ or tok.text).lower()


def _head_word(tok: Token) -> str:
    """A prepositional object read through its preposition: `on|<gpe>`, `against|protester`."""
    objs = [c for c in tok.children if c.dep_ in ("pobj", "pcomp")]
    return f"{tok.lower_}|{word(objs[0])}" if objs else tok.lower_


def _verb_features(tok: Token, lemma: str, out: list[str]) -> None:
    """Modality, negation and voice of a verb: `fut=release`, `neg=allow`, `pass=arrest`."""
    for child in tok.children:
        dep = child.dep_
        if dep == "neg":
            out.append(f"neg={lemma}")
        elif dep in ("aux", "auxpass"):
            low = child.lower_
            if low in FUTURE:
                out.append(f"fut={lemma}")
            elif low in MODAL:
                out.append(f"mod={lemma}")
            if dep == "auxpass":
                out.append(f"pass={lemma}")


def sentence_features(sent: Span) -> list[str]:
    """Distinct feature strings of a sentence: words, word pairs, dependency arcs, verb modality."""
    out: list[str] = []
    prev = "<s>"
    for tok in sent:
        if tok.is_punct or tok.is_space:
            continue
        w = word(tok)
        out.append(f"w={w}")
        if w != prev:  # "United Nations" is one <org>, not an <org>|<org> pair
            out.append(f"b={prev}|{w}")
        prev = w
        if tok.dep_ == "ROOT":
            out.append(f"root={w}")
        if tok.pos_ not in CONTENT_POS:
            continue
        if tok.pos_ in ("VERB", "AUX"):
            _verb_features(tok, w, out)
        for child in tok.children:
            if child.dep_ not in ARCS:
                continue
            target = _head_word(child) if child.dep_ in ("prep", "agent", "dative") else word(child)
            out.append(f"d={w}|{child.dep_}|{target}")
            if child.dep_ in ("xcomp", "ccomp", "dobj", "nsubjpass"):
                out.append(f"a={w}|{child.dep_}")  # the verb's frame without its filler
    out.extend(_predicate_features(sent))
    return list(dict.fromkeys(out))


def _event_heads(sent: Span) -> list[Token]:
    """The main predicate and its chain of complements, looking through verbs of saying."""
    root = sent.root
    heads = [root]
    frontier = [root]
    while frontier and len(heads) < 6:
        tok = frontier.pop()
        for child in tok.children:
            if child.dep_ in CHAIN and child.pos_ in ("VERB", "AUX", "NOUN") and child not in heads:
                heads.append(child)
                frontier.append(child)
    if root.lemma_ in REPORTING and len(heads) > 1:
        heads = heads[1:]  # "said" says nothing about the event type
    return heads


def _predicate_features(sent: Span) -> list[str]:
    """Features of the main predicate chain only, so long sentences keep their event signal strong."""
    out: list[str] = []
    for head in _event_heads(sent):
        h = word(head)
        out.append(f"h={h}")
        for child in head.children:
            dep = child.dep_
            if dep in ("dobj", "xcomp", "ccomp", "prt", "nsubjpass", "attr", "acomp", "oprd"):
                out.append(f"hd={h}|{dep}|{word(child)}")
            elif dep in ("prep", "agent", "dative"):
                out.append(f"hd={h}|{_head_word(child)}")
            elif dep == "neg":
                out.append(f"hneg={h}")
            elif dep == "aux" and child.lower_ in FUTURE:
                out.append(f"hfut={h}")
    return out
