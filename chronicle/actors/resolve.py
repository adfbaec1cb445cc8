"""Actor resolution: entities of an article, and the codes of event actors.

Stage `entities` (after places): reads `analysis.doc.ents` (already corrected
by chronicle.nlp.ner), `article.places`, `article.dateline_place` and
`article.published`; returns one `Entity` per real-world entity with its
canonical name, country (ISO alpha-3 or a PLOVER international code) and
PLOVER sectors. Stage `event actors` (after events): fills the codes of each
`Actor` span in place from those entities.

Everything here is rules over the CAMEO dictionaries (chronicle.dictionaries.actors)
and spaCy's parse: titles left of a name, appositions right of it, the
dictionary of office holders for the article's date, and the article's
country for domestic roles.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from chronicle.dictionaries.actors import (
    NamedHit,
    agents,
    country_names,
    country_of_word,
    is_international,
    lookup_named,
)
from chronicle.dictionaries.countries import capital_of, country_by_code
from chronicle.dictionaries.ethnic import group_country, kin_states
from chronicle.dictionaries.normalize import fold, norm_key, norm_token
from chronicle.dictionaries.roles import FORMER, TITLE_PRIORITY, Cues, read_roles
from chronicle.geo.main_country import dominant_country
from chronicle.geo.places import place_at
from chronicle.nlp.analysis import Analysis
from chronicle.records import Actor, Entity, Event, Place
from chronicle.wordlists import mapping, words

LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
UNIDENTIFIED_ARMED = "UAF"
NON_STATE_ARMED = frozenset({"REB", "PRM"})
HONORIFICS = words("actors/honorifics")
# Roles held inside one state: with no country cue they take the article's country.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PRM"})
# Heads that name people sent abroad: no fallback to the article's country ("one African diplomat").
FOREIGN_HEADS = words("actors/foreign_heads")
# Group nouns whose role comes from a modifier ("Russian mercenary allies", "rebel fighters").
GROUP_HEADS = words("actors/group_heads")
# Group heads that make notables of an ethnic group's members ("Igbo leaders", "Tuareg chiefs").
ELITE_HEADS = words("actors/elite_heads")
# Nominal heads that denote one institution of the state: every mention of them is one entity.
INSTITUTION_GROUPS = mapping("actors/institution_groups")
INTERNATIONAL_BODY = words("actors/international_bodies")
MEMBER_WORDS = words("actors/member_words")
DEFINITE = words("actors/definite")
INDEFINITE = words("actors/indefinite")
_POSSESSIVES = words("english/possessive_determiners")
_BLOC_ADJECTIVES = words("actors/bloc_adjectives")
_BLOC_BODIES = words("actors/bloc_bodies")
_INITIALS_SKIP = words("actors/initials_skip")


@dataclass(frozen=True)
class ActorCode:
    """What any noun phrase names as an actor: canonical name, country and PLOVER sectors."""

    name: str | None
    country: str | None
    sector: str | None
    other_sectors: tuple[str, ...] = ()


@dataclass
class _Mention:
    start: int  # char offsets into the article text
    end: int
    label: str
    tokens: tuple[str, ...]  # folded lower-case name tokens, for coreference
    head: str = ""  # NOM: the institution group or head lemma
    definite: bool = False


@dataclass
class _Cluster:
    label: str
    mentions: list[_Mention]
    name: str | None = None
    country: str | None = None
    sectors: list[str] = field(default_factory=list)
    cues_country: bool = False  # country read from the text (outranks dictionary and context)

    def add_sectors(self, sectors: list[str]) -> None:
        for s in sectors:
            if s not in self.sectors:
                self.sectors.append(s)


# ------------------------------------------------------------------ helpers

def _name_tokens(text: str) -> tuple[str, ...]:
    return tuple(t for t in (norm_token(w) for w in fold(text).split()) if t)


def _trim_entity(ent: Span) -> Span | None:
    """Drop leading determiners and titles, and a trailing possessive, from an entity span."""
    start, end = ent.start, ent.end
    table = agents()
    while start < end - 1:
        tok = ent.doc[start]
        norm = norm_token(tok.text)
        if tok.lower_ in DEFINITE or norm in HONORIFICS or (ent.label_ == "PERSON" and norm in table):
            start += 1
        else:
            break
    while end > start and (ent.doc[end - 1].tag_ == "POS" or ent.doc[end - 1].text in ("'s", "’s", "‘s")):
        end -= 1
    if end <= start:
        return None
    return ent.doc[start:end]


def _title_tokens(ent: Span) -> list[Token]:
    """The words left of a name that describe it: "Malian sociologist", "US District Judge"."""
    doc, out = ent.doc, list[Token]()
    j = ent.start - 1
    while j >= ent.sent.start and len(out) < 8:
        tok = doc[j]
        if tok.ent_type_ == "PERSON":
            break
        ok = (tok.pos_ in ("PROPN", "NOUN", "ADJ") or tok.tag_ == "POS" or tok.text in ("’s", "'s", "-")
              or norm_token(tok.text) in agents() or norm_token(tok.text) in FORMER)
        if tok.lower_ == "of" and out and j - 1 >= ent.sent.start and doc[j - 1].text[:1].isupper():
            ok = True  # "Secretary of State"
        if not ok or tok.lower_ in DEFINITE or tok.lower_ in INDEFINITE:
            break
        out.append(tok)
        j -= 1
    return out[::-1]


def _appositions(ent: Span) -> list[Token]:
    """Heads of the apposition after a name: "governor" and "officer" in "Abass Dembele, a former
    governor ... and a respected military officer"."""
    for tok in ent:
        for child in tok.children:
            if child.dep_ == "appos" and not (ent.start <= child.i < ent.end) and child.sent == ent.sent:
                return [child] + [c for c in child.children if c.dep_ == "conj"]
    return []


