"""Stage `normalise`: one spelling for the same text (`intra_extract.spelling`), line by
line, before offsets exist; then words split by a line-break hyphen are joined, within a
block and from the foot of a column to the head of the next."""

from __future__ import annotations

import re

from ..spelling import join_line_break, normalise_line
from ..state import DocState, Line, Words, continues_flow
from . import stage


@stage("normalise", reads=("blocks",), writes=("blocks",))
def normalise(doc: DocState, options) -> None:
    for block in doc.blocks:
        for line in block.lines:
            _normalise(line)
        block.lines = [line for line in block.lines if line.text]
    doc.blocks = [block for block in doc.blocks if block.lines]
    vocabulary = {w.lower() for line in doc.lines() for w in re.findall(r"[\w-]+", line.text)}
    for bi, block in enumerate(doc.blocks):
        for line, nxt in zip(block.lines, block.lines[1:]):
            _join(line, nxt, vocabulary)
        # a word split at the foot of a column goes on at the head of the next
        if bi + 1 < len(doc.blocks) and continues_flow(block, doc.blocks[bi + 1]):
            _join(block.lines[-1], doc.blocks[bi + 1].lines[0], vocabulary)


def _normalise(line: Line) -> None:
    """`normalise_line` on a line's words packed (`state.Words`: a word read is a copy):
    changed as a list, packed again where they changed (few lines)."""
    packed = line.words
    if not isinstance(packed, Words):
        normalise_line(line)
        line.pack()
        return
    line.words = words = list(packed)
    texts = [w.text for w in words]
    normalise_line(line)
    if [w.text for w in line.words] == texts:
        line.text, line.words = packed.text, packed  # (the one string for both)
    else:
        line.pack()


def _join(line: Line, nxt: Line, vocabulary: set[str]) -> None:
    """`join_line_break`, which changes only a line that ends in a hyphen (its text and last
    word): such a line's words unpacked for it."""
    if not line.text.endswith("-"):
        return
    if line.words:
        line.words = list(line.words)
    join_line_break(line, nxt, vocabulary)
    line.pack()
