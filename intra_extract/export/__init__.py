"""The dataset as tables, for SQLite (`to_sqlite`) and CSV (`to_csv`): one set of tables, two
writers, so both exports always hold the same columns.

Tables: `documents`; `records` (the fields every record has, its review status and the
machine's values an archivist corrected); one table per record kind (`sections`,
`recommendations`, `regions`, `dates`, `links`, `good_practices`) with the kind's own fields as
typed columns; `boxes` (one row per box a record covers); `nuts_regions` (every place of the
gazetteer with a NUTS code, which region records reference). Columns come from the pydantic
models: nested objects become prefixed columns (`span_start`, `region_nuts_code`), lists and
maps JSON text. Records are read from `records.jsonl`, so an archivist's corrections are what
the export holds and rejected records are left out.
"""

from __future__ import annotations

import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, Union

from pydantic import BaseModel

from .. import model
from ..dataset import Dataset

REVIEW_STATUSES = ("unreviewed", "accepted", "corrected", "rejected", "added")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, number, boolean, date, object, array
    description: str = ""
    enum: tuple[str, ...] | None = None


@dataclass
class Table:
    name: str
    description: str
    columns: list[Column]
    primary_key: list[str]
    foreign_keys: list[tuple[str, str, str]] = field(default_factory=list)  # (column, table, column)
    indexes: list[str] = field(default_factory=list)
    search: list[str] = field(default_factory=list)  # columns for full-text search
    rows: list[dict[str, Any]] = field(default_factory=list)

    def add(self, values: dict[str, Any]) -> None:
        self.rows.append({c.name: _cell(values.get(c.name), c.type) for c in self.columns})


def kind_table(kind: str) -> str:
    return f"{kind}s"


def build(ds: Dataset) -> list[Table]:
    """Every table of the dataset `ds`, filled."""
    documents = Table("documents", "One row per document: its source, language, type and whole text.",
                      _columns(model.Document, skip={"records"}), ["doc_id"],
                      indexes=["language", "document_key"], search=["title", "text"])
    for doc in ds.documents():
        documents.add(_flat(doc.model_dump(mode="json")))

    common = _common_fields()
    records = Table("records", "Every record: the fields all kinds have, and its review status.",
                    _record_columns(common), ["id"], [("doc_id", "documents", "doc_id")],
                    indexes=["kind", "doc_id", "language", "review"], search=["text"])
    by_kind = {kind: _kind_table(kind, cls, common) for kind, cls in model.RECORD_KINDS.items()}
    boxes = Table("boxes", "Every box a record's text covers on its page, in reading order.",
                  [Column("record_id", "string"), Column("n", "integer", "Order of the box in the record, from 1."),
                   Column("page", "integer", "1-based page."), Column("x0", "number"), Column("top", "number"),
                   Column("x1", "number"), Column("bottom", "number")],
                  ["record_id", "n"], [("record_id", "records", "id")], indexes=["page"])
    for record, written in ds.records_as_written():
        values = _flat(record.model_dump(mode="json"))
        # An archivist's review, as written (absent before the review tool: unreviewed).
        values["review"] = written.get("review") or "unreviewed"
        values["machine"] = written.get("machine")
        records.add(values)
        by_kind[record.kind].add(values)
        for n, (page, x0, top, x1, bottom) in enumerate(record.boxes, 1):
            boxes.add({"record_id": record.id, "n": n, "page": page, "x0": x0, "top": top, "x1": x1,
                       "bottom": bottom})
    return [documents, records, *by_kind.values(), boxes, nuts_regions()]


def nuts_regions() -> Table:
    """Every place of the gazetteer that has a NUTS code (countries by their NUTS 0 code), with
    all the names it is matched by."""
    from ..gazetteer import LEVELS, load_gazetteer

    gazetteer = load_gazetteer()
    names: dict[str, set[str]] = {}
    for form in gazetteer.forms:
        names.setdefault(form.place, set()).add(form.text)
    table = Table("nuts_regions", "NUTS 2021 regions (the UK as in NUTS 2016) and countries, from the "
                  "gazetteer the regions stage matches with.",
                  [Column("code", "string", "NUTS code (NUTS 0 for a country: UK, EL)."),
                   Column("level", "string", enum=tuple(level for level in LEVELS if level != "city")),
                   Column("country", "string", "ISO 3166-1 alpha-2; GB for the UK."),
                   Column("name", "string", "Canonical English name."),
                   Column("names", "array", "Every name the gazetteer matches, in any language.")],
                  ["code"], indexes=["country", "level"], search=["name", "names"])
    for place in sorted(gazetteer.places.values(), key=lambda p: p.nuts_code or ""):
        if place.nuts_code:
            table.add({"code": place.nuts_code, "level": place.level, "country": place.country,
                       "name": place.name, "names": sorted(names.get(place.key, ()))})
    return table


