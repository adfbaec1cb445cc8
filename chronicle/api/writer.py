"""The server's one writer: a thread that owns the store's write connection and runs write jobs in turn.

DuckDB allows one read-write process per file (STYLE.md 9). While `chronicle
serve` runs it is that process; inside it, every write goes through this
thread (the idea of datasette's `_execute_writes`, written anew): request
handlers `submit` a job (a function of a `Store`) and wait for its result,
so writes never interleave. Readers use their own cursors of the same
database; DuckDB's MVCC shows them a write only once its transaction commits.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from chronicle.store import Store

log = logging.getLogger(__name__)

T = TypeVar("T")
_STOP = object()  # the sentinel that ends the thread once the jobs before it are done


class Writer:
    """Runs `job(store)` for every submitted job, one at a time, on a thread of its own."""

    def __init__(self, store: Store) -> None:
        # Its own cursor: the writer's transactions are its own, apart from every reader's.
        self._store = Store(store.conn.cursor(), store.path, read_only=False)
        self._jobs: queue.Queue[Any] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="chronicle-writer", daemon=True)
        self._closed = False
        self._lock = threading.Lock()  # orders submit() against close()
        self._thread.start()

    def submit(self, job: Callable[[Store], T]) -> Future[T]:
        """Queue `job`; the future holds what it returned, or the exception it raised."""
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("the writer is closed")
            self._jobs.put((job, future))
        return future

    def _run(self) -> None:
        while True:
            item = self._jobs.get()
            if item is _STOP:
                return
            job, future = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(job(self._store))
            except BaseException as exc:  # the caller gets it through the future; the thread goes on
                log.debug("write job failed", exc_info=True)
                future.set_exception(exc)

    def close(self, timeout: float | None = None) -> None:
        """Finish the queued jobs, then stop the thread and close its cursor."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._jobs.put(_STOP)
        self._thread.join(timeout)
        self._store.close()
