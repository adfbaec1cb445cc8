"""Place records and the cues every geo pass shares: a Place from a gazetteer candidate, the
"Name, Place" pair after a name, the place at a text offset.

The resolver (chronicle/geo/resolve.py) and its extra passes (demonyms, facilities, local news)
all build Places and read pairs the same way; they import this module, and it imports none of
them, so the geo package's imports stay one-way.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from chronicle.dictionaries import gazetteer as gz
from chronicle.dictionaries.countries import country_by_code, country_by_name
from chronicle.dictionaries.placenames import strip_article
from chronicle.records import Place


def make_place(text: str, start: int | None, end: int | None, c: gz.Candidate) -> Place:
    """A Place for the mention `text` at [start, end) resolved to candidate `c`."""
    country = country_by_code(c.cc) if c.cc else None
    admin1 = gz.admin1_of(c.cc, c.admin1) if c.kind in (gz.CITY, gz.ADMIN2) and c.admin1 else None
    return Place(text=text, start=start, end=end, name=c.name, geonameid=c.geonameid, lat=c.lat, lon=c.lon,
                 country=country.iso3 if country else None,
                 admin1=admin1.name if admin1 else (c.name if c.kind == gz.ADMIN1 else None),
                 feature_code=c.feature_code, resolution=c.resolution)


def listed(doc: Doc, end: int) -> bool:
    """Does a list of names go on after token `end` ("Washington, New York and Boston")?"""
    if end >= len(doc):
        return False
    if doc[end].lower_ in {"and", "or", "&"}:
        return True
    if doc[end].text != "," or end + 1 >= len(doc) or not doc[end + 1].text[:1].isupper():
        return False
    for ent in doc.ents:
        if ent.start == end + 1:
            return ent.end < len(doc) and doc[ent.end].lower_ in {",", "and", "or", "&"}
    return False


def following_place(doc: Doc, span: Span) -> list[gz.Candidate]:
    """Candidates of the region or country in a "Name, Place" pair right after `span`.

    Not in a list of places: "Washington, New York and Boston" pairs nothing.
    """
    i = span.end
    if i + 1 >= len(doc) or doc[i].text not in {",", "("}:
        return []
    nxt = doc[i + 1]
    if doc[i].text == "(":
        # "Walker County (Ga.) Sheriff's Office": a state abbreviation in brackets.
        if i + 2 >= len(doc) or doc[i + 2].text != ")":
            return []
        abbr = gz.abbreviation(nxt.text)
        region = abbr.region if abbr is not None else gz.us_state_abbreviation(nxt.text)
        return [region] if region is not None else []
    if (abbr := gz.abbreviation(nxt.text)) is not None:
        return [abbr.region]
    if (state := gz.us_state_abbreviation(nxt.text)) is not None:
        return [state]
    for ent in doc.ents:
        if ent.start == i + 1 or (ent.start == i + 2 and doc[i + 1].lower_ == "the"):
            if listed(doc, ent.end):
                return []
            text = ent.text
            country = country_by_name(text)
            if country is not None:
                return [gz.country_candidate(country)]
            return list(gz.admin1_candidates(strip_article(text)))
    return []


def place_at(places: list[Place], start: int, end: int) -> Place | None:
    """The first place of `places` overlapping the character span [start, end).

    The resolver lists places by start offset and, at one offset, the entity's own place before
    the facility and local-news passes' ones: "Baghdad" (the town) before "Baghdad University
    Medical School" (a facility placed at that town). Taking the longest instead hands the actor
    stage a facility's span for the organisation it is, and it recodes the organisation as a place:
    on the actors dev file recipient sector accuracy 0.5625 -> 0.5313, and 23 articles of the geo
    dev file change entities the same way ("Carnegie Library" an ORG -> GPE)."""
    return next((p for p in places if p.start is not None and p.end is not None and p.start < end and start < p.end),
                None)
