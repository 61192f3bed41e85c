"""A run over an input folder: discovery, one document per file, the dataset written.

`process_file` turns one file's bytes into a `model.Document` (or raises `InputError`);
`run_folder` does it for a whole folder, never stops on a bad file, skips unchanged ones,
and rebuilds the dataset's indexes at the end.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import logging

from . import __version__, backends, corrections, datapackage, model, output
from .discovery import InputFile, check_size, discover, open_input
from .errors import InputError, OutputLocked, OutputUnwritable  # noqa: F401  (re-exported)
from .identity import document_key, make_doc_id
from .lifecycle import new_document, process_file  # noqa: F401  (re-exported: the library API)
from .pipeline import PipelineConfig, load
from .progress import Reporter, Silent
from .workers import Outcome, Pool, Task, outcome_of, start_early

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_TIMEOUT = 300.0  # seconds per document; pdfplumber reads ~5 two-column pages a second
DEFAULT_MAX_MEMORY = 2 * 1024**3  # bytes of resident memory per worker


@dataclass
class RunOptions:
    out: Path = Path("structured")
    pipeline: str = "bulletin"
    force: bool = False
    password: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    pdf_backend: str = backends.DEFAULT_PDF_BACKEND
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)  # 0: in this process, no limits
    timeout: float = DEFAULT_TIMEOUT
    max_memory: int = DEFAULT_MAX_MEMORY

    @property
    def backend(self) -> backends.BackendOptions:
        return backends.BackendOptions(pdf_backend=self.pdf_backend, password=self.password)


@dataclass
class RunResult:
    """`entries`: what this run did with each file (`unchanged` where it reused the earlier
    document). `manifest`: the dataset's manifest as written, where an unchanged document keeps
    the entry of the run that made it, so a re-run with nothing new changes no file."""

    entries: list[model.ManifestEntry]
    manifest: model.Manifest

    @property
    def removed(self) -> list[str]:
        return self.manifest.removed

    @property
    def exit_code(self) -> int:
        return 1 if any(e.status == "failed" for e in self.entries) else 0

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for entry in self.entries:
            out[entry.status] = out.get(entry.status, 0) + 1
        return dict(sorted(out.items()))

    def summary(self, out: Path) -> dict:
        """The run in one JSON-ready object (`intra-extract run --format json`)."""
        return {
            "exit_status": self.exit_code,
            "files": len(self.entries),
            "counts": self.counts(),
            "records": sum(e.records for e in self.entries if e.status in ("ok", "unchanged")),
            "failed": [{"path": e.path, "code": e.error.code, "message": e.error.message}
                       for e in self.entries if e.status == "failed" and e.error],
            "removed": self.removed,
            "pipeline_version": self.manifest.pipeline_version,
            "output": {"dataset": str(out), "manifest": str(out / output.MANIFEST),
                       "records": str(out / output.RECORDS), "documents": str(out / output.DOCUMENTS)},
        }


def run_folder(input_dir: str | Path, options: RunOptions = RunOptions(),
               progress: Reporter | None = None) -> RunResult:
    """Process every file under `input_dir` into the dataset at `options.out`.

    `progress` (see `progress.Reporter`) hears of each file as its entry is settled.
    """
    progress = progress or Silent()
    config = load(options.pipeline, check=False)  # checked below, unless already checked
    version = f"{__version__}+{config.fingerprint()}:{options.pdf_backend}"
    out = Path(options.out)
    inputs = discover(Path(input_dir), exclude=out)
    with _writing(out):
        fresh = output.claim(out)  # a new or empty folder, or one holding our dataset
        lock = OutputLock(out)
    with lock, _writing(out):
        previous = output.read_manifest(out)
        if fresh:  # the folder is marked ours at once: a run killed before its end left it so
            output.write_manifest(out, model.Manifest(pipeline_version=version, documents=[]))
        prev_entries = {e.path: e for e in previous.documents} if previous else {}
        same_pipeline = previous is not None and previous.pipeline_version == version
        # The check imports every stage. When the manifest's version is this one (code version,
        # configuration, backend), the run that wrote it checked this very configuration; it is
        # checked again below only if a file is to be parsed.
        # The workers' fork server warms up (warmup.py) while this process checks the stages
        # and hashes the files: at once when every file will be parsed, else at the first
        # file that will.
        warm_early = options.workers > 0 and bool(inputs)
        if warm_early and not same_pipeline:
            start_early(_pipeline_file(config, options))
        if not same_pipeline:
            config.check()
        started = _now()
        progress.start(len(inputs))
        entries: list[model.ManifestEntry | None] = [None] * len(inputs)
        tasks: list[Task] = []
        first_by_sha: dict[str, str] = {}
        # Archivists' corrections (corrections.py): a file whose corrections changed is parsed
        # again, so they are applied with its layout at hand.
        corrected = corrections.keys_with_corrections(out)
        reviewed = [corrections.read_text(out, inp.rel) if corrected and document_key(inp.rel) in corrected else ""
                    for inp in inputs]
        for key, inp in enumerate(inputs):
            entry = _triage(inp, out, options, prev_entries.get(inp.rel) if same_pipeline else None, first_by_sha,
                            corrections.fingerprint(reviewed[key]))
            if isinstance(entry, model.ManifestEntry):
                entries[key] = entry
                progress.done(inp, entry)
            else:
                if not tasks and warm_early and same_pipeline:
                    start_early(_pipeline_file(config, options))
                tasks.append(Task(key, str(inp.path), inp.rel, entry, inp.identity, options.max_bytes, reviewed[key]))
                entries[key] = model.ManifestEntry(path=inp.rel, sha256=entry, doc_id=None, status="failed")
        if tasks and same_pipeline:
            config.check()
        log.info("%d files under %s: %d to parse, %d settled without parsing; pipeline %s, %s workers",
                 len(inputs), input_dir, len(tasks), len(inputs) - len(tasks), config.name, options.workers)
        # Each new document's records.jsonl lines are made as it arrives, while the workers
        # go on, not all at the end.
        lines: dict[str, list[str]] = {}
        before = [e.doc_id for e in previous.documents if e.status in ("ok", "unchanged")] if previous else []
        with output.Writer(out, set(before)) as writer:  # (on a write error: undone, then OutputUnwritable)
            with contextlib.closing(_process(tasks, options, config)) as outcomes:
                for outcome in outcomes:
                    entry = entries[outcome.key]
                    assert entry is not None
                    entries[outcome.key] = entry = _settle(entry, outcome, writer, reviewed[outcome.key])
                    if entry.doc_id and outcome.document_json:
                        lines[entry.doc_id] = output.record_lines(outcome.document_json)
                    progress.done(inputs[outcome.key], entry)
                    log.info("%s: %s in %.2f s", entry.path, entry.status, outcome.seconds)
            settled = [e for e in entries if e is not None]
            keep = {e.doc_id for e in settled if e.doc_id and e.status in ("ok", "unchanged")}
            removed = sorted(set(prev_entries) - {e.path for e in settled})
            in_order = [e.doc_id for e in settled if e.doc_id in keep]
            # records.jsonl is rebuilt from documents/ after any change; when nothing changed
            # since a run that completed (its manifest is written last), it is already that.
            if (previous is None or before != in_order or any(e.status == "ok" for e in settled)
                    or not (out / output.RECORDS).is_file()):
                writer.stage(output.RECORDS, output.records_text(out, in_order, lines))
            schemas_rewritten = output.write_schemas(out / output.SCHEMA)
            recorded = [_as_recorded(e, prev_entries.get(e.path)) for e in settled]
            recorded = [_identified(e, prev_entries.get(e.path)) for e in recorded]
            sources = _sources(Path(input_dir), out)
            if (previous is not None and previous.pipeline_version == version
                    and previous.documents == recorded and not removed and previous.sources == sources):
                manifest = previous  # nothing new: the manifest of the run that made this dataset stands
            else:
                manifest = model.Manifest(pipeline_version=version, documents=recorded, removed=removed,
                                          sources=sources, started=started, finished=_now())
                writer.stage(output.MANIFEST, output.to_json(manifest))  # staged last, so switched last
            writer.commit()
        # It measures (reads and hashes) every file of the dataset: only worth it when one changed.
        if manifest is not previous or schemas_rewritten or not (out / datapackage.FILE).is_file():
            datapackage.write(out, manifest)  # it measures the files just switched in
        output.prune_documents(out, keep)
    return RunResult(settled, manifest)


def _as_recorded(entry: model.ManifestEntry, prev: model.ManifestEntry | None) -> model.ManifestEntry:
    """A file's entry as the manifest keeps it: an unchanged document keeps the entry (status,
    timings) of the run that made it; per-run statuses are the run's to report, not the data's."""
    if entry.status == "unchanged" and prev is not None:
        return prev.model_copy(update={"status": "ok"})
    return entry


def _triage(inp: InputFile, out: Path, options: RunOptions, prev: model.ManifestEntry | None,
            first_by_sha: dict[str, str], reviewed: str | None = None) -> model.ManifestEntry | str:
    """The entry of a file settled without parsing it, or its sha256 when it must be parsed."""
    def entry(status: str, code: str | None = None, message: str = "", **kw) -> model.ManifestEntry:
        error = model.ErrorInfo(code=code, message=message) if code else None
        return model.ManifestEntry(path=inp.rel, doc_id=kw.pop("doc_id", None), status=status, error=error,
                                   **{"sha256": None, **kw})

    if inp.skip:
        return entry("unsupported", *inp.skip)
    if inp.format is None:
        return entry("unsupported", "unsupported_format",
                     f"no backend reads {Path(inp.rel).suffix or 'files without an ending'}")
    try:
        check_size(inp.size, options.max_bytes)
        if inp.size == 0:  # never the original of a duplicate: it fails whatever its name
            raise InputError("empty", "the file is empty")
        sha = _sha256(inp, options.max_bytes)
    except InputError as exc:
        return entry("failed", exc.code, exc.message)
    except OSError as exc:
        return entry("failed", "unreadable", f"cannot read the file: {exc.strerror or exc}")
    if sha in first_by_sha:
        return entry("duplicate", sha256=sha, duplicate_of=first_by_sha[sha])
    first_by_sha[sha] = inp.rel
    doc_id = make_doc_id(inp.rel, sha)
    if (not options.force and prev and prev.sha256 == sha and prev.doc_id == doc_id
            and prev.status in ("ok", "unchanged") and output.document_intact(out, doc_id, sha, prev.records)
            and reviewed == (prev.corrections.sha256 if prev.corrections else None)):
        return entry("unchanged", sha256=sha, doc_id=doc_id, records=prev.records, pages=prev.pages,
                     corrections=prev.corrections)
    return sha


def _process(tasks: list[Task], options: RunOptions, config: PipelineConfig) -> Iterator[Outcome]:
    if not tasks:
        return
    if options.workers == 0:  # in this process, for debugging and profiling: no time or memory limits
        from . import warmup

        warmup.prepare_languages(tuple(config.languages))  # from the on-disk cache, as a worker has them
        for task in tasks:
            yield outcome_of(task, config, options.backend)
        return
    with Pool(options.workers, _pipeline_file(config, options), options.backend, options.timeout,
              options.max_memory) as pool:
        yield from pool.run(tasks)


def _pipeline_file(config: PipelineConfig, options: RunOptions) -> str:
    """The pipeline's file as found here, for the workers, whatever their directory."""
    return str(config.path or options.pipeline)


