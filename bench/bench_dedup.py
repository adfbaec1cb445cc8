"""Time of the deduplication step: incremental after an ingest, against a rebuild of the whole store.

    python bench/bench_dedup.py [--base 2000] [--new 200] [--runs 5] [--late 0.05] [--month 0.02]
                                [--out bench/results_dedup.json]

Builds a store of `--base` synthetic article records (invented text of ~400
words from a made-up vocabulary, 2,000 published per 60 days; four events each
over 60 towns of 15 countries, `--month` of them dated only to a month; a
third of the stories syndicated as wire copies with small edits, some retold
by other newsrooms) and deduplicates it once. Then, `--runs` times, on a
fresh copy of that store: ingest `--new` more articles (the next days' news,
`--late` of them late arrivals dated 2-6 weeks back) and time `dedup_store` —
incremental (the default after an ingest) and, on another copy,
`dedup_store(rebuild=True)` (every copy and group decided again, as every
run did before; unchanged texts keep their signatures in both). The two must
leave identical tables; the script checks it. No model, no network, no
../shared.

Month-dated events and late arrivals are what make a replay long (a group
led by a month-dated event stays open for the month; a late arrival reopens
an old week), so both are flags. Measured on the chronicle pipeline's output
for 150 BBC politics articles, 0.7% of events were dated to a month.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from chronicle.records import QUAD, Actor, Article, Coder, Event, EventDate, Place, Size, Span
from chronicle.store import Store
from chronicle.store.dedup import dedup_store

CODER = Coder(name="chronicle", version="bench", schema=1, models={})
TYPES = ("ASSAULT", "PROTEST", "COERCE", "ACCUSE", "CONSULT", "AGREE", "REQUEST", "THREATEN")
VERBS = {"ASSAULT": "attacked", "PROTEST": "protested against", "COERCE": "arrested", "ACCUSE": "accused",
         "CONSULT": "met", "AGREE": "agreed with", "REQUEST": "called on", "THREATEN": "threatened"}
SECTORS = ("GOV", "MIL", "COP", "REB", "CVL", "LAB", "PTY", "JUD")
SOURCES = tuple(f"Newsroom {i}" for i in range(25))
DAY0 = date(2025, 1, 1)
DAYS = 60  # days over which 2,000 base articles are published (more articles: more days); the new ones after


def _vocabulary(rng: random.Random) -> list[str]:
    syllables = ["ka", "lo", "mi", "ran", "te", "su", "vor", "el", "din", "pa", "qua", "res", "to", "ul", "ne", "bar"]
    return sorted({"".join(rng.choice(syllables) for _ in range(rng.randrange(1, 4))) for _ in range(6000)})


class World:
    """Towns, parties and the random draws that make stories."""

    def __init__(self, seed: int, month: float) -> None:
        self.rng = random.Random(seed)
        self.month = month
        self.words = _vocabulary(self.rng)
        countries = [f"X{chr(65 + i)}{chr(65 + (i * 7) % 26)}" for i in range(15)]
        self.towns = [(f"Town{i}", countries[i % 15], f"{i % 5:02d}", -30 + (i * 37) % 70, -100 + (i * 53) % 200)
                      for i in range(60)]
        self.parties = [(f"party{i}", countries[i % 15], SECTORS[i % len(SECTORS)]) for i in range(90)]

    def text(self, n: int) -> str:
        return " ".join(self.rng.choice(self.words) for _ in range(n))

    def happening(self, day: date) -> dict:
        town = self.rng.choice(self.towns)
        same_country = [p for p in self.parties if p[1] == town[1]]
        etype = self.rng.choice(TYPES)
        month = self.rng.random() < self.month
        start = day.replace(day=1) if month else day - timedelta(days=self.rng.choice((0, 0, 1)))
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1) if month else start
        return {"type": etype, "town": town, "actor": self.rng.choice(same_country),
                "recipient": self.rng.choice(self.parties), "start": start, "end": end,
                "precision": "month" if month else "day"}


def _article(aid: str, body: str, happenings: list[dict], published: date, source: str) -> Article:
    sentences = [f"{h['actor'][0]} {VERBS[h['type']]} {h['recipient'][0]} in {h['town'][0]}." for h in happenings]
    text = " ".join([body, *sentences])
    events = []
    at = len(body) + 1
    for n, (h, sentence) in enumerate(zip(happenings, sentences, strict=True), start=1):
        start, end = at, at + len(sentence)
        at = end + 1
        actor = h["actor"][0]
        rec_at = text.index(h["recipient"][0], start + len(actor))
        town_at = text.index(h["town"][0], rec_at)
        name, country, admin1, lat, lon = h["town"]
        events.append(Event(
            id=f"{aid}:e{n}", type=h["type"], mode=None, context=[], quad=QUAD[h["type"]],
            actor=[Actor(actor, start, start + len(actor), actor, h["actor"][1], h["actor"][2])],
            recipient=[Actor(h["recipient"][0], rec_at, rec_at + len(h["recipient"][0]), h["recipient"][0],
                             h["recipient"][1], h["recipient"][2])],
            place=Place(name, town_at, town_at + len(name), name, None, lat, lon, country, admin1, "PPL", 4),
            date=EventDate(h["start"].isoformat(), h["end"].isoformat(), h["precision"]), size=Size(),
            status="asserted", trigger=Span(start, start + len(actor), actor), evidence=Span(start, end, sentence),
            confidence=0.6))
    return Article(id=aid, input_id=f"bench/{aid}", text=text, title=aid, source=source,
                   published=published.isoformat(), published_from="input", events=events, coder=CODER)


def articles(world: World, n: int, first_day: int, days: int, prefix: str, late: float = 0.0) -> list[Article]:
    """`n` articles published over `days` days from DAY0 + first_day; `late` of them dated weeks earlier."""
    rng = world.rng
    out: list[Article] = []
    story = 0
    while len(out) < n:
        day = DAY0 + timedelta(days=first_day + rng.randrange(days))
        if rng.random() < late:
            day -= timedelta(days=rng.randrange(14, 45))
        body = world.text(400)
        happenings = [world.happening(day) for _ in range(4)]
        out.append(_article(f"{prefix}{story}-0", body, happenings, day, rng.choice(SOURCES)))
        extra = rng.choices((0, 1, 2, 3), (6, 2, 1, 1))[0]
        for c in range(1, extra + 1):
            words = body.split()
            for _ in range(rng.randrange(1, 6)):  # a copy's small edits
                words[rng.randrange(len(words))] = rng.choice(world.words)
            copy_body = " ".join(words) if rng.random() < 0.7 else world.text(350)  # or another newsroom's
            out.append(_article(f"{prefix}{story}-{c}", copy_body, happenings[:rng.randrange(2, 5)],
                                day + timedelta(days=rng.choice((0, 0, 1))), rng.choice(SOURCES)))
        story += 1
    return out[:n]


def _snapshot(path: str) -> dict[str, list[tuple]]:
    with Store.open(path, read_only=True) as store:
        return {t: store.conn.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                for t in ("dedup_articles", "article_sources", "event_groups", "merged_events")} | {
            "copy_of": store.conn.execute("SELECT id, copy_of FROM events ORDER BY id").fetchall()}


def _timed(path: str, new: list[Article], rebuild: bool | None) -> tuple[float, dict]:
    with Store.open(path) as store:
        store.ingest(new)
        t0 = time.perf_counter()
        stats = dedup_store(store, rebuild=rebuild)
        seconds = time.perf_counter() - t0
    return seconds, stats.__dict__


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=int, default=2000)
    parser.add_argument("--new", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--late", type=float, default=0.05, help="Share of the new articles dated 2-6 weeks back.")
    parser.add_argument("--month", type=float, default=0.02, help="Share of events dated only to a month.")
    parser.add_argument("--out", default=str(Path(__file__).with_name("results_dedup.json")))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="chronicle-dedup-"))
    try:
        world = World(7, args.month)
        days = max(DAYS, args.base * DAYS // 2000)  # the same articles per day, whatever the store's size
        base = articles(world, args.base, 0, days, "a")
        new = articles(world, args.new, days - 3, 6, "b", late=args.late)  # the next days' news
        base_db = str(work / "base.duckdb")
        with Store.open(base_db) as store:
            store.ingest(base)
            t0 = time.perf_counter()
            first = dedup_store(store)
            first_s = time.perf_counter() - t0
            counts = store.counts()
        times: dict[str, list[float]] = {"incremental": [], "rebuild": []}
        stats: dict[str, dict] = {}
        for run in range(args.runs):
            for mode, rebuild in (("incremental", None), ("rebuild", True)):
                db = str(work / f"{mode}-{run}.duckdb")
                shutil.copy(base_db, db)
                seconds, stats[mode] = _timed(db, new, rebuild)
                times[mode].append(seconds)
            same = _snapshot(str(work / f"incremental-{run}.duckdb")) == _snapshot(str(work / f"rebuild-{run}.duckdb"))
            if not same:
                print("incremental and rebuild tables differ", file=sys.stderr)
                return 1
            for mode in times:
                os.remove(work / f"{mode}-{run}.duckdb")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    med = {mode: statistics.median(v) for mode, v in times.items()}
    result = {
        "cpus": os.cpu_count(), "base_articles": args.base, "base_events": counts["events"], "new_articles": args.new,
        "late": args.late, "month": args.month, "days": days,
        "runs": args.runs, "first_dedup_s": round(first_s, 3), "first_dedup": first.__dict__,
        "seconds": {mode: [round(s, 3) for s in v] for mode, v in times.items()},
        "median_s": {mode: round(s, 3) for mode, s in med.items()},
        "speedup": round(med["rebuild"] / med["incremental"], 1),
        "stats": stats, "tables_identical": True,
    }
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"store: {args.base:,} articles, {counts['events']:,} events; first deduplication {first_s:.2f} s "
          f"({first.signed:,} signatures, {first.copies} copies, {first.merged} merged events)")
    print(f"ingest {args.new} new articles, dedup step (median of {args.runs}):")
    print(f"  incremental  {med['incremental']:.3f} s  ({stats['incremental']['articles_redone']} articles, "
          f"{stats['incremental']['events_redone']} events decided again, {stats['incremental']['signed']} signed)")
    print(f"  rebuild      {med['rebuild']:.3f} s  ({stats['rebuild']['articles_redone']} articles, "
          f"{stats['rebuild']['events_redone']} events decided again, {stats['rebuild']['signed']} signed)")
    print(f"  speed-up {result['speedup']}x; tables identical: yes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
