"""The life of one document: from a file's bytes to a validated `model.Document`.

The run (`runner`) and the worker processes (`workers`) both call `process_file`; it lives
here, below both, so neither imports the other.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Iterator

from . import backends, model, records
from .corrections import apply as apply_corrections
from .errors import InputError
from .identity import document_key, make_doc_id
from .pipeline import PipelineConfig, run_stages
from .state import DocState


def new_document(rel: str, data: bytes, config: PipelineConfig, sha256: str | None = None) -> DocState:
    """The state a document starts from, before a backend reads it."""
    sha = sha256 or hashlib.sha256(data).hexdigest()
    source = model.Source(path=rel, sha256=sha, format=backends.format_of(rel) or "unknown", bytes=len(data),
                          pages=None)
    return _state(rel, source, config)


def _state(rel: str, source: model.Source, config: PipelineConfig) -> DocState:
    return DocState(path=rel, source=source, doc_id=make_doc_id(rel, source.sha256),
                    languages_allowed=tuple(config.languages))


@dataclass
class PagesLaidOut:
    """Some pages of a long PDF read and laid out (`layout.pdf.layout_page`) by one worker,
    with the warnings the backend gave for them; the document's steps (furniture across
    pages, assembly, the stages) run once on all of them (`process_file(laid_out=...)`)."""

    source: model.Source  # the whole document's: its bytes' size and hash, its page count
    pages: list  # layout.pdf.PageResult, in page order
    warnings: list[model.Warning]


def page_count(path: str, rel: str, data: bytes, config: PipelineConfig,
               backend_options: backends.BackendOptions = backends.BackendOptions(),
               sha256: str | None = None) -> int | None:
    """The pages of a PDF whose pipeline lays pages out first, so that they may be laid out
    in parts (`lay_out`); None for any other file (and for an empty one: `process_file` says
    why). Raises InputError for a bad file."""
    if backends.format_of(rel) != "pdf" or config.stages[:1] != ("layout",) or _blank(data):
        return None
    doc = new_document(rel, data, config, sha256)
    backends.load(doc, path, data, backend_options, range(0))
    list(doc.pages or ())  # no page read; the PDF closed
    return doc.source.pages


def lay_out(path: str, rel: str, data: bytes, config: PipelineConfig, backend_options: backends.BackendOptions,
            pages: range, sha256: str | None = None) -> PagesLaidOut:
    """The per-page work of the `layout` stage for `pages` (0-based) of a PDF."""
    from .layout.pdf import layout_page

    doc = new_document(rel, data, config, sha256)
    backends.load(doc, path, data, backend_options, pages)
    params = config.stage_options("layout")
    laid = [layout_page(page, params) for page in doc.pages or ()]  # type: ignore[arg-type]
    return PagesLaidOut(doc.source, laid, doc.warnings)


def _taken(parts: list[PagesLaidOut]) -> Iterator:
    """The pages of the parts in order, each let go of once the layout stage has it."""
    parts.reverse()
    while parts:
        pages = parts.pop().pages
        pages.reverse()
        while pages:
            yield pages.pop()


def _blank(data: bytes) -> bool:
    return not data or data.isspace()  # (as `not data.strip()`, without a copy of a 10 MiB file)


def process_file(path: str, rel: str, data: bytes | None, config: PipelineConfig,
                 backend_options: backends.BackendOptions = backends.BackendOptions(),
                 sha256: str | None = None, corrections: str = "",
                 laid_out: list[PagesLaidOut] | None = None) -> model.Document:
    """One input file to one validated document. Raises InputError for a bad file.
    `sha256` of `data` when the caller has it already; `corrections`: the text of the file's
    corrections (`corrections.py`), applied with the layout at hand to place added records.
    `laid_out`: all the pages of a long PDF, laid out in parts by `lay_out` (in page order);
    the `layout` stage then only does the document's part (the same output as without), and
    `data` may be None: the file's bytes (10 MiB for 500 pages) need not stay while it runs.
    `laid_out` is emptied as the pages are taken (their `_Meta`s, some 3 MiB, not kept)."""
    if laid_out is None:
        assert data is not None, "a file's bytes or its pages laid out"
        if _blank(data):
            raise InputError("empty", "the file is empty" if not data else "the file holds only white space")
        doc = new_document(rel, data, config, sha256)
        backends.load(doc, path, data, backend_options)
    else:
        doc = _state(rel, laid_out[0].source.model_copy(), config)
        doc.warnings = [w for part in laid_out for w in part.warnings]  # the backend's, in page order
        doc.pages = _taken(laid_out)  # type: ignore[assignment]
    run_stages(doc, config)
    records.finalise(doc)
    document = model.Document(
        doc_id=doc.doc_id, document_key=document_key(rel), source=doc.source, language=doc.language,
        languages=doc.languages, title=doc.title, doc_type=doc.doc_type, text=doc.text, records=doc.records,
        warnings=doc.warnings, furniture=doc.furniture, pipeline=config.name,
    )
    if corrections:
        document = apply_corrections(document, corrections, lambda cls, s, e, f: records.new_record(doc, cls, s, e, **f))
    return document
