"""realpolitik command line. Every command is a few lines over a library call."""
from __future__ import annotations

import csv
import io
import itertools
import json
import os
import sys
import traceback
from pathlib import Path
from typing import Annotated, Optional

import click
import typer
import typer.core
from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.table import Table
from rich.text import Text

from ..errors import OptionError, RealpolitikError, check_date


def _base_named(cls: type, name: str) -> type:
    return next(c for c in cls.__mro__ if c.__name__ == name)


# Typer (0.20+) may parse with its own copy of click, whose errors are not plain click's: find its
# classes through the public ``typer.BadParameter`` rather than a private module path.
_TYPER_USAGE = _base_named(typer.BadParameter, "UsageError")
_TYPER_CLICK = sys.modules[_TYPER_USAGE.__module__]
_CLICK_ERRORS = tuple({click.exceptions.ClickException, _base_named(typer.BadParameter, "ClickException")})
_USAGE_ERRORS = tuple({click.exceptions.UsageError, _TYPER_USAGE})
_HELP_SHOWN = tuple({getattr(m, "NoArgsIsHelpError", m.UsageError) for m in (click.exceptions, _TYPER_CLICK)}
                    - set(_USAGE_ERRORS))  # a bare command group: its help is the answer


def _usage_error(exc: Exception) -> typer.Exit:
    """A command line that cannot be parsed (unknown option or command, missing or badly typed value):
    one line naming it, exit code 2 as for every usage error."""
    ctx = getattr(exc, "ctx", None)
    hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
    sys.stderr.write(f"error: [{OptionError.code}] {' '.join(exc.format_message().split())}{hint}\n")
    return typer.Exit(code=getattr(exc, "exit_code", 2))


class _OneErrorPath(typer.core.TyperGroup):
    """The CLI's one error handler: whatever a command raises ends as one line on stderr and exit code 1
    (``--debug`` or RP_DEBUG=1 prints the traceback first); a command line that cannot be parsed ends as
    one line too, with click's exit code 2."""

    def make_context(self, *args, **kwargs):
        try:
            return super().make_context(*args, **kwargs)
        except _HELP_SHOWN:
            raise
        except _USAGE_ERRORS as exc:
            raise _usage_error(exc) from None

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, *_HELP_SHOWN):
            raise
        except _USAGE_ERRORS as exc:
            raise _usage_error(exc) from None
        except _CLICK_ERRORS:
            raise
        except BrokenPipeError:  # the reader went away (| head): nothing left to say
            sys.stderr.close()
            raise typer.Exit(code=1) from None
        except Exception as exc:
            if ctx.params.get("debug") or os.environ.get("RP_DEBUG") == "1":
                traceback.print_exc()
            sys.stderr.write(f"error: {_one_line(exc)}\n")  # plain write: never wrapped at the terminal width
            raise typer.Exit(code=1) from None


def _one_line(exc: Exception) -> str:
    if isinstance(exc, RealpolitikError):
        text = str(exc)
    elif isinstance(exc, ValueError):  # the library's way of refusing a value given to it
        text = f"[{OptionError.code}] {exc}"
    elif isinstance(exc, OSError):
        text = f"[E007] {exc.filename or ''}{': ' if exc.filename else ''}{exc.strerror or exc}"
    else:
        text = (f"[E999] internal error ({type(exc).__name__}: {exc}); "
                "run again with --debug for the traceback and report it")
    return " ".join(text.split())


app = typer.Typer(help="News about international relations in; coded events with their evidence out.",
                  no_args_is_help=True, add_completion=False, cls=_OneErrorPath)
bench_app = typer.Typer(help="Measure accuracy.", no_args_is_help=True)
scenario_app = typer.Typer(help="Pose and forecast bargaining scenarios.", no_args_is_help=True)
backtest_app = typer.Typer(help="Backtest forecasting models on real outcomes.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")
app.add_typer(scenario_app, name="scenario")
app.add_typer(backtest_app, name="backtest")
alerts_app = typer.Typer(help="Alert rules: try them on the store, or make them from a scenario's red lines.",
                          no_args_is_help=True)
app.add_typer(alerts_app, name="alerts")
out = Console()
err = Console(stderr=True)
DbOption = Annotated[str, typer.Option("--db", help="DuckDB store file, or a PostgreSQL URL postgresql://user@host:port/dbname.")]
LenientOption = Annotated[bool, typer.Option(
    "--lenient", help="Keep the readable items of a malformed or truncated feed or JSONL file, with a warning.")]


@app.callback()
def _root(debug: Annotated[bool, typer.Option("--debug", help="Print the traceback behind an error.")] = False) -> None:
    """News about international relations in; coded events with their evidence out."""


def fail(exc: Exception) -> None:
    """Hand an error to the one handler (``_OneErrorPath``)."""
    raise exc if isinstance(exc, RealpolitikError) else OptionError(str(exc))


def main() -> None:
    app()


def _warn(message: str) -> None:
    sys.stderr.write(f"warning: {' '.join(message.split())}\n")


def _documents(files: list[str], corpus: Optional[Path], date: Optional[str], lenient: bool = False):
    from ..sources import read_jsonl, read_paths

    date = check_date(date, "--date")
    if corpus is not None:
        yield from read_jsonl(corpus, date=date, lenient=lenient, warn=_warn)
    yield from read_paths(files, date=date, lenient=lenient, warn=_warn)


