"""Plain-text layout: physical lines into blocks, and heading lines found by their shape.

Text files carry no geometry, so blocks come from the blank-line rhythm. In ordinary text a
blank line ends a paragraph (and a list item). But many text layers exported from PDFs are
"double spaced": every printed line is followed by one blank line, and a block boundary
shows as a line with *no* blank before it (the real Bulgarian bulletin is such a file).
A document is taken for double spaced only when the text shows it: single blank lines are
the most common gap *and* sentences run on across them (a line that ends mid-sentence, the
next going on in lower case), as wrapped lines of a page do. A web page whose paragraphs are
one long line each, separated by blank lines, has the first trait but not the second.

Since we cannot tell a column break from a new article in plain text, every block starts
a new flow (`flow_break`): a numbered item never runs on into the next block.
"""

from __future__ import annotations

import re

from ..apparatus import is_contents_line
from ..markers import RAW_BULLET, marker_of, may_start_item
from ..state import Block, Line

END_PUNCT = ".,;:!?…-–—/"
URLISH = re.compile(r"(?i)\b(?:https?://|www\.)")


def layout_text(raw: str) -> list[Block]:
    physical = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n").split("\n")
    numbered = [(i, line.strip()) for i, line in enumerate(physical) if line.strip()]
    if not numbered:
        return []
    gaps = [b[0] - a[0] - 1 for a, b in zip(numbered, numbered[1:])]
    inner_gap = 1 if is_double_spaced([text for _, text in numbered], gaps) else 0

    groups: list[list[str]] = [[numbered[0][1]]]
    for gap, (_, text) in zip(gaps, numbered[1:]):
        if gap == inner_gap:
            groups[-1].append(text)
        else:
            groups.append([text])

    blocks: list[Block] = []
    for gi, group in enumerate(groups):
        if not inner_gap and is_numbered_heading(group, groups[gi - 1] if gi else None,
                                                 groups[gi + 1] if gi + 1 < len(groups) else None):
            blocks.append(Block(lines=[Line(text=group[0])], role="heading", level=2, flow_break=True))
        else:
            blocks.extend(_split_headings(group))
    return blocks


# A section number and its title: "2.3.1 Findings", "1. Introducción", "4 Conclusioni".
SECTION_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?=[^\W\d_])")


def is_numbered_heading(group: list[str], before: list[str] | None, after: list[str] | None) -> bool:
    """A numbered line standing alone between blank lines, shaped like a title, that no
    neighbouring paragraph continues as a list (a "2." after it or a "0." before it)."""
    if len(group) != 1 or after is None:
        return False
    text = group[0]
    m = SECTION_HEADING.match(text)
    if not m or len(text.split()) > 14 or not is_heading_like(text[m.end():]) or is_contents_line(text):
        return False
    if "." in m.group(1):
        return True  # "2.1" is a section number, never a list marker
    number = int(m.group(1))
    return not any(
        found and found[0] == number + step
        for found, step in ((marker_of(before[-1]) if before else None, -1), (marker_of(after[0]), 1))
    )


# Share of single-blank gaps across which a sentence runs on, above which a document is double
# spaced. Measured: double-spaced text layers 0.36-0.68; prose and web pages with blank-line
# paragraphs 0.00-0.09.
RUN_ON_SHARE = 0.2


def is_double_spaced(lines: list[str], gaps: list[int]) -> bool:
    """Every printed line followed by a blank one: single blanks are the commonest gap, and
    sentences run on across them (wrapped lines), which paragraph breaks never do."""
    if sum(g == 1 for g in gaps) <= sum(g == 0 for g in gaps):
        return False
    across = [(a, b) for a, b, gap in zip(lines, lines[1:], gaps) if gap == 1]
    run_on = sum(1 for a, b in across if a[-1] not in ".!?:;" and b[:1].islower())
    return run_on >= RUN_ON_SHARE * len(across)


def _split_headings(texts: list[str]) -> list[Block]:
    """Heading lines become blocks of their own; what follows a heading starts a new block."""
    out: list[Block] = []
    current: list[Line] = []
    width = max(len(t) for t in texts)
    in_item = False
    prev_heading = False
    for i, text in enumerate(texts):
        prev = texts[i - 1] if i else None
        nxt = texts[i + 1] if i + 1 < len(texts) else None
        heading = is_heading_line(text, prev, nxt) and (
            # a line nearly as wide as the block is running text, unless it follows a heading
            len(texts) <= 2 or prev_heading or len(text) <= 0.8 * width
        ) and (
            # inside a numbered item a heading must open an article: two lines before the next item
            not in_item or _lines_before_next_item(texts, i + 1) >= 2
        )
        prev_heading = heading
        if marker_of(text.strip()):
            in_item = True
        if heading:
            in_item = False
            if current:
                out.append(Block(lines=current, flow_break=True))
                current = []
            out.append(Block(lines=[Line(text=text)], role="heading", level=2, flow_break=True))
        else:
            current.append(Line(text=text))
    if current:
        out.append(Block(lines=current, flow_break=True))
    return out


def is_heading_line(text: str, prev: str | None, nxt: str | None) -> bool:
    """A short line that ends no sentence, follows a finished sentence (or starts the
    block), and is followed by a line that starts a new sentence."""
    words = text.split()
    if not (1 <= len(words) <= 14) or len(text) > 100:
        return False
    first = text.lstrip("\"'“„«(")[:1]
    if not first.isalpha() or not first.isupper():
        return False
    if text[-1] in END_PUNCT or marker_of(text) or RAW_BULLET.match(text) or URLISH.search(text):
        return False
    if re.search(r":\s+[^\W_]", text) and not re.search(r":\s+[^\W\d_]{2}", text):
        return False  # "Phase 1: 2016 - 2019" is a label and its value; "Good practice: shared managers" a title
    if text.count("(") != text.count(")"):  # a bracket left open runs on into the next line
        return False
    if prev is not None and prev[-1] not in ".!?:" and not is_heading_like(prev):
        return False
    if nxt is None:
        return True
    # A quote or a bare number after the line means the sentence goes on.
    return nxt[:1].isupper() or may_start_item(text, nxt)


def _lines_before_next_item(texts: list[str], start: int) -> int:
    count = 0
    for i in range(start, len(texts)):
        if may_start_item(texts[i - 1], texts[i]):
            break
        count += 1
    return count


def is_heading_like(text: str) -> bool:
    return len(text) <= 100 and text[-1] not in END_PUNCT and text[:1].isupper()
