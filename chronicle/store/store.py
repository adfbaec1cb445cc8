"""The DuckDB store: the one writer of article records and failures.

Stage "store": reads complete `Article`s and `Failure`s (from
`chronicle.pipeline.process`) and writes them, batch by batch, each batch in
one transaction. Idempotent: an article already stored with the same record
is left alone; the same id with a different record replaces the article and
everything derived from it; a failure seen again only moves its `last_seen`.

DuckDB lets one process open a file read-write, or many read-only, never
both (STYLE.md 9), so a second writer fails at once with `store_locked`.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self

import duckdb
import pyarrow as pa

from chronicle.errors import ChronicleError
from chronicle.records import SCHEMA_VERSION, Article, Failure
from chronicle.store.rows import Row, article_from_rows, article_rows, failure_id, record_hash
from chronicle.store.schema import ADDED_COLUMNS, ARTICLE_CHILDREN, INDEXES, STORE_VERSION, TABLES

BATCH_SIZE = 64  # articles per transaction: small enough to lose little on a crash, big enough to amortise
_READ_CHUNK = 500  # articles rebuilt per round of child-table queries

_ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "VARCHAR[]": pa.list_(pa.string()),
    "TIMESTAMP WITH TIME ZONE": pa.timestamp("us", tz="UTC"),
}


@dataclass
class IngestStats:
    """What one `Store.ingest` did, for the CLI's summary line."""

    articles: int = 0
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    events: int = 0
    failures: list[Failure] = field(default_factory=list)
    copies: int = 0  # inputs whose article was already stored (or read earlier in this run) from another input
    written: list[str] = field(default_factory=list)  # ids of the articles this run stored (new or replaced)


def _open_error(path: str, exc: duckdb.Error) -> ChronicleError:
    text = str(exc)
    if "lock" in text.lower():
        pid = re.search(r"PID (\d+)", text)
        holder = f" (held by PID {pid.group(1)})" if pid else ""
        return ChronicleError("store_locked", f"{path}{holder}")
    if "not a valid DuckDB database" in text:
        return ChronicleError("bad_store", f"{path} is not a DuckDB file")
    return ChronicleError("unreadable", f"{path}: {text}")


