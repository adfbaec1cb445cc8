"""Local news: places the tagger missed or mislabelled, and toponyms that no gazetteer lists.

Runs after resolution, with the article's anchors (chronicle/geo/anchors.py). Adds places, never
removes one, and never overlaps a place already found:

- area and water patterns: a capitalised name before "County", "Parish", "Township", "Borough",
  "River", "Creek", "Lake" ("Lower Merion Township", "Raritan River"), or after "Lake". A county is
  looked up as a county; a township or borough as the town of that name near the anchors; a
  river, creek or lake (no gazetteer of ours lists them) and an unknown township is placed at
  the article's home, as below;
- a PERSON- or ORG-tagged name that is exactly a town lying near the anchors (within
  `NEARBY_KM` of the home town or county, or in the anchor state within `STATE_KM`), with no
  person cue: no title before it ("Mayor Hamilton"), not a speaker ("Hamilton said"), not the
  surname or first name of a person named in full elsewhere in the article;
- a name tagged GPE or LOC that no gazetteer lists (a hamlet, a neighbourhood) and that is
  written as a place ("in X", "X, Ga.") is placed at its paired region (basis "pair"), else at
  the finest level of the article's home that is known (town, else county, else state; basis
  "home"), with confidence `HOME_CONFIDENCE`, instead of being dropped. Only where the article
  has a home state or region: for national or foreign news nothing is guessed.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Span, Token

from chronicle.dictionaries import gazetteer as gz
from chronicle.dictionaries.placenames import name_key, strip_article
from chronicle.geo.anchors import Anchors, km_to
from chronicle.geo.places import following_place, make_place
from chronicle.nlp.analysis import Analysis
from chronicle.nlp.ner import LOCATIVES, TITLES, is_acronym
from chronicle.records import Place
from chronicle.wordlists import mapping, words

AREA_SUFFIXES = mapping("geo/area_suffixes")  # "Walker County" -> ADM2
WATER_SUFFIXES = mapping("geo/water_suffixes")  # "Raritan River" -> STM
WATER_PREFIXES = {"lake": "LK"}  # "Lake Lanier"
MAX_NAME_TOKENS = 3
NEARBY_KM = 60.0  # a town this close to home is the town a local story means
STATE_KM = 150.0
HOME_CONFIDENCE = 0.3  # a toponym placed at the article's home, not found in a gazetteer
TOWN_CONFIDENCE = 0.6  # a PERSON/ORG-tagged name taken for a nearby town
LOCATIVE_WORDS = LOCATIVES  # "in X", "near the X": written as a place (the entity correction's list)
_SPEECH = words("geo/speech_words")


def local_places(analysis: Analysis, places: list[Place], anchors: Anchors) -> list[Place]:
    """`places` with the places of the patterns, of mislabelled town names and of unknown toponyms
    (see above). A pattern's place replaces the places inside it ("Cumberland" read as a town in
    "Cumberland River")."""
    if anchors.admin1 is None and anchors.town is None:
        return places
    doc = analysis.doc
    patterns = _patterns(doc, anchors)
    out = [p for p in places if not any(_inside(p, q) for q in patterns)]
    for found in (patterns, _mislabelled_towns(doc, anchors), _unknown(doc, anchors)):
        for p in found:
            if not any(_overlap(p, q) for q in out):
                out.append(p)
    return out


def _inside(p: Place, q: Place) -> bool:
    """Is `p` within `q`'s span and shorter?"""
    if None in (p.start, p.end, q.start, q.end):
        return False
    return (q.start or 0) <= (p.start or 0) and (p.end or 0) <= (q.end or 0) and (p.end or 0) - (p.start or 0) < (
        q.end or 0) - (q.start or 0)


def _overlap(p: Place, q: Place) -> bool:
    return None not in (p.start, p.end, q.start, q.end) and (p.start or 0) < (q.end or 0) and (q.start or 0) < (
        p.end or 0)


def home_place(anchors: Anchors, text: str, start: int, end: int, feature_code: str | None = None) -> Place | None:
    """`text` at [start, end) placed at the finest known level of the article's home (low confidence)."""
    base: Place | None = anchors.town or anchors.county
    if base is None and anchors.admin1 is not None and (state := gz.admin1_of(*anchors.admin1)) is not None:
        base = make_place(state.name, None, None, state)
    if base is None:
        return None
    return dataclasses.replace(base, text=text, start=start, end=end, geonameid=None, name=text,
                               feature_code=feature_code or base.feature_code, basis="home",
                               confidence=HOME_CONFIDENCE)


def _patterns(doc: Doc, anchors: Anchors) -> list[Place]:
    out = []
    for i, tok in enumerate(doc):
        word = tok.lower_
        if word in AREA_SUFFIXES or word in WATER_SUFFIXES:
            if not tok.text[:1].isupper():
                continue
            k = i
            while k > 0 and i - k < MAX_NAME_TOKENS and _name_token(doc[k - 1]):
                k -= 1
            if k == i:
                continue
            span = doc[k: i + 1]
            place = _area(span, doc[k:i].text, word, anchors) if word in AREA_SUFFIXES else \
                home_place(anchors, span.text, span.start_char, span.end_char, WATER_SUFFIXES[word])
        elif word in WATER_PREFIXES and tok.text[:1].isupper():
            k = i + 1
            while k < len(doc) and k - i <= MAX_NAME_TOKENS and _name_token(doc[k]):
                k += 1
            if k == i + 1:
                continue
            span = doc[i:k]
            place = home_place(anchors, span.text, span.start_char, span.end_char, WATER_PREFIXES[word])
        else:
            continue
        if place is not None:
            out.append(place)
    return out


