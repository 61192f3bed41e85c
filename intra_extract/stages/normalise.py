"""Stage `normalise`: one spelling for the same text (`intra_extract.spelling`), line by
line, before offsets exist; then words split by a line-break hyphen are joined, within a
block and from the foot of a column to the head of the next."""

from __future__ import annotations

import re

from ..spelling import join_line_break, normalise_line
from ..state import DocState, Line, continues_flow
from . import stage


@stage("normalise", reads=("blocks",), writes=("blocks",))
def normalise(doc: DocState, options) -> None:
    for block in doc.blocks:
        for line in block.lines:
            line.edit(normalise_line)  # (its words may be packed: see Line.edit)
        block.lines = [line for line in block.lines if line.text]
    doc.blocks = [block for block in doc.blocks if block.lines]
    vocabulary = {w.lower() for line in doc.lines() for w in re.findall(r"[\w-]+", line.text)}
    for bi, block in enumerate(doc.blocks):
        for line, nxt in zip(block.lines, block.lines[1:]):
            _join(line, nxt, vocabulary)
        # a word split at the foot of a column goes on at the head of the next
        if bi + 1 < len(doc.blocks) and continues_flow(block, doc.blocks[bi + 1]):
            _join(block.lines[-1], doc.blocks[bi + 1].lines[0], vocabulary)


def _join(line: Line, nxt: Line, vocabulary: set[str]) -> None:
    if line.text.endswith("-"):  # (only such a line is changed: the others stay packed as they are)
        line.edit(lambda it: join_line_break(it, nxt, vocabulary))
