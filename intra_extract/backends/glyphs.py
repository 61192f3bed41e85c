"""What both PDF backends decide the same way about the characters of a text layer: which
code points stand for no character (and become U+FFFD), and when two runs of different
size or font on one baseline are one word (small caps, a drop letter)."""

from __future__ import annotations

import re
from itertools import count
from typing import Callable

REPLACEMENT = "\ufffd"
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}  # pdfplumber's
# C0 and DEL other than tab and line breaks (a glyph with no Unicode map, passed on as its
# code), lone UTF-16 halves, and pdfminer's "(cid:N)" for a glyph it cannot map.
_UNMAPPED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\(cid:\d+\)")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Word gap: a gap over this share of the font size between two runs ends a word (pdfplumber's
# `x_tolerance_ratio`); under it, and on one baseline, the runs make one word.
WORD_GAP = 0.15
# A space PDFium inferred counts only where the letters on either side are apart by more than
# this share of the size (in mirrored text it infers one between touching letters).
SPACE_GAP = 0.05
# Two runs are on one baseline when their bottoms differ by less than this share of the size
# (a superscript mark sits higher: it stays a word of its own).
BASELINE_SLACK = 0.25
# ... and when the second starts inside the first's last glyph, by less than this.
OVERLAP_SLACK = 0.1
# A glyph drawn again within this share of its size of where the same glyph was drawn is
# a double (fake bold: a line drawn twice or four times a fraction of a point apart).
OVERPRINT = 0.1
# How far back (characters) a double looks for the glyph it doubles on its own line.
OVERPRINT_WINDOW = 500
_DOUBLED = re.compile(r"(\S)(?=\1)")
_START = re.Match.start


def overprinted(text: str, xs: list[float], ys: list[float], size: Callable[[int], float]) -> list[int]:
    """The characters (indices into `text`, in content order) that repeat a glyph drawn
    before at nearly the same place: the doubles of fake-bold text, to be dropped by name so
    that the text is read once and not interleaved ("AANNHHUUII"). `xs`, `ys` are where
    each character stands (any one frame), `size(k)` its size.

    A run of doubles starts where the text steps back (a line or a run drawn again) or
    repeats the glyph just before a little off (each glyph drawn twice), and goes on as long as it
    repeats, glyph for glyph (white space aside), the run it doubles. Only those places are looked at: a step
    back is compared with the earlier step backs (a page or a block drawn twice starts its
    lines where the first drawing did) and, on its own line, with the glyphs before it."""
    m = len(text)
    if not m:
        return []
    # (a step back of less than a glyph's size is right-to-left text or a mark set over a
    # letter: no run drawn again)
    backs = [k for k, x, px in zip(count(1), xs[1:], xs) if x < px]
    backs = [k for k in backs if xs[k - 1] - xs[k] > size(k)]
    # (a letter repeated at the very same origin is a ligature's, "ff" given as two: kept)
    pairs: list[tuple[int, int]] = [
        (k + 1, k) for k in map(_START, _DOUBLED.finditer(text)) if xs[k + 1] != xs[k] or ys[k + 1] != ys[k]
    ]
    line_starts: dict[tuple[str, int, int], list[int]] = {}
    for k in [0, *backs]:
        ch = text[k]
        if ch.isspace():
            continue
        gx, gy = round(xs[k]), round(ys[k])
        j = next((i for dx in (-1, 0, 1) for dy in (-1, 0, 1) for i in line_starts.get((ch, gx + dx, gy + dy), ())
                  if _near(xs, ys, size, i, k)), -1)
        if j < 0 and k and abs(ys[k] - ys[k - 1]) < size(k):
            j = _doubled(text, xs, ys, size, k)
        if j >= 0:
            pairs.append((k, j))
        line_starts.setdefault((ch, gx, gy), []).append(k)
    doubles: list[int] = []
    done = 0  # characters before this are settled
    for k, j in sorted(pairs):
        if k < done:
            continue
        a, b = k, j  # the double and the glyph it doubles; white space may differ in both
        while a < m and b < k:
            if text[a].isspace():
                a += 1
            elif text[b].isspace():
                b += 1
            elif text[a] == text[b] and _near(xs, ys, size, b, a):
                doubles.append(a)
                a += 1
                b += 1
            else:
                break
        done = a
    return doubles


def _near(xs: list[float], ys: list[float], size: Callable[[int], float], j: int, k: int) -> bool:
    tol = OVERPRINT * size(k)
    return abs(xs[j] - xs[k]) <= tol and abs(ys[j] - ys[k]) <= tol


def _doubled(text: str, xs: list[float], ys: list[float], size: Callable[[int], float], k: int) -> int:
    """The last character before k on its line that is the same glyph at nearly the same
    place, or -1."""
    ch = text[k]
    lo = max(0, k - OVERPRINT_WINDOW)
    j = text.rfind(ch, lo, k)
    while j >= 0:
        if _near(xs, ys, size, j, k):
            return j
        j = text.rfind(ch, lo, j)
    return -1


def unmapped(text: str) -> bool:
    return _UNMAPPED.search(text) is not None or _SURROGATE.search(text) is not None


def replace_unmapped(text: str) -> tuple[str, int]:
    """`text` with each glyph that has no Unicode as U+FFFD, and how many there were."""
    return _UNMAPPED.subn(REPLACEMENT, text)


