"""The dataset as other projects take it: datapackage.json, the loader, identity across re-issues."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from intra_extract import dataset, datapackage, model
from intra_extract.runner import RunOptions, run_folder

from .helpers import BULLETIN, CORE_PIPELINE, ROOT, frictionless_errors, write

STRUCTURED = ROOT / "structured"


# ----------------------------------------------------------------------------- datapackage.json


def test_the_committed_data_package_passes_frictionless_validate():
    assert frictionless_errors(STRUCTURED / "datapackage.json") == []


def test_the_data_package_lists_every_file_with_its_size_and_hash():
    descriptor = json.loads((STRUCTURED / "datapackage.json").read_text("utf-8"))
    assert descriptor["version"] == model.SCHEMA_VERSION
    manifest = json.loads((STRUCTURED / "manifest.json").read_text("utf-8"))
    assert descriptor["created"] == manifest["finished"]
    files = sorted(p.relative_to(STRUCTURED).as_posix() for p in STRUCTURED.rglob("*")
                   if p.is_file() and p.name not in ("datapackage.json", ".lock"))
    assert sorted(r["path"] for r in descriptor["resources"]) == files
    records = next(r for r in descriptor["resources"] if r["path"] == "records.jsonl")
    assert {ref["$ref"] for ref in records["jsonSchema"]["oneOf"]} == {
        f"schema/record.{kind}.schema.json" for kind in model.RECORD_KINDS}
    assert all((STRUCTURED / ref["$ref"]).is_file() for ref in records["jsonSchema"]["oneOf"])


def test_frictionless_finds_a_file_changed_after_the_run(tmp_path):
    copy = tmp_path / "structured"
    shutil.copytree(STRUCTURED, copy)
    with (copy / "records.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("\n")
    errors = frictionless_errors(copy / "datapackage.json")
    assert errors and all(e.startswith("records:") for e in errors), errors


def test_a_rerun_with_nothing_changed_keeps_the_data_package_byte_for_byte(tmp_path):
    src = tmp_path / "in"
    write(src, "a.txt", BULLETIN)
    out = tmp_path / "out"
    first = run_folder(src, RunOptions(out=out, pipeline=CORE_PIPELINE, workers=0))
    before = (out / "datapackage.json").read_bytes()
    assert json.loads(before)["created"] == first.manifest.finished
    # The package follows the manifest: the same manifest gives the same file, untouched.
    stat = (out / "datapackage.json").stat()
    datapackage.write(out, first.manifest)
    assert (out / "datapackage.json").stat().st_mtime_ns == stat.st_mtime_ns
    assert (out / "datapackage.json").read_bytes() == before


# ----------------------------------------------------------------------------- the loader


def test_open_gives_typed_records_and_documents_filtered_lazily():
    ds = dataset.open(STRUCTURED)
    lines = (STRUCTURED / "records.jsonl").read_text("utf-8").splitlines()
    every = list(ds.records())
    assert len(every) == len(lines) and every[0].id == json.loads(lines[0])["id"]
    regions = list(ds.records(kind="region"))
    assert regions and all(isinstance(r, model.Region) for r in regions)
    assert {r.nuts_code for r in ds.records(kind="region", language="bg")} >= {"BG33"}
    assert all(r.language == "bg" for r in ds.records(language="bg"))
    doc = next(ds.documents(language="sl"))
    assert isinstance(doc, model.Document) and doc.language == "sl" and doc.document_key
    by_key = list(ds.records(doc=doc.document_key, kind=["date", "link"]))
    assert by_key == list(ds.records(doc=doc.doc_id, kind=("date", "link")))
    assert by_key and {r.kind for r in by_key} <= {"date", "link"} and {r.doc_id for r in by_key} == {doc.doc_id}
    assert all(doc.text[r.span.start:r.span.end] == r.text for r in by_key)
    assert [d.doc_id for d in ds.documents()] == ds.doc_ids() and len(ds.doc_ids()) == 10


def test_records_are_read_one_line_at_a_time(tmp_path):
    copy = tmp_path / "structured"
    shutil.copytree(STRUCTURED, copy)
    with (copy / "records.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    records = dataset.open(copy).records()
    assert next(records).id  # the first line, without reading the broken last one
    with pytest.raises(dataset.DatasetError, match=r"records.jsonl:\d+: not JSON"):
        list(records)


def _with_version(tmp_path: Path, version: str) -> Path:
    copy = tmp_path / "structured"
    shutil.copytree(STRUCTURED, copy)
    manifest = json.loads((copy / "manifest.json").read_text("utf-8"))
    manifest["schema_version"] = version
    (copy / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    return copy


def test_a_newer_major_version_is_refused_with_a_clear_error(tmp_path):
    copy = _with_version(tmp_path, "2.0.0")
    with pytest.raises(dataset.SchemaVersionError, match=r"schema 2\.0\.0 dataset; this intra-extract reads schema 1\.x.*upgrade"):
        dataset.open(copy)


def test_a_newer_minor_version_reads_without_what_it_adds(tmp_path):
    copy = _with_version(tmp_path, "1.99.0")
    lines = (copy / "records.jsonl").read_text("utf-8").splitlines()
    first = json.loads(lines[0])
    first["confidence"] = 0.5  # a field this version does not know
    extra = {**first, "id": first["id"] + "-x", "kind": "budget"}  # and a kind
    (copy / "records.jsonl").write_text("\n".join([json.dumps(first), json.dumps(extra), *lines[1:]]) + "\n", "utf-8")
    with pytest.warns(UserWarning, match="newer than"):
        ds = dataset.open(copy)
    records = list(ds.records())
    assert len(records) == len(lines) and records[0].id == first["id"]


def test_open_says_what_is_wrong_with_a_folder_that_is_no_dataset(tmp_path):
    with pytest.raises(dataset.DatasetError, match="not a dataset folder"):
        dataset.open(tmp_path)


# ----------------------------------------------------------------------------- identity


def test_a_reissued_file_keeps_its_document_key_and_links_the_doc_id_it_replaces(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "news/bulletin.txt", BULLETIN)
    options = RunOptions(out=out, pipeline=CORE_PIPELINE, workers=0)
    first = run_folder(src, options).manifest.documents[0]
    assert first.document_key and first.replaces is None
    write(src, "news/bulletin.txt", BULLETIN + "\nA line added in the re-issue.\n")
    second = run_folder(src, options).manifest.documents[0]
    assert second.doc_id != first.doc_id
    assert (second.document_key, second.replaces) == (first.document_key, first.doc_id)
    doc = dataset.open(out).document(second.doc_id)
    assert doc.document_key == first.document_key
    # The link is kept while the file stays as it is, and follows the next re-issue.
    assert run_folder(src, options).manifest.documents[0].replaces == first.doc_id
    write(src, "news/bulletin.txt", BULLETIN + "\nA second re-issue.\n")
    assert run_folder(src, options).manifest.documents[0].replaces == second.doc_id
