"""National adjectives used as modifiers are country-level places (real model, invented texts)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from chronicle.annotate import analyse
from chronicle.geo.demonyms import adjective_key, is_demonym_place
from chronicle.geo.resolve import dominant_country, names_only, resolve_places
from chronicle.nlp.analysis import analyse_text
from chronicle.records import Article, Place

pytestmark = pytest.mark.model


def _places(nlp: Language, text: str) -> dict[str, list[Place]]:
    out: dict[str, list[Place]] = {}
    for p in resolve_places(analyse_text(nlp, text)):
        assert p.start is not None and text[p.start: p.end] == p.text
        out.setdefault(p.text, []).append(p)
    return out


def test_modifiers_are_their_country(nlp: Language) -> None:
    places = _places(nlp, "French troops patrolled the market while the Malian army and Burkinabe officials "
                          "met in Mopti.")
    for text, iso3 in [("French", "FRA"), ("Malian", "MLI"), ("Burkinabe", "BFA")]:
        (place,) = places[text]
        assert place.country == iso3 and place.resolution == 1 and place.feature_code == "PCLI"
        assert is_demonym_place(place)
    assert not is_demonym_place(places["Mopti"][0])


def test_hyphenated_and_coordinated_modifiers(nlp: Language) -> None:
    places = _places(nlp, "Russian-backed militias shelled the town as the Syrian and Iranian delegations "
                          "left the talks.")
    assert [p.country for p in places["Russian"]] == ["RUS"]
    assert places["Syrian"][0].country == "SYR" and places["Iranian"][0].country == "IRN"


def test_people_and_languages_stay_out(nlp: Language) -> None:
    places = _places(nlp, "Two Canadians and a Briton were hurt, and the French said nothing. "
                          "The guide speaks Russian and English.")
    assert not {"Canadians", "Briton", "French", "Russian", "English"} & set(places)


def test_groups_wider_than_a_country_stay_out(nlp: Language) -> None:
    places = _places(nlp, "Latin American and North American leaders met Kurdish and Arab envoys, "
                          "Frank French said.")
    assert not places


def test_adjectives_inside_organisation_names(nlp: Language) -> None:
    text = "The Canadian Press said the Nigerian Army had withdrawn."
    analysis = analyse_text(nlp, text)
    found = {p.text: p for p in resolve_places(analysis)}
    assert found["Canadian"].country == "CAN" and found["Nigerian"].country == "NGA"
    assert all(names_only(analysis.doc, p) for p in found.values())


def test_uk_nations_are_regions(nlp: Language) -> None:
    places = _places(nlp, "Scottish ministers met Welsh farmers at the border.")
    scottish = places["Scottish"][0]
    assert scottish.country == "GBR" and scottish.resolution == 2 and scottish.admin1 == "Scotland"
    assert places["Welsh"][0].admin1 == "Wales"


def test_adjective_table() -> None:
    assert adjective_key("South Korean") == "south korean"
    assert adjective_key("Malians") is None  # a plural names people
    assert adjective_key("Frenchman") is None
    assert adjective_key("Mali") is None


def test_demonyms_do_not_make_the_dominant_country(nlp: Language) -> None:
    text = ("Malian soldiers, Malian police and Malian judges flew to Niamey, where Niger's leaders "
            "welcomed them. Niger hosted the talks.")
    main = dominant_country(analyse_text(nlp, text))
    assert main is not None and main.country == "NER"


def _article(nlp: Language, text: str) -> Article:
    return analyse(Article(id="t", input_id="t", text=text, published="2025-03-03", published_from="input"),
                   nlp(text))


def test_a_demonym_is_never_the_event_place(nlp: Language) -> None:
    article = _article(nlp, "Police arrested three men near the Malian border on Monday.")
    assert any(p.text == "Malian" for p in article.places)
    assert article.events and all(e.place is None for e in article.events)
    article = _article(nlp, "Malian soldiers arrested three smugglers in Timbuktu on Monday.")
    placed = [e.place for e in article.events if e.place is not None]
    assert placed and all(p.text == "Timbuktu" for p in placed)


def test_a_town_inside_an_organisation_is_not_the_event_place(nlp: Language) -> None:
    article = _article(nlp, "Officers arrested two men at the Ottawa Police Service headquarters on Friday.")
    assert any(p.text == "Ottawa" for p in article.places)
    # not the sentence's place; the article's home (voted from its places) may still stand for the story
    assert article.events and all(e.place is None or e.place.basis == "article" for e in article.events)
