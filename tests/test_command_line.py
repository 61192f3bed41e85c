"""What a user or a script sees of a run: exit statuses, one line per failure, the JSON
summary, logging, environment defaults, file modes, and a re-run on a fresh clone that leaves
every committed file as it was."""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from intra_extract import logs
from intra_extract.cli import main
from intra_extract.progress import Bar, printable
from intra_extract.runner import OutputLock

from .helpers import CORE_PIPELINE, ROOT, write

TEXT = """Regional bulletin

Five recommendations for exporters

1. Open a regional export desk for small firms.
2. Fund trade-fair visits for first-time exporters.
"""


@pytest.fixture
def cli():
    return CliRunner()


@pytest.fixture(autouse=True)
def _no_leftover_logging():
    """`-v` configures the package logger and the environment for workers: undone after each test."""
    yield
    logging.getLogger("intra_extract").handlers.clear()
    os.environ.pop(logs.ENV, None)


def run(cli, *args, env=None):
    return cli.invoke(main, ["run", *map(str, args)], env=env)


def folder_with_a_bad_file(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    write(src, "good.txt", TEXT)
    write(src, "broken.pdf", b"%PDF-1.7\n%garbage")
    return src


def test_each_failure_is_printed_once_whole(cli, tmp_path):
    src = folder_with_a_bad_file(tmp_path)
    result = run(cli, src, "--out", tmp_path / "out", "--pipeline", CORE_PIPELINE)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "broken.pdf" in line]
    assert len(lines) == 1 and lines[0].startswith("failed broken.pdf: [corrupt] ")
    quiet = run(cli, src, "--out", tmp_path / "out2", "--pipeline", CORE_PIPELINE, "--quiet")
    assert [line for line in quiet.output.splitlines() if "broken.pdf" in line] == lines


def test_the_progress_bar_prints_a_long_failure_on_one_line_and_files_per_second_for_text(tmp_path):
    import io

    from intra_extract.discovery import InputFile
    from intra_extract.model import ErrorInfo, ManifestEntry

    stream = io.StringIO()
    bar = Bar(stream)
    bar.progress.console.width = 40
    message = "the PDF cannot be parsed: " + "a long explanation " * 6 + "END"
    entry = ManifestEntry(path="x\ny.pdf", sha256=None, doc_id=None, status="failed",
                          error=ErrorInfo(code="corrupt", message=message))
    with bar.progress:
        bar.start(2)
        bar.done(InputFile(path=tmp_path / "x", rel="x\ny.pdf", format="pdf"), entry)
    printed = [line for line in stream.getvalue().splitlines() if "corrupt" in line]
    assert printed == [f"failed x\\ny.pdf: [corrupt] {message}"]
    bar.files, bar.pages = 4, 0
    assert bar.rate(2.0) == "2.0 files/s"
    bar.pages = 10
    assert bar.rate(2.0) == "5.0 pages/s, 2.0 files/s"


def test_file_names_are_printed_safely():
    assert printable("caf\udce9.pdf") == "caf\\xe9.pdf"  # not UTF-8: the byte, reversibly
    assert printable("a\nb\x1b[31m.txt") == "a\\nb\\x1b[31m.txt"
    assert printable("Бюлетин 6.pdf") == "Бюлетин 6.pdf"


def test_json_summary_for_scripts(cli, tmp_path):
    src = folder_with_a_bad_file(tmp_path)
    out = tmp_path / "out"
    result = run(cli, src, "--out", out, "--pipeline", CORE_PIPELINE, "--format", "json", "-q")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["exit_status"] == 1 and summary["files"] == 2
    assert summary["counts"] == {"failed": 1, "ok": 1}
    assert [(f["path"], f["code"]) for f in summary["failed"]] == [("broken.pdf", "corrupt")]
    assert summary["output"]["manifest"] == str(out / "manifest.json")
    assert summary["records"] == json.loads((out / "manifest.json").read_text("utf-8"))["documents"][1]["records"]
    usage = run(cli, src, "--out", out, "--pipeline", "no-such", "--format", "json")
    assert usage.exit_code == 2 and json.loads(usage.stdout)["exit_status"] == 2


