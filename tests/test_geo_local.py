"""Local news: anchors, one sense per name, the local patterns, unknown toponyms (real model and
SQLite gazetteer, invented texts)."""

from __future__ import annotations

import pytest
from geo_helpers import km, places_of
from spacy.language import Language

from chronicle.dictionaries import gazetteer as gz
from chronicle.geo import anchors as an
from chronicle.geo import local
from chronicle.geo.places import make_place
from chronicle.geo.resolve import article_home, resolve_places
from chronicle.nlp.analysis import analyse_text
from chronicle.records import Place


def _town(name: str, cc: str, admin1: str, start: int = 0) -> Place:
    found = gz.city_in(name, cc, admin1)
    assert found is not None
    return make_place(name, start, start + len(name), found)


def test_km_to_the_nearest_point() -> None:
    assert an.km_to(0.0, 0.0, ()) > 10_000  # no point: never near
    assert abs(an.km_to(0.0, 0.0, ((0.0, 1.0), (5.0, 5.0))) - 111.2) < 0.1


def test_vote_takes_country_then_state_then_town() -> None:
    tn = gz.admin1_candidates("Tennessee")[0]
    places = [_town("Lebanon", "US", "TN", 0), make_place("Tennessee", 20, 29, tn), _town("Nashville", "US", "TN", 40),
              make_place("France", 60, 66, gz.country_candidate(_country("FRA")))]
    got = an.vote(places, paired={0}, lead_end=30, dateline=None)
    assert got.country == "US" and got.admin1 == ("US", "TN")
    assert got.town is not None and got.town.name == "Lebanon"  # the paired lead town beats the bigger city
    assert got.points and km(36.2, -86.3, *got.points[0]) < 20


def test_title_counts_more() -> None:
    places = [_town("Huntsville", "US", "AL", 0), _town("Nashville", "US", "TN", 100)]
    assert an.vote(places, set(), 0, None).town is not None
    assert an.title_keys("Flooding in Nashville: roads closed") >= {"nashville", "flooding in nashville"}
    got = an.vote(places, set(), 0, None, an.title_keys("Flooding in Nashville: roads closed"))
    assert got.admin1 == ("US", "TN") and got.town is not None and got.town.name == "Nashville"


def test_ambiguous_towns_do_not_vote() -> None:
    springfield = _town("Springfield", "US", "IL")
    assert not an.unambiguous_town(an.candidate_of(springfield) or gz.country_candidate(_country("USA")))
    assert an.vote([springfield], paired=set(), lead_end=0, dateline=None) == an.NO_ANCHORS
    assert an.vote([springfield], paired={0}, lead_end=0, dateline=None).admin1 == ("US", "IL")


def test_dateline_votes_for_its_town() -> None:
    dateline = make_place("DECATUR, Ala.", None, None, gz.city_in("Decatur", "US", "AL") or _fail())
    got = an.vote([_town("Chicago", "US", "IL", 10)], paired=set(), lead_end=100, dateline=dateline)
    assert got.admin1 == ("US", "AL") and got.town is not None and got.town.name == "Decatur"


@pytest.mark.model
def test_country_name_paired_with_a_state_is_the_town(nlp: Language) -> None:
    text = "Police in Lebanon, Tenn., arrested two men. Lebanon officials said the town would appeal."
    places = resolve_places(analyse_text(nlp, text))
    lebanons = [p for p in places if p.text == "Lebanon"]
    assert len(lebanons) == 2 and all(p.country == "USA" and p.admin1 == "Tennessee" for p in lebanons)


@pytest.mark.model
def test_one_sense_per_name_follows_the_paired_mention(nlp: Language) -> None:
    text = ("Springfield, Mo., voted on the budget on Monday. Later in the week, council members in "
            "Springfield met again.")
    places = [p for p in resolve_places(analyse_text(nlp, text)) if p.text == "Springfield"]
    assert len(places) == 2 and {p.admin1 for p in places} == {"Missouri"}


