"""PDF layout (`intra_extract.layout.pdf`) against generated bulletins with known truth, and
against hand-made pages the generator did not make."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from .pdf_samples import (
    CASES,
    block_order_score,
    item_score,
    make_sample,
    open_layout,
    reading_order_ok,
    segment_items,
)

from intra_extract.layout import PdfLayout, layout_pages  # noqa: E402
from samplegen import fold  # noqa: E402
from intra_extract.stages.assemble import assemble  # noqa: E402
from intra_extract.stages.normalise import normalise  # noqa: E402
from intra_extract.state import DocState, RawPage, Rect, Word  # noqa: E402

ids = [f"{lang}-{cols}col-{size}" for lang, cols, size in CASES]


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bulletins")


@pytest.fixture(params=CASES, ids=ids)
def sample(request, sample_dir):
    lang, cols, size = request.param
    return make_sample(sample_dir, lang, cols, size)


def test_page_count_and_reading_order(sample):
    assert sample.layout.pages == sample.truth.pages == sample.n_pages
    assert reading_order_ok(sample) == []
    found, total = block_order_score(sample)
    assert found == total


def test_furniture_found_and_absent_from_blocks(sample):
    lay = sample.layout
    for tp in sample.truth.page_list:
        got = {(f.role, fold(f.text)) for f in lay.furniture if f.page == tp.number}
        lines = {fold(ln.text) for b in lay.blocks if b.page == tp.number for ln in b.lines}
        for f in tp.furniture:
            assert (f["role"], fold(f["text"])) in got, (tp.number, f)
            assert fold(f["text"]) not in lines
    assert all(f.bbox and len(f.bbox) == 4 for f in lay.furniture)


def test_every_item_marker_starts_a_line(sample):
    starts = [fold(ln.text) for b in sample.layout.blocks for ln in b.lines]
    for item in sample.truth.items:
        first_words = " ".join(item.body.split()[:2])
        assert any(s.startswith(f"{item.marker} {first_words}") for s in starts), item.marker


def test_items_recovered_through_flow_breaks(sample):
    ok, total = item_score(sample)
    assert ok == total, [(i.number, i.text[:60]) for i in segment_items(sample.layout)]


def test_boxed_article_is_its_own_block(sample):
    box_blocks = [b for tp in sample.truth.page_list for b in tp.blocks if b.region == "box"]
    assert box_blocks
    laid = sample.layout.blocks
    for tb in box_blocks:
        mine = [b for b in laid if tb.text in fold(b.text) or fold(b.text) in tb.text]
        assert mine and all(b.role == "boxed" and b.flow_break for b in mine), tb.text
    # The boxed blocks hold the box's text, all of it and nothing else, in its order.
    assert fold(" ".join(b.text for b in laid if b.role == "boxed")) == fold(" ".join(b.text for b in box_blocks))
    # The block right after the box starts a new flow.
    idx = max(i for i, b in enumerate(laid) if b.role == "boxed")
    assert laid[idx + 1].flow_break


def test_continuation_at_column_top_has_no_flow_break(sample):
    conts = [(tp.number, b) for tp in sample.truth.page_list for b in tp.blocks if b.continues and b.kind == "item"]
    if sample.truth.columns > 1:
        assert sample.truth.properties["item_split_across_page"] or sample.truth.properties["item_split_across_column"]
    for page, tb in conts:
        first = fold(tb.lines[0])
        blocks = [b for b in sample.layout.blocks if b.page == page and fold(b.lines[0].text) == first]
        assert blocks, first
        assert blocks[0].role == "body" and not blocks[0].flow_break


def test_roles_headings_banner_caption(sample):
    laid = sample.layout.blocks
    by_text = {}
    for b in laid:
        by_text.setdefault(fold(b.text), b)
    for tp in sample.truth.page_list:
        for tb in tp.blocks:
            if tb.role == "heading":
                b = by_text.get(tb.text)
                assert b is not None and b.role == "heading" and b.flow_break and b.level >= 1, tb.text
            if tb.role == "caption":
                b = by_text.get(tb.text)
                assert b is not None and b.role == "caption", tb.text
            if tb.role == "banner":
                assert all(b.role == "banner" for b in laid if fold(b.text) in tb.text)
    # The section headings are drawn larger than the list heading: a smaller level number.
    t = sample.truth
    section = next(b for tp in t.page_list for b in tp.blocks if b.kind == "heading")
    listh = next(b for tp in t.page_list for b in tp.blocks if b.text == t.items[0].list_heading)
    assert by_text[section.text].level < by_text[listh.text].level


def test_lines_carry_words_and_offsets(sample):
    blocks = sample.layout.blocks[:20]
    for b in blocks:
        for ln in b.lines:
            assert ln.words and ln.text == " ".join(w.text for w in ln.words)
            assert ln.bbox and ln.size > 0 and ln.page == b.page
    # Each word's place in its line (Line.word_x, made when asked) after normalise and assemble.
    blocks = copy.deepcopy(blocks)  # the sample is shared with other tests: normalise changes lines
    state = DocState(path="x.pdf", source=None, doc_id="x", blocks=blocks)  # type: ignore[arg-type]
    normalise(state, None)
    assemble(state, None)
    for b in blocks:
        for ln in b.lines:
            places = list(ln.word_x())
            assert [w for _, _, w in places] == ln.words and ln.text == " ".join(w.text for w in ln.words)
            for off, n, w in places:
                assert ln.text[off : off + n] == w.text
                assert state.text[ln.start + off : ln.start + off + n] == w.text


def test_bullets_keep_the_pua_glyph_in_their_line(sample_dir):
    s = make_sample(sample_dir, "en", 2, "A4")
    bullet_lines = [ln.text for b in s.layout.blocks for ln in b.lines if ln.text.startswith("\uf0a7")]
    assert len(bullet_lines) == 4 and all(len(t) > 5 for t in bullet_lines)


def test_scanned_page_warns_no_text_layer(sample_dir):
    s = make_sample(sample_dir, "en", 2, "Letter", blank_page=True)
    last = s.truth.pages
    assert s.layout.pages == last
    assert [(w.code, w.page) for w in s.layout.warnings] == [("no_text_layer", last)]
    assert not [b for b in s.layout.blocks if b.page == last]
    assert reading_order_ok(s) == []


@pytest.mark.parametrize("style", ["dot", "paren", "both"])
def test_marker_styles_and_flush_continuations(sample_dir, style):
    s = make_sample(sample_dir, "sl", 2, "A4", seed=11, marker_style=style, hanging=False, justify=True)
    assert reading_order_ok(s) == []
    ok, total = item_score(s)
    assert ok == total


def test_layout_consumes_a_generator_lazily():
    seen = []

    def pages():
        for n in (1, 2):
            seen.append(n)
            yield RawPage(number=n, width=300, height=400, words=[])

    result = layout_pages(pages())
    assert seen == [1, 2] and result.pages == 2 and result.blocks == []
    assert [w.page for w in result.warnings] == [1, 2]


# ---------------------------------------------------------------------------------------------
# Layouts the generator does not make


def _handmade_uneven(path: Path) -> dict:
    """A page with a full-width title, a wide main column (ragged right) and a narrow side
    column on the right, a numbered list whose numbers sit two ems left of their text, a
    bullet list with "•" and a tab, and a footer; the same on two pages."""
    from reportlab.pdfgen.canvas import Canvas

    from samplegen import fonts

    fonts.register_fonts()  # a TrueType font, so "•" has a proper ToUnicode entry
    W, H = 595.0, 842.0
    c = Canvas(str(path), pagesize=(W, H), invariant=1)
    main_x, main_w = 60.0, 320.0
    side_x, side_w = 410.0, 125.0
    truth = {"pages": []}
    words = (
        "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa "
        "quebec romeo sierra tango uniform victor whiskey xray yankee zulu"
    ).split()

    def para(x, y, width, n_words, offset, size=10.0, font=fonts.REGULAR):
        from reportlab.pdfbase.pdfmetrics import stringWidth

        lines, cur = [], []
        for i in range(n_words):
            w = f"{words[(i + offset) % len(words)]}{i}"
            if cur and stringWidth(" ".join(cur + [w]), font, size) > width:
                lines.append(" ".join(cur))
                cur = []
            cur.append(w)
        lines.append(" ".join(cur))
        c.setFont(font, size)
        for ln in lines:
            c.drawString(x, H - y, ln)
            y += size * 1.3
        return lines, y

    for page in (1, 2):
        order = []
        y = 70.0
        if page == 1:
            c.setFont("Helvetica-Bold", 22)
            c.drawString(main_x, H - y, "Uneven columns report")
            order.append(["Uneven columns report"])
            y += 40
        top = y
        lines, y = para(main_x, y, main_w, 90, page * 7)
        order.append(lines)
        y += 8
        items = []
        for n in (1, 2, 3):
            c.setFont(fonts.REGULAR, 10)
            c.drawString(main_x, H - y, f"{n}.")
            lines, y = para(main_x + 22, y, main_w - 22, 25, n * 3 + page)
            items.append([f"{n}. {lines[0]}"] + lines[1:])
            y += 4
        order.append([ln for it in items for ln in it])
        y += 6
        bullets = []
        for n in range(2):
            c.setFont(fonts.REGULAR, 10)
            c.drawString(main_x + 4, H - y, "\u2022")
            lines, y = para(main_x + 22, y, main_w - 22, 12, 40 + n + page)
            bullets.append(["\u2022 " + lines[0]] + lines[1:])
        order.append([ln for b in bullets for ln in b])
        # Side column: its own heading and short text, starting lower than the main column.
        c.setFont("Helvetica-Bold", 12)
        c.drawString(side_x, H - (top + 30), "Side notes")
        side_lines, _ = para(side_x, top + 50, side_w, 45, 90 + page, size=9.0)
        order.append(["Side notes"])
        order.append(side_lines)
        c.setFont("Helvetica", 8)
        c.drawString(main_x, 30, "Uneven Review 2024")
        c.drawRightString(W - 60, 30, str(page))
        truth["pages"].append(order)
        c.showPage()
    c.save()
    return truth


def test_handmade_uneven_columns(tmp_path):
    path = tmp_path / "uneven.pdf"
    truth = _handmade_uneven(path)
    lay = open_layout(path)
    assert lay.pages == 2 and lay.warnings == []
    for page, order in enumerate(truth["pages"], start=1):
        want = fold(" ".join(" ".join(group) for group in order))
        got = fold(" ".join(b.text for b in lay.blocks if b.page == page))
        assert got == want, page
        lines = [ln.text for b in lay.blocks if b.page == page for ln in b.lines]
        for n in (1, 2, 3):
            assert any(t.startswith(f"{n}. ") and len(t) > 10 for t in lines)
        assert sum(t.startswith("\u2022 ") for t in lines) == 2
        side = [b for b in lay.blocks if b.page == page and b.text.startswith("Side notes")]
        assert side and side[0].role == "heading" and side[0].column == 1
    roles = {(f.page, f.role, f.text) for f in lay.furniture}
    assert (1, "footer", "Uneven Review 2024") in roles and (2, "page_number", "2") in roles


def test_handmade_sidebar_box_and_picture_over_first_column(tmp_path):
    """Two columns; a picture sits at the top of column 1 (so column 2's text starts higher
    than column 1's, pdfplumber #1303) and a shaded side box spans part of column 2."""
    from reportlab.pdfgen.canvas import Canvas

    W, H = 612.0, 792.0
    path = tmp_path / "sidebar.pdf"
    c = Canvas(str(path), pagesize=(W, H), invariant=1)
    c.setFillGray(0.5)
    c.rect(50, H - 250, 240, 180, stroke=0, fill=1)  # the "picture": a filled rectangle
    c.setFillGray(0)
    col1 = [f"left column line number {i} with some words" for i in range(25)]
    col2a = [f"right column first part {i} goes here" for i in range(12)]
    box = [f"box text line {i} inside the frame" for i in range(6)]
    col2b = [f"right column second part {i} follows on" for i in range(10)]
    c.setFont("Helvetica", 10)
    y = 270
    for t in col1:
        c.drawString(50, H - y, t)
        y += 13
    y = 80
    for t in col2a:
        c.drawString(320, H - y, t)
        y += 13
    y += 10
    c.setFillColorRGB(0.9, 0.9, 0.95)
    c.rect(315, H - (y + 6 * 13 + 12), 250, 6 * 13 + 16, stroke=1, fill=1)
    c.setFillGray(0)
    y += 10
    for t in box:
        c.drawString(322, H - y, t)
        y += 13
    y += 20
    for t in col2b:
        c.drawString(320, H - y, t)
        y += 13
    c.showPage()
    c.save()
    lay = open_layout(path)
    texts = [fold(b.text) for b in lay.blocks]
    got = " ".join(texts)
    assert got == fold(" ".join(col1 + col2a + box + col2b))
    boxed = [b for b in lay.blocks if b.role == "boxed"]
    assert boxed and fold(" ".join(b.text for b in boxed)) == fold(" ".join(box))
    after = lay.blocks[lay.blocks.index(boxed[-1]) + 1]
    assert after.flow_break and after.text.startswith("right column second part 0")


def _word(text, x0, top, size=10.0, bold=False):
    return Word(text, x0, top, x0 + 5.2 * len(text) * size / 10, top + size, size=size, bold=bold)


def test_heading_from_size_and_weight_not_keywords():
    words = []
    y = 60.0
    words.append(_word("Results", 50, y, size=16, bold=True))
    y += 30
    for i in range(6):
        words += [_word(f"w{i}{j}", 50 + 40 * j, y) for j in range(8)]
        y += 12
    y += 14
    words += [_word("Conclusion", 50, y, bold=True), _word("notes", 110, y, bold=True)]
    y += 16
    for i in range(3):
        words += [_word(f"v{i}{j}", 50 + 40 * j, y) for j in range(8)]
        y += 12
    lay = layout_pages([RawPage(1, 595, 842, words)])
    roles = [(b.role, b.level, b.text.split()[0]) for b in lay.blocks]
    assert roles[0] == ("heading", 1, "Results")
    assert ("heading", 2, "Conclusion") in roles
    assert [r for r in roles if r[0] == "body"] and all(r[0] in ("heading", "body") for r in roles)


def test_words_inside_a_drawn_box_never_join_body_lines():
    words = []
    # Body text on the left and a box on the right whose lines share the body's baselines.
    for i in range(8):
        top = 100 + 12 * i
        words += [_word(f"body{i}{j}", 50 + 45 * j, top) for j in range(5)]
        words += [_word(f"box{i}{j}", 330 + 40 * j, top) for j in range(4)]
    rect = Rect(320, 92, 520, 100 + 12 * 8 + 6, "rect")
    lay = layout_pages([RawPage(1, 595, 842, words, [rect])])
    for b in lay.blocks:
        for ln in b.lines:
            kinds = {w.text[:3] for w in ln.words}
            assert len(kinds) == 1, ln.text
    assert [b.role for b in lay.blocks if b.text.startswith("box")] == ["boxed"]


def test_result_type():
    assert isinstance(layout_pages([]), PdfLayout)


def test_handmade_list_beside_an_article_then_full_width_items(tmp_path):
    """The shape of a real two-column bulletin page: items 1-8 fill the left column while an
    unrelated article (heading and text) fills the right one; items 9-12 then run full width
    below both. A naive extractor interleaves the article into item 8."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    from samplegen import fonts

    fonts.register_fonts()
    W, H = 595.0, 842.0
    path = tmp_path / "beside.pdf"
    c = Canvas(str(path), pagesize=(W, H), invariant=1)
    vocab = "policy region support market export firm network cluster voucher plan measure budget partner".split()

    def wrap(n_words, seed, width, size=10.0):
        ws = [f"{vocab[(seed * 7 + i * 3) % len(vocab)]}{seed}{i}" for i in range(n_words)]
        lines, cur = [], []
        for w in ws:
            if cur and stringWidth(" ".join(cur + [w]), fonts.REGULAR, size) > width:
                lines.append(" ".join(cur))
                cur = []
            cur.append(w)
        return lines + [" ".join(cur)]

    def draw(x, y, lines, font=fonts.REGULAR, size=10.0):
        c.setFont(font, size)
        for ln in lines:
            c.drawString(x, H - y, ln)
            y += size * 1.25
        return y

    left_x, right_x, col_w, full_w = 50.0, 310.0, 235.0, 495.0
    c.setFont(fonts.REGULAR, 8)
    c.drawString(left_x, H - 30, "Project bulletin 6")
    y = draw(left_x, 70, wrap(40, 1, full_w))
    top = y + 12
    order_left, y = [], top
    lead = wrap(18, 2, col_w)
    y = draw(left_x, y, lead)
    order_left += lead
    items = {}
    for n in range(1, 9):
        lines = wrap(10 + (n % 3) * 5, 10 + n, col_w - 14)
        lines[0] = f"{n}. {lines[0]}"
        y = draw(left_x, y, lines)
        order_left += lines
        items[n] = lines
    left_bottom = y
    head = ["Partner meeting in the north"]
    y = draw(right_x, top, head, font=fonts.BOLD, size=12.0) + 4
    article = wrap(80, 3, col_w)
    y = draw(right_x, y, article)
    assert y < left_bottom + 40
    y = max(left_bottom, y) + 16
    full = []
    for n in range(9, 13):
        lines = wrap(10 + n, 20 + n, full_w)
        lines[0] = f"{n}. {lines[0]}"
        y = draw(left_x, y, lines)
        full += lines
        items[n] = lines
    assert y < H - 60
    c.setFont(fonts.REGULAR, 8)
    c.drawString(left_x, 30, "www.example.eu/project")
    c.showPage()
    c.save()
    lay = open_layout(path)
    got = fold(" ".join(b.text for b in lay.blocks))
    # One page: nothing repeats, so the running lines stay text (no page number to find either).
    want = fold(" ".join(["Project bulletin 6"] + wrap(40, 1, full_w) + order_left + head + article + full + ["www.example.eu/project"]))
    assert got == want
    seg = {it.number: it for it in segment_items(lay)}
    assert sorted(seg) == list(range(1, 13))
    for n, lines in items.items():
        assert seg[n].text == fold(" ".join(lines)[len(f"{n}. "):]), n


def _body_rows(x0, top, n_rows, n_words, prefix, gap=12.0):
    words = []
    for i in range(n_rows):
        words += [_word(f"{prefix}{i}{j}", x0 + 45 * j, top + gap * i) for j in range(n_words)]
    return words


def test_frame_of_four_rules_is_a_box():
    words = _body_rows(50, 100, 4, 8, "pre") + _body_rows(60, 170, 4, 6, "box") + _body_rows(50, 240, 4, 8, "post")
    rules = [
        Rect(55, 160, 340, 161, "line"),  # top
        Rect(55, 222, 340, 223, "line"),  # bottom
        Rect(55, 160, 56, 223, "line"),  # left
        Rect(339, 160, 340, 223, "rect"),  # right: a thin filled rectangle
    ]
    lay = layout_pages([RawPage(1, 595, 842, words, rules)])
    roles = [(b.role, b.flow_break, b.text.split()[0][:3]) for b in lay.blocks]
    assert roles == [("body", True, "pre"), ("boxed", True, "box"), ("body", True, "pos")]


def test_highlight_and_heading_band_stay_in_the_flow():
    words = [_word("Shaded", 50, 80, size=14, bold=True), _word("heading", 110, 80, size=14, bold=True)]
    words += _body_rows(50, 110, 5, 8, "txt")
    band = Rect(45, 77, 550, 97, "rect")  # a colour band behind the heading, hugging its line
    marker = Rect(138, 133, 182, 145, "rect")  # a highlighter mark on one word of line 3
    lay = layout_pages([RawPage(1, 595, 842, words, [band, marker])])
    assert [b.role for b in lay.blocks] == ["heading", "body"]
    assert lay.blocks[1].lines[2].text.startswith("txt20 txt21 txt22")
    assert len(lay.blocks[1].lines) == 5


@pytest.mark.parametrize("lang,cols,size", [("bg", 3, "Letter"), ("pt", 2, "A4"), ("sl", 1, "A4")])
def test_same_layout_through_the_pdfium_backend(sample_dir, lang, cols, size):
    pdfium = pytest.importorskip("intra_extract.backends.pdfium")
    path = sample_dir / f"pdfium-{lang}-{cols}-{size}.pdf"
    from samplegen import generate_bulletin

    from .pdf_samples import Sample

    truth = generate_bulletin(path, language=lang, columns=cols, pagesize=size, seed=7)
    n, pages = pdfium.open_pdf(str(path))
    s = Sample(path, truth, layout_pages(pages), n)
    assert reading_order_ok(s) == []
    ok, total = item_score(s)
    assert ok == total


def test_sparse_cover_page_judged_by_the_document_body_size():
    cover = [_word("Annual", 100, 200, size=30, bold=True), _word("review", 250, 200, size=30, bold=True)]
    cover += [_word(w, 100 + 90 * i, 300, size=18) for i, w in enumerate(["Regional", "support", "2024"])]
    body = []
    y = 60.0
    for i in range(40):
        body += [_word(f"w{i}x{j}", 50 + 45 * j, y) for j in range(10)]
        y += 12
    lay = layout_pages([RawPage(1, 595, 842, cover), RawPage(2, 595, 842, body)])
    first = [(b.role, b.text) for b in lay.blocks if b.page == 1]
    assert first == [("heading", "Annual review"), ("heading", "Regional support 2024")]
    levels = [b.level for b in lay.blocks if b.page == 1]
    assert levels == [1, 2]
