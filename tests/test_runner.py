"""A run over a folder: statuses, errors, re-runs, determinism, the lock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from intra_extract.pipeline import PipelineError
from intra_extract.runner import OutputLocked, RunOptions, OutputLock, run_folder
from intra_extract.validate import validate_dataset

from .helpers import BULLETIN, CORE_PIPELINE, write


TIMED = ("manifest.json", "datapackage.json")  # the files that hold the run's times


def opts(out: Path, **kw) -> RunOptions:
    return RunOptions(out=out, pipeline=CORE_PIPELINE, **kw)


def entries(result):
    return {e.path: e for e in result.entries}


def test_bad_files_get_specific_errors_and_the_run_goes_on(tmp_path):
    src = tmp_path / "in"
    write(src, "a-good.txt", BULLETIN)
    write(src, "b-empty.txt", b"")
    write(src, "c-blank.txt", b"  \n\n ")
    write(src, "d-fake.pdf", "this is plain text named like a PDF")
    write(src, "e-truncated.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n")
    write(src, "f-picture.png", b"\x89PNG\r\n\x1a\n")
    write(src, "sub/g-copy.txt", BULLETIN)
    result = run_folder(src, opts(tmp_path / "out"))
    got = entries(result)
    assert [e.path for e in result.entries] == sorted(got)
    assert got["a-good.txt"].status == "ok"
    doc = json.loads((tmp_path / "out" / "documents" / f"{got['a-good.txt'].doc_id}.json").read_text("utf-8"))
    assert [r["kind"] for r in doc["records"]] == ["section", "recommendation", "recommendation", "link"]
    assert got["a-good.txt"].records == 4
    assert (got["b-empty.txt"].status, got["b-empty.txt"].error.code) == ("failed", "empty")
    assert got["c-blank.txt"].error.code == "empty"
    assert got["d-fake.pdf"].error.code == "not_pdf"
    assert got["e-truncated.pdf"].error.code == "corrupt"
    assert got["f-picture.png"].status == "unsupported"
    assert got["sub/g-copy.txt"].status == "duplicate"
    assert got["sub/g-copy.txt"].duplicate_of == "a-good.txt"
    assert result.exit_code == 1
    assert validate_dataset(tmp_path / "out").exit_code == 0


def test_rerun_is_byte_identical_and_incremental(tmp_path):
    src = tmp_path / "in"
    write(src, "one.txt", BULLETIN)
    write(src, "two.txt", BULLETIN.replace("Vouchers", "Grants"))
    out = tmp_path / "out"
    first = run_folder(src, opts(out))
    snapshot = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file() and p.name not in TIMED}
    second = run_folder(src, opts(out))
    assert {e.status for e in second.entries} == {"unchanged"}
    assert [e.records for e in second.entries] == [e.records for e in first.entries]
    forced = run_folder(src, opts(out, force=True))
    assert {e.status for e in forced.entries} == {"ok"}
    again = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file() and p.name not in TIMED}
    assert again == snapshot
    # A fresh output folder gives the same bytes too.
    run_folder(src, opts(tmp_path / "out2"))
    fresh = {p.relative_to(tmp_path / "out2"): p.read_bytes()
             for p in (tmp_path / "out2").rglob("*") if p.is_file() and p.name not in TIMED}
    assert fresh == snapshot


def test_changed_and_removed_inputs(tmp_path):
    src = tmp_path / "in"
    write(src, "one.txt", BULLETIN)
    write(src, "two.txt", BULLETIN.replace("Vouchers", "Grants"))
    out = tmp_path / "out"
    first = entries(run_folder(src, opts(out)))
    write(src, "one.txt", BULLETIN + "\n3. A third point was added later.\n")
    (src / "two.txt").unlink()
    result = run_folder(src, opts(out))
    got = entries(result)
    assert got["one.txt"].status == "ok" and got["one.txt"].doc_id != first["one.txt"].doc_id
    assert result.removed == ["two.txt"]
    assert sorted(p.stem for p in (out / "documents").glob("*.json")) == [got["one.txt"].doc_id]
    lines = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["doc_id"] for line in lines} == {got["one.txt"].doc_id}
    assert validate_dataset(out).exit_code == 0


def test_a_second_run_on_the_same_output_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with OutputLock(out):
        with pytest.raises(OutputLocked, match="another intra-extract run"):
            run_folder(tmp_path, opts(out))


def test_symlink_outside_the_input_is_not_followed(tmp_path):
    secret = write(tmp_path / "elsewhere", "secret.txt", BULLETIN)
    src = tmp_path / "in"
    write(src, "a.txt", BULLETIN.replace("Vouchers", "Grants"))
    (src / "link.txt").symlink_to(secret)
    got = entries(run_folder(src, opts(tmp_path / "out")))
    assert got["link.txt"].status == "unsupported" and got["link.txt"].error.code == "outside_link"
    assert got["a.txt"].status == "ok"


def test_too_large(tmp_path):
    src = tmp_path / "in"
    write(src, "big.txt", BULLETIN * 50)
    got = entries(run_folder(src, opts(tmp_path / "out", max_bytes=1000)))
    assert got["big.txt"].error.code == "too_large"
    assert "over the limit" in got["big.txt"].error.message


def test_a_run_touches_only_its_own_paths(tmp_path):
    """Archivists keep their corrections beside the dataset; no run may touch them."""
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "one.txt", BULLETIN)
    run_folder(src, opts(out))
    notes = write(out, "corrections/one.json", '{"id": "x/recommendation/1", "body": "fixed by hand"}')
    readme = write(out, "README.txt", "our notes")
    stray = write(out, "documents/not-a-document.txt", "kept")
    (src / "one.txt").unlink()
    write(src, "two.txt", BULLETIN.replace("Vouchers", "Grants"))
    run_folder(src, opts(out, force=True))
    assert notes.read_text() == '{"id": "x/recommendation/1", "body": "fixed by hand"}'
    assert readme.read_text() == "our notes" and stray.read_text() == "kept"


def test_an_unchanged_run_restores_a_missing_index_and_schema(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "one.txt", BULLETIN)
    run_folder(src, opts(out))
    index = (out / "records.jsonl").read_bytes()
    schema = out / "schema" / "manifest.schema.json"
    schema_text = schema.read_bytes()
    (out / "records.jsonl").unlink()
    schema.unlink()
    result = run_folder(src, opts(out))
    assert [e.status for e in result.entries] == ["unchanged"]
    assert (out / "records.jsonl").read_bytes() == index
    assert schema.read_bytes() == schema_text
    # A damaged or hand-edited schema is put right too: validate trusts the files on disk.
    schema.write_bytes(schema_text[: len(schema_text) // 2])
    (out / "schema" / "document.schema.json").write_text('{"type": "object"}\n', encoding="utf-8")
    run_folder(src, opts(out))
    assert schema.read_bytes() == schema_text
    assert validate_dataset(out).exit_code == 0
    assert "records" in (out / "schema" / "document.schema.json").read_text(encoding="utf-8")


PROBE = """
import json, sys
from intra_extract.runner import RunOptions, run_folder
result = run_folder(sys.argv[1], RunOptions(out=sys.argv[2], pipeline=sys.argv[3], workers=1))
print(json.dumps({"statuses": sorted({e.status for e in result.entries}),
                  "modules": sorted(m for m in sys.modules if m.startswith(("intra_extract.stages.", "spacy",
                                                                            "multiprocessing", "langdetect")))}))
