"""`chronicle serve` as a real process: it holds the store, and new data reaches it through POST /ingest.

Talks to the server over loopback only; every wait is bounded.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from chronicle.cli import cli

TOKEN = "t0ken-for-tests"
FIXTURES = Path(__file__).parent / "fixtures"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str, subprocess.Popen[str]]]:
    db = str(tmp_path / "served.duckdb")
    port = _free_port()
    env = {**os.environ, "CHRONICLE_TOKEN": TOKEN}
    proc = subprocess.Popen([sys.executable, "-m", "chronicle", "serve", "--db", db, "--port", str(port)],
                            env=env, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get(url + "/stats/facets")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    why = proc.stderr.read() if proc.stderr else ""
                    raise RuntimeError(f"chronicle serve did not start: {why}") from None
                time.sleep(0.2)
        yield url, db, proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_local_ingest_into_a_served_store_fails_at_once_naming_the_holder(
        server: tuple[str, str, subprocess.Popen[str]]) -> None:
    _, db, proc = server
    result = CliRunner().invoke(cli, ["ingest", str(FIXTURES / "store" / "feed.jsonl"), "--db", db])
    assert result.exit_code == 2
    assert "store is held by another process" in result.stderr and f"PID {proc.pid}" in result.stderr
    assert "--server" in result.stderr  # the message says how to get data in instead


def test_ingest_to_a_server_with_a_wrong_token_is_refused(server: tuple[str, str, subprocess.Popen[str]]) -> None:
    url, _, _ = server
    result = CliRunner().invoke(cli, ["ingest", str(FIXTURES / "store" / "feed.jsonl"), "--server", url,
                                      "--token", "wrong"])
    assert result.exit_code == 2 and "server refused" in result.stderr and "token" in result.stderr


def test_ingest_to_a_server_that_is_not_there(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(FIXTURES / "store" / "feed.jsonl"), "--server",
                                      f"http://127.0.0.1:{_free_port()}", "--token", TOKEN])
    assert result.exit_code == 2 and "cannot be reached" in result.stderr


@pytest.mark.model
@pytest.mark.slow
def test_ingest_through_the_server_stores_what_a_local_ingest_would(
        server: tuple[str, str, subprocess.Popen[str]], tmp_path: Path) -> None:
    url, _, _ = server
    inputs = [str(FIXTURES / "store" / "feed.jsonl"), str(FIXTURES / "dumps" / "three_articles.txt")]
    result = CliRunner().invoke(cli, ["ingest", *inputs, "--server", url], env={"CHRONICLE_TOKEN": TOKEN})
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("ingested ") and " new" in result.stderr
    again = CliRunner().invoke(cli, ["ingest", *inputs, "--server", url, "--token", TOKEN])
    assert "0 new" in again.stderr and "unchanged" in again.stderr

    # The same inputs extracted locally: the served store holds the same records (dump split included).
    local = CliRunner().invoke(cli, ["extract", *inputs, "-q"])
    expected = [json.loads(line) for line in local.stdout.splitlines()]
    assert len(expected) >= 4
    for record in expected:
        served = get(f"{url}/articles/{urllib.parse.quote(record['id'], safe='')}")
        assert served == record
    every = get(f"{url}/events?limit=1000&copies=true")["events"]
    assert len(every) == sum(len(r["events"]) for r in expected) > 0
    # POST /ingest deduplicates as a CLI ingest does: each happening listed once, with its report counts.
    once = get(f"{url}/events?limit=1000")["events"]
    assert 0 < len(once) <= len(every) and all("num_articles" in e for e in once)


@pytest.mark.model
@pytest.mark.slow
def test_post_ingest_lists_bad_lines_and_stores_the_rest(server: tuple[str, str, subprocess.Popen[str]]) -> None:
    url, _, _ = server
    body = "\n".join([
        json.dumps({"id": "inv-1", "published": "2025-02-10", "text": (
            "Riot police fired tear gas at hundreds of farmers who blocked the main road into Nairobi on "
            "Monday, and arrested 14 of them, officials said.")}),
        "{not json",
        json.dumps({"title": "no text here"}),
    ]).encode()
    request = urllib.request.Request(url + "/ingest", data=body, method="POST",
                                     headers={"Authorization": f"Bearer {TOKEN}"})
    with urllib.request.urlopen(request, timeout=300) as response:
        answer = json.load(response)
    assert answer["articles"] == 1 and answer["new"] == 1
    failures = [(f["position"], f["code"]) for f in answer["failures"]]
    assert failures == [("line 2", "bad_json"), ("line 3", "bad_record")]
    assert get(f"{url}/articles/inv-1")["published"] == "2025-02-10"