def _apposition_tokens(ent: Span) -> tuple[list[Token], set[int]]:
    """The apposition's words and the word indices of its heads (a role must cover a head)."""
    heads = _appositions(ent)
    if heads:
        sub = [t for t in heads[0].subtree if t.i >= ent.end and t.sent == ent.sent][:30]
        index = {t.i: k for k, t in enumerate(sub)}
        return sub, {index[h.i] for h in heads if h.i in index}
    # parser missed it: ", a/an/the ROLE ..." up to the next comma or clause word
    doc, j = ent.doc, ent.end
    if j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ in ("a", "an", "the"):
        out: list[Token] = []
        for tok in doc[j + 1:min(len(doc), j + 25)]:
            if tok.text in (",", ".", ";") or tok.lower_ in ("who", "which", "that") or tok.pos_ == "VERB":
                break
            out.append(tok)
        last_noun = max((k for k, t in enumerate(out) if t.pos_ in ("NOUN", "PROPN") and
                         not (k + 1 < len(out) and out[k + 1].pos_ in ("NOUN", "PROPN"))), default=None)
        return out, ({last_noun} if last_noun is not None else set())
    return [], set()


def _apposition_cues(ent: Span, places: list[Place]) -> Cues:
    tokens, heads = _apposition_tokens(ent)
    cues = _cues(tokens, places)
    cues.matches = [m for m in cues.matches if any(m.start <= h < m.end for h in heads)]
    return cues


def _cues(tokens: list[Token], places: list[Place]) -> Cues:
    cues = read_roles([t.text for t in tokens], [t.lemma_ for t in tokens])
    for k, tok in enumerate(tokens):
        if tok.ent_type_ in ("GPE", "LOC", "FAC") and not any(k == i for i, _ in cues.countries):
            place = place_at(places, tok.idx, tok.idx + len(tok.text))
            if place is not None and place.country:
                cues.countries.append((k, place.country))
    cues.countries.sort()
    return cues


def _org_is_international(words: list[str]) -> bool:
    low = {norm_token(w) for w in words}
    return bool(low & MEMBER_WORDS and low & INTERNATIONAL_BODY) or (
        bool(low & _BLOC_ADJECTIVES) and bool(low & _BLOC_BODIES))


def _org_head(words: list[str]) -> int:
    low = [w.lower() for w in words]
    return low.index("of") - 1 if "of" in low[1:] else len(words) - 1


def _apply_named(cluster: _Cluster, hit: NamedHit, keep_name: bool = False) -> None:
    if not keep_name:
        cluster.name = hit.name
    if hit.country and not cluster.cues_country:
        cluster.country = hit.country
    cluster.add_sectors(list(hit.sectors))


# ------------------------------------------------------- named entities

def _of_place(root: Token) -> Span | None:
    """The place an "of" phrase on a role noun names ("the government OF EGYPT"), or None."""
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ == "GPE":
                    return root.doc[obj.left_edge.i:obj.right_edge.i + 1]
    return None


