"""Landmarks, abbreviations, facilities, towns inside names and big ambiguous names (real model, invented texts)."""

from __future__ import annotations

import pytest
from geo_helpers import km, places_of
from spacy.language import Language

pytestmark = pytest.mark.model


def test_landmark_is_not_a_small_town(nlp: Language) -> None:
    places = places_of(nlp, "The White House said on Monday that the president would not sign the bill.")
    house = places["White House"]
    assert house.country == "USA" and house.resolution == 5 and house.geonameid is None
    assert km(38.9, -77.04, house.lat, house.lon) < 20  # Washington, not White House, Tennessee


def test_populous_region_tagged_as_person(nlp: Language) -> None:
    places = places_of(nlp, "Tamil Nadu on Saturday asked the court to act against the water board.")
    assert places["Tamil Nadu"].country == "IND" and places["Tamil Nadu"].resolution == 2


def test_state_abbreviations(nlp: Language) -> None:
    places = places_of(nlp, "A fire broke out at a warehouse in Trenton, N.J., early on Friday, and a second one "
                          "near Guelph, Ont., on Sunday.")
    assert places["N.J."].admin1 == "New Jersey" and places["N.J."].resolution == 2
    assert places["Trenton"].admin1 == "New Jersey"
    assert places["Ont."].admin1 == "Ontario"  # the tokenizer splits its full stop off
    assert places["Guelph"].country == "CAN"


def test_abbreviation_pair_picks_the_town_not_the_foreign_region(nlp: Language) -> None:
    places = places_of(nlp, "Lawmakers met in Victoria, B.C., while protesters gathered in Nelson, B.C., on Friday.")
    assert places["Victoria"].country == "CAN" and places["Victoria"].resolution == 4
    assert places["Nelson"].country == "CAN" and places["Nelson"].admin1 == "British Columbia"


def test_year_bc_is_not_british_columbia(nlp: Language) -> None:
    places = places_of(nlp, "The tablet was carved around 300 BC and found near Luxor.")
    assert "BC" not in places and places["Luxor"].country == "EGY"


def test_dc_is_the_city(nlp: Language) -> None:
    places = places_of(nlp, "The march ended in Washington, D.C., on Saturday.")
    assert km(38.9, -77.04, places["D.C."].lat, places["D.C."].lon) < 20


def test_facility_in_named_town(nlp: Language) -> None:
    places = places_of(nlp, "The suspect was taken to St. Jude Memorial Hospital in Fresno, where he later died.")
    hospital = places["St. Jude Memorial Hospital"]
    assert hospital.resolution == 5 and hospital.feature_code == "HSP" and hospital.admin1 == "California"
    assert km(36.74, -119.79, hospital.lat, hospital.lon) < 30


def test_street_in_the_article_town(nlp: Language) -> None:
    text = ("Crews repaired a burst water main on Poplar Street on Wednesday. The Akron water department said "
            "service in Akron would return by evening.")
    street = places_of(nlp, text)["Poplar Street"]
    assert street.resolution == 5 and street.feature_code == "RD" and street.admin1 == "Ohio"


def test_facility_without_any_town_is_dropped(nlp: Language) -> None:
    places = places_of(nlp, "Volunteers painted the fence of Maple Grove Elementary on Saturday.")
    assert not any(p.resolution == 5 for p in places.values())


def test_town_at_the_edge_of_an_organisation_name(nlp: Language) -> None:
    places = places_of(nlp, "The Ottawa Police Service and the Sheffield City Council signed the agreement.")
    assert places["Ottawa"].country == "CAN"
    assert places["Sheffield"].country == "GBR"


def test_town_word_inside_a_name_is_not_a_place(nlp: Language) -> None:
    places = places_of(nlp, "The Alliance of Sahel States met the Victory Party in Bamako.")
    assert "Alliance" not in places and "Victory" not in places and places["Bamako"].country == "MLI"


def test_eu_is_europe(nlp: Language) -> None:
    places = places_of(nlp, "Ministers from every EU member state met in Brussels on Thursday.")
    eu = places["EU"]
    assert eu.country is None and km(48.7, 9.1, eu.lat, eu.lon) < 200


def test_upper_case_dateline(nlp: Language) -> None:
    places = places_of(nlp, "HOUSTON - A storm knocked out power to thousands of homes overnight.")
    assert places["HOUSTON"].admin1 == "Texas"


def test_new_york_is_the_city_unless_a_cue_says_state(nlp: Language) -> None:
    city = places_of(nlp, "Officials in New York said the subway would reopen on Monday.")["New York"]
    assert city.resolution == 4 and km(40.71, -74.0, city.lat, city.lon) < 20
    state = places_of(nlp, "Voters across New York state go to the polls on Tuesday.")["New York"]
    assert state.resolution == 2


def test_world_city_beats_a_village_of_the_context_country(nlp: Language) -> None:
    text = ("The American senator flew to London on Monday after meetings in Texas and Florida "
            "with United States officials.")
    london = places_of(nlp, text)["London"]
    assert london.country == "GBR"


def test_modifier_demonyms_are_countries_and_people_stay_out(nlp: Language) -> None:
    places = places_of(nlp, "British and Russian diplomats met Chinese envoys in Geneva, and two Canadians "
                          "said the French would not come.")
    assert set(places) == {"British", "Russian", "Chinese", "Geneva"}
    assert [places[n].country for n in ("British", "Russian", "Chinese")] == ["GBR", "RUS", "CHN"]
    assert all(places[n].resolution == 1 for n in ("British", "Russian", "Chinese"))


def test_a_named_state_still_vouches_for_its_small_town(nlp: Language) -> None:
    text = "Storms flattened barns across Ohio, and the hardest hit was London, where the fair was cancelled."
    assert places_of(nlp, text)["London"].admin1 == "Ohio"
