"""Datelines: the place a story was filed from, at the start of its first paragraph.

Reads the first body paragraph; gives the dateline as written ("BAMAKO",
"KYIV, Ukraine") and the paragraph without it. Resolving it to a place is a
later stage's work.
"""

from __future__ import annotations

import re

from chronicle.wordlists import mapping, words

# A capitalised month name or abbreviation ("Nov.", "November"), from the temporal tagger's list.
_MONTH_NAMES = sorted((m.capitalize() for m in mapping("times/months")), key=len, reverse=True)
_MONTH = rf"(?:{'|'.join(_MONTH_NAMES)})\.?"
_UPPER_WORD = r"[A-Z][A-Z'’.\-]+"
_TITLE_WORD = r"[A-Z][\w'’.\-]+"
# The place: capitals ("WASHINGTON", "ST. LOUIS"), optionally ", Region" in any case ("KYIV, Ukraine").
_PLACE_UPPER = rf"{_UPPER_WORD}(?:\s+{_UPPER_WORD}){{0,3}}(?:,\s*{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,2}})?"
_PLACE_TITLE = rf"{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,2}}(?:,\s*{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,2}})?"
_DATE = rf",\s*{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?"
_AGENCY = r"\((?P<agency>[A-Za-z][\w .&/-]{0,30})\)"
_DASH = r"(?:--|[-—–])"

_WITH_AGENCY = re.compile(rf"^(?P<place>{_PLACE_TITLE}|{_PLACE_UPPER})(?:{_DATE})?\s*{_AGENCY}\s*{_DASH}\s+")
_UPPER_DASH = re.compile(rf"^(?P<place>{_PLACE_UPPER})(?:{_DATE})?\s*(?:{_DASH}|:)\s+")
_AGENCY_ONLY = re.compile(rf"^{_AGENCY}\s*{_DASH}\s+")
# Capitalised lead-ins that end in a colon but are no place.
_NOT_PLACES = words("segment/not_places")


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """(dateline, rest of the paragraph); (None, paragraph) when it opens with none.

    A bare "(Reuters) - " lead-in without a place is dropped from the text too.
    """
    m = _WITH_AGENCY.match(paragraph) or _UPPER_DASH.match(paragraph)
    if m:
        place = m.group("place").strip().rstrip(",")
        head = place.split(",")[0].strip().upper()
        rest = paragraph[m.end():]
        if head not in _NOT_PLACES and rest[:1].strip() and _plausible(place, rest):
            return place, rest
    m = _AGENCY_ONLY.match(paragraph)
    if m and paragraph[m.end():].strip():
        return None, paragraph[m.end():]
    return None, paragraph


def _plausible(place: str, rest: str) -> bool:
    # A lone capitalised first word ("The", "Police") before a dash is a sentence, not a place;
    # a place either is in capitals or has a wire-agency parenthesis, which the patterns demand.
    first = place.split(",")[0]
    return len(first) >= 2 and len(rest.split()) >= 2
