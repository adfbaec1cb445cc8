"""Where each event happened: the place and its basis (sentence, context, article, dateline), through
the whole pipeline (real model, invented texts)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from chronicle.annotate import analyse
from chronicle.dictionaries import gazetteer as gz
from chronicle.geo.places import make_place
from chronicle.records import PLACE_BASES, Article, Event

pytestmark = pytest.mark.model


def _events(nlp: Language, text: str, dateline: str | None = None) -> list[Event]:
    article = Article(id="t", input_id="t", text=text, published="2024-03-04", dateline=dateline)
    return analyse(article, nlp(text)).events


def _one(events: list[Event], trigger: str) -> Event:
    found = [e for e in events if e.trigger.text == trigger]
    assert found, [(e.type, e.trigger.text) for e in events]
    return found[0]


def test_place_in_the_clause_is_the_sentence_basis(nlp: Language) -> None:
    ev = _one(_events(nlp, "Police arrested 12 protesters in Bamako on Monday."), "arrested")
    assert ev.place is not None and ev.place.text == "Bamako" and ev.place.basis == "sentence"


def test_neighbouring_sentence_gives_the_context_basis(nlp: Language) -> None:
    text = ("Hundreds of farmers gathered outside the courthouse in Decatur, Ala., on Monday. "
            "Police arrested 12 protesters.")
    ev = _one(_events(nlp, text), "arrested")
    assert ev.place is not None and ev.place.basis == "context" and ev.place.name == "Decatur"
    assert ev.place.start is not None and text[ev.place.start: ev.place.end] == ev.place.text


def test_another_paragraph_gives_the_article_basis(nlp: Language) -> None:
    text = ("Voters in Decatur, Ala., rejected the school tax on Tuesday.\n\n"
            "The mayor said the result was a shame.\n\nPolice arrested 12 protesters.")
    ev = _one(_events(nlp, text), "arrested")
    assert ev.place is not None and ev.place.basis == "article" and ev.place.name == "Decatur"
    assert ev.place.start is None and ev.place.end is None  # inferred, not read at a span


def test_dateline_is_the_last_resort(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    import chronicle.geo.event_places as ep

    monkeypatch.setattr(ep, "article_home", lambda analysis: None)  # an article naming no place of its own
    text = "Police arrested 12 protesters on Monday."
    bamako = gz.city_in("Bamako", "ML")
    assert bamako is not None
    article = Article(id="t", input_id="t", text=text, published="2024-03-04", dateline="BAMAKO")
    article.dateline_place = make_place("BAMAKO", None, None, bamako)
    doc = nlp(text)
    from chronicle.geo.event_places import place_events
    from chronicle.nlp.analysis import Analysis
    from chronicle.nlp.ner import correct_entities

    correct_entities(doc)
    events = [e for e in analyse(article, doc).events]
    for e in events:
        e.place = None
    place_events(events, Analysis(article=article, doc=doc))
    ev = _one(events, "arrested")
    assert ev.place is not None and ev.place.basis == "dateline" and ev.place.name == "Bamako"


def test_no_place_is_invented(nlp: Language) -> None:
    ev = _one(_events(nlp, "Police arrested 12 protesters on Monday."), "arrested")
    assert ev.place is None


def test_a_place_inside_a_party_or_naming_someone_is_not_where(nlp: Language) -> None:
    events = _events(nlp, "French troops attacked the rebels on Monday.")
    assert events, "no event coded: the check below would check nothing"  # measured: ASSAULT "attacked"
    assert all(e.place is None or e.place.basis != "sentence" for e in events)


def test_every_event_place_says_its_basis(nlp: Language) -> None:
    text = ("LEBANON, Tenn. - Police in Lebanon arrested two men after a protest at the Wilson County "
            "courthouse.\n\nThe sheriff criticised the protesters. Officials in Nashville condemned the "
            "violence.")
    events = _events(nlp, text, dateline="LEBANON, Tenn.")
    assert events and all(e.place is not None and e.place.basis in PLACE_BASES for e in events)
    assert all(e.place is not None and e.place.country == "USA" for e in events)
