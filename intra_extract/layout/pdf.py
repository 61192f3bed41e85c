"""PDF layout: words and drawn rectangles of each page -> lines -> blocks in reading order.

Method: a recursive XY-cut on whitespace gaps, with gutter-consistent merging of strips.

1. Boxes first. A drawn rectangle that holds words is a box (a boxed article, a side bar, a
   banner); its words never join the page's lines. Inside the page it is one atomic element,
   and its own words are laid out by the same procedure, recursively (a box may have columns).
   A page-sized frame or background (most of the page's words inside) is not a box.
2. Horizontal cut. The elements of a region (words, boxes; pictures count only here) are cut
   into strips at full-width white bands taller than the typical line gap plus half an em.
3. Gutters. In each strip, vertical white gaps in the x-projection of the text are column
   gutters when they are wide enough for the number of text rows the strip spans (a lone
   line needs a much wider gap than a tall strip, where word gaps never line up). A gutter
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
new list item; a numbered item's continuation lines stay in the item's block. Headings come
from the block's font size and weight against the page's dominant body size. Running
headers, footers and page numbers are found at the end by repetition across pages (digits
normalised, same top or bottom band) and, for page numbers, by position, and are moved from
the blocks to `furniture`. Every threshold is relative to the font size or the page size.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import Iterable

from .. import model
from ..markers import MARKER_TOKEN as NUMBER_MARKER, ends_sentence, is_bullet_glyph
from ..state import Block, Line, RawPage, Rect, Word

PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:page|pag|pág|página|pagina|p|str|stran|стр|страница|seite|s)\.?\s*)?"
    r"\d{1,4}(?:\s*(?:/|of|от|od|di|de|из|von)\s*\d{1,4})?(?:\s*[-–—])?$",
    re.I,
)

# Sort keys used on every page.
_TOP, _X0, _TOP_X0 = attrgetter("top"), attrgetter("x0"), attrgetter("top", "x0")
_COUNT = itemgetter(1)

TOP_BAND = 0.12  # share of the page height where running headers live
BOTTOM_BAND = 0.88


def marker_number(token: str) -> int | None:
    m = re.match(r"^\(?(\d{1,3})[.)]?\)?$", token)
    if m and NUMBER_MARKER.match(token):
        return int(m.group(1))
    return None


def is_marker(token: str) -> bool:
    return is_bullet_glyph(token) or bool(NUMBER_MARKER.match(token))


@dataclass
class PdfLayout:
    blocks: list[Block] = field(default_factory=list)
    furniture: list[model.Furniture] = field(default_factory=list)
    warnings: list[model.Warning] = field(default_factory=list)
    pages: int = 0


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


def _line_gap(words: list[Word], em: float) -> float:
    """Typical white gap between consecutive lines of one column (may be slightly negative)."""
    bucket_w = max(em * 2, 1.0)
    two_em = 2 * em
    last: dict[int, Word] = {}
    gaps: list[float] = []
    for w in sorted(words, key=_TOP):
        top, x0, x1 = w.top, w.x0, w.x1
        above = top - 0.5 * (w.bottom - top)  # a word of the line before starts above this
        for b in range(int(x0 // bucket_w), int(x1 // bucket_w) + 1):
            p = last.get(b)
            if p is not None and p.top < above and p.x1 > x0 and p.x0 < x1:
                gap = top - p.bottom
                if gap < two_em:
                    gaps.append(gap)
            last[b] = w
    if not gaps:
        return 0.2 * em
    return statistics.median(gaps)


# ---------------------------------------------------------------------------------------------
# Boxes


def _find_boxes(page: RawPage, words: list[Word], em: float) -> tuple[list[_Box], list[Word], list[_El]]:
    """Split the words into top-level boxes and free words; return also picture obstacles.

    Boxes are drawn rectangles, or frames assembled from four thin rules. Not boxes: page
    backgrounds and borders around (nearly) all the text; rectangles hugging a single line
    (a highlight, a shaded heading band), whose words stay in the flow."""
    page_area = page.width * page.height
    found: list[tuple[float, float, float, float]] = []
    thin: list[Rect] = []
    pictures: list[_El] = []
    for r in page.rects:
        w, h = r.x1 - r.x0, r.bottom - r.top
        if w < 0 or h < 0 or (w == 0 and h == 0):
            continue
        if r.kind == "image":
            if w > 0 and h > 0 and w * h < 0.8 * page_area:
                pictures.append(_El(r.x0, r.top, r.x1, r.bottom, "image", r))
            continue
        if r.kind == "line" or w <= 3 or h <= 3:
            thin.append(r)
            continue
        if w < 2 * em or h < 1.0 * em or w * h > 0.85 * page_area:
            continue  # bullets and small marks; page backgrounds
        found.append((r.x0, r.top, r.x1, r.bottom))
    found += _frames(thin, em)
    uniq = {(round(x0), round(t), round(x1), round(b)): (x0, t, x1, b) for x0, t, x1, b in reversed(found)}
    candidates = sorted(
        (_Box(Rect(*v)) for v in uniq.values()), key=lambda b: (b.x1 - b.x0) * (b.bottom - b.top)
    )  # smallest first
    total = len(words)
    tol = 0.25 * em
    for _ in range(2):
        for b in candidates:
            b.words = []
        free: list[Word] = []
        for w in words:
            for b in candidates:
                if b.contains(w.x0, w.top, w.x1, w.bottom, tol):
                    b.words.append(w)
                    break
            else:
                free.append(w)
        drop = []
        for b in candidates:
            if not b.words:
                continue
            area = (b.x1 - b.x0) * (b.bottom - b.top)
            if total >= 20 and len(b.words) > 0.6 * total and area > 0.4 * page_area:
                drop.append(b)  # a page border
            elif _count_rows(b.words) <= 1 and (b.bottom - b.top) < 2.2 * max(w.bottom - w.top for w in b.words):
                drop.append(b)  # hugs one line: a highlight or a heading band
        if not drop:
            break
        candidates = [b for b in candidates if b not in drop]
    holding = [b for b in candidates if b.words]
    empty = [b for b in candidates if not b.words]
    # Nest boxes: each box goes into the smallest larger box that contains it.
    tops: list[_Box] = []
    for i, b in enumerate(holding):
        parent = None
        for c in holding[i + 1 :]:
            if c.contains(b.x0, b.top, b.x1, b.bottom, 0.5) and (c.x1 - c.x0) * (c.bottom - c.top) > (b.x1 - b.x0) * (b.bottom - b.top):
                parent = c
                break
        if parent is None:
            tops.append(b)
        else:
            parent.children.append(b)
    for b in holding:
        _classify_box(b, em, page)
    # Wordless boxes that are big enough are drawn pictures (a filled rectangle).
    for b in empty:
        if (b.x1 - b.x0) >= 3 * em and (b.bottom - b.top) >= 3 * em:
            pictures.append(_El(b.x0, b.top, b.x1, b.bottom, "image", b))
    return tops, free, pictures


def _frames(thin: list[Rect], em: float, tol: float = 3.0) -> list[tuple[float, float, float, float]]:
    """Rectangles outlined by four separate rules (two horizontal, two vertical)."""
    hs = [r for r in thin if r.x1 - r.x0 >= 2 * em and r.bottom - r.top <= tol]
    vs = [r for r in thin if r.bottom - r.top >= 1.5 * em and r.x1 - r.x0 <= tol]
    if not hs or not vs or len(hs) > 150 or len(vs) > 150:
        return []
    out = []
    hs.sort(key=lambda r: r.top)
    for i, a in enumerate(hs):
        for b in hs[i + 1 :]:
            if abs(a.x0 - b.x0) > tol or abs(a.x1 - b.x1) > tol or b.top - a.bottom < 1.5 * em:
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


def _classify_box(box: _Box, em: float, page: RawPage) -> None:
    """A banner is a wide box near the top of the page holding a few lines of large text."""
    words = box.all_words()
    rows = _count_rows(words)
    big = max(w.size for w in words) >= 1.4 * em
    wide = (box.x1 - box.x0) >= 0.5 * page.width
    high = box.top < 0.35 * page.height
    box.role = "banner" if (rows <= 3 and big and wide and high) else "boxed"


def _rows(items) -> list[list]:
    """Group elements into rows (overlapping vertically), top to bottom."""
    rows: list[list] = []
    bottom = None
    for it in sorted(items, key=lambda e: e.top):
        if bottom is None or it.top >= bottom - 0.3 * (it.bottom - it.top):
            rows.append([it])
            bottom = it.bottom
        else:
            rows[-1].append(it)
            bottom = max(bottom, it.bottom)
    return rows


def _count_rows(items) -> int:
    rows = 0
    bottom = 0.0
    for it in sorted(items, key=_TOP):
        if not rows or it.top >= bottom - 0.3 * (it.bottom - it.top):
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


def _gutter_candidates(strip: _Strip, em: float) -> tuple[list[tuple[float, float]], float, int]:
    """Vertical white gaps in the strip's text at least 0.6 em wide (pruned), its text size and rows."""
    text = [e for e in strip.els if e.kind != "image"]
    if len(text) < 2:
        return [], em, 0
    size = _sizes(text, em)
    rows = _count_rows(text)
    order = sorted(text, key=lambda e: e.x0)
    gaps: list[tuple[float, float]] = []
    end = order[0].x1
    for e in order[1:]:
        if e.x0 - end >= 0.6 * size:
            gaps.append((end, e.x0))
        end = max(end, e.x1)
    if not gaps:
        return [], size, rows
    gaps = _prune_gutters(gaps, text, size, rows)
    # The evidence for a gap is the number of rows with text on both of its sides. A short gap
    # (up to four rows) is no evidence at all when it looks like a river of a justified
    # paragraph: the text on its right starts at more than two edges, or in every row the gap
    # is no wider than the row's other word gaps (a neighbouring strip may still vouch for it).
    out = []
    for g0, g1 in gaps:
        left = [e for e in text if e.x1 <= g0 + 0.01]
        right = [e for e in text if e.x0 >= g1 - 0.01]
        n_left, n_right = _count_rows(left), _count_rows(right)
        evidence = min(n_left, n_right)
        if evidence <= 4 and _river(text, g0, g1, size):
            evidence = 0
        elif 1 <= evidence <= 2 and max(n_left, n_right) >= 5:
            # A column that ends after a line or two beside a long one: the long one's edge
            # is straight down the whole strip, which no line of a single flow would allow.
            evidence = 3
        out.append((g0, g1, evidence))
    return out, size, rows


