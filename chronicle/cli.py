"""The `chronicle` command: a thin layer over pipeline, store, query and export.

Bad arguments give one line on stderr and exit 2; a `ChronicleError` gives
its message and its exit code; neither prints a traceback. Progress bars
and summaries go to stderr, data to stdout (or -o), so output can be piped.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

import click

from chronicle.config import DEFAULT_DB, DEFAULT_MAX_CHARS, Config
from chronicle.errors import ChronicleError
from chronicle.records import Failure

# The built-in demo input, shipped inside the package (Wikinews, CC BY 2.5: see NOTICE).
SAMPLE_PATH = Path(__file__).parent / "sample" / "wikinews.jsonl"

# The pipeline imports spaCy (seconds); commands that only read the store must not pay for it.
# So pipeline, store, query and export are imported inside the commands that use them.


class ChronicleGroup(click.Group):
    """A click group that reports every error in one line instead of a usage block or traceback."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        code = _run(lambda: super(ChronicleGroup, self).main(
            args, prog_name, complete_var, standalone_mode=False, **extra))
        if standalone_mode:
            sys.exit(code)
        return code


def _run(invoke: Any) -> int:
    try:
        rv = invoke()
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "chronicle"
        message = " ".join(exc.format_message().split())  # click wraps some messages over lines
        click.echo(f"{where}: error: {message} (see `{where} --help`)", err=True)
        return 2
    except click.ClickException as exc:
        click.echo(f"chronicle: error: {exc.format_message()}", err=True)
        return exc.exit_code
    except ChronicleError as exc:
        click.echo(f"chronicle: error: {exc}", err=True)
        return exc.exit_code
    except click.Abort:
        click.echo("chronicle: aborted", err=True)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, as Unix tools do.
        sys.stderr.close()
        return 1
    return rv if isinstance(rv, int) else 0


def _fetched(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | None:
    """--fetched parsed while the arguments are read, so a bad value fails before any work starts."""
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 date-time, e.g. 2025-08-11T09:30:00Z",
                                 param_hint="--fetched") from None


def _failure_line(f: Failure) -> str:
    where = f"{f.input} {f.position}" if f.position else f.input
    return f"{where}: {f.code} — {f.message}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _report_failures(head: str, failures: Sequence[Failure]) -> None:
    """One summary line on stderr; a single failure rides on it, several get a line each."""
    if not failures:
        click.echo(head, err=True)
    elif len(failures) == 1:
        click.echo(f"{head}; 1 failure: {_failure_line(failures[0])}", err=True)
    else:
        click.echo(f"{head}; {len(failures)} failures:", err=True)
        for f in failures:
            click.echo(f"  {_failure_line(f)}", err=True)


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    if path is None or path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    try:
        # opened apart from the `with` below, so errors while writing are not reported as open errors
        fh = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
    except OSError as exc:
        raise ChronicleError("unreadable", f"cannot write {path}: {exc.strerror}") from None
    with fh:
        yield fh


db_option = click.option("--db", default=DEFAULT_DB, show_default=True, metavar="FILE", help="The store file.")
quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress bar (failures are still listed).")
strict_option = click.option("--strict", is_flag=True, help="Exit with status 1 if any input failed.")
token_option = click.option("--token", envvar="CHRONICLE_TOKEN", metavar="T",
                            help="The server's ingest token (default: env CHRONICLE_TOKEN).")
fetched_option = click.option("--fetched", metavar="DATETIME", callback=_fetched,
                              help="When the pages were captured (ISO 8601); anchors 'Updated 10 min ago'.")


