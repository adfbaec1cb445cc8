"""The `chronicle` command: a thin layer over pipeline, store, query and export.

Bad arguments give one line on stderr and exit 2; a `ChronicleError` gives
its message and its exit code; neither prints a traceback. Progress bars
and summaries go to stderr, data to stdout (or -o), so output can be piped.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import Any, TextIO

import click

from chronicle.config import DEFAULT_DB, DEFAULT_MAX_CHARS, Config
from chronicle.errors import ChronicleError
from chronicle.read.decode import NOTES
from chronicle.records import Article, Failure, Rejection
from chronicle.safety import open_output

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


def _report_failures(head: str, failures: Sequence[Failure], verb: str = "") -> None:
    """One summary line on stderr; a single failure rides on it, several get a line each.

    Notes (a guessed encoding, code `decoded`) are listed too but counted apart: they fail nothing."""
    failed = [f for f in failures if f.code not in NOTES]
    counts = [_plural(n, word) for n, word in ((len(failed), "failure"), (len(failures) - len(failed), "note")) if n]
    if not failures:
        click.echo(head, err=True)
    elif len(failures) == 1:
        click.echo(f"{head}; {counts[0]}{verb}: {_failure_line(failures[0])}", err=True)
    else:
        click.echo(f"{head}; {', '.join(counts)}{verb}:", err=True)
        for f in failures:
            click.echo(f"  {_failure_line(f)}", err=True)


def _failed(failures: Sequence[Failure]) -> bool:
    """True when any item is a failure rather than a note: what --strict turns into exit status 1."""
    return any(f.code not in NOTES for f in failures)


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    if path is None or path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    # Opened apart from the `with` below, so errors while writing are not reported as open errors;
    # exactly the named file, never a directory or through a symbolic link (chronicle/safety.py).
    fh = open_output(path)
    with fh:
        yield fh


db_option = click.option("--db", default=DEFAULT_DB, show_default=True, metavar="FILE", help="The store file.")
quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress bar (failures are still listed).")
strict_option = click.option("--strict", is_flag=True, help="Exit with status 1 if any input failed.")
token_option = click.option("--token", envvar="CHRONICLE_TOKEN", metavar="T",
                            help="The server's ingest token (default: env CHRONICLE_TOKEN).")
workers_option = click.option(
    "--workers", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
    help="Annotate in N processes (each loads the models once, ~0.5 GB); same records, same order.")
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
@workers_option
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="ray: run on Ray (local, or the cluster at --ray-address / $RAY_ADDRESS) and write "
                   "Parquet shards to the directory -o; build a store with `ingest --from-parquet`.")
@click.option("--ray-address", metavar="ADDR", help="Ray cluster to join (default: env RAY_ADDRESS, else a "
                                                    "local Ray with --workers CPUs).")
def extract(paths: tuple[str, ...], output: str | None, fetched: datetime | None, max_chars: int, quiet: bool,
            strict: bool, workers: int, engine: str, ray_address: str | None) -> int:
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
    if engine == "ray":
        return _extract_ray(paths, config, output, workers, ray_address, quiet)
    failures: list[Failure] = []
    n = 0
    with _output(output) as out:
        for item in process(paths, config, progress=not quiet, workers=workers):
            if isinstance(item, Failure):
                failures.append(item)
                continue
            out.write(dumps(item.to_dict()) + "\n")
            n += 1
    _report_failures(f"{_plural(n, 'article')} from {_plural(len(paths), 'input')}", failures)
    return 1 if strict and _failed(failures) else 0


@cli.command()
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option("--text", "texts", multiple=True, metavar="TEXT", help="Explain this text (repeatable) instead of files.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article: events and rejections.")
@fetched_option
def explain(paths: tuple[str, ...], texts: tuple[str, ...], as_json: bool, fetched: datetime | None) -> int:
    """Why each event was coded, and why every other candidate was not.

    For every article of PATH... (or every --text): its events, then each trigger or place a stage let
    go, with the stage and the reason (not an actor, a question, the encoder's p(event) under the
    threshold, merged into an earlier report, a place that only names someone ...).

    \b
    Example:
      chronicle explain story.txt
      chronicle explain --text "The striker shot past the keeper to beat Madrid."
    """
    from chronicle.annotate import explain_batch
    from chronicle.batching import batches
    from chronicle.export.jsonl import dumps
    from chronicle.pipeline import segmented

    if not paths and not texts:
        raise click.UsageError("give a PATH or --text")
    config = Config(fetched=fetched)
    items: list[Article | Failure] = [Article(id=f"text-{n}", input_id=f"text-{n}", text=t)
                                      for n, t in enumerate(texts, 1)]
    failures: list[Failure] = []
    stream = chain(items, segmented(paths, config)) if paths else iter(items)
    for batch in batches(stream, config.batch_size):
        for done in explain_batch(batch):
            if isinstance(done, Failure):
                failures.append(done)
                continue
            rejected = sorted(done.get("event_rejections", []) + done.get("place_rejections", []),
                              key=lambda r: (r.start, r.end))
            if as_json:
                click.echo(dumps({"article": done.article.id, "events": [e.to_dict() for e in done.article.events],
                                  "rejected": [r.to_dict() for r in rejected]}))
            else:
                click.echo(_explained(done.article, rejected))
    what = [_plural(len(items), "text")] if items else []
    what += [_plural(len(paths), "input")] if paths else []
    _report_failures(f"{' and '.join(what)} explained", failures)
    return 0


def _explained(article: Article, rejected: list[Rejection]) -> str:
    """The human-readable `explain` of one article."""
    lines = [f"article {article.id}" + (f": {article.title}" if article.title else "")]
    for e in article.events:
        lines.append(f"  event {e.id} {e.type}{'/' + e.mode if e.mode else ''} '{e.trigger.text}' "
                     f"({e.status}, confidence {e.confidence:.2f}): {e.evidence.text[:100]}")
    for r in rejected:
        kind = f" as {r.type}" if r.type else ""
        lines.append(f"  no    '{r.text}'{kind} at {r.start}: {r.reason}" + (f" ({r.detail})" if r.detail else "")
                     + f" [{r.stage}]")
    if len(lines) == 1:
        lines.append("  nothing: no trigger word and no place in the text")
    return "\n".join(lines)


def _extract_ray(paths: Sequence[str], config: Config, output: str | None, workers: int, address: str | None,
                 quiet: bool) -> int:
    """`extract --engine ray`: Parquet shards of article records under the directory `output`."""
    if output in (None, "-"):
        raise click.UsageError("--engine ray needs -o DIR (the Parquet shards are written there)")
    assert output is not None
    try:
        from chronicle.distributed.ray_engine import run_ray
    except ImportError:
        raise ChronicleError("bad_argument", "--engine ray needs Ray: pip install 'chronicle[ray]'") from None
    run = run_ray(paths, config, output, annotators=workers, address=address, progress=not quiet)
    click.echo(f"wrote {_plural(len(run.shards), 'shard')} to {output} in {run.run_s:.1f} s (Ray start-up "
               f"{run.startup_s:.1f} s, annotators ready after {run.warmup_s:.1f} s, articles per annotator "
               f"{'/'.join(str(n) for n in run.annotated) or '-'}); build a store with "
               f"`chronicle ingest --from-parquet {output}`", err=True)
    return 0


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
@workers_option
@click.option("--from-parquet", "from_parquet", metavar="DIR",
              help="Also store the records of the Parquet shards that `extract --engine ray -o DIR` wrote.")
@click.option("--no-dedup", is_flag=True, help="Skip finding near-duplicate articles and merging events.")
def ingest(paths: tuple[str, ...], sample: bool, db: str, fetched: datetime | None, max_chars: int,
           quiet: bool, strict: bool, server: str | None, token: str | None, workers: int,
           from_parquet: str | None, no_dedup: bool) -> int:
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
    if not paths and not from_parquet:
        raise click.UsageError("give at least one PATH, or --sample, or --from-parquet DIR")
    config = Config(max_chars=max_chars, fetched=fetched)
    if server is not None:
        from chronicle.api.client import ingest_remote

        stats = ingest_remote(paths, config, server, token)
    else:
        from chronicle.pipeline import process
        from chronicle.store import Store

        items: Iterable[Article | Failure] = process(paths, config, progress=not quiet, workers=workers)
        if from_parquet:
            from chronicle.distributed.shards import read_shards

            items = chain(read_shards(from_parquet), items if paths else ())
        with Store.open(db) as store:
            stats = store.ingest(items)
            dedup_note = "" if no_dedup else _dedup(store, stats.written)
    head = (f"ingested {_plural(stats.articles, 'article')} ({stats.new} new, {stats.replaced} replaced, "
            f"{stats.unchanged} unchanged), {_plural(stats.events, 'event')}")
    if stats.copies:
        head += f"; {_plural(stats.copies, 'input')} an exact copy of a stored article (linked to it)"
    if server is None:
        head += dedup_note
    _report_failures(head, stats.failures, " recorded")
    return 1 if strict and _failed(stats.failures) else 0


def _dedup(store: Any, written: Sequence[str]) -> str:
    """Run the post-ingest deduplication (chronicle/dedup); its part of the summary line: what it did with
    the articles this run stored (not the whole store's totals)."""
    from chronicle.store.dedup import dedup_store, run_totals

    dedup_store(store)
    copies, merged = run_totals(store.conn, written)
    return (f"; this run: {_plural(copies, 'near-duplicate article')} linked, "
            f"{_plural(merged, 'event')} merged with reports from other articles")


def _clip(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _parties(parties: list[dict[str, Any]]) -> str:
    return ", ".join(p["name"] or p["text"] for p in parties) or "-"


_TABLE = (("id", 22), ("date", 25), ("type", 9), ("mode", 10), ("actor → recipient", 36), ("place", 22),
          ("status", 12), ("conf", 4), ("evidence", 60))
# What a date or place filled in from the article (not read at the event) is shown with.
_FILLED_DATE = {"published": "article date", "context": "nearby"}
_FILLED_PLACE = {"article": "article place", "dateline": "dateline", "context": "nearby"}


def date_label(date: dict[str, Any]) -> str:
    """An event date as precise as it is ("2020" for a year, "2025-08" for a month, "2025-W32" for a
    week), marked when it was filled in: "2025-08-11 (article date)"."""
    start, precision = date.get("start"), date.get("precision")
    if not start:
        return ""
    if precision == "year":
        text = start[:4]
    elif precision == "month":
        text = start[:7]
    elif precision == "week":
        from datetime import date as day

        year, week, _ = day.fromisoformat(start[:10]).isocalendar()
        text = f"{year}-W{week:02d}"
    else:
        text = start[:10]
    basis = _FILLED_DATE.get(date.get("basis") or "")
    return f"{text} ({basis})" if basis else text


def place_label(place: dict[str, Any] | None) -> str:
    """An event place's name, marked when it was filled in ("Bamako (dateline)"); tolerant of places
    without a `basis` (stores written before places carried one)."""
    if not place:
        return ""
    name = place.get("name") or place.get("text") or ""
    basis = _FILLED_PLACE.get(place.get("basis") or "")
    return f"{name} ({basis})" if basis else name


def _table(events: list[dict[str, Any]], out: TextIO, wide: bool = False) -> bool:
    """Write the table; True when an id was cut (--wide prints ids and evidence whole)."""
    widths = dict(_TABLE)
    if wide:
        widths["id"] = max([len("id"), *(len(e["id"]) for e in events)])
    out.write("  ".join(name.ljust(widths[name]) for name, _ in _TABLE).rstrip() + "\n")
    cut = False
    for e in events:
        who = _parties(e["actor"]) + (f" → {_parties(e['recipient'])}" if e["recipient"] else "")
        cells = (e["id"], date_label(e["date"]), e["type"], e["mode"] or "", who, place_label(e["place"]),
                 e["status"], f"{e['confidence']:.2f}", e["evidence"]["text"])
        cut = cut or len(e["id"]) > widths["id"]
        row = []
        for c, (name, _) in zip(cells, _TABLE, strict=True):
            width = widths[name]
            row.append(" ".join(str(c).split()) if wide and name == "evidence" else _clip(str(c), width).ljust(width))
        out.write("  ".join(row).rstrip() + "\n")
    return cut


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
@click.option("--all-copies", is_flag=True, help="Every report of a merged event, not one per happening.")
@click.option("--wide", is_flag=True, help="Table: whole ids and evidence, nothing cut.")
@click.option("--server", metavar="URL", help="Read through a running `chronicle serve` at URL (found on its own "
                                              "when it holds --db).")
def events(db: str, country: str | None, type_: str | None, mode: str | None, status: str | None,
           actor: str | None, since: str | None, until: str | None, text: str | None, order: str,
           limit: int, offset: int, fmt: str, all_copies: bool, wide: bool, server: str | None) -> int:
    """List stored events, newest first.

    A date or place filled in from the article rather than read at the event is marked: "2025-08-11
    (article date)". While `chronicle serve` holds the store, the events are read through it.

    \b
    Example:
      chronicle events --country MLI --type ASSAULT --since 2025-01
      chronicle events --actor police --text arrested --format json
      chronicle events --wide            # whole ids, to pass to GET /events/{id}
    """
    from chronicle.export.jsonl import dumps
    from chronicle.export.table import event_rows, write_rows
    from chronicle.query import EventQuery, query_events

    q = EventQuery(country=country, type=type_, mode=mode, status=status, actor=actor, text=text,
                   since=since, until=until, limit=limit, offset=offset, order=order, copies=all_copies)
    source = _reader(db, server)
    if isinstance(source, str):
        from chronicle.api.client import remote_events

        filters = {"country": country, "type": type_, "mode": mode, "status": status, "actor": actor,
                   "text": text, "since": since, "until": until, "copies": all_copies}
        found = remote_events(source, filters, q.limit, offset, order)
        if fmt == "csv":
            _remote_rows(source, filters, [e["id"] for e in found])
    else:
        with source as store:
            found = query_events(store.conn, q)
            if fmt == "csv":
                write_rows(event_rows(store.conn, [e["id"] for e in found]), sys.stdout)
    if fmt == "json":
        for e in found:
            sys.stdout.write(dumps(e) + "\n")
    elif fmt == "table" and _table(found, sys.stdout, wide):
        click.echo("(ids cut to fit: --wide prints them whole, --format json gives every field)", err=True)
    return 0


def _reader(db: str, server: str | None) -> Any:
    """The store opened for reading, or the URL of the server to read through: --server, else the server
    that holds `db` (it names itself in FILE.server.json), when the store is held."""
    from chronicle.api.client import served_url
    from chronicle.store import Store

    if server is not None:
        if not server.startswith(("http://", "https://")):
            raise ChronicleError("bad_argument", f"--server {server!r} is not an http:// or https:// URL")
        return server
    try:
        return Store.open(db, read_only=True)
    except ChronicleError as exc:
        if exc.code != "store_locked":
            raise
        url = served_url(db)
        if url is None:
            raise ChronicleError("store_locked", f"{exc.detail}; if `chronicle serve` holds it, read through it "
                                 "with --server URL") from None
        click.echo(f"chronicle: {db} is held by `chronicle serve`; reading through it at {url}", err=True)
        return url


def _remote_rows(url: str, filters: dict[str, Any], ids: list[str]) -> None:
    """`events --format csv` through a server: its filtered CSV export, the rows of `ids` in their order."""
    import csv
    import io

    from chronicle.api.client import remote_export
    from chronicle.export.table import write_rows

    buffer = io.BytesIO()
    remote_export(url, "csv", filters, buffer)
    rows = {r[0]: r for r in list(csv.reader(io.StringIO(buffer.getvalue().decode("utf-8"))))[1:] if r}
    write_rows([rows[i] for i in ids if i in rows], sys.stdout)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "plover"]), required=True,
              help="jsonl: article records; csv/parquet: one row per event; plover: PLOVER event records.")