def test_options_take_their_defaults_from_the_environment(cli, tmp_path):
    src = folder_with_a_bad_file(tmp_path)
    env = {"INTRA_EXTRACT_FORMAT": "json", "INTRA_EXTRACT_QUIET": "1", "INTRA_EXTRACT_PIPELINE": CORE_PIPELINE,
           "INTRA_EXTRACT_OUT": str(tmp_path / "env-out"), "INTRA_EXTRACT_WORKERS": "0"}
    result = run(cli, src, env=env)
    assert json.loads(result.stdout)["counts"] == {"failed": 1, "ok": 1}
    assert (tmp_path / "env-out" / "manifest.json").is_file()
    assert "INTRA_EXTRACT_WORKERS" in cli.invoke(main, ["run", "--help"]).output


def test_a_locked_output_folder_is_exit_status_3_naming_the_holder(cli, tmp_path):
    src, out = folder_with_a_bad_file(tmp_path), tmp_path / "out"
    out.mkdir()
    with OutputLock(out):  # as another run would hold it
        result = run(cli, src, "--out", out, "--pipeline", CORE_PIPELINE)
    assert result.exit_code == 3
    assert f"(pid {os.getpid()}, started 20" in result.output and "Traceback" not in result.output
    assert not (out / "manifest.json").exists()


def test_an_output_that_cannot_be_written_is_exit_status_4_in_one_line(cli, tmp_path, monkeypatch):
    src = folder_with_a_bad_file(tmp_path)
    a_file = write(tmp_path, "taken", "not a folder")
    for out in (a_file, a_file / "sub"):
        result = run(cli, src, "--out", out, "--pipeline", CORE_PIPELINE)
        assert result.exit_code == 4, result.output
        assert result.output.count("\n") == 1 and result.output.startswith("Error: cannot write the dataset")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = run(cli, src, "--out", tmp_path / "full", "--pipeline", CORE_PIPELINE, "--workers", "0")
    assert result.exit_code == 4
    assert "No space left on device" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_written_files_have_the_umask_mode(cli, tmp_path, umask, mode):
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "good.txt", TEXT)
    old = os.umask(umask)
    try:
        assert run(cli, src, "--out", out, "--pipeline", CORE_PIPELINE, "--workers", "0").exit_code == 0
    finally:
        os.umask(old)
    files = [p for p in out.rglob("*") if p.is_file() and p.name != ".lock"]
    assert len(files) >= 4
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in files} == {oct(mode)}


def test_python_dash_m_and_stage_logging_from_the_workers(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "good.txt", TEXT)
    version = subprocess.run([sys.executable, "-m", "intra_extract", "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.startswith("intra-extract, version ")
    done = subprocess.run([sys.executable, "-m", "intra_extract", "run", str(src), "--out", str(out),
                           "--pipeline", CORE_PIPELINE, "--workers", "1", "-vv"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "good.txt: stage layout" in done.stderr and " ms" in done.stderr  # logged by the worker
    assert "good.txt: ok in" in done.stderr  # logged by the run


def test_a_run_on_a_fresh_clone_leaves_every_committed_file_as_it_is(tmp_path):
    """`make run` then `make test` (or the other way round) on a fresh clone: the run finds every
    document unchanged and must not rewrite a committed byte, the manifest included."""
    clone = tmp_path / "clone"
    shutil.copytree(ROOT / "raw_docs", clone / "raw_docs")
    shutil.copytree(ROOT / "structured", clone / "structured", ignore=shutil.ignore_patterns(".lock", ".tmp*"))
    before = {p.relative_to(clone): p.read_bytes() for p in (clone / "structured").rglob("*") if p.is_file()}
    done = subprocess.run([sys.executable, "-m", "intra_extract", "run", "raw_docs/", "--out", "structured/",
                           "--quiet"], cwd=clone, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    after = {p.relative_to(clone): p.read_bytes() for p in (clone / "structured").rglob("*")
             if p.is_file() and p.name != ".lock"}
    assert sorted(after) == sorted(before)
    assert [str(name) for name in sorted(after) if after[name] != before[name]] == []