@app.command()
def ingest(paths: Annotated[list[str], typer.Argument(help="Files or folders (text, Markdown, HTML, feeds, JSONL).")],
           db: DbOption = "realpolitik.duckdb",
           date: Annotated[Optional[str], typer.Option(help="Date for documents without one (YYYY-MM-DD).")] = None,
           model: Annotated[Optional[str], typer.Option(help="spaCy pipeline to use.")] = None,
           lenient: LenientOption = False,
           workers: Annotated[int, typer.Option(help="Worker processes, each with its own spaCy pipeline.")] = 1,
           batch_size: Annotated[Optional[int], typer.Option(
               "--batch-size", help="Documents per commit (default: ingest.batch_size in settings.toml).")] = None,
           strict: Annotated[bool, typer.Option("--strict", help="Stop at the first bad input or document; "
                                                "inputs are all read before anything is stored.")] = False,
           rejects: Annotated[Optional[Path], typer.Option(help="JSONL file failing documents are appended to "
                                                           "(default: beside the store, STORE.rejects.jsonl).")] = None,
           ray: Annotated[bool, typer.Option("--ray", help="Extract on Ray: a local instance started for the run, "
                                             "or the cluster named by --ray-address.")] = False,
           ray_address: Annotated[Optional[str], typer.Option(
               "--ray-address", help="Ray cluster to join: 'auto' (this node's cluster) or ray://HOST:10001.")] = None,
           out_dir: Annotated[Optional[Path], typer.Option(
               "--out", help="Write Parquet shards to this folder instead of a store (load them with 'realpolitik load').")] = None) -> None:
    """Read documents, extract events and add them to the store, one transaction per batch.

    A run stopped half way loses at most the batch in flight; the same command again skips every
    document already stored. A document that cannot be read or extracted goes to the rejects file and
    the run goes on (exit code 1 at the end, naming the first); --strict stops at the first one."""
    from .. import settings
    from ..ingest import count_documents, ingest_stream, iter_inputs
    from ..ingest.inputs import RejectLog
    from ..store import check_writable, open_store

    batch = batch_size if batch_size is not None else int(settings.get("ingest", "batch_size"))
    if workers < 1 or batch < 1:
        fail(OptionError("--workers and --batch-size must be at least 1"))
    try:
        if strict:  # every input read (and dropped) first: a bad file must not half-load
            for _ in iter_inputs(paths, date=date, lenient=lenient, strict=True, warn=_warn):
                pass
        from ..store import is_postgres_url

        duck_file = out_dir is None and not is_postgres_url(db)
        if out_dir is None and (strict or not duck_file or Path(db).exists()):
            check_writable(db)  # a store another process holds fails now, not after the extraction
        if rejects is None:
            rejects = (out_dir / "rejects.jsonl" if out_dir else
                       Path(db).with_suffix(".rejects.jsonl") if duck_file else Path("rejects.jsonl"))
        mapper = None
        if ray or ray_address:
            from ..ingest.ray_backend import ray_mapper

            mapper = ray_mapper(ray_address, workers=workers if workers > 1 else None, model=model)
        log = RejectLog(rejects)
        total = count_documents(paths)
        with _progress() as progress:
            task = progress.add_task("ingesting", total=total, sentences=0)

            def show(summary) -> None:
                progress.update(task, completed=summary.extracted + summary.skipped, sentences=summary.sentences)

            summary = ingest_stream(iter_inputs(paths, date=date, lenient=lenient, strict=strict, warn=_warn),
                                    db=None if out_dir else db, out=out_dir, batch_size=batch, workers=workers, model=model,
                                    mapper=mapper, rejects=log, strict=strict, on_progress=show)
        log.close()
        counts = None
        if out_dir is None and duck_file and not Path(db).exists():  # every input rejected: no store made
            counts = {"documents": 0, "events": 0}
        elif out_dir is None:
            with open_store(db, read_only=True) as store:
                counts = store.counts()
    except RealpolitikError as exc:
        fail(exc)
    rate = f" ({summary.docs_per_second:.1f} docs/s)" if summary.extracted else ""
    if counts is None:
        out_line = f"shards in {out_dir}"
    else:
        out_line = f"store {db} now holds {counts['documents']} documents and {counts['events']} events"
    sys.stdout.write(f"{summary.added} new document(s) of {summary.read} read in {summary.batches} batch(es); "
                     f"{out_line}.{rate}\n")
    if summary.rejected:
        first = summary.first_reject
        where = first.source + (f" ({first.record})" if first.record else "")
        sys.stderr.write(f"error: [E001] {where}: {' '.join(first.reason.split())} ({summary.rejected} document(s) "
                         f"rejected in all, listed in {rejects}; the others were stored)\n")
        raise typer.Exit(code=1)


@app.command()
def load(folder: Annotated[Path, typer.Argument(help="Folder of Parquet shards written by 'ingest --out'.")],
         db: DbOption = "realpolitik.duckdb") -> None:
    """Add Parquet shards to the store, one transaction per shard; documents stored already are skipped."""
    from ..ingest.shards import check_shards, load_shards
    from ..store import open_store

    try:
        shards = check_shards(folder)
        with _progress() as progress, open_store(db) as store:
            task = progress.add_task("loading", total=len(shards), sentences=0)
            count, added = load_shards(folder, store, on_shard=lambda *_: progress.advance(task))
            counts = store.counts()
    except RealpolitikError as exc:
        fail(exc)
    sys.stdout.write(f"{added} new document(s) from {count} shard(s); store {db} now holds "
                     f"{counts['documents']} documents and {counts['events']} events.\n")


