"""Article records in Parquet shards, and back: what `--engine ray` writes and `ingest --from-parquet` reads.

A shard row is one input item: `unit` (the input file's number), `n` (its
place in that file), `kind` ("article" or "failure") and `record` (the SPEC.md
JSON of the article, or the failure). Sorting by (unit, n) restores the input
order, so a store built from shards equals one built by a single process.
`chronicle.records.article_from_dict` rebuilds the `Article` that `to_dict` rendered.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterator
from typing import Any

import pyarrow as pa

from chronicle.errors import ChronicleError
from chronicle.records import Article, Failure, article_from_dict

SCHEMA = pa.schema([("unit", pa.int64()), ("n", pa.int64()), ("kind", pa.string()), ("record", pa.string())])
_FETCH = 256


def shard_row(unit: int, n: int, item: Article | Failure) -> dict[str, Any]:
    kind = "article" if isinstance(item, Article) else "failure"
    return {"unit": unit, "n": n, "kind": kind, "record": json.dumps(item.to_dict(), ensure_ascii=False)}


def item_from_row(kind: str, record: str) -> Article | Failure:
    data = json.loads(record)
    return article_from_dict(data) if kind == "article" else Failure(**data)


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
