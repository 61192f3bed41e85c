"""Reading a dataset: `open("structured/")` gives its documents and records as the typed models
of `model.py`, read lazily, one file or one line at a time.

    from intra_extract import dataset
    ds = dataset.open("structured/")
    for region in ds.records(kind="region", language="bg"):
        print(region.nuts_code, region.text, region.page)

Records come from `records.jsonl`, the dataset's reviewed list (an archivist's rejected records
are not in it); documents from `documents/`, in the manifest's order. A reader accepts a dataset
of its own major schema version: a newer minor one reads with what it adds left out (fields and
record kinds this version does not know), a newer major one is refused with a clear error.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any, Iterable, Iterator

from pydantic import BaseModel, ValidationError

from . import model, output


class DatasetError(Exception):
    """The folder is not a dataset this version can read."""


class SchemaVersionError(DatasetError):
    pass


def open(folder: str | Path) -> "Dataset":  # noqa: A001  (the module's verb: dataset.open)
    return Dataset(folder)


class Dataset:
    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        if not (self.folder / output.DOCUMENTS).is_dir():
            raise DatasetError(f"{self.folder} is not a dataset folder (no {output.DOCUMENTS}/)")
        raw = _read_json(self.folder / output.MANIFEST) if (self.folder / output.MANIFEST).is_file() else None
        self.schema_version = str((raw or self._first_document() or {}).get("schema_version", ""))
        check_version(self.schema_version, where=str(self.folder))
        self.manifest: model.Manifest | None = _typed(model.Manifest, raw) if raw is not None else None

    # ------------------------------------------------------------------ documents

    def doc_ids(self) -> list[str]:
        """The documents' ids, in the manifest's order (else by name)."""
        if self.manifest is not None:
            return [e.doc_id for e in self.manifest.documents if e.doc_id and e.status in ("ok", "unchanged")]
        return sorted(p.stem for p in (self.folder / output.DOCUMENTS).glob("*.json"))

    def document(self, doc_id: str) -> model.Document:
        path = output.document_path(self.folder, doc_id)
        if not path.is_file():
            raise KeyError(f"no document {doc_id!r} in {self.folder}")
        return _typed(model.Document, _read_json(path))

    def documents(self, doc: str | Iterable[str] | None = None,
                  language: str | Iterable[str] | None = None) -> Iterator[model.Document]:
        """Every document (or those named by `doc`: doc_ids or document keys), one file at a time."""
        wanted = self._doc_filter(doc)
        languages = _as_set(language)
        for doc_id in self.doc_ids():
            if wanted is None or doc_id in wanted:
                document = self.document(doc_id)
                if languages is None or document.language in languages:
                    yield document

    # ------------------------------------------------------------------ records

    def records(self, kind: str | Iterable[str] | None = None, doc: str | Iterable[str] | None = None,
                language: str | Iterable[str] | None = None) -> Iterator[model.Record]:
        """Every record, one line of records.jsonl at a time, filtered by kind, document
        (doc_ids or document keys) and the record's own language."""
        for record, _ in self.records_as_written(kind, doc, language):
            yield record

    def records_as_written(self, kind: str | Iterable[str] | None = None, doc: str | Iterable[str] | None = None,
                           language: str | Iterable[str] | None = None) -> Iterator[tuple[model.Record, dict]]:
        """`records`, each with the JSON object it was read from (which holds, too, what a
        newer version added)."""
        kinds, wanted, languages = _as_set(kind), self._doc_filter(doc), _as_set(language)
        with (self.folder / output.RECORDS).open(encoding="utf-8") as lines:
            for n, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                except ValueError as exc:
                    raise DatasetError(f"{output.RECORDS}:{n}: not JSON: {exc}") from None
                if ((kinds is None or data.get("kind") in kinds)
                        and (wanted is None or data.get("doc_id") in wanted)
                        and (languages is None or data.get("language") in languages)):
                    record = record_of(data, where=f"{output.RECORDS}:{n}")
                    if record is not None:
                        yield record, data

    def _doc_filter(self, doc: str | Iterable[str] | None) -> set[str] | None:
        """doc_ids named by `doc`, each a doc_id or a document_key."""
        names = _as_set(doc)
        if names is None:
            return None
        keys = {e.document_key: e.doc_id for e in (self.manifest.documents if self.manifest else [])
                if e.document_key and e.doc_id}
        return {keys.get(name, name) for name in names}

    def _first_document(self) -> dict | None:
        first = next(iter(sorted((self.folder / output.DOCUMENTS).glob("*.json"))), None)
        return _read_json(first) if first else None


def check_version(version: str, where: str) -> None:
    """Accept the same major version; a newer minor one with a warning (what it adds is left out)."""
    ours = model.SCHEMA_VERSION
    try:
        theirs = tuple(int(part) for part in version.split("."))
    except ValueError:
        raise SchemaVersionError(f"{where}: schema_version {version!r} is not a version this reader knows") from None
    mine = tuple(int(part) for part in ours.split("."))
    if theirs[0] > mine[0]:
        raise SchemaVersionError(
            f"{where} is a schema {version} dataset; this intra-extract reads schema {mine[0]}.x (it is {ours}): "
            "upgrade intra-extract to read it")
    if theirs[0] < mine[0]:
        raise SchemaVersionError(f"{where} is a schema {version} dataset, older than this reader's {ours}: "
                                 "run intra-extract again to rewrite it")
    if theirs > mine:
        warnings.warn(f"{where} is schema {version}, newer than {ours}: fields and record kinds this "
                      "version does not know are left out", stacklevel=3)


def record_of(data: dict, where: str = "") -> model.Record | None:
    """The typed record, or None for a record kind this version does not know."""
    cls = model.RECORD_KINDS.get(data.get("kind"))  # type: ignore[arg-type]
    return _typed(cls, data, where) if cls is not None else None


def _typed(cls: type[BaseModel], data: Any, where: str = ""):
    if isinstance(data, dict):
        data = _known(cls, data)
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        raise DatasetError(f"{where or cls.__name__}: not a valid {cls.__name__}: {exc}") from None


def _known(cls: type[BaseModel], data: dict) -> dict:
    """`data` without what a newer minor version added: unknown fields, unknown record kinds."""
    known = {k: v for k, v in data.items() if k in cls.model_fields}
    if cls is model.Document and isinstance(known.get("records"), list):
        known["records"] = [_known(model.RECORD_KINDS[r["kind"]], r) for r in known["records"]
                            if isinstance(r, dict) and r.get("kind") in model.RECORD_KINDS]
    return known


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DatasetError(f"{path}: cannot be read: {exc}") from None


def _as_set(value: str | Iterable[str] | None) -> set[str] | None:
    if value is None:
        return None
    return {value} if isinstance(value, str) else set(value)
