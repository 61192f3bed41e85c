"""Making records from spans of `DocState.text`, with their provenance on the page.

Every record stage finds a span (start, end) in the assembled text and calls `new_record`;
this module fills in `text`, `page`, `bbox`, `boxes` and `language` the same way for all,
and `finalise` gives ids in order of appearance.
"""

from __future__ import annotations

import bisect
from typing import Any

from . import model
from .langdetect_exact import count
from .language import LETTERS, MIN_LETTERS_BLOCK, MIN_LETTERS_SPAN, clean, detect_clean
from .state import DocState, Line

# Order of kinds that start at the same offset: the enclosing record first.
KIND_ORDER = {"good_practice": 0, "section": 1, "recommendation": 2, "region": 3, "date": 4, "link": 5}


class Locator:
    """Finds the lines (and words) under a span of the assembled text."""

    def __init__(self, doc: DocState):
        self.lines: list[Line] = [ln for ln in doc.lines() if ln.start >= 0]
        self.starts = [ln.start for ln in self.lines]
        self.block_of: list[int] = []
        for i, block in enumerate(doc.blocks):
            self.block_of.extend(i for ln in block.lines if ln.start >= 0)

    def line_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def covering(self, start: int, end: int) -> list[int]:
        if not self.lines:
            return []
        first = self.line_index(start)
        last = self.line_index(max(start, end - 1))
        return [i for i in range(first, last + 1) if self.lines[i].end > start or i == first]

    def block_index(self, offset: int) -> int:
        return self.block_of[self.line_index(offset)] if self.lines else 0

    def boxes(self, start: int, end: int) -> list[list[float]]:
        """One box per run of covered lines in the same block, narrowed to the words
        of the span on its first and last line."""
        out: list[list[float]] = []
        prev_block = None
        for i in self.covering(start, end):
            line = self.lines[i]
            if line.page is None or line.bbox is None:
                continue
            x0, top, x1, bottom = _narrow(line, start, end)
            block = self.block_of[i]
            if out and block == prev_block and out[-1][0] == line.page:
                box = out[-1]
                box[1], box[2], box[3], box[4] = min(box[1], x0), min(box[2], top), max(box[3], x1), max(box[4], bottom)
            else:
                out.append([line.page, x0, top, x1, bottom])
            prev_block = block
        return [[b[0]] + [round(v, 2) for v in b[1:]] for b in out]


def locator_of(doc: DocState) -> Locator:
    """The document's Locator, made once: line offsets do not move after `assemble`."""
    if doc.locator_cache is None or doc.locator_cache[0] != len(doc.text):
        doc.locator_cache = (len(doc.text), Locator(doc))
    return doc.locator_cache[1]


def _narrow(line: Line, start: int, end: int) -> tuple[float, float, float, float]:
    """The line's box, or the part of it under [start, end) when the line has word
    positions (`Line.word_x`: per word its offset in the line text and its box)."""
    x0, top, x1, bottom = line.bbox  # type: ignore[misc]
    if not line.words or (start <= line.start and end >= line.end):
        return x0, top, x1, bottom
    lo, hi = start - line.start, end - line.start
    hit = [(w.x0, w.x1) for off, length, w in line.word_x() if off < hi and off + length > lo]
    if not hit:
        return x0, top, x1, bottom
    return min(h[0] for h in hit), top, max(h[1] for h in hit), bottom


def new_record(doc: DocState, cls: type[Any], start: int, end: int, /, locator: Locator | None = None,
               **fields: Any):
    """A record of class `cls` over doc.text[start:end]; its id is given by `finalise`.
    The span is positional-only, so `start=`/`end=` are free for a Date's own fields."""
    locator = locator or locator_of(doc)
    boxes = locator.boxes(start, end)
    if "language" not in fields:  # (setdefault would detect it even when the caller gives it)
        fields["language"] = span_language(doc, start, end, locator.block_index(start))
    return cls(
        id="",
        doc_id=doc.doc_id,
        text=doc.text[start:end],
        span=model.Span(start=start, end=end),
        page=int(boxes[0][0]) if boxes else None,
        bbox=boxes[0][1:] if boxes else None,
        boxes=boxes,
        **fields,
    )


def with_end(doc: DocState, record: Any, end: int, locator: Locator, **fields: Any):
    """`record` (as a stage made it) ending at `end` instead, its other fields kept or replaced
    by `fields`: text, span, page, boxes and language follow the new extent."""
    if end == record.span.end:
        return record.model_copy(update=fields)
    return new_record(doc, type(record), record.span.start, end, locator,
                      **{**record.model_dump(exclude=_EXTENT_FIELDS), **fields})


# What `new_record` computes from a record's extent.
_EXTENT_FIELDS = {"id", "doc_id", "text", "span", "page", "bbox", "boxes", "language"}


def span_language(doc: DocState, start: int, end: int, block_index: int) -> str:
    """A record's language: its block's when it lies in one block (the block's detection read
    the same words with more around them); its own when it spans blocks and is long enough."""
    text = doc.text[start:end]
    in_one_block = 0 <= block_index < len(doc.blocks) and end <= doc.blocks[block_index].end
    letters = count(LETTERS, text) if not in_one_block else 0
    if letters >= MIN_LETTERS_SPAN:
        code = detect_clean(clean(text, letters), tuple(doc.languages_allowed), MIN_LETTERS_BLOCK)[0]
        if code:
            return code
    if 0 <= block_index < len(doc.block_languages):
        return doc.block_languages[block_index]
    return doc.language


def finalise(doc: DocState) -> None:
    """Sort records in order of appearance and number them per kind: `<doc_id>/<kind>/<n>`.
    A numbered item inside a good practice gets the practice's id as its `parent_id`, so
    lists that restart at 1 in every practice stay apart."""
    doc.records.sort(key=lambda r: (r.span.start, KIND_ORDER.get(r.kind, 9), -r.span.end))
    counts: dict[str, int] = {}
    for rec in doc.records:
        counts[rec.kind] = counts.get(rec.kind, 0) + 1
        rec.id = f"{doc.doc_id}/{rec.kind}/{counts[rec.kind]}"
    practices = [r for r in doc.records if r.kind == "good_practice"]
    if practices:
        for rec in doc.records:
            if rec.kind == "recommendation" and rec.parent_id is None:
                rec.parent_id = next(
                    (p.id for p in practices if p.span.start <= rec.span.start < p.span.end), None)
