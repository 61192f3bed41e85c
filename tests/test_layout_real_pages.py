"""The PDF layout on pages shaped like the real documents of issue #14, made by
`layout_factories` at test time: nothing lost, column order, sideways text kept apart, table
rows kept, run-in headings and titles."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("reportlab")

from . import layout_factories as F  # noqa: E402

from intra_extract import pipeline  # noqa: E402
from intra_extract.backends.pdfium import open_pdf  # noqa: E402
from intra_extract.layout import layout_pages  # noqa: E402
from intra_extract.layout.params import LayoutParams  # noqa: E402
from intra_extract.lifecycle import process_file  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _layout(path: Path, params: LayoutParams | None = None):
    _, pages = open_pdf(str(path))
    return layout_pages(pages, params) if params else layout_pages(pages)


def _words(lay) -> list[str]:
    return [w.text for b in lay.blocks for ln in b.lines for w in ln.words]


def _all_kept(lay) -> bool:
    """Every page gave back all it had, less what was dropped by name."""
    return all(back == chars - dropped for chars, back, dropped in lay.conservation.values())


def test_words_inside_a_rectangle_and_a_frame_of_rules_are_all_kept(tmp_path):
    path = tmp_path / "frame.pdf"
    words = F.frame_and_rectangle(path)
    lay = _layout(path)
    assert _words(lay) == words
    assert _all_kept(lay) and not [w for w in lay.warnings if w.code == "text_lost"]


def test_three_narrow_columns_are_read_column_by_column(tmp_path):
    path = tmp_path / "gazette.pdf"
    words = F.three_narrow_columns(path)
    lay = _layout(path)
    assert _words(lay) == words
    assert sorted({b.column for b in lay.blocks}) == [0, 1, 2]


def test_a_sideways_stamp_in_the_margin_is_margin_furniture(tmp_path):
    path = tmp_path / "stamp.pdf"
    words = F.margin_stamp(path)
    lay = _layout(path)
    assert _words(lay) == words
    assert [(f.role, f.text) for f in lay.furniture] == [("margin", F.STAMP)]
    assert _all_kept(lay)


def test_table_rows_in_the_foot_band_of_every_page_stay_in_the_text(tmp_path):
    path = tmp_path / "tables.pdf"
    tables = F.table_near_foot(path)
    lay = _layout(path)
    lines = [ln.text for b in lay.blocks for ln in b.lines]
    assert [row for rows in tables for row in rows if row in lines] == [row for rows in tables for row in rows]
    assert [(f.page, f.role, f.text) for f in lay.furniture] == [
        (p, role, text)
        for p in (1, 2, 3)
        for role, text in (
            ("header", F.HEADER), ("page_number", str(F.FIRST_FOLIO + p - 1)), ("footer", F.FOOTER), ("page_number", str(p))
        )
    ]


def test_run_in_bold_headings_stay_in_their_paragraph(tmp_path):
    path = tmp_path / "runin.pdf"
    paragraphs = F.run_in_headings(path)
    lay = _layout(path)
    assert [(b.role, b.text) for b in lay.blocks] == [("body", p) for p in paragraphs]


def test_a_title_is_a_heading_with_words_in_it(tmp_path):
    path = tmp_path / "titles.pdf"
    title = F.number_titles(path)
    lay = _layout(path)
    assert [b.text for b in lay.blocks if b.role == "heading"] == [title]
    doc = process_file(str(path), path.name, path.read_bytes(), pipeline.load("bulletin"))
    assert doc.title == title
    # the figures and the lone letter are still in the text, as body
    assert {"2.5", "z", "20 07"} <= {b.text for b in lay.blocks if b.role == "body"}


def test_layout_thresholds_come_from_the_pipeline_options(tmp_path):
    path = tmp_path / "titles.pdf"
    F.number_titles(path)
    toml = tmp_path / "p.toml"
    toml.write_text('stages = ["layout"]\n[options.layout]\nheading_min_letters = 0\n', "utf-8")
    params = pipeline.load(str(toml)).stage_options("layout")
    assert params == LayoutParams(heading_min_letters=0)
    headings = [b.text for b in _layout(path, params).blocks if b.role == "heading"]
    assert headings[:2] == ["2.5", "z"]  # the old behaviour, on request


@pytest.mark.parametrize("path", sorted((ROOT / "raw_docs").rglob("*.pdf")), ids=lambda p: p.name)
def test_every_character_of_the_corpus_comes_back(path):
    lay = _layout(path)
    assert lay.conservation and _all_kept(lay)
    assert not [w for w in lay.warnings if w.code in ("text_lost", "dropped_text")]


def test_a_picture_frame_is_not_a_box_that_cuts_the_lines_beside_it(tmp_path):
    path = tmp_path / "cover.pdf"
    lines = F.lines_over_a_picture(path)
    lay = _layout(path)
    assert [b.text for b in lay.blocks][: len(lines)] == lines


def test_two_columns_beside_a_tall_box_are_read_column_by_column(tmp_path):
    path = tmp_path / "back.pdf"
    texts = F.columns_beside_a_tall_box(path)
    lay = _layout(path)
    assert [b.text for b in lay.blocks] == texts