@click.option("-o", "--output", metavar="PATH", help="Write here instead of stdout (required for parquet).")
@db_option
@click.option("--server", metavar="URL", help="Read through a running `chronicle serve` at URL (found on its own "
                                              "when it holds --db).")
def export(fmt: str, output: str | None, db: str, server: str | None) -> int:
    """Write the whole store in one format.

    csv and parquet rows carry how each date and place was found (date_text, precision, date_basis,
    place_resolution, place_basis). While `chronicle serve` holds the store, it is read through it.

    \b
    Example:
      chronicle export --format csv -o events.csv
      chronicle export --format plover --db news.duckdb > plover.jsonl
    """
    from chronicle.export import write_csv, write_jsonl, write_parquet, write_plover

    if fmt == "parquet" and output in (None, "-"):
        raise click.UsageError("--format parquet needs -o FILE (Parquet is not written to a terminal)")
    source = _reader(db, server)
    if isinstance(source, str):
        from chronicle.api.client import remote_export

        if output in (None, "-"):
            remote_export(source, fmt, {}, sys.stdout.buffer)
            sys.stdout.flush()
        else:
            assert output is not None
            with open_output(output, binary=True) as fh:
                remote_export(source, fmt, {}, fh)
        click.echo(f"exported the store through {source}" + (f" to {output}" if output else ""), err=True)
        return 0
    with source as store:
        if fmt == "parquet":
            assert output is not None
            with open_output(output, binary=True) as fh:
                n = write_parquet(store.conn, fh)
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
    from chronicle.api.client import announce, withdraw
    from chronicle.store import Store

    with Store.open(db) as store:
        app = create_app(store, Settings(token=token or None))
        click.echo(f"chronicle: serving {db} at http://{host}:{port}/ (API docs at /docs; POST /ingest "
                   f"{'on' if token else 'off: no --token'}); Ctrl-C stops", err=True)
        # `chronicle events` / `export` on this store find the server here and read through it.
        local = "127.0.0.1" if host in ("0.0.0.0", "") else ("[::1]" if host == "::" else host)
        announce(db, f"http://{local}:{port}")
        # uvicorn stops on SIGTERM, then raises it again with the handler found at start: this one, so the
        # address is withdrawn below rather than the process ending at once.
        import signal

        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
        try:
            uvicorn.run(app, host=host, port=port, log_level="warning", workers=None)
        finally:
            withdraw(db)
    return 0


