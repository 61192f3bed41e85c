"""A run over an input folder: discovery, one document per file, the dataset written.

`process_file` turns one file's bytes into a `model.Document` (or raises `InputError`);
`run_folder` does it for a whole folder, never stops on a bad file, skips unchanged ones,
and rebuilds the dataset's indexes at the end.
"""

from __future__ import annotations

import fcntl
import hashlib
import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from . import __version__, backends, model, output, records
from .discovery import InputFile, discover
from .errors import InputError
from .pipeline import PipelineConfig, load, run_stages
from .state import DocState

DEFAULT_MAX_BYTES = 200 * 1024 * 1024


@dataclass
class RunOptions:
    out: Path = Path("structured")
    pipeline: str = "bulletin"
    force: bool = False
    password: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    pdf_backend: str = "pdfplumber"


@dataclass
class RunResult:
    manifest: model.Manifest
    removed: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if any(e.status == "failed" for e in self.manifest.documents) else 0

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for entry in self.manifest.documents:
            out[entry.status] = out.get(entry.status, 0) + 1
        return out


class OutputLocked(Exception):
    pass


def make_doc_id(rel_path: str, sha256: str) -> str:
    """The file's stem in ASCII, slugged, plus a short content hash: `bulletin-6-bg-1a2b3c4d5e`."""
    from anyascii import anyascii

    stem = rel_path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    slug = re.sub(r"[^a-z0-9]+", "-", anyascii(stem).lower()).strip("-")[:60] or "document"
    return f"{slug}-{sha256[:10]}"


def process_file(path: str, rel: str, data: bytes, config: PipelineConfig,
                 backend_options: backends.BackendOptions = backends.BackendOptions()) -> model.Document:
    """One input file to one validated document. Raises InputError for a bad file."""
    if not data.strip():
        raise InputError("empty", "the file is empty" if not data else "the file holds only white space")
    sha = hashlib.sha256(data).hexdigest()
    fmt = backends.format_of(rel) or "unknown"
    source = model.Source(path=rel, sha256=sha, format=fmt, bytes=len(data), pages=None)
    doc = DocState(path=rel, source=source, doc_id=make_doc_id(rel, sha), pipeline=config.name,
                   languages_allowed=tuple(config.languages))
    backends.load(doc, path, data, backend_options)
    run_stages(doc, config)
    records.finalise(doc)
    return model.Document(
        doc_id=doc.doc_id, source=doc.source, language=doc.language, languages=doc.languages,
        title=doc.title, doc_type=doc.doc_type, text=doc.text, records=doc.records,
        warnings=doc.warnings, furniture=doc.furniture, pipeline=config.name,
    )


def run_folder(input_dir: str | Path, options: RunOptions = RunOptions(),
               progress: Callable[[InputFile, model.ManifestEntry], None] | None = None) -> RunResult:
    """Process every file under `input_dir` into the dataset at `options.out`."""
    config = load(options.pipeline)
    fingerprint = config.fingerprint() + ":" + options.pdf_backend
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    with _lock(out):
        previous = output.read_manifest(out)
        prev_entries = {e.path: e for e in previous.documents} if previous else {}
        prev_fp = getattr(previous, "pipeline_version", None)
        started = _now()
        entries: list[model.ManifestEntry] = []
        first_by_sha: dict[str, str] = {}
        bopts = backends.BackendOptions(pdf_backend=options.pdf_backend, password=options.password)
        for inp in discover(Path(input_dir)):
            entry = _one(inp, out, config, bopts, options, prev_entries.get(inp.rel),
                         prev_fp == _pipeline_version(fingerprint), first_by_sha)
            entries.append(entry)
            if progress:
                progress(inp, entry)
        keep = {e.doc_id for e in entries if e.doc_id and e.status in ("ok", "unchanged")}
        output.prune_documents(out, keep)
        removed = sorted(set(prev_entries) - {e.path for e in entries})
        output.write_records(out, [e.doc_id for e in entries if e.doc_id in keep])  # type: ignore[misc]
        manifest = model.Manifest(
            pipeline_version=_pipeline_version(fingerprint), documents=entries, removed=removed,
            started=started, finished=_now(),
        )
        output.write_schemas(out / output.SCHEMA)
        output.write_manifest(out, manifest)
    return RunResult(manifest, removed)


def _one(inp: InputFile, out: Path, config: PipelineConfig, bopts: backends.BackendOptions,
         options: RunOptions, prev: model.ManifestEntry | None, same_pipeline: bool,
         first_by_sha: dict[str, str]) -> model.ManifestEntry:
    def failed(code: str, message: str, sha: str | None = None) -> model.ManifestEntry:
        return model.ManifestEntry(path=inp.rel, sha256=sha, doc_id=None, status="failed",
                                   error=model.ErrorInfo(code=code, message=message))

    if inp.outside_link:
        return model.ManifestEntry(path=inp.rel, sha256=None, doc_id=None, status="unsupported",
                                   error=model.ErrorInfo(code="outside_link",
                                                         message="a symbolic link to outside the input folder; not followed"))
    if inp.format is None:
        return model.ManifestEntry(path=inp.rel, sha256=None, doc_id=None, status="unsupported",
                                   error=model.ErrorInfo(code="unsupported_format",
                                                         message=f"no backend reads {Path(inp.rel).suffix or 'files without an ending'}"))
    try:
        size = inp.path.stat().st_size
        if size > options.max_bytes:
            return failed("too_large", f"{size:,} bytes is over the limit of {options.max_bytes:,} (--max-bytes)")
        data = inp.path.read_bytes()
    except OSError as exc:
        return failed("unreadable", f"cannot read the file: {exc.strerror or exc}")
    sha = hashlib.sha256(data).hexdigest()
    if sha in first_by_sha:
        return model.ManifestEntry(path=inp.rel, sha256=sha, doc_id=None, status="duplicate",
                                   duplicate_of=first_by_sha[sha])
    first_by_sha[sha] = inp.rel
    doc_id = make_doc_id(inp.rel, sha)
    if (not options.force and same_pipeline and prev and prev.sha256 == sha and prev.doc_id == doc_id
            and prev.status in ("ok", "unchanged") and output.document_path(out, doc_id).is_file()):
        return model.ManifestEntry(path=inp.rel, sha256=sha, doc_id=doc_id, status="unchanged",
                                   records=prev.records, pages=prev.pages)
    t0 = time.perf_counter()
    try:
        document = process_file(str(inp.path), inp.rel, data, config, bopts)
    except InputError as exc:
        return failed(exc.code, exc.message, sha)
    except Exception as exc:  # a bug of ours must not end the run either
        return failed("internal", f"{type(exc).__name__}: {exc}", sha)
    output.write_document(out, document)
    return model.ManifestEntry(path=inp.rel, sha256=sha, doc_id=doc_id, status="ok",
                               records=len(document.records), pages=document.source.pages,
                               seconds=round(time.perf_counter() - t0, 3))


def _pipeline_version(fingerprint: str) -> str:
    return f"{__version__}+{fingerprint}"


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class _lock:
    """An exclusive lock on the output folder, so two runs never write it at once."""

    def __init__(self, out: Path):
        self.path = out / ".lock"

    def __enter__(self):
        self.fh = self.path.open("w")
        try:
            fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.fh.close()
            raise OutputLocked(f"another intra-extract run is writing {self.path.parent}; try again when it ends") from None
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()
