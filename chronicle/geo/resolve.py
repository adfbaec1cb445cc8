"""Place resolution: reads the corrected `doc.ents` of an Analysis, returns resolved `Place`s.

Every GPE/LOC/FAC entity whose name the gazetteer knows becomes a Place. Candidates
(country, first-level region, county, populated place, world region) are ranked with the
article as evidence:

- country context: countries named or implied by a demonym, weighted by mentions, and the
  dateline's country;
- "City, Region" and "City, Country" pairs ("Riverside, California" is not Riverside, Ohio);
- regions named elsewhere in the article (a town in a state the story names);
- a region cue after the name ("Mopti region" is the region, resolution 2);
- population, and whether the name is the place's main name or only an alternate one.

A country name always resolves to the country (resolution 1): "Niger" in any story is
the country, not the river or the Nigerian state, unless written "Niger State".
Results are cached on the Doc (`doc.user_data`), so `place_at` costs nothing after the
pipeline's `resolve_places`. What the extra passes share with this module (Place records, the
"Name, Place" pair) lives in chronicle/geo/places.py, below all of them.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from chronicle.dictionaries import gazetteer as gz
from chronicle.dictionaries.actors import lookup_named
from chronicle.dictionaries.countries import country_by_code, country_by_demonym, country_by_name
from chronicle.dictionaries.placenames import name_key, strip_article
from chronicle.geo.anchors import LEAD_SENTENCES, NO_ANCHORS, Anchors, km_to, title_keys, vote
from chronicle.geo.demonyms import demonym_places, is_demonym_place
from chronicle.geo.facilities import facility_places
from chronicle.geo.local import local_places
from chronicle.geo.main_country import main_country
from chronicle.geo.places import following_place, listed, make_place
from chronicle.geo.places import place_at as place_among
from chronicle.nlp.analysis import Analysis
from chronicle.nlp.ner import CITY_PRIOR, TITLES, TOWN_PRIOR, Match, find_matches, is_acronym
from chronicle.records import Place
from chronicle.wordlists import words

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NAME_LABELS = frozenset({"ORG", "FAC"})  # names that may hold a place name inside
_CACHE_KEY = "chronicle.geo.places"
_ANCHORS_KEY = "chronicle.geo.anchors"
_REGION_CUES = words("geo/region_cues")  # "Mopti region": the name is the region
_DIRECTIONS = words("geo/directions")  # "central Washington": the name is an area
EDGE_TOWN = 100_000  # a town this large named at the edge of an organisation's name is that town
EDGE_TOWN_NAMED = 5_000  # ... or this large, in a country the article names (both set by hand, commit 2ae2f51)
WORLD_CITY = 1_000_000  # see _best_city
WORLD_CITY_RATIO = 100  # ... and this many times the best-scoring town (by hand, commit 2ae2f51)
BIG_CITY = 500_000  # a city this big beats a same-named region that does not contain it ("Washington")

# First-pass country context (`_context`): votes per mention, ISO2 -> weight. Set by hand with the
# first resolver (commit 0e3165e), never searched; `Weights.share` and `Weights.named`, which were,
# read them as a share and as "named at all". A country named outright counts twice a region named
# or a national adjective; the dateline's town counts three (where the reporter files from).
CONTEXT_COUNTRY = 2
CONTEXT_REGION = 1
CONTEXT_DEMONYM = 1
CONTEXT_DATELINE = 3

# "Town, ST" pairs in `_score`. The pair is a hard constraint (`_best_city` keeps only the towns in
# the paired region); the bonus and penalty rank a town against a same-named region or county, and
# are big enough to outweigh every other term (10 points is a factor of 10^8 in population at
# `Weights.population` 1.25). Set by hand with the first resolver (commit 0e3165e); not in the
# weight search (scripts/search_geo_weights.py), which leaves hard constraints alone.
PAIR_BONUS = 10.0
PAIR_PENALTY = 5.0
# A dateline names a city a wire reporter files from: its candidates score their population once
# more, x log10(population) (by hand, commit 0e3165e).
DATELINE_POPULATION = 1.0


@dataclass(frozen=True)
class Weights:
    """The candidate score's weights; one point is a factor of ten in population.

    Chosen by `scripts/search_geo_weights.py` (coordinate ascent on acc@161 km end to end over the
    GeoWebNews dev file, 200 articles, 2,599 toponyms; report in bench/results_geo_weights.json).
    Beside each: the dev acc@161 with that one weight at 0 (the feature off), to set against
    0.7984 with all chosen (docs/RESOLVERS.md, "Weights")."""

    # value  (dev acc@161 with the chosen weights 0.7984; in brackets: with this weight at 0)
    population: float = 1.25  # x log10(population) of a town (0.7891); areas score `area_base` instead
    area_base: float = 5.0  # a region's or county's score in place of its population (not searched)
    share: float = 2.0  # x the share of the article's country weight its country holds (0.7965)
    named: float = 1.0  # the article names its country at all (0.7984: a tie, kept)
    region: float = 1.0  # the article names its first-level region (0.7961)
    # it lies in the article's anchor state: dev acc@161 0.7984 at 0 and 0.5, 0.7972 at 1, 0.7934 at 3.
    # Dev (international news) cannot tell 0 from 0.5; the search starts here and keeps the current
    # value on ties, so it stays at 0.5, which local news needs ("London" in a story about Ohio,
    # tests/test_geo_places.py).
    anchor_region: float = 0.5
    near: float = 1.0  # within near_km of another place the article names, half within twice that (0.7965)
    near_km: float = 50.0  # (100 km 0.7972, 150 km 0.7949, 250 km 0.7953)
    home: float = 1.0  # within home_km of the article's home town or county (0.7980)
    home_km: float = 60.0  # (30 km 0.7980; 100 and 160 km 0.7984, a tie)
    alternate: float = 2.0  # taken off when the name is only an alternate name of it (0.7930)
    capital: float = 1.0  # a national capital (0.7984: kept, the search keeps a value on ties)
    county_penalty: float = 1.5  # taken off a county against a same-named town (0.7972)


WEIGHTS = Weights()


@dataclass
class Context:
    """What the article says about where it is: country weights and named regions."""

    countries: Counter[str]  # ISO2 -> weight
    admin1: set[tuple[str, str]]  # (ISO2, admin1 code)
    local: Counter[str] = field(default_factory=Counter)  # ISO2 -> place names resolved below country level
    points: tuple[tuple[float, float], ...] = ()  # where those places are (second pass)
    near: dict[str, tuple[tuple[float, float], ...]] = field(default_factory=dict)  # name key -> points of others
    regions: dict[str, tuple[str, str]] = field(default_factory=dict)  # name key -> the region it resolved to
    anchors: Anchors = NO_ANCHORS  # the article's voted country, state, county, home town (second pass)

    def share(self, cc: str) -> float:
        total = sum(self.countries.values())
        return self.countries[cc] / total if total else 0.0


def _core(span: Span) -> tuple[int, int]:
    """Character range of an entity without a leading article or a trailing possessive."""
    text = span.text
    start, end = span.start_char, span.end_char
    bare = strip_article(text)
    start += len(text) - len(bare)
    for tail in ("'s", "’s", "'", "’"):
        if bare.endswith(tail) and len(bare) > len(tail):
            end -= len(tail)
            break
    return start, end


def _after_name(doc: Doc, span: Span) -> bool:
    """Does `span` follow "Name, " ("Slidell, La.")?"""
    i = span.start
    return i >= 2 and doc[i - 1].text == "," and doc[i - 2].text[:1].isupper()


def _landmark_place(text: str, start: int, end: int) -> Place | None:
    found = gz.landmark(text)
    if found is None:
        return None
    city, code = found
    place = make_place(text, start, end, city)
    place.name, place.geonameid, place.feature_code, place.resolution = text, None, code, 5
    return place


def _context(analysis: Analysis) -> Context:
    countries: Counter[str] = Counter()
    admin1: set[tuple[str, str]] = set()
    for ent in analysis.doc.ents:
        if ent.label_ in PLACE_LABELS:
            country = country_by_name(ent.text)
            if country is not None:
                # "Georgia" could be the US state: it vouches for neither until resolved.
                if not any(r.cc != country.iso2 for r in gz.admin1_candidates(strip_article(ent.text))):
                    countries[country.iso2] += CONTEXT_COUNTRY
                continue
            regions = gz.admin1_candidates(strip_article(ent.text))
            towns = gz.city_candidates(strip_article(ent.text), limit=1)
            # "Portland" names a Jamaican parish, but first of all towns: it vouches for no region.
            if len(regions) == 1 and not (towns and towns[0].population >= TOWN_PRIOR):
                countries[regions[0].cc] += CONTEXT_REGION
                admin1.add((regions[0].cc, regions[0].admin1))
        elif ent.label_ == "NORP":
            country = country_by_demonym(ent.text)
            if country is not None:
                countries[country.iso2] += CONTEXT_DEMONYM
    dateline = analysis.article.dateline
    if dateline:
        head = dateline.split(",")[0].strip().title()
        cities = gz.city_candidates(head, limit=3)
        if cities:
            countries[cities[0].cc] += CONTEXT_DATELINE
    return Context(countries, admin1)


def _score(c: gz.Candidate, ctx: Context, pair: list[gz.Candidate]) -> float:
    w = WEIGHTS
    score = w.population * math.log10(c.population + 10) if c.kind == gz.CITY else w.area_base
    score += w.share * ctx.share(c.cc) + (w.named if ctx.countries[c.cc] else 0.0)
    if (c.cc, c.admin1) in ctx.admin1:
        score += w.region
    if pair:
        score += PAIR_BONUS if _in_pair(c, pair) else -PAIR_PENALTY
    if not c.primary:
        score -= w.alternate
    if c.feature_code == "PPLC":
        score += w.capital
    if ctx.points and c.cc:
        score += _proximity(c, ctx.points)
    anchors = ctx.anchors
    if anchors.admin1 is not None and (c.cc, c.admin1) == anchors.admin1:
        score += w.anchor_region
    if anchors.points and c.cc:
        score += w.home if km_to(c.lat, c.lon, anchors.points) <= w.home_km else 0.0
    return score


def _in_pair(c: gz.Candidate, pair: list[gz.Candidate]) -> bool:
    return any(p.cc == c.cc and (p.kind == gz.COUNTRY or p.admin1 == c.admin1) for p in pair)


def _proximity(c: gz.Candidate, points: tuple[tuple[float, float], ...]) -> float:
    """A bonus for a candidate near the article's other places (the first pass's towns and regions).

    Local news names places close to one another: of two Hamilton Counties, the one beside the
    other towns of the story is meant.
    """
    km = km_to(c.lat, c.lon, points)
    return WEIGHTS.near if km <= WEIGHTS.near_km else (WEIGHTS.near / 2 if km <= 2 * WEIGHTS.near_km else 0.0)


def _best_city(cities: list[gz.Candidate], ctx: Context, pair: list[gz.Candidate]) -> gz.Candidate:
    """The best-scoring town, unless a world city of the name dwarfs it and nothing local backs it.

    Country context alone must not send "London" in an American story to a Kentucky village:
    a town a hundred times smaller than a world city needs a pair or a named region of its own.
    """
    if pair and any(_in_pair(c, pair) for c in cities):
        cities = [c for c in cities if _in_pair(c, pair)]  # "Riverside, Calif.": only California's
    best = max(cities, key=lambda c: _score(c, ctx, pair))
    largest = next((c for c in cities if c.primary), cities[0])
    if (largest is not best and not pair and largest.population >= WORLD_CITY
            and largest.population >= WORLD_CITY_RATIO * best.population and (best.cc, best.admin1) not in ctx.admin1):
        return largest
    return best


def _preceding_town_region(doc: Doc, span: Span, regions: list[gz.Candidate]) -> gz.Candidate | None:
    """In "Town, Region" (not in a list), the region of `regions` that holds a town of that name."""
    i = span.start
    if i < 2 or doc[i - 1].text != "," or listed(doc, span.end):
        return None
    # The town is the capitalised run before the comma (it may end an organisation's name:
    # "Cornell University in Ithaca, New York").
    start = i - 1
    while start > 0 and i - 1 - start < 3 and doc[start - 1].text[:1].isupper() and not doc[start - 1].is_sent_end:
        start -= 1
    for k in range(start, i - 1):
        towns = {(c.cc, c.admin1) for c in gz.city_candidates(doc[k: i - 1].text, limit=20)}
        found = next((r for r in regions if (r.cc, r.admin1) in towns), None)
        if found is not None:
            return found
    return None


def _choose(text: str, doc: Doc, span: Span, ctx: Context) -> gz.Candidate | None:
    """The best candidate for the entity `span` whose core text is `text`."""
    country = country_by_name(text)
    if country is not None and (pair := following_place(doc, span)):
        # "Lebanon, Tenn.", "Mexico, Mo.": a country's name paired with another country's region is
        # a town of that region (the pair is a hard constraint).
        towns = [c for c in gz.city_candidates(text) if c.cc != country.iso2 and _in_pair(c, pair)]
        if towns:
            return towns[0]
    if country is not None:
        # "Georgia" with Atlanta and Savannah is the state: a country name that is also a region of
        # another country is that region when more of the article's towns and regions lie there.
        other = [r for r in gz.admin1_candidates(text) if r.cc != country.iso2]
        if other and ctx.local[other[0].cc] > ctx.local[country.iso2]:
            return other[0]
        return gz.country_candidate(country)
    region = gz.region_candidate(text)
    if region is not None:
        return region
    abbr = gz.abbreviation(text)
    if abbr is not None and (abbr.standalone or _after_name(doc, span)):
        if abbr.region.cc == "US" and abbr.region.admin1 == "DC":
            return gz.city_in("Washington", "US", "DC") or abbr.region  # "D.C." is the city
        return abbr.region
    if is_acronym(text):
        return None  # "MoD", "BA": an organisation's initials, not a town that shares the letters
    nxt = doc[span.end].lower_ if span.end < len(doc) else ""
    prev = doc[span.start - 1] if span.start > 0 else None
    # "Mopti region", and "central Washington": a direction before the name speaks of an area.
    cue = nxt in _REGION_CUES or (prev is not None and prev.lower_ in _DIRECTIONS and prev.is_lower)
    pair = following_place(doc, span)
    admin1 = gz.admin1_candidates(text)
    if admin1 and (holder := _preceding_town_region(doc, span, admin1)) is not None:
        return holder  # "Ithaca, New York", "Tacoma, Washington": the state
    # "the Valley", "Commerce": an ordinary word is a town only when a pair says so.
    cities = gz.city_candidates(text) if pair or not gz.is_common_word(text) else []
    if admin1:
        best_admin = max(admin1, key=lambda c: _score(c, ctx, pair))
        if cue or not cities:
            return best_admin
        best_city = _best_city(cities, ctx, pair)
        # The region's seat shares its name (Mopti, New York): the city, unless a cue says region.
        # GeoNames calls some seats by a longer name ("New York City"): a big one counts by its alias.
        seat = best_city.cc == best_admin.cc and best_city.admin1 == best_admin.admin1 and (
            best_city.primary or best_city.population >= BIG_CITY)
        foreign_big = best_city.population >= BIG_CITY and best_city.primary
        # "Victoria, B.C.": the pair vouches for the town, not for the Australian state.
        paired = bool(pair) and _score(best_city, ctx, pair) > _score(best_admin, ctx, pair)
        # A city larger than the whole region of its name (Manchester, not the Jamaican parish), or
        # one of a country the article is more about, is the city.
        bigger = best_city.primary and best_city.population >= CITY_PRIOR and \
            best_city.population > best_admin.population
        closer = ctx.countries[best_city.cc] > ctx.countries[best_admin.cc] and (
            best_city.population >= TOWN_PRIOR or (best_city.cc, best_city.admin1) in ctx.admin1)
        # The article names the region elsewhere ("Camp Murray, Wash."): the region, not a big city
        # of that name in another region.
        named = (best_admin.cc, best_admin.admin1) in ctx.admin1 and not seat
        chosen = (seat and best_city.population >= TOWN_PRIOR) or paired or (
            (foreign_big or bigger or closer) and not named)
        return best_city if chosen else best_admin
    admin2 = gz.admin2_candidates(text)
    if cities:
        best_city = _best_city(cities, ctx, pair)
        if admin2 and not pair:
            # A county far bigger than any town of the name, in a country the article is about
            # ("Hampshire", "Kent" in a British story), is the county.
            best2 = max(admin2, key=lambda c: _score(c, ctx, pair))
            if _admin2_score(best2, ctx) > _score(best_city, ctx, pair):
                return best2
        return best_city
    if admin2:
        return max(admin2, key=lambda c: _score(c, ctx, pair))
    return None


def _admin2_score(c: gz.Candidate, ctx: Context) -> float:
    """A county on the towns' scale: its population, less a penalty (a bare name is more often a town)."""
    w = WEIGHTS
    return w.population * math.log10(c.population + 10) - w.county_penalty + w.share * ctx.share(c.cc) + (
        w.named if ctx.countries[c.cc] else 0.0) + (w.region if (c.cc, c.admin1) in ctx.admin1 else 0.0)


