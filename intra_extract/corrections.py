"""Corrections: archivists' decisions on records, kept as data and applied on every run.

Each decision is one line of `DATASET/corrections/<document key>.jsonl` (`model.Correction`),
appended by the review server and never written by a run. The file is keyed by
`identity.document_key(source path)`, so it follows a file across re-issues. A decision points
at its record the way the W3C Web Annotation model points at text: the quote with context either
side (`TextQuoteSelector`) and its old position (`TextPositionSelector`), plus page and boxes.

A run finds each quote again in its new text (the context decides between equal quotes, the old
position only breaks ties), applies the decision to the record of the same kind there, and
says for each decision `applied`, or `orphaned` with the reason. Applied decisions leave their
mark on the records: `review` (accepted, corrected, rejected, added) and `machine` (the
machine's values of the fields a correction changed), so `machine_document` can always give
back what the machine alone said. Decisions apply in file order, each to the document as the
ones before it left it: that is the state the archivist saw when making it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable

from pydantic import ValidationError

from . import model
from .identity import document_key

FOLDER = "corrections"
CONTEXT = 32  # code points of context kept either side of a quote

# Fields a record's identity, provenance or review owns: never set by a correction.
FIXED = frozenset({"id", "doc_id", "kind", "review", "machine", "text", "span", "page", "bbox", "boxes",
                   "language"})
# Fields of a record made from its text, made again when a correction moves its span.
_NUMBER_PREFIX = re.compile(r"^\s*\(?\d{1,3}\s*[.)]\s*")
DERIVED: dict[str, Callable[[str], dict[str, Any]]] = {
    "section": lambda text: {"heading": text},
    "recommendation": lambda text: {"body": _NUMBER_PREFIX.sub("", text, count=1)},
}

# Makes a record of a class over text[start:end] with the given fields (page, boxes and
# language found by the caller: the run from its layout, the review server from what it has).
RecordMaker = Callable[[type, int, int, dict], Any]


# --- the files --------------------------------------------------------------------------------

def path_for(dataset: Path, source_path: str) -> Path:
    return Path(dataset) / FOLDER / f"{document_key(source_path)}.jsonl"


def keys_with_corrections(dataset: Path) -> set[str]:
    """The document keys that have a corrections file: one listing of the folder, so a run need
    not try to open a file for every input."""
    return {p.stem for p in (Path(dataset) / FOLDER).glob("*.jsonl")}


def read_text(dataset: Path, source_path: str) -> str:
    """The corrections file's text; "" when there is none. Bytes that are not UTF-8 become
    U+FFFD, so their lines are reported as not corrections; the run goes on either way."""
    path = path_for(dataset, source_path)
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except FileNotFoundError:
        return ""
    except OSError as exc:
        import logging

        logging.getLogger(__name__).warning("cannot read %s (%s): its corrections are not applied", path, exc)
        return ""


def fingerprint(text: str) -> str | None:
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text else None


def append(dataset: Path, source_path: str, correction: model.Correction) -> None:
    """One decision appended as one line, flushed to disk before this returns."""
    import os

    path = path_for(dataset, source_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(correction.model_dump(mode="json", exclude_none=True), ensure_ascii=False) + "\n"
    with path.open("a", encoding="utf-8", newline="\n") as fh:
        fh.write(line)
        fh.flush()
        os.fsync(fh.fileno())


def parse(text: str) -> tuple[list[model.Correction], list[tuple[int, str]]]:
    """The file's decisions, and (line number, problem) for each line that is not one."""
    found, problems = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            found.append(model.Correction.model_validate_json(line))
        except ValidationError as exc:
            problems.append((n, _first_error(exc)))
    return found, problems


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = "/".join(map(str, err.get("loc", ()))) or "(line)"
    return f"{where}: {err.get('msg', 'invalid')}"


# --- making decisions -------------------------------------------------------------------------

def editable(record) -> dict[str, Any]:
    """The record's fields as a decision's `before`/`after` holds them."""
    return {k: v for k, v in record.model_dump(mode="json").items() if k not in ("id", "doc_id", "review", "machine")}


