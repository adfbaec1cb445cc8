"""Hand-built article records for the deduplication tests (invented news: no real outlet, place or event).

`report(...)` builds an Article whose events all point at sentences of its own
text, so every record obeys "offsets are law" (checked below). `harbour_story()`
is the fixed scenario: a wire story, two syndicated copies with small edits, an
update of it, another newsroom's account of the same arrests, and two events of
the same type and parties that are not the same happening (another country,
ten days later). `random_batches(seed)` makes many small stores' worth of
articles for the incremental-equals-rebuild property test.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from chronicle.records import QUAD, Actor, Article, Coder, Event, EventDate, Place, Size, Span

CODER = Coder(name="chronicle", version="0.1.0", schema=1, models={"spacy": "test-1", "events": "test"})


@dataclass(frozen=True)
class Town:
    name: str
    country: str
    admin1: str
    lat: float
    lon: float


SELWYN = Town("Port Selwyn", "KLV", "03", 10.50, -7.20)
MARRA = Town("Marra", "KLV", "03", 10.62, -7.05)  # ~20 km from Port Selwyn
DRAVIK = Town("Dravik", "OST", "11", 44.10, 21.30)
TOWNS = (SELWYN, MARRA, DRAVIK, Town("Kessel", "KLV", "07", 12.90, -4.40), Town("Ulm Vale", "OST", "02", 45.80, 19.90))


@dataclass(frozen=True)
class Ev:
    """One event as a sentence of the article: "<actor> <verb> <recipient> in <town>."."""

    type: str
    verb: str
    actor: tuple[str, str | None, str | None]  # name, country, sector
    recipient: tuple[str, str | None, str | None] | None
    town: Town | None
    start: str | None
    end: str | None = None
    precision: str = "day"
    status: str = "asserted"
    mode: str | None = None

    def sentence(self) -> str:
        who = self.actor[0] + " " + self.verb + (" " + self.recipient[0] if self.recipient else "")
        return who + (f" in {self.town.name}" if self.town else "") + "."


def _find(text: str, needle: str, start: int = 0) -> Span:
    at = text.index(needle, start)
    return Span(at, at + len(needle), needle)


def report(aid: str, body: str, events: list[Ev], published: str | None, source: str | None,
           url: str | None = None) -> Article:
    """An article: `body`, then one sentence per event (the event's evidence)."""
    sentences = [e.sentence() for e in events]
    text = " ".join([body, *sentences]).strip()
    out = []
    cursor = len(body)
    for n, (e, sentence) in enumerate(zip(events, sentences, strict=True), start=1):
        evidence = _find(text, sentence, cursor)
        cursor = evidence.end
        actor = Actor(text=e.actor[0], start=evidence.start, end=evidence.start + len(e.actor[0]), name=e.actor[0],
                      country=e.actor[1], sector=e.actor[2])
        recipients = []
        if e.recipient:
            r = _find(text, e.recipient[0], actor.end or 0)
            recipients.append(Actor(text=r.text, start=r.start, end=r.end, name=e.recipient[0],
                                    country=e.recipient[1], sector=e.recipient[2]))
        place = None
        if e.town:
            p = _find(text, e.town.name, evidence.start)
            place = Place(text=p.text, start=p.start, end=p.end, name=e.town.name, geonameid=None, lat=e.town.lat,
                          lon=e.town.lon, country=e.town.country, admin1=e.town.admin1, feature_code="PPL",
                          resolution=4)
        out.append(Event(
            id=f"{aid}:e{n}", type=e.type, mode=e.mode, context=[], quad=QUAD[e.type], actor=[actor],
            recipient=recipients, place=place,
            date=EventDate(start=e.start, end=e.end or e.start, precision=e.precision if e.start else "unknown"),
            size=Size(), status=e.status, trigger=_find(text, e.verb, evidence.start), evidence=evidence,
            confidence=0.7))
    return Article(id=aid, input_id=f"test/{aid}", text=text, title=aid, url=url, source=source, published=published,
                   published_from="input" if published else "unknown", events=out, coder=CODER)


# --- the fixed scenario ---------------------------------------------------------------------------

POLICE = ("Selwyn harbour police", "KLV", "COP")
ARMY = ("Klavonian soldiers", "KLV", "MIL")
DOCKERS = ("dock workers", "KLV", "LAB")
STRIKERS = ("striking dockers", "KLV", "LAB")

WIRE = ("PORT SELWYN - Harbour police detained forty dock workers on Tuesday after a strike over unpaid wages "
        "closed the container terminal for a third day, the port authority said in a statement. The workers had "
        "gathered at the main gate before dawn and refused to let lorries through. Union officials said the "
        "arrested men would be charged with obstruction and called for talks with the harbour board.")
ARREST = Ev("COERCE", "detained", POLICE, DOCKERS, SELWYN, "2025-03-04", mode="arrest")
STRIKE = Ev("PROTEST", "marched with", STRIKERS, None, SELWYN, "2025-03-03", mode="strike")


def harbour_story() -> dict[str, Article]:
    """The fixed scenario, by article id, in the order it is ingested."""
    copy_body = WIRE.replace("PORT SELWYN - ", "").replace("in a statement", "on Tuesday evening")
    update_body = WIRE + " A court freed twelve of them on Wednesday."
    other_body = ("Soldiers and police rounded up dozens of striking dockers at Port Selwyn, witnesses told our "
                  "reporter, as the stoppage over wages entered its third day and ships waited offshore.")
    return {
        "wire-1": report("wire-1", WIRE, [ARREST, STRIKE], "2025-03-04T06:00:00Z", "Harbour Wire",
                         "https://harbourwire.example/selwyn-arrests"),
        "copy-1": report("copy-1", copy_body, [ARREST], "2025-03-04T09:30:00+02:00", "Lakeside Daily",
                         "https://lakeside.example/world/selwyn"),
        "copy-2": report("copy-2", WIRE, [ARREST, STRIKE], "2025-03-05", None,
                         "https://www.coastherald.example/news/selwyn-dock-arrests"),
        "update-1": report("update-1", update_body, [ARREST, STRIKE], "2025-03-05T08:00:00Z", "Harbour Wire",
                           "https://harbourwire.example/selwyn-arrests-update"),
        "other-1": report("other-1", other_body, [replace(ARREST, actor=ARMY, recipient=STRIKERS, verb="rounded up",
                                                          start="2025-03-05")],
                          "2025-03-05T10:00:00Z", "Valley Times"),
        # Same type and parties, but another country on the same day, and the same port ten days later.
        "dravik-1": report("dravik-1", "DRAVIK - A quiet day ended in arrests at the river docks.",
                           [replace(ARREST, town=DRAVIK, actor=("Ostrian police", "OST", "COP"),
                                    recipient=("dock workers", "OST", "LAB"))],
                           "2025-03-04", "Harbour Wire"),
        "later-1": report("later-1", "PORT SELWYN - The strike flared again after talks collapsed.",
                          [replace(ARREST, start="2025-03-14")], "2025-03-14", "Harbour Wire"),
    }


def test_built_records_obey_offsets() -> None:
    for article in [*harbour_story().values(), *(a for batch in random_batches(3) for a in batch)]:
        for e in article.events:
            for span in (e.evidence, e.trigger, *e.actor, *e.recipient, *([e.place] if e.place else [])):
                assert span.start is not None and span.end is not None
                assert article.text[span.start:span.end] == span.text


# --- random stores for the property test ------------------------------------------------------------

_WORDS = ("harbour", "council", "minister", "strike", "wages", "bridge", "river", "market", "convoy", "village",
          "ballot", "court", "teachers", "farmers", "border", "patrol", "ferry", "grain", "price", "fuel", "clinic",
          "rally", "statement", "talks", "police", "army", "union", "mayor", "province", "capital", "storm", "flood",
          "curfew", "road", "tax", "budget", "school", "hospital", "factory", "mine")
_VERBS = {"COERCE": "detained", "PROTEST": "marched against", "ASSAULT": "attacked", "ACCUSE": "accused",
          "AGREE": "agreed with"}
_PARTIES = [("Selwyn harbour police", "KLV", "COP"), ("Klavonian soldiers", "KLV", "MIL"),
            ("dock workers", "KLV", "LAB"), ("Ostrian police", "OST", "COP"), ("farmers", "OST", "AGR"),
            ("the interior ministry", "KLV", "GOV"), ("teachers", None, "EDU"), ("protesters", None, "CVL")]
_NOWHERE = [("teachers", None, "EDU"), ("protesters", None, "CVL")]
_SOURCES = ["Harbour Wire", "Lakeside Daily", "Valley Times", None]


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(n))


