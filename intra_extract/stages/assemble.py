"""Stage `assemble`: blocks in reading order into `DocState.text`, the text every span
points into. Lines of a block are joined by a space (a phrase broken over lines is one
phrase), by nothing after a split word, and by a newline before a list marker or bullet;
blocks by a blank line. Every line learns its offsets, and every PDF word its place.
"""

from __future__ import annotations

import re

from ..state import DocState
from . import stage

ITEM_START = re.compile(r"^(?:\(\d{1,3}\)|\d{1,3}[.)]|•)\s")


@stage("assemble", reads=("blocks",), writes=("text",))
def assemble(doc: DocState, options) -> None:
    parts: list[str] = []
    pos = 0
    for bi, block in enumerate(doc.blocks):
        for li, line in enumerate(block.lines):
            if li == 0:
                sep = "\n\n" if bi else ""
            elif block.lines[li - 1].joins_next:
                sep = ""
            else:
                sep = "\n" if ITEM_START.match(line.text) else " "
            parts.append(sep)
            pos += len(sep)
            line.start, line.end = pos, pos + len(line.text)
            parts.append(line.text)
            if line.words:
                line.word_x = []
                offset = 0
                for word in line.words:
                    line.word_x.append((offset, len(word.text), word.x0, word.x1))
                    offset += len(word.text) + 1
            pos = line.end
    doc.text = "".join(parts)
