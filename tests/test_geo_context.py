"""Detection and disambiguation rules of the place resolver (real model, invented texts)."""

from __future__ import annotations

import pytest
from geo_helpers import km, places_of
from spacy.language import Language

pytestmark = pytest.mark.model


def test_common_words_and_initials_are_no_towns(nlp: Language) -> None:
    places = places_of(nlp, "A Chapman University survey came out in March, and the MoD said the BA flight left "
                          "on Thursday.")
    assert not {"University", "March", "MoD", "BA", "Thursday"} & set(places)


def test_town_region_pair_names_the_region(nlp: Language) -> None:
    places = places_of(nlp, "She studied in Ithaca, New York, before moving to Tacoma, Washington last year.")
    assert places["New York"].resolution == 2 and places["New York"].admin1 == "New York"
    assert places["Washington"].resolution == 2 and places["Washington"].admin1 == "Washington"


def test_a_list_of_cities_pairs_nothing(nlp: Language) -> None:
    places = places_of(nlp, "After stops in Washington, New York and Boston, the delegation flew home.")
    assert places["Boston"].admin1 == "Massachusetts"
    assert places["New York"].resolution == 4
    assert km(38.9, -77.04, places["Washington"].lat, places["Washington"].lon) < 30


def test_a_city_larger_than_a_region_of_its_name(nlp: Language) -> None:
    manchester = places_of(nlp, "The sergeant was born in Manchester in 1984.")["Manchester"]
    assert manchester.country == "GBR" and manchester.resolution == 4  # not the Jamaican parish
    assert places_of(nlp, "The crew trained near Savannah for a month.")["Savannah"].country == "USA"


def test_georgia_is_the_state_among_american_towns(nlp: Language) -> None:
    state = places_of(nlp, "The Georgia National Guard was sent to Savannah and Atlanta after the storm.")["Georgia"]
    assert state.country == "USA" and state.resolution == 2
    country = places_of(nlp, "Georgia and Armenia signed a border deal in Tbilisi.")["Georgia"]
    assert country.country == "GEO" and country.resolution == 1


def test_county_in_an_organisation_name_with_its_state(nlp: Language) -> None:
    places = places_of(nlp, "A release from the Walker County (Ga.) Sheriff's Office said two inmates escaped.")
    county = places["Walker County"]
    assert county.resolution == 3 and county.admin1 == "Georgia"


def test_county_of_a_british_story_beats_an_american_village(nlp: Language) -> None:
    places = places_of(nlp, "Fans drove from Winchester, Hampshire, to Canterbury, Kent, for the British final.")
    assert places["Hampshire"].country == "GBR" and places["Kent"].country == "GBR"


def test_region_inside_a_university_name_places_it(nlp: Language) -> None:
    places = places_of(nlp, "Residents of Boca Raton said researchers at Colorado State University disagreed.")
    university = places["Colorado State University"]
    assert university.resolution == 5 and university.admin1 == "Colorado"
    assert places["Colorado"].resolution == 2


def test_the_town_after_a_name_beats_a_town_inside_it(nlp: Language) -> None:
    places = places_of(nlp, "He teaches at Washington University in St. Louis.")
    assert km(38.63, -90.2, places["Washington University"].lat, places["Washington University"].lon) < 30


def test_other_places_of_the_article_decide_a_close_call(nlp: Language) -> None:
    places = places_of(nlp, "Traffic from Gloucester and Cheltenham backed up on the road to Cirencester.")
    assert places["Gloucester"].country == "GBR"


def test_nearby_places_decide_between_namesakes(nlp: Language) -> None:
    places = places_of(nlp, "Deputies took the men to the Hamilton County jail after the arrest in Chattanooga.")
    assert places["Hamilton County"].admin1 == "Tennessee"


def test_town_after_a_locative_in_a_story_about_its_region(nlp: Language) -> None:
    places = places_of(nlp, "The office in Nelson opened on Monday, the minister of British Columbia said.")
    assert places["Nelson"].country == "CAN" and places["Nelson"].resolution == 4


def test_places_coordinated_with_a_place(nlp: Language) -> None:
    places = places_of(nlp, "The retailer has shops in Zilina, Nitra, Presov and Kosice.")
    assert places["Kosice"].country == "SVK"


def test_region_with_its_suffix_inside_a_title(nlp: Language) -> None:
    places = places_of(nlp, "The Benue State Commissioner for Health visited Makurdi in Nigeria.")
    assert places["Benue State"].resolution == 2 and places["Benue State"].country == "NGA"


def test_region_inside_a_name_must_belong_to_the_story(nlp: Language) -> None:
    places = places_of(nlp, "The former president was not in the Seoul Central District Court to hear the verdict.")
    assert "Central District" not in places and places["Seoul"].country == "KOR"
