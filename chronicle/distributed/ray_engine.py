"""`--engine ray`: the single-process pipeline's stages as a Ray Data pipeline, written as Parquet shards.

    input files -> read + segment (Ray tasks, one per file, streamed)
                -> annotate + code (an actor pool: each actor loads the models once)
                -> Parquet shards of article records (distributed/shards.py)

Reads the same paths as `chronicle extract`; writes shards under a directory,
which `chronicle ingest --from-parquet DIR` turns into a store in input order
(the result equals a single-process run). Without an address a local Ray
instance is started with as many CPUs as annotators; `address` (or the env
RAY_ADDRESS, e.g. "ray://head:10001" or "auto") joins an existing cluster,
whose workers must have chronicle installed and see the input and output
paths (a shared file system, or an s3:// / gs:// output URI).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from chronicle.config import Config
from chronicle.distributed.shards import article_from_dict, item_from_row, shard_row
from chronicle.errors import ChronicleError
from chronicle.records import Article, Failure

# Items handed to an annotator per call; the same order of size as the single process's spaCy batch,
# small enough that both actors get work from one large file.
ANNOTATE_BATCH = 64
_READ_FLUSH = 64  # items a reader task yields per output batch (it streams, never holding a whole file)


@dataclass(frozen=True)
class Unit:
    """One input file (or an unreadable path) and how the single-process reader would treat it."""

    number: int
    path: str
    in_directory: bool


def input_units(paths: Sequence[str]) -> list[Unit]:
    """The files the paths name, in the single-process reader's order; "-" (stdin) is refused."""
    from chronicle.read.files import walk

    units: list[Unit] = []
    for path in paths:
        if path == "-":
            raise ChronicleError("bad_argument", "--engine ray reads files, not standard input")
        if os.path.isdir(path):
            units.extend(Unit(len(units) + i, child, True) for i, child in enumerate(walk(path)))
        else:
            units.append(Unit(len(units), path, False))
    return units


def _read_unit(batch: dict[str, np.ndarray], config: Config) -> Iterator[dict[str, list[Any]]]:
    """Ray task body: read and segment each file of the batch, streaming rows out in small batches."""
    from chronicle.pipeline import segment_documents
    from chronicle.read.files import read_file, read_path

    rows: list[dict[str, Any]] = []
    for unit, path, in_directory in zip(batch["unit"], batch["path"], batch["in_directory"], strict=True):
        documents = read_file(str(path), config, bool(in_directory)) if os.path.isfile(str(path)) else \
            read_path(str(path), config)
        for n, item in enumerate(segment_documents(documents, config)):
            rows.append(shard_row(int(unit), n, item))
            if len(rows) >= _READ_FLUSH:
                yield _columns(rows)
                rows = []
    if rows:
        yield _columns(rows)


def _columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    return {key: [r[key] for r in rows] for key in ("unit", "n", "kind", "record")}


class Annotator:
    """Ray actor: loads spaCy and the tables once, then annotates batch after batch."""

    def __init__(self) -> None:
        from chronicle.pipeline import warm_up

        warm_up()

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, list[Any]]:
        from chronicle.pipeline import annotate_batch

        keys = list(zip(batch["unit"], batch["n"], strict=True))
        items: list[Article | Failure] = []
        for kind, record in zip(batch["kind"], batch["record"], strict=True):
            items.append(item_from_row(str(kind), str(record)))
        rows = [shard_row(int(u), int(n), done)
                for (u, n), done in zip(keys, annotate_batch(items), strict=True)]
        return _columns(rows)


@dataclass
class RayRun:
    startup_s: float  # connecting to (or starting) Ray
    run_s: float  # the pipeline itself
    shards: list[str]


def connect(address: str | None, num_cpus: int) -> float:
    """Join the cluster at `address` (or $RAY_ADDRESS), else start a local Ray with `num_cpus`; seconds taken."""
    import ray

    start = time.perf_counter()
    if not ray.is_initialized():
        address = address or os.environ.get("RAY_ADDRESS") or None
        if address:
            ray.init(address=address, log_to_driver=False, configure_logging=False)
        else:
            ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False, configure_logging=False)
    return time.perf_counter() - start


def run_ray(paths: Sequence[str], config: Config, output: str, annotators: int = 2, address: str | None = None,
            progress: bool = False) -> RayRun:
    """Extract `paths` on Ray into Parquet shards under `output` (a directory or a cluster URI)."""
    import ray
    import ray.data

    units = input_units(paths)
    startup = connect(address, annotators)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = progress
    context.print_on_execution_start = False
    if not progress:  # Ray Data logs each run's plan and timing at INFO
        logging.getLogger("ray.data").setLevel(logging.WARNING)
    begin = time.perf_counter()
    items = [{"unit": u.number, "path": u.path, "in_directory": u.in_directory} for u in units]
    dataset: Any = ray.data.from_items(items, override_num_blocks=max(1, len(items)))
    # Reading is light next to annotation: one reader task at a time, taking no whole CPU away from
    # the annotators (with a CPU each they would otherwise wait for the reader's CPU, and it for them).
    reader: Any = _read_unit
    dataset = dataset.map_batches(reader, batch_size=1, fn_kwargs={"config": config}, num_cpus=0,
                                  compute=ray.data.TaskPoolStrategy(size=1))
    dataset = dataset.map_batches(Annotator, batch_size=ANNOTATE_BATCH, num_cpus=1,
                                  compute=ray.data.ActorPoolStrategy(size=annotators))
    dataset.write_parquet(output, ray_remote_args={"num_cpus": 0})
    run = time.perf_counter() - begin
    shards = sorted(os.path.join(output, f) for f in os.listdir(output)) if os.path.isdir(output) else []
    return RayRun(startup_s=startup, run_s=run, shards=shards)


__all__ = ["Annotator", "RayRun", "article_from_dict", "connect", "input_units", "run_ray"]