def resolve_places(analysis: Analysis) -> list[Place]:
    """Every toponym mention (GPE/LOC/FAC entity after correction) that the gazetteer resolves.

    Two passes: the first ranks candidates with the context the entities give (`_context`),
    the second with what the first resolved (`_resolved_context`): the countries of the places
    found and only the regions resolved as regions, so "New York" read as the city no longer
    vouches for a village called Boston in New York state.
    """
    doc = analysis.doc
    cached = doc.user_data.get(_CACHE_KEY)
    if cached is not None:
        return list(cached)
    first = _context(analysis)
    places = _entity_places(analysis, first) + _embedded_places(analysis, first)
    ctx, votes = _resolved_context(first, places)
    ctx.anchors = _anchors(analysis, places)
    places = _entity_places(analysis, ctx, votes)
    places.extend(_embedded_places(analysis, ctx, votes))
    places = one_sense(doc, places)
    anchors = _anchors(analysis, places)
    doc.user_data[_ANCHORS_KEY] = anchors
    places.extend(facility_places(doc, places, ctx.countries, _home(analysis, places)))
    places.extend(demonym_places(doc, places))
    places = local_places(analysis, places, anchors)
    places.sort(key=lambda p: p.start or 0)
    doc.user_data[_CACHE_KEY] = places
    return list(places)


