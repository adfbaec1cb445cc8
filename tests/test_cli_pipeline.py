"""`chronicle extract` and `chronicle ingest` end to end, with the real pipeline and model.

The fixture feed (tests/fixtures/store/feed.jsonl) is invented news: three good
lines and one broken line (line 3).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from chronicle.cli import cli
from chronicle.store import Store

pytestmark = pytest.mark.model


@pytest.fixture
def feed(fixtures: Path, tmp_path: Path) -> str:
    # copied so that input names (and failure ids) do not depend on where pytest runs from
    path = tmp_path / "feed.jsonl"
    shutil.copy(fixtures / "store" / "feed.jsonl", path)
    return str(path)


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin)


def test_extract_prints_records_and_summarises_the_broken_line(feed: str) -> None:
    result = run("extract", feed, "--quiet")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records[:2]] == ["feed-1", "feed-2"]
    assert len(records) == 3
    assert records[2]["input_id"] == f"{feed}:4"
    summary = result.stderr.strip().splitlines()
    assert summary == [summary[0]]
    assert summary[0].startswith(f"3 articles from 1 input; 1 failure: {feed} line 3: bad_json — ")


def test_extract_strict_fails_and_writes_file(feed: str, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run("extract", feed, "--quiet", "--strict", "-o", str(out))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


def test_extract_reads_stdin() -> None:
    line = json.dumps({"id": "s1", "text": "Protesters marched in Accra on Monday against new fuel taxes."})
    result = run("extract", "-", "--quiet", stdin=line + "\n")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "s1"


def test_ingest_records_failure_and_twice_changes_nothing(feed: str, tmp_path: Path) -> None:
    db = str(tmp_path / "news.duckdb")
    first = run("ingest", feed, "--db", db, "--quiet")
    assert first.exit_code == 0, first.stderr
    assert first.stderr.startswith("ingested 3 articles (3 new, 0 replaced, 0 unchanged), ")
    assert f"1 failure recorded: {feed} line 3: bad_json" in first.stderr
    assert len(first.stderr.strip().splitlines()) == 1
    with Store.open(db, read_only=True) as store:
        counts = store.counts()
        (failure,) = store.failures()
    assert counts["articles"] == 3 and counts["failures"] == 1
    assert (failure["input"], failure["position"], failure["code"]) == (feed, "line 3", "bad_json")

    second = run("ingest", feed, "--db", db, "--quiet")
    assert second.stderr.startswith("ingested 3 articles (0 new, 0 replaced, 3 unchanged), ")
    with Store.open(db, read_only=True) as store:
        assert store.counts() == counts

    listed = run("failures", "--db", db)
    assert listed.stdout.startswith(f"{feed} line 3: bad_json — ")


def test_export_jsonl_recreates_what_extract_printed(feed: str, tmp_path: Path) -> None:
    db = str(tmp_path / "news.duckdb")
    extracted = run("extract", feed, "--quiet").stdout
    run("ingest", feed, "--db", db, "--quiet")
    exported = run("export", "--format", "jsonl", "--db", db).stdout
    assert exported == extracted