class RateColumn(ProgressColumn):
    """Documents and sentences per second."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        if elapsed <= 0:
            return Text("")
        return Text(f"{task.completed / elapsed:.1f} docs/s, {task.fields.get('sentences', 0) / elapsed:.0f} sentences/s")


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                    TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=err, transient=True,
                    disable=not err.is_terminal)


@app.command()
def extract(files: Annotated[Optional[list[str]], typer.Argument(help="Files, folders or - for stdin.")] = None,
            input: Annotated[Optional[Path], typer.Option("--input", help="JSONL corpus (id, text, date).")] = None,
            date: Annotated[Optional[str], typer.Option(help="Date for documents without one.")] = None,
            model: Annotated[Optional[str], typer.Option(help="spaCy pipeline to use.")] = None,
            with_text: Annotated[bool, typer.Option(
                "--with-text", help="Add the document text every span refers to (\"text\").")] = False,
            lenient: LenientOption = False,
            workers: Annotated[int, typer.Option(help="Worker processes; lines still come out in input order.")] = 1) -> None:
    """Write one JSON object per document to stdout; touches no database."""
    from ..ingest import extract_chunks

    if not files and input is None:
        raise OptionError("give files, '-' for stdin, or --input CORPUS.jsonl")
    if workers < 1:
        raise OptionError("--workers must be at least 1")
    documents = _documents(files or [], input, date, lenient)
    first = next(documents, None)  # a bad first input fails before the model is loaded
    stream = itertools.chain([first] if first else [], documents)
    chunks = iter(lambda: list(itertools.islice(stream, 4)), [])
    failed = sentences = 0
    with _progress() as progress:
        task = progress.add_task("extracting", total=None, sentences=0)
        for results in extract_chunks(chunks, workers=workers, model=model):
            for extraction in results:
                if not hasattr(extraction, "sentences"):  # a Reject
                    failed += 1
                    _warn(f"{extraction.source} ({extraction.record}): {extraction.reason}")
                    continue
                record = extraction.as_dict()
                if with_text:
                    record["text"] = extraction.document.text
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
                sentences += len(extraction.sentences)
                progress.update(task, advance=1, sentences=sentences)
    if failed:
        sys.stderr.write(f"error: [E001] {failed} document(s) could not be extracted (listed above)\n")
        raise typer.Exit(code=1)


EVENT_COLUMNS = ["date", "source_code", "target_code", "cameo", "plover", "quad_class", "goldstein",
                 "polarity", "modality", "attribution_code", "event_text", "doc_id", "sentence_text"]


DEDUP_COLUMNS = ["date", "source_code", "target_code", "cameo", "plover", "polarity", "modality",
                 "num_mentions", "num_articles", "num_sources", "doc_ids", "sentence_text"]
FORMATS = ("table", "csv", "jsonl")

# Taken as text and checked by _threshold, so a bad value ends with our one-line error, not a usage box.
MinConfidenceOption = Annotated[Optional[str], typer.Option(
    "--min-confidence", metavar="FLOAT",
    help="Hide events whose confidence is below this (0..1); 0 shows everything. "
         "Default: events.min_confidence in settings.toml.")]


def _threshold(value: Optional[str]) -> float:
    """The --min-confidence value, or the configured default; exits with one line when out of 0..1."""
    from ..analysis.confidence import resolve_min_confidence

    try:
        return resolve_min_confidence(value)
    except ValueError as exc:
        if value is None:  # the configured default itself is wrong
            fail(OptionError(f"settings events.min_confidence / RP_EVENTS_MIN_CONFIDENCE: {exc}"))
        fail(OptionError(f"--min-confidence must be a number from 0 to 1, not {value!r}"))


@app.command()
def events(db: DbOption = "realpolitik.duckdb",
           actor: Annotated[Optional[str], typer.Option(help="Actor code or country (e.g. RUS, RUSGOV).")] = None,
           dyad: Annotated[Optional[tuple[str, str]], typer.Option(help="Source and target, e.g. --dyad RUS PRK.")] = None,
           type: Annotated[Optional[str], typer.Option("--type", help="PLOVER type or CAMEO code.")] = None,
           since: Optional[str] = None, until: Optional[str] = None,
           factual: Annotated[bool, typer.Option("--factual", help="Only affirmed, actual events.")] = False,
           format: Annotated[str, typer.Option("--format", help="table, csv or jsonl.")] = "table",
           dedup: Annotated[bool, typer.Option("--dedup", help="One row per event reported by several articles.")] = False,
           limit: Optional[int] = None,
           min_confidence: MinConfidenceOption = None) -> None:
    """List events with their evidence sentences.

    An unknown actor code or event type, or a date that is not YYYY-MM-DD, ends with a one-line error
    naming what is valid. On a terminal the table is drawn; piped, it is tab-separated with a header."""
    from ..analysis.query import attach_documents, check_actor, check_type, resolve_period
    from ..store import open_store

    threshold = _threshold(min_confidence)
    _check_format(format)
    if limit is not None and limit < 1:
        fail(OptionError(f"--limit must be at least 1, not {limit}"))
    try:
        check_type(type)
        since, until = resolve_period(None, since=since, until=until)  # no --last: the store is not asked
        with open_store(db, read_only=True) as store:
            for code, option in ((actor, "--actor"), *(((c, "--dyad") for c in dyad) if dyad else ())):
                check_actor(store, code, option)
            rows = store.events(actor=actor, dyad=dyad, plover=type, since=since, until=until,
                                factual=factual, limit=limit, min_confidence=threshold)
            attach_documents(store, rows)
    except RealpolitikError as exc:
        fail(exc)
    if dedup:
        from ..analysis import deduplicate

        merged = deduplicate(rows)
        for row in merged:
            row["doc_ids"] = ";".join(dict.fromkeys(str(m["doc_id"]) for m in row["mentions"]))
        _emit(merged, DEDUP_COLUMNS, format, title="deduplicated events")
        return
    _emit(rows, EVENT_COLUMNS, format, title="events")


def _cell(value: object) -> str:
    """A value for a tab-separated line: no tabs or line breaks inside."""
    return "" if value is None else " ".join(str(value).split())


def _tsv(columns, rows) -> None:
    """Tab-separated lines with a header: what a table becomes when stdout is not a terminal."""
    lines = ["\t".join(columns)] + ["\t".join(_cell(v) for v in row) for row in rows]
    sys.stdout.write("\n".join(lines) + "\n")


def _print_table(title: str, columns: tuple[str, ...], rows: list[list[object]]) -> None:
    if not out.is_terminal:  # piped or redirected: never wrapped, one line per row
        sys.stdout.write(f"# {title}\n")
        _tsv(columns, rows)
        return
    table = Table(title=title)
    for c in columns:
        table.add_column(c)
    for row in rows:
        table.add_row(*[str(v) for v in row])
    out.print(table)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        fail(OptionError(f"unknown format {fmt!r}: use table, csv or jsonl"))


def _emit(rows: list[dict], columns: list[str], fmt: str, *, title: str) -> None:
    if fmt == "table" and not out.is_terminal:  # piped or redirected: tab-separated, never wrapped
        _tsv(columns, [[row.get(c) for c in columns] for row in rows])
        return
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(buffer.getvalue())
    elif fmt == "table":
        table = Table(title=f"{len(rows)} {title}")
        for c in columns:  # long text columns wrap; codes and numbers stay on one line
            long = c in {"sentence_text", "event_text", "example", "title"}
            table.add_column(c, overflow="fold", no_wrap=not long, min_width=None if long else len(c),
                             ratio=3 if c == "sentence_text" else (1 if long else None))
        for row in rows:
            table.add_row(*[str(row.get(c) if row.get(c) is not None else "") for c in columns])
        out.print(table)
    else:
        fail(OptionError(f"unknown format {fmt!r}: use table, csv or jsonl"))


@app.command()
def actors(db: DbOption = "realpolitik.duckdb",
           format: Annotated[str, typer.Option("--format")] = "table") -> None:
    """Actors in the store with their mention counts."""
    from ..store import open_store

    _check_format(format)
    try:
        with open_store(db, read_only=True) as store:
            rows = store.actor_counts()
    except RealpolitikError as exc:
        fail(exc)
    _emit(rows, ["code", "country", "org", "sector", "mentions", "example"], format, title="actors")


@app.command()
def brief(db: DbOption = "realpolitik.duckdb",
          doc: Annotated[Optional[str], typer.Option(help="Document id or hash; default the whole store.")] = None,
          format: Annotated[str, typer.Option("--format", help="text, markdown or html.")] = "text",
          output: Annotated[Optional[Path], typer.Option("--output", "-o")] = None,
          since: Annotated[Optional[str], typer.Option(help="First day (YYYY-MM-DD, YYYY-MM or YYYY).")] = None,
          until: Annotated[Optional[str], typer.Option(help="Last day (YYYY-MM-DD, YYYY-MM or YYYY).")] = None,
          last: Annotated[Optional[str], typer.Option(
              help="The last N days/weeks/months/years up to the newest document: 7d, 2w, 3m, 1y.")] = None,
          limit: Annotated[int, typer.Option(help="Events shown per section; the rest are counted.")] = 40,
          min_confidence: MinConfidenceOption = None) -> None:
    """A readable summary, newest first: actors, dyads (domestic apart), factual events with evidence,
    quantities, and what is not fact; says how many of each it leaves out."""
    from ..analysis.brief import brief_data, brief_html, brief_markdown
    from ..analysis.query import resolve_period
    from ..store import open_store

    threshold = _threshold(min_confidence)
    if format not in {"text", "markdown", "html"}:
        fail(OptionError(f"unknown format {format!r}: use text, markdown or html"))
    if limit < 1:
        fail(OptionError(f"--limit must be at least 1, not {limit}"))
    try:
        with open_store(db, read_only=True) as store:
            since, until = resolve_period(store, since=since, until=until, last=last)
            doc_hash = None
            if doc:
                doc_hash = store.find_document(doc)
                if doc_hash is None:
                    fail(OptionError(f"--doc {doc}: no such document in {db}"))
            data = brief_data(store, doc_hash=doc_hash, min_confidence=threshold, since=since, until=until,
                              limit=limit)
    except RealpolitikError as exc:
        fail(exc)
    text = brief_html(data) if format == "html" else brief_markdown(data)
    if output:
        output.write_text(text, encoding="utf-8")
        out.print(f"briefing written to {output}")
    elif format == "text" and out.is_terminal:
        from rich.markdown import Markdown

        out.print(Markdown(text))
    else:
        sys.stdout.write(text)


@app.command()
def export(db: DbOption = "realpolitik.duckdb",
           format: Annotated[str, typer.Option("--format", help="csv, jsonl, parquet, gdelt, plover, or a plugin's name.")] = "csv",
           output: Annotated[Path, typer.Option("--output", "-o")] = Path("events.csv"),
           deduplicate: Annotated[bool, typer.Option("--dedup", help="Merge repeated reports of one event.")] = False,
           min_confidence: MinConfidenceOption = None) -> None:
    """Export events. gdelt: facts only, one row per real-world event; csv, jsonl, parquet, plover: every
    event with polarity, modality, confidence and its document's id, title, URL and date."""
    from ..analysis.export import export_events
    from ..store import open_store

    threshold = _threshold(min_confidence)
    try:
        with open_store(db, read_only=True) as store:
            n = export_events(store, output, fmt=format, dedup=deduplicate, min_confidence=threshold)
    except (RealpolitikError, ValueError) as exc:
        fail(exc)
    out.print(f"{n} rows written to {output}")


