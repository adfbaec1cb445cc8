"""Latency of the HTTP API over a store of a million synthetic events.

    python bench/bench_api.py [--events 1000000] [--db FILE] [--runs 40]

Builds the store with DuckDB SQL alone (seconds, not the pipeline's hours):
articles of four events each, two parties per event, places drawn from 60
cities, dates over three years. `--db FILE` keeps the store for the next run.
Then serves it with uvicorn on 127.0.0.1 (a port of its own) and times typical
`/events` queries and `/stats/timeline` with a real HTTP client, reporting
p50 and p95 per query. The bar: p95 under 200 ms on the 2-core dev machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

from chronicle.api.background import served
from chronicle.records import EVENT_TYPES, QUAD
from chronicle.store import Store

BAR_MS = 200.0
COUNTRIES = ["MLI", "NGA", "UKR", "RUS", "SDN", "KEN", "VEN", "PHL", "IND", "BRA", "FRA", "USA", "CHN", "IRN",
             "ISR", "PSE", "SYR", "ETH", "COD", "MEX"]
SECTORS = ["GOV", "MIL", "COP", "REB", "CVL", "PTY", "JUD", "LAB"]
NAMES = ["police", "army", "government", "protesters", "rebels", "ministry", "court", "union", "students",
         "militia", "opposition party", "president"]
STATUSES = ["asserted"] * 7 + ["alleged", "planned", "denied"]
WORDS = ["attacked", "met", "accused", "arrested", "protested", "agreed", "threatened", "rejected", "sent aid",
         "condemned", "fired on", "visited", "blocked", "called for", "raided", "signed"]

QUERIES = {
    "latest 100": "/events",
    "country + type": "/events?country=NGA&type=ASSAULT",
    "date range by confidence": "/events?since=2024-02&until=2024-04&order=confidence",
    "actor name": "/events?actor=militia&status=alleged",
    "text search, 50": "/events?text=raided&limit=50",
    "bbox (Sahel)": "/events?bbox=-12,8,15,20",
    "timeline per week by quad": "/stats/timeline?interval=week&by=quad",
    "timeline per day, one country": "/stats/timeline?country=UKR&since=2024",
}


def _list(values: list[str]) -> str:
    return "[" + ", ".join(f"'{v}'" for v in values) + "]"


def build(path: str, n_events: int) -> None:
    """Fill a new store at `path` with `n_events` synthetic events (4 per article) through SQL."""
    t0 = time.perf_counter()
    with Store.open(path) as store:
        conn = store.conn
        n_articles = (n_events + 3) // 4
        types = list(EVENT_TYPES)
        quads = [QUAD[t] for t in types]
        cities = [(f"City{i}", COUNTRIES[i % len(COUNTRIES)], -35 + (i * 37) % 95, -120 + (i * 71) % 260)
                  for i in range(60)]
        conn.execute("CREATE TEMP TABLE cities AS SELECT * FROM (VALUES "
                     + ", ".join(f"({i}, '{c}', '{cc}', {lat}, {lon})" for i, (c, cc, lat, lon) in enumerate(cities))
                     + ") t(k, name, country, lat, lon)")
        conn.execute(f"""
            INSERT INTO articles BY NAME
            SELECT 'syn' || i AS id, i + 1 AS seq, 'bench' AS input_id, 'Synthetic story ' || i AS title,
                   'Synthetic story ' || i || ': four made-up events for the API benchmark.' AS text,
                   'en' AS language, 'input' AS published_from, now() AS ingested_at
            FROM range({n_articles}) r(i)""")
        conn.execute(f"""
            CREATE TEMP TABLE ev AS
            SELECT i, (hash(i) >> 1)::BIGINT AS h, (hash(i * 7 + 1) % 60)::INT AS city,
                   (hash(i * 13 + 5) % {len(COUNTRIES)})::INT + 1 AS other, (hash(i) % {len(types)})::INT + 1 AS t
            FROM range({n_events}) r(i)""")
        conn.execute(f"""
            INSERT INTO events BY NAME
            SELECT 'syn' || (i // 4) || ':e' || (i % 4 + 1) AS id, 'syn' || (i // 4) AS article_id,
                   (i % 4)::INT AS idx, {_list(types)}[t] AS type, {quads}[t] AS quad, [] AS context,
                   {_list(STATUSES)}[(h % {len(STATUSES)})::INT + 1] AS status,
                   strftime(DATE '2023-01-01' + ((h >> 8) % 1095)::INT, '%Y-%m-%d') AS date_start,
                   strftime(DATE '2023-01-01' + ((h >> 8) % 1095)::INT, '%Y-%m-%d') AS date_end, 'day' AS precision,
                   c.name AS place_text, c.name AS place_name, 1000 + c.k AS place_geonameid,
                   c.lat + ((h >> 20) % 100) / 100.0 AS place_lat, c.lon + ((h >> 28) % 100) / 100.0 AS place_lon,
                   c.country AS place_country, 4 AS place_resolution,
                   0 AS trigger_start, 4 AS trigger_end, 'word' AS trigger_text, 0 AS evidence_start,
                   60 AS evidence_end,
                   'The ' || {_list(NAMES)}[(h >> 4) % {len(NAMES)} + 1] || ' '
                       || {_list(WORDS)}[(h >> 12) % {len(WORDS)} + 1] || ' people in ' || c.name
                       || ' on day ' || i || '.' AS evidence_text,
                   '[]' AS mentions, ((h >> 16) % 100) / 100.0 AS confidence,
                   list_distinct([c.country, {_list(COUNTRIES)}[other]]) AS countries,
                   {_list(NAMES)}[(h >> 4) % {len(NAMES)} + 1] || chr(10)
                       || {_list(NAMES)}[(h >> 6) % {len(NAMES)} + 1] AS parties
            FROM ev JOIN cities c ON c.k = ev.city""")
        conn.execute(f"""
            INSERT INTO event_actors BY NAME
            SELECT 'syn' || (i // 4) || ':e' || (i % 4 + 1) AS event_id, 'syn' || (i // 4) AS article_id,
                   role, 0 AS idx,
                   CASE role WHEN 'actor' THEN {_list(NAMES)}[(h >> 4) % {len(NAMES)} + 1]
                             ELSE {_list(NAMES)}[(h >> 6) % {len(NAMES)} + 1] END AS text,
                   CASE role WHEN 'actor' THEN {_list(NAMES)}[(h >> 4) % {len(NAMES)} + 1]
                             ELSE {_list(NAMES)}[(h >> 6) % {len(NAMES)} + 1] END AS name,
                   CASE role WHEN 'actor' THEN c.country ELSE {_list(COUNTRIES)}[other] END AS country,
                   {_list(SECTORS)}[(h >> (CASE role WHEN 'actor' THEN 3 ELSE 5 END)) % {len(SECTORS)} + 1] AS sector,
                   [] AS other_sectors
            FROM ev JOIN cities c ON c.k = ev.city, (VALUES ('actor'), ('recipient')) r(role)""")
        conn.execute("DROP TABLE ev")
        conn.execute("CHECKPOINT")
        counts = store.counts()
    print(f"built {path}: {counts['events']:,} events, {counts['articles']:,} articles, "
          f"{counts['event_actors']:,} parties in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


def measure(base: str, runs: int) -> list[tuple[str, float, float, int]]:
    out = []
    with httpx.Client(base_url=base, timeout=60) as client:
        # The first page's cursor gives a realistic "next page" query.
        cursor = client.get("/events?country=NGA&type=ASSAULT").json()["next_cursor"]
        queries = {**QUERIES, "next page (cursor)": f"/events?country=NGA&type=ASSAULT&cursor={cursor}"}
        for name, url in queries.items():
            for _ in range(3):  # warm-up: first reads fault the file's pages in
                client.get(url).raise_for_status()
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
                response.raise_for_status()
            body = response.json()
            n = body.get("count", body.get("total", 0))
            out.append((name, statistics.median(times), statistics.quantiles(times, n=20)[18], n))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", help="Store file: built if missing, reused if present.")
    parser.add_argument("--runs", type=int, default=40, help="Timed requests per query.")
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="chronicle-bench-")
    path = args.db or os.path.join(workdir, "bench.duckdb")
    if not Path(path).exists():
        build(path, args.events)
    with Store.open(path) as store:
        n = store.counts()["events"]
        with served(store) as base:
            results = measure(base, args.runs)
    print(f"{n:,} events, {args.runs} timed requests per query, {os.cpu_count()} cores, uvicorn on loopback")
    print(f"{'query':32} {'p50 ms':>8} {'p95 ms':>8} {'rows':>8}")
    worst = 0.0
    for name, p50, p95, rows in results:
        worst = max(worst, p95)
        print(f"{name:32} {p50:8.1f} {p95:8.1f} {rows:8,}")
    verdict = "PASS" if worst < BAR_MS else "FAIL"
    print(f"{verdict}: worst p95 {worst:.1f} ms (bar {BAR_MS:.0f} ms)")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
