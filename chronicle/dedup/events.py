"""One event per real-world happening: events from several articles that report it are grouped.

Reads compact event descriptions (`EventInfo`: type, mode, status, dates,
place, parties, source); gives groups, each led by its earliest event, with
the reason every other member joined. Two events are the same happening when

- type is the same, modes do not differ, and statuses agree (asserted and
  alleged go together; a planned or denied event never joins a real one);
- their date ranges, each widened by DATE_WINDOW_DAYS, overlap;
- places do not contradict: same admin-1 region or within PLACE_KM (a
  country-level place only rules out other countries);
- parties do not contradict, per role: some pair shares an entity name or the
  same country and sector family;
- and at least one of place, actor or recipient positively agrees (two
  ASSAULTs on the same day in the same country are not one event by default).

Greedy leader grouping (an event joins the first open group whose *leader* it
matches) keeps groups from chaining A~B~C into one blob, and the sliding
window over dates keeps memory bounded by a few days of events.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

# Day-precision dates come from "on Tuesday"/"yesterday" resolved against each article's own
# publication date: reports published either side of midnight, or in different time zones, put
# one happening a day apart, and a report filed late with its relative date unresolved falls
# back to its publication day. Two days absorbs both; a protest repeated weekly stays apart.
DATE_WINDOW_DAYS = 2
PLACE_KM = 50.0
MERGEABLE_PRECISIONS = frozenset({"day", "week", "month"})
# Sectors a report may use interchangeably for one party: "police", "security forces" and
# "the authorities" arresting the same crowd (actors/resolve.py's STATE_SECTORS).
_FAMILIES = {s: "state" for s in ("GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PRM")}
_STATUS_CLASS = {"asserted": "real", "alleged": "real"}


@dataclass(frozen=True)
class Party:
    name: str | None
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class PlaceInfo:
    name: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    resolution: int | None


@dataclass(frozen=True)
class EventInfo:
    """What grouping needs of one stored event."""

    id: str
    article_id: str
    type: str
    mode: str | None
    status: str
    start: date | None  # None: no usable date, the event stays alone
    end: date | None
    place: PlaceInfo | None
    actors: tuple[Party, ...]
    recipients: tuple[Party, ...]
    source: str  # who published the article (source name, else URL host, else "unknown")
    mentions: int = 1  # the evidence sentence plus the article's other sentences reporting it


@dataclass
class Group:
    leader: EventInfo
    members: list[tuple[EventInfo, str]] = field(default_factory=list)  # (event, why it joined)

    @property
    def group_id(self) -> str:
        return self.leader.id


def distance_km(a: PlaceInfo, b: PlaceInfo) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def place_match(a: PlaceInfo | None, b: PlaceInfo | None) -> tuple[bool | None, str]:
    """(True, why) when the places agree, (False, why) when they contradict, (None, "") when unknown."""
    if a is None or b is None:
        return None, ""
    if a.country and b.country and a.country != b.country:
        return False, "other country"
    fine_a, fine_b = (a.resolution or 0) >= 2, (b.resolution or 0) >= 2
    if not (fine_a and fine_b):
        return None, ""  # a country-level place says nothing finer
    if a.admin1 and a.admin1 == b.admin1:
        return True, f"same region {a.admin1}"
    km = distance_km(a, b)
    if km is not None and km <= PLACE_KM:
        return True, f"places {km:.0f} km apart"
    return False, "places apart"


def _norm(name: str | None) -> str:
    return " ".join((name or "").lower().split())


def same_party(a: Party, b: Party) -> str | None:
    """Why two parties are the same (a name, or country and sector family), or None."""
    if _norm(a.name) and _norm(a.name) == _norm(b.name):
        return f"same name {a.name}"
    if a.country and a.country == b.country:
        fam_a = _FAMILIES.get(a.sector or "", a.sector)
        fam_b = _FAMILIES.get(b.sector or "", b.sector)
        if fam_a == fam_b:
            return f"same {a.country}/{fam_a or 'country'}"
    return None


def parties_match(xs: tuple[Party, ...], ys: tuple[Party, ...]) -> tuple[bool | None, str]:
    if not xs or not ys:
        return None, ""
    for x in xs:
        for y in ys:
            why = same_party(x, y)
            if why:
                return True, why
    return False, "different parties"


def same_happening(a: EventInfo, b: EventInfo) -> str | None:
    """The reason `b` reports the same happening as `a`, or None when it does not."""
    if a.type != b.type or (a.mode and b.mode and a.mode != b.mode):
        return None
    if a.status != b.status and not (_STATUS_CLASS.get(a.status) == _STATUS_CLASS.get(b.status) == "real"):
        return None
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return None
    gap = max((b.start - a.end).days, (a.start - b.end).days, 0)
    if gap > DATE_WINDOW_DAYS:
        return None
    reasons = [f"same type {a.type}", "same day" if gap == 0 else f"dates {gap} day(s) apart"]
    positive = False
    for verdict, why in (place_match(a.place, b.place), parties_match(a.actors, b.actors),
                         parties_match(a.recipients, b.recipients)):
        if verdict is False:
            return None
        if verdict:
            positive = True
            reasons.append(why)
    return "; ".join(reasons) if positive else None


def _block(e: EventInfo) -> str:
    """The country an event is compared within: its place's, else its first party's; "" when none."""
    if e.place and e.place.country:
        return e.place.country
    for p in (*e.actors, *e.recipients):
        if p.country:
            return p.country
    return ""


def group_events(events: Iterable[EventInfo]) -> Iterator[Group]:
    """Groups of `events`, which must come sorted by (type, start date); undated events stay alone.

    Each group is yielded once no later event can join it (its leader fell out of the window).
    """
    open_groups: dict[str, list[Group]] = {}
    current_type: str | None = None
    last_start: date | None = None
    for e in events:
        if e.type != current_type:
            yield from (g for groups in open_groups.values() for g in groups)
            open_groups, current_type, last_start = {}, e.type, None
        if e.start is None:
            yield Group(leader=e)
            continue
        start = e.start
        if start != last_start:  # the window only moves when the date does
            last_start = start
            yield from _close_before(open_groups, start)
        block = _block(e)
        candidates = open_groups.get(block, []) + (open_groups.get("", []) if block else [])
        joined = None
        for g in candidates:
            why = same_happening(g.leader, e)
            if why is not None:
                joined = g
                g.members.append((e, why))
                break
        if joined is None:
            open_groups.setdefault(block, []).append(Group(leader=e))
    yield from (g for groups in open_groups.values() for g in groups)


def _close_before(open_groups: dict[str, list[Group]], start: date) -> Iterator[Group]:
    """Yield (and drop) the groups whose leader ended more than the window before `start`."""
    for block, groups in list(open_groups.items()):
        still = []
        for g in groups:
            assert g.leader.end is not None
            if (start - g.leader.end).days > DATE_WINDOW_DAYS:
                yield g
            else:
                still.append(g)
        if still:
            open_groups[block] = still
        else:
            del open_groups[block]
