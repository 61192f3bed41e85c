"""Writing the dataset under `structured/` as `../shared/CONTRACT.md` fixes it.

Every file is written atomically (a temporary file in the same folder, then rename), and
`records.jsonl` and `manifest.json` are rebuilt from `documents/` at the end of a run, so
a run killed at any moment leaves the previous dataset readable and the next run whole.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Iterable

from pydantic import BaseModel

from . import model

DOCUMENTS = "documents"
RECORDS = "records.jsonl"
MANIFEST = "manifest.json"
SCHEMA = "schema"


def to_json(obj: BaseModel) -> str:
    return json.dumps(obj.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def _file_mode() -> int:
    """What `open()` would give a new file under the current umask (0644 by default): mkstemp's
    0600 would hide the dataset from the other users who read it."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        os.fchmod(fd, _file_mode())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def document_path(out: Path, doc_id: str) -> Path:
    return out / DOCUMENTS / f"{doc_id}.json"


def write_document(out: Path, doc_id: str, document_json: str) -> None:
    """A document, already serialised by `to_json` (in a worker process)."""
    atomic_write(document_path(out, doc_id), document_json)


def read_manifest(out: Path) -> model.Manifest | None:
    try:
        return model.Manifest.model_validate_json((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def record_lines(document_json: str) -> list[str]:
    """A document's records as the lines of records.jsonl."""
    return [json.dumps(rec, ensure_ascii=False) for rec in json.loads(document_json)["records"]]


def write_records(out: Path, doc_ids: Iterable[str], known: dict[str, list[str]] | None = None) -> int:
    """records.jsonl from the documents, in manifest order then order of appearance.
    `known`: the lines of documents already at hand (`record_lines`), not read again."""
    lines = []
    for doc_id in doc_ids:
        if known and doc_id in known:
            lines.extend(known[doc_id])
        else:
            lines.extend(record_lines(document_path(out, doc_id).read_text(encoding="utf-8")))
    atomic_write(out / RECORDS, "".join(line + "\n" for line in lines))
    return len(lines)


def write_manifest(out: Path, manifest: model.Manifest) -> None:
    atomic_write(out / MANIFEST, to_json(manifest))


def schemas() -> dict[str, dict]:
    """JSON Schema of every model the dataset holds, generated from the models."""
    return {name: cls.model_json_schema() for name, cls in sorted(model.SCHEMA_MODELS.items())}


def schema_text(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


# The schemas as released with this version, generated from the models by
# `intra-extract schema --out intra_extract/data/schema` (tests/test_golden.py fails when they
# differ from what the models generate). A run copies these rather than generating them again:
# reading eight small files costs nothing, generating them a tenth of a second, and the files
# stay byte-identical whatever pydantic version generates.
RELEASED_SCHEMAS = Path(__file__).parent / "data" / "schema"


def released_schemas() -> dict[str, str]:
    return {name: (RELEASED_SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")
            for name in sorted(model.SCHEMA_MODELS)}


def write_schemas(out_dir: Path, texts: dict[str, str] | None = None) -> list[Path]:
    """`texts` (name -> JSON text; by default the released schemas) into `out_dir`; a file that
    is missing or differs (damaged, edited, older) is rewritten."""
    written = []
    for name, text in (released_schemas() if texts is None else texts).items():
        path = out_dir / f"{name}.schema.json"
        if not path.is_file() or path.read_text(encoding="utf-8", errors="replace") != text:
            atomic_write(path, text)
        written.append(path)
    return written


def prune_documents(out: Path, keep: set[str]) -> list[str]:
    """Remove documents no manifest entry refers to any more; returns their ids."""
    removed = []
    folder = out / DOCUMENTS
    if folder.is_dir():
        for path in sorted(folder.glob("*.json")):
            if path.stem not in keep:
                path.unlink()
                removed.append(path.stem)
        for tmp in folder.glob(".tmp-*"):  # left by a killed run
            tmp.unlink(missing_ok=True)
    return removed
