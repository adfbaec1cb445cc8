"""The `chronicle` command over a hand-built store: help, errors, events, export, failures."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result
from fixtures.store.builders import article_a, article_b

from chronicle.cli import cli
from chronicle.errors import failure
from chronicle.store import Store

COMMANDS = ["extract", "ingest", "events", "export", "failures"]


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "c.duckdb")
    with Store.open(path) as store:
        store.ingest([article_a(), failure("feed.jsonl", "line 3", "bad_json", "Expecting value"), article_b()])
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_shows_an_example(command: str | None) -> None:
    result = run(*([command] if command else []), "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert "\n    chronicle " in result.stdout or "\n      chronicle " in result.stdout


@pytest.mark.parametrize("args", [
    ["events", "--limit", "many"],
    ["events", "--type", "FIGHT"],
    ["events", "--since", "yesterday"],
    ["events", "--country", "Mali"],
    ["export"],
    ["export", "--format", "xml"],
    ["export", "--format", "parquet"],
    ["extract"],
    ["extract", "x.txt", "--max-chars", "0"],
    ["extract", "x.txt", "--fetched", "last tuesday"],
    ["nonsense"],
])
def test_bad_arguments_give_one_line_and_exit_2(args: list[str], db: str) -> None:
    result = run(*args, "--db", db) if args[0] in ("events", "export") else run(*args)
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "error" in lines[0]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    result = run("events", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 2
    assert "no store at" in result.stderr


def test_events_table(db: str) -> None:
    result = run("events", "--db", db)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["id", "date", "type", "mode"]
    assert [line.split()[0] for line in lines[1:]] == ["art-b:e2", "art-a:e1", "art-a:e2", "art-b:e1"]
    assert "Kelvanian Armed Forces → civilians" in result.stdout
    assert "…" in result.stdout  # long evidence is truncated


def test_events_filters_and_json(db: str) -> None:
    result = run("events", "--db", db, "--country", "ost", "--format", "json")
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [e["id"] for e in events] == ["art-a:e2"]
    assert events[0]["title"] == "Market attack in Dorrin"
    result = run("events", "--db", db, "--actor", "POLICE", "--since", "2025-04", "--until", "2025-04-30",
                 "--text", "arrested", "--type", "coerce", "--format", "json")
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["art-b:e2"]


def test_events_csv_keeps_query_order(db: str) -> None:
    result = run("events", "--db", db, "--format", "csv", "--order", "confidence")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == ["art-b:e1", "art-a:e1", "art-a:e2", "art-b:e2"]


def test_export_jsonl_to_file(db: str, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    result = run("export", "--format", "jsonl", "-o", str(out), "--db", db)
    assert result.exit_code == 0
    assert [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] == \
        [article_a().to_dict(), article_b().to_dict()]
    assert "exported 2 articles" in result.stderr


def test_export_csv_stdout_and_parquet(db: str, tmp_path: Path) -> None:
    result = run("export", "--format", "csv", "--db", db)
    assert result.stdout.startswith("id,article_id,date_start")
    assert len(result.stdout.splitlines()) == 5
    parquet = tmp_path / "e.parquet"
    assert run("export", "--format", "parquet", "-o", str(parquet), "--db", db).exit_code == 0
    (n,) = duckdb.connect().execute("SELECT count(*) FROM read_parquet(?)", [str(parquet)]).fetchall()[0]
    assert n == 4


def test_export_plover_warns_about_undated_events(db: str) -> None:
    result = run("export", "--format", "plover", "--db", db)
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3
    assert "warning: 1 event left out of the plover export" in result.stderr


def test_failures_lists_input_position_code_message(db: str) -> None:
    result = run("failures", "--db", db)
    assert result.exit_code == 0
    assert result.stdout.startswith("feed.jsonl line 3: bad_json — line is not valid JSON: Expecting value")
    assert "1 failure recorded" in result.stderr


HOLDER = """
import sys, time, duckdb
conn = duckdb.connect(sys.argv[1])
print("ready", flush=True)
time.sleep(60)
"""


def test_locked_store_names_the_holder(db: str) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, db], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        result = run("events", "--db", db)
        assert result.exit_code == 2
        assert f"held by PID {holder.pid}" in result.stderr
        assert result.stderr.count("\n") == 1
    finally:
        holder.kill()
        holder.wait()


def test_console_entry_point_runs_without_traceback(tmp_path: Path) -> None:
    # The real `python -m chronicle` path (main(), not CliRunner): exit code and one-line error.
    proc = subprocess.run([sys.executable, "-m", "chronicle", "events", "--db", str(tmp_path / "no.duckdb")],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
