"""The fast pdfium backend gives the records the pdfplumber backend gives: the condition on
which it is the default. Boxes may differ by float rounding, nothing else may."""

from __future__ import annotations

import pytest

from intra_extract.backends import BackendOptions
from intra_extract.pipeline import load
from intra_extract.runner import process_file

pytest.importorskip("reportlab")
from samplegen import generate_bulletin  # noqa: E402

CASES = [("bg", 2, "A4"), ("sl", 3, "A4"), ("es", 1, "Letter"), ("pt", 2, "Letter"), ("it", 3, "Letter"),
         ("en", 2, "A4")]


def strip_boxes(records):
    return [{k: v for k, v in r.model_dump().items() if k not in ("bbox", "boxes")} for r in records]


def all_boxes(records):
    out = []
    for r in records:
        out.extend(r.boxes)
    return out


@pytest.fixture(scope="module")
def config():
    return load("bulletin")


@pytest.mark.parametrize("lang, columns, size", CASES)
def test_pdfium_gives_the_records_of_pdfplumber(tmp_path, config, lang, columns, size):
    path = tmp_path / f"{lang}.pdf"
    generate_bulletin(path, language=lang, columns=columns, pagesize=size, seed=columns + 7, write_truth=False)
    data = path.read_bytes()
    ref = process_file(str(path), path.name, data, config, BackendOptions(pdf_backend="pdfplumber"))
    fast = process_file(str(path), path.name, data, config, BackendOptions(pdf_backend="pdfium"))
    assert fast.text == ref.text
    assert [(f.page, f.role, f.text) for f in fast.furniture] == [(f.page, f.role, f.text) for f in ref.furniture]
    assert all(abs(x - y) <= 0.05 for f, g in zip(fast.furniture, ref.furniture) for x, y in zip(f.bbox, g.bbox))
    assert strip_boxes(fast.records) == strip_boxes(ref.records)
    a, b = all_boxes(ref.records), all_boxes(fast.records)
    assert len(a) == len(b)
    assert max(abs(x - y) for ba, bb in zip(a, b) for x, y in zip(ba, bb)) <= 0.05