def decision(document: model.Document, action: str, reviewer: str, record=None, after: dict | None = None,
             *, span: tuple[int, int] | None = None, kind: str | None = None, undoes: str | None = None,
             time: str | None = None, id: str | None = None) -> model.Correction:
    """A decision on `record` of `document` (accept, reject, edit with `after`), an addition
    over `span` (`kind`, `after`: its fields), or an undo of decision `undoes`."""
    import uuid
    from datetime import datetime, timezone

    if action == "undo":
        target = None
    elif record is not None:
        target = record_anchor(document, record)
    else:
        assert span is not None and kind is not None
        target = anchor(document, span[0], span[1], kind, boxes=(after or {}).get("boxes"))
    before = editable(record) if record is not None and action != "undo" else None
    if action == "edit" and before is not None:
        after = {**before, **(after or {})}
        if "span" in after and after["span"] != before["span"]:
            after["text"] = document.text[after["span"]["start"]:after["span"]["end"]]
    elif action == "accept":
        after = before
    elif action in ("reject", "undo"):
        after = None
    elif action == "add":
        after = {**(after or {}), "kind": kind, "span": {"start": span[0], "end": span[1]},
                 "text": document.text[span[0]:span[1]]}
    return model.Correction(
        id=id or uuid.uuid4().hex[:12], reviewer=reviewer,
        time=time or datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        action=action, target=target, before=before, after=after, undoes=undoes)


# --- anchoring --------------------------------------------------------------------------------

def anchor(document: model.Document, start: int, end: int, kind: str, record_id: str | None = None,
           page: int | None = None, boxes: list | None = None) -> model.Anchor:
    text = document.text
    return model.Anchor(
        source=document.source.path, doc_id=document.doc_id, record_id=record_id, kind=kind,
        selector=[model.TextQuoteSelector(exact=text[start:end], prefix=text[max(0, start - CONTEXT):start],
                                          suffix=text[end:end + CONTEXT]),
                  model.TextPositionSelector(start=start, end=end)],
        page=page, boxes=boxes or [])


def record_anchor(document: model.Document, record) -> model.Anchor:
    return anchor(document, record.span.start, record.span.end, record.kind, record.id, record.page, record.boxes)


def _selectors(target: model.Anchor) -> tuple[model.TextQuoteSelector | None, model.TextPositionSelector | None]:
    quote = next((s for s in target.selector if isinstance(s, model.TextQuoteSelector)), None)
    position = next((s for s in target.selector if isinstance(s, model.TextPositionSelector)), None)
    return quote, position


# Of a quote's context, the share that must still agree: less, and the words stand elsewhere
# (the same place name in another sentence), not where the archivist decided on them.
MIN_AGREEMENT = 0.25


def find(text: str, quote: model.TextQuoteSelector, near: int | None = None) -> tuple[int, int] | None:
    """Where the quote stands in `text`: of its occurrences, the one whose context agrees most
    with the quote's prefix and suffix; then the one nearest `near`. White space may differ.
    None when it is not there, or only where too little of its context agrees."""
    best = _best(text, quote, near)
    return best[0] if best and best[1] else None


def _best(text: str, quote: model.TextQuoteSelector, near: int | None) -> tuple[tuple[int, int], bool] | None:
    """The best occurrence, and whether enough of its context agrees."""
    hits = [(m.start(), m.end()) for m in _occurrences(text, quote.exact)]
    if not hits:
        return None

    def agreement(hit: tuple[int, int]) -> int:
        before = _common_suffix(text[max(0, hit[0] - len(quote.prefix)):hit[0]], quote.prefix)
        return before + _common_prefix(text[hit[1]:hit[1] + len(quote.suffix)], quote.suffix)

    hit = min(hits, key=lambda h: (-agreement(h), abs(h[0] - near) if near is not None else 0, h[0]))
    return hit, agreement(hit) >= MIN_AGREEMENT * (len(quote.prefix) + len(quote.suffix))


