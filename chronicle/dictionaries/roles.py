"""Reading roles and countries from the words around a name or inside a noun phrase.

"Defense Minister General" -> GOV with MIL; "US District Judge" -> USA, JUD;
"a former governor" -> ELI; "its Russian mercenary allies" -> RUS, UAF.
Works on plain word lists so the same code serves titles, appositions,
nominal phrases and `describe_phrase` on free text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from chronicle.dictionaries.actors import agents, countries, country_of_word
from chronicle.dictionaries.ethnic import kin_states
from chronicle.dictionaries.normalize import norm_token
from chronicle.wordlists import words

MAX_PHRASE = 5
# Words that turn an office into a former one (PLOVER ELI: former officials).
FORMER = words("actors/former")
# Region or bloc adjectives: the actor is named, but not as one country's (no domestic fallback).
REGIONAL = words("actors/regional")
# Person titles by strength: an office outranks a rank, a rank outranks a generic label.
TITLE_PRIORITY = ("GOV", "JUD", "LEG", "ELI", "MIL", "COP", "SPY", "PRM", "PTY", "REB", "UAF", "OPP",
                  "JRN", "EDU", "MED", "REL", "BUS", "LAB", "SOC", "AGR", "REF", "CRM", "CVL")


@dataclass
class Match:
    start: int  # word index
    end: int
    country: str | None  # an international code from the role itself ("peacekeepers" -> IGO)
    sectors: list[str]


@dataclass
class Cues:
    matches: list[Match] = field(default_factory=list)
    countries: list[tuple[int, str]] = field(default_factory=list)  # (word index, ISO3)
    kin: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)  # (word index, states of a group)
    regional: bool = False

    def covers(self, index: int) -> Match | None:
        return next((m for m in self.matches if m.start <= index < m.end), None)

    def sectors_by_head(self, head: int) -> list[str]:
        """Nominal phrase: the head's role first, then modifiers from the nearest outward."""
        first = self.covers(head)
        ordered = ([first] if first else []) + sorted(
            (m for m in self.matches if m is not first), key=lambda m: abs(head - m.end))
        return _dedupe(s for m in ordered for s in m.sectors)

    def sectors_by_title(self) -> list[str]:
        """Person: strongest title first ("Defense Minister General" -> GOV, MIL)."""
        found = _dedupe(s for m in self.matches for s in m.sectors)
        return sorted(found, key=lambda s: TITLE_PRIORITY.index(s) if s in TITLE_PRIORITY else 99)

    def international(self) -> str | None:
        return next((m.country for m in self.matches if m.country), None)

    def kin_country(self, context: str | None) -> str | None:
        """The country an ethnic group of the phrase codes: its one state, else the article's if listed."""
        for _, states in self.kin:
            if len(states) == 1:
                return states[0]
            if context in states:
                return context
        return None


def _dedupe(items: object) -> list[str]:
    out: list[str] = []
    for s in items:  # type: ignore[attr-defined]
        if s not in out:
            out.append(s)
    return out


def _plural_forms(word: str) -> list[str]:
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    return forms


def read_roles(words: Sequence[str], lemmas: Sequence[str] | None = None) -> Cues:
    """Role and country cues in a word sequence (token texts, optionally with lemmas)."""
    norms = [norm_token(w) for w in words]
    lems = [norm_token(x) for x in lemmas] if lemmas is not None else norms
    table, places = agents(), countries()
    cues = Cues()
    i, n = 0, len(words)
    while i < n:
        if not norms[i]:
            i += 1
            continue
        found = None
        for size in range(min(MAX_PHRASE, n - i), 0, -1):
            span = [x for x in norms[i:i + size] if x]
            if not span:
                continue
            stem = " ".join(span[:-1])
            for last in dict.fromkeys([span[-1], lems[i + size - 1], *_plural_forms(span[-1])]):
                key = f"{stem} {last}" if stem else last
                if key in table:
                    found = (size, table[key])
                    break
            if found:
                break
        if found:
            size, value = found
            sectors = list(value[1:])
            # "former governor", "a former Brazilian governor": an adjective may come between
            before = [x for x in norms[max(0, i - 3):i] if x]
            if FORMER & set(before) and set(sectors) & {"GOV", "LEG", "JUD", "MIL", "COP"}:
                sectors = ["ELI"]
            cues.matches.append(Match(i, i + size, value[0] or None, sectors))
            i += size
            continue
        # a country cue must be capitalised: "US" is the United States, "us" a pronoun; "ethnic
        # Albanians", "ethnic Russians" name a group where it lives, not the kin state
        if words[i][:1].isupper() and not (i > 0 and norms[i - 1] == "ethnic"):
            for size in range(min(3, n - i), 0, -1):
                key = " ".join(x for x in norms[i:i + size] if x)
                iso = places.get(key) or (country_of_word(words[i]) if size == 1 else None)
                if iso:
                    cues.countries.append((i, iso))
                    i += size - 1
                    break
            else:
                if states := kin_states(words[i]):  # "Igbo elders", "Tuareg rebels"
                    cues.kin.append((i, states))
        if norms[i] in REGIONAL:
            cues.regional = True
        i += 1
    return cues