def _settle(entry: model.ManifestEntry, outcome: Outcome, writer: output.Writer,
            reviewed: str = "") -> model.ManifestEntry:
    if outcome.error is not None:
        return entry.model_copy(update={
            "status": "failed", "error": model.ErrorInfo(code=outcome.error.code, message=outcome.error.message),
            "seconds": outcome.seconds})
    sha = outcome.sha256 or entry.sha256 or ""  # of the bytes parsed, if the file changed since triage
    doc_id = make_doc_id(entry.path, sha)
    writer.document(doc_id, outcome.document_json or "")
    return entry.model_copy(update={"status": "ok", "sha256": sha, "doc_id": doc_id, "records": outcome.records,
                                    "pages": outcome.pages, "seconds": outcome.seconds,
                                    "peak_memory_mib": outcome.peak_mib,
                                    "corrections": corrections.counts(outcome.document_json, reviewed)})


def _sources(input_dir: Path, out: Path) -> str:
    """Where the inputs are, for `review`: relative to the dataset when the two share a folder
    below the root (so the pair can be moved together), else absolute."""
    folder, dataset = input_dir.resolve(), out.resolve()
    folder = folder.parent if folder.is_file() else folder
    if Path(os.path.commonpath([folder, dataset])) == Path(folder.anchor):
        return folder.as_posix()
    return Path(os.path.relpath(folder, dataset)).as_posix()