@click.group(name="chronicle", cls=ChronicleGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="chronicle")
def cli() -> None:
    """Structured, geolocated, evidence-linked political events from raw news.

    \b
    Example:
      chronicle ingest news/ --db news.duckdb
      chronicle events --db news.duckdb --country MLI --type ASSAULT
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output", metavar="FILE", help="Write here instead of stdout.")
@fetched_option
@click.option("--max-chars", type=click.IntRange(min=1), default=DEFAULT_MAX_CHARS, show_default=True,
              help="Reject longer documents (recorded as failures, never truncated).")
@quiet_option
@strict_option
def extract(paths: tuple[str, ...], output: str | None, fetched: datetime | None, max_chars: int, quiet: bool,
            strict: bool) -> int:
    """Print one article record per line (JSON Lines) for every article in PATH...

    PATH is a file (text, HTML, JSON Lines, optionally .gz), a directory, or - for stdin.

    \b
    Example:
      chronicle extract story.txt feed.jsonl -o records.jsonl
      cat page.html | chronicle extract - --fetched 2025-08-11T09:30:00Z
    """
    from chronicle.export.jsonl import dumps
    from chronicle.pipeline import process

    config = Config(max_chars=max_chars, fetched=fetched)
    failures: list[Failure] = []
    n = 0
    with _output(output) as out:
        for item in process(paths, config, progress=not quiet):
            if isinstance(item, Failure):
                failures.append(item)
                continue
            out.write(dumps(item.to_dict()) + "\n")
            n += 1
    _report_failures(f"{_plural(n, 'article')} from {_plural(len(paths), 'input')}", failures)
    return 1 if strict and failures else 0


@cli.command()
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option("--sample", is_flag=True,
              help="Also ingest the bundled sample: Wikinews articles, CC BY 2.5 (see NOTICE).")
@db_option
@fetched_option
@click.option("--max-chars", type=click.IntRange(min=1), default=DEFAULT_MAX_CHARS, show_default=True,
              help="Reject longer documents (recorded as failures, never truncated).")
@quiet_option
@strict_option
@click.option("--server", metavar="URL", help="Send to a running `chronicle serve` at URL instead of opening --db.")
@token_option
def ingest(paths: tuple[str, ...], sample: bool, db: str, fetched: datetime | None, max_chars: int,
           quiet: bool, strict: bool, server: str | None, token: str | None) -> int:
    """Extract every article in PATH... into the store; failures are recorded there too.

    Ingesting the same input again changes nothing; an article whose text changed is replaced.
    While `chronicle serve` holds the store, send the data through it with --server.

    \b
    Example:
      chronicle ingest news/ feed.jsonl --db news.duckdb
      chronicle ingest --sample          # the bundled Wikinews demo into ./chronicle.duckdb
      chronicle ingest news/ --server http://127.0.0.1:8000 --token T
    """
    if sample:
        paths = (*paths, str(SAMPLE_PATH))
    if not paths:
        raise click.UsageError("give at least one PATH, or --sample")
    config = Config(max_chars=max_chars, fetched=fetched)
    if server is not None:
        from chronicle.api.client import ingest_remote

        stats = ingest_remote(paths, config, server, token)
    else:
        from chronicle.pipeline import process
        from chronicle.store import Store

        with Store.open(db) as store:
            stats = store.ingest(process(paths, config, progress=not quiet))
    head = (f"ingested {_plural(stats.articles, 'article')} ({stats.new} new, {stats.replaced} replaced, "
            f"{stats.unchanged} unchanged), {_plural(stats.events, 'event')}")
    if len(stats.failures) == 1:
        click.echo(f"{head}; 1 failure recorded: {_failure_line(stats.failures[0])}", err=True)
    elif stats.failures:
        click.echo(f"{head}; {len(stats.failures)} failures recorded:", err=True)
        for f in stats.failures:
            click.echo(f"  {_failure_line(f)}", err=True)
    else:
        click.echo(head, err=True)
    return 1 if strict and stats.failures else 0


def _clip(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _parties(parties: list[dict[str, Any]]) -> str:
    return ", ".join(p["name"] or p["text"] for p in parties) or "-"


_TABLE = (("id", 22), ("date", 10), ("type", 9), ("mode", 10), ("actor → recipient", 36), ("place", 16),
          ("status", 12), ("conf", 4), ("evidence", 60))


def _table(events: list[dict[str, Any]], out: TextIO) -> None:
    out.write("  ".join(name.ljust(width) for name, width in _TABLE).rstrip() + "\n")
    for e in events:
        place = e["place"]
        who = _parties(e["actor"]) + (f" → {_parties(e['recipient'])}" if e["recipient"] else "")
        cells = (e["id"], e["date"]["start"] or "", e["type"], e["mode"] or "", who,
                 (place["name"] or place["text"]) if place else "", e["status"], f"{e['confidence']:.2f}",
                 e["evidence"]["text"])
        out.write("  ".join(_clip(str(c), w).ljust(w) for c, (_, w) in zip(cells, _TABLE, strict=True)).rstrip()
                  + "\n")


@cli.command()
@db_option
@click.option("--country", metavar="ISO3", help="Actor, recipient or place in this country (e.g. MLI).")
@click.option("--type", "type_", metavar="T", help="PLOVER event type, e.g. ASSAULT.")
@click.option("--mode", metavar="MODE", help="PLOVER mode, e.g. arrest.")
@click.option("--status", metavar="S", help="asserted, alleged, planned, hypothetical, negated, denied, historical.")
@click.option("--actor", metavar="TEXT", help="Actor or recipient name/text contains TEXT (any case).")
@click.option("--since", metavar="D", help="Event date on or after D (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--until", metavar="D", help="Event date on or before D.")
@click.option("--text", metavar="Q", help="Evidence sentence contains Q (any case).")
@click.option("--order", type=click.Choice(["date", "confidence"]), default="date", show_default=True)
@click.option("--limit", type=int, default=100, show_default=True, help="At most this many (max 10,000).")
@click.option("--offset", type=int, default=0, help="Skip this many.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="json: one event per line.")
def events(db: str, country: str | None, type_: str | None, mode: str | None, status: str | None,
           actor: str | None, since: str | None, until: str | None, text: str | None, order: str,
           limit: int, offset: int, fmt: str) -> int:
    """List stored events, newest first.

    \b
    Example:
      chronicle events --country MLI --type ASSAULT --since 2025-01
      chronicle events --actor police --text arrested --format json
    """
    from chronicle.export.jsonl import dumps
    from chronicle.export.table import event_rows, write_rows
    from chronicle.query import EventQuery, query_events
    from chronicle.store import Store

    q = EventQuery(country=country, type=type_, mode=mode, status=status, actor=actor, text=text,
                   since=since, until=until, limit=limit, offset=offset, order=order)
    with Store.open(db, read_only=True) as store:
        found = query_events(store.conn, q)
        if fmt == "csv":
            write_rows(event_rows(store.conn, [e["id"] for e in found]), sys.stdout)
    if fmt == "json":
        for e in found:
            sys.stdout.write(dumps(e) + "\n")
    elif fmt == "table":
        _table(found, sys.stdout)
    return 0


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "plover"]), required=True,
              help="jsonl: article records; csv/parquet: one row per event; plover: PLOVER event records.")
@click.option("-o", "--output", metavar="PATH", help="Write here instead of stdout (required for parquet).")
@db_option
def export(fmt: str, output: str | None, db: str) -> int:
    """Write the whole store in one format.

    \b
    Example:
      chronicle export --format csv -o events.csv
      chronicle export --format plover --db news.duckdb > plover.jsonl
    """
    from chronicle.export import write_csv, write_jsonl, write_parquet, write_plover
    from chronicle.store import Store

    if fmt == "parquet" and output in (None, "-"):
        raise click.UsageError("--format parquet needs -o FILE (Parquet is not written to a terminal)")
    with Store.open(db, read_only=True) as store:
        if fmt == "parquet":
            assert output is not None
            n = write_parquet(store.conn, output)
            click.echo(f"exported {_plural(n, 'event')} to {output}", err=True)
            return 0
        with _output(output) as out:
            if fmt == "jsonl":
                n = write_jsonl(store, out)
                what = _plural(n, "article")
            elif fmt == "csv":
                what = _plural(write_csv(store.conn, out), "event")
            else:
                stats = write_plover(store, out)
                what = _plural(stats.written, "event")
                if stats.left_out:
                    click.echo(f"warning: {_plural(stats.left_out, 'event')} left out of the plover export: "
                               "neither an event date nor a published date", err=True)
    click.echo(f"exported {what}" + (f" to {output}" if output else ""), err=True)
    return 0


@cli.command()
@db_option
def failures(db: str) -> int:
    """List the inputs that could not be processed, most recently seen first.

    \b
    Example:
      chronicle failures --db news.duckdb
    """
    from chronicle.store import Store

    with Store.open(db, read_only=True) as store:
        rows = store.failures()
    for r in rows:
        where = f"{r['input']} {r['position']}" if r["position"] else r["input"]
        click.echo(f"{where}: {r['code']} — {r['message']} (last seen {r['last_seen']:%Y-%m-%d %H:%M})")
    click.echo(_plural(len(rows), "failure") + " recorded", err=True)
    return 0


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--token", envvar="CHRONICLE_TOKEN", metavar="T",
              help="Turn on POST /ingest for requests sending `Authorization: Bearer T` (default: env "
                   "CHRONICLE_TOKEN; without a token ingest over HTTP is off).")
def serve(db: str, host: str, port: int, token: str | None) -> int:
    """Serve the store over HTTP: the API (docs at /docs) and the dashboard at /.

    The server holds the store while it runs (DuckDB allows one writing process): add data with
    `chronicle ingest --server URL --token T`.

    \b
    Example:
      chronicle serve --db news.duckdb
      CHRONICLE_TOKEN=s3cret chronicle serve --db news.duckdb --port 8080
    """
    import uvicorn

    from chronicle.api import Settings, create_app
    from chronicle.store import Store

    with Store.open(db) as store:
        app = create_app(store, Settings(token=token or None))
        click.echo(f"chronicle: serving {db} at http://{host}:{port}/ (API docs at /docs; POST /ingest "
                   f"{'on' if token else 'off: no --token'}); Ctrl-C stops", err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning", workers=None)
    return 0


def main() -> None:
    """Console entry point (`chronicle = "chronicle.cli:main"`)."""
    cli.main(prog_name="chronicle")