@app.command()
def dyad(a: str, b: str, db: DbOption = "realpolitik.duckdb",
         by: Annotated[str, typer.Option(help="day, week, month or year.")] = "month",
         all_events: Annotated[bool, typer.Option("--all", help="Include non-factual events.")] = False,
         format: Annotated[str, typer.Option("--format")] = "table",
         since: Annotated[Optional[str], typer.Option(help="First day (YYYY-MM-DD).")] = None,
         until: Annotated[Optional[str], typer.Option(help="Last day (YYYY-MM-DD).")] = None,
         min_confidence: MinConfidenceOption = None) -> None:
    """Time series for a pair of actors: QuadClass counts and Goldstein scores per period.

    Events without a date of their own count at their document's date (column dated_by_document);
    events with neither date are counted in a last row, period "undated"."""
    from ..analysis import dyad_series
    from ..analysis.query import check_actor, resolve_period
    from ..store import open_store

    threshold = _threshold(min_confidence)
    _check_format(format)
    try:
        with open_store(db, read_only=True) as store:
            check_actor(store, a, "actor")
            check_actor(store, b, "actor")
            since, until = resolve_period(store, since=since, until=until)
            rows = dyad_series(store, a, b, by=by, factual=not all_events, min_confidence=threshold,
                               since=since, until=until)
    except (RealpolitikError, ValueError) as exc:
        fail(exc)
    cols = ["period", "events", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict",
            "goldstein_sum", "goldstein_mean", "dated_by_document"]
    _emit(rows, cols, format, title=f"periods for {a}-{b}")


