"""Stage `structure`: the title, `section` records for headings, and numbered items
(`intra_extract.lists`: which marker lines open items, where each ends) as
`recommendation` records."""

from __future__ import annotations

from .. import model
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
    lists = numbered_lists(doc.blocks)
    starts = {(c.block, c.line) for items in lists for c in items}
    for list_index, items in enumerate(lists):
        heading = list_heading(doc.blocks, items[0].block)
        for cand in items:
            start, end = item_extent(doc.blocks, cand, starts)
            doc.records.append(
                new_record(doc, model.Recommendation, start, end, locator,
                           number=cand.number, body=doc.text[start + cand.marker_len:end],
                           list_heading=heading, list_index=list_index)
            )


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
