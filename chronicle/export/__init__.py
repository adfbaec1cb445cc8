"""Stage "export": the store's contents as files other tools read.

`jsonl` re-creates the article records `chronicle extract` printed; `table`
flattens events to one row each (CSV, Parquet); `plover` writes the PLOVER
manual's event record format.
"""

from chronicle.export.jsonl import write_jsonl
from chronicle.export.plover import PloverStats, plover_event, write_plover
from chronicle.export.table import EVENT_COLUMNS, event_rows, write_csv, write_parquet

__all__ = [
    "EVENT_COLUMNS",
    "PloverStats",
    "event_rows",
    "plover_event",
    "write_csv",
    "write_jsonl",
    "write_parquet",
    "write_plover",
]