def _anchors(analysis: Analysis, places: list[Place]) -> Anchors:
    """The article's anchors voted from `places` (see chronicle/geo/anchors.py)."""
    doc = analysis.doc
    paired = {_core(e)[0] for e in doc.ents if e.label_ in PLACE_LABELS and following_place(doc, e)}
    sents = list(doc.sents)
    lead_end = sents[min(LEAD_SENTENCES, len(sents)) - 1].end_char if sents else 0
    dateline = analysis.article.dateline_place
    if dateline is None and analysis.article.dateline:
        dateline = resolve_dateline(analysis.article.dateline, analysis)
    return vote([p for p in places if not is_demonym_place(p)], paired, lead_end, dateline,
                title_keys(analysis.article.title))


def article_home(analysis: Analysis) -> Place | None:
    """The article's main place: its home town, else county, else state, else country (anchors
    voted from the places it names), with null offsets; None when it names no place."""
    resolve_places(analysis)
    anchors: Anchors = analysis.doc.user_data.get(_ANCHORS_KEY, NO_ANCHORS)
    for found in (anchors.town, anchors.county):
        if found is not None:
            return dataclasses.replace(found, text=found.name or found.text, start=None, end=None)
    if anchors.admin1 is not None and (state := gz.admin1_of(*anchors.admin1)) is not None:
        return make_place(state.name, None, None, state)
    country = country_by_code(anchors.country) if anchors.country else None
    return make_place(country.name, None, None, gz.country_candidate(country)) if country else None


