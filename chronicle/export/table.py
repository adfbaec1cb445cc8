"""Events flattened to one row each: the table behind `export --format csv|parquet` and `events --format csv`.

Lists of parties become `;`-joined strings, one position per party, so
`actor_names` and `actor_countries` line up (an unknown country is an empty
slot: "Kelvanian army;police" / "KLV;").

Each row says how its date and place were found, so a user can tell a value
read in the text from one filled in from the article: `date_text` (the words
the date was read from), `precision`, `date_basis` (text, context, published,
unknown: SPEC.md schema 2), `place_resolution` (1 country ... 5 below city)
and `place_basis` (sentence, context, article, dateline; empty where the
store's places carry no basis).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import Any, BinaryIO, TextIO

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

_PARTIES = """
    SELECT event_id, role,
           string_agg(coalesce(name, text, ''), ';' ORDER BY idx) AS names,
           string_agg(coalesce(country, ''), ';' ORDER BY idx) AS countries,
           string_agg(coalesce(sector, ''), ';' ORDER BY idx) AS sectors
    FROM event_actors {where} GROUP BY event_id, role"""

_SELECT = """
    WITH parties AS ({parties})
    SELECT e.id, e.article_id, e.date_start, e.date_end, e.precision, e.date_text,
           {date_basis} AS date_basis, e.type, e.mode,
           array_to_string(e.context, ';') AS context, e.quad, e.status,
           act.names AS actor_names, act.countries AS actor_countries, act.sectors AS actor_sectors,
           rec.names AS recipient_names, rec.countries AS recipient_countries,
           rec.sectors AS recipient_sectors,
           e.place_name, e.place_country, e.place_lat, e.place_lon, e.place_resolution,
           {place_basis} AS place_basis,
           e.killed, e.injured, e.arrested, e.count,
           e.confidence, e.evidence_text AS evidence, a.url, a.title
    FROM events e JOIN articles a ON a.id = e.article_id
    LEFT JOIN parties act ON act.event_id = e.id AND act.role = 'actor'
    LEFT JOIN parties rec ON rec.event_id = e.id AND rec.role = 'recipient'
    {where}
    ORDER BY a.seq, e.idx"""

EVENT_COLUMNS = (
    "id", "article_id", "date_start", "date_end", "precision", "date_text", "date_basis", "type", "mode",
    "context", "quad", "status",
    "actor_names", "actor_countries", "actor_sectors", "recipient_names", "recipient_countries",
    "recipient_sectors", "place_name", "place_country", "place_lat", "place_lon", "place_resolution", "place_basis",
    "killed", "injured", "arrested", "count", "confidence", "evidence", "url", "title",
)
_FETCH = 10_000


# A store written before schema 2 has no date_basis column (chronicle.records.date_basis_of infers it);
# place_basis comes with the places' basis and is null until the store has it.
_INFERRED_DATE_BASIS = ("CASE WHEN e.date_start IS NULL THEN 'unknown' WHEN e.date_text IS NULL THEN 'published' "
                        "ELSE 'text' END")


def _basis_columns(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    have = {r[0] for r in conn.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = 'events' AND schema_name = 'main'").fetchall()}
    return {
        "date_basis": f"coalesce(e.date_basis, {_INFERRED_DATE_BASIS})" if "date_basis" in have
        else _INFERRED_DATE_BASIS,
        "place_basis": "e.place_basis" if "place_basis" in have else "CAST(NULL AS VARCHAR)",
    }


def _sql(conn: duckdb.DuckDBPyConnection, ids: Sequence[str] | None) -> tuple[str, dict[str, Any]]:
    basis = _basis_columns(conn)
    if ids is None:
        return _SELECT.format(parties=_PARTIES.format(where=""), where="", **basis), {}
    return (_SELECT.format(parties=_PARTIES.format(where="WHERE event_id IN (SELECT unnest($ids))"),
                           where="WHERE e.id IN (SELECT unnest($ids))", **basis),
            {"ids": list(ids)})


def event_rows(conn: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """Flat rows of the given events, in the order of `ids`."""
    result = conn.execute(*_sql(conn, ids))
    by_id = {row[0]: row for row in result.fetchall()}
    return [by_id[i] for i in ids if i in by_id]


def write_rows(rows: Sequence[Sequence[Any]], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EVENT_COLUMNS)
    writer.writerows(rows)


def write_csv(conn: duckdb.DuckDBPyConnection, out: TextIO, ids: Sequence[str] | None = None) -> int:
    """Every stored event (or only those of `ids`, in store order) as CSV with a header row; returns the
    number of events."""
    result = conn.execute(*_sql(conn, ids))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EVENT_COLUMNS)
    n = 0
    while batch := result.fetchmany(_FETCH):
        writer.writerows(batch)
        n += len(batch)
    return n


def write_parquet(conn: duckdb.DuckDBPyConnection, path: str | BinaryIO, ids: Sequence[str] | None = None) -> int:
    """Every stored event (or only those of `ids`) as a Parquet file at `path` (or into an open binary file);
    returns the number of events."""
    sql, params = _sql(conn, ids)
    if params:
        found = conn.execute(sql, params).to_arrow_reader(_FETCH)
    else:  # without parameters conn.sql streams Arrow batches without an extra copy
        relation = conn.sql(sql)
        assert relation is not None
        found = relation.to_arrow_reader(_FETCH)
    assert found is not None
    reader: pa.RecordBatchReader = found
    n = 0
    with pq.ParquetWriter(path, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)
            n += batch.num_rows
    return n
