"""The article's anchors: the country, state, county and home town it is about.

Local news names its own town without saying where it is ("the council met in Midway");
the anchors are what the rest of the article says for it. They are voted from the places
the first resolution pass found, counting only mentions that cannot mean anything else:

- a "Town, ST" pair (the pair fixed the town), a state or region, a county, a country;
- a town that no other town of its name rivals (none of at least `RIVAL_TOWN` people and a
  tenth of its size: "Chicago", not "Springfield");
- the dateline counts `DATELINE_VOTE` for its town and everything above it;
- a mention in the lead (the first `LEAD_SENTENCES` sentences) counts twice, and so does the
  first mention of a name the title also holds.

Country first, then the state of that country with the most votes, then that state's county
and town. The second pass scores candidates by the anchors (same region, distance to the home
town and county: `resolve.Weights`), and an event with no place of its own can take the
finest anchor as its `article` place (chronicle/geo/event_places.py).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import TypeVar

from chronicle.dictionaries import gazetteer as gz
from chronicle.dictionaries.countries import country_by_code
from chronicle.dictionaries.placenames import name_key
from chronicle.records import Place

K = TypeVar("K")
RIVAL_TOWN = 1_000
DATELINE_VOTE = 4.0
LEAD_SENTENCES = 2
PAIR_VOTE = 3.0  # a "Town, ST" mention
AREA_VOTE = 2.0  # a country, state or county named
TOWN_VOTE = 1.0  # an unambiguous town named


@dataclass(frozen=True)
class Anchors:
    """The voted anchors; None where the article gives no clear answer."""

    country: str | None = None  # ISO2
    admin1: tuple[str, str] | None = None  # (ISO2, GeoNames admin1 code)
    county: Place | None = None
    town: Place | None = None

    @property
    def points(self) -> tuple[tuple[float, float], ...]:
        """Where the home town and county are (what "near home" is measured from)."""
        return tuple((p.lat, p.lon) for p in (self.town, self.county)
                     if p is not None and p.lat is not None and p.lon is not None)


NO_ANCHORS = Anchors()


def km_to(lat: float, lon: float, points: tuple[tuple[float, float], ...]) -> float:
    """Distance in km from (lat, lon) to the nearest of `points` (equirectangular: exact enough
    at the scale of a county or a state)."""
    cos = math.cos(math.radians(lat))
    best = min(((lat - a) ** 2 + ((lon - b) * cos) ** 2 for a, b in points), default=1e9)
    return math.sqrt(best) * 111.2


def candidate_of(place: Place) -> gz.Candidate | None:
    """The gazetteer entry a resolved place stands for (its region code, its population)."""
    country = country_by_code(place.country) if place.country else None
    if country is None or not place.name:
        return None
    if place.resolution == 4 and place.geonameid is not None:
        return next((c for c in gz.city_candidates(place.name) if c.geonameid == place.geonameid), None)
    if place.resolution == 2:
        return next((c for c in gz.admin1_candidates(place.name) if c.cc == country.iso2), None)
    if place.resolution == 3:
        return next((c for c in gz.admin2_candidates(place.name)
                     if c.cc == country.iso2 and (c.lat, c.lon) == (place.lat, place.lon)), None)
    if place.resolution == 1:
        return gz.country_candidate(country)
    return None


def unambiguous_town(c: gz.Candidate) -> bool:
    """A town no reader would take for another: no other town of its name has `RIVAL_TOWN` people
    and a tenth of its population ("Chicago"; not "Springfield", of which several are cities)."""
    rivals = [o for o in gz.city_candidates(c.name, limit=10) if o.geonameid != c.geonameid and o.primary]
    return not any(o.population >= max(RIVAL_TOWN, c.population / 10) for o in rivals)


def title_keys(title: str | None) -> frozenset[str]:
    """The name keys of every run of one to three words of the title (what a place named there is
    looked up by); the title is not in the text, so it is matched against the text's places."""
    words = [w.strip(".,:;!?\"'()[]") for w in (title or "").split()]
    return frozenset(name_key(" ".join(words[i:j])) for i in range(len(words))
                     for j in range(i + 1, min(i + 4, len(words) + 1)))


def vote(places: list[Place], paired: set[int], lead_end: int, dateline: Place | None,
         title: frozenset[str] = frozenset()) -> Anchors:
    """Anchors from the first pass's `places`; `paired`: start offsets of "Town, ST" mentions;
    mentions starting before `lead_end` count twice, and so does the first mention of a name the
    title holds (`title`: its keys, from `title_keys`)."""
    countries: dict[str, float] = defaultdict(float)
    states: dict[tuple[str, str], float] = defaultdict(float)
    counties: dict[tuple[str, str, str], float] = defaultdict(float)
    towns: dict[int, float] = defaultdict(float)
    county_place: dict[tuple[str, str, str], Place] = {}
    town_place: dict[int, Place] = {}
    town_region: dict[int, tuple[str, str]] = {}
    mentions = []
    seen: set[str] = set()
    for p in places:
        name = name_key(p.text)
        boost = 2.0 if name in title and name not in seen else 1.0
        seen.add(name)
        mentions.append((p, boost * (2.0 if (p.start or 0) < lead_end else 1.0), p.start in paired))
    if dateline is not None:
        mentions.append((dateline, DATELINE_VOTE, True))
    for p, weight, pair in mentions:
        c = candidate_of(p)
        if c is None:
            continue
        if c.kind == gz.CITY and not (pair or unambiguous_town(c)):
            continue
        countries[c.cc] += weight * (AREA_VOTE if c.kind == gz.COUNTRY else 1.0)
        if c.kind == gz.COUNTRY or not c.admin1:
            continue
        region = (c.cc, c.admin1)
        if c.kind == gz.ADMIN1:
            states[region] += weight * AREA_VOTE
        elif c.kind == gz.ADMIN2:
            states[region] += weight
            key = (c.cc, c.admin1, name_key(c.name))
            counties[key] += weight * AREA_VOTE
            county_place.setdefault(key, p)
        elif c.kind == gz.CITY and c.geonameid is not None:
            states[region] += weight * (PAIR_VOTE if pair else TOWN_VOTE)
            towns[c.geonameid] += weight * (PAIR_VOTE if pair else TOWN_VOTE)
            town_place.setdefault(c.geonameid, p)
            town_region[c.geonameid] = region
    if not countries:
        return NO_ANCHORS
    country = max(countries, key=lambda k: countries[k])
    state = _top([s for s in states if s[0] == country], states)
    county_key = _top([k for k in counties if state is not None and k[:2] == state], counties)
    inside = [t for t in towns if town_region[t][0] == country and (state is None or town_region[t] == state)]
    town = _top(inside, towns)
    return Anchors(country, state, county_place[county_key] if county_key else None,
                   town_place[town] if town is not None else None)


def _top(keys: list[K], votes: dict[K, float]) -> K | None:
    """The key of `keys` with the most votes (the first counted on ties)."""
    return max(keys, key=lambda k: votes[k], default=None)