def join_surrogates(chars: list[str]) -> tuple[list[int], int]:
    """Join UTF-16 halves that PDFium gives as two characters, in place: the pair goes to
    the first, the second is to be dropped. Returns the indices to drop, and how many
    unpaired halves became U+FFFD."""
    halves: list[int] = []
    lone = 0
    n = len(chars)
    i = 0
    while i < n:
        ch = chars[i]
        if "\ud800" <= ch <= "\udbff" and i + 1 < n and "\udc00" <= chars[i + 1] <= "\udfff":
            chars[i] = (ch + chars[i + 1]).encode("utf-16-le", "surrogatepass").decode("utf-16-le")
            halves.append(i + 1)
            i += 2
            continue
        if "\ud800" <= ch <= "\udfff":
            chars[i] = REPLACEMENT
            lone += 1
        i += 1
    return halves, lone


def continues_word(
    plast: float, px1: float, pbottom: float, psize: float, x0: float, bottom: float, size: float
) -> bool:
    """Whether a character (or word) at x0 goes on the word that ends at px1 (its last
    glyph starting at plast) on the line, across a change of font or size: no gap to speak
    of, and the same baseline. It may start inside the last glyph, past that glyph's start
    (kerning across a change of font, "Red" in one font and "Arial" in the next; the wide
    boxes of an OCR layer's glyphs), but not behind it, and then only on that glyph's very
    baseline (text set at an angle steps its baseline at every glyph)."""
    big = max(psize, size)
    drop = abs(bottom - pbottom)
    if x0 < px1 - 0.5:
        return plast < x0 and drop <= OVERLAP_SLACK * big
    return x0 <= px1 + WORD_GAP * big and drop <= BASELINE_SLACK * big


# A footnote mark or an exponent: digits set smaller and raised off the baseline, right after
# a word ("Extremadura⁴", "2019¹²", "m²"). The text layer has the mark joined to its word;
# kept as its own word, it reads as a number of the text ("Extremadura 4"), and joined in
# plain digits it would change the word ("20194"). So it joins its word in Unicode's
# superscript digits: the word as the text layer spells it (the same under NFKC), and the
# finders of regions and dates still see "Extremadura" and "2019".
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
MARK_SIZE = 0.8  # a mark is set at most this share of its word's size
_MARK = re.compile(r"[0-9]{1,3}")


def raised_mark(mark: str, size: float, bottom: float, word_size: float, word_top: float, word_bottom: float) -> bool:
    """Whether `mark` (text, size, bottom) after a word (size, top, bottom) is a raised mark
    (see SUPERSCRIPT): 1-3 digits, at most MARK_SIZE of the word's size, its bottom raised off
    the word's baseline by more than BASELINE_SLACK of the word's size but not above its top."""
    return (size <= MARK_SIZE * word_size and word_top < bottom < word_bottom - BASELINE_SLACK * word_size
            and _MARK.fullmatch(mark) is not None)


def raised_marks(words: list) -> list:
    """`words` (state.Word) with each raised mark joined to the word it follows, where a text
    layer has no spaces to tell (pdfminer's): one that starts where the word ends (within
    WORD_GAP of its size; or OVERLAP_SLACK inside it). The pdfium backend joins them as its
    text layer spells them (pdfium._mark_runs)."""
    marks = [w for w in words if _MARK.fullmatch(w.text)]
    if not marks:
        return words
    by_end: dict[int, list] = {}  # words by the point their box ends at
    for w in words:
        by_end.setdefault(int(w.x1), []).append(w)
    joined: set[int] = set()
    for m in sorted(marks, key=lambda w: w.x0):
        best, gap = None, 0.0
        for end in range(int(m.x0) - 2, int(m.x0) + 2):
            for w in by_end.get(end, ()):
                d = m.x0 - w.x1
                if (w is not m and id(w) not in joined
                        and w.bottom - w.top < 2 * w.size  # one line of upright text, not turned text
                        and -OVERLAP_SLACK * w.size <= d <= WORD_GAP * w.size
                        and raised_mark(m.text, m.size, m.bottom, w.size, w.top, w.bottom)
                        and (best is None or abs(d) < gap)):
                    best, gap = w, abs(d)
        if best is not None:
            best.text += m.text.translate(SUPERSCRIPT)
            best.x1 = max(best.x1, m.x1)
            best.top = min(best.top, m.top)
            by_end.setdefault(int(best.x1), []).append(best)  # a second mark after this one
            joined.add(id(m))
    return [w for w in words if id(w) not in joined] if joined else words


def flow_words(chars: list[tuple]) -> list[list[tuple]]:
    """Turned text (rotated, upside down, mirrored) as words, in the order the content draws
    it, which is the order it is read in: a line sorted by position would read it backwards
    or a letter at a time. `chars` are (text, x0, top, x1, bottom, ..., after an inferred
    space) tuples; a word ends at white space, where the next box is more than WORD_GAP of
    a letter's extent away from the word's box, and at an inferred space where the letters
    do not touch."""
    words: list[list[tuple]] = []
    current: list[tuple] = []
    x0 = top = x1 = bottom = extent = 0.0
    for ch in chars:
        if ch[0].isspace():
            if current:
                words.append(current)
                current = []
            continue
        if current:
            gap = max(ch[1] - x1, x0 - ch[3], ch[2] - bottom, top - ch[4], 0.0)
            if gap > WORD_GAP * extent or (ch[-1] and gap > SPACE_GAP * extent):
                words.append(current)
                current = []
        if current:
            x0, top, x1, bottom = min(x0, ch[1]), min(top, ch[2]), max(x1, ch[3]), max(bottom, ch[4])
            extent = max(extent, ch[3] - ch[1], ch[4] - ch[2])
        else:
            x0, top, x1, bottom = ch[1], ch[2], ch[3], ch[4]
            extent = max(x1 - x0, bottom - top)
        current.append(ch)
    if current:
        words.append(current)
    return words
