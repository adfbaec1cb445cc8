"""Country names, aliases, demonyms and codes (no model needed)."""

from __future__ import annotations

import pytest

from chronicle.dictionaries.countries import country_by_code, country_by_demonym, country_by_name


@pytest.mark.parametrize(("text", "iso3"), [
    ("Mali", "MLI"), ("Niger", "NER"), ("Nigeria", "NGA"), ("Burkina Faso", "BFA"),
    ("the United States", "USA"), ("U.S.", "USA"), ("US", "USA"), ("the US", "USA"), ("UK", "GBR"),
    ("Britain", "GBR"), ("DRC", "COD"), ("Ivory Coast", "CIV"), ("Côte d’Ivoire", "CIV"), ("Russia", "RUS"),
])
def test_country_by_name(text: str, iso3: str) -> None:
    country = country_by_name(text)
    assert country is not None and country.iso3 == iso3


def test_lower_case_pronoun_is_not_a_country() -> None:
    assert country_by_name("us") is None
    assert country_by_name("Sahel") is None


@pytest.mark.parametrize(("text", "iso3"), [
    ("Malian", "MLI"), ("Nigerien", "NER"), ("Nigerian", "NGA"), ("Americans", "USA"), ("Russian", "RUS"),
    ("Malians", "MLI"), ("Burkinabe", "BFA"),
])
def test_country_by_demonym(text: str, iso3: str) -> None:
    country = country_by_demonym(text)
    assert country is not None and country.iso3 == iso3


def test_demonym_is_not_a_name_and_name_is_not_a_demonym() -> None:
    assert country_by_name("Malian") is None
    assert country_by_demonym("Mali") is None


def test_country_by_code_and_points() -> None:
    mali, niger = country_by_code("ml"), country_by_code("NER")
    assert mali is not None and mali.iso3 == "MLI" and mali.geonameid == 2453866
    assert niger is not None and niger.iso2 == "NE"
    # Derived points fall inside the country (Mali spans roughly 10-25N, 12W-4E).
    assert 10 < mali.lat < 25 and -12 < mali.lon < 4
    assert 11 < niger.lat < 24 and 0 < niger.lon < 16
    assert country_by_code("XX") is None


def test_bracketed_official_name_gives_the_short_one() -> None:
    holy = country_by_name("Holy See")
    assert holy is not None and holy.iso3 == "VAT"
