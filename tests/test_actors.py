"""Actor codes and dictionaries: logic that needs no language model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import script

from chronicle.actors.resolve import ActorCode, describe_phrase
from chronicle.dictionaries.actor_codes import split_code
from chronicle.dictionaries.actors import country_of_word, lookup_named
from chronicle.dictionaries.normalize import norm_key
from chronicle.dictionaries.roles import read_roles


@pytest.mark.parametrize(("code", "country", "sectors"), [
    ("MLIGOVJUD", "MLI", ["GOV", "JUD"]),
    ("IGOUNOREFHCR", "IGO", ["REF"]),
    ("IGOEUREEC", "IGO", []),
    ("IMGMUSALQ", "IMG", ["REL"]),
    ("USAASM", "USA", []),  # a dependency folds into its state
    ("AFRREB", None, ["REB"]),  # a region is no country
    ("~MED", None, ["JRN"]),  # CAMEO media -> PLOVER JRN
    ("~HLH", None, ["MED"]),
    ("KSV", "KOS", []),
])
def test_split_code(code: str, country: str | None, sectors: list[str]) -> None:
    assert split_code(code) == (country, sectors)


def test_norm_key_folds_punctuation_accents_and_article() -> None:
    assert norm_key("the U.N.") == "un"
    assert norm_key("Al-Qaeda") == norm_key("AL_QAEDA") == "al qaeda"
    assert norm_key("Renée") == "renee"


def test_parser_reads_blocks_synonyms_and_dates(fixtures: Path) -> None:
    build = script("build_actor_data")
    countries, rest = build.build_countries(fixtures / "actors" / "mini.actors.txt")
    assert countries["ruritanian"] == countries["strelsau"] == countries["ruritania"] == "AUT"
    assert countries["ruritanians"] == "AUT"  # plural demonym added
    names = [names for names, _ in rest]
    assert ["RUDOLF_ELPHBERG_", "KING_RUDOLF_"] in names
    assert build.parse_role("AUTGOV 940301-050101") == ("AUTGOV", 19940301, 20050101)
    assert build.parse_role("USAGOV >090120") == ("USAGOV", 20090120, 0)
    assert build.parse_role("MLIELI") == ("MLIELI", 0, -1)
    named: dict[str, list[Any]] = {}
    for names_, codes in rest:  # as for the MilNonState file: region-coded groups are transnational
        build.add_named(named, names_, codes, armed_group=names_[0].startswith("RED_HAND"))
    assert named["red hand"][1] == [["IMG", ["REB"], 0, -1]]
    assert named["royal guard"] == ["Crown Guard", [["AUT", ["MIL"], 0, -1]]]
    assert named["king rudolf"][1][1] == ["AUT", ["GOV"], 19940301, 20050101]


def test_agents_expand_substitutions_plurals_and_stems(fixtures: Path) -> None:
    agents = script("build_actor_data").build_agents(fixtures / "actors" / "mini.agents.txt")
    assert agents["defense minister"] == ["", "GOV", "MIL"]
    assert agents["defense ministry"] == ["", "GOV", "MIL"]
    assert agents["ferryman"] == agents["ferrywomen"] == ["", "BUS"]
    assert agents["chambers of trade"] == ["", "BUS"]
    assert agents["peace monitor"] == ["IGO"]


def test_office_holder_role_follows_the_date() -> None:
    assert lookup_named("Vladimir Putin", "1995-06-01").sectors == ("ELI",)  # type: ignore[union-attr]
    assert lookup_named("Vladimir Putin", "2003-06-01").sectors == ("GOV",)  # type: ignore[union-attr]
    hit = lookup_named("Putin")
    assert hit is not None and hit.country == "RUS" and hit.sectors == ("GOV",)


def test_dictionaries_know_countries_and_international_actors() -> None:
    assert country_of_word("Malian") == "MLI"
    assert country_of_word("Serbian") == "SRB"
    assert country_of_word("Burkinabe") in (None, "BFA")
    al_qaeda = lookup_named("al-Qaeda")
    assert al_qaeda is not None and al_qaeda.country == "IMG" and al_qaeda.sectors[0] == "REB"
    assert lookup_named("United Nations").country == "IGO"  # type: ignore[union-attr]
    assert lookup_named("European Union").country == "IGO"  # type: ignore[union-attr]
    assert lookup_named("African Union").country == "IGO"  # type: ignore[union-attr]


def test_read_roles_titles_and_former_offices() -> None:
    cues = read_roles(["Defense", "Minister", "General"])
    assert cues.sectors_by_title() == ["GOV", "MIL"]
    former = read_roles(["a", "former", "governor"])
    assert former.sectors_by_title() == ["ELI"]
    us = read_roles(["US", "District", "Judge"])
    assert us.countries == [(0, "USA")] and us.sectors_by_title() == ["JUD"]
    assert read_roles(["let", "us", "judge"]).countries == []  # "us" the pronoun is no country


def test_describe_phrase_without_article() -> None:
    assert describe_phrase("the White House") == ActorCode("White House", "USA", "GOV", ())
    iran = describe_phrase("Iranian Foreign Minister")
    assert (iran.country, iran.sector) == ("IRN", "GOV")
    mercenaries = describe_phrase("Russian mercenaries")
    assert (mercenaries.country, mercenaries.sector) == ("RUS", "UAF")
    assert describe_phrase("the junta").country is None  # no article: no country context
    assert describe_phrase("President Vladimir Putin").name == "Vladimir Putin"


def test_country_words_fall_back_to_the_gazetteer_demonyms() -> None:
    from chronicle.actors.resolve import describe_phrase

    code = describe_phrase("The Azerbaijani parliament")
    assert (code.country, code.sector) == ("AZE", "LEG")