@pytest.mark.model
def test_rivers_lakes_and_townships_are_placed_at_home(nlp: Language) -> None:
    text = ("LEBANON, Tenn. - Deputies in Wilson County searched the Cumberland River and Old Hickory Lake "
            "on Friday after a boat overturned near Lebanon, Tenn.")
    places = places_of(nlp, text)
    river = places["Cumberland River"]
    assert river.basis == "home" and river.confidence == local.HOME_CONFIDENCE and river.feature_code == "STM"
    assert river.admin1 == "Tennessee" and "Cumberland" not in places  # the pattern replaces the town
    assert places["Old Hickory Lake"].feature_code == "LK"
    assert places["Wilson County"].resolution == 3 and places["Wilson County"].admin1 == "Tennessee"


@pytest.mark.model
def test_unknown_toponym_written_as_a_place_goes_to_home_or_its_pair(nlp: Language) -> None:
    text = ("Flooding closed roads in Decatur, Ala., on Monday. Crews worked near Zorblatt overnight, and the "
            "mayor of Quimbleton, Ala., asked for help.")
    analysis = analyse_text(nlp, text)
    for name in ("Zorblatt", "Quimbleton"):  # invented names, tagged as places by hand
        start = text.index(name)
        span = analysis.doc.char_span(start, start + len(name))
        assert span is not None
        analysis.doc.ents = [e for e in analysis.doc.ents if e.end <= span.start or e.start >= span.end] + [
            analysis.doc.char_span(start, start + len(name), label="GPE")]
    places = {p.text: p for p in resolve_places(analysis)}
    assert places["Zorblatt"].basis == "home" and places["Zorblatt"].name == "Zorblatt"
    assert places["Zorblatt"].geonameid is None and km(34.6, -86.98, places["Zorblatt"].lat,
                                                       places["Zorblatt"].lon) < 20  # Decatur
    assert places["Quimbleton"].basis == "pair" and places["Quimbleton"].resolution == 2


@pytest.mark.model
def test_no_home_no_guess(nlp: Language) -> None:
    analysis = analyse_text(nlp, "Talks resumed in Zorblatt on Monday.")
    start = analysis.doc.text.index("Zorblatt")
    analysis.doc.ents = [analysis.doc.char_span(start, start + 8, label="GPE")]
    assert resolve_places(analysis) == []  # no anchors: nothing invented
    assert article_home(analysis) is None


@pytest.mark.model
def test_person_tagged_nearby_town_becomes_a_place_without_person_cues(nlp: Language) -> None:
    text = ("Firefighters from Decatur, Ala., were sent to Hartselle on Monday. Mayor Hartselle thanked them, "
            "and Hartselle said more help was coming.")
    analysis = analyse_text(nlp, text)
    doc = analysis.doc
    tagged = [doc.char_span(i, i + len("Hartselle"), label="PERSON") for i in _all(text, "Hartselle")]
    doc.ents = [e for e in doc.ents if e.text != "Hartselle" and "Hartselle" not in e.text] + tagged
    places = [p for p in resolve_places(analysis) if p.text == "Hartselle"]
    assert [p.start for p in places] == [text.index("Hartselle")]  # only the one with no title or speech verb
    assert places[0].admin1 == "Alabama" and places[0].confidence == local.TOWN_CONFIDENCE


@pytest.mark.model
def test_article_home_is_the_finest_anchor(nlp: Language) -> None:
    analysis = analyse_text(nlp, "Voters in Decatur, Ala., rejected the tax. Huntsville and Athens voted too.")
    home = article_home(analysis)
    assert home is not None and home.name == "Decatur" and home.start is None and home.admin1 == "Alabama"
    state = article_home(analyse_text(nlp, "Alabama lawmakers met in a special session."))
    assert state is not None and state.resolution == 2 and state.name == "Alabama"


def _all(text: str, word: str) -> list[int]:
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def _country(iso3: str):  # type: ignore[no-untyped-def]
    from chronicle.dictionaries.countries import country_by_code

    c = country_by_code(iso3)
    assert c is not None
    return c


def _fail() -> gz.Candidate:
    raise AssertionError("no such town")
