"""What a new user of the CLI meets (issue 12): filled-in dates and places marked, whole ids on demand,
reads while `chronicle serve` holds the store, a summary of what this run did, a progress bar with a
total, and every input named in the store. Real DuckDB stores, a real server process, the real model."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures.store.builders import article_a, article_b

from chronicle.cli import cli, date_label, place_label
from chronicle.store import Store
from chronicle.store.dedup import dedup_store

LONG_ID = "wikinews-5f3c9a1b2d4e6f70#12"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "chronicle", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})


def test_dates_show_their_precision_and_say_when_filled_in() -> None:
    assert date_label({"start": "2020-01-01", "precision": "year", "basis": "text"}) == "2020"
    assert date_label({"start": "2025-08-01", "precision": "month", "basis": "text"}) == "2025-08"
    assert date_label({"start": "2025-08-04", "precision": "week", "basis": "text"}) == "2025-W32"
    assert date_label({"start": "2025-08-11", "precision": "day", "basis": "published"}) == "2025-08-11 (article date)"
    assert date_label({"start": None, "precision": "unknown", "basis": "unknown"}) == ""
    assert place_label({"name": "Bamako", "text": "BAMAKO", "basis": "dateline"}) == "Bamako (dateline)"
    assert place_label({"name": "Gao", "text": "Gao", "basis": "sentence"}) == "Gao"
    assert place_label({"name": "Gao", "text": "Gao"}) == "Gao"  # a store whose places carry no basis


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cli.duckdb")
    with Store.open(path) as store:
        store.ingest([article_a(), article_b(), article_a(LONG_ID, published="2025-05-01")])
        dedup_store(store)
    return path


def test_whole_ids_with_wide(db: str) -> None:
    narrow = CliRunner().invoke(cli, ["events", "--db", db, "--all-copies"])
    assert narrow.exit_code == 0, narrow.stderr
    assert LONG_ID not in narrow.stdout and "--wide" in narrow.stderr
    wide = CliRunner().invoke(cli, ["events", "--db", db, "--all-copies", "--wide"])
    assert f"{LONG_ID}:e1" in wide.stdout and "--wide" not in wide.stderr
    assert "2025-03-03" in wide.stdout


def test_events_synopsis_in_the_readme_lists_every_option() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    (synopsis,) = [line for line in readme.splitlines() if line.startswith("chronicle events [")]
    command = cli.commands["events"]
    for param in command.params:
        for opt in param.opts:
            if opt.startswith("--"):
                assert opt in synopsis, opt


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_events_and_export_read_through_the_server_that_holds_the_store(db: str, tmp_path: Path) -> None:
    before = CliRunner().invoke(cli, ["events", "--db", db, "--format", "json"]).stdout
    before_csv = CliRunner().invoke(cli, ["events", "--db", db, "--format", "csv", "--type", "ASSAULT"]).stdout
    before_export = CliRunner().invoke(cli, ["export", "--db", db, "--format", "csv"]).stdout
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "chronicle", "serve", "--db", db, "--port", str(port)],
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/stats/facets", timeout=5).close()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "chronicle serve did not start"
                time.sleep(0.2)
        assert json.loads(Path(db + ".server.json").read_text())["url"] == f"http://127.0.0.1:{port}"
        during = CliRunner().invoke(cli, ["events", "--db", db, "--format", "json"])
        assert during.exit_code == 0, during.stderr
        assert "reading through it" in during.stderr
        assert during.stdout == before
        csv_rows = CliRunner().invoke(cli, ["events", "--db", db, "--format", "csv", "--type", "ASSAULT"])
        assert csv_rows.stdout == before_csv
        exported = CliRunner().invoke(cli, ["export", "--db", db, "--format", "csv"])
        assert exported.exit_code == 0, exported.stderr
        assert exported.stdout == before_export
        parquet = tmp_path / "events.parquet"
        done = CliRunner().invoke(cli, ["export", "--db", db, "--format", "parquet", "-o", str(parquet)])
        assert done.exit_code == 0, done.stderr
        import pyarrow.parquet as pq

        assert pq.read_table(parquet).num_rows == len(list(csv.DictReader(io.StringIO(before_export))))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert not Path(db + ".server.json").exists()  # withdrawn on exit


TEXT = ("Soldiers attacked a market in the town of Gao, killing 12 civilians, officials said. "
        "The army denied the accusations.")


@pytest.mark.model
@pytest.mark.slow
def test_a_hostile_folder_every_input_named_and_this_runs_summary(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(TEXT, encoding="utf-8")
    (news / "b-copy.txt").write_text(TEXT, encoding="utf-8")  # the same text: one article, two inputs
    (news / "c-nul.txt").write_bytes(b"Police arrested four protesters in Dakar.\x00 The union condemned it.")
    (news / "d-empty.txt").write_text("", encoding="utf-8")
    (news / "e.jsonl").write_text(json.dumps({"id": "dated", "published": "2025-08-11",
                                              "text": "Rebels attacked an army base in Mali, the ministry said."})
                                  + "\n{broken\n", encoding="utf-8")
    (news / "f.bin").write_bytes(bytes(range(256)) * 8)
    (news / ".hidden").write_text("x", encoding="utf-8")
    db = str(tmp_path / "h.duckdb")
    first = run("ingest", str(news), "--db", db)
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    assert "1 input an exact copy of a stored article" in first.stderr
    assert "this run: " in first.stderr
    assert "loading models" in first.stderr and "/4" in first.stderr  # a bar with its total (4 articles)
    with Store.open(db, read_only=True) as store:
        named = {r["input"] for r in store.inputs()} | {f["input"] for f in store.failures()}
        records = {r["input"]: r for r in store.inputs()}
        codes = {(os.path.basename(f["input"]), f["code"]) for f in store.failures()}
        dated = store.article_record("dated")
    on_disk = {str(p) for p in news.iterdir()}
    assert {p for p in named if not p.endswith(":1") and not p.endswith(":2")} | {str(news / "e.jsonl")} >= on_disk
    assert records[str(news / "b-copy.txt")]["outcome"] == "copy"
    assert records[str(news / "b-copy.txt")]["article_id"] == records[str(news / "a.txt")]["article_id"]
    assert {("c-nul.txt", "cleaned"), ("d-empty.txt", "empty"), ("f.bin", "skipped"), (".hidden", "skipped"),
            ("e.jsonl", "bad_json")} <= codes
    # no time expression in the sentence: the article's date, and the record says so
    assert dated is not None and dated["events"]
    assert dated["events"][0]["date"] == {"start": "2025-08-11", "end": "2025-08-11", "precision": "day",
                                          "text": None, "basis": "published"}
    table = run("events", "--db", db)
    assert "2025-08-11 (article date)" in table.stdout

    again = run("ingest", str(news), "--db", db, "--quiet")
    assert "this run: 0 near-duplicate articles linked, 0 events merged" in again.stderr


def test_the_bundled_demo_is_political_and_dated() -> None:
    from chronicle.cli import SAMPLE_PATH

    rows = [json.loads(line) for line in SAMPLE_PATH.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 12
    for r in rows:
        assert r["published"] and r["license"].startswith("CC BY 2.5") and r["url"].startswith("https://en.wikinews")
    titles = " ".join(r["title"] for r in rows).lower()
    for off_topic in ("warhol", "nasa", "bird flu", "h5n1", "internet explorer", "fan expo"):
        assert off_topic not in titles


def test_readme_examples_need_only_a_clone() -> None:
    # issue 12: every path a README example names is in the repository (or is the example's own output)
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "../shared" not in readme.replace("no `../shared`", "")
    blocks = [b.split("```", 1)[0] for b in readme.split("```sh\n")[1:]]
    for line in (ln for b in blocks for ln in b.splitlines() if ln.startswith(("chronicle ", "cat "))):
        words = line.replace("|", " ").split()
        outputs = {words[i + 1] for i, w in enumerate(words[:-1]) if w in ("-o", ">")}
        for word in words:
            if "/" in word and "://" not in word and not word.startswith(("-", "[")) and word not in outputs \
                    and not word.endswith("...") and "SHARDS" not in word:
                assert (root / word).exists(), f"{line}: {word}"
    for link in re_links(readme):
        assert (root / link).exists(), link


def re_links(text: str) -> list[str]:
    import re

    return [m for m in re.findall(r"\]\(([^)#]+)\)", text) if "://" not in m]
