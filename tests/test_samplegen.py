"""The sample generator: deterministic PDFs whose text layer matches their truth files."""

from __future__ import annotations

import json
import os

import pytest

pytest.importorskip("reportlab")
pytest.importorskip("font_source_sans_pro")

import pdfplumber  # noqa: E402

from samplegen import (  # noqa: E402
    LANGUAGES,
    TEXTS,
    Truth,
    fold,
    generate_bulletin,
    truth_path,
)
from samplegen.__main__ import main  # noqa: E402
from samplegen.fonts import PUA_SQUARE, build_symbol_font  # noqa: E402
from samplegen.texts import check_texts  # noqa: E402


def test_texts_complete_for_six_languages():
    assert sorted(LANGUAGES) == ["bg", "en", "es", "it", "pt", "sl"]
    assert check_texts() == {}


def test_fonts_cover_every_character():
    from fontTools.ttLib import TTFont

    from samplegen.fonts import source_sans_files

    files = source_sans_files()
    for name in ("SSP-Regular", "SSP-Bold"):
        cmap = TTFont(files[name]).getBestCmap()
        for lang, entry in TEXTS.items():
            chars = set(json.dumps(entry, ensure_ascii=False)) - {"\\", '"'}
            missing = sorted(ch for ch in chars if ord(ch) not in cmap and ch not in "\n")
            assert not missing, (name, lang, missing)


def test_symbol_font_has_pua_bullets():
    from io import BytesIO

    from fontTools.ttLib import TTFont

    data = build_symbol_font()
    assert data == build_symbol_font()  # deterministic
    cmap = TTFont(BytesIO(data)).getBestCmap()
    assert 0xF0A7 in cmap and 0xF0B7 in cmap


@pytest.mark.parametrize("columns,pagesize", [(1, "A4"), (2, "Letter"), (3, "A4")])
def test_same_arguments_same_bytes(tmp_path, columns, pagesize):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    ta = generate_bulletin(a, language="bg", columns=columns, pagesize=pagesize, seed=4)
    tb = generate_bulletin(b, language="bg", columns=columns, pagesize=pagesize, seed=4)
    assert a.read_bytes() == b.read_bytes()
    assert ta.to_json() == tb.to_json().replace('"name": "b"', '"name": "a"')
    c = tmp_path / "c.pdf"
    generate_bulletin(c, language="bg", columns=columns, pagesize=pagesize, seed=5)
    assert c.read_bytes() != a.read_bytes()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_layer_matches_truth(tmp_path, lang):
    path = tmp_path / f"{lang}.pdf"
    truth = generate_bulletin(path, language=lang, columns=2, pagesize="A4", seed=2)
    saved = Truth.load(truth_path(path))
    assert saved.to_json() == truth.to_json()
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == truth.pages
        for page, tp in zip(pdf.pages, truth.page_list):
            words = [w["text"] for w in page.extract_words()]
            text = " ".join(words)
            for block in tp.blocks:
                for line in block.lines:
                    assert line in text
            for f in tp.furniture:
                assert f["text"] in text
    allw = [b.text for tp in truth.page_list for b in tp.blocks]
    assert any(PUA_SQUARE in t for t in allw)
    # Truth content: the banner first, a picture caption, a box between two parts of the list.
    first = truth.page_list[0].blocks
    assert first[0].role == "banner" and first[0].flow_break
    assert any(b.role == "caption" for b in first)
    seq = [(b.kind, b.item) for tp in truth.page_list for b in tp.blocks if b.kind in ("item", "box_heading")]
    box_at = [k for k, _ in seq].index("box_heading")
    assert 0 < box_at < len(seq) - 1
    # every recommendation printed as one numbered item, its body the text as written
    assert [(i.number, i.body) for i in truth.items] == [
        (n, fold(text)) for n, text in enumerate(TEXTS[lang]["recommendations"], start=1)]


def test_list_runs_across_column_and_page_breaks(tmp_path):
    for cols, size in ((2, "A4"), (3, "Letter")):
        truth = generate_bulletin(tmp_path / f"x{cols}.pdf", language="es", columns=cols, pagesize=size, seed=cols)
        assert truth.properties["item_split_across_page"], cols
        assert truth.properties["item_split_across_column"], cols
        conts = [b for tp in truth.page_list for b in tp.blocks if b.continues and b.kind == "item"]
        assert conts and all(not b.flow_break and b.role == "body" for b in conts)


def test_marker_styles(tmp_path):
    for style, marker in (("dot", "1."), ("paren", "1)"), ("both", "(1)")):
        truth = generate_bulletin(tmp_path / f"{style}.pdf", language="it", columns=1, seed=1, marker_style=style)
        assert truth.items[0].marker == marker
    with pytest.raises(ValueError):
        generate_bulletin(tmp_path / "bad.pdf", language="it", marker_style="roman")
    with pytest.raises(ValueError):
        generate_bulletin(tmp_path / "bad.pdf", language="xx")


def test_blank_page_has_no_text(tmp_path):
    path = tmp_path / "scan.pdf"
    truth = generate_bulletin(path, language="en", columns=2, blank_page=True)
    assert truth.page_list[-1].no_text_layer and not truth.page_list[-1].blocks
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == truth.pages
        assert pdf.pages[-1].extract_words() == [] and pdf.pages[-1].images


def test_cli_writes_the_set(tmp_path):
    assert main([str(tmp_path), "--languages", "pt"]) == 0
    pdfs = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert len(pdfs) == 3 * 2 + 2
    for name in pdfs:
        assert os.path.exists(tmp_path / name.replace(".pdf", ".truth.json"))