def _every(ctx: click.Context, param: click.Parameter, value: str) -> float:
    from chronicle.watch.watcher import parse_every

    try:
        return parse_every(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from None


@cli.command()
@click.argument("feeds", nargs=-1, required=True, metavar="FEED_OR_URL...")
@db_option
@click.option("--every", default="15m", show_default=True, callback=_every, metavar="DURATION",
              help="Time between rounds: 90s, 15m, 1h.")
@click.option("--once", is_flag=True, help="One round, then exit.")
@click.option("--per-host", type=click.FloatRange(min=0), default=1.0, show_default=True, metavar="SECONDS",
              help="At least this long between two requests to one host.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True, metavar="SECONDS",
              help="Give up on one request after this long.")
@click.option("--retries", type=click.IntRange(min=0), default=2, show_default=True,
              help="Tries again after a timeout, connection error, 429 or 5xx, waiting twice as long each time.")
@click.option("--max-chars", type=click.IntRange(min=1), default=DEFAULT_MAX_CHARS, show_default=True,
              help="Reject longer documents (recorded as failures, never truncated).")
def watch(feeds: tuple[str, ...], db: str, every: float, once: bool, per_host: float, timeout: float,
          retries: int, max_chars: int) -> int:
    """Poll RSS/Atom feeds; fetch and ingest the articles not stored yet, round after round.

    FEED_OR_URL is a feed URL or a feed file. Requests name chronicle in their user agent, obey
    robots.txt and wait --per-host seconds between two calls to one host; a host that is down is
    reported and tried again next round. Ctrl-C stops.

    \b
    Example:
      chronicle watch https://example.org/world/rss.xml --every 15m --db news.duckdb
      chronicle watch feeds/agency.atom --once
    """
    import time

    from chronicle.store import Store
    from chronicle.watch import Fetcher, Politeness
    from chronicle.watch.watcher import WatchState, watch_round

    config = Config(max_chars=max_chars)
    fetcher = Fetcher(Politeness(timeout_s=timeout, retries=retries, per_host_s=per_host,
                                 backoff_s=min(2.0, max(0.1, timeout / 10))))
    state = WatchState()
    try:
        with Store.open(db) as store:
            while True:
                started = time.monotonic()
                r = watch_round(feeds, store, config, fetcher, state, report=lambda m: click.echo(m, err=True))
                click.echo(f"round done: {_plural(r.feeds - r.feeds_failed, 'feed')} read "
                           f"({r.feeds_failed} failed), {r.new} new entries, {_plural(r.articles, 'article')} "
                           f"and {_plural(r.events, 'event')} stored, {_plural(len(r.failures), 'failure')}",
                           err=True)
                if once:
                    return 0
                time.sleep(max(0.0, every - (time.monotonic() - started)))
    except KeyboardInterrupt:
        click.echo("chronicle: watch stopped", err=True)
        return 0


def main() -> None:
    """Console entry point (`chronicle = "chronicle.cli:main"`)."""
    cli.main(prog_name="chronicle")