def _river(text: list[_El], g0: float, g1: float, size: float) -> bool:
    starts: list[float] = []
    justified = 0
    for row in _rows(text):
        left = [e for e in row if e.x1 <= g0 + 0.01]
        right = [e for e in row if e.x0 >= g1 - 0.01]
        if not left or not right:
            continue
        start = min(e.x0 for e in right)
        starts.append(start)
        here = start - max(e.x1 for e in left)
        xs = sorted(row, key=lambda e: e.x0)
        others = [b.x0 - a.x1 for a, b in zip(xs, xs[1:]) if not (a.x1 <= g0 + 0.01 and b.x0 >= g1 - 0.01)]
        if others and max(others) >= 0.6 * here:
            justified += 1
    if not starts:
        return False
    if justified == len(starts):
        return True
    # A column starts its lines at one edge (two with a hanging or first-line indent).
    edges = 0
    last = None
    for x in sorted(starts):
        if last is None or x - last > 0.2 * size:
            edges += 1
        last = x
    return len(starts) >= 3 and edges > 2


def _strong_width(size: float, rows: int) -> float:
    """How wide a gap must be to be a gutter on the strip's own evidence: word gaps of a
    justified line can be wide, but they rarely line up over many rows."""
    if rows <= 0:
        return float("inf")
    return size * (2.0 if rows <= 2 else 1.0 if rows <= 4 else 0.6)


