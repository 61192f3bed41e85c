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


def _pool(size: int) -> workers.Pool:
    pool = workers.Pool.__new__(workers.Pool)  # the scheduling alone: no processes
    pool.size = size
    return pool


def test_parts_are_queued_first_and_finished_in_page_order():
    from collections import deque

    pool, task, other = _pool(2), workers.Task(7, "/x/long.pdf", "long.pdf", "s"), workers.Task(8, "/x/b.pdf", "b.pdf", "t")
    pending: deque = deque([other])
    splitting: dict = {}
    assert pool._settle(task, workers.Split(7, 100, "sha", seconds=0.5), splitting, pending) is None
    parts = [job for job in pending if isinstance(job, workers.PagesTask)]
    assert [job.index for job in parts] == list(range(len(parts))) and pending[-1] is other
    assert [p for job in parts for p in job.pages] == list(range(100))
    pending.clear()
    for job in reversed(parts):  # answers in any order
        assert pool._settle(job, workers.PagesDone(7, job.index, b"%d" % job.index, seconds=1.0), splitting, pending) is None
    (finish,) = pending
    assert isinstance(finish, workers.FinishTask) and finish.parts == [b"%d" % i for i in range(len(parts))]
    done = pool._settle(finish, workers.Outcome(7, document_json="{}", seconds=2.0), splitting, pending)
    assert done is not None and done.key == 7 and done.seconds == 0.5 + len(parts) + 2.0 and not splitting


def test_a_part_that_fails_fails_its_document_once_and_drops_its_other_parts():
    from collections import deque

    from intra_extract.errors import InputError

    pool, task, other = _pool(2), workers.Task(7, "/x/long.pdf", "long.pdf", "s"), workers.Task(8, "/x/b.pdf", "b.pdf", "t")
    pending: deque = deque([other])
    splitting: dict = {}
    pool._settle(task, workers.Split(7, 100, "sha"), splitting, pending)
    first, second = pending.popleft(), pending.popleft()  # given to two workers
    failed = pool._settle(second, workers.Outcome(7, error=InputError("timeout", "too long")), splitting, pending)
    assert failed is not None and failed.error.code == "timeout"
    assert list(pending) == [other], "its other parts are not laid out"
    assert pool._settle(first, workers.PagesDone(7, 0, b"late"), splitting, pending) is None  # a late part: dropped
    assert list(pending) == [other] and not splitting


def test_counting_pages_first_changes_no_error(tmp_path):
    """Pages are counted before the document is read (to cut a long PDF in parts): a file
    that is no PDF fails as it did, with the error `process_file` gives."""
    from intra_extract.pipeline import load

    config = load("bulletin")
    for name, data, code in [("blank.pdf", b" \n\n ", "empty"), ("fake.pdf", b"plain text", "not_pdf")]:
        path = tmp_path / name
        path.write_bytes(data)
        task = workers.Task(0, str(path), name, "", None, 10**9, share=True)
        answer = workers.answer_to(task, config, RunOptions().backend)
        assert isinstance(answer, workers.Outcome) and answer.error is not None and answer.error.code == code


def test_the_document_steps_need_no_bytes_and_keep_no_page(long_pdf, monkeypatch):
    """`process_file(laid_out=...)` makes the document a whole run makes, without the file's
    bytes (not kept while the stages run), and takes the parts' pages as the layout reads them."""
    from intra_extract import lifecycle, output
    from intra_extract.layout import pdf
    from intra_extract.pipeline import load

    config, path = load("bulletin"), long_pdf / "long.pdf"
    data, bopts = path.read_bytes(), RunOptions().backend
    whole = lifecycle.process_file(str(path), path.name, data, config, bopts)
    parts = [lifecycle.lay_out(str(path), path.name, data, config, bopts, r) for r in workers.parts_of(PAGES, 2)]
    numbers = [page.number for part in parts for page in part.pages]
    taken: list[int] = []
    layout_pages = pdf.layout_pages

    def watched(pages, params):
        for page in pages:
            assert not any(page is p for part in parts for p in part.pages), "a page taken stays in its part"
            taken.append(page.number)
            yield page

    monkeypatch.setattr(pdf, "layout_pages", lambda pages, params: layout_pages(watched(pages, params), params))
    laid = lifecycle.process_file(str(path), path.name, None, config, bopts, laid_out=parts)
    assert taken == numbers == list(range(1, PAGES + 1)) and parts == []
    assert output.to_json(laid) == output.to_json(whole)
