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
window over dates keeps memory bounded by a few days of events. `Grouper` is
that window's whole state: the open groups, per country ("block"), in the
order they opened (incremental.py replays it from the stored groups).

Each group's representative — the event a listing shows for it — is its
earliest-published report, ties by event id (`representative`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

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
    seq: int = 0  # the article's ingest number: with `idx`, the order among events of one date
    idx: int = 0  # the event's place in its article
    published: str | None = None  # the article's publication date or datetime (ISO)


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


def block_of(e: EventInfo) -> str:
    """The country an event is compared within: its place's, else its first party's; "" when none."""
    if e.place and e.place.country:
        return e.place.country
    for p in (*e.actors, *e.recipients):
        if p.country:
            return p.country
    return ""


class Grouper:
    """The open groups of one event type, per block (country), each list in the order it was opened.

    Feed dated events of that type in (start, seq, idx) order through `add`; `advance` closes the
    groups no event of a later date can join.
    """

    def __init__(self) -> None:
        self.open: dict[str, list[Group]] = {}
        self.day: date | None = None

    def advance(self, day: date) -> Iterator[Group]:
        """Move the window to `day`; yield (and drop) the groups whose leader ended more than the window before."""
        if day == self.day:  # the window only moves when the date does
            return
        self.day = day
        for block, groups in list(self.open.items()):
            still = []
            for g in groups:
                assert g.leader.end is not None
                if (day - g.leader.end).days > DATE_WINDOW_DAYS:
                    yield g
                else:
                    still.append(g)
            if still:
                self.open[block] = still
            else:
                del self.open[block]

    def add(self, e: EventInfo) -> tuple[Group, str]:
        """Place a dated event: the group it joined and why, or its own new group and "leader"."""
        assert e.start is not None
        for _ in self.advance(e.start):
            pass
        block = block_of(e)
        for g in self.open.get(block, []) + (self.open.get("", []) if block else []):
            why = same_happening(g.leader, e)
            if why is not None:
                g.members.append((e, why))
                return g, why
        group = Group(leader=e)
        self.open.setdefault(block, []).append(group)
        return group, "leader"

    def flush(self) -> Iterator[Group]:
        for groups in self.open.values():
            yield from groups
        self.open = {}


def group_events(events: Iterable[EventInfo]) -> Iterator[Group]:
    """Groups of `events`, which must come sorted by (type, start date, seq, idx); undated events stay alone.

    Each group is yielded once no later event can join it (its leader fell out of the window).
    """
    grouper = Grouper()
    current_type: str | None = None
    for e in events:
        if e.type != current_type:
            yield from grouper.flush()
            grouper, current_type = Grouper(), e.type
        if e.start is None:
            yield Group(leader=e)
            continue
        yield from grouper.advance(e.start)
        grouper.add(e)
    yield from grouper.flush()


def published_key(published: str | None) -> datetime | None:
    """`published` (ISO date or datetime) as a naive UTC datetime for ordering; None when absent or unreadable."""
    if not published:
        return None
    try:
        when = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when


def representative(events: Iterable[EventInfo]) -> EventInfo:
    """The event a listing shows for a group: the earliest-published report (unknown dates last), ties by id."""
    def key(e: EventInfo) -> tuple[bool, datetime, str]:
        when = published_key(e.published)
        return when is None, when or datetime.min, e.id

    return min(events, key=key)
