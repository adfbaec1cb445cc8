"""Full article records as JSON Lines, exactly as `chronicle extract` prints them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from chronicle.store import Store


def dumps(record: dict[str, Any]) -> str:
    """One JSON Lines line (without newline); the single place that fixes the output's JSON style."""
    return json.dumps(record, ensure_ascii=False)


def write_jsonl(store: Store, out: TextIO, event_ids: Sequence[str] | None = None) -> int:
    """Write every stored article (or only the articles of `event_ids`) in ingest order; returns the number
    written."""
    article_ids = None
    if event_ids is not None:
        article_ids = [r[0] for r in store.conn.execute(
            "SELECT id FROM articles WHERE id IN (SELECT article_id FROM events WHERE id IN (SELECT unnest($ids))) "
            "ORDER BY seq", {"ids": list(event_ids)}).fetchall()]
    n = 0
    for record in store.article_records(article_ids):
        out.write(dumps(record) + "\n")
        n += 1
    return n
