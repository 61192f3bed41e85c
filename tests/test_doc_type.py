"""Document typing (`stages/doc_type.py`): bulletin, handbook or unknown from the document
itself. The confusion matrix over every test document: the generated bulletins (the
standard set), the six text fixtures, raw_docs/, the real Bulgarian bulletin (when
../shared is here) and the generated handbooks (PDF and text, six languages)."""

from __future__ import annotations

import collections
import shutil
from pathlib import Path

import pytest

from intra_extract import model, pipeline
from intra_extract.runner import process_file

from .helpers import ROOT, SHARED_SAMPLE

FIXTURES = ROOT / "tests" / "fixtures" / "text"


def _inputs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".pdf", ".txt"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, list[Path]]:
    """Truth -> documents."""
    pytest.importorskip("reportlab")
    pytest.importorskip("font_source_sans_pro")
    from samplegen import standard_set
    from samplegen.handbook import standard_handbooks

    bulletins = tmp_path_factory.mktemp("gen-bulletins")
    handbooks = tmp_path_factory.mktemp("gen-handbooks")
    standard_set(bulletins)
    standard_handbooks(handbooks)
    # raw_docs/ names its files by type; the classifier never sees a file name (a test below)
    raw = _inputs(ROOT / "raw_docs")
    raw_handbooks = [p for p in raw if p.name.startswith("handbook")]
    assert raw_handbooks and len(raw_handbooks) < len(raw)
    known = _inputs(bulletins) + _inputs(FIXTURES) + [p for p in raw if p not in raw_handbooks]
    if SHARED_SAMPLE.is_file():
        known.append(SHARED_SAMPLE)
    return {"bulletin": known, "handbook": _inputs(handbooks) + raw_handbooks}


def _type(path: Path, config=None) -> str:
    config = config or pipeline.load("bulletin")
    return process_file(str(path), path.name, path.read_bytes(), config).doc_type


def test_confusion_matrix_over_every_test_document(corpus):
    config = pipeline.load("bulletin")
    matrix: collections.Counter = collections.Counter()
    wrong = []
    for truth, paths in corpus.items():
        for path in paths:
            got = _type(path, config)
            matrix[(truth, got)] += 1
            if got != truth:
                wrong.append(f"{path.name}: {truth} typed {got}")
    assert matrix[("bulletin", "handbook")] == 0 and matrix[("handbook", "bulletin")] == 0, wrong
    assert wrong == []
    assert matrix[("bulletin", "bulletin")] >= 50 and matrix[("handbook", "handbook")] >= 24


def test_the_file_name_plays_no_part(corpus, tmp_path):
    handbook = next(p for p in corpus["handbook"] if p.suffix == ".pdf")
    bulletin = next(p for p in corpus["bulletin"] if p.suffix == ".pdf")
    renamed_h = tmp_path / "bulletin-newsletter-6.pdf"
    renamed_b = tmp_path / "handbook-of-good-practices.pdf"
    shutil.copy(handbook, renamed_h)
    shutil.copy(bulletin, renamed_b)
    assert _type(renamed_h) == "handbook"
    assert _type(renamed_b) == "bulletin"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


PRACTICE = """Title of the practice:
Export vouchers

Country:
Slovenia

Region (NUTS 2):
Eastern Slovenia

Main institution involved:
Regional Development Agency

Timescale (start/end date):
01.01.2015 - 31.12.2018

Detailed description:
Small companies receive vouchers for market studies abroad.

Resources needed:
Two advisers and 200 000 EUR a year.

Evidence of success (results achieved):
Ninety companies used a voucher.
"""


def test_a_bulletin_naming_the_handbook_stays_a_bulletin(tmp_path):
    """INTRA's bulletins announce the handbook of good practices in their contents."""
    text = ("INTRA e-bulletin, issue 6\n\nContents\n\nHandbook of good practices\nPartner meeting in Maribor\n\n"
            "The handbook of good practices collects 83 practices.\n\n"
            "1. Support schemes should serve regional needs.\n2. SMEs need one support mechanism.\n")
    assert _type(_write(tmp_path, "a.txt", text)) == "bulletin"


def test_one_practice_with_its_whole_template_is_a_handbook(tmp_path):
    assert _type(_write(tmp_path, "one.txt", "Good practice 7\n\n" + PRACTICE)) == "handbook"


def test_a_newsletter_featuring_one_practice_stays_a_bulletin(tmp_path):
    text = "INTRA newsletter, issue 7\n\nGood practice of the month\n\n" + PRACTICE
    assert _type(_write(tmp_path, "nl.txt", text)) == "bulletin"


def test_two_practices_make_a_handbook_whatever_the_title_says(tmp_path):
    text = "INTRA newsletter special: good practices\n\n" + PRACTICE + "\n" + PRACTICE.replace("Export vouchers", "Trade missions")
    path = _write(tmp_path, "two.txt", text)
    doc = process_file(str(path), path.name, path.read_bytes(), pipeline.load("bulletin"))
    assert doc.doc_type == "handbook"
    gps = [r for r in doc.records if r.kind == "good_practice"]
    assert [g.title for g in gps] == ["Export vouchers", "Trade missions"]
    assert gps[0].region.nuts_code == "SI03" and (gps[0].start, gps[0].end) == ("2015-01-01", "2018-12-31")


def test_neither_is_unknown(tmp_path):
    text = "Minutes of the steering group\n\nThe partners met in Faro and agreed on the budget.\n"
    assert _type(_write(tmp_path, "m.txt", text)) == "unknown"


def test_a_pipeline_may_fix_the_type(tmp_path):
    path = _write(tmp_path, "m.txt", "Minutes\n\nThe partners met in Faro.\n")
    assert _type(path, pipeline.load("handbook")) == "handbook"
    assert model.Document.model_fields["doc_type"].annotation.__args__ == ("bulletin", "handbook", "unknown")