def _occurrences(text: str, exact: str):
    if not exact:
        return []
    found = list(re.finditer(re.escape(exact), text))
    if found or not exact.split():
        return found
    return list(re.finditer(r"\s+".join(re.escape(w) for w in exact.split()), text))


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


# --- applying ---------------------------------------------------------------------------------

class Orphaned(Exception):
    """A decision that cannot be applied to this output; the message says why."""


def apply(document: model.Document, text: str, make: RecordMaker) -> model.Document:
    """`document` (as the machine made it) with the decisions of a corrections file's `text`
    applied, and `document.corrections` saying what became of each."""
    decisions, problems = parse(text)
    outcomes: list[model.CorrectionOutcome] = []
    undone = {d.undoes for d in decisions if d.action == "undo" and d.undoes}
    records = list(document.records)
    added = 0
    for decision in decisions:
        if decision.action == "undo":
            continue
        if decision.id in undone:
            outcomes.append(model.CorrectionOutcome(id=decision.id, action=decision.action, status="undone"))
            continue
        try:
            if decision.action == "add":
                added += 1
                record = _add(document, records, decision, added, make)
            else:
                record = _decide(document, records, decision, make)
        except Orphaned as exc:
            outcomes.append(model.CorrectionOutcome(id=decision.id, action=decision.action, status="orphaned",
                                                    reason=str(exc)))
            continue
        outcomes.append(model.CorrectionOutcome(id=decision.id, action=decision.action, status="applied",
                                                record_id=record.id))
    for n, problem in problems:
        outcomes.append(model.CorrectionOutcome(id=f"line {n}", action=None, status="orphaned",
                                                reason=f"line {n} is not a correction: {problem}"))
    return document.model_copy(update={"records": records, "corrections": outcomes})


def _locate(document: model.Document, target: model.Anchor | None) -> tuple[int, int]:
    if target is None:
        raise Orphaned("the decision names no record")
    quote, position = _selectors(target)
    if quote is None:
        raise Orphaned("the decision has no TextQuoteSelector")
    best = _best(document.text, quote, position.start if position else None)
    if best is None:
        raise Orphaned(f"the quoted text {_short(quote.exact)} is no longer in the document")
    if not best[1]:
        raise Orphaned(f"the quoted text {_short(quote.exact)} now stands only in other contexts "
                       f"(nearest at {best[0][0]})")
    return best[0]


def _target(document: model.Document, records: list, decision: model.Correction) -> int:
    """Index in `records` of the record the decision is about."""
    assert decision.target is not None
    start, end = _locate(document, decision.target)
    kind = decision.target.kind
    best, best_overlap = None, 0
    for i, rec in enumerate(records):
        if rec.kind != kind:
            continue
        if (rec.span.start, rec.span.end) == (start, end):
            return i
        overlap = min(end, rec.span.end) - max(start, rec.span.start)
        if overlap * 2 > max(end - start, rec.span.end - rec.span.start) and overlap > best_overlap:
            best, best_overlap = i, overlap
    if best is None:
        raise Orphaned(f"no {kind} record at {_short(document.text[start:end])} any more (at {start})")
    return best


def _decide(document: model.Document, records: list, decision: model.Correction, make: RecordMaker):
    i = _target(document, records, decision)
    rec = records[i]
    if decision.action == "accept":
        review = rec.review if rec.review in ("corrected", "added") else "accepted"
        rec = rec.model_copy(update={"review": review})
    elif decision.action == "reject":
        rec = rec.model_copy(update={"review": "rejected"})
    else:  # edit
        rec = _edit(document, rec, decision, make)
    records[i] = rec
    return rec