def _identified(entry: model.ManifestEntry, prev: model.ManifestEntry | None) -> model.ManifestEntry:
    """The entry with its path's `document_key`, and `replaces`: the doc_id the path had before
    its content last changed, carried on from run to run (a failed re-issue passes it on too)."""
    replaces = None
    if prev is not None:
        replaces = prev.doc_id if prev.doc_id and prev.doc_id != entry.doc_id else prev.replaces
    return entry.model_copy(update={"document_key": document_key(entry.path), "replaces": replaces})


def _sha256(inp: InputFile, max_bytes: int) -> str:
    """Read through `open_input`: a FIFO or link put in the file's place is never read here."""
    with open_input(inp.path, inp.identity, max_bytes) as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@contextmanager
def _writing(out: Path) -> Iterator[None]:
    """An OS error while writing the dataset stops the run with one line (exit status 4); the
    files already there stay valid, since every write is atomic and the manifest goes last."""
    try:
        yield
    except OSError as exc:
        raise output.unwritable(exc, out) from None


class OutputLock:
    """An exclusive lock on the output folder, so two runs never write it at once. The lock file
    holds the holder's PID and start time, so a refused run can say who holds it."""

    def __init__(self, out: Path):
        self.path = out / ".lock"
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)  # not truncated: the holder's note stays

    def __enter__(self):
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(self.fd, 200, 0).decode("utf-8", "replace").strip() or "unknown"
            os.close(self.fd)
            raise OutputLocked(f"another intra-extract run ({holder}) is writing {self.path.parent}; "
                               "try again when it ends") from None
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, f"pid {os.getpid()}, started {_now()}".encode(), 0)
        return self

    def __exit__(self, *exc):
        os.ftruncate(self.fd, 0)  # the note is the holder's: gone with it
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
