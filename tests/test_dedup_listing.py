"""Merged events through the two front doors: `chronicle events [--all-copies]` and `GET /events[?copies=true]`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from test_dedup_records import harbour_story

from chronicle.cli import cli
from chronicle.store import Store
from chronicle.store.dedup import dedup_store


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "h.duckdb")
    with Store.open(path) as store:
        store.ingest(harbour_story().values())
        dedup_store(store)
    return path


def test_cli_lists_each_happening_once_unless_all_copies(db: str) -> None:
    once = CliRunner().invoke(cli, ["events", "--db", db, "--format", "json"])
    assert once.exit_code == 0, once.stderr
    events = [json.loads(line) for line in once.stdout.splitlines()]
    assert [e["id"] for e in events] == ["later-1:e1", "dravik-1:e1", "wire-1:e1", "wire-1:e2"]
    assert [(e["num_articles"], e["num_sources"]) for e in events] == [(1, 1), (1, 1), (5, 4), (3, 2)]
    every = CliRunner().invoke(cli, ["events", "--db", db, "--format", "json", "--all-copies"])
    assert len(every.stdout.splitlines()) == 10
    table = CliRunner().invoke(cli, ["events", "--db", db])
    assert len(table.stdout.splitlines()) == 1 + 4  # header and one row per happening


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    """The deduplicated harbour story, in place of conftest's two articles; conftest's `client` serves it."""
    with Store.open(db) as s:
        yield s


def test_api_lists_each_happening_once_unless_copies(client: TestClient) -> None:
    once = client.get("/events").json()
    assert once["count"] == 4
    arrest = next(e for e in once["events"] if e["id"] == "wire-1:e1")
    assert (arrest["group_id"], arrest["num_articles"], arrest["num_sources"]) == ("wire-1:e1", 5, 4)
    every = client.get("/events", params={"copies": "true"}).json()
    assert every["count"] == 10
    pages, params = [], {"limit": 3, "copies": "true"}
    while True:
        body = client.get("/events", params=params).json()
        pages.extend(e["id"] for e in body["events"])
        if body["next_cursor"] is None:
            break
        params["cursor"] = body["next_cursor"]
    assert pages == [e["id"] for e in every["events"]]
    assert client.get("/events", params={"copies": "maybe"}).status_code == 422


def test_aggregates_count_each_happening_once_unless_copies(client: TestClient) -> None:
    def totals(copies: bool) -> tuple[int, int, int]:
        params = {"copies": "true"} if copies else {}
        timeline = client.get("/stats/timeline", params=params).json()["total"]
        places = sum(p["events"] for p in client.get("/places", params=params).json()["places"])
        actors = client.get("/actors", params={**params, "role": "actor"}).json()["actors"]
        return timeline, places, sum(a["events"] for a in actors)

    once, every = totals(False), totals(True)
    assert once[0] == 4 and every[0] == 10  # as many as /events lists
    assert once[1] <= 4 < every[1] and 0 < once[2] < every[2]
