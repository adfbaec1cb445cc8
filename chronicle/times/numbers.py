"""Reading written quantities ("twenty four", "a couple of", "2 1/2") as numbers for TIMEX values."""

from __future__ import annotations

import re

from chronicle.times.lexicon import SMALL_NUMBERS, cardinal_words
from chronicle.wordlists import words

_UNITS = cardinal_words(1, 9)
_TEENS = cardinal_words(10, 19)
_TENS = cardinal_words(20, 90)
_WORD = rf"(?:(?:{_TENS})(?:[- ](?:{_UNITS}))?|{_TEENS}|{_UNITS})"
# A quantity before a time unit. Vague ones ("several", "a few") give an X in the value.
NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?(?:\s+1/2)?|(?:a\s+|one\s+)?hundred|{_WORD}(?:\s+hundred)?"
    r"|a\s+couple\s+of|a\s+couple|a\s+few|a\s+dozen|several|few|many|a|an)"
    r"(?:\s+and\s+a\s+half)?"
)
_VAGUE = words("times/vague_numbers")


def parse_number(text: str) -> float | None:
    """The value of a quantity matched by NUMBER; None when it is vague ("several")."""
    words = re.sub(r"\s+", " ", text.strip().lower())
    half = 0.0
    if words.endswith(" and a half"):
        words, half = words[: -len(" and a half")], 0.5
    if words in _VAGUE:
        return None
    if words == "a dozen":
        return 12 + half
    if words in ("a couple", "a couple of"):
        return 2 + half
    if words.endswith(" 1/2"):
        words, half = words[:-4], 0.5
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", words):
        return float(words.replace(",", "")) + half
    total = 0
    for part in re.split(r"[- ]", words):
        if part == "hundred":
            total = max(total, 1) * 100
        elif part in SMALL_NUMBERS:
            total += SMALL_NUMBERS[part]
        else:
            return None
    return total + half
