"""National adjectives used as modifiers ("French troops", "the Malian army") as country-level places.

Reads the corrected Doc (tokens, tags, entities) and the places already found; returns
extra `Place`s, one per adjective, at the adjective's own offsets, resolved to the country
(resolution 1, the country's point, feature code PCLI). GeoWebNews-style geoparsing counts
these non-literal modifier toponyms: "Syrian refugees" names Syria as surely as "refugees
from Syria" does.

What counts (`MODIFIER_DEMONYMS`):

- a singular national adjective from chronicle/data/geo/country_names.tsv ("French",
  "South Korean", "Saudi") or a UK nation's ("English", "Scottish", "Welsh": first-level
  regions, resolution 2);
- used as a modifier: followed by a noun ("Turkish forces", "the Canadian Press", "Russian
  President ..."), by a hyphenated word ("Russian-backed", "Syrian-Turkish"), or by further
  coordinated adjectives that end in a noun ("German, Irish and other immigrant groups").

What does not:

- people: plurals and nouns ("Canadians", "a Briton", "the French said", "an American was
  hurt");
- languages ("speaks Russian and English", "Arabic-language media");
- adjectives of no single country: ethnic, religious and continental ones ("Kurdish",
  "Arab", "Muslim", "African", "Latino", "European") are not in the table, and compounds
  such as "Latin American", "North American" or "African American" are skipped;
- a word inside a person's name ("Frank French") or inside a longer name that already
  resolved ("Indian Ocean").

These places describe who or what, not where something happened: the event coder never
takes one as an event's place, and the dominant-country logic does not count them (use
`is_demonym_place`).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from chronicle.dictionaries import gazetteer as gz
from chronicle.dictionaries.countries import Country, country_by_name, tables
from chronicle.dictionaries.placenames import name_key
from chronicle.geo.places import make_place
from chronicle.nlp.entities import entity_of
from chronicle.records import Place
from chronicle.wordlists import mapping, words

MODIFIER_DEMONYMS = True
"""List national adjectives used as modifiers in `places` (GeoWebNews "non-literal modifiers").

