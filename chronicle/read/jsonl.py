"""JSON Lines reader: one document per line, streamed so memory does not grow with the file.

Reads lines of text; yields a `Document` (kind "jsonl") per good line and a
`Failure` with the 1-based line number for each bad one, then goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from chronicle.config import Config
from chronicle.errors import failure
from chronicle.records import Document, Failure

# Metadata keys of SPEC.md's Input table that must be strings when present.
_STRING_KEYS = ("title", "url", "source", "language", "published", "fetched")


class LongLine(str):
    """Stands for a line longer than the reader's limit, skipped unread: only its length is known."""

    length: int = 0


def line_limit(config: Config) -> int:
    """Characters a JSON line may have: a document of `max_chars` characters with JSON escapes
    (up to 6 characters for one) and metadata fits; a longer line is refused without parsing it."""
    return 6 * config.max_chars + 65536


def bounded_lines(stream: IO[str], limit: int) -> Iterator[str]:
    """The lines of `stream`, but a line longer than `limit` characters is read past in chunks of
    `limit` and given as a `LongLine`, so one huge line never sits in memory whole."""
    while line := stream.readline(limit):
        if len(line) < limit or line.endswith("\n"):
            yield line
            continue
        length = len(line)
        while chunk := stream.readline(limit):
            length += len(chunk)
            if chunk.endswith("\n"):
                break
        skipped = LongLine()
        skipped.length = length
        yield skipped


def read_jsonl_lines(lines: Iterable[str], name: str, config: Config) -> Iterator[Document | Failure]:
    """Documents from the lines of a JSON Lines input called `name` (a path, or "-" for stdin)."""
    seen_any = False
    for number, line in enumerate(lines, start=1):
        if isinstance(line, LongLine):
            seen_any = True
            yield failure(name, f"line {number}", "too_large", f"a line of {line.length:,} characters, longer "
                          f"than a document of {config.max_chars:,} characters can be")
            continue
        if number == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        seen_any = True
        yield _record(line, number, name, config)
    if not seen_any:
        yield failure(name, None, "empty")


def _record(line: str, number: int, name: str, config: Config) -> Document | Failure:
    position = f"line {number}"
    try:
        obj: Any = json.loads(line)
    except ValueError as exc:
        return failure(name, position, "bad_json", str(exc))
    except RecursionError:  # arrays or objects nested thousands deep
        return failure(name, position, "bad_json", "nested too deeply to parse")
    if not isinstance(obj, dict):
        return failure(name, position, "bad_record", f"a JSON {type(obj).__name__}, not an object")
    text, html = obj.get("text"), obj.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return failure(name, position, "bad_record")
    raw_id = obj.get("id")
    # An integer id is unambiguous, so it is accepted and kept as its decimal string.
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, str | int)):
        return failure(name, position, "bad_field", f"`id` is a {type(raw_id).__name__}")
    for key in _STRING_KEYS:
        if obj.get(key) is not None and not isinstance(obj[key], str):
            return failure(name, position, "bad_field", f"`{key}` is a {type(obj[key]).__name__}")
    doc_id = str(raw_id) if raw_id is not None and str(raw_id).strip() else None
    input_id = doc_id or f"{name}:{number}"
    body = text if isinstance(text, str) else html
    assert body is not None
    if not body.strip():
        return failure(input_id, position, "empty", "`text` is blank" if isinstance(text, str) else "`html` is blank")
    if len(body) > config.max_chars:
        return failure(input_id, position, "too_large", f"{len(body):,} characters > {config.max_chars:,}")
    return Document(
        input_id=input_id,
        kind="jsonl",
        text=text if isinstance(text, str) else None,
        html=html if isinstance(html, str) else None,
        id=doc_id,
        title=obj.get("title"),
        url=obj.get("url"),
        source=obj.get("source"),
        language=obj.get("language"),
        published=obj.get("published"),
        fetched=obj.get("fetched"),
        path=name,
        position=position,
    )
