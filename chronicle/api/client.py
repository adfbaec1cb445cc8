"""`chronicle ingest --server URL`: read and segment locally, send the articles to a running server.

While `chronicle serve` holds a store no other process may open it, so new
data travels over HTTP to the server's one writer. The client does the cheap
work (reading files, splitting dumps) and sends each article as one JSON
Lines document with a `segmented` object (see chronicle.api.ingest), so the
server stores what a local `chronicle ingest` would have. Requests stay
under the server's body limit; each one is stored in one transaction.
Uses only the standard library: the client needs no web stack.
"""

from __future__ import annotations

import contextlib
import json
import os
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from typing import Any

from chronicle.config import Config
from chronicle.errors import ChronicleError
from chronicle.records import Article, Failure
from chronicle.store import IngestStats

REQUEST_BYTES = 4 * 1024 * 1024  # per request: well under the server's limit (32 MiB by default)
REQUEST_DOCS = 64  # per request: the server answers after spaCy has read them all, so keep it short
TIMEOUT_S = 600.0


def document_line(article: Article) -> str:
    """One JSON Lines document for a segmented article (SPEC.md input keys plus `segmented`)."""
    return json.dumps({
        "id": article.id, "text": article.text, "title": article.title, "url": article.url,
        "source": article.source, "language": article.language, "published": article.published,
        "segmented": {"input_id": article.input_id, "dateline": article.dateline, "byline": article.byline,
                      "credit": article.credit, "summary": article.summary,
                      "published_from": article.published_from},
    }, ensure_ascii=False)


def _segmented(paths: Sequence[str], config: Config) -> Iterator[Article | Failure]:
    from chronicle.read import read_inputs
    from chronicle.segment import segment_stream

    return segment_stream(read_inputs(paths, config), config)


def _bodies(items: Iterator[Article | Failure], local: list[Failure]) -> Iterator[bytes]:
    lines: list[str] = []
    size = 0
    for item in items:
        if isinstance(item, Failure):
            local.append(item)
            continue
        line = document_line(item)
        if lines and (size + len(line) > REQUEST_BYTES or len(lines) >= REQUEST_DOCS):
            yield ("\n".join(lines) + "\n").encode("utf-8")
            lines, size = [], 0
        lines.append(line)
        size += len(line) + 1
    if lines:
        yield ("\n".join(lines) + "\n").encode("utf-8")


def post_body(url: str, body: bytes, token: str | None) -> dict[str, Any]:
    """POST one JSON Lines body to `<url>/ingest`; the server's answer, or ChronicleError with its message."""
    headers = {"Content-Type": "application/x-ndjson"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url.rstrip("/") + "/ingest", data=body, headers=headers, method="POST")
    with _open(request, url) as response:
        answer: dict[str, Any] = json.load(response)
        return answer


def ingest_remote(paths: Sequence[str], config: Config, url: str, token: str | None) -> IngestStats:
    """Send every article of `paths` to the server at `url`; what it stored, and every failure."""
    if not url.startswith(("http://", "https://")):
        raise ChronicleError("bad_argument", f"--server {url!r} is not an http:// or https:// URL")
    stats = IngestStats()
    local: list[Failure] = []
    for body in _bodies(_segmented(paths, config), local):
        answer = post_body(url, body, token)
        for key in ("articles", "new", "replaced", "unchanged", "events", "copies"):
            setattr(stats, key, getattr(stats, key) + int(answer.get(key, 0)))
        stats.failures.extend(Failure(**f) for f in answer.get("failures", []))
    stats.failures[:0] = local
    return stats


# --- reading through a running server: `chronicle events` / `export` while `chronicle serve` holds the store ---

def server_file(db: str) -> str:
    """Where `chronicle serve --db FILE` writes its address while it runs: `FILE.server.json`."""
    return db + ".server.json"


def announce(db: str, url: str) -> None:
    """Write the server's address next to the store, so that readers of the store can find it."""
    with open(server_file(db), "w", encoding="utf-8") as fh:
        json.dump({"url": url, "pid": os.getpid()}, fh)


def withdraw(db: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(server_file(db))


def served_url(db: str) -> str | None:
    """The address of the server that holds `db`, from its `FILE.server.json`; None when there is none
    or its process is gone."""
    try:
        with open(server_file(db), encoding="utf-8") as fh:
            info = json.load(fh)
        url, pid = str(info["url"]), int(info["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # another user's process: it exists
    return url


def _open(request: str | urllib.request.Request, url: str) -> Any:
    """The server's response to `request`; its JSON error message, or why it could not be reached, as a
    ChronicleError naming `url`."""
    try:
        return urllib.request.urlopen(request, timeout=TIMEOUT_S)
    except urllib.error.HTTPError as exc:
        try:
            message = json.load(exc)["error"]["message"]
        except (ValueError, KeyError, TypeError):
            message = f"HTTP {exc.code} {exc.reason}"
        raise ChronicleError("server_refused", f"{url}: {message}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ChronicleError("server_unreachable", f"{url}: {reason}") from None


def _query(params: dict[str, Any]) -> str:
    import urllib.parse

    return urllib.parse.urlencode({k: ("true" if v is True else v) for k, v in params.items()
                                   if v is not None and v is not False})


def remote_events(url: str, filters: dict[str, Any], limit: int, offset: int, order: str) -> list[dict[str, Any]]:
    """Events as `query_events` lists them, read from the server at `url` page by page (GET /events)."""
    wanted = offset + limit
    found: list[dict[str, Any]] = []
    cursor: str | None = None
    while len(found) < wanted:
        page_params = {**filters, "order": order, "limit": min(1000, wanted - len(found)), "cursor": cursor}
        page_url = f"{url.rstrip('/')}/events?{_query(page_params)}"
        with _open(page_url, page_url) as response:
            page = json.load(response)
        found.extend(page["events"])
        cursor = page.get("next_cursor")
        if not cursor:
            break
    return found[offset:wanted]


def remote_export(url: str, fmt: str, filters: dict[str, Any], out: Any) -> None:
    """Copy GET /export?format=FMT (with the filters) into the binary file `out`."""
    export_url = f"{url.rstrip('/')}/export?{_query({'format': fmt, **filters})}"
    with _open(export_url, export_url) as response:
        while chunk := response.read(1 << 16):
            out.write(chunk)
