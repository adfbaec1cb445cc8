"""Run-wide settings, one frozen object instead of flag arguments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

DEFAULT_MAX_CHARS = 1_000_000  # SPEC.md "Size"
DEFAULT_DB = "chronicle.duckdb"


@dataclass(frozen=True)
class Config:
    """Options that change what chronicle produces.

    `fetched` anchors relative page dates ("Updated 10 sec ago") when a
    document carries no `fetched` of its own; None means the capture time is
    unknown and such dates stay unresolved (never the file's mtime).
    """

    max_chars: int = DEFAULT_MAX_CHARS
    fetched: datetime | None = None
    batch_size: int = 64  # articles per spaCy batch: 32 ran 15% slower on short texts; 256 peaked at 2.5 GB
