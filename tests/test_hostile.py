"""Files that really are hostile: each fails on its own, with its own code, and the run goes on."""

from __future__ import annotations

import pytest

from intra_extract.runner import RunOptions, run_folder
from intra_extract.validate import validate_dataset

from . import hostile
from .conftest import CORE_PIPELINE, write
from .test_runner import BULLETIN


@pytest.fixture(scope="module")
def bomb_small() -> bytes:
    return hostile.flate_bomb(60)  # 60 MB of path operators: minutes of parsing


@pytest.fixture(scope="module")
def bomb_large() -> bytes:
    return hostile.flate_bomb(400)  # inflates past any sane memory limit


def run(src, out, **kw):
    options = RunOptions(out=out, pipeline=CORE_PIPELINE, workers=2, **kw)
    result = run_folder(src, options)
    return result, {e.path: e for e in result.manifest.documents}


def test_slow_document_times_out_and_others_finish(tmp_path, bomb_small):
    src = tmp_path / "in"
    write(src, "a.txt", BULLETIN)
    write(src, "slow.pdf", bomb_small)
    write(src, "z.txt", BULLETIN.replace("Vouchers", "Grants"))
    result, got = run(src, tmp_path / "out", timeout=3, max_memory=4 * 2**30)
    assert got["slow.pdf"].status == "failed"
    assert got["slow.pdf"].error.code == "timeout"
    assert "--timeout" in got["slow.pdf"].error.message
    assert got["a.txt"].status == got["z.txt"].status == "ok"
    assert result.exit_code == 1
    assert validate_dataset(tmp_path / "out").exit_code == 0


def test_memory_hungry_document_is_stopped(tmp_path, bomb_large):
    src = tmp_path / "in"
    write(src, "bomb.pdf", bomb_large)
    write(src, "ok.txt", BULLETIN)
    result, got = run(src, tmp_path / "out", timeout=120, max_memory=300 * 2**20)
    assert (got["bomb.pdf"].status, got["bomb.pdf"].error.code) == ("failed", "too_large")
    assert "--max-memory" in got["bomb.pdf"].error.message
    assert got["ok.txt"].status == "ok"


def test_deep_nesting_and_page_tree_loop_are_read_without_harm(tmp_path):
    src = tmp_path / "in"
    write(src, "deep.pdf", hostile.deep_nesting())
    write(src, "loop.pdf", hostile.page_tree_loop())
    result, got = run(src, tmp_path / "out", timeout=60)
    for name in ("deep.pdf", "loop.pdf"):
        entry = got[name]
        # pdfminer copes with both; what matters is a settled entry, never a crashed run
        assert entry.status == "ok" or entry.error.code in ("corrupt", "timeout"), entry
    assert got["loop.pdf"].status == "ok" and got["loop.pdf"].pages == 1


def test_encrypted_pdf_needs_its_password(tmp_path):
    reportlab = pytest.importorskip("reportlab")
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    src = tmp_path / "in"
    src.mkdir()
    c = canvas.Canvas(str(src / "locked.pdf"), encrypt=pdfencrypt.StandardEncryption("s3cret", canPrint=1))
    c.setFont("Helvetica", 12)
    c.drawString(72, 720, "1. Partners should share their export desks.")
    c.save()
    _, got = run(src, tmp_path / "out")
    assert got["locked.pdf"].error.code == "encrypted"
    assert "--password" in got["locked.pdf"].error.message
    _, got = run(src, tmp_path / "out", password="wrong")
    assert got["locked.pdf"].error.code == "encrypted"
    _, got = run(src, tmp_path / "out", password="s3cret")
    assert got["locked.pdf"].status == "ok", got["locked.pdf"].error


def test_failed_file_leaves_earlier_output_intact(tmp_path, bomb_small):
    src = tmp_path / "in"
    write(src, "a.txt", BULLETIN)
    out = tmp_path / "out"
    run(src, out)
    before = {p.name: p.read_bytes() for p in (out / "documents").iterdir()}
    write(src, "b.pdf", b"%PDF-1.4 truncated")
    write(src, "c.pdf", bomb_small)
    _, got = run(src, out, timeout=2)
    assert got["a.txt"].status == "unchanged"
    assert {p.name: p.read_bytes() for p in (out / "documents").iterdir()} == before
    assert validate_dataset(out).exit_code == 0
