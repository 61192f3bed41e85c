"""Numbered items on PDF-like blocks: across columns and pages, stopped by boxes and headings."""

from __future__ import annotations

from intra_extract import model
from intra_extract.records import finalise
from intra_extract.stages import get
from intra_extract.state import Block, DocState, Line


def line(text, page, x0, top, x1=None):
    return Line(text=text, page=page, bbox=(x0, top, x1 or x0 + 5 * len(text), top + 10), size=10)


def doc_of(blocks):
    doc = DocState(path="t.pdf", doc_id="t", source=model.Source(path="t.pdf", sha256="0" * 64, format="pdf", bytes=1))
    doc.blocks = blocks
    for name in ("assemble", "language", "structure"):
        get(name)(doc)
    finalise(doc)
    return doc


def recs(doc):
    return [r for r in doc.records if r.kind == "recommendation"]


def test_item_crosses_column_and_page_but_not_a_box():
    blocks = [
        Block([line("Joint recommendations for regional policy", 1, 40, 60)], page=1, role="heading", level=1, flow_break=True),
        Block([line("1. Agencies should pool their export services", 1, 40, 100),
               line("for small firms across the region.", 1, 52, 112),
               line("2. Digital trade vouchers should be easier", 1, 40, 124)], page=1, column=0),
        # column 2 continues item 2
        Block([line("to apply for and to report on.", 1, 312, 80),
               line("3. Missions should target innovation partners", 1, 300, 92)], page=1, column=1),
        # a boxed article interrupts
        Block([line("Partner meeting in Maribor", 1, 300, 400)], page=1, role="heading", level=2, flow_break=True),
        Block([line("The partners met for two days and compared", 1, 300, 420),
               line("their action plans in detail.", 1, 300, 432)], page=1, role="boxed", flow_break=True),
        # page 2 continues the list
        Block([line("4. Export support should reach micro firms", 2, 40, 60),
               line("that have never sold abroad before and", 2, 52, 72)], page=2, column=0),
        Block([line("need a first contact abroad.", 3, 52, 60)], page=3, column=0),
        Block([line("Phase two of the project", 3, 40, 200)], page=3, role="heading", level=1, flow_break=True),
    ]
    doc = doc_of(blocks)
    got = [(r.number, r.body) for r in recs(doc)]
    assert got == [
        (1, "Agencies should pool their export services for small firms across the region."),
        (2, "Digital trade vouchers should be easier to apply for and to report on."),
        (3, "Missions should target innovation partners"),
        (4, "Export support should reach micro firms that have never sold abroad before and need a first contact abroad."),
    ]
    two, four = recs(doc)[1], recs(doc)[3]
    assert two.page == 1 and two.bbox == [40.0, 124.0, 250.0, 134.0]
    assert [b[0] for b in two.boxes] == [1, 1] and two.boxes[1][1] == 312
    assert [b[0] for b in four.boxes] == [2, 3]
    assert {r.list_heading for r in recs(doc)} == {"Joint recommendations for regional policy"}
    for r in doc.records:
        assert doc.text[r.span.start:r.span.end] == r.text


def test_hanging_indent_ends_the_last_item():
    blocks = [Block([
        line("1. First point of the list", 1, 40, 100),
        line("that continues here.", 1, 52, 112),
        line("2. Second point of the list", 1, 40, 124),
        line("that continues too.", 1, 52, 136),
        line("A new paragraph begins at the margin.", 1, 40, 148),
    ], page=1)]
    assert [r.body for r in recs(doc_of(blocks))][-1] == "Second point of the list that continues too."


def test_numbering_that_restarts_under_a_new_heading_is_a_new_list():
    blocks = [
        Block([Line("Regional recommendations")], role="heading", flow_break=True),
        Block([Line("1. Pool services."), Line("2. Fund vouchers.")], flow_break=True),
        Block([Line("European recommendations")], role="heading", flow_break=True),
        Block([Line("1. Simplify calls."), Line("2) Train advisers."), Line("(3) Count results.")], flow_break=True),
    ]
    got = [(r.list_index, r.number, r.list_heading) for r in recs(doc_of(blocks))]
    assert got == [(0, 1, "Regional recommendations"), (0, 2, "Regional recommendations"),
                   (1, 1, "European recommendations"), (1, 2, "European recommendations"),
                   (1, 3, "European recommendations")]


def test_numbers_out_of_sequence_are_not_items():
    blocks = [Block([
        Line("1. The first item names a meeting on"),
        Line("11. in 12. decembra 2018 v Mariboru."),
        Line("2. The second item."),
        Line("41. events were held in all."),
    ], flow_break=True)]
    got = [(r.number, r.body) for r in recs(doc_of(blocks))]
    # In plain text a line of the same block goes on with the item: "41." is no new item.
    assert got == [(1, "The first item names a meeting on 11. in 12. decembra 2018 v Mariboru."),
                   (2, "The second item.\n41. events were held in all.")]
