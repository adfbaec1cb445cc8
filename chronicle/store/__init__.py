"""Stage "store": article records and failures in one DuckDB file (see store.py)."""

from chronicle.store.store import BATCH_SIZE, IngestStats, Store

__all__ = ["BATCH_SIZE", "IngestStats", "Store"]
