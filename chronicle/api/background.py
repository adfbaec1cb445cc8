"""The API served from a background thread of this process: for embedding, benchmarks and browser tests.

`chronicle serve` runs uvicorn in the foreground; `served(store)` runs the same
app on a free loopback port while a `with` block runs and gives its base URL.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from chronicle.api.app import Settings, create_app
from chronicle.store import Store

START_TIMEOUT_S = 30.0


@contextmanager
def served(store: Store, settings: Settings | None = None, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve the API over `store` on a free port of `host` until the block ends; yields the base URL."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(create_app(store, settings or Settings()), host=host, port=0,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("the API server did not start")
            time.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=START_TIMEOUT_S)