def _name_token(tok: Token) -> bool:
    text = tok.text
    return bool(text[:1].isupper()) and text.isalpha() and name_key(text) not in _SKIP_WORDS


# Capitalised words that start a sentence or a name but are no part of a place name.
_SKIP_WORDS = words("geo/name_skip_words")


def _area(span: Span, name: str, suffix: str, anchors: Anchors) -> Place | None:
    if AREA_SUFFIXES[suffix] == "ADM2":
        counties = gz.admin2_candidates(span.text) or gz.admin2_candidates(name)
        best = _nearest(counties, anchors)
        if best is not None:
            return make_place(span.text, span.start_char, span.end_char, best)
        return None  # a county we do not know is not guessed: it may be in another state
    towns = [c for c in gz.city_candidates(name) if c.primary]
    best = _nearest(towns, anchors, limit_km=STATE_KM)
    if best is not None:
        return make_place(span.text, span.start_char, span.end_char, best)
    return home_place(anchors, span.text, span.start_char, span.end_char, "ADMD")


def _nearest(cands: list[gz.Candidate], anchors: Anchors, limit_km: float | None = None) -> gz.Candidate | None:
    """The candidate of the anchor state nearest home (or the only one of the anchor country)."""
    if anchors.admin1 is not None:
        inside = [c for c in cands if (c.cc, c.admin1) == anchors.admin1]
    else:
        inside = [c for c in cands if c.cc == anchors.country]
    if not inside:
        return None
    points = anchors.points
    if not points:
        return inside[0] if len(inside) == 1 else None
    best = min(inside, key=lambda c: km_to(c.lat, c.lon, points))
    return best if limit_km is None or km_to(best.lat, best.lon, points) <= limit_km else None


def _mislabelled_towns(doc: Doc, anchors: Anchors) -> list[Place]:
    if not anchors.points and anchors.admin1 is None:
        return []
    people = [e for e in doc.ents if e.label_ == "PERSON" and len(e) > 1]
    person_words = {name_key(t.text) for e in people for t in (e[0], e[-1])}
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        text = strip_article(ent.text)
        if is_acronym(text) or gz.is_common_word(text) or name_key(text) in person_words:
            continue
        if _person_cue(doc, ent):
            continue
        town = _nearby_town(text, anchors)
        if town is not None:
            start = ent.start_char + len(ent.text) - len(text)
            place = make_place(text, start, ent.end_char, town)
            out.append(dataclasses.replace(place, confidence=TOWN_CONFIDENCE))
    return out


def _person_cue(doc: Doc, ent: Span) -> bool:
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    return before in TITLES or after in _SPEECH or after in {"'s", "’s"} or any(
        not t.text[:1].isupper() for t in ent)


def _nearby_town(text: str, anchors: Anchors) -> gz.Candidate | None:
    points = anchors.points
    for c in gz.city_candidates(text, limit=20):
        if not c.primary:
            continue
        if points and km_to(c.lat, c.lon, points) <= NEARBY_KM:
            return c
        if anchors.admin1 == (c.cc, c.admin1) and (not points or km_to(c.lat, c.lon, points) <= STATE_KM):
            return c
    return None


def _unknown(doc: Doc, anchors: Anchors) -> list[Place]:
    """GPE/LOC names that the resolver could not place, written as places are ("in X", "near the
    X", "X, Ga."): at the paired region, else at home, with low confidence.

    Evidence (dev): with every unplaced GPE/LOC name acc@161 0.7968 and detection precision 0.914;
    with only the locative or paired ones 0.7953 and 0.934; with none 0.7903 and 0.941.
    """
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC"):
            continue
        text = strip_article(ent.text)
        if len(text) < 3 or not text[:1].isupper() or is_acronym(text) or gz.is_common_word(text):
            continue
        if any(ch.isdigit() for ch in text):
            continue
        start = ent.start_char + len(ent.text) - len(text)
        pair = [c for c in following_place(doc, ent) if c.kind == gz.ADMIN1]
        if pair:
            place: Place | None = dataclasses.replace(
                make_place(text, start, ent.end_char, pair[0]), name=text, geonameid=None, basis="pair",
                confidence=HOME_CONFIDENCE)
        elif _written_as_place(doc, ent):
            place = home_place(anchors, text, start, ent.end_char)
        else:
            continue
        if place is not None:
            out.append(place)
    return out


def _written_as_place(doc: Doc, ent: Span) -> bool:
    """Is `ent` after a locative word ("in X", "near the X")?"""
    i = ent.start
    if i > 0 and doc[i - 1].lower_ == "the":
        i -= 1
    return i > 0 and doc[i - 1].lower_ in LOCATIVE_WORDS
