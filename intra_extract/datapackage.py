"""`datapackage.json`: the dataset described as a Frictionless Data Package.

Data portals and `frictionless validate` read it: what the package is (name, version = the
schema version, licence, when it was made) and one resource per file, with its path, format,
media type, size and sha256, so a copy can be checked file by file. The JSON files name
their JSON Schema in `jsonSchema` (a Frictionless resource's `schema` is a Table Schema, which
these are not); `records.jsonl` names one record schema per kind.

The descriptor is deterministic: `created` is the manifest's `finished` time, so a run that
keeps the manifest as it was keeps this file as it was too. The CSV export (`export/to_csv.py`)
describes its tables with the same `resource` and `package`.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from . import model, output

FILE = "datapackage.json"
NAME = "intra-extract-dataset"
# The records are extracts of third-party documents: they stay under their sources' terms,
# which vary from document to document, so no single open licence can be claimed for them.
# ("other-at": Open Definition's id for "other, attribution"). The software is Apache-2.0.
LICENSES = [{
    "name": "other-at",
    "title": "The data inherits the terms of its source documents (see each document's source.path); "
             "the intra-extract software that made it is Apache-2.0",
}]

_FORMATS = {  # file ending -> (Frictionless resource type, format, media type)
    ".json": ("json", "json", "application/json"),
    ".jsonl": ("file", "jsonl", "application/jsonl"),
    ".csv": ("table", "csv", "text/csv"),
}


def resource_name(rel: str) -> str:
    """A resource name Frictionless accepts (lower case, digits, `-._/`): the path without its ending."""
    stem = rel.removesuffix(".schema.json") if rel.endswith(".schema.json") else rel.rsplit(".", 1)[0]
    return re.sub(r"[^-a-z0-9./]", "-", stem.lower())


def resource(folder: Path, rel: str, **extra) -> dict:
    """The resource for the file `folder/rel`, measured as it is on disk."""
    data = (folder / rel).read_bytes()
    rtype, fmt, mediatype = _FORMATS[Path(rel).suffix]
    if rel.startswith(f"{output.SCHEMA}/"):
        mediatype = "application/schema+json"
    return {"name": resource_name(rel), "type": rtype, "path": rel, "format": fmt, "mediatype": mediatype,
            "encoding": "utf-8", "bytes": len(data), "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
            **extra}


def package(resources: list[dict], created: str | None, **extra) -> dict:
    descriptor = {"name": NAME, "version": model.SCHEMA_VERSION, "licenses": LICENSES}
    if created:
        descriptor["created"] = created
    return {**descriptor, **extra, "resources": resources}


def _schema_path(name: str) -> str:
    return f"{output.SCHEMA}/{name}.schema.json"


def describe(out: Path, manifest: model.Manifest) -> dict:
    """The descriptor of the dataset at `out`, as `manifest` lists it."""
    records_schema = {"oneOf": [{"$ref": _schema_path(f"record.{kind}")} for kind in sorted(model.RECORD_KINDS)]}
    resources = [resource(out, output.RECORDS, title="Every record of every document, one JSON object a line",
                          jsonSchema=records_schema)]
    for entry in manifest.documents:
        if entry.doc_id and entry.status in ("ok", "unchanged"):
            rel = f"{output.DOCUMENTS}/{entry.doc_id}.json"
            resources.append(resource(out, rel, title=entry.path, jsonSchema=_schema_path("document")))
    resources.append(resource(out, output.MANIFEST, title="The run that wrote the dataset",
                              jsonSchema=_schema_path("manifest")))
    resources += [resource(out, _schema_path(name)) for name in sorted(model.SCHEMA_MODELS)]
    return package(resources, manifest.finished, title="intra-extract dataset",
                   description="Documents, records and manifest written by intra-extract; the contract is "
                               "docs/dataset.md in intra-extract's source.")


def write(out: Path, manifest: model.Manifest) -> None:
    """Write `out/datapackage.json` for the dataset the run just wrote; left alone when it
    already says the same."""
    output.write_if_changed(out / FILE, output.json_text(describe(out, manifest)))
