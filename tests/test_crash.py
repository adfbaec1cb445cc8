"""Crashes lose nothing and duplicate nothing: an ingest killed with SIGKILL half-way and run again
stores every document exactly once, with all its events, as one clean ingest does.

The store commits one transaction per batch of articles (chronicle/store/store.py), DuckDB replays its
write-ahead log on the next open, and ingest is idempotent by article id, so the rerun only has to
add what the killed run had not committed.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from chronicle.store import Store

DOCS = 1500
_ACTORS = ["Police", "Soldiers", "Protesters", "Rebels", "Officials", "Students", "Farmers", "Workers"]
_DEEDS = ["arrested {n} people", "clashed with {n} demonstrators", "met opposition leaders", "blocked the main road",
          "fired tear gas at {n} marchers", "signed a ceasefire", "held talks with the government",
          "attacked a convoy"]
_CITIES = ["Nairobi", "Bamako", "Lima", "Dhaka", "Kyiv", "Manila", "Accra", "Quito", "Hanoi", "Tunis"]


def write_docs(path: Path, n: int) -> None:
    """`n` short invented news items, one JSON line each."""
    rng = random.Random(7)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            deed = rng.choice(_DEEDS).format(n=rng.randint(2, 90))
            text = (f"{rng.choice(_ACTORS)} in {rng.choice(_CITIES)} {deed} on Monday, a spokesman said. "
                    f"It was item {i} of the day.")
            fh.write(json.dumps({"id": f"doc-{i}", "text": text, "published": f"2025-03-0{1 + i % 9}"}) + "\n")


def ingest_cmd(docs: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "chronicle", "ingest", str(docs), "--db", str(db)]


def snapshot(db: Path) -> dict[str, Any]:
    """Row counts of every table, duplicates of keys, and events per article."""
    with Store.open(str(db), read_only=True) as store:
        conn = store.conn
        return {
            "counts": store.counts(),
            "article_dupes": conn.execute("SELECT count(*) - count(DISTINCT id) FROM articles").fetchall()[0][0],
            "event_dupes": conn.execute("SELECT count(*) - count(DISTINCT id) FROM events").fetchall()[0][0],
            "events_per_article": dict(conn.execute(
                "SELECT a.id, count(e.id) FROM articles a LEFT JOIN events e ON e.article_id = a.id "
                "GROUP BY a.id").fetchall()),
        }


@pytest.mark.model
@pytest.mark.slow
def test_an_ingest_killed_midway_and_run_again_stores_everything_once(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    write_docs(docs, DOCS)
    clean_db, crash_db = tmp_path / "clean.duckdb", tmp_path / "crash.duckdb"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # The clean reference runs beside the run that will be killed (two cores, half the wall time).
    clean = subprocess.Popen([*ingest_cmd(docs, clean_db), "-q"], env=env, stderr=subprocess.PIPE, text=True)
    victim = subprocess.Popen(ingest_cmd(docs, crash_db), env=env, stderr=subprocess.PIPE, text=True)
    assert victim.stderr is not None
    # tqdm redraws "articles:  40%|████      | N/TOTAL [...]" on stderr (without a total: "articles: N art");
    # kill once several store batches (64 articles) are past.
    seen, buffer, deadline = 0, "", time.monotonic() + 240
    while seen < DOCS // 3 and time.monotonic() < deadline and victim.poll() is None:
        chunk = victim.stderr.read(64)
        buffer = (buffer + chunk)[-400:]
        found = re.findall(r"articles: +(?:\d+%\|[^|\n]*\| *)?(\d+)", buffer.replace("\r", "\n"))
        seen = int(found[-1]) if found else seen
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait(timeout=30)
    assert victim.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"

    partial = snapshot(crash_db)
    assert 0 < partial["counts"]["articles"] < DOCS  # killed mid-way, with committed batches
    assert partial["article_dupes"] == 0

    rerun = subprocess.run([*ingest_cmd(docs, crash_db), "-q"], env=env, capture_output=True, text=True,
                           timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    new = int(re.search(r"\((\d+) new", rerun.stderr).group(1))  # type: ignore[union-attr]
    assert new == DOCS - partial["counts"]["articles"]  # only what the killed run had not committed
    _, clean_err = clean.communicate(timeout=300)
    assert clean.returncode == 0, clean_err

    got, want = snapshot(crash_db), snapshot(clean_db)
    assert got["counts"]["articles"] == DOCS
    assert got["article_dupes"] == 0 and got["event_dupes"] == 0
    assert got["counts"] == want["counts"]
    assert got["events_per_article"] == want["events_per_article"]