def one_sense(doc: Doc, places: list[Place]) -> list[Place]:
    """One sense per name per article: every mention of a town or county name takes the sense of
    its mention in a "Town, ST" pair, else of its first mention (news says where a place is when
    it first names it), so "Springfield" is not two towns in one story. A country's name read as
    the country changes only when a mention pairs it as a town ("Lebanon, Tenn."); regions are
    left alone: "Washington" the state and the city are told apart by their own cues.

    Evidence (dev, acc@161 km end to end): first mention 0.8007, majority of mentions 0.7968,
    no unification 0.8007 (scripts/search_geo_weights.py's Bench, weights of the time).
    """
    sense: dict[str, Place] = {}
    paired: set[str] = set()
    starts = {e.start_char: e for e in doc.ents}
    for p in places:
        if p.resolution not in (3, 4) or p.start is None:
            continue
        key = name_key(p.text)
        ent = starts.get(p.start)
        if ent is not None and key not in paired and following_place(doc, ent):
            sense[key] = p
            paired.add(key)
        sense.setdefault(key, p)
    out = []
    for p in places:
        key = name_key(p.text)
        chosen = sense.get(key)
        if chosen is None or (chosen.lat, chosen.lon) == (p.lat, p.lon) or not (
                p.resolution in (3, 4) or (p.resolution == 1 and key in paired)):
            out.append(p)
            continue
        out.append(dataclasses.replace(chosen, text=p.text, start=p.start, end=p.end))
    return out


