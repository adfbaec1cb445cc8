"""Cutting a stream of articles into batches for spaCy or for a worker process.

A batch closes at `size` items or once its texts reach `max_chars` characters,
so a run of long documents keeps memory flat (spaCy's working memory grows with
the text in a batch, not with the number of documents).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from chronicle.records import Article, Failure

# 0.5 M characters: a 64-article batch of wire stories stays well under it; a few very long
# documents close it early. 256-article batches of news peaked at 2.5 GB RSS, 64 at about 1 GB.
MAX_CHARS = 500_000


def batches(items: Iterable[Article | Failure], size: int,
            max_chars: int = MAX_CHARS) -> Iterator[list[Article | Failure]]:
    """Consecutive runs of `items`: `size` items, or fewer once their texts reach `max_chars`."""
    batch: list[Article | Failure] = []
    chars = 0
    for item in items:
        batch.append(item)
        chars += len(item.text) if isinstance(item, Article) else 0
        if len(batch) >= size or chars >= max_chars:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch
