"""Files that really are hostile: each fails on its own, with its own code, and the run goes on."""

from __future__ import annotations

import pytest

from intra_extract.runner import RunOptions, run_folder
from intra_extract.validate import validate_dataset

from . import hostile
from .helpers import BULLETIN, CORE_PIPELINE, write


@pytest.fixture(scope="module")
def bomb_small() -> bytes:
    return hostile.flate_bomb(60)  # 60 MB of path operators: minutes of parsing


@pytest.fixture(scope="module")
def bomb_large() -> bytes:
    return hostile.flate_bomb(400)  # inflates past any sane memory limit


def run(src, out, **kw):
    kw.setdefault("workers", 2)
    options = RunOptions(out=out, pipeline=CORE_PIPELINE, **kw)
    result = run_folder(src, options)
    return result, {e.path: e for e in result.entries}


def test_slow_document_times_out_and_others_finish(tmp_path, bomb_small):
    src = tmp_path / "in"
    write(src, "a.txt", BULLETIN)
    write(src, "slow.pdf", bomb_small)
    write(src, "z.txt", BULLETIN.replace("Vouchers", "Grants"))
    # pdfminer needs minutes for this stream (pdfium reads it in a second): the limit is what is tested
    result, got = run(src, tmp_path / "out", timeout=3, max_memory=4 * 2**30, pdf_backend="pdfplumber")
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
    result, got = run(src, tmp_path / "out", timeout=120, max_memory=300 * 2**20, pdf_backend="pdfplumber")
    assert (got["bomb.pdf"].status, got["bomb.pdf"].error.code) == ("failed", "too_large")
    assert "--max-memory" in got["bomb.pdf"].error.message
    assert got["ok.txt"].status == "ok"


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_deep_nesting_and_page_tree_loop_are_read_without_harm(tmp_path, backend):
    src = tmp_path / "in"
    write(src, "deep.pdf", hostile.deep_nesting())
    write(src, "loop.pdf", hostile.page_tree_loop())
    write(src, "plain.txt", BULLETIN)
    result, got = run(src, tmp_path / "out", timeout=60, pdf_backend=backend)
    assert got["deep.pdf"].status == "ok", got["deep.pdf"].error
    assert got["plain.txt"].status == "ok"
    loop = got["loop.pdf"]
    if backend == "pdfplumber":  # pdfminer keeps the one real page
        assert loop.status == "ok" and loop.pages == 1
    else:  # pdfium trusts /Count 2 and cannot load the second page: a corrupt file, said so
        assert (loop.status, loop.error.code) == ("failed", "corrupt") and "page 2" in loop.error.message


def test_encrypted_pdf_needs_its_password(tmp_path):
    pytest.importorskip("reportlab")
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
    run(src, out, pdf_backend="pdfplumber")
    before = {p.name: p.read_bytes() for p in (out / "documents").iterdir()}
    write(src, "b.pdf", b"%PDF-1.4 truncated")
    write(src, "c.pdf", bomb_small)
    _, got = run(src, out, timeout=2, pdf_backend="pdfplumber")
    assert got["c.pdf"].error.code == "timeout"
    assert got["a.txt"].status == "unchanged"
    assert {p.name: p.read_bytes() for p in (out / "documents").iterdir()} == before
    assert validate_dataset(out).exit_code == 0


def test_a_pdf_without_any_text_layer_fails_with_its_own_code(tmp_path):
    src = tmp_path / "in"
    write(src, "scan.pdf", hostile.no_text_page())
    write(src, "text.pdf", hostile.text_page("1. Partners share export desks."))
    _, got = run(src, tmp_path / "out")
    assert (got["scan.pdf"].status, got["scan.pdf"].error.code) == ("failed", "no_text_layer")
    assert "OCR" in got["scan.pdf"].error.message
    assert got["text.pdf"].status == "ok"