def _assign_gutters(strips: list[_Strip], em: float) -> None:
    """A gap is a gutter when the strip alone proves it (wide enough for its rows), or when it
    lines up with a proven gutter of the strip just above or below."""
    cands = []
    for s in strips:
        gaps, size, _ = _gutter_candidates(s, em)
        strong = [(g0, g1) for g0, g1, rows in gaps if g1 - g0 >= _strong_width(size, rows)]
        s.gutters = strong
        cands.append([(g0, g1) for g0, g1, _ in gaps if (g0, g1) not in strong])
    changed = True
    while changed:
        changed = False
        for i, s in enumerate(strips):
            for g in list(cands[i]):
                for j in (i - 1, i + 1):
                    if not 0 <= j < len(strips):
                        continue
                    near = max(strips[j].top - s.bottom, s.top - strips[j].bottom) <= 3.0 * em
                    # ... and a gutter of about the same width: a wide gap of a one-line
                    # footer does not vouch for a word gap of a justified line.
                    width = g[1] - g[0]
                    if near and any(
                        g[0] < h[1] and h[0] < g[1] and h[1] - h[0] <= 3 * width + em for h in strips[j].gutters
                    ):
                        s.gutters = sorted(s.gutters + [g])
                        cands[i].remove(g)
                        changed = True
                        break


