"""Issue 3's acceptance through the whole bulletin pipeline on generated PDFs: every item
with its number and exactly its body, no running header, footer or page number inside a
record, and every record's boxes holding the words of its text (checked against the
words' own boxes, read again with pdfplumber)."""

from __future__ import annotations

import unicodedata

import pytest

from intra_extract.pipeline import load
from intra_extract.runner import process_file

pytest.importorskip("reportlab")
import pdfplumber  # noqa: E402

from samplegen import generate_bulletin  # noqa: E402
from intra_extract.spelling import normalise_text  # noqa: E402

CASES = [(lang, cols, size) for lang in ("bg", "sl", "es", "pt", "it", "en") for cols, size in ((2, "A4"), (3, "Letter"))]
CASES += [("en", 1, "Letter"), ("bg", 1, "A4")]


@pytest.fixture(scope="module", params=CASES, ids=lambda c: f"{c[0]}-{c[1]}col-{c[2]}")
def sample(request, tmp_path_factory):
    lang, cols, size = request.param
    path = tmp_path_factory.mktemp("pdf") / f"{lang}-{cols}-{size}.pdf"
    truth = generate_bulletin(path, language=lang, columns=cols, pagesize=size, seed=cols * 11 + len(lang))
    doc = process_file(str(path), path.name, path.read_bytes(), load("bulletin"))
    return path, truth, doc


def test_every_item_with_its_number_and_exactly_its_body(sample):
    _, truth, doc = sample
    got = [(r.number, r.body) for r in doc.records if r.kind == "recommendation"]
    assert got == [(i.number, i.body) for i in truth.items]
    assert {r.list_heading for r in doc.records if r.kind == "recommendation"} == {truth.items[0].list_heading}


def test_no_furniture_inside_any_record(sample):
    _, truth, doc = sample
    furniture = {f["text"] for page in truth.page_list for f in page.furniture}
    assert {f.text for f in doc.furniture} == furniture
    # A footer may repeat body text (the project's URL): each string stands in the document
    # text exactly as often as in the true body, so none of its furniture copies got in.
    body = "\n".join(block.text for page in truth.page_list for block in page.blocks)
    for text in furniture:
        assert doc.text.count(text) == body.count(text), text


def _words_in(boxes, pages_words):
    found = []
    for page, x0, top, x1, bottom in boxes:
        for w in pages_words[int(page)]:
            if w["x0"] >= x0 - 0.6 and w["x1"] <= x1 + 0.6 and w["top"] >= top - 0.6 and w["bottom"] <= bottom + 0.6:
                found.append(normalise_text(unicodedata.normalize("NFC", w["text"])))
    return found


def _missing(tokens, inside):
    """Tokens of the record not found, each in its own page word (a region may be the
    front of `Марибор,`), inside the record's boxes."""
    pool = list(inside)
    missing = []
    for token in tokens:
        hit = next((i for i, w in enumerate(pool) if token in w), None)
        if hit is None:
            missing.append(token)
        else:
            pool.pop(hit)
    return missing


def test_boxes_hold_the_words_of_the_record(sample):
    path, _, doc = sample
    with pdfplumber.open(path) as pdf:
        pages_words = {i + 1: p.extract_words() for i, p in enumerate(pdf.pages)}
    checked = 0
    for rec in doc.records:
        missing = _missing(rec.text.split(), _words_in(rec.boxes, pages_words))
        assert not missing, (rec.id, rec.text[:60], missing)
        assert rec.bbox == list(rec.boxes[0][1:]) and rec.page == rec.boxes[0][0]
        checked += 1
    assert checked == len(doc.records) > 10
