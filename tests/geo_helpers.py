"""Helpers the geo tests share: great-circle distance and the places of one text by their text."""

from __future__ import annotations

import math

from spacy.language import Language

from chronicle.geo.resolve import resolve_places
from chronicle.nlp.analysis import analyse_text
from chronicle.records import Place


def km(lat1: float, lon1: float, lat2: float | None, lon2: float | None) -> float:
    """Haversine distance in km (a missing coordinate counts as 0, so the test fails loudly)."""
    p = math.pi / 180
    lat2, lon2 = lat2 or 0.0, lon2 or 0.0
    a = math.sin((lat2 - lat1) * p / 2) ** 2 + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin(
        (lon2 - lon1) * p / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def places_of(nlp: Language, text: str) -> dict[str, Place]:
    """The resolved places of `text`, keyed by their text, after checking every offset."""
    places = resolve_places(analyse_text(nlp, text))
    for p in places:
        assert p.start is not None and text[p.start: p.end] == p.text
    return {p.text: p for p in places}
