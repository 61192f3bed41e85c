"""`validate` on tampered datasets (issue #12, item 9): never a traceback, every damage a finding.
Each case tampers a fresh copy of one small dataset made at test time."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from intra_extract.cli import main
from intra_extract.runner import RunOptions, run_folder
from intra_extract.validate import validate_dataset

from .helpers import BULLETIN, CORE_PIPELINE, write


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("in")
    write(src, "one.txt", BULLETIN)
    write(src, "two.txt", BULLETIN.replace("Vouchers", "Grants"))
    write(src, "bad.pdf", b"not a pdf")
    write(src, "x.xlsx", b"PK\x03\x04")
    out = tmp_path_factory.mktemp("base") / "out"
    run_folder(src, RunOptions(out=out, pipeline=CORE_PIPELINE, workers=0))
    return out


def first_doc(folder: Path) -> Path:
    return sorted((folder / "documents").glob("*.json"))[0]


def edit_json(path: Path, change) -> None:
    data = json.loads(path.read_text("utf-8"))
    change(data)  # in place
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")


def edit_lines(path: Path, change) -> None:
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(change(lines)))


def set_first_record(key, value):
    def change(doc):
        doc["records"][0][key] = value
    return change


CASES = {
    # (tamper, a words of the finding expected)
    "null text": (lambda d: edit_json(first_doc(d), lambda doc: doc.update(text=None)), "schema: text"),
    "records not a list": (lambda d: edit_json(first_doc(d), lambda doc: doc.update(records=7)), "schema: records"),
    "record is null": (lambda d: edit_json(first_doc(d), lambda doc: doc["records"].__setitem__(0, None)),
                       "not a record object"),
    "span wrongly typed": (lambda d: edit_json(first_doc(d), set_first_record("span", "0-5")), "span invariant"),
    "id is a list": (lambda d: edit_json(first_doc(d), set_first_record("id", ["x"])), "schema"),
    "field spans wrongly typed": (lambda d: edit_json(first_doc(d), set_first_record("field_spans", {"a": 3})),
                                  "field 'a'"),
    "numbers wrongly typed": (lambda d: edit_json(first_doc(d), lambda doc: [r.update(number=[1]) for r in doc["records"]
                                                                                 if r["kind"] == "recommendation"]),
                              "schema"),
    "document not UTF-8": (lambda d: first_doc(d).write_bytes(b'{"doc_id": "\xff"}'), "not UTF-8"),
    "document nested deeply": (lambda d: first_doc(d).write_text("[" * 100_000 + "]" * 100_000), "nested too deeply"),
    "document is null": (lambda d: first_doc(d).write_text("null"), "schema"),
    "records line null": (lambda d: edit_lines(d / "records.jsonl", lambda ls: [b"null\n"] + ls[1:]),
                          "not a record object"),
    "records not UTF-8": (lambda d: edit_lines(d / "records.jsonl", lambda ls: [b'{"id": "\xff"}\n'] + ls[1:]),
                          "not UTF-8"),
    "records line repeated": (lambda d: edit_lines(d / "records.jsonl", lambda ls: ls[:2] + ls[1:]), "appears again"),
    "records lines swapped": (lambda d: edit_lines(d / "records.jsonl", lambda ls: [ls[1], ls[0]] + ls[2:]),
                              "out of order"),
    "records line missing": (lambda d: edit_lines(d / "records.jsonl", lambda ls: ls[:-1]), "is missing"),
    "records.jsonl gone": (lambda d: (d / "records.jsonl").unlink(), "missing"),
    "manifest entry duplicated": (lambda d: edit_json(d / "manifest.json",
                                                      lambda m: m["documents"].append(m["documents"][-1])),
                                  "has 2 entries"),
    "manifest count wrong": (lambda d: edit_json(d / "manifest.json", lambda m: [e.update(records=e["records"] + 1)
                                                                                 for e in m["documents"] if e["status"] == "ok"]),
                             "but its document holds"),
    "manifest sha256 wrong": (lambda d: edit_json(d / "manifest.json", lambda m: [e.update(sha256="0" * 64)
                                                                                  for e in m["documents"] if e["status"] == "ok"]),
                              "sha256"),
    "manifest entries null": (lambda d: edit_json(d / "manifest.json", lambda m: m.update(documents=[None])),
                              "schema"),
    "manifest not JSON": (lambda d: (d / "manifest.json").write_text("{"), "not readable JSON"),
    "schema file emptied": (lambda d: (d / "schema" / "document.schema.json").write_text(""), "differs from the schema"),
    "schema files all trivial": (lambda d: [p.write_text("{}") for p in (d / "schema").iterdir()], "differs"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_tampered_dataset_is_a_finding_never_a_crash(dataset, tmp_path, case):
    tamper, expected = CASES[case]
    copy = tmp_path / "copy"
    shutil.copytree(dataset, copy)
    assert validate_dataset(copy).exit_code == 0
    tamper(copy)
    result = CliRunner().invoke(main, ["validate", str(copy)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output
    assert expected in result.output, result.output


def test_emptied_schemas_do_not_switch_the_checks_off(dataset, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(dataset, copy)
    for path in (copy / "schema").iterdir():
        path.write_text("{}")
    edit_json(first_doc(copy), lambda doc: doc.update(language=5))
    report = validate_dataset(copy)
    assert any("schema: language" in f.message for f in report.findings)


def test_failed_inputs_are_a_notice_and_fail_only_when_strict(dataset):
    result = CliRunner().invoke(main, ["validate", str(dataset)])
    assert result.exit_code == 0
    assert "notice: 1 input file(s) failed: 1 not_pdf" in result.output
    assert "notice: 1 input file(s) unsupported: 1 unsupported_format" in result.output
    assert CliRunner().invoke(main, ["validate", "--strict", str(dataset)]).exit_code == 1
