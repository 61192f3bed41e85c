"""The command line: a thin click layer over `runner`, `validate` and `output`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .backends import DEFAULT_PDF_BACKEND, PDF_BACKENDS


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="intra-extract")
def main() -> None:
    """Turn project bulletins and handbooks (PDF, text) into a validated JSON dataset.

    \b
    Example:
      intra-extract run raw_docs/ --out structured/
      intra-extract validate structured/
    """


@main.command()
@click.argument("input_dir", type=click.Path(exists=True, file_okay=True, path_type=Path))
@click.option("--out", "out", default="structured", show_default=True, type=click.Path(path_type=Path),
              help="Folder the dataset is written to.")
@click.option("--pipeline", default="bulletin", show_default=True,
              help="Pipeline name (a file in pipelines/) or path to a pipeline TOML file.")
@click.option("--force", is_flag=True, help="Process every file again, even unchanged ones.")
@click.option("--password", default=None, help="Password for encrypted PDFs.")
@click.option("--max-bytes", default=200 * 1024 * 1024, show_default=True, type=click.IntRange(min=1),
              help="Files larger than this fail with code too_large.")
@click.option("--backend", "pdf_backend", default=DEFAULT_PDF_BACKEND, show_default=True,
              type=click.Choice(PDF_BACKENDS), help="PDF backend: pdfium is fast; pdfplumber is the reference.")
@click.option("--workers", "-j", default=None, type=click.IntRange(min=0),
              help="Worker processes (default: the machine's cores); 0 runs in this process, without limits.")
@click.option("--timeout", default=300.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds one document may take before it fails with code timeout.")
@click.option("--max-memory", default=2048, show_default=True, type=click.IntRange(min=64),
              help="MiB of memory one worker may use before its document fails with code too_large.")
@click.option("--quiet", "-q", is_flag=True, help="No progress; print only the failures.")
def run(input_dir: Path, out: Path, pipeline: str, force: bool, password: str | None, max_bytes: int,
        pdf_backend: str, workers: int | None, timeout: float, max_memory: int, quiet: bool) -> None:
    """Read every PDF and text file under INPUT_DIR and write the dataset to --out.

    \b
    Example:
      intra-extract run raw_docs/ --out structured/ --pipeline bulletin

    Exit status: 0 when every file is ok, unchanged or unsupported; 1 when any failed;
    2 for a usage error.
    """
    from .pipeline import PipelineError
    from .progress import reporter
    from .runner import OutputLocked, RunOptions, run_folder

    options = RunOptions(out=out, pipeline=pipeline, force=force, password=password, max_bytes=max_bytes,
                         pdf_backend=pdf_backend, timeout=timeout, max_memory=max_memory * 2**20)
    if workers is not None:
        options.workers = workers
    try:
        with reporter(quiet=quiet) as progress:
            result = run_folder(input_dir, options, progress)
    except OutputLocked as exc:
        raise click.ClickException(str(exc)) from None
    except (FileNotFoundError, PipelineError) as exc:
        raise click.UsageError(str(exc)) from None
    _summary(result, quiet)
    sys.exit(result.exit_code)


def _summary(result, quiet: bool) -> None:
    counts = ", ".join(f"{n} {status}" for status, n in sorted(result.counts().items()))
    if not quiet:
        click.echo(f"{len(result.manifest.documents)} files: {counts or 'none'}")
    for entry in result.manifest.documents:
        if entry.status == "failed":
            click.echo(f"  failed {entry.path}: [{entry.error.code}] {entry.error.message}")
    if result.removed and not quiet:
        click.echo(f"  removed (input gone): {', '.join(result.removed)}")


@main.command()
@click.argument("dataset_dir", type=click.Path(path_type=Path))
def validate(dataset_dir: Path) -> None:
    """Check a dataset folder: schemas, span invariant, unique ids, numbering of lists.

    \b
    Example:
      intra-extract validate structured/

    Exit status: 0 clean, 1 findings, 2 unusable input.
    """
    from .validate import validate_dataset

    report = validate_dataset(dataset_dir)
    for finding in report.findings:
        click.echo(f"{finding.severity}: {finding.where}: {finding.message}")
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
    import json

    from .output import schema_text, schemas, write_schemas

    if out:
        for path in write_schemas(out, {name: schema_text(schema) for name, schema in schemas().items()}):
            click.echo(str(path))
    else:
        click.echo(json.dumps(schemas(), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
