"""Annotation in several processes on one machine (`--workers N`), same records in the same order.

Reads segmented articles (and failures, which pass through) from the caller's
stream; cuts them into chunks, annotates each chunk in a worker process that
loaded the models once (`warm_up` as the pool's initializer), and yields the
results chunk by chunk in input order. At most 2 x N chunks are in flight, so
memory does not grow with the input; the one writer (the store) stays in the
calling process.

Workers come from a "forkserver": a clean process forked before the caller
opened its store or started threads, so no lock held by another thread is
copied into a worker (plain fork can deadlock there).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from chronicle.annotate import annotate_batch, warm_up
from chronicle.batching import MAX_CHARS, batches
from chronicle.dictionaries.gazetteer import ensure_index
from chronicle.errors import ChronicleError
from chronicle.records import Article, Failure

# Articles per task: big enough for spaCy's batching and to amortise pickling, small enough that
# both workers stay busy to the end of a run and results come back in a steady stream.
CHUNK = 64
CHUNK_CHARS = MAX_CHARS
IN_FLIGHT_PER_WORKER = 2


def _init_worker() -> None:
    warm_up()


def _annotate_chunk(chunk: list[Article | Failure]) -> list[Article | Failure]:
    return list(annotate_batch(chunk))


def chunks(items: Iterable[Article | Failure], size: int = CHUNK,
           max_chars: int = CHUNK_CHARS) -> Iterator[list[Article | Failure]]:
    """Consecutive runs of `items` for the workers: the pipeline's own batching."""
    return batches(items, size, max_chars)


def annotate_parallel(items: Iterable[Article | Failure], workers: int,
                      chunk_size: int = CHUNK) -> Iterator[Article | Failure]:
    """`annotate.annotate_batch` over `items` in `workers` processes; results in input order."""
    ensure_index()  # built once here, not raced for by every worker of a fresh machine
    context = multiprocessing.get_context("forkserver")
    # Workers start from a server that already imported the pipeline: each then only loads the models.
    context.set_forkserver_preload(["chronicle.annotate"])
    pending: deque[Future[list[Article | Failure]]] = deque()
    limit = max(1, workers * IN_FLIGHT_PER_WORKER)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker) as pool:
        try:
            for chunk in chunks(items, chunk_size):
                pending.append(pool.submit(_annotate_chunk, chunk))
                while len(pending) >= limit:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BrokenProcessPool as exc:
            raise ChronicleError("worker_failed", str(exc)) from None
        finally:
            for future in pending:  # the consumer stopped early or failed: do not run what is queued
                future.cancel()
