"""The life of one document: from a file's bytes to a validated `model.Document`.

The run (`runner`) and the worker processes (`workers`) both call `process_file`; it lives
here, below both, so neither imports the other.
"""

from __future__ import annotations

import hashlib

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
    return DocState(path=rel, source=source, doc_id=make_doc_id(rel, sha), languages_allowed=tuple(config.languages))


def process_file(path: str, rel: str, data: bytes, config: PipelineConfig,
                 backend_options: backends.BackendOptions = backends.BackendOptions(),
                 sha256: str | None = None, corrections: str = "") -> model.Document:
    """One input file to one validated document. Raises InputError for a bad file.
    `sha256` of `data` when the caller has it already; `corrections`: the text of the file's
    corrections (`corrections.py`), applied with the layout at hand to place added records."""
    if not data.strip():
        raise InputError("empty", "the file is empty" if not data else "the file holds only white space")
    doc = new_document(rel, data, config, sha256)
    backends.load(doc, path, data, backend_options)
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