@app.command()
def network(db: DbOption = "realpolitik.duckdb", since: Optional[str] = None, until: Optional[str] = None,
            graphml: Annotated[Optional[Path], typer.Option(help="Write GraphML here.")] = None,
            json_out: Annotated[Optional[Path], typer.Option("--json", help="Write JSON here.")] = None,
            versus: Annotated[Optional[str], typer.Option(help="Compare with another period, SINCE..UNTIL.")] = None,
            min_confidence: MinConfidenceOption = None) -> None:
    """The network of cooperation and conflict: centrality, blocs, and what changed since another period."""
    import networkx as nx

    from ..analysis import build_network, network_summary
    from ..store import open_store

    from ..analysis.query import resolve_period

    threshold = _threshold(min_confidence)
    try:
        with open_store(db, read_only=True) as store:
            since, until = resolve_period(store, since=since, until=until)
            graph = build_network(store, since=since, until=until, min_confidence=threshold)
            before = None
            if versus:
                first, _, last = versus.partition("..")
                first, last = resolve_period(store, since=first or None, until=last or None)
                before = build_network(store, since=first, until=last, min_confidence=threshold)
    except RealpolitikError as exc:
        fail(exc)
    summary = network_summary(graph)
    if before is not None:
        from ..analysis.network import network_change

        summary["changes"] = network_change(before, graph)
    if graphml:
        nx.write_graphml(graph, graphml)
    if json_out:
        json_out.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    nodes = sorted(summary["nodes"], key=lambda n: -n["events"])
    _print_table(f"{len(summary['nodes'])} actors, {len(summary['edges'])} dyads", ("actor", "events", "degree", "betweenness"),
                 [[n["id"], n["events"], n["degree_centrality"], n["betweenness"]] for n in nodes])
    _print_table(f"{len(summary['blocs'])} blocs (actors that cooperate with each other)", ("bloc", "actors"),
                 [[n, ", ".join(b)] for n, b in enumerate(summary["blocs"], start=1)])
    if summary.get("changes"):
        _print_table(f"changes against {versus}", ("source", "target", "before", "after", "change"),
                     [[c["source"], c["target"], c["before"], c["after"], c["change"]] for c in summary["changes"][:20]])


@app.command()
def serve(db: DbOption = "realpolitik.duckdb",
          host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="Port.")] = 8000,
          read_only: Annotated[bool, typer.Option("--read-only", help="Disable adding articles.")] = False) -> None:
    """Serve the dashboard and JSON API (OpenAPI at /docs)."""
    import uvicorn

    from ..web import create_app

    web_app = create_app(db, read_only=read_only, host=host)
    out.print(f"dashboard on http://{host}:{port} (API docs at /docs){' read-only' if read_only else ''}")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