"""


def test_a_rerun_with_nothing_to_parse_loads_no_stage(tmp_path):
    """What keeps an unchanged re-run quick (bench/: under 2 % of a cold run): no stage module,
    spaCy or worker pool is loaded, and the pipeline is not checked again."""
    import subprocess
    import sys

    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "one.txt", BULLETIN)

    def probe() -> dict:
        argv = [sys.executable, "-c", PROBE, str(src), str(out), CORE_PIPELINE]
        return json.loads(subprocess.run(argv, capture_output=True, text=True, check=True).stdout)

    cold = probe()
    assert cold["statuses"] == ["ok"] and "intra_extract.stages.structure" in cold["modules"]
    assert "multiprocessing" in cold["modules"]
    again = probe()
    assert again == {"statuses": ["unchanged"], "modules": []}


def test_a_changed_pipeline_file_is_checked_again(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "one.txt", BULLETIN)
    pipeline = write(tmp_path, "p.toml", Path(CORE_PIPELINE).read_text(encoding="utf-8"))
    run_folder(src, RunOptions(out=out, pipeline=str(pipeline)))
    manifest = (out / "manifest.json").read_bytes()
    write(tmp_path, "p.toml", 'stages = ["layout", "structure"]\n')
    with pytest.raises(PipelineError, match="stage 'structure' reads"):
        run_folder(src, RunOptions(out=out, pipeline=str(pipeline)))
    assert (out / "manifest.json").read_bytes() == manifest


def test_a_rerun_that_parses_a_file_checks_the_pipeline(tmp_path, monkeypatch):
    from intra_extract.pipeline import PipelineConfig

    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "one.txt", BULLETIN)
    run_folder(src, opts(out, workers=0))
    checks = []
    real_check = PipelineConfig.check
    monkeypatch.setattr(PipelineConfig, "check", lambda self: checks.append(1) or real_check(self))
    run_folder(src, opts(out, workers=0))
    assert checks == []  # nothing to parse, the same pipeline: checked by the run before
    write(src, "two.txt", BULLETIN.replace("Vouchers", "Grants"))
    run_folder(src, opts(out, workers=0))
    assert checks == [1]


def test_in_process_errors_get_the_codes_the_worker_pool_gives(tmp_path, monkeypatch):
    """`--workers 0` runs the pool's own per-task function (`workers.outcome_of`): a PDF nested
    too deeply is `corrupt`, a bug of ours `internal`."""
    import intra_extract.lifecycle as lifecycle

    def failing(path, rel, *args, **kw):
        raise RecursionError() if rel == "deep.txt" else ZeroDivisionError("division by zero")

    src = tmp_path / "in"
    write(src, "deep.txt", BULLETIN)
    write(src, "bug.txt", BULLETIN.replace("Vouchers", "Grants"))
    monkeypatch.setattr(lifecycle, "process_file", failing)
    got = entries(run_folder(src, opts(tmp_path / "out", workers=0)))
    assert (got["deep.txt"].error.code, got["bug.txt"].error.code) == ("corrupt", "internal")
    assert got["bug.txt"].error.message == "ZeroDivisionError: division by zero"
