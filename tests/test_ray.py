"""`--engine ray` on a local Ray instance (2 CPUs): shards that rebuild exactly the single-process store."""

from __future__ import annotations

import importlib.util
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from chronicle.cli import cli
from chronicle.config import Config
from chronicle.records import Article
from chronicle.store import Store

pytestmark = [
    pytest.mark.model,
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("ray") is None,
                       reason="ray is not installed (pip install 'chronicle[ray]'; CI installs it)"),
]
FIXTURES = Path(__file__).parent / "fixtures"


# Seconds Ray Data may wait for the whole annotator pool to load its models before the first block.
POOL_START_S = 300


@pytest.fixture(scope="module")
def local_ray() -> Iterator[Any]:
    """A local Ray with 2 (logical) CPUs, one per annotator, whose pipelines start when both are ready.

    By default Ray Data hands out blocks as soon as one annotator has loaded its models. On a loaded
    2-core machine the other may still be loading when this small input is done: it then annotates
    nothing, or never reports ready, and the tests below would measure how the machine scheduled the
    two model loads. Waiting for the pool (Ray Data's own `wait_for_min_actors_s`) makes the sharing a
    property of the pipeline (small blocks, one task in flight per actor), whatever the load."""
    import ray
    import ray.data

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, object_store_memory=200 * 1024 * 1024)
    context = ray.data.DataContext.get_current()
    saved = context.wait_for_min_actors_s
    context.wait_for_min_actors_s = POOL_START_S
    try:
        yield ray
    finally:
        context.wait_for_min_actors_s = saved
        ray.shutdown()


def test_ray_shards_equal_single_process(tmp_path: Path, local_ray: object) -> None:
    from chronicle.distributed.ray_engine import input_units, run_ray
    from chronicle.distributed.shards import read_shards
    from chronicle.pipeline import process

    shutil.copy(FIXTURES / "scale" / "reports.jsonl", tmp_path / "reports.jsonl")
    (tmp_path / "more").mkdir()
    shutil.copy(FIXTURES / "store" / "feed.jsonl", tmp_path / "more" / "feed.jsonl")
    paths = [str(tmp_path / "reports.jsonl"), str(tmp_path / "more"), str(tmp_path / "missing.txt")]
    assert [u.path for u in input_units(paths)] == [paths[0], str(tmp_path / "more" / "feed.jsonl"), paths[2]]

    shards = str(tmp_path / "shards")
    run = run_ray(paths, Config(), shards, annotators=2)
    assert run.shards and all(s.endswith(".parquet") for s in run.shards)
    assert len(run.ready_s) == 2 and 0 < run.warmup_s <= run.ready_s[1] < run.run_s
    single = [x.to_dict() for x in process(paths, Config(), progress=False)]
    assert [x.to_dict() for x in read_shards(shards)] == single
    assert sum("code" in x for x in single) == 2  # the broken line and the missing path, in their places

    from_shards, direct = str(tmp_path / "a.duckdb"), str(tmp_path / "b.duckdb")
    result = CliRunner().invoke(cli, ["ingest", "--from-parquet", shards, "--db", from_shards, "-q"])
    assert result.exit_code == 0, result.stderr
    assert CliRunner().invoke(cli, ["ingest", *paths, "--db", direct, "-q"]).exit_code == 0
    with Store.open(from_shards, read_only=True) as a, Store.open(direct, read_only=True) as b:
        assert list(a.article_records()) == list(b.article_records())
        assert [f["input"] for f in a.failures()] == [f["input"] for f in b.failures()]
        assert a.conn.execute("SELECT * FROM merged_events ORDER BY group_id").fetchall() == \
            b.conn.execute("SELECT * FROM merged_events ORDER BY group_id").fetchall()


def test_one_file_keeps_every_annotator_busy(tmp_path: Path, local_ray: object) -> None:
    """A single input file is cut into small blocks, so both annotators share it (a whole file in one
    block would go to one of them), and the shards still hold every item once, in input order."""
    from chronicle.distributed.ray_engine import run_ray
    from chronicle.distributed.shards import read_shards
    from chronicle.pipeline import segmented

    lines = (FIXTURES / "scale" / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    batch = Config().batch_size
    big = tmp_path / "big.jsonl"
    with big.open("w", encoding="utf-8") as fh:
        for i in range(4 * batch):
            fh.write(json.dumps({**rows[i % len(rows)], "id": f"copy-{i}"}) + "\n")

    run = run_ray([str(big)], Config(), str(tmp_path / "shards"), annotators=2)
    assert sum(run.annotated) == 4 * batch
    assert len(run.annotated) == 2 and min(run.annotated) >= batch, run.annotated
    expected = [x.id for x in segmented([str(big)], Config()) if isinstance(x, Article)]
    assert len(set(expected)) == 4 * batch
    assert [x.id for x in read_shards(str(tmp_path / "shards")) if isinstance(x, Article)] == expected


def test_ray_refuses_stdin() -> None:
    from chronicle.distributed.ray_engine import input_units
    from chronicle.errors import ChronicleError

    with pytest.raises(ChronicleError, match="standard input"):
        input_units(["-"])
