"""structured/ is the committed output of `make run` on raw_docs/: the code must reproduce it
byte for byte, so every change of output shows in review. After an intended change:
`make raw-docs run` and commit raw_docs/ and structured/ together."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from intra_extract.runner import RunOptions, run_folder
from intra_extract.validate import validate_dataset

ROOT = Path(__file__).resolve().parent.parent
RUN_ONLY = {"started", "finished", "sources"}  # sources: where this run's output lies
ENTRY_RUN_ONLY = {"seconds", "peak_memory_mib"}


RUN_FILES = ("manifest.json", "datapackage.json", ".lock")  # hold times; compared without them below


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name not in RUN_FILES}


def stable_datapackage(folder: Path) -> dict:
    """datapackage.json without what changes with the run: its time, and the manifest's size and hash."""
    package = json.loads((folder / "datapackage.json").read_text("utf-8"))
    package.pop("created", None)
    for resource in package["resources"]:
        if resource["path"] == "manifest.json":
            resource.pop("bytes"), resource.pop("hash")
    return package


def stable_manifest(folder: Path) -> dict:
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    for key in RUN_ONLY:
        manifest.pop(key, None)
    for entry in manifest["documents"]:
        for key in ENTRY_RUN_ONLY:
            entry.pop(key, None)
    return manifest


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("structured")
    result = run_folder(ROOT / "raw_docs", RunOptions(out=out, workers=2))
    assert result.exit_code == 0, [e for e in result.entries if e.status != "ok"]
    return out


def test_committed_dataset_is_reproduced_byte_for_byte(fresh):
    committed = tree(ROOT / "structured")
    assert sorted(committed) == sorted(tree(fresh))
    changed = [name for name, data in tree(fresh).items() if committed[name] != data]
    assert not changed, f"output changed: {changed}; if intended, run `make run` and commit structured/"
    assert stable_manifest(fresh) == stable_manifest(ROOT / "structured")
    assert stable_datapackage(fresh) == stable_datapackage(ROOT / "structured")


def test_released_schemas_are_what_the_models_generate():
    """A run copies intra_extract/data/schema/; it must be what the models say now."""
    from intra_extract import output

    generated = {name: output.schema_text(schema) for name, schema in output.schemas().items()}
    stale = [name for name, text in output.released_schemas().items() if generated[name] != text]
    assert sorted(generated) == sorted(output.released_schemas())
    assert not stale, (f"{stale} differ from the models: run `intra-extract schema --out "
                       "intra_extract/data/schema` (and list a schema change in CHANGELOG.md)")


def test_committed_dataset_validates():
    report = validate_dataset(ROOT / "structured")
    assert report.exit_code == 0, report.findings
    assert report.documents == len(list((ROOT / "raw_docs").iterdir()))


def test_output_does_not_depend_on_the_number_of_workers(fresh, tmp_path):
    out = tmp_path / "one"
    run_folder(ROOT / "raw_docs", RunOptions(out=out, workers=1))
    assert tree(out) == tree(fresh)


def test_validate_finds_an_altered_record_in_a_copy(tmp_path):
    import shutil

    copy = tmp_path / "structured"
    shutil.copytree(ROOT / "structured", copy)
    doc_path = sorted((copy / "documents").glob("*.json"))[0]
    doc = json.loads(doc_path.read_text("utf-8"))
    rec = next(r for r in doc["records"] if r["kind"] == "recommendation")
    rec["text"] = rec["text"].replace(rec["text"][5:12], "xxxxxxx")
    doc_path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", "utf-8")
    report = validate_dataset(copy)
    assert report.exit_code == 1
    assert any("span invariant" in f.message and rec["id"] in f.where for f in report.findings)


def test_validate_checks_the_field_spans_of_good_practices(tmp_path):
    import shutil

    copy = tmp_path / "structured"
    shutil.copytree(ROOT / "structured", copy)
    doc_path = next(p for p in sorted((copy / "documents").glob("handbook-*.json")))
    doc = json.loads(doc_path.read_text("utf-8"))
    practice = next(r for r in doc["records"] if r["kind"] == "good_practice")
    assert practice["fields"] and validate_dataset(ROOT / "structured").exit_code == 0
    practice["field_spans"]["description"]["start"] += 3
    doc_path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", "utf-8")
    report = validate_dataset(copy)
    assert any("field 'description'" in f.message for f in report.findings)
