"""Events flattened to one row each: the table behind `export --format csv|parquet` and `events --format csv`.

Lists of parties become `;`-joined strings, one position per party, so
`actor_names` and `actor_countries` line up (an unknown country is an empty
slot: "Kelvanian army;police" / "KLV;").
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import Any, BinaryIO, TextIO

import duckdb
import pyarrow.parquet as pq

_PARTIES = """
    SELECT event_id, role,
           string_agg(coalesce(name, text, ''), ';' ORDER BY idx) AS names,
           string_agg(coalesce(country, ''), ';' ORDER BY idx) AS countries,
           string_agg(coalesce(sector, ''), ';' ORDER BY idx) AS sectors
    FROM event_actors {where} GROUP BY event_id, role"""

_SELECT = """
    WITH parties AS ({parties})
    SELECT e.id, e.article_id, e.date_start, e.date_end, e.precision, e.type, e.mode,
           array_to_string(e.context, ';') AS context, e.quad, e.status,
           act.names AS actor_names, act.countries AS actor_countries, act.sectors AS actor_sectors,
           rec.names AS recipient_names, rec.countries AS recipient_countries,
           rec.sectors AS recipient_sectors,
           e.place_name, e.place_country, e.place_lat, e.place_lon,
           e.killed, e.injured, e.arrested, e.count,
           e.confidence, e.evidence_text AS evidence, a.url, a.title
    FROM events e JOIN articles a ON a.id = e.article_id
    LEFT JOIN parties act ON act.event_id = e.id AND act.role = 'actor'
    LEFT JOIN parties rec ON rec.event_id = e.id AND rec.role = 'recipient'
    {where}
    ORDER BY a.seq, e.idx"""

EVENT_COLUMNS = (
    "id", "article_id", "date_start", "date_end", "precision", "type", "mode", "context", "quad", "status",
    "actor_names", "actor_countries", "actor_sectors", "recipient_names", "recipient_countries",
    "recipient_sectors", "place_name", "place_country", "place_lat", "place_lon",
    "killed", "injured", "arrested", "count", "confidence", "evidence", "url", "title",
)
_FETCH = 10_000


def _sql(ids: Sequence[str] | None) -> tuple[str, dict[str, Any]]:
    if ids is None:
        return _SELECT.format(parties=_PARTIES.format(where=""), where=""), {}
    return (_SELECT.format(parties=_PARTIES.format(where="WHERE event_id IN (SELECT unnest($ids))"),
                           where="WHERE e.id IN (SELECT unnest($ids))"),
            {"ids": list(ids)})


def event_rows(conn: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """Flat rows of the given events, in the order of `ids`."""
    result = conn.execute(*_sql(ids))
    by_id = {row[0]: row for row in result.fetchall()}
    return [by_id[i] for i in ids if i in by_id]


def write_rows(rows: Sequence[Sequence[Any]], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EVENT_COLUMNS)
    writer.writerows(rows)


def write_csv(conn: duckdb.DuckDBPyConnection, out: TextIO) -> int:
    """Every stored event as CSV with a header row; returns the number of events."""
    result = conn.execute(*_sql(None))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EVENT_COLUMNS)
    n = 0
    while batch := result.fetchmany(_FETCH):
        writer.writerows(batch)
        n += len(batch)
    return n


def write_parquet(conn: duckdb.DuckDBPyConnection, path: str | BinaryIO) -> int:
    """Every stored event as a Parquet file at `path` (or into an open binary file); returns the number of events."""
    sql, _ = _sql(None)  # no parameters: conn.sql streams Arrow batches without an extra copy
    reader = conn.sql(sql).to_arrow_reader(_FETCH)
    n = 0
    with pq.ParquetWriter(path, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)
            n += batch.num_rows
    return n
