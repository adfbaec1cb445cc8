"""Word lists for the temporal tagger: month and weekday names, number words, units.

The lists live as data under chronicle/data/words/times/ (and numbers/, shared with event
size), read once through `chronicle.wordlists`; this module gives them the types the rules use.
"""

from __future__ import annotations

from collections.abc import Iterable

from chronicle.wordlists import mapping, ordered, words


def _numbers(name: str) -> dict[str, int]:
    return {k: int(v) for k, v in mapping(name).items()}


MONTHS = _numbers("times/months")
# Month names that are also ordinary English words: tagged only when the context makes them dates.
AMBIGUOUS_MONTHS = words("times/ambiguous_months")

WEEKDAYS = _numbers("times/weekdays")

# English number words one to ninety, in counting order (shared with chronicle/events/size.py).
CARDINALS = _numbers("numbers/cardinals")
SMALL_NUMBERS = {**_numbers("numbers/articles"), **CARDINALS, **_numbers("numbers/scales"),
                 **_numbers("times/quantities")}
# Quantities that give a vague duration ("several years" -> PXY).
VAGUE_QUANTITIES = ordered("times/vague_quantities")

ORDINALS = _numbers("times/ordinals")

# Unit word -> (TIMEX letter, needs the "T" time designator).
UNITS = {k: (v[-1], v.startswith("T")) for k, v in mapping("times/units").items()}

SEASONS = mapping("times/seasons")
PARTS_OF_DAY = mapping("times/parts_of_day")

DECADE_WORDS = _numbers("times/decades")


def cardinal_words(low: int, high: int) -> str:
    """A regex alternation of the cardinal number words worth `low` to `high`, in counting order."""
    return "|".join(k for k, v in CARDINALS.items() if low <= v <= high)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the given words, longest first so that "sept" wins over "sep"."""
    return "|".join(sorted(words, key=len, reverse=True))