@app.command()
def watch(sources: Annotated[Path, typer.Argument(help="Text file: one feed or article URL a line (# comments).")],
          db: DbOption = "realpolitik.duckdb",
          every: Annotated[str, typer.Option(help="Time between polls: 15m, 1h, 90s.")] = "15m",
          once: Annotated[bool, typer.Option("--once", help="Poll once and exit (for cron).")] = False,
          alerts: Annotated[Optional[Path], typer.Option("--alerts", help="Alert rules (YAML) to fire after each poll.")] = None,
          alert_log: Annotated[Optional[Path], typer.Option(
              "--alert-log", help="JSONL file alerts are appended to (default: monitor.alert_log in settings.toml).")] = None,
          webhook: Annotated[Optional[str], typer.Option(help="POST every alert as JSON to this URL.")] = None,
          follow: Annotated[bool, typer.Option("--follow/--no-follow",
                                               help="Fetch each new feed entry's page (else use the feed's text).")] = True,
          min_interval: Annotated[Optional[float], typer.Option(
              "--min-interval", help="Seconds between requests to one host (default: monitor.min_interval in settings.toml).")] = None,
          model: Annotated[Optional[str], typer.Option(help="spaCy pipeline to use.")] = None,
          min_confidence: MinConfidenceOption = None) -> None:
    """Poll feeds and article pages, ingest what is new as `ingest` does, and fire alerts.

    Conditional requests, retries with backoff, a per-host rate limit and robots.txt; a failing source
    is reported and the others go on. What was fetched and fired is kept in the store."""
    from .. import settings
    import math

    from ..monitor import Fetcher, Watcher, load_rules, parse_every, read_sources
    from ..monitor.rules import check_webhook
    from ..store import check_writable

    threshold = _threshold(min_confidence)
    period = parse_every(every)
    if min_interval is not None and not (math.isfinite(min_interval) and min_interval >= 0):
        fail(OptionError(f"--min-interval must be a number of seconds, at least 0, not {min_interval:g}"))
    webhook = check_webhook(webhook, "--webhook")
    urls = read_sources(sources)
    rules = load_rules(alerts) if alerts else None
    check_writable(db)
    log = alert_log or (Path(settings.get("monitor", "alert_log")) if rules else None)
    watcher = Watcher(db, rules=rules, alert_log=log, webhook=webhook, fetcher=Fetcher(min_interval=min_interval),
                      model=model, default_confidence=threshold, follow_links=follow,
                      say=lambda line: out.print(line, markup=False, highlight=False), warn=_warn)

    def report(poll) -> None:
        sys.stderr.write(f"watch: {' '.join(poll.summary().split())}\n")  # one line, never wrapped

    try:
        last = watcher.run(urls, every=period, once=once, on_report=report)
    except KeyboardInterrupt:
        err.print("watch: stopped", markup=False, highlight=False)
        return
    finally:
        watcher.close()
    if once and last.failed and len(last.failed) >= len(urls) and not last.fetched and not last.not_modified:
        raise typer.Exit(code=1)  # every source failed: cron should hear of it


@alerts_app.command("test")
def alerts_test(rules_file: Annotated[Path, typer.Argument(metavar="RULES.yaml", help="Alert rules (YAML).")],
                db: DbOption = "realpolitik.duckdb",
                min_confidence: MinConfidenceOption = None,
                format: Annotated[str, typer.Option("--format", help="text or jsonl.")] = "text") -> None:
    """Try rules on the store: every alert they would raise, marking those already fired. Fires nothing."""
    from ..monitor import describe, evaluate, load_rules
    from ..monitor.alerts import now_iso
    from ..store import open_store

    threshold = _threshold(min_confidence)
    if format not in ("text", "jsonl"):
        fail(OptionError(f"unknown format {format!r}: use text or jsonl"))
    rules = load_rules(rules_file)
    with open_store(db, read_only=True) as store:
        found = evaluate(store, rules, default_confidence=threshold, now=now_iso(), include_fired=True)
    if format == "jsonl":
        for alert in found:
            sys.stdout.write(json.dumps(alert, default=str, ensure_ascii=False) + "\n")
        return
    for alert in found:
        mark = " (already fired)" if alert["already_fired"] else ""
        out.print(describe(alert) + mark, markup=False, highlight=False)
    counts = {r.name: sum(1 for a in found if a["rule"] == r.name) for r in rules.rules}
    out.print("; ".join(f"{name}: {n} alert(s)" for name, n in counts.items()), markup=False, highlight=False)


@alerts_app.command("from-scenario")
def alerts_from_scenario(file: Annotated[Path, typer.Argument(metavar="FILE.yaml", help="Scenario file.")],
                         output: Annotated[Optional[Path], typer.Option("--output", "-o")] = None) -> None:
    """Alert rules (YAML) watching for the events that would cross the scenario's red lines."""
    from ..monitor import scenario_rules_yaml

    text = scenario_rules_yaml(file)
    if output:
        output.write_text(text, encoding="utf-8")
        out.print(f"alert rules written to {output}")
    else:
        sys.stdout.write(text)


