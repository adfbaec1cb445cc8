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

Keeping every annotator busy (docs/SCALE.md, "Ray"): the reader cuts its output
into small blocks (BLOCK_BYTES) so that one large file is spread over the whole
pool, and each annotator may run well ahead of the driver's scheduling loop when
it hands back its (much larger) annotated rows. The annotators' model loading is
measured and reported apart from the run (`RayRun.warmup_s`), with each annotator's share of the
items (`RayRun.annotated`).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from chronicle.batching import MAX_CHARS, batches
from chronicle.config import Config
from chronicle.distributed.shards import article_from_dict, item_from_row, shard_row
from chronicle.errors import ChronicleError
from chronicle.records import Article, Failure

# Target size of a data block. Ray's default (128 MiB) makes one block of a whole input file of
# ordinary size, and a block goes to one actor: the other annotators would idle. 64 KiB is some 20
# news articles before annotation, so a file becomes a stream of blocks that every annotator draws
# from, and tasks stay small enough (about one batch) that the pool finishes together.
BLOCK_BYTES = 64 * 1024
# Output blocks an annotator task may hold before the driver has taken them. An annotated article is
# some 8 times its input, so one batch comes back as 20 to 30 blocks; with Ray's default of 2 the
# actor waited on the driver's scheduling loop every second block (measured: 1 to 2 s idle after
# each 64-article batch of 7 to 10 s).
OUTPUT_BLOCKS_AHEAD = 64
SHARD_ROWS = 1024  # at least this many records per Parquet shard (a shard holds whole output blocks)
_READ_FLUSH = 16  # items a reader task yields at a time (it streams, never holding a whole file)


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
    """Ray actor: loads spaCy and the tables once, then annotates batch after batch.

    It tells `log` (a `PoolLog` actor, when given) when it is ready and how many items each batch held,
    so that a run can report model loading apart from annotation, and how the work was shared."""

    def __init__(self, log: Any = None) -> None:
        import ray

        from chronicle.annotate import warm_up

        warm_up()
        self.log = log
        self.name = ray.get_runtime_context().get_actor_id() or str(os.getpid())
        if log is not None:  # waited for, so that the count is complete when the run ends
            ray.get(log.ready.remote(self.name, time.time()))

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, list[Any]]:
        from chronicle.annotate import annotate_batch

        keys = list(zip(batch["unit"], batch["n"], strict=True))
        items: list[Article | Failure] = []
        for kind, record in zip(batch["kind"], batch["record"], strict=True):
            items.append(item_from_row(str(kind), str(record)))
        # Ray cuts batches by count; long texts also close a batch by characters, as in one process.
        done = (x for part in batches(items, len(items), MAX_CHARS) for x in annotate_batch(part))
        rows = [shard_row(int(u), int(n), x) for (u, n), x in zip(keys, done, strict=True)]
        if self.log is not None:
            import ray

            ray.get(self.log.annotated.remote(self.name, len(rows)))
        return _columns(rows)


class PoolLog:
    """Ray actor (no CPU): when each annotator finished loading its models, and how many items it annotated."""

    def __init__(self) -> None:
        self.ready_at: dict[str, float] = {}
        self.items: dict[str, int] = {}

    def ready(self, name: str, at: float) -> None:
        self.ready_at[name] = at

    def annotated(self, name: str, n: int) -> None:
        self.items[name] = self.items.get(name, 0) + n

    def summary(self) -> list[tuple[float, int]]:
        """(ready time, items annotated) per annotator, in order of readiness."""
        return sorted((at, self.items.get(name, 0)) for name, at in self.ready_at.items())


@dataclass
class RayRun:
    startup_s: float  # connecting to (or starting) Ray
    run_s: float  # the pipeline itself, from submitting it to the last shard written (warm-up included)
    shards: list[str]
    # Per annotator, in order of readiness: seconds from submitting the pipeline until it had loaded its
    # models, and the items (articles and failures) it annotated.
    ready_s: list[float] = field(default_factory=list)
    annotated: list[int] = field(default_factory=list)

    @property
    def warmup_s(self) -> float:
        """Seconds until the first annotator was ready: no article can be annotated before then."""
        return self.ready_s[0] if self.ready_s else 0.0

    @property
    def annotate_s(self) -> float:
        """Seconds of the run after the first annotator was ready: throughput is counted over this."""
        return self.run_s - self.warmup_s


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


