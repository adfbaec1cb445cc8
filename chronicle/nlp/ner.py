"""Gazetteer-corrected named entities: reads spaCy's `doc.ents`, writes them back corrected.

The small English model often mislabels places ("Mali" PERSON, "Burkina Faso" ORG,
"Bamako" ORG) and nationalities. This stage finds candidate names cheaply - runs of
capitalised tokens, at most MAX_TOKENS long, each looked up in the gazetteer's dicts -
and relabels them:

- country names and aliases ("Mali", "the United States", "U.S.", "DRC") -> GPE;
- demonyms and national adjectives ("Malian", "Nigerien", "Americans") -> NORP;
- continents, seas, macro-regions ("Middle East", "Sahel") -> LOC;
- first-level regions and US states, counties written with their suffix, and populated
  places -> GPE, when the evidence is strong enough: spaCy already called it a place, or
  the article names its country, or it is followed by a region cue ("Mopti region") or a
  "City, State" pair, or it follows a locative preposition, or it is a large city.

A name inside a longer non-place entity ("Sunshine Sykes", "Bank of Mali", "Alliance of
Sahel States") is left alone; a place entity spaCy glued together ("Riverside, California")
is split into its places.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from chronicle.dictionaries import gazetteer as gz
from chronicle.dictionaries.countries import country_by_demonym, country_by_name
from chronicle.wordlists import words

MAX_TOKENS = 6
_CONNECTORS = words("nlp/name_connectors")  # allowed inside a multi-word name ("Isle of Man")
NON_PLACE = frozenset({"PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "LANGUAGE"})
PLACE = frozenset({"GPE", "LOC"})
TITLES = words("nlp/titles")  # before a name, make it a person ("President Lincoln", "Judge Riverside")
LOCATIVES = words("nlp/locatives")  # before a name, make it a place ("in Bamako", "near Mopti")
_REGION_CUES = words("geo/region_cues")  # after a name, make it a region ("Mopti region", "Kano state")
_PERSON_LIKE = words("nlp/person_like_countries")  # a bare PERSON tag stays unless the article says more
_STRONG = frozenset({gz.COUNTRY, gz.ADMIN1, "demonym"})
LANDMARK = "landmark"  # a building or street news names for an institution ("White House")
BIG_REGION = 5_000_000  # a first-level region this populous is a place even against a PERSON tag
CITY_PRIOR = 100_000  # a city this large is a place even without other evidence
CITY_STRONG = 1_000_000  # ... and even against a PERSON/ORG tag
# A town this large is a place on weaker evidence than CITY_PRIOR asks: after a locative word here;
# in the resolver, against a same-named region (the region's seat, or a town of a country the article
# names more) and as a name that vouches for no region ("Portland"); in a facility's name, when the
# article names its country. Set by hand with the first resolver (commit 0e3165e) and reused by
# 2e4548a (dev acc@161 0.641 -> 0.790 for that commit as a whole); never searched on its own.
TOWN_PRIOR = 20_000


@dataclass
class Match:
    start: int  # token indices, end-exclusive
    end: int
    kind: str  # gz kinds, or "demonym"
    country: str = ""  # ISO2 of a country or demonym
    population: int = 0
    admin1_ccs: frozenset[str] = frozenset()  # countries of the regions, or of the largest towns, so named
    region_population: int = 0  # population of the largest first-level region so named
    admin2: bool = False  # a district or county is also called so ("Kent", "Hampshire")
    town_ccs: frozenset[str] = frozenset()  # countries of the towns named like a region ("Nelson")


def _is_name_token(tok: Token) -> bool:
    text = tok.text
    if not text or not text[0].isupper():
        return False
    letters = text.replace(".", "")
    if letters.isupper() and 2 <= len(letters) <= 4:
        return True  # "US", "U.S.", "DRC", "UK"
    return not tok.is_stop or tok.lower_ in {"us"}


def _lookup(text: str) -> Match | None:
    """What kind of place name `text` is, cheapest and most certain first (token offsets filled later)."""
    if (country := country_by_name(text)) is not None:
        return Match(0, 0, gz.COUNTRY, country.iso2)
    if (country := country_by_demonym(text)) is not None:
        return Match(0, 0, "demonym", country.iso2)
    if gz.region_candidate(text) is not None:
        return Match(0, 0, gz.REGION)
    if gz.landmark(text) is not None:
        return Match(0, 0, LANDMARK)
    if is_acronym(text):
        return None  # "MoD", "BA", "AI": organisations and abbreviations, not towns
    if admin1 := gz.admin1_candidates(text):
        towns = gz.city_candidates(text, limit=5)
        return Match(0, 0, gz.ADMIN1, population=towns[0].population if towns else 0,
                     admin1_ccs=frozenset(c.cc for c in admin1), region_population=admin1[0].population,
                     town_ccs=frozenset(c.cc for c in towns if c.primary))
    cities = gz.city_candidates(text, limit=5)
    if cities:
        return Match(0, 0, gz.CITY, population=cities[0].population,
                     admin1_ccs=frozenset(c.cc for c in cities if c.primary), admin2=bool(gz.admin2_candidates(text)))
    if " " in text and text.rsplit(" ", 1)[1].lower() in _REGION_CUES and gz.admin2_candidates(text):
        return Match(0, 0, gz.ADMIN2)
    return None


def is_acronym(text: str) -> bool:
    """Short names written with two or more capitals ("MoD", "BA", "NoMa"): never a town's name."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) <= 4 and sum(ch.isupper() for ch in letters) >= 2


