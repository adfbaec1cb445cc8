"""Facilities: buildings, streets and sites, placed at the town the article puts them in.

Reads the corrected `doc.ents` and the places already resolved; returns extra `Place`s at
resolution 5. No gazetteer lists hospitals or streets, but news says where they are: "a
hospital in Rome", "Main Street, Springfield", or simply a local story about one town. A
facility is

- a FAC entity the gazetteer cannot resolve to a large place (a small town that shares the
  name of a building is not that building: "White House", Tennessee), or
- an ORG entity or an untagged capitalised run whose last word is a facility noun
  ("Mercy General Hospital", "Elm Street").

Its point is the enclosing place, first found of: a town named inside it ("Lagos Central
Mosque"), a place right after it ("... Hospital in Rome", "Elm Street, Springfield"), a
town in the same sentence, the article's most-named town. Without one it is dropped: a
guess at the country's centre helps no one.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from chronicle.dictionaries import gazetteer as gz
from chronicle.dictionaries.countries import country_by_code
from chronicle.geo.places import make_place
from chronicle.nlp.ner import CITY_PRIOR, TOWN_PRIOR
from chronicle.records import Place
from chronicle.wordlists import mapping, words

# Last word of a facility name -> GeoNames feature code.
HEADS: dict[str, str] = mapping("geo/facility_heads")
_ORG_HEADS = frozenset(HEADS) - words("geo/facility_heads_of_bodies")  # "House of Commons": a body, not a site
_FOLLOW = words("geo/facility_followers")
_MAX_RUN = 6


def _head(span: Span) -> str | None:
    """The feature code of the span's last word, when it is a facility noun."""
    last = span[-1].lower_ if len(span) else ""
    return HEADS.get(last)


def _runs(doc: Doc, taken: set[int]) -> list[Span]:
    """Untagged capitalised runs ending in a street or building noun ("Elm Street", "Third Avenue")."""
    out = []
    for tok in doc:
        if tok.i in taken or tok.lower_ not in HEADS or not tok.text[:1].isupper() or tok.i == 0:
            continue
        start = tok.i
        while start > 0 and tok.i - start < _MAX_RUN and doc[start - 1].i not in taken and (
                doc[start - 1].text[:1].isupper() or doc[start - 1].like_num or doc[start - 1].lower_ in {"'s", "’s"}
        ) and not doc[start - 1].is_sent_end and doc[start - 1].text not in {"The", "A"}:
            start -= 1
        if start < tok.i and not doc[start].is_sent_start:
            out.append(doc[start: tok.i + 1])
    return out


def _enclosing(doc: Doc, span: Span, towns: list[tuple[int, int, Place]], regions: list[tuple[int, int, Place]],
               home: Place | None, countries: Counter[str]) -> Place | None:
    """The town a facility is in, by the order in the module docstring."""
    # "Colorado State University": a region named inside the name bounds where it can be.
    region = next((p for s, e, p in regions if span.start_char <= s and e <= span.end_char), None)

    def inside(p: Place | None) -> bool:
        return p is not None and (region is None or (p.country == region.country and p.admin1 == region.admin1))

    # "Washington University in St. Louis": the place after the name beats a town inside it.
    i = span.end
    if i < len(doc) and doc[i].lower_ in _FOLLOW:
        j = i + 1 + (i + 1 < len(doc) and doc[i + 1].lower_ == "the")
        if j < len(doc):
            for m_start, _m_end, place in towns:
                if m_start == doc[j].idx and inside(place):
                    return place
    for m_start, m_end, place in towns:
        if span.start_char <= m_start and m_end <= span.end_char:
            return place
    for m in _inner_towns(doc, span, countries, home):
        if inside(m):
            return m
    sent = span.sent
    near = [p for s, _e, p in towns if sent.start_char <= s < sent.end_char and p.resolution == 4 and inside(p)]
    if near:
        return min(near, key=lambda p: abs((p.start or 0) - span.start_char))
    return home if inside(home) else region


def _inner_towns(doc: Doc, span: Span, countries: Counter[str], home: Place | None) -> list[Place]:
    """Towns named inside a facility name that their size, the article's home region or its
    countries vouch for ("Lagos Central Mosque"; not Poplar, Pennsylvania, for "Poplar Street")."""
    words = [t for t in span if t.text[:1].isupper() and t.lower_ not in HEADS]
    out = []
    for k in range(len(words), 0, -1):
        for a in range(0, len(words) - k + 1):
            run = words[a: a + k]
            if run[-1].i - run[0].i != k - 1:
                continue
            text = doc[run[0].i: run[-1].i + 1].text
            if gz.is_common_word(text):
                continue
            cands = gz.city_candidates(text, limit=5)
            best = next((c for c in cands if c.primary and (
                c.population >= CITY_PRIOR or _in_region(c, home) or (countries[c.cc] and c.population >= TOWN_PRIOR))),
                None)
            if best is not None:
                out.append(make_place(doc[run[0].i: run[-1].i + 1].text, None, None, best))
        if out:
            return out
    return out


def _in_region(c: gz.Candidate, home: Place | None) -> bool:
    """Is the town `c` in the first-level region of the article's home town?"""
    if home is None or not c.admin1 or home.admin1 is None:
        return False
    region = gz.admin1_of(c.cc, c.admin1)
    country = country_by_code(c.cc)
    return region is not None and region.name == home.admin1 and country is not None and \
        country.iso3 == home.country


def facility_places(doc: Doc, places: list[Place], countries: Counter[str], home: Place | None) -> list[Place]:
    """Places for the facilities of `doc` not already covered by `places` (resolution 5)."""
    # A name already resolved as a whole (a landmark, a town) is not a facility; a place inside
    # it ("Colorado" in "Colorado State University") does not stop it being one.
    whole = [(p.start, p.end) for p in places if p.start is not None and p.end is not None]
    towns = [(p.start, p.end, p) for p in places if p.start is not None and p.end is not None and
             p.resolution in (3, 4)]
    regions = [(p.start, p.end, p) for p in places if p.start is not None and p.end is not None and
               p.resolution == 2]
    spans: list[tuple[Span, str]] = []
    in_ents: set[int] = set()
    for ent in doc.ents:
        in_ents.update(range(ent.start, ent.end))
        core = ent[1:] if len(ent) > 1 and ent[0].lower_ == "the" else ent
        code = _head(core)
        if ent.label_ == "FAC" or (ent.label_ == "ORG" and code is not None and core[-1].lower_ in _ORG_HEADS):
            spans.append((core, code or "BLDG"))
    spans.extend((run, _head(run) or "BLDG") for run in _runs(doc, in_ents))
    out = []
    for span, code in spans:
        if any(s <= span.start_char and span.end_char <= e for s, e in whole):
            continue
        where = _enclosing(doc, span, towns, regions, home, countries)
        if where is None or where.lat is None:
            continue
        out.append(Place(text=span.text, start=span.start_char, end=span.end_char, name=span.text, geonameid=None,
                         lat=where.lat, lon=where.lon, country=where.country, admin1=where.admin1,
                         feature_code=code, resolution=5))
    return out
