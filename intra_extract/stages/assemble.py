"""Stage `assemble`: blocks in reading order into `DocState.text`, the text every span
points into. Lines of a block are joined by a space (a phrase broken over lines is one
phrase), by nothing after a split word, and by a newline before a bullet or a list item (`markers.may_start_item`);
blocks by a blank line, except a block that takes up the flow of the one before in the
next column or page (`continues_flow`), which is joined like a line. Every line learns its offsets (and so every PDF word its place: `Line.word_x`).
In plain text, a numbered item interrupted by an article is first read on (`lists.resume_interrupted`).
"""

from __future__ import annotations

from ..lists import resume_interrupted
from ..markers import BULLET, may_start_item
from ..state import DocState, continues_flow
from . import stage



@stage("assemble", reads=("blocks",), writes=("blocks", "text"))
def assemble(doc: DocState, options) -> None:
    doc.blocks = resume_interrupted(doc.blocks)
    parts: list[str] = []
    pos = 0
    prev_line = None
    for bi, block in enumerate(doc.blocks):
        for li, line in enumerate(block.lines):
            if prev_line is None:
                sep = ""
            elif li == 0 and not continues_flow(doc.blocks[bi - 1], block):
                sep = "\n\n"
            elif prev_line.joins_next:
                sep = ""
            else:
                new_item = BULLET.match(line.text) or may_start_item(prev_line.text, line.text)
                sep = "\n" if new_item else " "
            parts.append(sep)
            pos += len(sep)
            line.start, line.end = pos, pos + len(line.text)
            parts.append(line.text)
            pos = line.end
            prev_line = line
    doc.text = "".join(parts)