class _Builder:
    """Collects mentions into clusters for one article."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.doc: Doc = analysis.doc
        self.places = [p for p in analysis.article.places if p.start is not None]
        self.published = analysis.article.published
        self.context = dominant_country(analysis)
        self.clusters: list[_Cluster] = []
        self.person_cues: dict[int, list[tuple[Cues, Cues]]] = {}
        self.title_words: dict[int, list[str]] = {}
        self.appositive_of: dict[int, _Cluster] = {}  # token index of an apposition head -> its person

    # -- classification of one entity span
    def relabel(self, span: Span, label: str) -> tuple[str, NamedHit | None]:
        text = span.text
        hit = lookup_named(text, self.published)
        if hit is not None and label in ("GPE", "LOC", "NORP", "FAC") and (
                is_international(hit.country) or hit.sectors):
            return "ORG", hit
        if label in ("PERSON", "ORG", "FAC", "LOC") and country_of_word(text) and not (hit and hit.sectors):
            return "GPE", None
        if label in ("GPE", "ORG", "LOC") and hit is None and kin_states(text) and not country_of_word(text):
            return "NORP", None  # "Yoruba", "Hausa" tagged as a place or a body: a people
        if label in ("PERSON", "ORG") and hit is None and place_at(self.places, span.start_char, span.end_char):
            place = place_at(self.places, span.start_char, span.end_char)
            if place is not None and place.start == span.start_char and place.end == span.end_char:
                return "GPE", None
        if label == "ORG" and hit is None and self._looks_personal(span):
            return "PERSON", None
        return label, hit

    def _looks_personal(self, span: Span) -> bool:
        """An ORG that is a person: all title-case words, none an organisation word, with a role beside it."""
        words = [t.text for t in span]
        if not 2 <= len(words) <= 4 or not all(w[:1].isupper() and w.isalpha() for w in words):
            return False
        if read_roles(words).matches or _org_is_international(words):
            return False
        appos = _apposition_cues(span, [])
        title = read_roles([t.text for t in _title_tokens(span)])
        return bool(appos.matches or title.matches)

    # -- building clusters
    def new_cluster(self, mention: _Mention) -> _Cluster:
        cluster = _Cluster(label=mention.label, mentions=[mention])
        self.clusters.append(cluster)
        return cluster

    def add_entities(self) -> None:
        title_spans: set[int] = set()
        persons: list[tuple[Span, _Mention]] = []
        others: list[tuple[Span, str, NamedHit | None]] = []
        for ent in self.doc.ents:
            if ent.label_ not in LABELS:
                continue
            span = _trim_entity(ent)
            if span is None:
                continue
            label, hit = self.relabel(span, ent.label_)
            if label == "PERSON":
                persons.append((span, _Mention(span.start_char, span.end_char, "PERSON",
                                               _name_tokens(span.text))))
                title_spans.update(t.i for t in _title_tokens(span))
            else:
                others.append((span, label, hit))
        self.add_persons(persons)
        for span, label, hit in others:
            if label == "ORG" and all(t.i in title_spans for t in span):
                continue  # "Defense" in "Defense Minister General Sadio Camara" is part of a title
            self.add_other(span, label, hit)

    def add_persons(self, persons: list[tuple[Span, _Mention]]) -> None:
        # longest names first, so "Goita" finds "Assimi Goita" wherever it appears
        by_length = sorted(persons, key=lambda p: -len(p[1].tokens))
        owner: dict[int, _Cluster] = {}
        for span, mention in by_length:
            target = None
            for cluster in self.clusters:
                full = cluster.mentions[0].tokens
                if cluster.label == "PERSON" and set(mention.tokens) <= set(full) and (
                        mention.tokens[-1:] == full[-1:] or mention.tokens == full):
                    target = cluster
                    break
            if target is None:
                target = self.new_cluster(mention)
                target.name = " ".join(w for w in span.text.split())
            else:
                target.mentions.append(mention)
            owner[mention.start] = target
        for span, mention in persons:
            cluster = owner[mention.start]
            title = _cues(_title_tokens(span), self.places)
            appos = _apposition_cues(span, self.places)
            self.title_words.setdefault(id(cluster), []).append(
                " ".join(t.text for t in _title_tokens(span)[-1:]))
            for head in _appositions(span):
                self.appositive_of[head.i] = cluster
            self.person_cues.setdefault(id(cluster), []).append((title, appos))

    def person_codes(self) -> None:
        for cluster in self.clusters:
            if cluster.label != "PERSON":
                continue
            sectors: list[str] = []
            for title, appos in self.person_cues.get(id(cluster), []):
                for s in title.sectors_by_title() + appos.sectors_by_title():
                    if s not in sectors:
                        sectors.append(s)
                country = (title.countries[-1][1] if title.countries
                           else appos.countries[0][1] if appos.countries else None)
                if country and not cluster.cues_country:
                    cluster.country, cluster.cues_country = country, True
            if not cluster.cues_country and (country := self._of_place(cluster.mentions[0])):
                cluster.country, cluster.cues_country = country, True
            # "former governor" and "military officer" -> ELI, MIL; an office outranks a rank
            sectors.sort(key=lambda s: _TITLE_ORDER.get(s, 99))
            hit = lookup_named(cluster.name or "", self.published)
            if hit is None and len(cluster.mentions[0].tokens) > 1:
                hit = lookup_named(" ".join(cluster.mentions[0].tokens), self.published)
            for title_words in self.title_words.get(id(cluster), []):
                if hit is None and title_words:  # the dictionary lists "President Bush", not "Bush"
                    hit = lookup_named(f"{title_words} {cluster.name}", self.published)
            if hit is not None:
                _apply_named(cluster, hit, keep_name=False)
                # the title in the text is current; the dictionary's role may be stale
                cluster.sectors = sectors + [s for s in cluster.sectors if s not in sectors] if sectors \
                    else cluster.sectors
            else:
                cluster.sectors = sectors
            if not cluster.sectors:
                cluster.sectors = ["CVL"]  # a person named without any role: a private individual
            if cluster.country is None:
                cluster.country = self.context

    def _of_place(self, mention: _Mention) -> str | None:
        """"Prime Minister Teodor Vasquez of Chile", "Mayor Ana Ruiz from Porto": the place's country."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or span.end + 1 >= len(self.doc) or self.doc[span.end].lower_ not in ("of", "from"):
            return None
        nxt = self.doc[span.end + 1]
        if nxt.lower_ == "the" and span.end + 2 < len(self.doc):
            nxt = self.doc[span.end + 2]
        if nxt.ent_type_ not in ("GPE", "LOC"):
            return None
        place = place_at(self.places, nxt.idx, nxt.idx + len(nxt.text))
        return place.country if place is not None else None

    def add_other(self, span: Span, label: str, hit: NamedHit | None) -> None:
        text = span.text
        mention = _Mention(span.start_char, span.end_char, label, _name_tokens(text))
        # a surname alone, mis-tagged as ORG or GPE: "Sykes ordered", "Trump's inauguration"
        if label in ("ORG", "GPE", "NORP", "LOC") and hit is None and not country_of_word(text):
            for cluster in self.clusters:
                if cluster.label == "PERSON" and mention.tokens and \
                        set(mention.tokens) <= set(cluster.mentions[0].tokens):
                    cluster.mentions.append(mention)
                    return
        key = norm_key(text)
        for cluster in self.clusters:
            if cluster.label == label and any(self._same_name(key, mention, m) for m in cluster.mentions):
                cluster.mentions.append(mention)
                return
        cluster = self.new_cluster(mention)
        words = [t.text for t in span]
        if label in ("GPE", "LOC", "FAC"):
            place = place_at(self.places, span.start_char, span.end_char)
            cluster.name = place.name if place is not None and place.name else text
            cluster.country = (place.country if place is not None else None) or country_of_word(text)
            if hit is not None and label == "FAC":
                _apply_named(cluster, hit, keep_name=True)
            return
        if label == "NORP":
            cluster.name = text
            cluster.country = country_of_word(text) or group_country(text, self.context)
            if span.start > 0 and span.doc[span.start - 1].lower_ == "ethnic":
                # "ethnic Albanians" in a Macedonian story: a group where it lives, not the kin state
                cluster.name, cluster.country = f"ethnic {text}", self.context or cluster.country
            cues = read_roles(words, [t.lemma_ for t in span])
            cluster.add_sectors(cues.sectors_by_head(len(words) - 1))
            if cluster.country and not cluster.sectors and norm_token(words[-1]).endswith("s"):
                cluster.sectors = ["CVL"]  # "Palestinians", "Americans": the people of a country
            if cluster.country is None and set(cluster.sectors) & {"PTY", "GOV"}:
                cluster.country = self.context
            return
        # ORG
        cluster.name = " ".join(text.split())
        # A country word inside a name the dictionary knows whole says nothing of whose it is: the
        # "Organization of American States" is international, "Doctors Without Borders" no one's.
        known_whole = hit is not None and bool(hit.country)
        if hit is None and len(words) > 2 and country_of_word(words[0]):
            hit = lookup_named(" ".join(words[1:]), self.published)  # "US Department of ..." -> "Department of"
            if hit is not None:
                cluster.name = span[1:].text
                cluster.country, cluster.cues_country = country_of_word(words[0]), True
        cues = read_roles(words, [t.lemma_ for t in span])
        if cues.countries and not known_whole:
            cluster.country, cluster.cues_country = cues.countries[0][1], True
        if hit is not None:
            _apply_named(cluster, hit, keep_name=True)
        cluster.add_sectors(cues.sectors_by_head(_org_head(words)))
        if cluster.country is None and _org_is_international(words):
            cluster.country = "IGO"
        if cluster.country is None and set(cluster.sectors) & STATE_SECTORS:
            cluster.country = self.context

    @staticmethod
    def _same_name(key: str, mention: _Mention, other: _Mention) -> bool:
        if key == norm_key(" ".join(other.tokens)):
            return True
        a, b = mention.tokens, other.tokens
        shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
        if len(shorter) >= 2 and longer[-len(shorter):] == shorter and \
                all(country_of_word(w) for w in longer[:-len(shorter)]):
            return True  # "US Department of Homeland Security" = "Department of Homeland Security"
        if len(shorter) == 1 and shorter[0].isalpha() and len(shorter[0]) >= 2:
            initials = "".join(w[0] for w in longer if w not in _INITIALS_SKIP)
            return initials == shorter[0] or initials[1:] == shorter[0]
        return False

    def add_aliases(self) -> None:
        """"the Alliance of Sahel States, or AES," / "(AES)": the short form names the same body."""
        doc = self.doc
        starts = {m.start: c for c in self.clusters for m in c.mentions}
        for ent in doc.ents:
            if ent.label_ not in ("ORG", "GPE", "NORP"):
                continue
            j = ent.end
            alias_start = None
            if j + 1 < len(doc) and doc[j].text == "(":
                alias_start = j + 1
            elif j + 2 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ == "or":
                alias_start = j + 2
            if alias_start is None or not doc[alias_start].text.isupper():
                continue
            alias = doc[alias_start]
            long_c = next((c for c in self.clusters for m in c.mentions
                           if m.start <= ent.start_char < m.end or ent.start_char <= m.start < ent.end_char), None)
            short_c = starts.get(alias.idx)
            if long_c is None or short_c is None or long_c is short_c or len(short_c.mentions) > 3:
                continue
            long_c.mentions += short_c.mentions
            self.clusters.remove(short_c)
            for m in short_c.mentions:
                starts[m.start] = long_c
            # later bare uses of the alias join too
            for c in list(self.clusters):
                if c is not long_c and c.label == short_c.label and c.mentions[0].tokens == \
                        short_c.mentions[0].tokens:
                    long_c.mentions += c.mentions
                    self.clusters.remove(c)

    def add_bare_surnames(self) -> None:
        """Surnames the NER missed ("Sykes ordered …"): a proper noun equal to the last name of a person
        named in full earlier joins that person, when no other person of the article shares the surname."""
        taken = {i for c in self.clusters for m in c.mentions for i in range(m.start, m.end)}
        by_surname: dict[str, list[_Cluster]] = {}
        for cluster in self.clusters:
            full = cluster.mentions[0].tokens
            if cluster.label == "PERSON" and len(full) >= 2 and len(full[-1]) >= 3:
                by_surname.setdefault(full[-1], []).append(cluster)
        for tok in self.doc:
            if tok.pos_ != "PROPN" or tok.idx in taken or tok.ent_type_ not in ("", "PERSON", "ORG", "GPE"):
                continue
            owners = by_surname.get(_name_tokens(tok.text)[0] if _name_tokens(tok.text) else "", [])
            if len(owners) != 1 or owners[0].mentions[0].start > tok.idx:
                continue
            nxt = tok.nbor(1) if tok.i + 1 < len(self.doc) else None
            if nxt is not None and nxt.pos_ == "PROPN":
                continue  # part of a longer name the NER missed
            end = tok.idx + len(tok.text)
            owners[0].mentions.append(_Mention(tok.idx, end, "PERSON", _name_tokens(tok.text)))

    # ---------------------------------------------------- nominal actors
    def add_nominals(self) -> None:
        spans: list[tuple[int, int, Token]] = []
        for chunk in self.doc.noun_chunks:
            spans.append((chunk.start, chunk.end, chunk.root))
        for tok in self.doc:
            if tok.dep_ == "poss" and tok.pos_ == "NOUN" and not tok.ent_type_:
                spans.append((tok.left_edge.i, tok.i + 1, tok))
        seen: set[int] = set()
        for start, end, root in sorted(spans, key=lambda s: s[0]):
            if root.i in seen or root.ent_type_ in LABELS or root.pos_ == "PRON":
                continue
            seen.add(root.i)
            self.add_nominal(start, end, root)

    def add_nominal(self, start: int, end: int, root: Token) -> None:
        doc = self.doc
        # trim leading punctuation and anything before a bracket or quote inside the chunk
        for k in range(root.i - 1, start - 1, -1):
            if doc[k].is_punct and doc[k].text not in ("-",):
                start = k + 1
                break
        end = root.i + 1 if end > root.i + 1 and doc[root.i + 1].is_punct else end
        while start < root.i and doc[start].tag_ == "VBG" and start > 0 and doc[start - 1].pos_ == "ADP":
            start += 1  # "terrorizing immigrants": the verb is not part of the actor
        span = doc[start:end]
        if root.i in self.appositive_of:  # "a former governor" describing Abass Dembele names him
            self.appositive_of[root.i].mentions.append(
                _Mention(span.start_char, span.end_char, "PERSON", _name_tokens(span.text)))
            return
        tokens = list(span)
        words = [t.text for t in tokens]
        head = root.i - start
        cues = read_roles(words, [t.lemma_ for t in tokens])
        match = cues.covers(head)
        if match is None and not (root.lemma_.lower() in GROUP_HEADS and (cues.matches or cues.kin)):
            return
        role_key = " ".join(x for x in (norm_token(w) for w in words[match.start:match.end]) if x) \
            if match else root.lemma_.lower()
        group = INSTITUTION_GROUPS.get(role_key) if match and match.end == head + 1 else None
        first = tokens[0].lower_
        mention = _Mention(span.start_char, span.end_char, "NOM", _name_tokens(span.text),
                           head=group or root.lower_, definite=first not in INDEFINITE)
        country = cues.international()
        from_text = False
        if country is None and cues.countries:
            country, from_text = cues.countries[0][1], True
        if country is None and cues.kin:
            country = cues.kin_country(self.context)
            from_text = country is not None
        if country is None:
            country = self._country_of_entities_in(span)
            from_text = country is not None
        if country is None and (owner := _of_place(root)) is not None:
            # "the government of Egypt", "the president of Turkey": the place after "of" is whose
            country = self._country_of_entities_in(owner)
            from_text = country is not None
        if country is None and not cues.regional and root.lemma_.lower() not in FOREIGN_HEADS:
            country = self.context
        # coreference: a definite or bare mention joins the latest one with the same head and country
        if mention.definite:
            for cluster in reversed(self.clusters):
                if cluster.label == "NOM" and cluster.mentions[-1].head == mention.head and (
                        cluster.country == country or not from_text):
                    cluster.mentions.append(mention)
                    return
        cluster = self.new_cluster(mention)
        cluster.country = country
        cluster.add_sectors(cues.sectors_by_head(head))
        if cluster.sectors[:1] in ([UNIDENTIFIED_ARMED], ["MIL"]):
            # "Boko Haram fighters", "Hamas gunmen", "a senior al-Shabaab commander": armed men of a
            # group the phrase names are not unidentified, nor a state's soldiers; the group's
            # sectors are theirs ("NATO troops" stay MIL)
            group_sectors = self._named_sectors_in(span)
            if group_sectors and (cluster.sectors[0] == UNIDENTIFIED_ARMED or group_sectors[0] in NON_STATE_ARMED):
                cluster.sectors = list(group_sectors)
        if not cluster.sectors and cues.kin and root.lemma_.lower() in ELITE_HEADS:
            cluster.sectors = ["ELI"]  # "Yoruba leaders": a people's notables, not a state's officials
        if group and country and not is_international(country):
            cluster.name = f"{country_names().get(country, country)} {group}"
        else:
            lead = 1 if first in DEFINITE | INDEFINITE | _POSSESSIVES else 0
            cluster.name = span[lead:].text if len(span) > lead else span.text

    def _named_in(self, span: Span) -> Iterator[_Cluster]:
        """The clusters other than noun phrases with a mention inside `span`, in the order they were made."""
        for cluster in self.clusters:
            if cluster.label != "NOM" and any(
                    span.start_char <= m.start and m.end <= span.end_char for m in cluster.mentions):
                yield cluster

    def _named_sectors_in(self, span: Span) -> list[str]:
        """The sectors of a named group or organisation mentioned inside `span` (none for places)."""
        return next((c.sectors for c in self._named_in(span)
                     if c.label not in ("GPE", "LOC", "NORP") and c.sectors), [])

    def _country_of_entities_in(self, span: Span) -> str | None:
        return next((c.country for c in self._named_in(span) if c.country), None)

    # ------------------------------------------------------------ output
    def entities(self) -> list[Entity]:
        article_id = self.analysis.article.id
        text = self.analysis.text
        ordered = sorted(self.clusters, key=lambda c: min(m.start for m in c.mentions))
        out = []
        for k, cluster in enumerate(ordered, start=1):
            mentions = sorted({(m.start, m.end) for m in cluster.mentions})
            first = mentions[0]
            out.append(Entity(
                id=f"{article_id}:n{k}", text=text[first[0]:first[1]], label=cluster.label,
                start=first[0], end=first[1], name=cluster.name, country=cluster.country,
                sector=cluster.sectors[0] if cluster.sectors else None,
                other_sectors=list(cluster.sectors[1:]), mentions=[[s, e] for s, e in mentions]))
        return out


