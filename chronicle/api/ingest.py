"""POST /ingest: JSON Lines documents in, article records written by the server's one writer.

Reads the request body (SPEC.md input: one document per line, `text` or
`html`); runs read -> segment -> the linguistic stages (chronicle.pipeline)
on the request's worker thread, one request at a time (the spaCy pipeline is
shared and the machine small); hands the finished records to the `Writer`,
which stores the whole request in one transaction, so readers see all of it
or none.

A line may carry `segmented`: what `chronicle ingest --server` already took
from a text or HTML dump on the client (`input_id`, `dateline`, `byline`,
`credit`, `summary`, `published_from`). Its article is then stored as it
would have been by a local `chronicle ingest`.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from typing import Any

from chronicle.config import Config
from chronicle.records import Article, Document, Failure
from chronicle.store import IngestStats

SOURCE_NAME = "POST /ingest"  # the input name failures of a request's lines are recorded under
_SEGMENTED_STR = ("input_id", "dateline", "byline", "credit", "published_from")
_PUBLISHED_FROM = ("input", "text", "relative", "unknown")
_pipeline_lock = threading.Lock()  # one request through spaCy at a time


def _segmented(line: str) -> dict[str, Any] | None:
    """The well-typed keys of a line's `segmented` object, if it has one (bad ones are ignored)."""
    if '"segmented"' not in line:
        return None
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    seg = obj.get("segmented") if isinstance(obj, dict) else None
    if not isinstance(seg, dict):
        return None
    out: dict[str, Any] = {k: seg[k] for k in _SEGMENTED_STR if isinstance(seg.get(k), str)}
    if out.get("published_from") not in _PUBLISHED_FROM:
        out.pop("published_from", None)
    summary = seg.get("summary")
    if isinstance(summary, list) and all(isinstance(s, str) for s in summary):
        out["summary"] = summary
    return out


def _articles(lines: Sequence[str], config: Config) -> Iterator[Article | Failure]:
    """Read and segment every line: articles ready for annotation, and failures, in order."""
    from chronicle.read.jsonl import read_jsonl_lines
    from chronicle.segment import segment_stream

    for doc in read_jsonl_lines(lines, SOURCE_NAME, config):
        number = int(doc.position.split()[-1]) if isinstance(doc, Document) and doc.position else 0
        extra = (_segmented(lines[number - 1]) if number else None) or {}
        for item in segment_stream([doc], config):
            if isinstance(item, Article):
                for key, value in extra.items():
                    setattr(item, key, value)
            yield item


def process_body(body: str, config: Config) -> list[Article | Failure]:
    """Complete article records (or failures) for every line of a request body."""
    from chronicle.annotate import annotate_batch

    lines = body.split("\n")  # not splitlines(): a JSON string may hold U+2028 and friends raw
    items = list(_articles(lines, config))
    out: list[Article | Failure] = []
    with _pipeline_lock:
        for start in range(0, len(items), config.batch_size):
            out.extend(annotate_batch(items[start:start + config.batch_size]))
    return out


def stats_json(stats: IngestStats) -> dict[str, Any]:
    """The response body: what the writer did, with every failure recorded."""
    return {"articles": stats.articles, "new": stats.new, "replaced": stats.replaced, "copies": stats.copies,
            "unchanged": stats.unchanged, "events": stats.events,
            "failures": [asdict(f) for f in stats.failures]}