def _prune_gutters(gaps, text: list[_El], size: float, rows: int) -> list[tuple[float, float]]:
    """Drop gutters that would isolate a column of markers only, or (in a strip of several
    rows) a column narrower than a few em; the narrow column joins its nearer neighbour."""
    gaps = list(gaps)
    centres = [e.cx for e in text]
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
            narrow = rows >= 2 and width < 4.0 * size
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


def _crosses(els: list[_El], gutters: list[tuple[float, float]], em: float = 10.0) -> bool:
    """True when some text element bridges a gutter, i.e. reaches into its core: the middle
    30% of it, at most two em wide. A ragged line of a column that only reaches into the
    gutter's edge does not; a line running across a wide one-line gap does."""
    for e in els:
        if e.kind == "image":
            continue
        for g0, g1 in gutters:
            mid = (g0 + g1) / 2
            half = min(0.15 * (g1 - g0), em)
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


def _combine(ga, gb, els_a, els_b, em: float):
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
        elif not _crosses(els_b, [a], em):
            out.append(a)
        else:
            return None
    for j, b in enumerate(gb):
        if j in used_b:
            continue
        if _crosses(els_a, [b], em):
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


def _segment(els: list[_El], em: float, row_gap: float, depth: int = 0) -> list[tuple[list[_El], int]]:
    """Leaves (single flows) in reading order, each with its column index in its region."""
    if not els:
        return []
    strips = _cut_horizontal(els, row_gap)
    _assign_gutters(strips, em)
    groups: list[_Group] = []
    inf = float("inf")
    i = 0
    while i < len(strips):
        s = strips[i]
        if not groups:
            groups.append(_Group(s, inf))
            i += 1
            continue
        g = groups[-1]
        gap_above = s.top - g.bottom
        if not g.gutters and not s.gutters:
            g.add(s, [])
            i += 1
            continue
        if g.gutters and s.gutters:
            combined = _combine(g.gutters, s.gutters, g.els, s.els, em)
            if combined:
                g.add(s, combined)
                i += 1
                continue
        elif g.gutters:
            # Gutter-less strips inside the columns: the tail of a column, or a separator
            # (a full-width heading narrow enough to fit one column) before new columns?
            j = i
            while j + 1 < len(strips) and not strips[j + 1].gutters and not _crosses(strips[j + 1].els, g.gutters, em):
                j += 1
            run = strips[i : j + 1]
            if not _crosses(s.els, g.gutters, em):
                nxt = strips[j + 1] if j + 1 < len(strips) else None
                tail = True
                if nxt is not None and nxt.gutters and _combine(g.gutters, nxt.gutters, g.els, nxt.els, em):
                    rows = _count_rows([e for r in run for e in r.els if e.kind != "image"])
                    tail = rows > 3
                if tail:
                    for r in run:
                        g.add(r, g.gutters)
                    i = j + 1
                    continue
        else:  # a strip with gutters after a gutter-less group: was the group their head?
            if not _crosses(g.els, s.gutters, em) and (len(groups) == 1 or gap_above <= g.gap_above):
                g.add(s, s.gutters)
                i += 1
                continue
        groups.append(_Group(s, gap_above))
        i += 1
    leaves: list[tuple[list[_El], int]] = []
    for g in groups:
        if not g.gutters or depth >= 6:
            leaves.append((g.els, 0))
            continue
        bounds = [float("-inf")] + [x for gut in g.gutters for x in gut] + [float("inf")]
        cols: list[list[_El]] = [[] for _ in range(len(g.gutters) + 1)]
        for e in g.els:
            cx = e.cx
            for ci in range(len(cols)):
                if cx <= (bounds[2 * ci + 1] + bounds[2 * ci + 2]) / 2 if ci + 1 < len(cols) else True:
                    cols[ci].append(e)
                    break
        for ci, col in enumerate(cols):
            if not col:
                continue
            if len(col) == len(g.els):  # no progress
                leaves.append((col, ci))
                continue
            for leaf, _ in _segment(col, em, row_gap, depth + 1):
                leaves.append((leaf, ci))
    return leaves


