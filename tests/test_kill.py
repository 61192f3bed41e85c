"""A run killed with SIGKILL in the middle leaves the previous dataset readable, and the next
run completes it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from intra_extract.runner import RunOptions, run_folder
from intra_extract.validate import validate_dataset

from .helpers import BULLETIN, write

pytest.importorskip("reportlab")
from samplegen import generate_bulletin  # noqa: E402


def test_kill_9_mid_run(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "a-first.txt", BULLETIN)
    run_folder(src, RunOptions(out=out, workers=1, pdf_backend="pdfplumber"))
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != ".lock"}
    before_docs = {p.name: p.read_bytes() for p in (out / "documents").iterdir()}
    for i, lang in enumerate(("bg", "sl", "es", "pt", "it", "en")):
        generate_bulletin(src / f"b-{i}-{lang}.pdf", language=lang, columns=2, pagesize="A4", seed=i, write_truth=False)
    proc = subprocess.Popen(
        [sys.executable, "-m", "intra_extract.cli", "run", str(src), "--out", str(out), "--quiet",
         "--workers", "1", "--backend", "pdfplumber"],
        start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while len(list((out / "documents").glob("*.json"))) < 3 and time.monotonic() < deadline:
        assert proc.poll() is None, "the run ended before it could be killed"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers, at once
    proc.wait()

    # The previous dataset is there and readable: its manifest, records and documents unchanged.
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != ".lock"} == before
    for name, data in before_docs.items():
        assert (out / "documents" / name).read_bytes() == data
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert [e["path"] for e in manifest["documents"]] == ["a-first.txt"]
    for line in (out / "records.jsonl").read_text("utf-8").splitlines():
        json.loads(line)
    # A torn temporary file may be left; the next run completes the dataset and removes it.
    result = run_folder(src, RunOptions(out=out, workers=2, pdf_backend="pdfplumber"))
    assert result.exit_code == 0
    assert sorted(e.status for e in result.entries) == ["ok"] * 6 + ["unchanged"]
    assert not list((out / "documents").glob(".tmp-*"))
    assert validate_dataset(out).exit_code == 0
