"""The actor dictionaries (chronicle/data/actors/, built by scripts/build_actor_data.py).

Loaded once per process on first use; every lookup is a dict access on a
normalised key (chronicle.dictionaries.normalize.norm_key).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from chronicle.dictionaries.actor_codes import INTERNATIONAL
from chronicle.dictionaries.countries import country_by_demonym, country_by_name
from chronicle.dictionaries.normalize import norm_key

DATA = Path(__file__).resolve().parent.parent / "data" / "actors"


def _load(name: str) -> Any:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


@cache
def agents() -> dict[str, list[str]]:
    """Role phrase key -> [country or "", sectors...] ("defense minister" -> ["", "GOV", "MIL"])."""
    table: dict[str, list[str]] = _load("agents")
    return table


@cache
def countries() -> dict[str, str]:
    """Country name, adjective or city key -> ISO alpha-3 ("malian" -> "MLI", "bamako" -> "MLI")."""
    table: dict[str, str] = _load("countries")
    return table


@cache
def named() -> dict[str, list[Any]]:
    """Named actor key -> [canonical name, [[country, sectors, from, to], ...]]."""
    table: dict[str, list[Any]] = _load("named")
    return table


@cache
def country_names() -> dict[str, str]:
    """ISO alpha-3 -> short English name ("MLI" -> "Mali"), for naming nominal actors."""
    import pycountry

    return {c.alpha_3: getattr(c, "common_name", c.name) for c in pycountry.countries}


@dataclass(frozen=True)
class NamedHit:
    name: str
    country: str | None
    sectors: tuple[str, ...]


def _date_int(published: str | None) -> int | None:
    if not published or len(published) < 10 or not published[:4].isdigit():
        return None
    return int(published[:10].replace("-", ""))


def lookup_named(text: str, published: str | None = None) -> NamedHit | None:
    """The dictionary entry for a name, with the role held on `published` (YYYY-MM-DD).

    Roles carry date ranges (`[MLIGOV 940204-000215]`). On a known date the
    role valid then wins; a date after every dated role gives the undated
    default (usually ELI, a former office holder). With no date the most
    recent office is taken, since news is mostly about the present.
    """
    entry = named().get(norm_key(text))
    if entry is None:
        return None
    name, roles = entry
    dated = [r for r in roles if r[3] != -1]
    default = [r for r in roles if r[3] == -1]
    day = _date_int(published)
    chosen: list[Any] | None = None
    if day is not None:
        valid = [r for r in dated if r[2] <= day and (r[3] == 0 or day <= r[3])]
        if valid:
            chosen = max(valid, key=lambda r: r[2])
        elif default:
            chosen = default[0]
        elif dated:  # out of office on that day: a former official of the last country served
            last = max(dated, key=lambda r: r[3] or 99999999)
            chosen = [last[0], ["ELI"], 0, -1]
    if chosen is None:
        # PRE marks a place's years as a partially recognised entity, not an office to prefer
        offices = [r for r in dated if r[1] and r[1][0] not in ("ELI", "PRE")] or dated or default
        chosen = max(offices, key=lambda r: (r[3] or 99999999, r[2])) if offices else None
    if chosen is None:
        return None
    country = chosen[0] or next((r[0] for r in roles if r[0]), None)
    return NamedHit(name=name, country=country or None, sectors=tuple(chosen[1]))


def is_international(code: str | None) -> bool:
    return code in INTERNATIONAL


def country_of_word(text: str) -> str | None:
    """ISO alpha-3 of a country name, demonym or listed city; None for anything else.

    The CAMEO table first (it also knows cities and old names), then the gazetteer's country names
    and demonyms, which cover adjectives CAMEO lacks ("Azerbaijani")."""
    found = countries().get(norm_key(text))
    if found is not None:
        return found
    country = country_by_demonym(text) or country_by_name(text)
    return country.iso3 if country is not None else None