def _entity_places(analysis: Analysis, ctx: Context, votes: dict[str, str] | None = None) -> list[Place]:
    """The places of the GPE/LOC/FAC entities, ranked with `ctx`.

    `votes` (name key -> ISO2) are the countries the first pass gave each name; a name is ranked
    without its own vote, so only the other places of the article speak for it.
    """
    doc, text = analysis.doc, analysis.text
    places: list[Place] = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        start, end = _core(ent)
        if start >= end:
            continue
        if _armed_or_party_group(text[start:end]):
            continue
        if (mark := _landmark_place(text[start:end], start, end)) is not None:
            places.append(mark)
            continue
        cand = _choose(text[start:end], doc, ent, _without(ctx, text[start:end], votes))
        # A building or road sharing a small town's name is not that town ("White House", Tennessee):
        # the facility pass places it in its town instead.
        if cand is not None and ent.label_ == "FAC" and cand.kind == gz.CITY and cand.population < CITY_PRIOR:
            continue
        if cand is not None:
            places.append(make_place(text[start:end], start, end, cand))
    return places


# Sectors of groups, not places: a name the actor dictionaries give one of them ("Hamas", "Hezbollah")
# is the group even where a place is spelt alike (Hamm, Germany, has "Hamas" among its names).
_GROUP_SECTORS = frozenset({"REB", "PRM", "PTY", "OPP", "UAF", "CRM"})


