"""Article records in Parquet shards, and back: what `--engine ray` writes and `ingest --from-parquet` reads.

A shard row is one input item: `unit` (the input file's number), `n` (its
place in that file), `kind` ("article" or "failure") and `record` (the SPEC.md
JSON of the article, or the failure). Sorting by (unit, n) restores the input
order, so a store built from shards equals one built by a single process.
`article_from_dict` rebuilds the `Article` that `to_dict` rendered.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterator, Mapping
from typing import Any

import pyarrow as pa

from chronicle.errors import ChronicleError
from chronicle.records import (
    Actor,
    Article,
    Coder,
    Entity,
    Event,
    EventDate,
    Failure,
    Place,
    Quote,
    Size,
    Span,
    Speaker,
    Time,
)

SCHEMA = pa.schema([("unit", pa.int64()), ("n", pa.int64()), ("kind", pa.string()), ("record", pa.string())])
_FETCH = 256


def shard_row(unit: int, n: int, item: Article | Failure) -> dict[str, Any]:
    kind = "article" if isinstance(item, Article) else "failure"
    return {"unit": unit, "n": n, "kind": kind, "record": json.dumps(item.to_dict(), ensure_ascii=False)}


def item_from_row(kind: str, record: str) -> Article | Failure:
    data = json.loads(record)
    return article_from_dict(data) if kind == "article" else Failure(**data)


def _place(d: Mapping[str, Any] | None) -> Place | None:
    return Place(**d) if d else None


def _span(d: Mapping[str, Any] | None) -> Span | None:
    return Span(**d) if d else None


def _event(d: Mapping[str, Any]) -> Event:
    trigger, evidence = _span(d["trigger"]), _span(d["evidence"])
    assert trigger is not None and evidence is not None
    return Event(
        id=d["id"], type=d["type"], mode=d["mode"], context=list(d["context"]), quad=d["quad"],
        actor=[Actor(**a) for a in d["actor"]], recipient=[Actor(**a) for a in d["recipient"]],
        place=_place(d["place"]), date=EventDate(**d["date"]), size=Size(**d["size"]), status=d["status"],
        trigger=trigger, evidence=evidence, mentions=[Span(**m) for m in d.get("mentions", [])],
        confidence=d["confidence"], acled=d.get("acled"))


def _quote(d: Mapping[str, Any]) -> Quote:
    return Quote(text=d["text"], start=d["start"], end=d["end"], direct=d["direct"],
                 speaker=Speaker(**d["speaker"]) if d["speaker"] else None, cue=_span(d["cue"]))


def article_from_dict(d: Mapping[str, Any]) -> Article:
    """The Article whose `to_dict()` is `d` (round trip: `article_from_dict(a.to_dict()) == a`)."""
    return Article(
        id=d["id"], input_id=d["input_id"], text=d["text"], title=d["title"], url=d["url"], source=d["source"],
        byline=d["byline"], credit=d["credit"], published=d["published"], published_from=d["published_from"],
        dateline=d["dateline"], dateline_place=_place(d["dateline_place"]), summary=list(d["summary"]),
        language=d["language"], entities=[Entity(**e) for e in d["entities"]],
        places=[Place(**p) for p in d["places"]], events=[_event(e) for e in d["events"]],
        quotes=[_quote(q) for q in d["quotes"]], times=[Time(**t) for t in d["times"]],
        coder=Coder(**d["coder"]) if d["coder"] else None,
    )


def shard_files(directory: str) -> list[str]:
    files = sorted(glob.glob(os.path.join(glob.escape(directory), "**", "*.parquet"), recursive=True))
    if not os.path.isdir(directory):
        raise ChronicleError("not_found", f"no shard directory {directory}")
    if not files:
        raise ChronicleError("empty", f"{directory} holds no .parquet shards (write them with --engine ray)")
    return files


def read_shards(directory: str) -> Iterator[Article | Failure]:
    """Every record of the shards under `directory`, in input order, streamed.

    DuckDB sorts the shards (spilling to disk when they outgrow memory) and hands them over in chunks.
    """
    import duckdb

    files = shard_files(directory)
    conn = duckdb.connect()
    try:
        result = conn.execute("SELECT kind, record FROM read_parquet($files) ORDER BY unit, n", {"files": files})
        while rows := result.fetchmany(_FETCH):
            for kind, record in rows:
                yield item_from_row(kind, record)
    finally:
        conn.close()
