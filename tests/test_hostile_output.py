"""The output folder under hostile conditions (issue #12): a folder that is not ours, a file
in its place, a full disk mid-run, documents damaged between runs, a run where nothing succeeds."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from intra_extract import output
from intra_extract.runner import OutputUnwritable, RunOptions, run_folder
from intra_extract.validate import validate_dataset

from .helpers import BULLETIN, CORE_PIPELINE, write


def run(src: Path, out: Path, **kw):
    kw.setdefault("workers", 0)
    result = run_folder(src, RunOptions(out=out, pipeline=CORE_PIPELINE, **kw))
    return result, {e.path: e for e in result.entries}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".lock"}


def two_inputs(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    write(src, "one.txt", BULLETIN)
    write(src, "two.txt", BULLETIN.replace("Vouchers", "Grants"))
    return src


def test_a_folder_that_is_not_ours_is_refused_and_left_alone(tmp_path):
    out = tmp_path / "mine"
    write(out, "documents/budget-2019.json", '{"total": 1}')
    write(out, "notes.txt", "my notes")
    before = snapshot(out)
    with pytest.raises(OutputUnwritable, match="not empty and holds no intra-extract dataset") as caught:
        run(two_inputs(tmp_path), out)
    assert "\n" not in str(caught.value)
    assert snapshot(out) == before and not (out / ".lock").exists()


def test_out_at_a_file_is_one_line(tmp_path):
    out = write(tmp_path, "dataset", "a file, not a folder")
    with pytest.raises(OutputUnwritable, match="is a file, not a folder"):
        run(two_inputs(tmp_path), out)
    assert out.read_text() == "a file, not a folder"


def test_the_input_folder_itself_is_refused_as_output(tmp_path):
    src = two_inputs(tmp_path)
    with pytest.raises(OutputUnwritable):
        run(src, src)
    assert sorted(p.name for p in src.iterdir()) == ["one.txt", "two.txt"]


def test_a_run_deletes_only_files_it_wrote(tmp_path):
    src = two_inputs(tmp_path)
    out = tmp_path / "out"
    run(src, out)
    write(out, "documents/budget-2019.json", '{"total": 1}')  # a user's file, put in our folder
    write(out, "documents/README", "what these are")
    (src / "two.txt").unlink()
    run(src, out)
    assert (out / "documents" / "budget-2019.json").read_text() == '{"total": 1}'
    assert (out / "documents" / "README").is_file()


def failing_writes(monkeypatch, after: int, err: int = errno.ENOSPC):
    """Writes of the dataset fail, like a disk that fills, after `after` of them."""
    real = output._write_beside
    calls = {"n": 0}

    def write_beside(path, text):
        calls["n"] += 1
        if calls["n"] > after:
            raise OSError(err, "No space left on device" if err == errno.ENOSPC else "Permission denied", str(path))
        return real(path, text)

    monkeypatch.setattr(output, "_write_beside", write_beside)


@pytest.mark.parametrize("after", [0, 1, 2, 3])
def test_a_full_disk_mid_run_leaves_the_previous_dataset_valid(tmp_path, monkeypatch, after):
    src = two_inputs(tmp_path)
    out = tmp_path / "out"
    run(src, out)
    before = snapshot(out)
    write(src, "one.txt", BULLETIN + "\n3. A third point was added later.\n")
    write(src, "three.txt", BULLETIN.replace("Vouchers", "Loans"))
    failing_writes(monkeypatch, after)
    with pytest.raises(OutputUnwritable) as caught:
        run(src, out)
    message = str(caught.value)
    assert "\n" not in message and "No space left on device" in message and "previous dataset" in message
    assert snapshot(out) == before
    assert validate_dataset(out).exit_code == 0
    monkeypatch.undo()
    _, got = run(src, out)  # and the next run with room completes it
    assert got["three.txt"].status == "ok" and validate_dataset(out).exit_code == 0


def test_an_unwritable_folder_is_one_line(tmp_path, monkeypatch):
    src = two_inputs(tmp_path)
    failing_writes(monkeypatch, 0, errno.EACCES)
    with pytest.raises(OutputUnwritable, match="Permission denied"):
        run(src, tmp_path / "out")


def test_a_damaged_or_missing_document_of_ours_is_parsed_again(tmp_path):
    src = two_inputs(tmp_path)
    out = tmp_path / "out"
    _, first = run(src, out)
    docs = {p: output.document_path(out, e.doc_id) for p, e in first.items()}
    good = {p: path.read_bytes() for p, path in docs.items()}
    docs["one.txt"].write_bytes(good["one.txt"][:100])  # torn
    docs["two.txt"].unlink()
    (out / "records.jsonl").unlink()
    _, got = run(src, out)
    assert {p: e.status for p, e in got.items()} == {"one.txt": "ok", "two.txt": "ok"}
    assert {p: path.read_bytes() for p, path in docs.items()} == good
    assert validate_dataset(out).exit_code == 0


def test_a_document_torn_with_its_old_time_kept_is_parsed_again(tmp_path):
    """An unchanged re-run checks documents older than the manifest by their ends only."""
    import os

    src = two_inputs(tmp_path)
    out = tmp_path / "out"
    _, first = run(src, out)
    path = output.document_path(out, first["one.txt"].doc_id)
    stat = path.stat()
    good = path.read_bytes()
    path.write_bytes(good[:-200])
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    _, got = run(src, out)
    assert got["one.txt"].status == "ok" and got["two.txt"].status == "unchanged"
    assert path.read_bytes() == good


def test_a_document_edited_to_other_json_is_parsed_again(tmp_path):
    src = two_inputs(tmp_path)
    out = tmp_path / "out"
    _, first = run(src, out)
    path = output.document_path(out, first["one.txt"].doc_id)
    doc = json.loads(path.read_text("utf-8"))
    doc["records"] = doc["records"][:1]
    path.write_text(json.dumps(doc), "utf-8")
    _, got = run(src, out)
    assert got["one.txt"].status == "ok" and validate_dataset(out).exit_code == 0


def test_documents_folder_exists_when_every_file_failed(tmp_path):
    src = tmp_path / "in"
    write(src, "a.pdf", b"not a pdf at all")
    result, _ = run(src, tmp_path / "out")
    assert result.exit_code == 1
    assert (tmp_path / "out" / "documents").is_dir()
    report = validate_dataset(tmp_path / "out")
    assert report.exit_code == 0 and report.notices == ["1 input file(s) failed: 1 not_pdf"]
