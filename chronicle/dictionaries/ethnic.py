"""Ethnic and national groups that are not a state's demonym: "Yoruba leaders", "Kurdish fighters".

The table (chronicle/data/actors/ethnic.tsv, written here) lists each group's
forms and the states where it mainly lives. A group of one state codes that
state; a group spread over several codes the article's country when that is
one of them ("Tuareg rebels" in a Malian story -> MLI), else nothing: a
Kurd is not coded Iraqi in a story set in Germany.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from chronicle.dictionaries.normalize import norm_token

TABLE = Path(__file__).resolve().parent.parent / "data" / "actors" / "ethnic.tsv"


@cache
def _groups() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        forms, codes = line.split("\t")
        states = tuple(c.strip() for c in codes.split(",") if c.strip())
        for form in forms.split(","):
            out[norm_token(form.strip())] = states
    return out


def kin_states(word: str) -> tuple[str, ...]:
    """The states where the group a word names lives ("Igbo" -> ("NGA",)); () for any other word."""
    return _groups().get(norm_token(word), ())


def group_country(word: str, context: str | None) -> str | None:
    """The country a group word codes in an article whose main country is `context`."""
    states = kin_states(word)
    if len(states) == 1:
        return states[0]
    return context if context in states else None
