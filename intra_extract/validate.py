"""`validate`: check a dataset folder the way an archivist or a reader program relies on it.

Every file against the JSON Schemas (those in the folder's `schema/`, else the ones the
models generate), the span invariant (and each good practice's field spans), unique ids, `records.jsonl` and the manifest
agreeing with `documents/`, and per numbered list the gaps and duplicates in its numbers.
Exit status: 0 clean, 1 findings, 2 unusable input.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from . import output
from .corrections import check_dataset as check_corrections



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

    def error(self, where: str, message: str) -> None:
        self.findings.append(Finding("error", where, message))

    def warning(self, where: str, message: str) -> None:
        self.findings.append(Finding("warning", where, message))

    @property
    def exit_code(self) -> int:
        if self.unusable:
            return 2
        return 1 if self.findings else 0

    def summary(self) -> str:
        if self.unusable:
            return f"unusable: {self.unusable}"
        errors = sum(f.severity == "error" for f in self.findings)
        return (f"{self.documents} documents, {self.records} records: "
                f"{errors} errors, {len(self.findings) - errors} warnings")


def _validators(folder: Path):
    import jsonschema

    schemas = {}
    schema_dir = folder / output.SCHEMA
    for name, released in output.released_schemas().items():
        path = schema_dir / f"{name}.schema.json"
        schemas[name] = jsonschema.Draft202012Validator(json.loads(path.read_text(encoding="utf-8")
                                                                   if path.is_file() else released))
    return schemas


def validate_dataset(folder: str | Path) -> Report:
    from .model import SCHEMA_VERSION

    folder = Path(folder)
    report = Report()
    docs_dir = folder / output.DOCUMENTS
    if not folder.is_dir() or not docs_dir.is_dir():
        report.unusable = f"{folder} is not a dataset folder (no {output.DOCUMENTS}/)"
        return report
    try:
        validators = _validators(folder)
    except (ValueError, OSError) as exc:
        report.unusable = f"the schemas in {folder / output.SCHEMA} cannot be read: {exc}"
        return report
    major = SCHEMA_VERSION.split(".")[0]
    ids: dict[str, str] = {}
    all_records: list[dict] = []
    doc_ids: set[str] = set()
    for path in sorted(docs_dir.glob("*.json")):
        where = f"{output.DOCUMENTS}/{path.name}"
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, OSError) as exc:
            report.error(where, f"not readable JSON: {exc}")
            continue
        report.documents += 1
        for err in sorted(validators["document"].iter_errors(doc), key=lambda e: list(e.absolute_path))[:20]:
            report.error(where, f"schema: {'/'.join(map(str, err.absolute_path)) or '(root)'}: {err.message[:200]}")
        if not isinstance(doc, dict):
            continue
        if str(doc.get("schema_version", "")).split(".")[0] != major:
            report.error(where, f"schema_version {doc.get('schema_version')!r} is not major {major}")
        if doc.get("doc_id") != path.stem:
            report.error(where, f"doc_id {doc.get('doc_id')!r} does not match the file name")
        doc_ids.add(path.stem)
        text = doc.get("text", "")
        records = doc.get("records") or []
        report.records += len(records)
        for rec in records:
            if not isinstance(rec, dict):
                continue
            rid = rec.get("id", "?")
            rwhere = f"{where} {rid}"
            kind = rec.get("kind")
            validator = validators.get(f"record.{kind}")
            if validator is None:
                report.error(rwhere, f"unknown record kind {kind!r}")
            span = rec.get("span") or {}
            start, end = span.get("start"), span.get("end")
            if not isinstance(start, int) or not isinstance(end, int) or text[start:end] != rec.get("text"):
                report.error(rwhere, "span invariant broken: document.text[span.start:span.end] != record.text")
            for key, fspan in (rec.get("field_spans") or {}).items():  # good practices
                fs, fe = (fspan or {}).get("start"), (fspan or {}).get("end")
                if not isinstance(fs, int) or not isinstance(fe, int) or text[fs:fe] != (rec.get("fields") or {}).get(key):
                    report.error(rwhere, f"field {key!r}: document.text[field_spans] != fields[{key!r}]")
            if rid in ids:
                report.error(rwhere, f"id also used in {ids[rid]}")
            ids[rid] = where
            if rec.get("doc_id") != doc.get("doc_id"):
                report.error(rwhere, "doc_id differs from its document's")
            if rec.get("review") != "rejected":  # a rejected record stays out of records.jsonl
                all_records.append(rec)
        _check_numbering(report, where, records)
    _check_index(report, folder, all_records, doc_ids, validators)
    check_corrections(report, folder)
    return report


def _check_numbering(report: Report, where: str, records: list) -> None:
    lists: dict[tuple, list[int]] = {}
    for rec in records:
        if isinstance(rec, dict) and rec.get("kind") == "recommendation":
            key = (rec.get("parent_id"), rec.get("list_index", 0))
            lists.setdefault(key, []).append(rec.get("number"))
    for (parent, index), numbers in sorted(lists.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])):
        label = f"list {index}" + (f" of {parent}" if parent else "")
        seen = set()
        for n in numbers:
            if n in seen:
                report.warning(where, f"{label}: number {n} appears twice")
            seen.add(n)
        ints = sorted(n for n in seen if isinstance(n, int))
        missing = sorted(set(range(ints[0], ints[-1] + 1)) - seen) if ints else []
        if missing:
            report.warning(where, f"{label}: numbers missing: {missing}")


def _check_index(report: Report, folder: Path, all_records: list[dict], doc_ids: set[str], validators) -> None:
    records_path = folder / output.RECORDS
    if not records_path.is_file():
        report.error(output.RECORDS, "missing")
    else:
        by_id = {r.get("id"): r for r in all_records}
        listed = set()
        for n, line in enumerate(records_path.read_text(encoding="utf-8").splitlines(), 1):
            try:
                rec = json.loads(line)
            except ValueError:
                report.error(f"{output.RECORDS}:{n}", "not JSON")
                continue
            listed.add(rec.get("id"))
            if by_id.get(rec.get("id")) != rec:
                report.error(f"{output.RECORDS}:{n}", f"record {rec.get('id')} differs from its document's copy")
        for rid in sorted(set(by_id) - listed):
            report.error(output.RECORDS, f"record {rid} of documents/ is missing")
    manifest_path = folder / output.MANIFEST
    if not manifest_path.is_file():
        report.error(output.MANIFEST, "missing")
        return
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except ValueError as exc:
        report.error(output.MANIFEST, f"not JSON: {exc}")
        return
    for err in validators["manifest"].iter_errors(manifest):
        report.error(output.MANIFEST, f"schema: {err.message[:200]}")
    if isinstance(manifest, dict):
        listed = {e.get("doc_id") for e in manifest.get("documents", [])
                  if isinstance(e, dict) and e.get("status") in ("ok", "unchanged")}
        for doc_id in sorted(doc_ids - listed):
            report.error(output.MANIFEST, f"document {doc_id} is not listed as ok or unchanged")
        for doc_id in sorted(listed - doc_ids - {None}):
            report.error(output.MANIFEST, f"lists {doc_id}, which has no file in documents/")
