"""`--workers N` gives exactly the single-process records, in the same order."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from chronicle.cli import cli
from chronicle.parallel import chunks
from chronicle.records import Article, Failure

pytestmark = pytest.mark.model
FIXTURES = Path(__file__).parent / "fixtures"


def test_chunks_close_on_count_and_characters() -> None:
    items: list[Article | Failure] = [Article(id=str(i), input_id="x", text="x" * 10) for i in range(5)]
    assert [len(c) for c in chunks(items, size=2)] == [2, 2, 1]
    assert [len(c) for c in chunks(items, size=10, max_chars=25)] == [3, 2]


def test_two_workers_equal_one(tmp_path: Path) -> None:
    # Two inputs with a broken line between good ones: the failure keeps its place too.
    shutil.copy(FIXTURES / "store" / "feed.jsonl", tmp_path / "feed.jsonl")
    shutil.copy(FIXTURES / "scale" / "reports.jsonl", tmp_path / "reports.jsonl")
    paths = [str(tmp_path / "reports.jsonl"), str(tmp_path / "feed.jsonl")]
    from chronicle.config import Config
    from chronicle.parallel import annotate_parallel
    from chronicle.pipeline import process, segmented

    single = [x.to_dict() for x in process(paths, Config(), progress=False)]
    # chunk_size 2: several chunks in flight at once, results must still come back in order
    parallel = [x.to_dict() for x in annotate_parallel(segmented(paths, Config()), workers=2, chunk_size=2)]
    assert parallel == single and len(single) == 9
    cli_out = CliRunner().invoke(cli, ["extract", *paths, "--workers", "2", "-q"])
    assert cli_out.exit_code == 0, cli_out.stderr
    assert [json.loads(line) for line in cli_out.stdout.splitlines()] == [x for x in single if "text" in x]