# ---------------------------------------------------------------------------------------------
# Lines and blocks


def _make_line(words: list[Word], page: int) -> Line:
    words.sort(key=_X0)
    parts = []
    word_x = []
    offset = 0
    sizes: dict[float, int] = {}
    bold_chars = chars = 0
    x0, top, x1, bottom = words[0].x0, words[0].top, words[0].x1, words[0].bottom
    for w in words:  # one pass: this runs for every line of every page
        n = len(w.text)
        if parts:
            offset += 1
        word_x.append((offset, n, w.x0, w.x1))
        parts.append(w.text)
        offset += n
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
    return Line(
        text=" ".join(parts),
        page=page,
        bbox=(x0, top, x1, bottom),
        size=max(sizes.items(), key=_COUNT)[0],  # the first of the most frequent, as Counter.most_common
        bold=bold_chars * 2 > chars,
        words=list(words),
        word_x=word_x,
    )


def _cluster_rows(words: list[Word]) -> list[tuple[list[Word], float, float]]:
    """Words into rows: a word joins one of the last rows when it overlaps it by half the
    smaller height (a superscript or a bullet glyph a little off the baseline still joins)."""
    rows: list[tuple[list[Word], float, float]] = []
    for w in sorted(words, key=_TOP_X0):
        wt, wb = w.top, w.bottom
        h = wb - wt if wb - wt > 0.1 else 0.1
        for k in range(len(rows) - 1, max(-1, len(rows) - 3), -1):
            ws, top, bottom = rows[k]
            rh = bottom - top
            if (wb if wb < bottom else bottom) - (wt if wt > top else top) >= 0.5 * (h if h < rh else rh):
                ws.append(w)
                rows[k] = (ws, wt if wt < top else top, wb if wb > bottom else bottom)
                break
        else:
            rows.append(([w], wt, wb))
    return rows