def _happening(rng: random.Random, day0: date) -> Ev:
    etype = rng.choice(sorted(_VERBS))
    start = day0 + timedelta(days=rng.randrange(40))
    precision = rng.choices(["day", "week", "month", "none"], [8, 1, 1, 1])[0]
    end = start
    if precision == "week":
        start -= timedelta(days=start.weekday())
        end = start + timedelta(days=6)
    elif precision == "month":
        start = start.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    actor, recipient = rng.sample(_PARTIES, 2)
    town = rng.choice((*TOWNS, None))
    if rng.random() < 0.1:  # no country at all: compared with the events of every country
        actor, recipient, town = rng.choice(_NOWHERE), rng.choice(_NOWHERE), None
    return Ev(etype, _VERBS[etype], actor, recipient if rng.random() < 0.8 else None,
              town, None if precision == "none" else start.isoformat(),
              None if precision == "none" else end.isoformat(), "day" if precision == "none" else precision,
              status=rng.choices(["asserted", "alleged", "planned"], [6, 2, 1])[0])


def _retold(rng: random.Random, e: Ev) -> Ev:
    """Another report of the same happening: a day off, or another name for a party, now and then."""
    if e.start and e.precision == "day" and rng.random() < 0.3:
        shifted = (date.fromisoformat(e.start) + timedelta(days=rng.choice((-1, 1)))).isoformat()
        e = replace(e, start=shifted, end=shifted)
    if rng.random() < 0.3:
        e = replace(e, actor=rng.choice(_PARTIES))
    return e