_TITLE_ORDER = {s: i for i, s in enumerate(TITLE_PRIORITY)}


def resolve_entities(analysis: Analysis) -> list[Entity]:
    """One Entity per person, organisation, place, group or nominal actor of the article."""
    builder = _Builder(analysis)
    builder.add_entities()
    builder.person_codes()
    builder.add_aliases()
    builder.add_bare_surnames()
    builder.add_nominals()
    return builder.entities()


# ------------------------------------------------------------ event actors

def _best_entity(actor: Actor, entities: list[Entity], doc: Doc) -> tuple[Entity | None, bool]:
    """The entity whose mention overlaps the actor span best, and whether it holds the span's head."""
    assert actor.start is not None and actor.end is not None
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    head = (span.root.idx, span.root.idx + len(span.root.text)) if span is not None and len(span) else None
    best: tuple[tuple[int, int, int], Entity] | None = None
    for ent in entities:
        for s, e in ent.mentions:
            overlap = min(e, actor.end) - max(s, actor.start)
            if overlap <= 0:
                continue
            has_head = int(head is not None and s <= head[0] < e)
            score = (has_head, int(ent.label != "NOM" or has_head), overlap)
            if best is None or score > best[0]:
                best = (score, ent)
    if best is None:
        return None, False
    return best[1], bool(best[0][0])