def _lines(words: list[Word], page: int) -> list[Line]:
    """Words of one flow into printed lines. Glyphs much taller than the flow's text (a drop
    cap, a big symbol) are set aside first, so they cannot glue lines together, and then join
    the first line they stand beside."""
    if not words:
        return []
    h0 = statistics.median(w.bottom - w.top for w in words)
    normal = [w for w in words if w.bottom - w.top <= 1.6 * h0]
    tall = [w for w in words if w.bottom - w.top > 1.6 * h0]
    rows = [ws for ws, _, _ in _cluster_rows(normal)]
    spans = [(min(w.top for w in ws), max(w.bottom for w in ws)) for ws in rows]
    for ws, top, bottom in _cluster_rows(tall):
        for k, (t, b) in enumerate(spans):
            if min(b, bottom) - max(t, top) >= 0.5 * (b - t):
                rows[k] += ws
                break
        else:
            rows.append(ws)
    lines = [_make_line(r, page) for r in rows]
    lines.sort(key=lambda ln: (ln.bbox[1], ln.bbox[0]))
    return lines


def _first_token(line: Line) -> str:
    return line.words[0].text if line.words else ""


def _text_start(line: Line) -> float:
    """x where the text after a leading marker starts (the hanging indent)."""
    if len(line.words) >= 2 and is_marker(line.words[0].text):
        return line.words[1].x0
    return line.bbox[0]


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


SPARSE_PAGE = 400  # characters; below this a page's own dominant size says little


def _is_heading(block: Block, meta: _Meta, body: float, body_bold: bool) -> bool:
    """A short block set larger than the body text, or bold where the body is not."""
    n_lines = len(block.lines)
    if len(block.text) > 300 or (is_marker(_first_token(block.lines[0])) and n_lines > 1):
        return False
    if meta.size >= 1.15 * body and n_lines <= 5:
        return True
    return meta.bold and not body_bold and meta.size >= 0.9 * body and n_lines <= 3


def _blocks_from_lines(lines: list[Line], page: int, line_gap: float, column: int) -> list[Block]:
    if not lines:
        return []
    left = min(ln.bbox[0] for ln in lines)
    right = max(ln.bbox[2] for ln in lines)
    blocks: list[list[Line]] = []
    for i, ln in enumerate(lines):
        if not blocks:
            blocks.append([ln])
            continue
        cur = blocks[-1]
        prev = cur[-1]
        size = max(min(prev.size, ln.size), 1.0)
        gap = ln.bbox[1] - prev.bbox[3]
        tok = _first_token(ln)
        new = False
        if gap > line_gap + 0.45 * size:
            new = True
        elif abs(ln.size - prev.size) > 0.1 * max(ln.size, prev.size) or ln.bold != prev.bold:
            new = True
        elif _leaves_hanging_item(cur, ln, size):
            new = True  # back at the marker's edge after a hanging item: a new paragraph
        elif (
            not is_marker(tok)
            and len(cur) >= 1
            and not is_marker(_first_token(cur[0]))
            and abs(prev.bbox[0] - left) < 0.3 * size
            and 0.8 * size <= ln.bbox[0] - left <= 6 * size
            and ends_sentence(prev.text)
        ):
            new = True  # first-line indent after a finished sentence
        else:
            if is_bullet_glyph(tok) and len(ln.words) > 1:
                new = True
            elif NUMBER_MARKER.match(tok) and len(ln.words) > 1:
                head = cur[0]
                head_tok = _first_token(head)
                n, hn = marker_number(tok), marker_number(head_tok)
                nxt = lines[i + 1] if i + 1 < len(lines) else None
                hanging = nxt is not None and abs(nxt.bbox[0] - _text_start(ln)) < 0.3 * size and nxt.bbox[0] > ln.bbox[0] + 0.5 * size
                sequence = n is not None and hn is not None and n == hn + 1
                same_style = hn is None and NUMBER_MARKER.match(head_tok) is not None and is_marker(head_tok) and not is_bullet_glyph(head_tok)
                short_prev = prev.bbox[2] < left + 0.75 * (right - left)
                if sequence or hanging or same_style or short_prev:
                    new = True
        if new:
            blocks.append([ln])
        else:
            cur.append(ln)
    return [_block(b, page, column) for b in blocks]


