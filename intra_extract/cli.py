"""The command line: a thin click layer over `runner`, `validate` and `output`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import NoReturn

import click

from . import __version__
from .backends import PDF_BACKENDS
from .errors import OutputLocked, OutputUnwritable
from .logs import LEVELS
from .runner import RunOptions


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="intra-extract")
def main() -> None:
    """Turn project bulletins and handbooks (PDF, text) into a validated JSON dataset.

    \b
    Example:
      intra-extract run raw_docs/ --out structured/
      intra-extract validate structured/

    Every option of `run` can also be set in the environment (INTRA_EXTRACT_WORKERS=4, ...;
    see `intra-extract run --help`). Shell completion: see the README.
    """


def _option(*decls: str, env: str, **kw):
    """An option whose default can also come from the environment (`INTRA_EXTRACT_<env>`),
    shown in --help."""
    return click.option(*decls, envvar=f"INTRA_EXTRACT_{env}", show_envvar=True, **kw)


@main.command()
@click.argument("input_dir", type=click.Path(exists=True, file_okay=True, path_type=Path))
@_option("--out", "out", env="OUT", default=str(RunOptions.out), show_default=True, type=click.Path(path_type=Path),
         help="Folder the dataset is written to.")
@_option("--pipeline", env="PIPELINE", default=RunOptions.pipeline, show_default=True,
         help="Pipeline name (built in, or a file in ./pipelines/) or path to a pipeline TOML file.")
@_option("--force", env="FORCE", is_flag=True, help="Process every file again, even unchanged ones.")
@_option("--password", env="PASSWORD", default=None, help="Password for encrypted PDFs.")
@_option("--max-bytes", env="MAX_BYTES", default=RunOptions.max_bytes, show_default=True, type=click.IntRange(min=1),
         help="Files larger than this fail with code too_large.")
@_option("--backend", "pdf_backend", env="BACKEND", default=RunOptions.pdf_backend, show_default=True,
         type=click.Choice(PDF_BACKENDS), help="PDF backend: pdfium is fast; pdfplumber is the reference.")
@_option("--workers", "-j", env="WORKERS", default=None, type=click.IntRange(min=0),
         help="Worker processes (default: the machine's cores); 0 runs in this process, without limits.")
@_option("--timeout", env="TIMEOUT", default=RunOptions.timeout, show_default=True, type=click.FloatRange(min=0.1),
         help="Seconds one document may take before it fails with code timeout.")
@_option("--max-memory", env="MAX_MEMORY", default=RunOptions.max_memory // 2**20, show_default=True,
         type=click.IntRange(min=64), help="MiB of memory one worker may use before its document fails with code too_large.")
@_option("--format", "fmt", env="FORMAT", default="text", show_default=True, type=click.Choice(["text", "json"]),
         help="json: the run's summary as one JSON object on stdout (progress stays on stderr).")
@_option("--quiet", "-q", env="QUIET", is_flag=True, help="No progress; print only the failures.")
@click.option("--verbose", "-v", count=True, help="-v: the run's steps; -vv: every stage of every document, timed.")
@_option("--log-level", env="LOG_LEVEL", default=None, type=click.Choice(LEVELS, case_sensitive=False),
         help="Log level, instead of -v/-vv.")
def run(input_dir: Path, out: Path, pipeline: str, force: bool, password: str | None, max_bytes: int,
        pdf_backend: str, workers: int | None, timeout: float, max_memory: int, fmt: str, quiet: bool,
        verbose: int, log_level: str | None) -> None:
    """Read every PDF and text file under INPUT_DIR and write the dataset to --out.

    \b
    Example:
      intra-extract run raw_docs/ --out structured/ --pipeline bulletin
      intra-extract run raw_docs/ --format json -q > summary.json

    \b
    Exit status:
      0  every file is ok, unchanged, unsupported or a duplicate
      1  some files failed (each named, with its code; the rest is written)
      2  usage error (bad option, unknown pipeline, missing input)
      3  the output folder is locked by another run
      4  the output cannot be written (permission, full disk, a file in the way)
    """
    from .logs import configure
    from .pipeline import PipelineError
    from .progress import reporter
    from .runner import run_folder

    configure(log_level or {0: None, 1: "info"}.get(verbose, "debug"))
    options = RunOptions(out=out, pipeline=pipeline, force=force, password=password, max_bytes=max_bytes,
                         pdf_backend=pdf_backend, timeout=timeout, max_memory=max_memory * 2**20)
    if workers is not None:
        options.workers = workers
    try:
        with reporter(quiet=quiet, plain=bool(log_level or verbose)) as progress:
            result = run_folder(input_dir, options, progress)
    except (OutputLocked, OutputUnwritable) as exc:
        _fail(3 if isinstance(exc, OutputLocked) else 4, str(exc), fmt)
    except (FileNotFoundError, PipelineError) as exc:
        if fmt == "json":
            _fail(2, str(exc), fmt)
        raise click.UsageError(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(result.summary(out), ensure_ascii=False, indent=2))
    else:
        _summary(result, quiet)
    sys.exit(result.exit_code)


def _fail(status: int, message: str, fmt: str) -> NoReturn:
    """A run that could not start or finish writing: one line on stderr (and, for scripts, a
    JSON object on stdout), never a traceback."""
    if fmt == "json":
        click.echo(json.dumps({"exit_status": status, "error": message}, ensure_ascii=False))
    click.echo(f"Error: {message}", err=True)
    sys.exit(status)


def _summary(result, quiet: bool) -> None:
    from .progress import failure_line, printable

    counts = ", ".join(f"{n} {status}" for status, n in result.counts().items())
    if not quiet:
        click.echo(f"{len(result.entries)} files: {counts or 'none'}")
    else:  # the progress display, which names each failure as it happens, was off
        for entry in result.entries:
            if entry.status == "failed" and entry.error:
                click.echo(failure_line(entry.path, entry))
    if result.removed and not quiet:
        click.echo(f"  removed (input gone): {', '.join(printable(p) for p in result.removed)}")


@main.command()
@click.argument("dataset_dir", type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Exit 1 also when the run could not read some input files.")
def validate(dataset_dir: Path, strict: bool) -> None:
    """Check a dataset folder: schemas, span invariant, unique ids, numbering of lists, and
    that records.jsonl and the manifest agree with documents/.

    \b
    Example:
      intra-extract validate structured/

    Exit status: 0 clean, 1 findings (with --strict: or failed inputs), 2 unusable input.
    """
    from .validate import validate_dataset

    report = validate_dataset(dataset_dir, strict=strict)
    for finding in report.findings:
        click.echo(f"{finding.severity}: {finding.where}: {finding.message}")
    for notice in report.notices:
        click.echo(f"notice: {notice}")
    click.echo(report.summary(), err=True)
    sys.exit(report.exit_code)


@main.command()
@click.argument("dataset", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--sources", default=None, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The input folder of the run (default: the one the dataset's manifest names).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
@click.option("--reviewer", default=None, help="Name written with each decision (default: the login name).")
def review(dataset: Path, sources: Path | None, host: str, port: int, open_browser: bool, reviewer: str | None) -> None:
    """Check the records of DATASET on their pages, in a local web page; decisions go to
    DATASET/corrections/, and every later run applies them.

    \b
    Example:
      intra-extract review structured/ --open
    """
    from .review.server import Review, serve

    serve(Review(dataset, sources, reviewer or ""), host, port, open_browser, announce=click.echo)


@main.command()
@click.option("--out", "out", default=None, type=click.Path(path_type=Path),
              help="Write one <name>.schema.json per model here instead of printing them.")
def schema(out: Path | None) -> None:
    """Print (or write) the JSON Schemas generated from the dataset's models.

    \b
    Example:
      intra-extract schema --out structured/schema
    """
    from .output import schema_text, schemas, write_schemas

    if out:
        texts = {name: schema_text(schema) for name, schema in schemas().items()}
        write_schemas(out, texts)
        for name in texts:
            click.echo(str(out / f"{name}.schema.json"))
    else:
        click.echo(json.dumps(schemas(), ensure_ascii=False, indent=2))


@main.command()
@click.argument("dataset_dir", type=click.Path(path_type=Path))
@click.option("--to", "fmt", required=True, type=click.Choice(["sqlite", "csv"]),
              help="sqlite: one database file (for Datasette); csv: a folder of CSV tables with a datapackage.json.")
@click.argument("target", type=click.Path(path_type=Path))
def export(dataset_dir: Path, fmt: str, target: Path) -> None:
    """Export the dataset in DATASET_DIR as tables to TARGET (a .db file, or a folder for csv).

    \b
    Example:
      intra-extract export structured/ --to sqlite intra.db && datasette intra.db
      intra-extract export structured/ --to csv tables/

    Exit status: 0 written, 2 unusable input, 4 the target cannot be written.
    """
    from .dataset import DatasetError, open as open_dataset

    try:
        ds = open_dataset(dataset_dir)
        if fmt == "sqlite":
            from .export.to_sqlite import export_sqlite as write
        else:
            from .export.to_csv import export_csv as write
        counts = write(ds, target)
    except DatasetError as exc:
        _fail(2, f"unusable: {exc}", "text")
    except OSError as exc:
        _fail(4, f"cannot write {target}: {exc.strerror or exc}", "text")
    click.echo(f"{target}: " + ", ".join(f"{n} {table}" for table, n in counts.items()))


if __name__ == "__main__":
    main()
