"""The one loader of chronicle's word lists: plain text files under `chronicle/data/words/`.

Every word list the stages use lives once, as data, in `data/words/<stage>/<name>.txt`
(one entry per line; an entry may hold spaces) or `<name>.tsv` (a key and a value per
line, tab-separated). Lines starting with `#` are comments: each file opens with what the
list is for and where it comes from. Entries are kept as written (lower case where the
stage compares lower-cased text). A list is read once per process.

    words("events/reporting")   -> frozenset of entries
    ordered("times/months")     -> tuple in file order (where order matters: priorities, longest first)
    mapping("times/day_words")  -> dict of key -> value (strings; the caller converts numbers)
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

WORDS = Path(__file__).parent / "data" / "words"


class WordListError(ValueError):
    """A word list file is missing or malformed (a packaging or editing mistake, not user input)."""


def _lines(name: str, suffix: str) -> list[tuple[int, str]]:
    path = WORDS / f"{name}{suffix}"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WordListError(f"{path}: no such word list; add it under chronicle/data/words/") from None
    return [(n, line.rstrip("\n")) for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.lstrip().startswith("#")]


@cache
def ordered(name: str) -> tuple[str, ...]:
    """The entries of `data/words/<name>.txt` in file order, surrounding spaces stripped."""
    entries = [line.strip() for _, line in _lines(name, ".txt")]
    seen: set[str] = set()
    for n, entry in enumerate(entries):
        if entry in seen:
            raise WordListError(f"{WORDS / name}.txt: {entry!r} is listed twice (entry {n + 1}); keep one")
        seen.add(entry)
    return tuple(entries)


@cache
def words(name: str) -> frozenset[str]:
    """The entries of `data/words/<name>.txt` as a set."""
    return frozenset(ordered(name))


@cache
def mapping(name: str) -> dict[str, str]:
    """`data/words/<name>.tsv` as key -> value; a line without exactly one tab is an error naming it."""
    out: dict[str, str] = {}
    for n, line in _lines(name, ".tsv"):
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip():
            raise WordListError(f"{WORDS / name}.tsv line {n}: expected 'key<TAB>value', got {line!r}")
        key = parts[0].strip()
        if key in out:
            raise WordListError(f"{WORDS / name}.tsv line {n}: {key!r} is listed twice; keep one")
        out[key] = parts[1].strip()
    return out
