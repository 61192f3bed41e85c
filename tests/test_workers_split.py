"""A long PDF laid out in parts by several workers (workers.py) gives the very files one
worker, or the run's own process, makes of it: for 1, 2 and 4 workers, and with either PDF
backend. The thresholds are lowered so that a generated PDF of 24 pages is cut in parts."""

from __future__ import annotations

from pathlib import Path

import pytest

from intra_extract import workers
from intra_extract.runner import RunOptions, run_folder

pytest.importorskip("reportlab")
pypdfium2 = pytest.importorskip("pypdfium2")
from samplegen import generate_bulletin  # noqa: E402

PAGES = 24


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory) -> Path:
    """Bulletins of two languages and three layouts, pages interleaved from part to part,
    with their running headers and footers (furniture is found across all the pages)."""
    folder = tmp_path_factory.mktemp("long")
    parts = []
    for i, (lang, columns) in enumerate([("en", 2), ("sl", 3), ("en", 1), ("es", 2)]):
        path = folder / f"part-{i}.pdf"
        generate_bulletin(path, language=lang, columns=columns, seed=30 + i, write_truth=False)
        parts.append(pypdfium2.PdfDocument(str(path)))
    merged = pypdfium2.PdfDocument.new()
    while len(merged) < PAGES:
        src = parts[len(merged) % len(parts)]
        merged.import_pages(src, pages=[len(merged) // len(parts) % len(src)])
    src_dir = folder / "in"
    src_dir.mkdir()
    merged.save(str(src_dir / "long.pdf"))
    (src_dir / "short.txt").write_text("A short note of the regional agency of Maribor, 12 March 2024.\n" * 3)
    return src_dir


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "documents").iterdir())} | {
        "records.jsonl": (out / "records.jsonl").read_bytes()}


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_the_same_files_for_1_2_and_4_workers(long_pdf, tmp_path, monkeypatch, backend):
    def run(name: str, workers_: int) -> dict[str, bytes]:
        result = run_folder(long_pdf, RunOptions(out=tmp_path / name, workers=workers_, pdf_backend=backend))
        assert [e.status for e in result.entries] == ["ok", "ok"]
        return _files(tmp_path / name)

    whole = run("whole", 0)  # in this process, every page in one go
    monkeypatch.setattr(workers, "SPLIT_PAGES", 8)
    monkeypatch.setattr(workers, "PART_PAGES", 3)
    cut: list[int] = []
    parts_of = workers.parts_of
    monkeypatch.setattr(workers, "parts_of", lambda n, w: cut.append(n) or parts_of(n, w))
    for n in (0, 1, 2, 4):
        assert run(f"w{n}", n) == whole, f"{n} workers"
    # cut in parts by this process (0 workers), and by the parent for 2 and 4 (by the one
    # worker for 1: in its own process, out of sight here)
    assert cut == [PAGES, PAGES, PAGES]


def test_parts_cover_every_page_once_in_order():
    for pages, n in [(64, 2), (500, 2), (501, 4), (65, 1), (1000, 3)]:
        parts = workers.parts_of(pages, n)
        assert [i for r in parts for i in r] == list(range(pages))
        assert all(len(r) >= workers.PART_PAGES for r in parts[:-1])
    assert len(workers.parts_of(500, 2)) == 8
