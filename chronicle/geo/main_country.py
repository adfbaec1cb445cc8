"""The country an article is mostly about, voted from its resolved places and its dateline.

One rule for every stage that needs it: the actor stage gives domestic roles ("the judge",
"police") this country, and `resolve.dominant_country` reports it as a Place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc

from chronicle.dictionaries.actors import country_of_word
from chronicle.geo.demonyms import is_demonym_place
from chronicle.nlp.analysis import Analysis
from chronicle.records import Place

# The actor stage's rule, kept when the two twins were made one. The resolver's twin counted a
# country named as such twice and every national adjective once; on the actors dev file it scored
# the same (country_acc 0.873, sector_acc 0.744) and changed two entities, one for the worse ("the
# rebels" in Darfur GBR, not SDN) and one for the better (Belarus's next government BLR, not DEU).
PLACE_VOTE = 1  # each place the article names (a national adjective, "Malian troops", names no place)
DATELINE_VOTE = 3  # the dateline names where the reporter is: stronger than one mention in the body


def main_country(places: Iterable[Place], dateline: Place | None, doc: Doc) -> str | None:
    """ISO alpha-3 of the most voted country among `places` (the dateline's place counts
    `DATELINE_VOTE`); with none, of the country words the tagger found (GPE and NORP entities), so
    a stage run without the geo stage still has a country. None when nothing names one."""
    votes: Counter[str] = Counter()
    for place in places:
        if place.country and not is_demonym_place(place):
            votes[place.country] += PLACE_VOTE
    if dateline is not None and dateline.country:
        votes[dateline.country] += DATELINE_VOTE
    if not votes:
        for ent in doc.ents:
            if ent.label_ in ("GPE", "NORP") and (code := country_of_word(ent.text)):
                votes[code] += 1
    if not votes:
        return None
    return votes.most_common(1)[0][0]


def dominant_country(analysis: Analysis) -> str | None:
    """The main country (ISO alpha-3) from what the geo stage wrote on the article: its `places`
    and its `dateline_place` (see `main_country`)."""
    article = analysis.article
    return main_country(article.places, article.dateline_place, analysis.doc)