def find_matches(doc: Doc) -> list[Match]:
    """Longest gazetteer names over runs of capitalised tokens, left to right, never overlapping.

    Token attributes are read once into lists: walking spaCy Tokens inside the
    window loops cost about a millisecond per sentence.
    """
    tokens = list(doc)
    texts = [t.text for t in tokens]
    names = [_is_name_token(t) for t in tokens]
    if not any(names):
        return []
    # A capitalised stop word inside a run ends a name too ("Holy See"), never starts one.
    ends = [n or (t.text[:1].isupper() and t.is_alpha and not t.is_sent_start)
            for n, t in zip(names, tokens, strict=True)]
    spaces = [t.whitespace_ for t in tokens]
    breaks = [t.is_space or "\n" in ws for t, ws in zip(tokens, spaces, strict=True)]
    lowers = [x.lower() for x in texts]
    # Inside a hyphenated name every piece belongs to it: "Port-au-Prince", "Stratford-upon-Avon"
    n = len(texts)
    joined = [k > 0 and not spaces[k - 1] and (texts[k] == "-" or texts[k - 1] == "-") and not spaces[k]
              for k in range(n)]
    out: list[Match] = []
    i = 0
    while i < n:
        if not names[i]:
            i += 1
            continue
        found = None
        for j in range(min(n, i + MAX_TOKENS), i, -1):
            if not ends[j - 1]:
                continue
            if any(not names[k] and lowers[k] not in _CONNECTORS and not joined[k] for k in range(i + 1, j - 1)):
                continue
            if any(breaks[k] for k in range(i, j - 1)):
                continue
            text = "".join(texts[k] + spaces[k] for k in range(i, j - 1)) + texts[j - 1]
            m = _cached_lookup(text)
            if m is not None:
                found = dataclasses.replace(m, start=i, end=j)
                break
        if found is None:
            i += 1
        else:
            out.append(found)
            i = found.end
    return out


@functools.lru_cache(maxsize=65536)
def _cached_lookup(text: str) -> Match | None:
    """`_lookup` memoised: news repeats its place names. Callers copy the Match before filling offsets."""
    return _lookup(text)


def _core(span: Span) -> tuple[int, int]:
    """An entity's token range without a leading "the" and trailing possessive or punctuation."""
    s, e = span.start, span.end
    while s < e and span.doc[s].lower_ in {"the", "a", "an"}:
        s += 1
    while e > s and (span.doc[e - 1].lower_ in {"'s", "’s", "'"} or span.doc[e - 1].is_punct):
        e -= 1
    return s, e


def _embedded(doc: Doc, m: Match, matched: set[int]) -> bool:
    """Is the name glued to other capitalised words that no match explains ("Sunshine Sykes")?"""
    neighbours = []
    if m.start > 0 and not doc[m.start].is_sent_start:
        neighbours.append(doc[m.start - 1])
    if m.end < len(doc) and not doc[m.end].is_sent_start:
        neighbours.append(doc[m.end])
    return any(_is_name_token(t) and t.i not in matched for t in neighbours)


def _evidence(doc: Doc, m: Match, countries: set[str], placed: frozenset[int] = frozenset()) -> tuple[bool, bool, bool]:
    """(locative word before, region cue after, "Name, Place" pair) around a match.

    A name coordinated with a place already labelled ("Nitra, Presov and Kosice", tokens in
    `placed`) counts as following a locative word.
    """
    prev = doc[m.start - 1].lower_ if m.start > 0 else ""
    coordinated = prev in {"and", "or", ","} and m.start >= 2 and (m.start - 2) in placed
    nxt = doc[m.end].lower_ if m.end < len(doc) else ""
    pair = nxt == "," and m.end + 1 < len(doc) and _is_name_token(doc[m.end + 1])
    if pair:
        follower = doc[m.end + 1: min(len(doc), m.end + 4)]
        pair = any(_lookup(follower[:k].text) is not None for k in range(len(follower), 0, -1)
                   if _is_name_token(follower[k - 1]))
    # "Riverside, California": the second half is a place because of the first, too.
    if not pair and prev == "," and m.start >= 2 and _is_name_token(doc[m.start - 2]):
        pair = m.kind in (gz.ADMIN1, gz.COUNTRY) or m.admin2
    return prev in LOCATIVES or coordinated, nxt in _REGION_CUES, pair


