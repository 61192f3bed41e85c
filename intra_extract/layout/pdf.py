"""PDF layout: words and drawn rectangles of each page -> lines -> blocks in reading order.

Method: a recursive XY-cut on whitespace gaps, with gutter-consistent merging of strips.

0. Screening. Sideways text (a journal's spine, an arXiv stamp: rotated glyphs stacked in
   one x extent) leaves the body flow as `margin` furniture, unless most of the page is
   sideways. (The doubles of fake-bold text are dropped, by name, by the backends.)
1. Boxes first. A drawn rectangle that holds words is a box (a boxed article, a side bar, a
   banner); its words never join the page's lines. Inside the page it is one atomic element,
   and its own words are laid out by the same procedure, recursively (a box may have columns).
   A page-sized frame or background (most of the page's words inside) is not a box; its
   words go round again to the next box around them, until no box is dropped.
2. Horizontal cut. The elements of a region (words, boxes; pictures count only here) are cut
   into strips at full-width white bands taller than the typical line gap plus half an em.
3. Gutters. In each strip, vertical white gaps in the x-projection of the text are column
   gutters when they are wide enough for the number of text rows the strip spans (a lone
   line needs a much wider gap than a tall strip, where word gaps never line up), or when a
   run of short strips with two or more gaps each (narrow columns of short notices) has
   them at the same places. A gutter
   that would cut off a column of list markers or bullets only, or a column narrower than a
   few em, is dropped, so a marker never leaves its text.
4. Merging. Plain XY-cut reads a two-column page strip by strip whenever paragraph gaps of
   both columns happen to line up; so consecutive strips are merged again when their gutters
   agree (the gutters of both stay free of every element of both). A gutter-less strip that
   fits inside the columns of its neighbour is that column's tail (or head) when it is
   closer to that neighbour than to the strip on its other side; otherwise it is a region of
   its own, such as a full-width heading between two column regions.
5. Each merged group with gutters is split into its columns and every column is segmented
   again (nested layouts); a group without gutters is a leaf: one flow, read top to bottom.
   Reading order is the order of the leaves: region by region down the page, column by
   column within a region, top to bottom within a column.

Why this and not a plain XY-cut, a text-flow sort or Breuel's whitespace rectangles: the
XY-cut's gaps are exactly the evidence a bulletin gives (gutters, gaps around full-width
regions) and it is fast and deterministic; its well-known failure, strips cut across columns
at coincident paragraph gaps, is what step 4 repairs; pictures take part in the horizontal
cut but not in the gutter search, so a picture at the top of column 1 neither makes column 2
come first (pdfplumber #1303) nor blocks a gutter when it is a little wider than its column.
Breuel's maximal whitespace rectangles are more general but slower and need tuning of their
own; a top-to-bottom sort of lines interleaves columns.

Inside a leaf, words on one baseline form a line (so a list number or bullet stays with its
text); lines form blocks, split at a larger vertical gap, a change of size or weight, and at a
new list item; a numbered item's continuation lines stay in the item's block (and a run-in
bold heading in its paragraph). Headings come from the block's font size and weight against
the page's dominant body size, and have a word in them. Running headers, footers and page
numbers are found at the end by repetition across pages (the same text at the same height
in the top or bottom band, or the same words with other numbers; a row of figures never)
and, for page numbers, by position, and are moved from the blocks to `furniture`.

Text conservation: every character of a page's text layer (as the backend counts it) ends in
a block, in furniture or in a drop the backend names; `PdfLayout.conservation` records it
per page, a page with drops that lose text gets a warning naming them, and a page that gives
back less than 99 % of the rest a warning of its own. Every threshold is relative to the font size or the page
size, and named in `params.LayoutParams` (a pipeline's `[options.layout]`).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Iterable

from .. import model
from ..markers import MARKER_TOKEN as NUMBER_MARKER, ends_sentence, is_bullet_glyph
from ..state import DROP_REASONS, BBoxT, Block, Line, RawPage, Rect, Word
from .params import DEFAULT, LayoutParams

PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:page|pag|pág|página|pagina|p|str|stran|стр|страница|seite|s)\.?\s*)?"
    r"\d{1,4}(?:\s*(?:/|of|от|od|di|de|из|von)\s*\d{1,4})?(?:\s*[-–—])?$",
    re.I,
)

# Sort keys used on every page.
_TOP, _X0, _TOP_X0 = attrgetter("top"), attrgetter("x0"), attrgetter("top", "x0")
_COUNT = itemgetter(1)
_TEXT = attrgetter("text")


def marker_number(token: str) -> int | None:
    m = re.match(r"^\(?(\d{1,3})[.)]?\)?$", token)
    if m and NUMBER_MARKER.match(token):
        return int(m.group(1))
    return None


def is_marker(token: str) -> bool:
    return is_bullet_glyph(token) or bool(NUMBER_MARKER.match(token))


if TYPE_CHECKING:

    class _Thresholds(LayoutParams):
        """What mypy sees: LayoutParams' fields, with their types."""

        def __init__(self, params: LayoutParams) -> None: ...

else:

    class _Thresholds:
        """A `LayoutParams` as plain attributes: the layout reads its thresholds in inner
        loops, where reading a pydantic model's attribute costs four times as much."""

        def __init__(self, params: LayoutParams):
            self.__dict__.update(params.model_dump())


@dataclass
class PdfLayout:
    blocks: list[Block] = field(default_factory=list)
    furniture: list[model.Furniture] = field(default_factory=list)
    warnings: list[model.Warning] = field(default_factory=list)
    pages: int = 0
    # Per page: (characters of its text layer, characters back in blocks or furniture,
    # characters dropped by name); see `_account`.
    conservation: dict[int, tuple[int, int, int]] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Elements


class _Box:
    __slots__ = ("x0", "top", "x1", "bottom", "words", "children", "role")

    def __init__(self, rect: Rect):
        self.x0, self.top, self.x1, self.bottom = rect.x0, rect.top, rect.x1, rect.bottom
        self.words: list[Word] = []
        self.children: list[_Box] = []
        self.role = "boxed"

    def contains(self, x0: float, top: float, x1: float, bottom: float, tol: float) -> bool:
        return x0 >= self.x0 - tol and x1 <= self.x1 + tol and top >= self.top - tol and bottom <= self.bottom + tol

    def all_words(self) -> list[Word]:
        out = list(self.words)
        for child in self.children:
            out += child.all_words()
        return out


class _El:
    """Something the cut sees: a word, a box (atomic) or a picture (horizontal cut only)."""

    __slots__ = ("x0", "top", "x1", "bottom", "kind", "obj")

    def __init__(self, x0: float, top: float, x1: float, bottom: float, kind: str, obj):
        self.x0, self.top, self.x1, self.bottom, self.kind, self.obj = x0, top, x1, bottom, kind, obj

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


def _word_el(w: Word) -> _El:
    return _El(w.x0, w.top, w.x1, w.bottom, "word", w)


def _box_el(box: _Box) -> _El:
    words = box.all_words()
    if box.role == "banner" or not words:
        return _El(box.x0, box.top, box.x1, box.bottom, "box", box)
    # Across: the extent of its text (a box drawn a little wider than its column must not
    # block the gutter); down: the whole drawn box (its padding is not a gap).
    return _El(min(w.x0 for w in words), box.top, max(w.x1 for w in words), box.bottom, "box", box)


# ---------------------------------------------------------------------------------------------
# Page statistics


def _size_counts(words: list[Word]) -> Counter[float]:
    counts: Counter[float] = Counter()
    for w in words:
        if w.size > 0:
            counts[round(w.size * 2) / 2] += len(w.text)
    return counts


