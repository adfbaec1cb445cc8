"""Streaming the exports: a writer function that fills a text file becomes an iterator of byte chunks.

The export functions (chronicle.export) write to a `TextIO`. Here one runs on
a thread of its own and writes into a bounded queue; the response iterates
the queue. Memory stays at a few chunks however big the store; when the
client goes away the producer is told to stop at its next write.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any

_CHUNK = 64 * 1024  # characters per chunk sent
_DEPTH = 8  # chunks queued ahead of the client
_DONE = object()


class _Cancelled(Exception):
    """The client stopped reading."""


class _QueueFile:
    """The little of TextIO the exports use (write, flush), feeding a queue in chunks."""

    def __init__(self, chunks: queue.Queue[Any], cancelled: threading.Event) -> None:
        self._chunks = chunks
        self._cancelled = cancelled
        self._parts: list[str] = []
        self._size = 0

    def write(self, text: str) -> int:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= _CHUNK:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if not self._parts:
            return
        data = "".join(self._parts).encode("utf-8")
        self._parts, self._size = [], 0
        while True:  # wait for room, but notice a client that went away
            if self._cancelled.is_set():
                raise _Cancelled
            try:
                self._chunks.put(data, timeout=0.5)
                return
            except queue.Full:
                continue


def stream_text(produce: Callable[[Any], object]) -> Iterator[bytes]:
    """Bytes of everything `produce(file)` writes, as it writes it; its exception is raised here."""
    chunks: queue.Queue[Any] = queue.Queue(maxsize=_DEPTH)
    cancelled = threading.Event()
    failure: list[BaseException] = []

    def run() -> None:
        out = _QueueFile(chunks, cancelled)
        try:
            produce(out)
            out.flush()
        except _Cancelled:
            pass
        except BaseException as exc:  # handed to the consumer, which raises it in the response
            failure.append(exc)
        finally:
            while not cancelled.is_set():
                try:
                    chunks.put(_DONE, timeout=0.5)
                    break
                except queue.Full:
                    continue

    thread = threading.Thread(target=run, name="chronicle-export", daemon=True)
    thread.start()
    try:
        while True:
            item = chunks.get()
            if item is _DONE:
                break
            yield item
        if failure:
            raise failure[0]
    finally:
        cancelled.set()
        thread.join(timeout=5)