# ---------------------------------------------------------------------------- columns


def _common_fields() -> list[str]:
    """The fields every record kind has, in the models' order."""
    kinds = list(model.RECORD_KINDS.values())
    return [name for name in kinds[0].model_fields if all(name in k.model_fields for k in kinds)]


def _record_columns(common: list[str]) -> list[Column]:
    first = next(iter(model.RECORD_KINDS.values()))
    columns = [c for c in _columns(first, only=set(common) - {"boxes"}) if c.name != "kind"]
    columns.insert(2, Column("kind", "string", "The record's kind.", tuple(model.RECORD_KINDS)))
    # An archivist's review (added by the review tool): present as columns before and after.
    names = {c.name for c in columns}
    if "review" not in names:
        columns.append(Column("review", "string", "unreviewed, accepted, corrected, rejected or added.",
                              REVIEW_STATUSES))
    if "machine" not in names:
        columns.append(Column("machine", "object", "The machine's values of the fields a correction changed."))
    return columns


def _kind_table(kind: str, cls: type[BaseModel], common: list[str]) -> Table:
    shared = _columns(cls, only={"id", "doc_id", "page", "language", "text"})
    own = _columns(cls, skip=set(common))
    foreign = [("id", "records", "id"), ("doc_id", "documents", "doc_id")]
    foreign += [(c.name, "nuts_regions", "code") for c in own if c.name.endswith("nuts_code")]
    indexes = ["doc_id"] + [c.name for c in own if c.name in ("nuts_code", "start", "end", "number", "url")]
    description = " ".join((cls.__doc__ or "").strip().split("\n\n")[0].split())
    return Table(kind_table(kind), description or f"One row per {kind} record.",
                 shared + own, ["id"], foreign, indexes)


def _columns(cls: type[BaseModel], prefix: str = "", skip: set[str] = frozenset(),  # type: ignore[assignment]
             only: set[str] | None = None) -> list[Column]:
    out = []
    for name, info in cls.model_fields.items():
        if name in skip or (only is not None and name not in only):
            continue
        annotation = _unwrap(info.annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            out += _columns(annotation, f"{prefix}{name}_")
        else:
            out.append(_column(f"{prefix}{name}", annotation, info))
    return out


def _unwrap(annotation: Any) -> Any:
    """`X | None` -> X; `Annotated[X, ...]` -> X (kept when it is the ISO date type)."""
    if typing.get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = args[0] if len(args) == 1 else annotation
    return annotation


def _column(name: str, annotation: Any, info) -> Column:
    description = " ".join((info.description or "").split())
    origin = typing.get_origin(annotation)
    if annotation == model.ISODate or _is_iso_date(info):
        return Column(name, "date", description)
    if origin is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
        origin = typing.get_origin(annotation)
    if origin is Literal:
        return Column(name, "string", description, tuple(str(a) for a in typing.get_args(annotation)))
    if origin in (dict,) or annotation is dict:
        return Column(name, "object", description)
    if origin in (list, tuple) or annotation in (list, tuple):
        return Column(name, "array", description)
    scalar = {bool: "boolean", int: "integer", float: "number", str: "string"}
    return Column(name, scalar.get(annotation, "string"), description)


def _is_iso_date(info) -> bool:
    pattern = model.ISODate.__metadata__[0].metadata[0].pattern  # type: ignore[attr-defined]
    return any(getattr(m, "pattern", None) == pattern for m in info.metadata)


# ---------------------------------------------------------------------------- values


def _flat(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested objects as prefixed keys, as `_columns` names them; a mapping whose keys are data
    (languages, fields) stays one value, as its column is an object."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        out[f"{prefix}{key}"] = value
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}_"))
    return out


def _cell(value: Any, kind: str) -> Any:
    if value is not None and kind in ("object", "array"):
        return json.dumps(value, ensure_ascii=False)
    return value