def _label(doc: Doc, m: Match, existing: str | None, countries: set[str], matched: set[int],
           placed: frozenset[int] = frozenset()) -> str | None:
    """The label a match earns, or None to leave the text as spaCy had it."""
    prev = doc[m.start - 1].lower_ if m.start > 0 else ""
    if existing == "NORP":
        existing = None  # a place name is no nationality: the tagger guessed ("Tunis", "Essex")
    if prev in TITLES:
        return None
    text_key = doc[m.start: m.end].text.lower()
    if m.kind == "demonym":
        return "NORP"
    if m.kind == LANDMARK:
        return "FAC"
    if m.kind == gz.COUNTRY:
        if existing == "PERSON" and text_key in _PERSON_LIKE and m.country not in countries:
            return None
        return "GPE"
    if m.kind == gz.CITY and gz.is_common_word(text_key) and not _evidence(doc, m, countries)[2]:
        return None  # "March", "Commerce", "University": a town only in a "Town, Region" pair
    if existing in PLACE:
        return "LOC" if m.kind == gz.REGION else "GPE"
    locative, cue, pair = _evidence(doc, m, countries, placed)
    embedded = _embedded(doc, m, matched)
    if m.kind == gz.REGION:
        return None if embedded and not existing else "LOC"
    if m.kind == gz.ADMIN2:
        return "GPE"
    # "Benue State", "Kano State Government": the name carries its own region word.
    known = "US" in m.admin1_ccs or bool(m.admin1_ccs & countries)
    suffixed = m.kind == gz.ADMIN1 and text_key.rsplit(" ", 1)[-1] in _REGION_CUES and m.end - m.start > 1
    if embedded and not (suffixed and known):
        return None  # "Seoul Central District Court" is no Israeli district
    if m.kind == gz.ADMIN1:
        # "in Nelson" in a story about British Columbia: a town of the article's country shares
        # the name of a region elsewhere.
        known = known or (locative and bool(m.town_ccs & countries))
        if suffixed or cue or pair or (known and (locative or existing is None)) or (known and existing == "ORG"):
            return "GPE"
        # The small model tags unfamiliar region names as people ("Tamil Nadu said"); a populous
        # region written with its full, several-word name is not a person's name.
        if m.region_population >= BIG_REGION and (m.end - m.start > 1 or existing != "PERSON"):
            return "GPE"
        return "GPE" if m.population >= CITY_STRONG and existing != "PERSON" else None
    # populated place
    if pair or (cue and m.population >= 1000):
        return "GPE"
    in_context = bool(m.admin1_ccs & countries)
    if existing == "PERSON":
        # "in Nelson" in a story set in British Columbia: the town, though the tagger saw a name;
        # "..., Owerri." closing a name: a large town named where someone is.
        closing = prev == "," and m.end < len(doc) and doc[m.end].text in {".", "(", ",", ";"} \
            and m.population >= CITY_PRIOR
        return "GPE" if m.population >= CITY_STRONG or closing or (
            locative and (m.population >= CITY_PRIOR or in_context)) else None
    # The tagger's PROPN separates "Reading" the town from "Reading" the verb at a sentence start.
    proper = all(t.pos_ == "PROPN" for t in doc[m.start: m.end] if t.text[:1].isupper())  # not "-", "au"
    if m.population >= CITY_PRIOR and (locative or proper):
        return "GPE"
    return "GPE" if locative and proper and (m.population >= TOWN_PRIOR or in_context) else None


