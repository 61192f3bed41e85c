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
from .markers import BULLET, ends_sentence, marker_of, marker_style, may_start_item, opens_with_year
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


# ------------------------------------------------------------------ interrupted items (text)

RESUME_WINDOW = 30  # lines: how far after an unfinished item its continuation is looked for


def resume_interrupted(blocks: list[Block]) -> list[Block]:
    """Plain text of a page laid out in columns (a PDF's text layer) where a numbered item
    stops mid-sentence, an unrelated article follows, and the item's sentence goes on after it
    ("3. Link grants to a short / export plan, agreed before the fair, / Partner news / ...
    article ... / and check the results six months / later. / 4. Publish ..."): the item's
    continuation is moved up to it, the article after it, so the item reads as one.

    The signature, all of it required: the item's last line ends no sentence; what follows is
    at least two lines and ends a sentence (a whole article); the continuation opens in lower
    case and ends a sentence right before the next item's marker or its block's end. PDFs are
    left alone: their layout orders columns and boxes."""
    flat = [(bi, li) for bi, b in enumerate(blocks) for li in range(len(b.lines))]
    if not flat or any(line.bbox is not None for b in blocks for line in b.lines):
        return blocks
    line = lambda pos: blocks[flat[pos][0]].lines[flat[pos][1]]  # noqa: E731
    pos = 0
    while pos < len(flat):
        found = marker_of(line(pos).text)
        moved = _resume_at(blocks, flat, line, pos, found[0]) if found else None
        if moved is not None:
            return resume_interrupted(moved)  # at most a few items per document
        pos += 1
    return blocks


def _resume_at(blocks: list[Block], flat, line, start: int, number: int) -> list[Block] | None:
    end = start  # the item's last line: its sentence goes on in lower case (or a split word)
    while (end + 1 < len(flat) and flat[end + 1][0] == flat[start][0] and not marker_of(line(end + 1).text)
           and (line(end + 1).text[:1].islower() or line(end).joins_next)):
        end += 1
    if ends_sentence(line(end).text) or end + 1 >= len(flat) or line(end + 1).text[:1].islower():
        return None
    for k in range(end + 3, min(len(flat), end + 1 + RESUME_WINDOW)):
        text = line(k).text
        if marker_of(text):
            return None  # the list goes on: nothing was interrupted
        if not (text[:1].islower() and line(k - 1).text.rstrip()[-1:] in ".!?"):
            continue
        last = k
        while not ends_sentence(line(last).text):
            last += 1
            if last >= len(flat) or marker_of(line(last).text):
                return None
        after = last + 1
        if after < len(flat) and flat[after][0] == flat[last][0] and not marker_of(line(after).text):
            return None  # more text after the "continuation": it is a paragraph of its own
        return _move(blocks, flat, end, k, last)
    return None


def _move(blocks: list[Block], flat, end: int, k: int, last: int) -> list[Block]:
    """Blocks with lines k..last (and the rest of their block) right after line `end`, and the
    lines between (the interruption) after them, in their own blocks."""
    from dataclasses import replace

    (eb, el), (kb, kl), (lb, ll) = flat[end], flat[k], flat[last]
    continuation = blocks[kb].lines[kl:ll + 1] + blocks[lb].lines[ll + 1:]
    head = replace(blocks[eb], lines=blocks[eb].lines[:el + 1] + continuation)
    out = blocks[:eb] + [head]
    if kb == eb:
        between = [replace(blocks[eb], lines=blocks[eb].lines[el + 1:kl], flow_break=True)]
    else:
        between = [replace(blocks[eb], lines=blocks[eb].lines[el + 1:], flow_break=True)]
        between += blocks[eb + 1:kb]
        between.append(replace(blocks[kb], lines=blocks[kb].lines[:kl]))
    out += [b for b in between if b.lines] + blocks[lb + 1:]
    return out