def _armed_or_party_group(name: str) -> bool:
    hit = lookup_named(name)
    return hit is not None and bool(_GROUP_SECTORS & set(hit.sectors))


def _without(ctx: Context, text: str, votes: dict[str, str] | None) -> Context:
    """`ctx` for ranking the name `text`: without what the first pass made of that very name (its
    country vote, its region, its point), so only the article's other places speak for it."""
    key = name_key(text)
    own = votes.get(key) if votes else None
    if own is None:
        return ctx
    anchors = ctx.anchors
    for level in ("town", "county"):  # the home town does not vouch for its own name
        found = getattr(anchors, level)
        if found is not None and name_key(found.text) == key:
            anchors = dataclasses.replace(anchors, **{level: None})
    return Context(ctx.countries - Counter({own: 1}), ctx.admin1 - {ctx.regions.get(key)},
                   ctx.local - Counter({own: 1}), ctx.near.get(key, ctx.points), anchors=anchors)


def _resolved_context(first: Context, places: list[Place]) -> tuple[Context, dict[str, str]]:
    """The entities' country weights plus one per place name resolved below country level; the
    regions resolved as regions. Also returns each name's vote (name key -> ISO2)."""
    votes: dict[str, str] = {}
    regions: dict[str, tuple[str, str]] = {}
    where: dict[str, tuple[float, float]] = {}
    for p in places:
        country = country_by_code(p.country) if p.country else None
        if country is None:
            continue
        if p.resolution in (2, 3, 4):
            votes.setdefault(name_key(p.text), country.iso2)
            if p.lat is not None and p.lon is not None:
                where.setdefault(name_key(p.text), (p.lat, p.lon))
        if p.resolution == 2 and p.feature_code == "ADM1":
            found = gz.admin1_candidates(p.name or "")
            code = next((c.admin1 for c in found if c.cc == country.iso2), None)
            if code:
                regions.setdefault(name_key(p.text), (country.iso2, code))
    local = Counter(votes.values())
    points = tuple(where.values())
    near = {key: tuple(pt for k, pt in where.items() if k != key) for key in where}
    return Context(first.countries + local, set(regions.values()), local, points, near, regions), votes