def random_batches(seed: int, stories: int = 14) -> list[list[Article]]:
    """Articles of `stories` invented stories (wire copies with edits, other newsrooms' reports, unrelated
    events), published over ~40 days, cut into ingest batches in a shuffled order (late arrivals), with
    some articles ingested again later: unchanged, or replaced (new text, events or publication date)."""
    rng = random.Random(seed)
    day0 = date(2025, 3, 1)
    articles: list[Article] = []
    for s in range(stories):
        body = _words(rng, 160)
        happenings = [_happening(rng, day0) for _ in range(rng.randrange(1, 4))]
        published = day0 + timedelta(days=rng.randrange(42))
        for c in range(rng.randrange(1, 5)):
            words = body.split()
            for _ in range(rng.randrange(3)):  # a copy's small edits
                words[rng.randrange(len(words))] = rng.choice(_WORDS)
            text = " ".join(words) if c == 0 or rng.random() < 0.7 else _words(rng, 120)  # or its own text
            events = [_retold(rng, e) for e in happenings if c == 0 or rng.random() < 0.8]
            events += [_happening(rng, day0) for _ in range(rng.randrange(2))]
            when = published + timedelta(days=rng.choice((0, 0, 1, 2, 9)))
            stamp = when.isoformat() if rng.random() < 0.9 else None
            articles.append(report(f"s{s}-{c}", text, events, stamp, rng.choice(_SOURCES)))
    rng.shuffle(articles)
    batches: list[list[Article]] = []
    while articles:
        cut = rng.randrange(1, 12)
        batches.append(articles[:cut])
        articles = articles[cut:]
    for _ in range(4):  # ingested again later: unchanged, or a new version of the same id
        old = rng.choice([a for b in batches for a in b])
        again = old
        if rng.random() < 0.75:
            events = [_happening(rng, day0) for _ in range(rng.randrange(3))]
            when = (day0 + timedelta(days=rng.randrange(42))).isoformat()
            again = report(old.id, old.text + " " + _words(rng, 8), events, when, old.source)
        batches.insert(rng.randrange(1, len(batches) + 1), [again])
    return batches