def _line_gap(words: list[Word], em: float, p: _Thresholds) -> float:
    """Typical white gap between consecutive lines of one column (may be slightly negative)."""
    bucket_w = max(em * 2, 1.0)
    two_em = p.line_gap_max * em
    default = p.line_gap_default * em
    last: dict[int, Word] = {}
    gaps: list[float] = []
    for w in sorted(words, key=_TOP):
        top, x0, x1 = w.top, w.x0, w.x1
        above = top - 0.5 * (w.bottom - top)  # a word of the line before starts above this
        for b in range(int(x0 // bucket_w), int(x1 // bucket_w) + 1):
            q = last.get(b)
            if q is not None and q.top < above and q.x1 > x0 and q.x0 < x1:
                gap = top - q.bottom
                if gap < two_em:
                    gaps.append(gap)
            last[b] = w
    if not gaps:
        return default
    return statistics.median(gaps)


# ---------------------------------------------------------------------------------------------
# Boxes


def _find_boxes(
    page: RawPage, words: list[Word], em: float, p: _Thresholds
) -> tuple[list[_Box], list[Word], list[_El]]:
    """Split the words into top-level boxes and free words; return also picture obstacles.

    Boxes are drawn rectangles, or frames assembled from four thin rules. Not boxes: page
    backgrounds and borders around (nearly) all the text; rectangles hugging a single line
    (a highlight, a shaded heading band), whose words stay in the flow; the outline or clip
    path of a picture (text beside or over a picture is not inside a box)."""
    page_area = page.width * page.height
    found: list[tuple[float, float, float, float]] = []
    thin: list[Rect] = []
    pictures: list[_El] = []
    images = [r for r in page.rects if r.kind == "image"]
    for r in page.rects:
        w, h = r.x1 - r.x0, r.bottom - r.top
        if w < 0 or h < 0 or (w == 0 and h == 0):
            continue
        if r.kind == "image":
            if w > 0 and h > 0 and w * h < p.picture_max_area * page_area:
                pictures.append(_El(r.x0, r.top, r.x1, r.bottom, "image", r))
            continue
        if images and _outlines(r, images, p.picture_outline):
            continue
        if r.kind == "line" or w <= p.rule_thickness or h <= p.rule_thickness:
            thin.append(r)
            continue
        if w < p.box_min_width * em or h < p.box_min_height * em or w * h > p.background_area * page_area:
            continue  # bullets and small marks; page backgrounds
        found.append((r.x0, r.top, r.x1, r.bottom))
    found += _frames(thin, em, p)
    uniq = {(round(x0), round(t), round(x1), round(b)): (x0, t, x1, b) for x0, t, x1, b in reversed(found)}
    candidates = sorted(
        (_Box(Rect(*v)) for v in uniq.values()), key=lambda b: (b.x1 - b.x0) * (b.bottom - b.top)
    )  # smallest first
    # Each word goes to the smallest box around it; boxes found to be borders or line
    # highlights are dropped and their words go round again, until no box is dropped (a
    # drawn rectangle inside a frame of four rules is two borders, one after the other:
    # stopping after a fixed number of rounds lost the words of the last one).
    while True:
        free = _assign_words(words, candidates, p.box_tolerance * em)
        drop = {id(b) for b in candidates if b.words and _not_a_box(b, len(words), page_area, p)}
        if not drop:
            break
        candidates = [b for b in candidates if id(b) not in drop]
    holding = [b for b in candidates if b.words]
    empty = [b for b in candidates if not b.words]
    # Nest boxes: each box goes into the smallest larger box that contains it.
    tops: list[_Box] = []
    for i, b in enumerate(holding):
        parent = None
        for c in holding[i + 1 :]:
            if c.contains(b.x0, b.top, b.x1, b.bottom, p.nest_tolerance) and (c.x1 - c.x0) * (c.bottom - c.top) > (b.x1 - b.x0) * (b.bottom - b.top):
                parent = c
                break
        if parent is None:
            tops.append(b)
        else:
            parent.children.append(b)
    for b in holding:
        _classify_box(b, em, page, p)
    # Wordless boxes that are big enough are drawn pictures (a filled rectangle).
    for b in empty:
        if (b.x1 - b.x0) >= p.drawn_picture * em and (b.bottom - b.top) >= p.drawn_picture * em:
            pictures.append(_El(b.x0, b.top, b.x1, b.bottom, "image", b))
    return tops, free, pictures


def _outlines(r: Rect, images: list[Rect], tol: float) -> bool:
    """Whether the rectangle is drawn on an image's edges (its frame or clip path)."""
    return any(
        abs(r.x0 - i.x0) <= tol and abs(r.top - i.top) <= tol and abs(r.x1 - i.x1) <= tol and abs(r.bottom - i.bottom) <= tol
        for i in images
    )


def _assign_words(words: list[Word], boxes: list[_Box], tol: float) -> list[Word]:
    """Put each word into the first (smallest) box that holds it; return the others."""
    for b in boxes:
        b.words = []
    free: list[Word] = []
    for w in words:
        for b in boxes:
            if b.contains(w.x0, w.top, w.x1, w.bottom, tol):
                b.words.append(w)
                break
        else:
            free.append(w)
    return free


def _not_a_box(b: _Box, total: int, page_area: float, p: _Thresholds) -> bool:
    """A page border (most of the page's words, most of its area), or a rectangle hugging
    one line (a highlight or a heading band)."""
    area = (b.x1 - b.x0) * (b.bottom - b.top)
    if total >= p.border_min_words and len(b.words) > p.border_word_share * total and area > p.border_area_share * page_area:
        return True
    line_height = max(w.bottom - w.top for w in b.words)
    return _count_rows(b.words, p.row_overlap) <= 1 and (b.bottom - b.top) < p.band_height * line_height


def _frames(thin: list[Rect], em: float, p: _Thresholds) -> list[tuple[float, float, float, float]]:
    """Rectangles outlined by four separate rules (two horizontal, two vertical)."""
    tol, min_width, min_height = p.frame_tolerance, p.frame_min_width * em, p.frame_min_height * em
    hs = [r for r in thin if r.x1 - r.x0 >= min_width and r.bottom - r.top <= tol]
    vs = [r for r in thin if r.bottom - r.top >= min_height and r.x1 - r.x0 <= tol]
    if not hs or not vs or len(hs) > p.frame_max_rules or len(vs) > p.frame_max_rules:
        return []
    out = []
    hs.sort(key=lambda r: r.top)
    for i, a in enumerate(hs):
        for b in hs[i + 1 :]:
            if abs(a.x0 - b.x0) > tol or abs(a.x1 - b.x1) > tol or b.top - a.bottom < min_height:
                continue
            left = right = False
            for v in vs:
                if v.top > a.top + tol or v.bottom < b.bottom - tol:
                    continue
                if abs(v.x0 - a.x0) <= tol:
                    left = True
                elif abs(v.x1 - a.x1) <= tol:
                    right = True
            if left and right:
                out.append((min(a.x0, b.x0), a.top, max(a.x1, b.x1), b.bottom))
                break
    return out


def _classify_box(box: _Box, em: float, page: RawPage, p: _Thresholds) -> None:
    """A banner is a wide box near the top of the page holding a few lines of large text."""
    words = box.all_words()
    rows = _count_rows(words, p.row_overlap)
    big = max(w.size for w in words) >= p.banner_size * em
    wide = (box.x1 - box.x0) >= p.banner_min_width * page.width
    high = box.top < p.banner_max_top * page.height
    box.role = "banner" if (rows <= p.banner_max_rows and big and wide and high) else "boxed"


def _rows(items, overlap: float) -> list[list]:
    """Group elements into rows (overlapping vertically), top to bottom."""
    rows: list[list] = []
    bottom = None
    for it in sorted(items, key=lambda e: e.top):
        if bottom is None or it.top >= bottom - overlap * (it.bottom - it.top):
            rows.append([it])
            bottom = it.bottom
        else:
            rows[-1].append(it)
            bottom = max(bottom, it.bottom)
    return rows


def _count_rows(items, overlap: float) -> int:
    rows = 0
    bottom = 0.0
    for it in sorted(items, key=_TOP):
        if not rows or it.top >= bottom - overlap * (it.bottom - it.top):
            rows += 1
            bottom = it.bottom
        elif it.bottom > bottom:
            bottom = it.bottom
    return rows


# ---------------------------------------------------------------------------------------------
# Segmentation (XY-cut with gutter-consistent merging)


class _Strip:
    __slots__ = ("els", "top", "bottom", "gutters")

    def __init__(self, els: list[_El]):
        self.els = els
        self.top = min(e.top for e in els)
        self.bottom = max(e.bottom for e in els)
        self.gutters: list[tuple[float, float]] = []


def _cut_horizontal(els: list[_El], min_gap: float) -> list[_Strip]:
    strips: list[list[_El]] = []
    bottom = 0.0
    for e in sorted(els, key=_TOP):
        if not strips or e.top - bottom >= min_gap:
            strips.append([e])
            bottom = e.bottom
        else:
            strips[-1].append(e)
            if e.bottom > bottom:
                bottom = e.bottom
    return [_Strip(s) for s in strips]


def _sizes(els: list[_El], em: float) -> float:
    sizes = [e.obj.size for e in els if e.kind == "word" and e.obj.size > 0]
    return statistics.median(sizes) if sizes else em


def _gutter_candidates(strip: _Strip, em: float, p: _Thresholds) -> tuple[list[tuple[float, float, int]], float, int]:
    """Vertical white gaps in the strip's text wide enough to be gutters (pruned), each with
    its evidence in rows; the strip's text size and rows."""
    text = [e for e in strip.els if e.kind != "image"]
    if len(text) < 2:
        return [], em, 0
    size = _sizes(text, em)
    rows = _text_rows(text, p)
    order = sorted(text, key=lambda e: e.x0)
    gaps: list[tuple[float, float]] = []
    end = order[0].x1
    min_width = p.gutter_min_width * size
    for e in order[1:]:
        if e.x0 - end >= min_width:
            gaps.append((end, e.x0))
        end = max(end, e.x1)
    if not gaps:
        return [], size, rows
    gaps = _prune_gutters(gaps, text, size, rows, p)
    # The evidence for a gap is the number of rows with text on both of its sides. A short gap
    # (up to four rows) is no evidence at all when it looks like a river of a justified
    # paragraph: the text on its right starts at more than two edges, or in every row the gap
    # is no wider than the row's other word gaps (a neighbouring strip may still vouch for it).
    out = []
    for g0, g1 in gaps:
        left = [e for e in text if e.x1 <= g0 + 0.01]
        right = [e for e in text if e.x0 >= g1 - 0.01]
        n_left, n_right = _text_rows(left, p), _text_rows(right, p)
        evidence = min(n_left, n_right)
        if evidence <= p.river_max_rows and _river(text, g0, g1, size, p):
            evidence = 0
        elif 1 <= evidence <= 2 and max(n_left, n_right) >= 5:
            # A column that ends after a line or two beside a long one: the long one's edge
            # is straight down the whole strip, which no line of a single flow would allow.
            evidence = 3
        out.append((g0, g1, evidence))
    return out, size, rows


def _text_rows(els: list[_El], p: _Thresholds) -> int:
    """Rows of words among the elements (a box is a row only where there are no words: a
    tall box beside two columns would chain all their lines into one row)."""
    words = [e for e in els if e.kind == "word"]
    return _count_rows(words or els, p.row_overlap)


def _river(text: list[_El], g0: float, g1: float, size: float, p: _Thresholds) -> bool:
    """Whether the gap looks like a river of a justified paragraph rather than a gutter: in
    every row it is no wider than the row's other gaps, or the text on its right starts at
    many edges. (In a row of table cells the other cells' gaps count: a table is read row by
    row.)"""
    word_gap = p.river_word_gap
    starts: list[float] = []
    justified = 0
    words = [e for e in text if e.kind == "word"]
    for row in _rows(words or text, p.row_overlap):
        left = [e for e in row if e.x1 <= g0 + 0.01]
        right = [e for e in row if e.x0 >= g1 - 0.01]
        if not left or not right:
            continue
        start = min(e.x0 for e in right)
        starts.append(start)
        here = start - max(e.x1 for e in left)
        xs = sorted(row, key=lambda e: e.x0)
        others = [b.x0 - a.x1 for a, b in zip(xs, xs[1:]) if not (a.x1 <= g0 + 0.01 and b.x0 >= g1 - 0.01)]
        if others and max(others) >= word_gap * here:
            justified += 1
    if not starts:
        return False
    if justified == len(starts):
        return True
    # A column starts its lines at one edge (two with a hanging or first-line indent).
    edges = 0
    last = None
    for x in sorted(starts):
        if last is None or x - last > p.edge_tolerance * size:
            edges += 1
        last = x
    return len(starts) >= 3 and edges > 2


def _strong_width(size: float, rows: int, p: _Thresholds) -> float:
    """How wide a gap must be to be a gutter on the strip's own evidence: word gaps of a
    justified line can be wide, but they rarely line up over many rows."""
    if rows <= 0:
        return float("inf")
    return size * (p.gutter_width_1_2_rows if rows <= 2 else p.gutter_width_3_4_rows if rows <= 4 else p.gutter_width_many_rows)


def _assign_gutters(strips: list[_Strip], em: float, p: _Thresholds) -> None:
    """A gap is a gutter when the strip alone proves it (wide enough for its rows), when a
    stack of short strips with several gaps at the same places proves it together, or when it
    lines up with a proven gutter of the strip just above or below."""
    cands = []
    shapes = []
    for s in strips:
        gaps, size, rows = _gutter_candidates(s, em, p)
        strong = [(g0, g1) for g0, g1, evidence in gaps if g1 - g0 >= _strong_width(size, evidence, p)]
        s.gutters = strong
        cands.append([(g0, g1) for g0, g1, _ in gaps if (g0, g1) not in strong])
        shapes.append((size, rows))
    _stacked_gutters(strips, cands, shapes, em, p)
    pending = cands
    changed = True
    while changed:
        changed = False
        for i, s in enumerate(strips):
            for g in list(pending[i]):
                for j in (i - 1, i + 1):
                    if not 0 <= j < len(strips):
                        continue
                    # ... and a gutter of about the same width: a wide gap of a one-line
                    # footer does not vouch for a word gap of a justified line.
                    width = g[1] - g[0]
                    if _near(s, strips[j], em, p) and any(
                        g[0] < h[1] and h[0] < g[1] and h[1] - h[0] <= p.vouch_width_ratio * width + em
                        for h in strips[j].gutters
                    ):
                        s.gutters = sorted(s.gutters + [g])
                        pending[i].remove(g)
                        changed = True
                        break


def _near(a: _Strip, b: _Strip, em: float, p: _Thresholds) -> bool:
    return max(b.top - a.bottom, a.top - b.bottom) <= p.vouch_distance * em


def _stacked_gutters(strips: list[_Strip], cands: list[list[tuple[float, float]]], shapes, em: float, p: _Thresholds) -> None:
    """Narrow columns of short items (a gazette's notices, set on one grid in three columns)
    are cut into strips of a row or two, none of which proves its gutters alone. A run of
    `stack_min_strips` near strips, each with at least `stack_min_gaps` gaps lined up through
    the run and columns of text between them (wider than `stack_min_column`: not the cells of
    a table, which is read row by row), proves them as one tall strip would."""
    i = 0
    n = len(strips)
    while i < n:
        j = i
        while j < n and _text_columns(strips[j], cands[j], shapes[j][0], p) and (j == i or _near(strips[j - 1], strips[j], em, p)):
            j += 1
        if j - i >= p.stack_min_strips:
            run = range(i, j)
            rows = sum(shapes[k][1] for k in run)
            size = min(shapes[k][0] for k in run)
            for g0, g1 in list(cands[i]):
                lo, hi = g0, g1  # the gap narrowed to what is white in every strip of the run
                for k in run:
                    match = [g for g in cands[k] + strips[k].gutters if g[0] < hi and lo < g[1]]
                    if not match:
                        break
                    lo, hi = max(lo, match[0][0]), min(hi, match[0][1])
                else:
                    if hi - lo >= _strong_width(size, rows, p):
                        for k in run:
                            for c in [c for c in cands[k] if c[0] < hi and lo < c[1]][:1]:
                                cands[k].remove(c)
                                strips[k].gutters = sorted(strips[k].gutters + [c])
        i = max(j, i + 1)


def _text_columns(strip: _Strip, cands: list[tuple[float, float]], size: float, p: _Thresholds) -> bool:
    """The strip has `stack_min_gaps` gaps or more, and every column between them is wide."""
    gaps = sorted(cands + strip.gutters)
    if len(gaps) < p.stack_min_gaps:
        return False
    text = [e for e in strip.els if e.kind != "image"]
    edges = [min(e.x0 for e in text)] + [x for g in gaps for x in g] + [max(e.x1 for e in text)]
    narrowest = min(edges[k + 1] - edges[k] for k in range(0, len(edges), 2))
    return narrowest >= p.stack_min_column * size


def _prune_gutters(gaps, text: list[_El], size: float, rows: int, p: _Thresholds) -> list[tuple[float, float]]:
    """Drop gutters that would isolate a column of markers only, or (in a strip of several
    rows) a column narrower than a few em; the narrow column joins its nearer neighbour."""
    gaps = list(gaps)
    centres = [e.cx for e in text]
    narrow_width = p.narrow_column * size
    changed = True
    while changed and gaps:
        changed = False
        bounds = [float("-inf")] + [g for gap in gaps for g in gap] + [float("inf")]
        cols: list[list[_El]] = [[] for _ in range(len(gaps) + 1)]
        spans = [(bounds[2 * i] - 0.01, bounds[2 * i + 1] + 0.01) for i in range(len(gaps) + 1)]
        for e, cx in zip(text, centres):
            for i, (lo, hi) in enumerate(spans):
                if lo <= cx <= hi:
                    cols[i].append(e)
                    break
        for i, col in enumerate(cols):
            if not col:
                continue
            width = max(e.x1 for e in col) - min(e.x0 for e in col)
            markers = all(e.kind == "word" and is_marker(e.obj.text) for e in col)
            narrow = rows >= 2 and width < narrow_width
            if markers or narrow:
                left = gaps[i - 1] if i > 0 else None
                right = gaps[i] if i < len(gaps) else None
                if markers and right is not None:
                    drop = right  # a marker belongs to the text on its right
                elif left is None:
                    drop = right
                elif right is None:
                    drop = left
                else:
                    drop = left if (left[1] - left[0]) <= (right[1] - right[0]) else right
                if drop is not None:
                    gaps.remove(drop)
                    changed = True
                    break
    return gaps


def _crosses(els: list[_El], gutters: list[tuple[float, float]], em: float, core: float) -> bool:
    """True when some text element bridges a gutter, i.e. reaches into its core: the middle
    of it (`core` of its width either side), at most two em wide. A ragged line of a column
    that only reaches into the gutter's edge does not; a line running across a wide one-line
    gap does."""
    for e in els:
        if e.kind == "image":
            continue
        for g0, g1 in gutters:
            mid = (g0 + g1) / 2
            half = min(core * (g1 - g0), em)
            if e.x0 < mid + half and e.x1 > mid - half:
                return True
    return False


def _shrink(gutters: list[tuple[float, float]], els: list[_El]) -> list[tuple[float, float]]:
    """Narrow each gutter to the white space left between the elements on its two sides."""
    out = []
    for g0, g1 in gutters:
        mid = (g0 + g1) / 2
        for e in els:
            if e.kind == "image":
                continue
            if e.cx < mid and e.x1 > g0:
                g0 = min(e.x1, mid)
            elif e.cx >= mid and e.x0 < g1:
                g1 = max(e.x0, mid)
        out.append((g0, g1))
    return out


def _combine(ga, gb, els_a, els_b, em: float, core: float):
    """Gutters valid for both strips, or None when their column structures disagree."""
    out = []
    used_b = set()
    for a in ga:
        match = None
        for j, b in enumerate(gb):
            if j not in used_b and a[0] < b[1] and b[0] < a[1]:
                match = j
                break
        if match is not None:
            used_b.add(match)
            b = gb[match]
            out.append((max(a[0], b[0]), min(a[1], b[1])))
        elif not _crosses(els_b, [a], em, core):
            out.append(a)
        else:
            return None
    for j, b in enumerate(gb):
        if j in used_b:
            continue
        if _crosses(els_a, [b], em, core):
            return None
        out.append(b)
    return sorted(out) or None


class _Group:
    __slots__ = ("els", "gutters", "top", "bottom", "gap_above")

    def __init__(self, strip: _Strip, gap_above: float):
        self.els = list(strip.els)
        self.gutters = list(strip.gutters)
        self.top, self.bottom = strip.top, strip.bottom
        self.gap_above = gap_above

    def add(self, strip: _Strip, gutters) -> None:
        self.els += strip.els
        self.gutters = _shrink(list(gutters), strip.els)
        self.bottom = max(self.bottom, strip.bottom)


def _segment(els: list[_El], em: float, row_gap: float, p: _Thresholds, depth: int = 0) -> list[tuple[list[_El], int]]:
    """Leaves (single flows) in reading order, each with its column index in its region."""
    if not els:
        return []
    strips = _cut_horizontal(els, row_gap)
    _assign_gutters(strips, em, p)
    leaves: list[tuple[list[_El], int]] = []
    for g in _merge_strips(strips, em, p):
        if not g.gutters or depth >= p.max_depth:
            leaves.append((g.els, 0))
            continue
        for ci, col in enumerate(_split_columns(g)):
            if not col:
                continue
            if len(col) == len(g.els):  # no progress
                leaves.append((col, ci))
                continue
            for leaf, _ in _segment(col, em, row_gap, p, depth + 1):
                leaves.append((leaf, ci))
    return leaves


def _merge_strips(strips: list[_Strip], em: float, p: _Thresholds) -> list[_Group]:
    """Consecutive strips whose gutters agree, as groups (step 4 of the module's method)."""
    core = p.gutter_core
    groups: list[_Group] = []
    i = 0
    while i < len(strips):
        s = strips[i]
        if not groups:
            groups.append(_Group(s, float("inf")))
            i += 1
            continue
        g = groups[-1]
        gap_above = s.top - g.bottom
        if not g.gutters and not s.gutters:
            g.add(s, [])
            i += 1
            continue
        if g.gutters and s.gutters:
            combined = _combine(g.gutters, s.gutters, g.els, s.els, em, core)
            if combined:
                g.add(s, combined)
                i += 1
                continue
        elif g.gutters:
            taken = _column_tail(strips, i, g, em, p)
            if taken:
                i += taken
                continue
        elif not _crosses(g.els, s.gutters, em, core) and (len(groups) == 1 or gap_above <= g.gap_above):
            g.add(s, s.gutters)  # the gutter-less group was the head of these columns
            i += 1
            continue
        groups.append(_Group(s, gap_above))
        i += 1
    return groups


def _column_tail(strips: list[_Strip], i: int, g: _Group, em: float, p: _Thresholds) -> int:
    """Gutter-less strips from `i` on that fit inside the columns of `g`: the tail of its
    columns (added to `g`; returns how many), or a separator such as a full-width heading
    narrow enough to fit one column, before new columns (returns 0)."""
    s, core = strips[i], p.gutter_core
    if _crosses(s.els, g.gutters, em, core):
        return 0
    j = i
    while j + 1 < len(strips) and not strips[j + 1].gutters and not _crosses(strips[j + 1].els, g.gutters, em, core):
        j += 1
    run = strips[i : j + 1]
    nxt = strips[j + 1] if j + 1 < len(strips) else None
    if nxt is not None and nxt.gutters and _combine(g.gutters, nxt.gutters, g.els, nxt.els, em, core):
        rows = _count_rows([e for r in run for e in r.els if e.kind != "image"], p.row_overlap)
        if rows <= p.separator_max_rows:
            return 0  # a few lines between two agreeing column groups: a separator
    for r in run:
        g.add(r, g.gutters)
    return len(run)


def _split_columns(g: _Group) -> list[list[_El]]:
    """The elements of a group with gutters, column by column (by their centre)."""
    bounds = [float("-inf")] + [x for gut in g.gutters for x in gut] + [float("inf")]
    cols: list[list[_El]] = [[] for _ in range(len(g.gutters) + 1)]
    last = len(cols) - 1
    for e in g.els:
        cx = e.cx
        for ci in range(len(cols)):
            if ci == last or cx <= (bounds[2 * ci + 1] + bounds[2 * ci + 2]) / 2:
                cols[ci].append(e)
                break
    return cols


# ---------------------------------------------------------------------------------------------
# Lines and blocks


def _bb(line: Line) -> BBoxT:
    """A PDF line's box (every line the layout makes has one; a text file's lines have none)."""
    assert line.bbox is not None
    return line.bbox


# Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their forms).
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def _make_line(words: list[Word], page: int, rtl: bool = False) -> Line:
    """The words of one row as a line, left to right, or right to left where most of its
    letters are of a right-to-left script (checked once the line is made: rarely so)."""
    if rtl:
        words.sort(key=lambda w: -w.x1)
    else:
        words.sort(key=_X0)
    parts: list[str] = []
    sizes: dict[float, int] = {}
    bold_chars = chars = 0
    x0, top, x1, bottom = words[0].x0, words[0].top, words[0].x1, words[0].bottom
    for w in words:  # one pass: this runs for every line of every page
        n = len(w.text)
        parts.append(w.text)
        sizes[w.size] = sizes.get(w.size, 0) + n
        chars += n
        if w.bold:
            bold_chars += n
        if w.x0 < x0:
            x0 = w.x0
        if w.top < top:
            top = w.top
        if w.x1 > x1:
            x1 = w.x1
        if w.bottom > bottom:
            bottom = w.bottom
    text = " ".join(parts)
    if not rtl and _RTL.search(text) is not None and 2 * len(_RTL.findall(text)) > chars:
        return _make_line(words, page, rtl=True)
    return Line(
        text=text,
        page=page,
        bbox=(x0, top, x1, bottom),
        size=max(sizes.items(), key=_COUNT)[0],  # the first of the most frequent, as Counter.most_common
        bold=bold_chars * 2 > chars,
        words=list(words),  # (their offsets in `text`: Line.word_x)
    )


def _cluster_rows(words: list[Word], overlap: float) -> list[tuple[list[Word], float, float]]:
    """Words into rows: a word joins one of the last rows when it overlaps it by `overlap` of
    the smaller height (a superscript or a bullet glyph a little off the baseline still joins)."""
    rows: list[tuple[list[Word], float, float]] = []
    for w in sorted(words, key=_TOP_X0):
        wt, wb = w.top, w.bottom
        h = wb - wt if wb - wt > 0.1 else 0.1
        for k in range(len(rows) - 1, max(-1, len(rows) - 3), -1):
            ws, top, bottom = rows[k]
            rh = bottom - top
            if (wb if wb < bottom else bottom) - (wt if wt > top else top) >= overlap * (h if h < rh else rh):
                ws.append(w)
                rows[k] = (ws, wt if wt < top else top, wb if wb > bottom else bottom)
                break
        else:
            rows.append(([w], wt, wb))
    return rows


def _lines(words: list[Word], page: int, p: _Thresholds) -> list[Line]:
    """Words of one flow into printed lines. Glyphs much taller than the flow's text (a drop
    cap, a big symbol) are set aside first, so they cannot glue lines together, and then join
    the first line they stand beside."""
    if not words:
        return []
    h0 = statistics.median(w.bottom - w.top for w in words)
    limit = p.tall_glyph * h0
    normal = [w for w in words if w.bottom - w.top <= limit]
    tall = [w for w in words if w.bottom - w.top > limit]
    rows = [ws for ws, _, _ in _cluster_rows(normal, p.line_overlap)]
    spans = [(min(w.top for w in ws), max(w.bottom for w in ws)) for ws in rows]
    for ws, top, bottom in _cluster_rows(tall, p.line_overlap):
        for k, (t, b) in enumerate(spans):
            if min(b, bottom) - max(t, top) >= p.line_overlap * (b - t):
                rows[k] += ws
                break
        else:
            rows.append(ws)
    lines = [_make_line(r, page) for r in rows]
    lines.sort(key=lambda ln: (_bb(ln)[1], _bb(ln)[0]))
    return lines


def _first_token(line: Line) -> str:
    return line.words[0].text if line.words else ""


def _text_start(line: Line) -> float:
    """x where the text after a leading marker starts (the hanging indent)."""
    if len(line.words) >= 2 and is_marker(line.words[0].text):
        return line.words[1].x0
    return _bb(line)[0]


@dataclass
class _Meta:
    """What finalisation needs to know about a block besides the Block itself."""

    body: float
    size: float
    bold: bool
    boxed: str | None  # None | boxed | banner
    caption: bool = False
    body_bold: bool = False
    page_chars: int = 0


_LETTERS = re.compile(r"[^\W\d_]+")


def _has_word(text: str, letters: int) -> bool:
    """True when `text` holds a run of at least `letters` letters (a word, not "z" or "2.5")."""
    return letters <= 0 or any(len(m) >= letters for m in _LETTERS.findall(text))


def _is_heading(block: Block, meta: _Meta, body: float, body_bold: bool, p: _Thresholds) -> bool:
    """A short block with words in it, set larger than the body text, or bold where the body
    is not."""
    n_lines = len(block.lines)
    text = block.text
    if len(text) > p.heading_max_chars or (is_marker(_first_token(block.lines[0])) and n_lines > 1):
        return False
    large = meta.size >= p.heading_size * body and n_lines <= p.heading_max_lines
    bold = meta.bold and not body_bold and meta.size >= p.bold_heading_size * body and n_lines <= p.bold_heading_max_lines
    return (large or bold) and _has_word(text, p.heading_min_letters)


class _Column:
    """What the paragraph rules need to know about the lines of one flow."""

    __slots__ = ("lines", "left", "right", "line_gap", "p")

    def __init__(self, lines: list[Line], line_gap: float, p: _Thresholds):
        self.lines = lines
        self.left = min(_bb(ln)[0] for ln in lines)
        self.right = max(_bb(ln)[2] for ln in lines)
        self.line_gap = line_gap
        self.p = p


def _blocks_from_lines(lines: list[Line], page: int, line_gap: float, column: int, p: _Thresholds) -> list[Block]:
    """Lines of one flow into blocks: each line either starts a block or carries on the one
    before (`_starts_block`)."""
    if not lines:
        return []
    col = _Column(lines, line_gap, p)
    blocks: list[list[Line]] = []
    for i, ln in enumerate(lines):
        if not blocks or _starts_block(col, blocks[-1], i):
            blocks.append([ln])
        else:
            blocks[-1].append(ln)
    return [_block(b, page, column) for b in blocks]


def _starts_block(col: _Column, cur: list[Line], i: int) -> bool:
    """Whether line `i` of the flow starts a new block after the block `cur`."""
    ln, prev, p = col.lines[i], cur[-1], col.p
    size = max(min(prev.size, ln.size), 1.0)
    if _bb(ln)[1] - _bb(prev)[3] > col.line_gap + p.paragraph_gap * size:
        return True  # a larger gap
    if abs(ln.size - prev.size) > p.size_change * max(ln.size, prev.size) or _style_changes(prev, ln):
        return True
    if _leaves_hanging_item(cur, ln, size, p):
        return True  # back at the marker's edge after a hanging item: a new paragraph
    tok = _first_token(ln)
    if not is_marker(tok):
        return _first_line_indent(col, cur, prev, ln, size)
    if len(ln.words) < 2:
        return False
    if is_bullet_glyph(tok):
        return True
    return bool(NUMBER_MARKER.match(tok)) and _new_numbered_item(col, cur, i, size)


def _style_changes(prev: Line, ln: Line) -> bool:
    """Bold to regular or back, where `prev` ends and `ln` begins: a run-in heading (a bold
    lead-in followed by regular text on its line) stays in its paragraph."""
    if ln.bold == prev.bold:
        return False
    if not prev.words or not ln.words:
        return True
    # The lead-in ends inside `prev` (regular text follows it), or goes on into `ln`.
    lead_in_ends = _run_in(prev) and not ln.words[0].bold
    lead_in_goes_on = _run_in(ln) and prev.words[-1].bold
    return not (lead_in_ends or lead_in_goes_on)


def _run_in(line: Line) -> bool:
    """A line that starts bold and ends regular: the end of a run-in heading."""
    return line.words[0].bold and not line.words[-1].bold


def _first_line_indent(col: _Column, cur: list[Line], prev: Line, ln: Line, size: float) -> bool:
    """An indented line after a finished sentence, in a block that is not a list item."""
    p = col.p
    return (
        not is_marker(_first_token(cur[0]))
        and abs(_bb(prev)[0] - col.left) < p.indent_tolerance * size
        and p.first_indent_min * size <= _bb(ln)[0] - col.left <= p.first_indent_max * size
        and ends_sentence(prev.text)
    )


def _new_numbered_item(col: _Column, cur: list[Line], i: int, size: float) -> bool:
    """A numbered line starts an item when it follows the number of the block's own item, has
    a hanging indent, has the same style of marker as the block's, or follows a short line."""
    ln, prev, p = col.lines[i], cur[-1], col.p
    head_tok = _first_token(cur[0])
    n, hn = marker_number(_first_token(ln)), marker_number(head_tok)
    nxt = col.lines[i + 1] if i + 1 < len(col.lines) else None
    hanging = (
        nxt is not None
        and abs(_bb(nxt)[0] - _text_start(ln)) < p.indent_tolerance * size
        and _bb(nxt)[0] > _bb(ln)[0] + p.hanging_indent * size
    )
    sequence = n is not None and hn is not None and n == hn + 1
    same_style = hn is None and NUMBER_MARKER.match(head_tok) is not None and not is_bullet_glyph(head_tok)
    short_prev = _bb(prev)[2] < col.left + p.short_line * (col.right - col.left)
    return sequence or hanging or same_style or short_prev


def _leaves_hanging_item(cur: list[Line], ln: Line, size: float, p: _Thresholds) -> bool:
    """True when `cur` is a list item with a hanging indent (its continuation lines start at
    the text after the marker) and `ln` starts back at the marker's edge without a marker."""
    if len(cur) < 2 or is_marker(_first_token(ln)):
        return False
    head = cur[0]
    if not is_marker(_first_token(head)) or len(head.words) < 2:
        return False
    text_x = _text_start(head)
    if text_x - _bb(head)[0] < p.hanging_indent * size:
        return False
    hanging = all(abs(_bb(c)[0] - text_x) < p.indent_tolerance * size for c in cur[1:])
    return hanging and _bb(ln)[0] < text_x - p.hanging_indent * size


def _block(lines: list[Line], page: int, column: int, role: str = "body") -> Block:
    return Block(
        lines=lines,
        page=page,
        bbox=(min(_bb(l)[0] for l in lines), min(_bb(l)[1] for l in lines), max(_bb(l)[2] for l in lines), max(_bb(l)[3] for l in lines)),
        role=role,
        column=column,
    )


def _dominant(lines: list[Line]) -> tuple[float, bool]:
    sizes: Counter[float] = Counter()
    bold = 0
    total = 0
    for ln in lines:
        n = len(ln.text)
        sizes[round(ln.size * 2) / 2] += n
        total += n
        if ln.bold:
            bold += n
    return (sizes.most_common(1)[0][0] if sizes else 0.0), bold * 2 > total


class _PageLayout:
    def __init__(self, page: RawPage, words: list[Word], p: _Thresholds):
        self.page = page
        self.p = p
        self.number = page.number
        self.sizes = _size_counts(words)
        self.chars = sum(self.sizes.values())
        # the body size: the size most characters are set in
        self.em = self.sizes.most_common(1)[0][0] if self.sizes else 10.0
        self.body_bold = sum(len(w.text) for w in words if w.bold) * 2 > sum(len(w.text) for w in words)
        self.line_gap = _line_gap(words, self.em, p)
        self.row_gap = max(self.line_gap, 0.0) + p.strip_gap * self.em
        self.out: list[tuple[Block, _Meta]] = []

    def run(self, words: list[Word]) -> list[tuple[Block, _Meta]]:
        boxes, free, pictures = _find_boxes(self.page, words, self.em, self.p)
        self.pictures = pictures
        els = [_word_el(w) for w in free] + [_box_el(b) for b in boxes] + pictures
        self._region(els, boxed=None)
        self._captions()
        return self.out

    def _region(self, els: list[_El], boxed: str | None, column: int | None = None) -> None:
        """Lay out a region; inside a box, every block takes the box's own column."""
        for leaf, col in _segment(els, self.em, self.row_gap, self.p):
            self._leaf(leaf, col if column is None else column, boxed)

    def _leaf(self, els: list[_El], column: int, boxed: str | None) -> None:
        words = [e.obj for e in els if e.kind == "word"]
        boxes = sorted((e for e in els if e.kind == "box"), key=lambda e: e.top)
        lines = _lines(words, self.number, self.p)
        # Interleave lines and boxes by their top.
        i = 0
        for box_el in boxes + [None]:
            limit = box_el.top if box_el is not None else float("inf")
            chunk = []
            while i < len(lines) and _bb(lines[i])[1] < limit:
                chunk.append(lines[i])
                i += 1
            for block in _blocks_from_lines(chunk, self.number, self.line_gap, column, self.p):
                self._emit(block, boxed)
            if box_el is not None:
                box: _Box = box_el.obj
                inner = [_word_el(w) for w in box.words] + [_box_el(c) for c in box.children]
                self._region(inner, boxed=box.role if boxed != "banner" else "banner", column=column)

    def _emit(self, block: Block, boxed: str | None) -> None:
        size, bold = _dominant(block.lines)
        meta = _Meta(self.em, size, bold, boxed, body_bold=self.body_bold, page_chars=self.chars)
        if boxed:
            block.role = boxed
        elif _is_heading(block, meta, self.em, self.body_bold, self.p):
            block.role = "heading"
        self.out.append((block, meta))

    def _captions(self) -> None:
        if not self.pictures:
            return
        p, em = self.p, self.em
        for block, meta in self.out:
            if block.role != "body" or meta.size > p.caption_max_size * em or len(block.lines) > p.caption_max_lines:
                continue
            assert block.bbox is not None  # every block the layout makes has a box
            x0, top, x1, bottom = block.bbox
            for pic in self.pictures:
                overlap = min(x1, pic.x1) - max(x0, pic.x0)
                if overlap <= 0:
                    continue
                near = p.caption_distance * em
                if 0 <= top - pic.bottom <= near or 0 <= pic.top - bottom <= near:
                    block.role = "caption"
                    meta.caption = True
                    break


def _screen(words: list[Word]) -> tuple[list[Word], int, list[Word]]:
    """One pass over a page's words (this runs for every word of every page): drop blank
    words. Returns the words kept, their characters (what the page must give back when the
    backend does not count its text layer), and the kept words shaped like turned glyphs
    (one glyph wider than high, or three and more higher than wide; two turned glyphs are
    about as high as wide), where `_sideways` looks for sideways text. (The doubles of
    fake-bold text never get here: the backends drop them, by name.)"""
    out = []
    turned = []
    chars = 0
    for w in words:
        text = w.text
        if not text or text.isspace():
            continue
        n = len(text)  # a backend's words hold no spaces
        chars += n
        out.append(w)
        if n != 2 and (w.bottom - w.top < w.x1 - w.x0) == (n == 1):
            turned.append(w)
    return out, chars, turned


def _chars(text: str) -> int:
    """Characters that count for conservation: all but the spaces between words."""
    return len(text) - text.count(" ")


# ---------------------------------------------------------------------------------------------
# Sideways text


def _sideways(words: list[Word], turned: list[Word], p: _Thresholds) -> list[list[Word]]:
    """Runs of sideways text: a spine, an arXiv stamp in the margin, a rotated table header.

    Rotated glyphs come from the backend as pieces (a glyph or a few) whose boxes share one x
    extent, stacked one touching the next; a rotated glyph is wider than high, where an
    upright one is higher than wide. Or as one word of four or more characters much taller
    than wide. Each run is returned in content order."""
    if not turned:
        return []
    stacks: dict[tuple[float, float], list[Word]] = defaultdict(list)
    for w in turned:
        stacks[(round(w.x0, 1), round(w.x1, 1))].append(w)
    ratio = p.sideways_ratio
    runs: list[list[Word]] = []
    for (x0, x1), ws in stacks.items():
        width = x1 - x0
        if width <= 0:
            continue
        ws.sort(key=_TOP)
        run = [ws[0]]
        for nxt in [*ws[1:], None]:
            if nxt is not None and -0.1 * width <= nxt.top - run[-1].bottom <= 0.6 * width:
                run.append(nxt)
                continue
            # whole words (the backends give turned text as words in reading order)
            words_run = all(len(w.text) >= 3 for w in run) and run[-1].bottom - run[0].top >= ratio * width
            lone = len(run) == 1 and len(run[0].text) >= 4 and run[0].bottom - run[0].top >= ratio * width
            if lone or words_run or _is_stack(run, width, p):
                runs.append(run)
            run = [nxt] if nxt is not None else []
    if runs:
        _complete_runs(runs, words)
        order = {id(w): k for k, w in enumerate(words)}  # in content order
        for run in runs:
            run.sort(key=lambda v: order[id(v)])
        runs.sort(key=lambda r: order[id(r[0])])
    return runs


def _complete_runs(runs: list[list[Word]], words: list[Word]) -> None:
    """Add to the runs the pieces of the same x extent within or next to them that were not
    shaped as turned glyphs (two turned glyphs are about as high as wide: "21" in a date),
    joining runs they bridge."""
    members = {id(w) for run in runs for w in run}
    keys = {(round(run[0].x0, 1), round(run[0].x1, 1)) for run in runs}
    same: dict[tuple[float, float], list[Word]] = defaultdict(list)
    for w in words:
        key = (round(w.x0, 1), round(w.x1, 1))
        if key in keys:
            same[key].append(w)
    runs.clear()
    for (x0, x1), ws in same.items():
        reach = 0.6 * (x1 - x0)
        ws.sort(key=_TOP)
        chain = [ws[0]]
        for nxt in [*ws[1:], None]:
            if nxt is not None and nxt.top - max(v.bottom for v in chain) <= reach:
                chain.append(nxt)
                continue
            if any(id(v) in members for v in chain):
                runs.append(chain)
            chain = [nxt] if nxt is not None else []


def _is_stack(run: list[Word], width: float, p: _Thresholds) -> bool:
    """Three or more pieces, most of them touching, together much taller than wide."""
    if len(run) < 3 or run[-1].bottom - run[0].top < p.sideways_ratio * width:
        return False
    touching = sum(1 for a, b in zip(run, run[1:]) if abs(b.top - a.bottom) <= 0.05 * width)
    return touching * 2 >= len(run) - 1


def _sideways_text(run: list[Word]) -> str:
    """The run's text in reading order (content order: the backends give each piece's
    characters in the order they are read)."""
    upward = len(run) > 1 and run[0].top > run[-1].top
    parts = [w.text for w in run]
    text = parts[0]
    width = run[0].x1 - run[0].x0
    for a, b, part in zip(run, run[1:], parts[1:]):
        gap = (a.top - b.bottom) if upward else (b.top - a.bottom)
        text += (" " if gap > 0.15 * width else "") + part
    return text


def _margin_furniture(
    page: RawPage, words: list[Word], turned: list[Word], p: _Thresholds
) -> tuple[list[Word], list[model.Furniture]]:
    """Sideways runs out of the body flow, as furniture with the role `margin`; a page whose
    text is mostly sideways (a landscape table set on a portrait page) keeps it."""
    runs = _sideways(words, turned, p)
    if not runs:
        return words, []
    moved = sum(_chars(w.text) for r in runs for w in r)
    if moved > p.sideways_max_share * sum(map(_chars, map(_TEXT, words))):
        return words, []
    out = {id(w) for r in runs for w in r}
    furniture = [
        model.Furniture(
            page=page.number,
            text=_sideways_text(r),
            bbox=[round(v, 2) for v in (min(w.x0 for w in r), min(w.top for w in r), max(w.x1 for w in r), max(w.bottom for w in r))],
            role="margin",
        )
        for r in runs
    ]
    return [w for w in words if id(w) not in out], furniture


# ---------------------------------------------------------------------------------------------
# Furniture and finishing


_SPACES, _DIGITS = re.compile(r"\s+"), re.compile(r"\d+")


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text.lower()).strip()


def _shape(norm: str) -> str:
    """A normalised line with its numbers folded; kept only when it has a word (a page's
    running header "Bulletin 3 | page 12"), never for a row of numbers."""
    folded = _DIGITS.sub("#", norm)
    return folded if _has_word(folded, 2) else ""


@dataclass(slots=True)
class _Candidate:
    """A line in the top or bottom band of its page: a running header or footer if it recurs."""

    page: int
    line: Line
    band: str
    anchor: float  # its top in the top band, its bottom in the bottom band
    tol: float
    text: str  # `_norm` of its text
    shape: str  # `_shape` of its text


def _recurs(c: _Candidate, others: list[_Candidate], need: int) -> bool:
    """On `need` pages or more, at the same height."""
    pages = {o.page for o in others if abs(o.anchor - c.anchor) <= c.tol}
    return len(pages) >= need


def _counts_pages(c: _Candidate, others: list[_Candidate], need: int) -> bool:
    """A number alone that recurs at the same height on `need` pages or more, each time the
    page's number plus the same offset (a journal's running page numbers: 47698, 47699)."""
    if not c.text.isdigit():
        return False
    offset = int(c.text) - c.page
    pages = {o.page for o in others if abs(o.anchor - c.anchor) <= c.tol and int(o.text) - o.page == offset}
    return len(pages) >= need


def _running_lines(pages, p: _Thresholds) -> list[tuple[_Candidate, str]]:
    """Running headers, footers and page numbers, each with its role. A line is running when
    the same text recurs at the same height in the same band on enough pages (then also where
    it stands a little off, as on a cover), or the same words with other numbers (a page
    number inside a header); never a row of figures, whose numbers are what tells the rows
    of a table apart, unless they count the pages."""
    cands: list[_Candidate] = []
    by_text: dict[tuple[str, str], list[_Candidate]] = defaultdict(list)
    by_shape: dict[tuple[str, str], list[_Candidate]] = defaultdict(list)
    by_text_numbers: dict[str, list[_Candidate]] = defaultdict(list)
    for number, width, height, blocks in pages:
        top_band, bottom_band = p.top_band * height, p.bottom_band * height
        for block, meta in blocks:
            if meta.boxed == "banner":
                continue
            for line in block.lines:
                x0, top, x1, bottom = line.bbox
                band = "top" if bottom <= top_band else "bottom" if top >= bottom_band else ""
                if not band:
                    continue
                anchor = top if band == "top" else bottom
                text = _norm(line.text)
                c = _Candidate(number, line, band, anchor, p.furniture_drift * (bottom - top), text, _shape(text))
                cands.append(c)
                by_text[(band, text)].append(c)
                if c.shape:
                    by_shape[(band, c.shape)].append(c)
                elif text.isdigit():
                    by_text_numbers[band].append(c)
    text_pages = sum(1 for _, _, _, b in pages if b)
    need = p.repeat_pages if text_pages <= p.long_document else p.repeat_pages_long
    same_text = {id(c) for c in cands if _recurs(c, by_text[(c.band, c.text)], need)}
    # text with words that runs on some pages is running wherever it stands in its band
    running = {(c.band, c.text) for c in cands if id(c) in same_text and c.shape}
    out = []
    for c in cands:
        pagenum = bool(PAGE_NUMBER.match(c.line.text.strip())) or _counts_pages(c, by_text_numbers[c.band], need)
        repeated = (
            id(c) in same_text
            or (c.band, c.text) in running
            or (bool(c.shape) and _recurs(c, by_shape[(c.band, c.shape)], need))
        )
        if repeated or pagenum:
            out.append((c, "page_number" if pagenum else ("header" if c.band == "top" else "footer")))
    return out


def _finish(
    pages: list[tuple[int, float, float, list[tuple[Block, _Meta]]]],
    sizes: Counter[float] | None,
    p: _Thresholds,
) -> tuple[list[Block], list[model.Furniture]]:
    # On a sparse page (a cover, a page of pictures) the page's own dominant size may be a
    # heading's: judge its headings against the document's body size instead.
    if sizes:
        doc_body = sizes.most_common(1)[0][0]
        doc_chars = sum(sizes.values())
        for _, _, _, blocks in pages:
            for block, meta in blocks:
                if meta.boxed or meta.caption or meta.page_chars >= p.sparse_page or doc_chars < 2 * p.sparse_page:
                    continue
                block.role = "heading" if _is_heading(block, meta, doc_body, meta.body_bold, p) else "body"
    furniture: list[model.Furniture] = []
    removed: set[int] = set()
    for c, role in _running_lines(pages, p):
        furniture.append(model.Furniture(page=c.page, text=c.line.text, bbox=[round(v, 2) for v in _bb(c.line)], role=role))
        removed.add(id(c.line))
    if len(removed) == sum(len(block.lines) for _, _, _, blocks in pages for block, _ in blocks):
        furniture, removed = [], set()  # a line on every page and nothing else is the content itself
    out: list[tuple[Block, _Meta]] = []
    for number, width, height, blocks in pages:
        for block, meta in blocks:
            if any(id(ln) in removed for ln in block.lines):
                keep = [ln for ln in block.lines if id(ln) not in removed]
                if not keep:
                    continue
                block.lines = keep
                block.bbox = _block(keep, number, block.column).bbox
            out.append((block, meta))
    # Heading levels: larger font first, bold before regular at the same size.
    styles = sorted({(round(m.size * 2) / 2, m.bold) for b, m in out if b.role == "heading"}, key=lambda s: (-s[0], not s[1]))
    level = {s: i + 1 for i, s in enumerate(styles)}
    prev_role = None
    blocks_out = []
    for block, meta in out:
        if block.role == "heading":
            block.level = level[(round(meta.size * 2) / 2, meta.bold)]
        block.flow_break = (
            prev_role is None
            or block.role in ("heading", "banner", "boxed", "caption")
            or prev_role in ("boxed", "banner")
        )
        prev_role = block.role
        blocks_out.append(block)
    return blocks_out, furniture


@dataclass
class PageResult:
    """One page laid out: its blocks (roles provisional until `_finish`), its margin
    furniture and what conservation and the document's body size need. Pages are laid out
    each on its own (`layout_page`); a long document's pages may be laid out in other
    processes and handed to `layout_pages` as these."""

    number: int
    width: float
    height: float
    blocks: list[tuple[Block, _Meta]]
    margin: list[model.Furniture]
    chars_in: int  # non-space characters of the page's text layer
    dropped: dict[str, int]  # of those, left out by name (see RawPage.dropped)
    sizes: Counter[float] | None = None  # characters per font size


def layout_page(page: RawPage, params: LayoutParams = DEFAULT) -> PageResult:
    """Lay out one page; it depends on nothing but the page."""
    p = _Thresholds(params)
    words, chars_in, turned = _screen(page.words)
    # The text layer as the backend counted it (a page made by hand has no count: its words)
    chars_in = page.layer_chars or chars_in
    words, margin = _margin_furniture(page, words, turned, p)
    if not words:
        return PageResult(page.number, page.width, page.height, [], margin, chars_in, page.dropped)
    pl = _PageLayout(page, words, p)
    blocks = pl.run(words)
    for block, _ in blocks:
        for line in block.lines:
            line.pack()  # kept packed from here on: a long document's words were most of its memory
    return PageResult(page.number, page.width, page.height, blocks, margin, chars_in, page.dropped, pl.sizes)


def layout_pages(pages: Iterable[RawPage | PageResult], params: LayoutParams = DEFAULT) -> PdfLayout:
    """Lay out every page (consumed one at a time; only lines and blocks are kept) and return
    the blocks of the whole document in reading order, the furniture and the warnings. A page
    given as a `PageResult` was laid out already (by `layout_page`, in another worker)."""
    result = PdfLayout()
    p = _Thresholds(params)
    kept: list[tuple[int, float, float, list[tuple[Block, _Meta]]]] = []
    margins: list[model.Furniture] = []
    counts: dict[int, tuple[int, dict[str, int]]] = {}
    sizes: Counter[float] = Counter()
    for page in pages:
        result.pages += 1
        done = page if isinstance(page, PageResult) else layout_page(page, params)
        if done.sizes is not None:
            sizes.update(done.sizes)
        if not done.blocks and not done.margin:
            result.warnings.append(
                model.Warning(
                    code="no_text_layer",
                    message=f"page {done.number} has no text layer (a scanned or image-only page); its content is missing",
                    page=done.number,
                )
            )
        kept.append((done.number, done.width, done.height, done.blocks))
        margins += done.margin
        counts[done.number] = (done.chars_in, done.dropped)
    result.blocks, furniture = _finish(kept, sizes, p)
    # Margin text first on its page, as the furniture of each page is in reading order.
    by_page: dict[int, list[model.Furniture]] = defaultdict(list)
    for f in margins + furniture:
        by_page[f.page].append(f)
    result.furniture = [f for number in sorted(by_page) for f in by_page[number]]
    _account(result, counts, p)
    return result


def _account(result: PdfLayout, counts: dict[int, tuple[int, dict[str, int]]], p: _Thresholds) -> None:
    """Text conservation: every character of the page's text layer is in a block, in
    furniture or in a drop the backend names (RawPage.dropped).
    Record per page how much came back; a page with drops that lose text gets a warning that
    names them, and a page under the threshold one that says how much is missing (nothing
    in the layout drops text without a name, so that one is a guard)."""
    back: Counter[int] = Counter()
    for block in result.blocks:
        for line in block.lines:
            back[line.page or 0] += _chars(line.text)  # the words joined by single spaces (a PDF line has its page)
    for f in result.furniture:
        back[f.page] += _chars(f.text)
    for number, (chars_in, dropped) in counts.items():
        named = sum(dropped.values())
        result.conservation[number] = (chars_in, back[number], named)
        lost = {reason: n for reason, n in dropped.items() if reason in DROP_REASONS}
        if lost:
            result.warnings.append(
                model.Warning(
                    code="dropped_text",
                    message=f"page {number}: characters of the text layer left out: "
                    + ", ".join(f"{n} {DROP_REASONS[reason]}" for reason, n in sorted(lost.items())),
                    page=number,
                )
            )
        expected = chars_in - named
        if expected > 0 and back[number] < p.conservation_warning * expected:
            result.warnings.append(
                model.Warning(
                    code="text_lost",
                    message=f"page {number}: only {back[number]} of its {expected} characters came back in the text or furniture",
                    page=number,
                )
            )
