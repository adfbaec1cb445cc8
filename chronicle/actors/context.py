"""The article's country context: which state domestic roles ("the judge", "police") belong to."""

from __future__ import annotations

from collections import Counter

from chronicle.dictionaries.actors import country_of_word
from chronicle.geo.demonyms import is_demonym_place
from chronicle.nlp.analysis import Analysis

DATELINE_WEIGHT = 3  # a dateline names where the reporter is: stronger than one mention in the body


def dominant_country(analysis: Analysis) -> str | None:
    """Most frequent country among resolved places (dateline weighted), else among GPE/NORP words.

    Reads `article.places` and `article.dateline_place` when the geo stage
    has run; otherwise counts the country words spaCy tagged, so the actor
    stage still works on its own.
    """
    votes: Counter[str] = Counter()
    article = analysis.article
    for place in article.places:
        if place.country and not is_demonym_place(place):  # "Malian" names no place the story is in
            votes[place.country] += 1
    if article.dateline_place is not None and article.dateline_place.country:
        votes[article.dateline_place.country] += DATELINE_WEIGHT
    if not votes:
        for ent in analysis.doc.ents:
            if ent.label_ in ("GPE", "NORP") and (code := country_of_word(ent.text)):
                votes[code] += 1
    if not votes:
        return None
    return votes.most_common(1)[0][0]