def _edit(document: model.Document, rec, decision: model.Correction, make: RecordMaker):
    before, after = decision.before or {}, decision.after or {}
    changes = {k: v for k, v in after.items() if k not in FIXED and before.get(k, _MISSING) != v}
    span = _moved_span(document, rec, decision)
    fields = rec.model_dump(mode="json")
    current = dict(fields)
    fields.update(changes)
    if span is not None:
        moved = _made(make, rec.kind, span, {k: fields[k] for k in fields if k not in FIXED})
        fields.update({k: moved[k] for k in ("text", "span", "page", "bbox", "boxes")})
        fields.update({k: v for k, v in DERIVED.get(rec.kind, lambda _: {})(fields["text"]).items()
                       if k not in changes})
    changed = {k for k in fields if k not in ("review", "machine") and fields[k] != current[k]}
    machine = dict(rec.machine or {})
    if rec.review != "added":
        for k in sorted(changed):
            machine.setdefault(k, current[k])
    fields["machine"] = machine or None
    # An edit that changes nothing the machine said is an acceptance.
    fields["review"] = "added" if rec.review == "added" else "corrected" if machine else "accepted"
    return _validated(rec.kind, fields)


_MISSING = object()


def _moved_span(document: model.Document, rec, decision: model.Correction) -> tuple[int, int] | None:
    """The record's new span when the decision moves it: the corrected text found again near
    where the record stands now, by the same offset from it as when it was made."""
    after_span = (decision.after or {}).get("span")
    before_span = (decision.before or {}).get("span")
    if not after_span or after_span == before_span:
        return None
    old_start = (before_span or {}).get("start", rec.span.start)
    guess = after_span["start"] - old_start + rec.span.start
    quote = model.TextQuoteSelector(exact=(decision.after or {}).get("text", ""))
    where = find(document.text, quote, guess)
    if where is None:
        raise Orphaned(f"the corrected text {_short(quote.exact)} is no longer in the document")
    return where


def _add(document: model.Document, records: list, decision: model.Correction, n: int, make: RecordMaker):
    after = decision.after or {}
    kind = (decision.target.kind if decision.target else None) or after.get("kind")
    if kind not in model.RECORD_KINDS:
        raise Orphaned(f"cannot add a record of kind {kind!r}")
    start, end = _locate(document, decision.target)
    fields = {k: v for k, v in after.items() if k not in FIXED}
    found = next((i for i, r in enumerate(records) if r.kind == kind and r.review != "added"
                  and (r.span.start, r.span.end) == (start, end)), None)
    if found is not None:  # the machine finds it now: the archivist's fields correct its record
        rec = records[found]
        as_edit = decision.model_copy(update={"before": editable(rec), "after": {**editable(rec), **fields}})
        records[found] = rec = _edit(document, rec, as_edit, make)
        return rec
    record = _made(make, kind, (start, end), fields)
    record.update({"id": f"{document.doc_id}/{kind}/added-{n}", "review": "added", "machine": None})
    record.update({k: v for k, v in DERIVED.get(kind, lambda _: {})(record["text"]).items() if k not in fields})
    rec = _validated(kind, record)
    records.append(rec)
    # Order of appearance, as `records.finalise` orders them; the sort is stable.
    from .records import KIND_ORDER

    records.sort(key=lambda r: (r.span.start, KIND_ORDER.get(r.kind, 9), -r.span.end))
    return rec


def _made(make: RecordMaker, kind: str, span: tuple[int, int], fields: dict) -> dict:
    cls = model.RECORD_KINDS[kind]
    try:
        return make(cls, span[0], span[1], fields).model_dump(mode="json")
    except (ValidationError, TypeError, ValueError) as exc:
        raise Orphaned(f"the {kind} record cannot be made: {_reason(exc)}") from None


def _validated(kind: str, fields: dict):
    try:
        return model.RECORD_KINDS[kind].model_validate(fields)
    except ValidationError as exc:
        raise Orphaned(f"the corrected {kind} is not valid: {_reason(exc)}") from None


def _reason(exc: Exception) -> str:
    return _first_error(exc) if isinstance(exc, ValidationError) else str(exc)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[:limit - 1] + "…")


