"""The gazetteer index: cities, regions, cache reuse (no model needed)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from chronicle.dictionaries import gazetteer as gz


def test_city_candidates_most_populous_first() -> None:
    cands = gz.city_candidates("Riverside")
    assert cands[0].cc == "US" and cands[0].admin1 == "CA"
    assert {c.admin1 for c in cands if c.cc == "US"} >= {"CA", "OH"}
    pops = [c.population for c in cands]
    assert pops == sorted(pops, reverse=True)


def test_accents_and_case_fold() -> None:
    assert gz.city_candidates("SEGOU")[0].cc == "ML"
    assert gz.city_candidates("bamako")[0].feature_code == "PPLC"


def test_admin1_with_and_without_suffix() -> None:
    mopti = gz.admin1_candidates("Mopti")
    assert mopti and mopti[0].cc == "ML" and mopti[0].resolution == 2
    ca = gz.admin1_candidates("California")[0]
    assert ca.geonameid == 5332921 and abs(ca.lat - 37.25) < 1.5 and abs(ca.lon + 119.75) < 1.5
    assert gz.admin1_candidates("Northern") == []  # a generic word left by cutting "Province"


def test_world_regions() -> None:
    europe = gz.region_candidate("Europe")
    assert europe is not None and europe.feature_code == "CONT"
    assert gz.region_candidate("middle east") is not None


def test_cache_dir_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CHRONICLE_CACHE", str(tmp_path))
    assert gz.cache_dir() == tmp_path
    monkeypatch.delenv("CHRONICLE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert gz.cache_dir() == tmp_path / "xdg" / "chronicle"


def test_index_is_one_read_only_sqlite_file() -> None:
    path = gz.ensure_index()
    assert path == gz.index_path() and path.exists()
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    (cities,) = conn.execute("SELECT count(*) FROM cities").fetchone()
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    assert cities > 200_000 and meta["index_version"] == str(gz.INDEX_VERSION)
    with pytest.raises(sqlite3.OperationalError):
        gz._db().execute("DELETE FROM cities")  # every process opens it read-only


def test_each_process_opens_its_own_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    first = gz._db()
    monkeypatch.setattr(gz.os, "getpid", lambda: -1)  # as a forked worker would see it
    assert gz._db() is not first


def test_index_is_built_where_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A fresh machine (CI from a clean clone) builds the index from the pinned package alone."""
    monkeypatch.setattr(gz, "_city_rows", lambda: iter([
        ((1, "Alpha", 1.0, 2.0, "ML", "03", 900), {"alpha", "alpha town"}, "alpha"),
        ((2, "Beta", 3.0, 4.0, "ML", "03", 600), {"beta", "alpha"}, "beta")]))
    monkeypatch.setenv("CHRONICLE_CACHE", str(tmp_path))
    path = gz.ensure_index()
    assert path.parent == tmp_path and path.exists() and path.stat().st_mode & 0o044
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT n, is_primary FROM names WHERE key = 'alpha' ORDER BY n").fetchall()
    assert rows == [(0, 1), (1, 0)]  # most populous first; only Alpha's main name is primary


def test_abbreviations() -> None:
    calif = gz.abbreviation("Calif.")
    assert calif is not None and calif.standalone and calif.region.admin1 == "CA"
    la = gz.abbreviation("La.")
    assert la is not None and not la.standalone and la.region.name == "Louisiana"
    bc = gz.abbreviation("B.C.")
    assert bc is not None and bc.region.cc == "CA" and bc.region.name == "British Columbia"
    assert gz.abbreviation("calif.") is None and gz.abbreviation("Paris") is None


def test_landmarks_and_city_in() -> None:
    found = gz.landmark("the white house".removeprefix("the "))
    assert found is not None and found[0].cc == "US" and found[0].admin1 == "DC" and found[1] == "BLDG"
    kremlin = gz.landmark("Kremlin")
    assert kremlin is not None and kremlin[0].name == "Moscow"
    riverside = gz.city_in("Riverside", "US", "OH")
    assert riverside is not None and riverside.admin1 == "OH"
    assert gz.city_in("Riverside", "ZZ") is None


def test_eu_is_a_region() -> None:
    eu = gz.region_candidate("EU")
    assert eu is not None and eu.cc == "" and abs(eu.lat - 48.7) < 1


def test_region_points_sit_mid_territory() -> None:
    # The whole box of a province's towns, not the crowded southern edge (GeoNames puts BC near 54N 125W).
    bc = gz.admin1_of("CA", "02")
    assert bc is not None and bc.lat > 53
