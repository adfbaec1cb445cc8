"""Gazetteer-corrected entities, with the real model on invented sentences."""

from __future__ import annotations

import pytest
from spacy.language import Language

from chronicle.nlp.ner import correct_entities

pytestmark = pytest.mark.model


def _ents(nlp: Language, text: str) -> dict[str, str]:
    doc = nlp(text)
    correct_entities(doc)
    return {e.text: e.label_ for e in doc.ents}


def test_countries_become_gpe_and_demonyms_norp(nlp: Language) -> None:
    ents = _ents(nlp, "Mali's rulers met envoys from Niger and Burkina Faso on Monday, and Nigerien "
                      "and Malian officers later flew to Bamako.")
    assert ents.get("Mali") == "GPE"
    assert ents.get("Niger") == "GPE"
    assert ents.get("Burkina Faso") == "GPE"
    assert ents.get("Bamako") == "GPE"
    assert ents.get("Nigerien") == "NORP"
    assert ents.get("Malian") == "NORP"


def test_aliases(nlp: Language) -> None:
    ents = _ents(nlp, "Officials in the United States, Britain and the DRC said the U.S. plan would fail.")
    assert ents.get("United States") == "GPE"
    assert ents.get("Britain") == "GPE"
    assert ents.get("DRC") == "GPE"
    assert ents.get("U.S.") == "GPE"


def test_people_and_organisations_survive(nlp: Language) -> None:
    text = ("Defence minister Sadio Camara told the Department of Homeland Security and the National Guard "
            "that the Alliance of Sahel States would meet, Judge Sunshine Sykes wrote.")
    doc = nlp(text)
    correct_entities(doc)
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Sadio Camara") == "PERSON"
    assert any("Alliance of Sahel States" in t and lab == "ORG" for t, lab in labels.items())
    assert any("Department of Homeland Security" in t and lab == "ORG" for t, lab in labels.items())
    assert not any(lab in ("GPE", "LOC") for t, lab in labels.items() if "Sunshine" in t)
    assert not any(lab == "GPE" for t, lab in labels.items() if t in ("States", "Alliance"))


def test_city_state_pair_gives_two_places(nlp: Language) -> None:
    ents = _ents(nlp, "The hearing took place in Riverside, California, last week.")
    assert ents.get("Riverside") == "GPE"
    assert ents.get("California") == "GPE"


def test_offsets_stay_on_token_boundaries(nlp: Language) -> None:
    text = "Troops left Gao for Timbuktu and Kidal while the U.S.-backed mission stayed in Niamey."
    doc = nlp(text)
    correct_entities(doc)
    for ent in doc.ents:
        assert text[ent.start_char: ent.end_char] == ent.text


def test_hyphenated_and_connected_names_are_one_place(nlp: Language) -> None:
    ents = _ents(nlp, "Gang members opened fire on police officers in Port-au-Prince, and the minister later "
                      "flew to Dar es Salaam and then to Aix-en-Provence.")
    assert ents.get("Port-au-Prince") == "GPE", ents
    assert ents.get("Dar es Salaam") == "GPE", ents
    assert ents.get("Aix-en-Provence") == "GPE", ents
    assert "Port" not in ents and "Prince" not in ents
    # a hyphenated word that is no name stays out
    assert not any("well-known" in k for k in _ents(nlp, "A well-known activist spoke in Paris."))
