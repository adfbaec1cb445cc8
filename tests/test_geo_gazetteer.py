"""The gazetteer index: cities, regions, cache reuse (no model needed)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from chronicle.geo import gazetteer as gz


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


def test_index_is_cached_and_reused() -> None:
    index = gz.city_index()
    path = gz._index_path()
    assert path.exists()
    with open(path, "rb") as fh:
        again = pickle.load(fh)
    assert len(again.rows) == len(index.rows) > 200_000


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
