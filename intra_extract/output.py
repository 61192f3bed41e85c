"""Writing the dataset under `structured/` as the contract (`docs/dataset.md`) fixes it.

Every file is written atomically (a temporary file in the same folder, then rename), and
`records.jsonl` and `manifest.json` are rebuilt from `documents/` at the end of a run, so
a run killed at any moment leaves the previous dataset readable and the next run whole.

The folder is ours only if it was empty or holds our manifest (`claim`), and a run deletes
nothing but documents and temporary files of ours. A run's files go through a `Writer`:
documents first, then `records.jsonl` and the manifest staged beside their final names and
switched in together; when the disk fills or a permission is missing on the way, what this
run added is removed and `OutputUnwritable` says so in one line, the previous dataset intact.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel

from . import corrections, model
from .errors import OutputUnwritable

DOCUMENTS = "documents"
RECORDS = "records.jsonl"
MANIFEST = "manifest.json"
SCHEMA = "schema"
LOCK = ".lock"
_TMP = ".tmp-"
# The file names a run gives documents (identity.make_doc_id): the only ones it ever deletes.
_OUR_DOCUMENT = re.compile(r"[a-z0-9-]*-[0-9a-f]{10}\.json")


def claim(out: Path) -> bool:
    """Make sure the run may write `out`: a new folder is made, an existing one must be empty
    (but for archivists' corrections, which may come before the dataset they correct) or hold
    a manifest of ours. True when the folder holds no dataset yet."""
    if out.exists() and not out.is_dir():
        raise OutputUnwritable(f"cannot write the dataset to {out}: it is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        present = [p.name for p in out.iterdir() if p.name not in (LOCK, corrections.FOLDER)]
    except OSError as exc:
        raise unwritable(exc, out) from None
    if not present:
        return True
    if read_manifest(out) is None:
        raise OutputUnwritable(f"{out} is not empty and holds no intra-extract dataset (no readable {MANIFEST}); "
                               "give --out a new or empty folder, so nothing of yours is overwritten")
    return False


def unwritable(exc: OSError, out: Path) -> OutputUnwritable:
    where = exc.filename or out
    return OutputUnwritable(f"cannot write the dataset in {out} ({where}: {exc.strerror or exc}); "
                            "the previous dataset is left as it was")


def to_json(obj: BaseModel) -> str:
    return to_json_bytes(obj).decode("utf-8")


def to_json_bytes(obj: BaseModel) -> bytes:
    """The JSON of a model, UTF-8 encoded, as the dataset's files hold it.

    pydantic's own serialiser writes what json.dumps(model_dump(), ensure_ascii=False,
    indent=2) writes, byte for byte (every float of ours is rounded, so none falls where the
    two spell numbers apart, below 1e-4), four times as fast and without the dicts in
    between (some 25 MiB at the peak for a 500-page document); and as bytes, without a str
    in between (2 bytes a character once one is past U+00FF: 17 MiB for 500 pages)."""
    from pydantic_core import PydanticSerializationError

    try:
        return obj.__pydantic_serializer__.to_json(obj, indent=2) + b"\n"  # (model_dump_json's own)
    except PydanticSerializationError:  # it refuses a lone surrogate: the error as ever, below
        pass
    # a lone surrogate (a broken text layer) fails in the encoding, in the worker, as the file's error
    return (json.dumps(obj.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _file_mode() -> int:
    """What `open()` would give a new file under the current umask (0644 by default): mkstemp's
    0600 would hide the dataset from the other users who read it."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: Path, text: str) -> None:
    os.replace(_write_beside(path, text), path)