def _inside_longer_mention(entity: Entity, start: int, end: int | None) -> bool:
    return end is not None and any(s <= start and end <= e and (s, e) != (start, end) for s, e in entity.mentions)


# Which entity labels a pronoun can stand for, when it is an event party.
PRONOUN_LABELS: dict[str, frozenset[str]] = {
    pronoun: frozenset(labels.split()) for pronoun, labels in mapping("actors/pronoun_labels").items()}


def _can_stand_for(pronoun: str, entities: list[Entity]) -> Iterator[Entity]:
    """Entities a pronoun party may stand for: a compatible label, and a nominal only if it is an
    actor (it has a sector), so that "it" does not resolve to an inanimate noun phrase."""
    labels = PRONOUN_LABELS[pronoun]
    return (ent for ent in entities if ent.label in labels and not (ent.label == "NOM" and ent.sector is None))


def _antecedent(pronoun: str, start: int, entities: list[Entity]) -> Entity | None:
    """The entity last mentioned before a pronoun party ("it" -> Hungary, "he" -> the president).

    Nearest preceding mention of an entity the pronoun can stand for (`_can_stand_for`).
    """
    best: tuple[tuple[int, int], Entity] | None = None
    for ent in _can_stand_for(pronoun, entities):
        for s, e in ent.mentions:
            # the latest mention; of two starting together the longer ("Igbo leaders", not "Igbo")
            if e <= start and (best is None or (s, e) > best[0]):
                best = ((s, e), ent)
    return best[1] if best is not None else None