When False, `demonym_places` returns nothing and demonyms only give country context, as
before. The lead may route this through Config later; it is a module constant so the geo
stage stays Config-free.
"""

# Demonyms in the country table that name people, never modify a noun.
_NOMINAL = words("geo/people_demonyms")
_NOMINAL_ENDINGS = ("hman", "hwoman", "er")  # "Frenchman", "Irishman", "Icelander", "New Zealander"
# First-level regions with their own adjective: the UK's nations (GeoNames admin1 codes).
REGION_ADJECTIVES: dict[str, tuple[str, str]] = {
    adjective: (code.split()[0], code.split()[1]) for adjective, code in mapping("geo/region_adjectives").items()}
# A capitalised word before the adjective that makes it a wider, non-national group.
_GROUP_PREFIXES = words("geo/group_prefixes")
# Nouns after an adjective that make it a language, not a country.
LANGUAGE_NOUNS = words("geo/language_nouns")
_HYPHENS = frozenset({"-", "–", "‑"})
_LINKS = frozenset({",", "and", "or", "&", "/"})
_MAX_WORDS = 3  # "Papua New Guinean", "Sao Tomean", "Bissau - Guinean"


@cache
def _adjectives() -> dict[str, tuple[Country | None, tuple[str, str] | None]]:
    """name_key -> (country, None) or (None, (cc, admin1 code)) for every singular modifier form."""
    out: dict[str, tuple[Country | None, tuple[str, str] | None]] = {}
    for key, country in tables().by_demonym.items():
        if key in _NOMINAL or key.endswith(_NOMINAL_ENDINGS):
            continue
        # The loader adds plurals in -s ("Malians"): people, not a modifier.
        if key.endswith("s") and key[:-1] in tables().by_demonym and not key.endswith(("ss", "ese")):
            continue
        out[key] = (country, None)
    for key, region in REGION_ADJECTIVES.items():
        out[key] = (None, region)
    return out


def adjective_key(text: str) -> str | None:
    """The table key of a national modifier adjective ("South Korean" -> "south korean"), else None."""
    key = name_key(text)
    return key if key in _adjectives() else None


def is_demonym_place(place: Place) -> bool:
    """Is `place` a national adjective (a modifier like "French"), not a place named as such?

    The event coder and the dominant-country logic skip these: "French troops" says who,
    not where.
    """
    if place.start is None or place.resolution not in (1, 2):
        return False
    return adjective_key(place.text) is not None and country_by_name(place.text) is None


def _candidate(key: str) -> gz.Candidate | None:
    country, region = _adjectives()[key]
    if country is not None:
        return gz.country_candidate(country)
    if region is not None:
        return gz.admin1_of(*region)
    return None


def _adjective_like(tok: Token) -> bool:
    return tok.pos_ == "ADJ" or (tok.text[:1].isupper() and adjective_key(tok.text) is not None)


def _modifies(doc: Doc, start: int, end: int) -> bool:
    """Does the adjective doc[start:end] modify a noun (directly, hyphenated or via coordination)?"""
    n = len(doc)
    if end < n and doc[end].text in _HYPHENS and not doc[end - 1].whitespace_:
        nxt = doc[end + 1] if end + 1 < n else None
        return nxt is not None and nxt.is_alpha and nxt.lower_ not in LANGUAGE_NOUNS
    j = end
    for _ in range(8):
        if j >= n or doc[j].is_sent_start:
            return False
        tok = doc[j]
        if tok.lower_ in _LINKS:
            # "Russian and Venezuelan delegations": a link continues only into another adjective.
            if j + 1 < n and _adjective_like(doc[j + 1]) and not doc[j + 1].is_sent_start:
                j += 1
                continue
            return False
        if tok.pos_ == "ADJ" or (tok.text[:1].isupper() and adjective_key(tok.text) is not None
                                  and tok.pos_ != "NOUN"):
            j += 1
            continue
        return tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ != "LANGUAGE" and tok.lower_ not in LANGUAGE_NOUNS
    return False


def _blocked(doc: Doc, start: int, end: int) -> bool:
    """Is doc[start:end] part of a person's name or of a wider group ("Latin American")?"""
    prev = start - 1
    if prev > 0 and doc[prev].text in _HYPHENS and not doc[prev].whitespace_ and not doc[prev - 1].whitespace_:
        prev -= 1  # "Afro-Cuban", "Pan-Arab"
    if prev >= 0 and doc[prev].lower_ in _GROUP_PREFIXES and doc[prev].text[:1].isupper():
        return True
    first = doc[start]
    if first.ent_type_ == "PERSON" and first.ent_iob_ != "B":
        return True  # "Frank French"
    if first.ent_type_ == "NORP":
        ent = entity_of(first)
        if ent is not None:
            core = [t for t in ent if t.lower_ not in ("the", "a", "an")]
            # "Latin American", "African American": the group is more than the nation.
            if core and (core[0].i != start or core[-1].i != end - 1):
                return not all(adjective_key(t.text) is not None or t.text in _HYPHENS for t in core)
    return False


def demonym_places(doc: Doc, places: list[Place]) -> list[Place]:
    """Places for the national adjectives of `doc` used as modifiers (see the module docstring)."""
    if not MODIFIER_DEMONYMS:
        return []
    covered = {i for p in places if p.start is not None and p.end is not None and p.resolution != 5
               for i in range(p.start, p.end)}
    table = _adjectives()
    out: list[Place] = []
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        if not tok.text[:1].isupper() or tok.text.isupper() or tok.idx in covered:
            i += 1
            continue
        found = None
        for k in range(min(_MAX_WORDS, n - i), 0, -1):
            span = doc[i: i + k]
            if not span[-1].text[:1].isupper():
                continue
            key = name_key(span.text)
            if key in table:
                found = (span, key)
                break
        if found is None:
            i += 1
            continue
        span, key = found
        if not _blocked(doc, span.start, span.end) and _modifies(doc, span.start, span.end) and \
                not any(c in covered for c in range(span.start_char, span.end_char)):
            cand = _candidate(key)
            if cand is not None:
                out.append(make_place(span.text, span.start_char, span.end_char, cand))
        i = span.end
    return out
