"""`validate`: check a dataset folder the way an archivist or a reader program relies on it.

Every file against the JSON Schemas released in this package (never the copies in the folder,
which are checked to be those), the span invariant (and each good practice's field spans),
unique ids, `records.jsonl` holding exactly the records of the listed documents in their
order (no line missing, repeated or moved), the manifest agreeing with `documents/` (one entry
per path and per document, the same hashes and record counts), and per numbered list the gaps
and duplicates in its numbers. A file that is damaged in any way (not UTF-8, not JSON, nested
past reading, wrongly typed) is a finding, never a crash. Inputs the run could not read are
noted with their counts and codes. Exit status: 0 clean, 1 findings (or, with `strict`, any
failed input), 2 unusable input.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import output
from .corrections import check_dataset as check_corrections

MAX_SCHEMA_ERRORS = 20  # per file: the first ones say what is wrong


@dataclass(frozen=True)
class Finding:
    severity: str  # error | warning
    where: str
    message: str


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    documents: int = 0
    records: int = 0
    unusable: str | None = None
    inputs: Counter = field(default_factory=Counter)  # (status, code) of inputs not read as documents
    strict: bool = False

    def error(self, where: str, message: str) -> None:
        self.findings.append(Finding("error", where, message))

    def warning(self, where: str, message: str) -> None:
        self.findings.append(Finding("warning", where, message))

    @property
    def failed_inputs(self) -> int:
        return sum(n for (status, _), n in self.inputs.items() if status == "failed")

    @property
    def notices(self) -> list[str]:
        """One line per status: how many inputs the run did not make documents of, and why."""
        lines = []
        for status in ("failed", "unsupported"):
            codes = sorted((code, n) for (s, code), n in self.inputs.items() if s == status)
            if codes:
                total = sum(n for _, n in codes)
                lines.append(f"{total} input file(s) {status}: " + ", ".join(f"{n} {code}" for code, n in codes))
        return lines

    @property
    def exit_code(self) -> int:
        if self.unusable:
            return 2
        return 1 if self.findings or (self.strict and self.failed_inputs) else 0

    def summary(self) -> str:
        if self.unusable:
            return f"unusable: {self.unusable}"
        errors = sum(f.severity == "error" for f in self.findings)
        return (f"{self.documents} documents, {self.records} records: "
                f"{errors} errors, {len(self.findings) - errors} warnings")


@lru_cache(maxsize=1)
def _validators():
    import jsonschema

    return {name: jsonschema.Draft202012Validator(json.loads(text))
            for name, text in output.released_schemas().items()}


def _read_json(path: Path) -> Any:
    """The JSON in `path`; ValueError with a short reason for anything else."""
    try:
        return json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 (byte {exc.start})") from None
    except RecursionError:
        raise ValueError("nested too deeply to read") from None
    except OSError as exc:
        raise ValueError(f"cannot be read: {exc.strerror or exc}") from None


def _schema_errors(report: Report, where: str, validator, instance: Any) -> None:
    try:
        errors = sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])
    except RecursionError:
        report.error(where, "schema: nested too deeply to check")
        return
    for err in errors[:MAX_SCHEMA_ERRORS]:
        report.error(where, f"schema: {'/'.join(map(str, err.absolute_path)) or '(root)'}: {err.message[:200]}")


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def validate_dataset(folder: str | Path, strict: bool = False) -> Report:
    folder = Path(folder)
    report = Report(strict=strict)
    docs_dir = folder / output.DOCUMENTS
    if not folder.is_dir() or not docs_dir.is_dir():
        report.unusable = f"{folder} is not a dataset folder (no {output.DOCUMENTS}/)"
        return report
    try:
        _check(folder, report)
    except Exception as exc:  # a check of ours that something malformed still got past
        report.error(str(folder), f"could not be checked to the end: {type(exc).__name__}: {exc}")
    return report


def _check(folder: Path, report: Report) -> None:
    from .model import SCHEMA_VERSION

    validators = _validators()
    _check_schema_copies(report, folder)
    major = SCHEMA_VERSION.split(".")[0]
    ids: dict[str, str] = {}
    documents: dict[str, dict] = {}  # doc_id -> the document, when readable as an object
    for path in sorted((folder / output.DOCUMENTS).glob("*.json")):
        where = f"{output.DOCUMENTS}/{path.name}"
        try:
            doc = _read_json(path)
        except ValueError as exc:
            report.error(where, f"not readable JSON: {exc}")
            continue
        report.documents += 1
        _schema_errors(report, where, validators["document"], doc)
        if not isinstance(doc, dict):
            continue
        documents[path.stem] = doc
        if str(doc.get("schema_version", "")).split(".")[0] != major:
            report.error(where, f"schema_version {doc.get('schema_version')!r} is not major {major}")
        if doc.get("doc_id") != path.stem:
            report.error(where, f"doc_id {doc.get('doc_id')!r} does not match the file name")
        _check_records(report, where, doc, validators, ids)
    _check_index(report, folder, documents)
    check_corrections(report, folder)


def _check_schema_copies(report: Report, folder: Path) -> None:
    for name, released in output.released_schemas().items():
        rel = f"{output.SCHEMA}/{name}.schema.json"
        try:
            same = (folder / rel).read_bytes() == released.encode("utf-8")
        except OSError:
            report.error(rel, "missing (a run writes the released schemas)")
            continue
        if not same:
            report.error(rel, "differs from the schema released with this version (damaged or edited)")


def _check_records(report: Report, where: str, doc: dict, validators, ids: dict[str, str]) -> None:
    text = doc.get("text") if isinstance(doc.get("text"), str) else ""
    records = _list(doc.get("records"))
    report.records += len(records)
    for n, rec in enumerate(records):
        if not isinstance(rec, dict):
            report.error(f"{where} records/{n}", "not a record object")
            continue
        rid = rec.get("id") if isinstance(rec.get("id"), str) else f"records/{n}"
        rwhere = f"{where} {rid}"
        kind = rec.get("kind")
        if not isinstance(kind, str) or f"record.{kind}" not in validators:
            report.error(rwhere, f"unknown record kind {kind!r}")
        span = _dict(rec.get("span"))
        start, end = span.get("start"), span.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or text[start:end] != rec.get("text"):
            report.error(rwhere, "span invariant broken: document.text[span.start:span.end] != record.text")
        fields = _dict(rec.get("fields"))
        for key, fspan in _dict(rec.get("field_spans")).items():  # good practices
            fs, fe = _dict(fspan).get("start"), _dict(fspan).get("end")
            if not isinstance(fs, int) or not isinstance(fe, int) or text[fs:fe] != fields.get(key):
                report.error(rwhere, f"field {key!r}: document.text[field_spans] != fields[{key!r}]")
        if rid in ids:
            report.error(rwhere, f"id also used in {ids[rid]}")
        ids[rid] = where
        if rec.get("doc_id") != doc.get("doc_id"):
            report.error(rwhere, "doc_id differs from its document's")
    _check_numbering(report, where, records)


def _check_numbering(report: Report, where: str, records: list) -> None:
    lists: dict[tuple, list] = {}
    for rec in records:
        if isinstance(rec, dict) and rec.get("kind") == "recommendation":
            key = (str(rec.get("parent_id")), str(rec.get("list_index", 0)))
            lists.setdefault(key, []).append(rec.get("number"))
    for (parent, index), numbers in sorted(lists.items()):
        label = f"list {index}" + (f" of {parent}" if parent != "None" else "")
        seen: set = set()
        for n in numbers:
            if isinstance(n, (int, str)) and n in seen:
                report.warning(where, f"{label}: number {n} appears twice")
            if isinstance(n, (int, str)):
                seen.add(n)
        ints = sorted(n for n in seen if isinstance(n, int) and not isinstance(n, bool))
        missing = sorted(set(range(ints[0], ints[-1] + 1)) - seen) if ints and ints[-1] - ints[0] < 10_000 else []
        if missing:
            report.warning(where, f"{label}: numbers missing: {missing}")


def _check_index(report: Report, folder: Path, documents: dict[str, dict]) -> None:
    """The manifest against documents/, then records.jsonl against both."""
    listed = _check_manifest(report, folder, documents)
    # What records.jsonl must hold: the listed documents' records, in manifest order (all the
    # documents in name order when the manifest cannot say).
    order = listed if listed is not None else sorted(documents)
    expected = [(doc_id, rec) for doc_id in order for rec in _listed(documents.get(doc_id, {}))]
    _check_records_file(report, folder, expected)


def _listed(doc: dict) -> list:
    """A document's records as records.jsonl lists them: an archivist's rejected record stays
    in its document (with review "rejected") and out of the index."""
    return [rec for rec in _list(doc.get("records")) if output.listed(rec)]


def _check_manifest(report: Report, folder: Path, documents: dict[str, dict]) -> list[str] | None:
    """Findings on manifest.json; the doc_ids it lists as ok or unchanged, in its order (None
    when it cannot be read)."""
    from .identity import make_doc_id

    try:
        manifest = _read_json(folder / output.MANIFEST)
    except ValueError as exc:
        report.error(output.MANIFEST, f"not readable JSON: {exc}")
        return None
    _schema_errors(report, output.MANIFEST, _validators()["manifest"], manifest)
    entries = [e for e in _list(_dict(manifest).get("documents")) if isinstance(e, dict)]
    listed: list[str] = []
    seen: set[str] = set()  # the same, for lookups on a large manifest
    paths: Counter = Counter(str(e.get("path")) for e in entries)
    for path, n in sorted(paths.items()):
        if n > 1:
            report.error(output.MANIFEST, f"path {path!r} has {n} entries")
    for n, entry in enumerate(entries):
        where = f"{output.MANIFEST} documents/{n}"
        status, doc_id = entry.get("status"), entry.get("doc_id")
        if status not in ("ok", "unchanged"):
            error = _dict(entry.get("error"))
            report.inputs[(str(status), str(error.get("code", status)))] += 1
            continue
        if not isinstance(doc_id, str):
            report.error(where, f"status {status} without a doc_id")
            continue
        if doc_id in seen:
            report.error(where, f"document {doc_id} is listed twice")
            continue
        listed.append(doc_id)
        seen.add(doc_id)
        doc = documents.get(doc_id)
        if doc is None:
            report.error(output.MANIFEST, f"lists {doc_id}, which has no readable file in documents/")
            continue
        source = _dict(doc.get("source"))
        if entry.get("sha256") != source.get("sha256"):
            report.error(where, f"sha256 {entry.get('sha256')!r} differs from its document's {source.get('sha256')!r}")
        elif isinstance(entry.get("path"), str) and isinstance(entry.get("sha256"), str) \
                and make_doc_id(entry["path"], entry["sha256"]) != doc_id:
            report.error(where, f"doc_id {doc_id} is not the one its path and sha256 give")
        if entry.get("path") != source.get("path"):
            report.error(where, f"path {entry.get('path')!r} differs from its document's {source.get('path')!r}")
        count = len(_listed(doc))
        if entry.get("records") != count:
            report.error(where, f"records {entry.get('records')!r}, but its document holds {count}")
    for doc_id in sorted(set(documents) - set(listed)):
        report.error(output.MANIFEST, f"document {doc_id} is not listed as ok or unchanged")
    return listed


def _check_records_file(report: Report, folder: Path, expected: list[tuple[str, Any]]) -> None:
    path = folder / output.RECORDS
    try:
        data = path.read_bytes()
    except OSError:
        report.error(output.RECORDS, "missing")
        return
    want = {}
    for doc_id, rec in expected:
        if isinstance(rec, dict) and isinstance(rec.get("id"), str):
            want[rec["id"]] = rec
    order = list(want)
    index = {rid: i for i, rid in enumerate(order)}
    seen: set[str] = set()
    position = 0  # in `order`: where the next line should be
    for n, raw in enumerate(data.splitlines(), 1):
        where = f"{output.RECORDS}:{n}"
        try:
            rec = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            report.error(where, "not UTF-8")
            continue
        except (ValueError, RecursionError):
            report.error(where, "not JSON")
            continue
        rid = rec.get("id") if isinstance(rec, dict) else None
        if not isinstance(rid, str):
            report.error(where, "not a record object with an id")
            continue
        if rid in seen:
            report.error(where, f"record {rid} appears again")
            continue
        seen.add(rid)
        if rid not in want:
            report.error(where, f"record {rid} belongs to no listed document")
            continue
        if want[rid] != rec:
            report.error(where, f"record {rid} differs from its document's copy")
        if position < len(order) and order[position] == rid:
            position += 1
        else:
            report.error(where, f"record {rid} is out of order (documents in manifest order, then order of appearance)")
            position = index[rid] + 1
    for rid in [r for r in order if r not in seen]:
        report.error(output.RECORDS, f"record {rid} of documents/ is missing")