def _reporter_antecedent(pronoun: Token, entities: list[Entity]) -> Entity | None:
    """"X said they would ...": the subject of the clause a pronoun's clause hangs from, when that
    subject is an entity — a closer place ("leaders in Kidal, Mali, said they") is no antecedent."""
    clause = pronoun.head
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ not in ("ccomp", "xcomp", "advcl"):
        return None
    subj = next((c for c in clause.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"),
                None)
    if subj is None:
        return None
    return next((ent for ent in _can_stand_for(pronoun.lower_, entities)
                 if any(s <= subj.idx < e for s, e in ent.mentions)), None)


def _is_capital(entity: Entity) -> bool:
    """A capital city standing for its government ("Berlin said", "talks with Kabul")."""
    if entity.label != "GPE" or not entity.country or not entity.name:
        return False
    country = country_by_code(entity.country)
    return country is not None and norm_key(capital_of(country)) == norm_key(entity.name)


def code_event_actors(events: list[Event], analysis: Analysis) -> None:
    """Fill name, country, sectors and entity id of every event actor and recipient, in place.

    The entity holding the span's head noun gives the codes ("Mali's junta" ->
    the junta, not Mali). A span whose head is no entity ("U.S. negotiator")
    is described from its words, keeping an overlapping entity's country.
    """
    entities = analysis.article.entities
    for event in events:
        for actor in (*event.actor, *event.recipient):
            entity, has_head = (_best_entity(actor, entities, analysis.doc) if actor.start is not None
                                else (None, False))
            if actor.start is not None and actor.text.lower() in PRONOUN_LABELS:
                end = actor.end if actor.end is not None else actor.start + len(actor.text)
                token = analysis.doc.char_span(actor.start, end, alignment_mode="expand")
                reporter = _reporter_antecedent(token[0], entities) if token is not None and \
                    actor.text.lower() in ("they", "them", "it") else None
                entity, has_head = reporter or _antecedent(actor.text.lower(), actor.start, entities), True
            if entity is not None and has_head and entity.label == "NOM" and actor.start is not None and \
                    _inside_longer_mention(entity, actor.start, actor.end):
                # one conjunct of a coordinated nominal ("Russian negotiators" of "U.S. and Russian
                # negotiators"): its own words decide, the whole phrase's country would be the first one's
                entity = None
            if entity is not None and has_head:
                actor.name, actor.country = entity.name, entity.country
                actor.sector, actor.other_sectors = entity.sector, list(entity.other_sectors)
                actor.entity = entity.id
                if actor.sector is None and _is_capital(entity):
                    actor.sector = "GOV"
                continue
            code = describe_phrase(actor.text, analysis)
            actor.name, actor.country = code.name, code.country
            actor.sector, actor.other_sectors = code.sector, list(code.other_sectors)
            if entity is not None:
                actor.country = code.country if code.country and code.country != dominant_country(
                    analysis) else entity.country or code.country
                actor.entity = entity.id if entity.label != "NOM" and code.sector is None else None


def describe_phrase(text: str, analysis: Analysis | None = None) -> ActorCode:
    """Name, country and sectors of any noun phrase ("the junta", "Iranian Foreign Minister Araghchi").

    Uses the dictionaries only (no parse), with the article's country for
    domestic roles when `analysis` is given.
    """
    words = [w for w in text.replace("’s", " 's").replace("'s", " 's").split() if w]
    published = analysis.article.published if analysis is not None else None
    context = dominant_country(analysis) if analysis is not None else None
    for k in range(len(words)):  # the longest tail that is a known name: "President Vladimir Putin"
        tail = " ".join(words[k:])
        hit = lookup_named(tail, published)
        if hit is not None:
            cues = read_roles(words[:k])
            sectors = cues.sectors_by_title() + [s for s in hit.sectors if s not in cues.sectors_by_title()]
            where = hit.country or (cues.countries[-1][1] if cues.countries else context)
            return ActorCode(hit.name, where, sectors[0] if sectors else None, tuple(sectors[1:]))
        if k == 0 and (iso := country_of_word(tail)):
            return ActorCode(country_names().get(iso, tail), iso, None, ())
    cues = read_roles(words)
    head = len(words) - 1
    sectors = cues.sectors_by_head(head)
    country: str | None = cues.international()
    if country is None and cues.countries:
        country = cues.countries[0][1]
    if country is None and cues.kin:
        country = cues.kin_country(context)
    last = norm_token(words[-1]) if words else ""
    if country is None and sectors and not cues.regional and last.rstrip("s") not in FOREIGN_HEADS:
        country = context
    lead = 1 if words and words[0].lower() in DEFINITE | INDEFINITE else 0
    name = " ".join(words[lead:]).replace(" 's", "'s") or None
    return ActorCode(name, country, sectors[0] if sectors else None, tuple(sectors[1:]))