def machine_document(document: model.Document) -> model.Document:
    """What the machine alone made of the file: added records gone, the machine's values
    back, every record unreviewed."""
    records = []
    for rec in document.records:
        if rec.review == "added":
            continue
        restored = {**rec.model_dump(mode="json"), **(rec.machine or {}), "review": "unreviewed", "machine": None}
        records.append(type(rec).model_validate(restored))
    return document.model_copy(update={"records": records, "corrections": []})


def counts(document_json: str | None, text: str) -> model.CorrectionCounts | None:
    """The manifest's summary of a file's corrections, from its document as written."""
    sha = fingerprint(text)
    if sha is None or not document_json:
        return None
    statuses = [o.get("status") for o in json.loads(document_json).get("corrections", [])]
    return model.CorrectionCounts(sha256=sha, applied=statuses.count("applied"), orphaned=statuses.count("orphaned"))


def simple_maker(document: model.Document) -> RecordMaker:
    """A RecordMaker without the layout (the review server's): the page and boxes of the
    records the new span lies in or next to, the document's language."""
    def make(cls: type, start: int, end: int, fields: dict):
        near = _neighbour(document.records, start, end)
        boxes = fields.pop("boxes", None) or (near.boxes if near is not None else [])
        page = fields.pop("page", None) or (int(boxes[0][0]) if boxes else (near.page if near else None))
        fields = {"language": document.language, **{k: v for k, v in fields.items() if k != "bbox"}}
        return cls(id="", doc_id=document.doc_id, text=document.text[start:end],
                   span=model.Span(start=start, end=end), page=page,
                   bbox=list(boxes[0][1:]) if boxes else None, boxes=boxes, **fields)
    return make


def _neighbour(records: Iterable, start: int, end: int):
    best, best_key = None, None
    for rec in records:
        if not rec.boxes:
            continue
        inside = rec.span.start <= start and end <= rec.span.end
        distance = 0 if inside else min(abs(rec.span.start - start), abs(rec.span.end - end))
        key = (0 if inside else 1, rec.span.end - rec.span.start if inside else distance)
        if best_key is None or key < best_key:
            best, best_key = rec, key
    return best


# --- checking ---------------------------------------------------------------------------------

def check_dataset(report, folder: Path) -> None:
    """`validate`'s checks of DATASET/corrections/: every line a correction, every file a source
    of the manifest, applied by the last run (not changed since), and what was orphaned."""
    folder = Path(folder)
    corr_dir = folder / FOLDER
    if not corr_dir.is_dir():
        return
    manifest = _read_json(folder / "manifest.json") or {}
    by_key = {document_key(e["path"]): e for e in manifest.get("documents", [])
              if isinstance(e, dict) and isinstance(e.get("path"), str)}
    for path in sorted(corr_dir.glob("*.jsonl")):
        where = f"{FOLDER}/{path.name}"
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")  # as a run reads it
        except OSError as exc:
            report.error(where, f"not readable: {exc}")
            continue
        decisions, problems = parse(text)
        for n, problem in problems:
            report.error(f"{where}:{n}", f"not a correction: {problem}")
        ids = [d.id for d in decisions]
        for dup in sorted(i for i, n in Counter(ids).items() if n > 1):
            report.error(where, f"decision id {dup!r} used twice")
        for d in decisions:
            if d.action == "undo" and d.undoes not in ids:
                report.error(where, f"undo {d.id!r} takes back {d.undoes!r}, which is not in the file")
        entry = by_key.get(path.stem)
        if entry is None:
            report.warning(where, "no input file of the last run has this document key")
            continue
        done = entry.get("corrections") or {}
        if done.get("sha256") != fingerprint(text):
            report.warning(where, "changed since the last run: run again to apply it")
            continue
        doc = _read_json(folder / "documents" / f"{entry.get('doc_id')}.json") if entry.get("doc_id") else None
        for outcome in (doc or {}).get("corrections", []):
            if outcome.get("status") == "orphaned":
                report.warning(where, f"{outcome.get('id')} ({outcome.get('action')}) orphaned: {outcome.get('reason')}")


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