def _leaves_hanging_item(cur: list[Line], ln: Line, size: float) -> bool:
    """True when `cur` is a list item with a hanging indent (its continuation lines start at
    the text after the marker) and `ln` starts back at the marker's edge without a marker."""
    if len(cur) < 2 or is_marker(_first_token(ln)):
        return False
    head = cur[0]
    if not is_marker(_first_token(head)) or len(head.words) < 2:
        return False
    text_x = _text_start(head)
    if text_x - head.bbox[0] < 0.5 * size:
        return False
    hanging = all(abs(c.bbox[0] - text_x) < 0.3 * size for c in cur[1:])
    return hanging and ln.bbox[0] < text_x - 0.5 * size


def _block(lines: list[Line], page: int, column: int, role: str = "body") -> Block:
    return Block(
        lines=lines,
        page=page,
        bbox=(min(l.bbox[0] for l in lines), min(l.bbox[1] for l in lines), max(l.bbox[2] for l in lines), max(l.bbox[3] for l in lines)),
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
    def __init__(self, page: RawPage, words: list[Word]):
        self.page = page
        self.number = page.number
        self.sizes = _size_counts(words)
        self.chars = sum(self.sizes.values())
        # the body size: the size most characters are set in
        self.em = self.sizes.most_common(1)[0][0] if self.sizes else 10.0
        self.body_bold = sum(len(w.text) for w in words if w.bold) * 2 > sum(len(w.text) for w in words)
        self.line_gap = _line_gap(words, self.em)
        self.row_gap = max(self.line_gap, 0.0) + 0.5 * self.em
        self.out: list[tuple[Block, _Meta]] = []

    def run(self, words: list[Word]) -> list[tuple[Block, _Meta]]:
        boxes, free, pictures = _find_boxes(self.page, words, self.em)
        self.pictures = pictures
        els = [_word_el(w) for w in free] + [_box_el(b) for b in boxes] + pictures
        self._region(els, boxed=None)
        self._captions()
        return self.out

    def _region(self, els: list[_El], boxed: str | None, column: int | None = None) -> None:
        """Lay out a region; inside a box, every block takes the box's own column."""
        for leaf, col in _segment(els, self.em, self.row_gap):
            self._leaf(leaf, col if column is None else column, boxed)

    def _leaf(self, els: list[_El], column: int, boxed: str | None) -> None:
        words = [e.obj for e in els if e.kind == "word"]
        boxes = sorted((e for e in els if e.kind == "box"), key=lambda e: e.top)
        lines = _lines(words, self.number)
        # Interleave lines and boxes by their top.
        i = 0
        for box_el in boxes + [None]:
            limit = box_el.top if box_el is not None else float("inf")
            chunk = []
            while i < len(lines) and lines[i].bbox[1] < limit:
                chunk.append(lines[i])
                i += 1
            for block in _blocks_from_lines(chunk, self.number, self.line_gap, column):
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
        elif _is_heading(block, meta, self.em, self.body_bold):
            block.role = "heading"
        self.out.append((block, meta))

    def _captions(self) -> None:
        if not self.pictures:
            return
        for block, meta in self.out:
            if block.role != "body" or meta.size > 0.92 * self.em or len(block.lines) > 4:
                continue
            x0, top, x1, bottom = block.bbox
            for p in self.pictures:
                overlap = min(x1, p.x1) - max(x0, p.x0)
                if overlap <= 0:
                    continue
                if 0 <= top - p.bottom <= 2.0 * self.em or 0 <= p.top - bottom <= 2.0 * self.em:
                    block.role = "caption"
                    meta.caption = True
                    break


def _dedupe(words: list[Word]) -> list[Word]:
    """Drop empty words and the doubles of fake-bold text (the same word drawn twice)."""
    seen: dict[tuple, Word] = {}
    out = []
    for w in words:
        if not w.text or not w.text.strip():
            continue
        key = (w.text, round(w.x0), round(w.top))
        if key in seen:
            continue
        seen[key] = w
        out.append(w)
    return out


# ---------------------------------------------------------------------------------------------
# Furniture and finishing


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


def _finish(
    pages: list[tuple[int, float, float, list[tuple[Block, _Meta]]]], sizes: Counter[float] | None = None
) -> tuple[list[Block], list[model.Furniture]]:
    # On a sparse page (a cover, a page of pictures) the page's own dominant size may be a
    # heading's: judge its headings against the document's body size instead.
    if sizes:
        doc_body = sizes.most_common(1)[0][0]
        doc_chars = sum(sizes.values())
        for _, _, _, blocks in pages:
            for block, meta in blocks:
                if meta.boxed or meta.caption or meta.page_chars >= SPARSE_PAGE or doc_chars < 2 * SPARSE_PAGE:
                    continue
                block.role = "heading" if _is_heading(block, meta, doc_body, meta.body_bold) else "body"
    # Candidates: lines in the top or bottom band of their page.
    keyed: dict[tuple[str, str], set[int]] = defaultdict(set)
    cands: list[tuple[int, Block, Line, str, str]] = []
    for number, width, height, blocks in pages:
        for block, meta in blocks:
            if meta.boxed == "banner":
                continue
            for line in block.lines:
                x0, top, x1, bottom = line.bbox
                band = "top" if bottom <= TOP_BAND * height else "bottom" if top >= BOTTOM_BAND * height else ""
                if not band:
                    continue
                key = _norm(line.text)
                keyed[(band, key)].add(number)
                cands.append((number, block, line, band, key))
    text_pages = sum(1 for _, _, _, b in pages if b)
    need = 2 if text_pages <= 10 else 3  # pages a line must repeat on to be furniture
    furniture: list[model.Furniture] = []
    removed: set[int] = set()
    for number, block, line, band, key in cands:
        repeated = len(keyed[(band, key)]) >= need
        pagenum = bool(PAGE_NUMBER.match(line.text.strip()))
        if not (repeated or pagenum):
            continue
        role = "page_number" if pagenum else ("header" if band == "top" else "footer")
        furniture.append(model.Furniture(page=number, text=line.text, bbox=[round(v, 2) for v in line.bbox], role=role))
        removed.add(id(line))
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


def layout_page(page: RawPage, sizes: Counter[float] | None = None) -> list[tuple[Block, _Meta]]:
    """One page's blocks in reading order (roles provisional until `_finish`); adds the
    page's character counts per font size to `sizes`."""
    words = _dedupe(page.words)
    if not words:
        return []
    pl = _PageLayout(page, words)
    if sizes is not None:
        sizes.update(pl.sizes)
    return pl.run(words)


def layout_pages(pages: Iterable[RawPage]) -> PdfLayout:
    """Lay out every page (consumed one at a time; only lines and blocks are kept) and return
    the blocks of the whole document in reading order, the furniture and the warnings."""
    result = PdfLayout()
    kept: list[tuple[int, float, float, list[tuple[Block, _Meta]]]] = []
    sizes: Counter[float] = Counter()
    for page in pages:
        result.pages += 1
        blocks = layout_page(page, sizes)
        if not blocks:
            result.warnings.append(
                model.Warning(
                    code="no_text_layer",
                    message=f"page {page.number} has no text layer (a scanned or image-only page); its content is missing",
                    page=page.number,
                )
            )
        kept.append((page.number, page.width, page.height, blocks))
    result.blocks, result.furniture = _finish(kept, sizes)
    return result