class Store:
    """One connection to a store file. Open with `Store.open(path)`; use as a context manager."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> None:
        self.conn = conn
        self.path = path
        self.read_only = read_only
        self._arrow_schemas: dict[str, pa.Schema] = {}

    @classmethod
    def open(cls, path: str, read_only: bool = False) -> Store:
        """Open (read-write: create if missing) the store at `path`; ChronicleError if held or incompatible."""
        if read_only and not os.path.exists(path):
            raise ChronicleError("not_found", f"no store at {path} (create one with `chronicle ingest`)")
        try:
            conn = duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            raise _open_error(path, exc) from None
        store = cls(conn, path, read_only)
        try:
            store._check_or_create()
        except BaseException:
            conn.close()
            raise
        return store

    def _check_or_create(self) -> None:
        tables = {r[0] for r in self.conn.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()}
        if "meta" not in tables:
            if self.read_only or tables:
                raise ChronicleError("bad_store", f"{self.path} holds no chronicle store")
            self._create()
            return
        meta = self.meta()
        for key, ours in (("schema_version", SCHEMA_VERSION), ("store_version", STORE_VERSION)):
            theirs = int(meta.get(key, "0"))
            if key == "schema_version" and theirs == 1 and ours == 2:
                # Schema 2 only adds the dates' basis: read as it is (the basis inferred, see
                # chronicle.records.date_basis_of); opened for writing, the store is brought up to 2.
                if not self.read_only:
                    self._upgrade_schema_1()
                continue
            if theirs > ours:
                raise ChronicleError("store_version", f"{self.path} has {key} {theirs}, this chronicle reads "
                                     f"up to {ours}")
            # Schema 2 only adds fields (SPEC.md): a schema 1 store is upgraded below, not refused.
            if theirs < ours and not (key == "schema_version" and theirs >= 1):
                raise ChronicleError("store_version", f"{self.path} has {key} {theirs}, this chronicle "
                                     f"needs {ours}; re-ingest into a new --db file")
        if not self.read_only:
            # Added after store_version 1 was out; a store opened read-only without it lists every copy.
            self.conn.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS copy_of VARCHAR")
            for table, column, sql_type in ADDED_COLUMNS:
                self.conn.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {sql_type}")
            if int(meta.get("schema_version", "0")) < SCHEMA_VERSION:
                self.set_meta({"schema_version": str(SCHEMA_VERSION)})
            self.conn.execute(TABLES["inputs"])

    def _upgrade_schema_1(self) -> None:
        self.conn.begin()
        self.conn.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS date_basis VARCHAR")
        self.conn.execute("""UPDATE events SET date_basis = CASE WHEN date_start IS NULL THEN 'unknown'
                             WHEN date_text IS NULL THEN 'published' ELSE 'text' END WHERE date_basis IS NULL""")
        self.set_meta({"schema_version": str(SCHEMA_VERSION)})
        self.conn.commit()

    def _create(self) -> None:
        self.conn.begin()
        for ddl in TABLES.values():
            self.conn.execute(ddl)
        for ddl in INDEXES:
            self.conn.execute(ddl)
        self.set_meta({"schema_version": str(SCHEMA_VERSION), "store_version": str(STORE_VERSION)})
        self.conn.commit()

    def set_meta(self, values: Mapping[str, str]) -> None:
        """Write `values` into `meta` (in the caller's transaction, if one is open)."""
        self.conn.executemany(
            "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            list(values.items()))

    def meta(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM meta").fetchall())

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------------

    def ingest(self, items: Iterable[Article | Failure], batch_size: int = BATCH_SIZE) -> IngestStats:
        """Write every article and failure of `items`, `batch_size` articles per transaction."""
        stats = IngestStats()
        articles: list[Article] = []
        failures: list[Failure] = []
        for item in items:
            if isinstance(item, Failure):
                failures.append(item)
                continue
            articles.append(item)
            if len(articles) >= batch_size:
                self._write_batch(articles, failures, stats)
                articles, failures = [], []
        if articles or failures:
            self._write_batch(articles, failures, stats)
        return stats

    def _write_batch(self, articles: Sequence[Article], failures: Sequence[Failure], stats: IngestStats) -> None:
        now = datetime.now(UTC)
        self.conn.begin()
        try:
            self._write_articles(articles, now, stats)
            self._write_failures(failures, now)
            if articles and articles[-1].coder is not None:
                self.set_meta({"coder": json.dumps(articles[-1].coder.to_dict(), ensure_ascii=False)})
            self.conn.commit()
        except BaseException:
            self.conn.rollback()
            raise
        stats.failures.extend(failures)

    def _write_articles(self, articles: Sequence[Article], now: datetime, stats: IngestStats) -> None:
        ids = list(dict.fromkeys(a.id for a in articles))
        heads = self.conn.execute(
            "SELECT id, record_hash, input_id FROM articles WHERE id IN (SELECT unnest($ids))", {"ids": ids}).fetchall()
        stored = {aid: digest for aid, digest, _ in heads}
        first_input = {aid: input_id for aid, _, input_id in heads}
        latest: dict[str, tuple[Article, str]] = {}  # the last version of each id in this batch wins
        seen: list[Row] = []
        for article in articles:
            digest = record_hash(article)
            prior = latest[article.id][1] if article.id in latest else stored.get(article.id)
            stats.articles += 1
            stats.events += len(article.events)
            source = article.input_id or article.id
            copy = False
            first = latest[article.id][0].input_id if article.id in latest else first_input.get(article.id)
            if prior is not None and source != (first or article.id):
                # Another input gave this article first. The same record but for its input_id is an exact
                # copy: the stored article stays as it is (named by its first input), linked to this input.
                copy = record_hash(dataclasses.replace(article, input_id=first or article.input_id)) == prior
                if copy:
                    digest = prior
            stats.copies += copy
            seen.append({"input": source, "article_id": article.id, "outcome": "copy" if copy else "article",
                         "first_seen": now, "last_seen": now})
            if prior == digest:
                stats.unchanged += 1
                continue
            if prior is None:
                stats.new += 1
            else:
                stats.replaced += 1
            latest[article.id] = (article, digest)
        self._record_inputs(seen)
        stats.written.extend(latest)
        if not latest:
            return
        replace = [aid for aid in latest if aid in stored]
        # Taken before any replaced row goes: seq is never reused, so (id, seq) names one stored version
        # of an article (deduplication tells new and replaced articles apart by it).
        top = int(self._scalar("SELECT coalesce(max(seq), 0) FROM articles"))
        if replace:
            # An event shown in place of its copies may go with its article: show the copies until the
            # next deduplication picks a new representative, rather than hide the happening.
            self.conn.execute("""UPDATE events SET copy_of = NULL WHERE copy_of IN
                                 (SELECT id FROM events WHERE article_id IN (SELECT unnest($ids)))""",
                              {"ids": replace})
            for table in ARTICLE_CHILDREN:
                self.conn.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest($ids))",
                                  {"ids": replace})
            self.conn.execute("DELETE FROM articles WHERE id IN (SELECT unnest($ids))", {"ids": replace})
        rows: dict[str, list[Row]] = {t: [] for t in ("articles", *ARTICLE_CHILDREN)}
        for n, (article, digest) in enumerate(latest.values(), start=1):
            for table, table_rows in article_rows(article, top + n, now, digest).items():
                rows[table].extend(table_rows)
        for table, table_rows in rows.items():
            self._insert(table, table_rows)

    def _insert(self, table: str, rows: list[Row]) -> None:
        # One Arrow table per batch: DuckDB inserts it in bulk, where executemany goes row by row.
        if not rows:
            return
        batch = pa.Table.from_pylist(rows, schema=self._arrow_schema(table))
        # (If the INSERT fails the transaction is aborted and unregister would fail too; the next
        # register replaces the view, so it is only dropped after success.)
        self.conn.register("_chronicle_batch", batch)
        self.conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _chronicle_batch")
        self.conn.unregister("_chronicle_batch")

    def _record_inputs(self, rows: list[Row]) -> None:
        if not rows:
            return
        unique = list({(r["input"], r["article_id"]): r for r in rows}.values())
        batch = pa.Table.from_pylist(unique, schema=self._arrow_schema("inputs"))
        self.conn.register("_chronicle_inputs", batch)
        self.conn.execute("""INSERT INTO inputs BY NAME SELECT * FROM _chronicle_inputs
                             ON CONFLICT (input, article_id) DO UPDATE SET last_seen = excluded.last_seen""")
        self.conn.unregister("_chronicle_inputs")

    def inputs(self) -> list[dict[str, Any]]:
        """Every input recorded and the article it became (`outcome` "copy": an exact copy of an article
        another input gave first), in the order they were first read."""
        return _dicts(self.conn.execute(
            "SELECT input, article_id, outcome, first_seen, last_seen FROM inputs ORDER BY first_seen, input"))

    def _arrow_schema(self, table: str) -> pa.Schema:
        if table not in self._arrow_schemas:
            cols = self.conn.execute(
                "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
                [table]).fetchall()
            self._arrow_schemas[table] = pa.schema([(name, _ARROW_TYPES[sql_type]) for name, sql_type in cols])
        return self._arrow_schemas[table]

    def _write_failures(self, failures: Sequence[Failure], now: datetime) -> None:
        if not failures:
            return
        self.conn.executemany(
            """INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET message = excluded.message, last_seen = excluded.last_seen""",
            [(failure_id(f), f.input, f.position, f.code, f.message, now, now) for f in failures])

    # --- reading -------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table (meta left out)."""
        out = {}
        for table in TABLES:
            if table != "meta":
                out[table] = int(self._scalar(f"SELECT count(*) FROM {table}"))
        return out

    def _scalar(self, sql: str, params: object = None) -> Any:
        # fetchall, not fetchone: DuckDB 2 refuses new work while a result is left unfinished.
        return self.conn.execute(sql, params).fetchall()[0][0]

    def article_record(self, article_id: str) -> dict[str, Any] | None:
        """The SPEC.md record of one stored article, or None if the store has no such id."""
        for record in self.article_records([article_id]):
            return record
        return None

    def article_records(self, ids: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
        """SPEC.md records of the given articles (default: all, in ingest order)."""
        if ids is None:
            ids = [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY seq").fetchall()]
        for start in range(0, len(ids), _READ_CHUNK):
            yield from self._records_chunk(list(ids[start:start + _READ_CHUNK]))

    def _records_chunk(self, ids: list[str]) -> Iterator[dict[str, Any]]:
        params = {"ids": ids}
        heads = {r["id"]: r for r in _dicts(self.conn.execute(
            "SELECT * FROM articles WHERE id IN (SELECT unnest($ids))", params))}
        children: dict[str, dict[str, list[dict[str, Any]]]] = {
            aid: {t: [] for t in ARTICLE_CHILDREN} for aid in heads}
        for table in ARTICLE_CHILDREN:
            order = "role, idx" if table == "event_actors" else "idx"
            for row in _dicts(self.conn.execute(
                    f"SELECT * FROM {table} WHERE article_id IN (SELECT unnest($ids)) ORDER BY article_id, {order}",
                    params)):
                children[row["article_id"]][table].append(row)
        for aid in ids:
            if aid in heads:
                yield article_from_rows(heads[aid], children[aid]).to_dict()

    def failures(self) -> list[dict[str, Any]]:
        """Recorded failures, most recently seen first."""
        return _dicts(self.conn.execute(
            "SELECT input, position, code, message, first_seen, last_seen FROM failures "
            "ORDER BY last_seen DESC, input, position"))


def _dicts(result: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in result.description or []]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]