@contextmanager
def _data_context(progress: bool) -> Iterator[None]:
    """Ray Data settings for this run (blocks, backpressure, logging), restored afterwards."""
    import ray.data

    context = ray.data.DataContext.get_current()
    settings: dict[str, Any] = {"enable_progress_bars": progress, "print_on_execution_start": False,
                                "target_max_block_size": BLOCK_BYTES}
    # A private setting of Ray Data (pinned in pyproject.toml); without it the run is only slower.
    if hasattr(context, "_max_num_blocks_in_streaming_gen_buffer"):
        settings["_max_num_blocks_in_streaming_gen_buffer"] = OUTPUT_BLOCKS_AHEAD
    saved = {name: getattr(context, name) for name in settings}
    logger = logging.getLogger("ray.data")
    level = logger.level
    if not progress:  # Ray Data logs each run's plan and timing at INFO
        logger.setLevel(logging.WARNING)
    for name, value in settings.items():
        setattr(context, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(context, name, value)
        logger.setLevel(level)


def run_ray(paths: Sequence[str], config: Config, output: str, annotators: int = 2, address: str | None = None,
            progress: bool = False) -> RayRun:
    """Extract `paths` on Ray into Parquet shards under `output` (a directory or a cluster URI)."""
    import ray
    import ray.data  # before the clock: run_s and ready_s share one start

    units = input_units(paths)
    startup = connect(address, annotators)
    log: Any = ray.remote(num_cpus=0)(PoolLog).remote()
    try:
        begin_wall, run = time.time(), _run_pipeline(units, config, output, annotators, log, progress)
        summary = ray.get(log.summary.remote())
    finally:
        ray.kill(log)
    shards = sorted(os.path.join(output, f) for f in os.listdir(output)) if os.path.isdir(output) else []
    return RayRun(startup_s=startup, run_s=run, shards=shards, ready_s=[at - begin_wall for at, _ in summary],
                  annotated=[n for _, n in summary])


def _run_pipeline(units: list[Unit], config: Config, output: str, annotators: int, log: Any, progress: bool) -> float:
    """Read, annotate and write `units` as one Ray Data pipeline; the seconds it took."""
    import ray.data

    with _data_context(progress):
        begin = time.perf_counter()
        items = [{"unit": u.number, "path": u.path, "in_directory": u.in_directory} for u in units]
        dataset: Any = ray.data.from_items(items, override_num_blocks=max(1, len(items)))
        # Reading is light next to annotation: one reader task at a time, taking no whole CPU away from
        # the annotators (with a CPU each they would otherwise wait for the reader's CPU, and it for them).
        reader: Any = _read_unit
        dataset = dataset.map_batches(reader, batch_size=1, fn_kwargs={"config": config}, num_cpus=0,
                                      compute=ray.data.TaskPoolStrategy(size=1))
        # One task in flight per actor: a task queued behind a busy actor would leave another idle at the end.
        pool = ray.data.ActorPoolStrategy(size=annotators, max_tasks_in_flight_per_actor=1)
        dataset = dataset.map_batches(Annotator, batch_size=config.batch_size, num_cpus=1, compute=pool,
                                      fn_constructor_kwargs={"log": log})
        # Writers hold no CPU; a few at a time, or Ray starts a worker process for each output block.
        dataset.write_parquet(output, ray_remote_args={"num_cpus": 0}, min_rows_per_file=SHARD_ROWS,
                              concurrency=max(1, annotators // 8))
        return time.perf_counter() - begin


__all__ = ["Annotator", "PoolLog", "RayRun", "article_from_dict", "connect", "input_units", "run_ray"]