def _write_beside(path: Path, text: str) -> Path:
    """`text` in a temporary file beside `path`, on disk; its name is returned."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_TMP, suffix=path.suffix)
    try:
        os.fchmod(fd, _file_mode())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


class Writer:
    """One run's writes to the dataset at `out`, all or nothing for the previous dataset.

    `known` are the documents the previous manifest lists: any other this run writes is new,
    and removed again if the run cannot finish. Use as a context manager: an OSError inside
    undoes what was added and becomes `OutputUnwritable`."""

    def __init__(self, out: Path, known: set[str]):
        self.out, self.known = out, known
        self.added: list[Path] = []
        self.staged: list[tuple[Path, Path]] = []  # (temporary, final)

    def __enter__(self) -> "Writer":
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if exc is None:
            return
        for path in [tmp for tmp, _ in self.staged] + self.added:
            path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise unwritable(exc, self.out) from None

    def document(self, doc_id: str, document_json: str) -> None:
        path = document_path(self.out, doc_id)
        if doc_id not in self.known and not path.exists():
            self.added.append(path)
        atomic_write(path, document_json)

    def stage(self, name: str, text: str) -> None:
        """`text` for the file `name`, switched in by `commit`."""
        self.staged.append((_write_beside(self.out / name, text), self.out / name))

    def commit(self) -> None:
        (self.out / DOCUMENTS).mkdir(exist_ok=True)  # there even when every input failed
        for tmp, final in self.staged:  # the manifest, staged last, switches last
            os.replace(tmp, final)
        self.staged, self.added = [], []  # the dataset's now: never undone


def document_path(out: Path, doc_id: str) -> Path:
    return out / DOCUMENTS / f"{doc_id}.json"


def document_intact(out: Path, doc_id: str, sha256: str, records: int) -> bool:
    """Whether documents/<doc_id>.json is still what a run wrote for these bytes; a damaged or
    missing one is parsed again. A file older than the manifest (written before the run that
    made it ended, untouched since) is checked by its ends, as `to_json` writes them: reading
    every document in full would make an unchanged re-run several times slower. A newer one
    (edited, restored, checked out) is read in full: that document, that source, that many
    records."""
    path = document_path(out, doc_id)
    try:
        size, mtime = (st := path.stat()).st_size, st.st_mtime_ns
        if mtime < (out / MANIFEST).stat().st_mtime_ns:
            with path.open("rb") as fh:
                head = fh.read(4096)
                fh.seek(max(0, size - 2))
                return (fh.read() == b"}\n" and f'"doc_id": {json.dumps(doc_id)},'.encode() in head
                        and f'"sha256": "{sha256}",'.encode() in head)
        doc = json.loads(path.read_bytes())
        return (doc["doc_id"] == doc_id and doc["source"]["sha256"] == sha256
                and isinstance(doc["records"], list)
                and sum(map(listed, doc["records"])) == records)
    except (OSError, ValueError, RecursionError, KeyError, TypeError):
        return False


def read_manifest(out: Path) -> model.Manifest | None:
    try:
        return model.Manifest.model_validate_json((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def listed(rec: Any) -> bool:
    """Whether records.jsonl lists a record (a dict or a model): an archivist's rejected record
    stays in its document only. The one place that rule is written."""
    review = rec.get("review") if isinstance(rec, dict) else getattr(rec, "review", None)
    return review != "rejected"


def record_lines(document_json: str) -> list[str]:
    """A document's records as the lines of records.jsonl."""
    return [json.dumps(rec, ensure_ascii=False) for rec in json.loads(document_json)["records"] if listed(rec)]


def records_text(out: Path, doc_ids: Iterable[str], known: dict[str, list[str]] | None = None) -> str:
    """records.jsonl from the documents, in manifest order then order of appearance.
    `known`: the lines of documents already at hand (`record_lines`), not read again."""
    lines = []
    for doc_id in doc_ids:
        if known and doc_id in known:
            lines.extend(known[doc_id])
        else:
            lines.extend(record_lines(document_path(out, doc_id).read_text(encoding="utf-8")))
    return "".join(line + "\n" for line in lines)


def write_manifest(out: Path, manifest: model.Manifest) -> None:
    atomic_write(out / MANIFEST, to_json(manifest))


JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_id(name: str, version: str = model.SCHEMA_VERSION) -> str:
    """A schema's `$id`: a name, not a place to fetch (the files travel with the dataset and the
    package), stable for one schema at one version."""
    return f"urn:intra-extract:schema:{version}:{name}"


def schemas() -> dict[str, dict]:
    """JSON Schema of every model the dataset holds, generated from the models."""
    return {name: {"$schema": JSON_SCHEMA_DIALECT, "$id": schema_id(name), **cls.model_json_schema()}
            for name, cls in sorted(model.SCHEMA_MODELS.items())}


def json_text(data: dict | list) -> str:
    """How the dataset writes JSON: UTF-8 as is, indented, one final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def schema_text(schema: dict) -> str:
    return json_text(schema)


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
    is missing or differs (damaged, edited, older) is rewritten. Returns the files rewritten."""
    return [path for name, text in (released_schemas() if texts is None else texts).items()
            if write_if_changed(path := out_dir / f"{name}.schema.json", text)]


def write_if_changed(path: Path, text: str) -> bool:
    """`text` into `path` unless the file already holds exactly that (its time stays as it was).
    True when it was written."""
    if path.is_file() and path.read_text(encoding="utf-8", errors="replace") == text:
        return False
    atomic_write(path, text)
    return True


def prune_documents(out: Path, keep: set[str]) -> list[str]:
    """Remove documents of ours no manifest entry refers to any more, and temporary files a
    killed run left; returns the documents' ids. Files a run does not name are never touched."""
    removed = []
    folder = out / DOCUMENTS
    if folder.is_dir():
        for path in sorted(folder.glob("*.json")):
            if path.stem not in keep and _OUR_DOCUMENT.fullmatch(path.name) and path.is_file():
                with contextlib.suppress(OSError):  # the dataset is whole without it: a later run tries again
                    path.unlink()
                    removed.append(path.stem)
    for tmp in [*out.glob(_TMP + "*"), *out.glob(f"*/{_TMP}*")]:  # left by a killed run
        with contextlib.suppress(OSError):
            tmp.unlink()
    return removed