def _home(analysis: Analysis, places: list[Place]) -> Place | None:
    """The town the article is about: its dateline's, else the town it names most (first named on ties)."""
    dateline = analysis.article.dateline_place
    if dateline is not None and dateline.resolution == 4:
        return dateline
    towns = [p for p in places if p.resolution == 4 and p.geonameid is not None]
    if not towns:
        return None
    # A foreign capital named in passing is not home: prefer towns of the article's main country.
    main = Counter(p.country for p in places if p.country).most_common(1)[0][0]
    towns = [p for p in towns if p.country == main] or towns
    counts = Counter(p.geonameid for p in towns)
    best = max(counts.values())
    return next(p for p in towns if counts[p.geonameid] == best)


def _embedded_places(analysis: Analysis, ctx: Context, votes: dict[str, str] | None = None) -> list[Place]:
    """Places named inside an organisation or facility name.

    "California Highway Patrol" stays one ORG entity, but the text still names California:
    the place is reported (the entity is not split). Countries, first-level regions and
    standalone region abbreviations ("Small Business BC") count anywhere in the name. A town
    counts only at the name's edge ("Leeds City Council", "University of Leeds") and when it is
    large or in a country the article names, so a town-like word inside a name ("Alliance"
    in "Alliance of Sahel States") never does.
    """
    doc = analysis.doc
    owner = {i: e for e in doc.ents if _is_name_owner(e) for i in range(e.start, e.end)}
    if not owner:
        return []
    out = []
    for m in find_matches(doc):
        ent = owner.get(m.start)
        if ent is None or m.end > ent.end:
            continue
        if m.kind == gz.CITY and not _edge_town(doc, ent, m, ctx):
            continue
        if m.kind not in (gz.COUNTRY, gz.ADMIN1, gz.ADMIN2, gz.CITY, gz.REGION):
            continue
        span = doc[m.start: m.end]
        here = _without(ctx, span.text, votes)
        if m.kind == gz.ADMIN2:
            # "Walker County Sheriff's Office": a county written with its suffix.
            cand = max(gz.admin2_candidates(span.text), key=lambda c: _score(c, here, []), default=None)
        else:
            cand = _choose(span.text, doc, span, here)
        # A region inside a name must be one of the article's countries' (or a US state):
        # "Central District" in "Seoul Central District Court" is not Israel's.
        if cand is not None and cand.kind in (gz.ADMIN1, gz.ADMIN2) and cand.cc != "US" and not ctx.countries[cand.cc]:
            continue
        if cand is not None:
            out.append(make_place(span.text, span.start_char, span.end_char, cand))
    for i, ent in owner.items():
        abbr = gz.abbreviation(doc[i].text)
        if abbr is not None and abbr.standalone and i > ent.start and not doc[i - 1].like_num:
            out.append(make_place(doc[i].text, doc[i].idx, doc[i].idx + len(doc[i]), abbr.region))
    return out


# Words that make a PERSON-tagged entity an organisation the small model misread
# ("Abuja Chamber of Commerce" tagged PERSON).
_ORG_WORDS = words("geo/organisation_words")


def _is_name_owner(ent: Span) -> bool:
    """Is `ent` an organisation or facility name that may hold a place name inside?"""
    if ent.label_ in _NAME_LABELS:
        return True
    return ent.label_ == "PERSON" and any(t.lower_ in _ORG_WORDS for t in ent)


