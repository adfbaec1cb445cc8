"""Full article records as JSON Lines, exactly as `chronicle extract` prints them."""

from __future__ import annotations

import json
from typing import Any, TextIO

from chronicle.store import Store


def dumps(record: dict[str, Any]) -> str:
    """One JSON Lines line (without newline); the single place that fixes the output's JSON style."""
    return json.dumps(record, ensure_ascii=False)


def write_jsonl(store: Store, out: TextIO) -> int:
    """Write every stored article in ingest order; returns the number written."""
    n = 0
    for record in store.article_records():
        out.write(dumps(record) + "\n")
        n += 1
    return n
