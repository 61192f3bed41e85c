"""The dataset as CSV files: one per table of `export` (documents, records, one per record kind,
boxes, nuts_regions), each with its Frictionless Table Schema (`<table>.schema.json`: types,
enumerations, primary and foreign keys), and a `datapackage.json` over them that
`frictionless validate` checks, foreign keys included."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .. import datapackage, output
from ..dataset import Dataset
from . import Table, build


def export_csv(ds: Dataset, out: str | Path) -> dict[str, int]:
    """Write `ds` as CSV tables into the folder `out`; returns the number of rows of each table."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tables = build(ds)
    resources = []
    for table in tables:
        output.atomic_write(out / f"{table.name}.csv", _csv_text(table))
        output.atomic_write(out / f"{table.name}.schema.json", output.json_text(table_schema(table)))
        resources.append(datapackage.resource(out, f"{table.name}.csv", title=table.name,
                                              description=table.description, dialect={"header": True},
                                              schema=f"{table.name}.schema.json"))
    created = ds.manifest.finished if ds.manifest else None
    descriptor = datapackage.package(resources, created, title="intra-extract dataset, as tables",
                                     description=f"Exported from the intra-extract dataset {ds.folder.name}/.")
    output.atomic_write(out / datapackage.FILE, output.json_text(descriptor))
    return {t.name: len(t.rows) for t in tables}


def table_schema(table: Table) -> dict:
    fields = []
    for column in table.columns:
        spec: dict = {"name": column.name, "type": column.type}
        if column.description:
            spec["description"] = column.description
        constraints = {}
        if column.enum:
            constraints["enum"] = list(column.enum)
        if column.name in table.primary_key:
            constraints["required"] = True
        if constraints:
            spec["constraints"] = constraints
        fields.append(spec)
    schema: dict = {"fields": fields, "primaryKey": table.primary_key, "missingValues": [""]}
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": column, "reference": {"resource": _resource(other), "fields": other_column}}
            for column, other, other_column in table.foreign_keys]
    return schema


def _resource(table_name: str) -> str:
    return datapackage.resource_name(f"{table_name}.csv")


def _csv_text(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, [c.name for c in table.columns], lineterminator="\n")
    writer.writeheader()
    writer.writerows(table.rows)
    return buffer.getvalue()