def _edge_town(doc: Doc, ent: Span, m: Match, ctx: Context) -> bool:
    """Is the town match `m` a vouched-for place name at the start or end of the name `ent`?"""
    start = ent.start + (doc[ent.start].lower_ == "the")
    end = ent.end - (doc[ent.end - 1].lower_ in {"'s", "’s"})
    if m.start != start and m.end != end:
        return False
    if m.start == start and m.end == end:
        return False  # the whole name: the tagger's call stands
    if m.start > 0 and doc[m.start - 1].lower_ in TITLES:
        return False
    if gz.is_common_word(doc[m.start: m.end].text):
        return False  # "Chapman University", "Barclays Center"
    cities = gz.city_candidates(doc[m.start: m.end].text, limit=5)
    return any(c.primary and (c.population >= EDGE_TOWN or (ctx.countries[c.cc] and c.population >= EDGE_TOWN_NAMED))
               for c in cities)


def resolve_dateline(dateline: str, analysis: Analysis) -> Place | None:
    """The dateline ("BAMAKO", "RIVERSIDE, Calif.") as a Place with null offsets, or None."""
    parts = [p.strip() for p in dateline.split(",") if p.strip()]
    if not parts:
        return None
    head = parts[0].title()
    pair: list[gz.Candidate] = []
    if len(parts) > 1:
        tail = parts[1]
        if (state := gz.us_state_abbreviation(tail)) is not None:
            pair = [state]
        elif (c := country_by_name(tail)) is not None:
            pair = [gz.country_candidate(c)]
        else:
            pair = list(gz.admin1_candidates(tail))
    country = country_by_name(parts[0]) or country_by_name(head)
    if country is not None:
        # "LEBANON, Tenn.": a country's name with another country's region is that region's town.
        towns = [c for c in gz.city_candidates(head) if pair and c.cc != country.iso2 and _in_pair(c, pair)]
        if towns:
            return make_place(dateline, None, None, towns[0])
        return make_place(dateline, None, None, gz.country_candidate(country))
    ctx = _context(analysis)
    cities = gz.city_candidates(head)
    if cities:
        # A dateline names a city a wire reporter files from: population matters more than in prose.
        best = max(cities, key=lambda c: _score(c, ctx, pair) + DATELINE_POPULATION * math.log10(c.population + 10))
        return make_place(dateline, None, None, best)
    admin1 = gz.admin1_candidates(head)
    if admin1:
        return make_place(dateline, None, None, max(admin1, key=lambda c: _score(c, ctx, pair)))
    return None


def dominant_country(analysis: Analysis) -> Place | None:
    """The country the article is mostly about (`main_country.main_country` over its places and
    dateline, resolved here when the article does not hold them yet), as a resolution-1 Place with
    null offsets."""
    article = analysis.article
    dateline = article.dateline_place
    if dateline is None and article.dateline:
        dateline = resolve_dateline(article.dateline, analysis)
    iso3 = main_country(resolve_places(analysis), dateline, analysis.doc)
    country = country_by_code(iso3) if iso3 else None
    if country is None:
        return None
    return make_place(country.name, None, None, gz.country_candidate(country))


def names_only(doc: Doc, place: Place) -> bool:
    """Does `place` only help name someone, rather than say where something is?

    True for a national adjective ("French troops", see `demonyms.is_demonym_place`) and for a
    toponym inside a longer organisation or facility name ("Illinois" in "Illinois Department
    of Public Health", "Ottawa" in "Ottawa Police Service"). Such places are listed, but the
    event coder does not take them as an event's place. A facility placed as a whole (resolution
    5, the entity's own span) is not inside a name: it is the name.
    """
    if is_demonym_place(place):
        return True
    if place.start is None or place.end is None:
        return False
    for ent in doc.ents:
        if ent.label_ in _NAME_LABELS and ent.start_char <= place.start and place.end <= ent.end_char and (
                ent.start_char, ent.end_char) != (place.start, place.end):
            return True
    return False


def place_at(analysis: Analysis, start: int, end: int) -> Place | None:
    """The resolved place overlapping the character span [start, end), the first if several
    (`places.place_at` over the article's places, resolved first when it holds none)."""
    return place_among(analysis.article.places or resolve_places(analysis), start, end)