def correct_entities(doc: Doc) -> None:
    """Rewrite `doc.ents` in place with gazetteer-backed labels for places and nationalities."""
    matches = find_matches(doc)
    if not matches:
        return
    countries = {m.country for m in matches if m.kind in (gz.COUNTRY, "demonym")}
    countries |= {a.region.cc for t in doc if (a := gz.abbreviation(t.text)) is not None and a.standalone}
    # A region of one country ("British Columbia") says which country the story is in, for the
    # other names: a region never vouches for itself ("Central District" of Israel in a Korean name).
    regional = Counter(next(iter(m.admin1_ccs)) for m in matches if m.kind == gz.ADMIN1 and len(m.admin1_ccs) == 1)
    # Tokens explained by an unambiguous name; a mere town name explains nothing ("Alliance", Ohio).
    matched = {i for m in matches if m.kind in _STRONG for i in range(m.start, m.end)}
    placed = {i for m in matches if m.kind != "demonym" for i in range(m.start, m.end)}
    ents = list(doc.ents)
    owner = {i: e for e in ents for i in range(e.start, e.end)}
    new: list[tuple[Match, str]] = []
    placed_so_far: set[int] = set()
    for m in matches:
        over = {id(owner[i]): owner[i] for i in range(m.start, m.end) if i in owner}
        existing = None
        blocked = False
        for ent in over.values():
            s, e = _core(ent)
            if (s, e) == (m.start, m.end):
                existing = ent.label_
            elif ent.label_ in NON_PLACE or ent.label_ == "NORP":
                # Other name words in the entity that no match explains: it is a longer name.
                rest = [t for t in ent if _is_name_token(t) and t.i not in matched]
                if rest and not _list_of_places(ent, placed):
                    blocked = True
                elif existing is None:
                    existing = ent.label_
            elif existing is None:
                existing = ent.label_
        if blocked:
            continue
        own = next(iter(m.admin1_ccs)) if m.kind == gz.ADMIN1 and len(m.admin1_ccs) == 1 else ""
        around = countries | {cc for cc, n in regional.items() if n > (cc == own)}
        label = _label(doc, m, existing, around, matched, frozenset(placed_so_far))
        if label is not None:
            new.append((m, label))
        if label in PLACE or (label is None and existing in PLACE):
            placed_so_far.update(range(m.start, m.end))
    taken = {i for m, _ in new for i in range(m.start, m.end)}
    extra = [(s, e) for s, e in (*_abbreviations(doc, owner), *_datelines(doc)) if not taken & set(range(s, e))]
    if not new and not extra:
        return
    new.extend((Match(s, e, gz.ADMIN1), "GPE") for s, e in extra)
    taken |= {i for s, e in extra for i in range(s, e)}
    kept = [e for e in ents if not any(i in taken for i in range(e.start, e.end))]
    spans = kept + [Span(doc, m.start, m.end, label=label) for m, label in new]
    doc.ents = sorted(spans, key=lambda s: s.start)


def _list_of_places(ent: Span, placed: set[int]) -> bool:
    """Is the entity a list of place names the tagger glued together ("Douma and Qamishli")?"""
    links = [t for t in ent if t.lower_ in {"and", ","}]
    return bool(links) and all(t.i in placed for t in ent if _is_name_token(t))


def _after_place_name(doc: Doc, i: int) -> bool:
    """Does token `i` follow "Name, " ("Slidell, La.", "Nelson, B.C.")?"""
    return i >= 2 and doc[i - 1].text == "," and _is_name_token(doc[i - 2])


def _abbreviations(doc: Doc, owner: dict[int, Span]) -> list[tuple[int, int]]:
    """Token ranges of written-short regions: "N.J." anywhere, "La." or "CA" only after "City, ".

    One inside a longer non-place name ("Small Business BC") is left to the resolver's
    embedded-name pass.
    """
    out = []
    for tok in doc:
        abbr = gz.abbreviation(tok.text)
        width = 1
        # The tokenizer splits the full stop off abbreviations it does not know ("Ont" ".").
        if abbr is None and not tok.whitespace_ and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ".":
            abbr, width = gz.abbreviation(tok.text + "."), 2
        if abbr is None:
            continue
        ent = owner.get(tok.i)
        if ent is not None and ent.label_ not in PLACE and (ent.end - ent.start) > 1:
            continue
        if abbr.standalone:
            # "300 BC" is a year.
            if tok.i > 0 and doc[tok.i - 1].like_num:
                continue
        elif not _after_place_name(doc, tok.i):
            continue
        out.append((tok.i, tok.i + width))
    return out


_PARAGRAPH_BREAK = re.compile(r"\n\s*")


def _datelines(doc: Doc) -> list[tuple[int, int]]:
    """Upper-case datelines opening a paragraph ("SAN ANTONIO -", "ALBUQUERQUE, N.M.") that name a place."""
    out = []
    text = doc.text
    # paragraph starts by character, so only those tokens are visited (a token walk cost ~1 ms a sentence)
    starts = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]
    for char in starts:
        if char >= len(text):
            continue
        span = doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None or not len(span):
            continue
        tok = span[0]
        end = tok.i
        while end < len(doc) and end - tok.i < 4 and doc[end].is_alpha and doc[end].is_upper and len(doc[end]) > 1:
            end += 1
        if end == tok.i or end >= len(doc) or doc[end].text not in {",", "-", "–", "—", "(", ":"}:
            continue
        if end - tok.i == 1 and len(doc[tok.i]) <= 3:
            continue  # "AP -", "UN:": agencies and acronyms, not datelines
        m = _lookup(doc[tok.i:end].text)
        if m is not None and m.kind in (gz.CITY, gz.ADMIN1, gz.COUNTRY):
            out.append((tok.i, end))
    return out
