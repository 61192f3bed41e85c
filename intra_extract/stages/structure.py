"""Stage `structure`: the title, `section` records for headings, and numbered items as
`recommendation` records: lists of lines (`intra_extract.lists`: which marker lines open
items, where each ends) and lists inside a sentence (`intra_extract.inline_lists`), numbered
as lists in order of appearance."""

from __future__ import annotations

from .. import model
from ..apparatus import apparatus_blocks
from ..inline_lists import inline_lists
from ..lists import item_extent, list_heading, numbered_lists
from ..records import locator_of, new_record
from ..state import DocState
from . import stage


@stage("structure", reads=("blocks", "text", "block_languages"), writes=("title", "records"))
def structure(doc: DocState, options) -> None:
    locator = locator_of(doc)
    doc.title = find_title(doc)
    for block in doc.blocks:
        if block.role == "heading":
            first, last = block.lines[0], block.lines[-1]
            doc.records.append(
                new_record(doc, model.Section, first.start, last.end, locator,
                           heading=doc.text[first.start:last.end], level=max(block.level, 1))
            )
    apparatus = apparatus_blocks(doc.blocks)  # contents and references: never items
    inline = _inline_lists(doc, apparatus)
    inline_markers = {item.start for found in inline for item in found.items}
    lists = [
        items for items in numbered_lists(doc.blocks, apparatus)
        if not any(doc.blocks[c.block].lines[c.line].start in inline_markers for c in items)
    ]
    starts = {(c.block, c.line) for items in lists for c in items}
    found: list[tuple[int, str | None, list[tuple[int, int, int, int]]]] = []  # (start, heading, items)
    for items in lists:
        spans = []
        for cand in items:
            start, end = item_extent(doc.blocks, cand, starts)
            spans.append((cand.number, start, start + cand.marker_len, end))
        found.append((spans[0][1], list_heading(doc.blocks, items[0].block), spans))
    for one in inline:
        found.append((one.items[0].start, one.lead_in or None,
                      [(it.number, it.start, it.body_start, it.end) for it in one.items]))
    for list_index, (_, heading, spans) in enumerate(sorted(found, key=lambda f: f[0])):
        for number, start, body_start, end in spans:
            doc.records.append(
                new_record(doc, model.Recommendation, start, end, locator,
                           number=number, body=doc.text[body_start:end],
                           list_heading=heading, list_index=list_index)
            )


def _inline_lists(doc: DocState, apparatus: set[int]):
    out = []
    for bi, block in enumerate(doc.blocks):
        if block.role in ("heading", "banner") or bi in apparatus or not block.lines:
            continue
        start, end = block.lines[0].start, block.lines[-1].end
        if start < 0 or ":" not in doc.text[start:end]:
            continue
        out.extend(inline_lists(doc.text[start:end], start, frozenset(ln.start for ln in block.lines)))
    return out


def find_title(doc: DocState) -> str | None:
    """The largest heading on the first page; for text, a heading that opens the document."""
    if not doc.blocks:
        return None
    first_page = doc.blocks[0].page
    candidates = [
        b for b in doc.blocks
        if b.page == first_page and b.role in ("heading", "banner") and b.page is not None
    ]
    if candidates:  # the largest print on the first page; the higher one on a tie
        best = max(candidates, key=lambda b: (max(l.size for l in b.lines), -(b.bbox[1] if b.bbox else 0)))
        return best.text
    first = doc.blocks[0]
    return first.text if first.role == "heading" and first.page is None else None