@bench_app.command("accuracy")
def bench_accuracy(gold: Annotated[list[Path], typer.Option("--gold", help="Gold JSONL file(s).")],
                   corpus: Annotated[Optional[Path], typer.Option(
                       "--corpus", help="Corpus JSONL holding the documents of a document-level gold file.")] = None,
                   show: Annotated[bool, typer.Option("--show", help="List misses and false facts with their sentence.")] = False,
                   min_confidence: Annotated[Optional[float], typer.Option(
                       "--min-confidence", help="Score only events at or above this confidence (document-level "
                       "gold; default 0: every event emitted; the default threshold's figures are printed too).")] = None,
                   json_output: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Precision, recall and F1 of factual source-target-type readings, and the leak rate.

    Sentence-level gold (PLOVER gold-standard format) is scored sentence by sentence; document-level
    gold (docs/annotation.md) runs whole documents from --corpus and judges every factual event."""
    from ..sources.gold import DOCUMENT, gold_kind

    try:
        kinds = {path: gold_kind(path) for path in gold}  # every file checked before any is scored
        if len(set(kinds.values())) > 1:
            raise OptionError("--gold: give either sentence-level or document-level gold files, not both")
        if DOCUMENT in kinds.values():
            _bench_documents(gold, corpus, show=show, json_output=json_output, min_confidence=min_confidence)
        else:
            _bench_sentences(gold, json_output=json_output)
    except RealpolitikError as exc:
        fail(exc)


def _bench_documents(gold: list[Path], corpus: Optional[Path], *, show: bool, json_output: bool,
                     min_confidence: Optional[float]) -> None:
    """The table scores every factual event emitted (or those at --min-confidence); a summary line
    gives the figures at the threshold analysts see by default."""
    from ..analysis.confidence import default_min_confidence, resolve_min_confidence
    from ..events.news_evaluate import evaluate_news

    from ..sources import read_jsonl

    if corpus is None:
        raise OptionError("document-level gold needs --corpus FILE.jsonl (the corpus its doc_ids come from)")
    try:
        threshold = resolve_min_confidence(0.0 if min_confidence is None else min_confidence)
        default = default_min_confidence()
    except ValueError as exc:
        raise OptionError(f"--min-confidence: {exc}") from None
    for _ in read_jsonl(corpus):  # the whole corpus read once, so a bad line fails before the model loads
        pass
    for path in gold:
        report, shown = evaluate_news(path, corpus, thresholds=(threshold, default))
        data = report.as_dict()
        at_default = {level: shown.as_dict()[level] for level in ("type", "quad")}
        if json_output:
            if not show:
                data.pop("misses"), data.pop("false_facts")
            sys.stdout.write(json.dumps({"gold": str(path), "min_confidence": threshold, **data,
                                         "default_threshold": default, "at_default_threshold": at_default}) + "\n")
            continue
        keys = ("precision", "recall", "f1", "tp", "fp", "fn", "leak_rate")
        rows = [[level, *[data[level][k] for k in keys]] for level in ("type", "quad")]
        rows += [[f"  {name}", *[s[k] for k in keys[:6]], ""] for name, s in data["per_type"].items()]
        scope = "every factual event" if threshold == 0 else f"factual events with confidence >= {threshold:.2f}"
        _print_table(f"{path}: {data['documents']} documents, {data['sentences']} sentences; {scope}",
                     ("level", *keys), rows)
        for level in ("type", "quad"):
            out.print(f"at the default threshold {default:.2f} ({level}): precision {at_default[level]['precision']}, "
                      f"recall {at_default[level]['recall']}, f1 {at_default[level]['f1']}, "
                      f"leak rate {at_default[level]['leak_rate']}")
        out.print(f"leaks: {data['type']['leaks']} of {data['forbid']} forbidden readings coded as fact; "
                  f"{data['neutral']} factual events matched only optional readings")
        if show:
            _show_errors(report, corpus)


def _show_errors(report, corpus: Path) -> None:
    from ..events.news_evaluate import corpus_documents

    texts = {doc_id: (doc.text, offset) for doc_id, (doc, offset) in
             corpus_documents(corpus, {m["doc_id"] for m in report.misses + report.false_facts}).items()}

    def sentence(doc_id: str, span: list[int], shifted: bool) -> str:
        text, offset = texts[doc_id]
        start, end = (span[0] - offset, span[1] - offset) if shifted else span
        return text[start:end].replace("\n", " ")

    out.print("[bold]misses[/bold] (expected, not coded as fact)")
    for m in report.misses:
        out.print(f"  {m['doc_id']}[{m['sentence']}] {m['source']}->{m['target']} {'/'.join(m['types'])}: "
                  f"{sentence(m['doc_id'], m['span'], True)}", markup=False, highlight=False)
    out.print("[bold]false facts[/bold] (coded as fact, not expected)")
    for f in report.false_facts:
        out.print(f"  {f['doc_id']}[{f['sentence']}] {f['source']}->{f['target']} {f['plover']} ({f['cameo']} "
                  f"'{f['event_text']}'){' LEAK' if f['leak'] else ''}: {sentence(f['doc_id'], f['span'], False)}",
                  markup=False, highlight=False)


def _bench_sentences(gold: list[Path], *, json_output: bool) -> None:
    from ..events.evaluate import evaluate, load_gold

    records = [r for path in gold for r in load_gold(path)]
    report = evaluate(records).as_dict()
    if json_output:
        sys.stdout.write(json.dumps(report) + "\n")
        return
    keys = ("precision", "recall", "f1")
    rows = [["PLOVER type", *[report["type"][k] for k in keys]], ["QuadClass", *[report["quad"][k] for k in keys]]]
    rows += [[f"  {name}", *[s[k] for k in keys]] for name, s in report["per_type"].items()]
    _print_table(f"{report['sentences']} sentences", ("level", *keys), rows)
    confusions = [(pair, n) for pair, n in report["confusion"].items() if pair.split("->")[0] != pair.split("->")[1]]
    if confusions:
        _print_table("confusions (gold -> first factual prediction)", ("gold -> predicted", "sentences"),
                     [[pair, n] for pair, n in confusions[:15]])
    out.print(f"leak rate: {report['leak_rate']} ({report['leaks']} of {report['non_factual']} non-factual sentences coded as fact)")


@backtest_app.command("deu")
def backtest_deu(file: Path, json_output: Annotated[bool, typer.Option("--json")] = False,
                 cv: Annotated[bool, typer.Option("--cv", help="Refit by cross-validation grouped by proposal on this "
                                                  "file (how the shipped figures were measured on the development half).")] = False,
                 folds: Annotated[int, typer.Option(help="Folds for --cv.")] = 10,
                 repeats: Annotated[int, typer.Option(help="Repeats with new folds for --cv.")] = 5) -> None:
    """MAE, median absolute error and 80% interval coverage of every model and the ensemble, per procedure."""
    from ..scenarios.backtest import backtest_deu as run

    try:
        result = run(file, cv=cv, folds=folds, repeats=repeats)
    except RealpolitikError as exc:
        fail(exc)
    if json_output:
        sys.stdout.write(json.dumps(result) + "\n")
        return

    def rows(models: dict) -> list[list[object]]:
        ranked = sorted(models.items(), key=lambda kv: kv[1]["mae"])
        return [[name, f"{r['mae']:.2f}", f"{r['median_ae']:.2f}", f"{r['coverage']:.0%}", r["n"]] for name, r in ranked]

    columns = ("model", "MAE", "median AE", f"{result['level']:.0%} interval coverage", "issues")
    _print_table(f"DEU backtest: {file.name} ({result['mode']}; capability: {result['capability']})", columns,
                 rows(result["models"]))
    for procedure, models in result["by_procedure"].items():
        _print_table(f"procedure {procedure}", columns, rows(models))


@scenario_app.command("run")
def scenario_run(file: Path,
                 samples: Annotated[int, typer.Option(help="Monte Carlo samples over ranges (red-line odds, spread); "
                                                      "0 skips them.")] = 200,
                 json_output: Annotated[bool, typer.Option("--json")] = False,
                 plot: Annotated[Optional[Path], typer.Option(help="Write a PNG of the rounds here.")] = None,
                 allow_placeholders: Annotated[bool, typer.Option("--allow-placeholders",
                                                                  help="Run a draft whose values are still TO SET.")] = False,
                 seed: int = 7) -> None:
    """Headline forecast with its 80% interval, every model with its backtest error, rounds, red lines with odds."""
    from ..scenarios.scenario import load_scenario, run_scenario

    try:
        result = run_scenario(load_scenario(file, allow_placeholders=allow_placeholders), samples=samples, seed=seed)
    except RealpolitikError as exc:
        fail(exc)
    if plot:
        from ..scenarios.plot import plot_rounds

        plot_rounds(result, plot)
    if json_output:
        sys.stdout.write(json.dumps(result, default=float) + "\n")
        return
    for issue in result["issues"]:
        head = issue["headline"]
        out.print(f"[bold]{issue['name']}[/bold] (0: {issue['low']}; 100: {issue['high']}; rule: {issue['rule']})",
                  highlight=False)
        out.print(f"[bold]forecast {head['forecast']:.1f}[/bold], {head['level']:.0%} interval "
                  f"{head['low']:.1f}-{head['high']:.1f} (ensemble of the models below)", highlight=False)
        table = Table(title="models (backtest: cross-validated MAE on the DEU III development half)")
        for column in ("model", "forecast", "weight", "backtest MAE"):
            table.add_column(column)
        for model in issue["models"]:
            mae = model["backtest_mae"]
            table.add_row(model["name"], f"{model['forecast']:.1f}", f"{model['weight']:.2f}",
                          f"{mae:.2f}" if mae is not None else "-")
        out.print(table)
        out.print(f"expected utility model: {issue['expected_utility_note']}", highlight=False)
        rounds = issue["rounds"]
        header = ("actor", "start", *[f"r{k + 1}" for k in range(len(rounds["positions"]))])
        rows = [[code, f"{rounds['start'][n]:.0f}", *[f"{p[n]:.0f}" for p in rounds["positions"]]]
                for n, code in enumerate(issue["actors"])]
        rows.append(["median", "", *[f"{m:.1f}" for m in rounds["median"]]])
        _print_table(f"expected utility model, round by round ({rounds['status']})", header, rows)
        if issue.get("monte_carlo"):
            mc = issue["monte_carlo"]
            out.print(f"Monte Carlo ({mc['samples']} samples over the ranges): forecast mean {mc['mean']:.1f}, "
                      f"5-95% {mc['p5']:.1f}-{mc['p95']:.1f}", highlight=False)
    for line in result["red_lines"]:
        odds = (f"crossed in {line['probability']:.0%} of {line['samples']} samples" if line["samples"]
                else "odds not estimated (--samples 0)")
        then = line["then"]
        out.print(f"red line: if {line['if_issue']} {line['threshold']}, {then['actor']} moves to {then['position']} "
                  f"on {then['issue']}: {odds}; in the headline run: {'crossed' if line['crossed'] else 'not crossed'}",
                  highlight=False)
        for trig in line["triggers"]:
            given = f", {trig['given_this']:.0%} once this one is crossed" if trig["given_this"] is not None else ""
            out.print(f"  then sets off: if {trig['if_issue']} {trig['threshold']}, {trig['then']['actor']} moves to "
                      f"{trig['then']['position']} on {trig['then']['issue']}: {trig['probability']:.0%} of samples{given}",
                      highlight=False)


@scenario_app.command("draft")
def scenario_draft(actors: Annotated[list[str], typer.Option("--actors", help="Actor codes: repeat the option, "
                                                             "separate with commas, or list them after it.")],
                   issue: Annotated[str, typer.Option("--issue")],
                   more: Annotated[Optional[list[str]], typer.Argument(hidden=True)] = None,
                   db: DbOption = "realpolitik.duckdb",
                   output: Annotated[Optional[Path], typer.Option("--output", "-o")] = None) -> None:
    """Pre-fill a scenario from the store: evidence events and capabilities; positions left to the analyst."""
    from ..scenarios.scenario import draft_scenario
    from ..store import open_store

    codes = [c.strip() for value in [*actors, *(more or [])] for c in value.split(",") if c.strip()]
    codes = list(dict.fromkeys(codes))
    try:
        with open_store(db, read_only=True) as store:
            text = draft_scenario(store, actors=codes, issue=issue)
    except RealpolitikError as exc:
        fail(exc)
    if output:
        output.write_text(text, encoding="utf-8")
        out.print(f"scenario draft written to {output}")
    else:
        sys.stdout.write(text)
