"""Numbered lists: which marker lines (`1.`, `1)`, `(1)`) open items, and where each item ends.

A numbered item starts at a line that begins with a marker whose number continues the
current list (last + 1) or starts a new one (1). It ends where the next item, a bullet, a
heading or a new flow (box, banner, article) begins. It runs on into the next block only
when that block continues the flow in the next column or on the next page
(`Block.flow_break` is False): that is how one item crosses a column. Numbers that do not
fit the sequence (a date like `11. decembra` at a line start, a stray figure) are not items.
An item of a list may end in a comma and the next open in lower case ("1. reliable data,"
then "2. help with staff,"): a marker that continues the list on the next line of its block.
Never items (`apparatus`): contents lines, entries of references, lines under a references
or contents heading; a list most of whose entries look like references is a bibliography;
a form's lines to fill in ("1. Name of firm: ______").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .apparatus import apparatus_blocks, is_contents_line, looks_like_reference
from .markers import BULLET, marker_of, marker_style, may_start_item, opens_with_year
from .state import Block, Line, continues_flow

INDENT_TOLERANCE = 2.0  # points
# A form's line to fill in ("2. Number of employees: ________"): never an item.
_FILL_IN = re.compile(r"_{4,}|…{3,}|\.{4,}\s*$")


@dataclass
class Candidate:
    block: int
    line: int
    number: int
    marker_len: int
    style: str = "."  # `markers.marker_style`


def numbered_lists(blocks: list[Block], apparatus: set[int] | None = None) -> list[list[Candidate]]:
    """Marker lines grouped into lists by their numbering. `apparatus`: the blocks that are
    contents or references (`apparatus_blocks`), when the caller has them already."""
    candidates: list[Candidate] = []
    apparatus = apparatus_blocks(blocks) if apparatus is None else apparatus
    for bi, block in enumerate(blocks):
        if block.role in ("heading", "banner") or bi in apparatus:
            continue
        for li, line in enumerate(block.lines):
            found = marker_of(line.text)
            if not found or is_contents_line(line.text) or _FILL_IN.search(line.text):
                continue
            last = candidates[-1] if candidates else None
            if may_start_item(block.lines[li - 1].text if li else None, line.text) or (
                last is not None and last.block == bi and last.number + 1 == found[0]
                and not opens_with_year(line.text[found[1]:])
            ):
                candidates.append(Candidate(bi, li, *found, marker_style(line.text[:found[1]])))
    lists: list[list[Candidate]] = []
    for i, cand in enumerate(candidates):
        current = lists[-1] if lists else None
        if current and cand.number == current[-1].number + 1 and (
                cand.style == current[-1].style or cand.block == current[-1].block):
            current.append(cand)  # another style goes on only in the same block ("1) 2) 3)", then "4. Prazos")
        elif cand.number == 1 or (
            # a list may open above 1 (a continued list) when the next marker follows it
            i + 1 < len(candidates) and candidates[i + 1].number == cand.number + 1
            and (candidates[i + 1].style == cand.style or candidates[i + 1].block == cand.block)
            and not (current and candidates[i + 1].number == current[-1].number + 1)
        ):
            lists.append([cand])
    return [items for items in lists if not _bibliography(blocks, items)]


def _bibliography(blocks: list[Block], items: list[Candidate]) -> bool:
    refs = sum(looks_like_reference(blocks[c.block].lines[c.line].text[c.marker_len:]) for c in items)
    return refs * 2 >= len(items)


def list_heading(blocks: list[Block], first_block: int) -> str | None:
    """The nearest heading above the list that reads as one (`is_real_heading`)."""
    for block in reversed(blocks[: first_block + 1]):
        if block.role == "heading" and is_real_heading(block.text):
            return block.text
    return None


MAX_HEADING_WORDS = 20


def is_real_heading(text: str) -> bool:
    """A title, not what the layout took for one: a time stamp, a page number, a bullet and a
    letter, or a run of text that starts mid-sentence (lower case) or goes on too long."""
    words = text.split()
    if not words or len(words) > MAX_HEADING_WORDS or BULLET.match(text):
        return False
    first = next((ch for ch in text if ch.isalpha()), "")
    return bool(re.search(r"[^\W\d_]{3}", text)) and not first.islower()


def item_extent(blocks: list[Block], cand: Candidate, starts: set[tuple[int, int]]) -> tuple[int, int]:
    """Offsets of the item from its marker to the end of its last line. `starts` holds the
    (block, line) of every accepted item: a number out of sequence does not end an item."""
    block = blocks[cand.block]
    first = block.lines[cand.line]
    last = first
    bi, li = cand.block, cand.line + 1
    hanging: bool | None = None  # do continuation lines stand right of the marker?
    while True:
        for li, line in enumerate(blocks[bi].lines[li:], start=li):
            if (bi, li) in starts or ends_item(line, first, hanging):
                return first.start, last.end
            if hanging is None and line.bbox and first.bbox:
                hanging = line.bbox[0] > first.bbox[0] + INDENT_TOLERANCE
            last = line
        if not continues_into(blocks, bi):
            return first.start, last.end
        bi, li = bi + 1, 0


def ends_item(line: Line, first: Line, hanging: bool | None) -> bool:
    if BULLET.match(line.text):
        return True
    # After indented continuation lines, a line back at the marker's left edge is a new paragraph.
    return bool(
        hanging and line.bbox and first.bbox and line.page == first.page
        and abs(line.bbox[0] - first.bbox[0]) <= INDENT_TOLERANCE
    )


def continues_into(blocks: list[Block], bi: int) -> bool:
    """Whether an item in block `bi` goes on in block `bi + 1` (next column or page)."""
    return bi + 1 < len(blocks) and continues_flow(blocks[bi], blocks[bi + 1])
