"""Event size (killed, injured, arrested, count) from numbers attached to the trigger.

Reads numerals and number words that modify the trigger noun ("55
arrests"), the verb's object or passive subject ("killing two citizens",
"20 people were detained"), or a casualty verb hanging off an attack ("an
attack that killed 12"). Vague quantities ("dozens", "hundreds") stay null:
the size is never invented.
"""

from __future__ import annotations

from spacy.tokens import Token

from chronicle.records import Size
from chronicle.wordlists import mapping, words

# Number words, shared with the temporal tagger (chronicle/data/words/numbers/).
UNITS = {k: int(v) for name in ("numbers/cardinals", "numbers/articles") for k, v in mapping(name).items()}
SCALES = {k: int(v) for k, v in mapping("numbers/scales").items()}
KILL = words("events/killing")
INJURE = words("events/injuring")


def number_value(tok: Token) -> int | None:
    """"55" -> 55, "20,000" -> 20000, "two" -> 2, "2 million" -> 2000000; None for vague words."""
    parts = [c for c in tok.children if c.dep_ in ("compound", "nummod", "quantmod") and c.i < tok.i and c.like_num]
    value = _single(tok.lower_)
    if value is None:
        return None
    for p in parts:
        lead = _single(p.lower_)
        if lead is not None and tok.lower_ in SCALES:
            value = lead * SCALES[tok.lower_]
    return value


def _single(word: str) -> int | None:
    digits = word.replace(",", "")
    if digits.isdigit():
        return int(digits)
    if word in UNITS and word not in ("a", "an"):
        return UNITS[word]
    if word in SCALES:
        return SCALES[word]
    return None


def _count(noun: Token | None) -> int | None:
    if noun is None:
        return None
    for c in noun.children:
        if c.dep_ == "nummod" and c.like_num:
            return number_value(c)
    return None


def size_of(trigger: Token, event_type: str, mode: str | None, nominal: bool,
            recipient_heads: list[Token]) -> Size:
    """The numbers attached to one event, placed by what the trigger does."""
    size = Size()
    lemma = trigger.lemma_.lower()
    counted: list[tuple[str, int]] = []
    if nominal:
        n = _count(trigger)
        if n is not None:
            counted.append((lemma, n))
    for head in recipient_heads:
        n = _count(head)
        if n is not None:
            counted.append((lemma, n))
            break
    if not nominal and not counted:
        for c in trigger.children:
            if c.dep_ in ("dobj", "nsubjpass"):
                n = _count(c)
                if n is not None:
                    counted.append((lemma, n))
    if event_type == "ASSAULT":
        # A casualty clause on the attack: "an attack that killed 12", "shelling, wounding 30".
        for c in trigger.children:
            if c.dep_ in ("relcl", "advcl", "acl", "conj") and c.lemma_.lower() in KILL | INJURE:
                for g in c.children:
                    if g.dep_ in ("dobj", "nsubjpass"):
                        n = _count(g)
                        if n is not None:
                            counted.append((c.lemma_.lower(), n))
    for word, n in counted:
        if event_type == "ASSAULT" and word in KILL and size.killed is None:
            size.killed = n
        elif event_type == "ASSAULT" and word in INJURE and size.injured is None:
            size.injured = n
        elif event_type == "COERCE" and mode == "arrest" and size.arrested is None:
            size.arrested = n
        elif size.count is None:
            size.count = n
    return size
