"""PDF backend on pypdfium2 (PDFium): the same `RawPage`s as the pdfplumber backend, faster.

Per page: the words with their boxes, font size, font name and weight, and the drawn
rectangles and pictures. Like `pdf_plumber`, it builds no structure.

How it matches pdfplumber (`extract_words(extra_attrs=["size", "fontname"])`):

* Characters come from PDFium's text page through the raw API: per character its text
  object, origin and loose box (three C calls, through lean ctypes prototypes, made for
  all characters at once by map() into buffers kept from page to page); whatever a whole
  text object shares (font, size, matrix) is read once per object and worked out once
  per distinct (matrix, size, font, baseline), which the words of a line share; a
  character's advance width once per font and character. Characters PDFium makes up (the
  spaces and line breaks it infers, "generated") are not characters of the page, but each
  ends a word. Surrogate halves are joined, glyphs without Unicode become U+FFFD (glyphs.py).
  The characters are then held column by column (x0s, tops, ...), not one tuple each.
* Words: pdfplumber's WordExtractor re-implemented on those characters, with the words as
  the text layer spells them (issue #14): runs of characters with the same (upright, size,
  font) in content order, each run clustered into lines by `top` (tolerance 3), sorted by
  `x0`, split at whitespace (the page's own, and where PDFium inferred a space: it allows
  for the font and the character spacing, so tight justified text and author lists split
  and letter-spaced headings do not), at gaps over the font size, and at line changes; a
  word goes on across a change of run on one baseline (small caps). Ligatures (U+FB00..)
  expanded. Turned text (rotated, upside down, mirrored) is read in content order
  (glyphs.flow_words). The size is computed the way pdfminer computes it (the
  height of its box, with the same rounding noise), so runs, and with them the order of
  the words, come out as pdfplumber's. Where a line is one stretch of the page (or a few)
  already in `x0` order, as is usual, sorting would change nothing: those words are cut
  out of the page's columns in one go; the rest goes the general way, character tuples.
* Boxes follow pdfminer's convention, not the glyph outline: horizontally the advance
  (origin to origin + width from the font's widths), vertically from the font descent
  below the baseline up one font size. The descent is the font descriptor's, as for
  pdfminer; for the standard 14 fonts (not embedded) pdfminer takes the Adobe metrics,
  and so does the table below. PDFium's loose box (the glyph outline unioned with
  [advance] x [descent, ascent]) is only the fall-back for an advance PDFium cannot tell.
  Remaining differences: PDFium computes in 32-bit floats and keeps integer glyph widths,
  so x drifts by up to ~0.01pt per character from the start of a line where a font has
  fractional /Widths (up to ~0.5pt at the end of a long TeX line); a gap of 3.00pt may
  then fall on the other side of pdfplumber's 3pt tolerance. Elsewhere boxes agree to
  ~1e-4pt.
* Coordinates: pdfplumber's (points, origin top-left, `/Rotate` applied the way pdfminer
  applies it, and pdfplumber's offset for a MediaBox that does not start at 0,0).
* Rectangles: like pdfminer's LTRect, a painted (filled or stroked) subpath of four
  axis-aligned straight sides, also inside form XObjects; images: every image object,
  box of its placement. Both as `Rect(kind="rect" | "image")`, rects first.

Known differences from the pdfplumber backend: pdfminer infers no spaces, so that backend
splits words at a gap over WORD_GAP of the size and joins letter-spaced runs by their even
gaps (pdf_plumber._join_letter_spacing): where PDFium infers a space at a gap under that, or
none at a gap over it, the words differ. `Word.font` lacks the subset tag
("ABCDEF+") that pdfplumber keeps (PDFium strips it); runs are split by font object, not
font name; a font whose name says nothing about its weight ("F1", "NimbusRomNo9L-Medi")
counts as bold when PDFium reports a weight of 700 or more (pdfplumber's backend looks at
the name only); a hyphen PDFium takes for a line-break hyphen comes out as "-" even where
the PDF has a soft hyphen (U+00AD); PDFium drops a text object drawn twice on the same
spot (fake bold), pdfminer keeps both; a glyph without Unicode comes out as PDFium maps it,
not as "(cid:N)"; a rectangle with a negative width or height gets a normal box (pdfplumber
keeps top > bottom).

PDFium is not thread-safe: use this backend from one thread at a time per process.
"""

from __future__ import annotations

import ctypes
import functools
import re
import struct
from bisect import bisect_left, bisect_right
from collections import deque
from itertools import compress, count, islice, repeat
from operator import add, eq, gt, is_not, itemgetter, ne, not_, truth
from typing import Callable, Iterator, NamedTuple

from ..errors import InputError
from ..state import DUPLICATE_GLYPH, RawPage, Rect, Word
from .glyphs import (
    LIGATURES,
    SPACE_GAP,
    continues_word,
    flow_words,
    join_surrogates,
    overprinted,
    SUPERSCRIPT,
    raised_mark,
    replace_unmapped,
    unmapped,
)
from .pdf_plumber import is_bold

X_TOLERANCE = 3.0  # pdfplumber's defaults
Y_TOLERANCE = 3.0

# Descent (per 1000) pdfminer uses for fonts it finds in its built-in Adobe metrics,
# looked up by the exact BaseFont name (pdfminer.fontmetrics.FONT_METRICS).
_AFM_DESCENT = {
    **dict.fromkeys(("Courier", "Courier-Bold", "Courier-BoldOblique", "Courier-Oblique"), -194.0),
    **dict.fromkeys(("CourierNew", "CourierNew,Italic", "CourierNew,Bold", "CourierNew,BoldItalic"), -194.0),
    **dict.fromkeys(("Helvetica", "Helvetica-Bold", "Helvetica-BoldOblique", "Helvetica-Oblique"), -207.0),
    **dict.fromkeys(("Arial", "Arial,Italic", "Arial,Bold", "Arial,BoldItalic"), -207.0),
    **dict.fromkeys(("Times-Roman", "Times-Bold", "Times-BoldItalic", "Times-Italic"), -217.0),
    **dict.fromkeys(
        ("TimesNewRoman", "TimesNewRoman,Italic", "TimesNewRoman,Bold", "TimesNewRoman,BoldItalic"), -217.0
    ),
    "Symbol": 0.0,
    "ZapfDingbats": 0.0,
}
# A font name that states a weight; only names without one are judged by PDFium's weight.
_WEIGHT_WORD = re.compile(r"bold|black|heavy|semibold|demi|regular|book|light|thin|medium|roman|normal|plain", re.I)
BOLD_WEIGHT = 700
MAX_PATH_SEGMENTS = 20000  # bigger paths (maps, vector art) are not searched for rectangles
MAX_KEPT_BUFFER = 20000  # characters (runs): result buffers up to this size are kept between pages
# Result buffers (see _ResultBuffers): per character its origin (x, y: doubles, at 0 and
# 8 of 16 bytes) and loose box (FS_RECTF: 16 bytes); per run its matrix (FS_MATRIX: 24
# bytes).
_CHAR_BUFFERS = ("chars", ((16, (0, 8)), (16, (0,))))
_RUN_BUFFERS = ("runs", ((24, (0,)),))
_GENERATED = frozenset(" \r\n")  # what PDFium inserts between words and lines
_GENERATED_RE = re.compile(f"[{re.escape(''.join(sorted(_GENERATED)))}]")
_SPACE_CODES = frozenset(map(ord, _GENERATED))
_START = re.Match.start
_ABCD = struct.Struct("4f")  # a, b, c, d of an FS_MATRIX
_IDENTITY = _ABCD.pack(1.0, 0.0, 0.0, 1.0)
_drain = deque(maxlen=0).extend  # runs an iterator to its end
_HYPHEN_MARKS = frozenset("\x02\ufffe")
_F32 = struct.Struct("f")

# pdfminer's page rotation matrices (2x2 part of the CTM it starts a page with).
_ROTATE = {0: (1, 0, 0, 1), 90: (0, -1, 1, 0), 180: (-1, 0, 0, -1), 270: (0, 1, -1, 0)}


def open_pdf(path: str, password: str | None = None, pages: range | None = None) -> tuple[int, Iterator[RawPage]]:
    """Open a PDF and return its page count and an iterator over its pages (those of `pages`,
    0-based indices, when given: a long document's share of one worker).

    Each page is loaded, read and closed before the next, so memory stays flat; the
    document closes when the iterator is exhausted or dropped.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(path, password=password or None)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise InputError(
                "encrypted",
                "the PDF is encrypted and the password is missing or wrong (give one with --password)",
            ) from None
        if code == pdfium_c.FPDF_ERR_SUCCESS:  # opened, but has no pages
            return 0, iter(())
        if code == pdfium_c.FPDF_ERR_FILE:
            raise InputError("unreadable", f"the PDF cannot be opened: {exc}") from None
        raise InputError("corrupt", f"the PDF cannot be parsed: {exc}") from None
    except OSError as exc:
        raise InputError("unreadable", f"the PDF cannot be opened: {type(exc).__name__}: {exc}") from None
    n_pages = len(pdf)
    return n_pages, _pages(pdf, range(n_pages) if pages is None else pages)


def _pages(pdf, indices: range) -> Iterator[RawPage]:
    reader = _Reader()
    try:
        for index in indices:
            yield reader.read_page(pdf, index)
    finally:
        pdf.close()


def _at(address: int):
    """A pointer argument for C: a byref() to a view at `address`. ctypes passes such an
    argument as it is, where a c_void_p costs a conversion (and an allocation) per call."""
    return ctypes.byref(ctypes.c_char.from_address(address))


def _proto(fn, restype, *argtypes):
    """A ctypes prototype over a PDFium function; fewer conversions than pypdfium2's own
    binding (with no argtypes, ints go as C int and ctypes objects as themselves). A
    PYFUNCTYPE one: it keeps the GIL instead of letting it go and taking it back on every
    call (these calls are short, and PDFium is used from one thread anyway)."""
    return ctypes.PYFUNCTYPE(restype, *argtypes)(ctypes.cast(fn, ctypes.c_void_p).value)


def _compact(keep: bytearray, text: str, objs: list) -> tuple[list[int], str, list]:
    """The characters marked in `keep` (mostly all but a few), cut out stretch by stretch:
    their indices, text and objects."""
    n = len(keep)
    stretches = []
    a = 0
    b = keep.find(0)
    while b >= 0:
        if b > a:
            stretches.append((a, b))
        a = b + 1
        b = keep.find(0, a)
    if a < n:
        stretches.append((a, n))
    kept: list[int] = []
    kept_objs: list = []
    for a, b in stretches:
        kept += range(a, b)
        kept_objs += objs[a:b]
    return kept, "".join([text[a:b] for a, b in stretches]), kept_objs


class _TextCalls:
    """The C prototypes a _Reader calls, as attributes (see _proto)."""

    __slots__ = (
        "get_text_object", "get_loose_box", "get_origin", "get_unicode", "is_generated", "is_hyphen", "get_matrix",
        "get_font_size", "obj_get_font", "obj_font_size", "font_name", "font_descent", "font_ascent",
        "font_embedded", "font_weight", "glyph_width",
    )

    def __init__(self, c):
        vp, f = ctypes.c_void_p, ctypes.c_float
        # Hot per-character calls: no argtypes (the text page goes as _at(), ints as C int).
        self.get_text_object = _proto(c.FPDFText_GetTextObject, vp)
        self.get_loose_box = _proto(c.FPDFText_GetLooseCharBox, None)  # (the result is not looked at)
        self.get_origin = _proto(c.FPDFText_GetCharOrigin, None)
        self.get_unicode = _proto(c.FPDFText_GetUnicode, ctypes.c_uint)
        self.is_generated = _proto(c.FPDFText_IsGenerated, ctypes.c_int)
        self.is_hyphen = _proto(c.FPDFText_IsHyphen, ctypes.c_int)
        self.get_matrix = _proto(c.FPDFText_GetMatrix, ctypes.c_int)
        self.get_font_size = _proto(c.FPDFText_GetFontSize, ctypes.c_double)
        # Per object and per font; pointers as plain ints.
        self.obj_get_font = _proto(c.FPDFTextObj_GetFont, vp, vp)
        self.obj_font_size = _proto(c.FPDFTextObj_GetFontSize, ctypes.c_int, vp, vp)
        self.font_name = _proto(c.FPDFFont_GetBaseFontName, ctypes.c_size_t, vp, ctypes.c_char_p, ctypes.c_size_t)
        self.font_descent = _proto(c.FPDFFont_GetDescent, ctypes.c_int, vp, f, vp)
        self.font_ascent = _proto(c.FPDFFont_GetAscent, ctypes.c_int, vp, f, vp)
        self.font_embedded = _proto(c.FPDFFont_GetIsEmbedded, ctypes.c_int, vp)
        self.font_weight = _proto(c.FPDFFont_GetWeight, ctypes.c_int, vp)
        self.glyph_width = _proto(c.FPDFFont_GetGlyphWidth, ctypes.c_int, vp, ctypes.c_uint32, f, vp)


class _ResultBuffers:
    """Zeroed result buffers for the per-character and per-run C calls, and byref()s to
    each one's place in them, kept for the next page and document up to a size: making the
    byref()s costs about as much as the calls that use them. One per process (see _native),
    like PDFium itself used from one thread."""

    def __init__(self):
        self.kept: dict[str, tuple[int, tuple]] = {}  # kind -> (capacity, buffers and byref()s)

    def get(self, kind: tuple[str, tuple[int, ...]], n: int) -> tuple:
        """(buffer, ..., byrefs, ...) for `n` characters or runs."""
        name, parts = kind
        capacity, refs = self.kept.get(name, (0, ()))
        if n <= capacity:
            for buffer, (size, _) in zip(refs, parts):
                ctypes.memset(buffer, 0, size * n)
            return refs
        capacity = n if n > MAX_KEPT_BUFFER else min(max(n, 2 * capacity, 1024), MAX_KEPT_BUFFER)
        byref = ctypes.byref
        buffers = [(ctypes.c_char * (size * capacity))() for size, _ in parts]
        refs = (
            *buffers,
            *(
                list(map(byref, repeat(buffer), range(offset, size * capacity, size)))
                for buffer, (size, offsets) in zip(buffers, parts)
                for offset in offsets
            ),
        )
        if capacity <= MAX_KEPT_BUFFER:
            self.kept[name] = (capacity, refs)
        return refs


@functools.cache
def _native() -> tuple[_TextCalls, "_Shapes", _ResultBuffers]:
    """The prototypes (made once per process: each PYFUNCTYPE is a class) and the result
    buffers."""
    import pypdfium2.raw as c

    return _TextCalls(c), _Shapes(c), _ResultBuffers()


class _Font(NamedTuple):
    """A font as the words need it; metrics per 1 of the size."""

    name: str
    bold: bool
    descent: float  # PDFium's
    ascent: float  # PDFium's
    descent_pdfminer: float  # the descriptor's, turned negative, or the Adobe metrics'


class _Style(NamedTuple):
    """What every character of a text object shares, for boxes off the fast path."""

    font: int  # PDFium's handle
    name: str
    bold: bool
    size: float  # the font size, as the content stream writes it
    descent: float
    ascent: float
    descent_pdfminer: float
    abcd: tuple[float, float, float, float]  # the character matrix (text space to user space)
    upright: bool


class _Key(NamedTuple):
    """How pdfplumber's extra_attrs group characters; also what a Word takes of them."""

    upright: bool
    size: float
    font: int
    name: str
    bold: bool
    rounded: float  # the size as a Word gives it


class _Shared(NamedTuple):
    """The part of a text object's _Run that does not depend on its baseline (kept per page
    by matrix, size and font)."""

    fast: bool  # upright on an unrotated page, no skew: boxes from the origin, column by column
    upright: bool
    name: str
    bold: bool
    size: float
    d: float  # the matrix's d
    descent: float  # pdfminer's, in text space
    yk: float  # the descent below the baseline, in points (negative)
    height: float
    xscale: float  # a width per 1000 to points
    level_size: float | None  # off the fast path, horizontal in pdfminer's frame: the size
    style: _Style
    width: Callable[[int], float]  # a character's advance per 1000


class _Run(NamedTuple):
    """What every character of one text object shares (see _Reader._object)."""

    top_of: float | None  # on the fast path, the page's top offset (top = top_of - y); else None
    key: _Key | None  # None where the size is each character's (rotated text)
    yk: float
    height: float
    xscale: float
    style: _Style
    width: Callable[[int], float]


class _Layer(NamedTuple):
    """The characters of a page's text layer that are read (see _Reader._layer)."""

    text: str  # one character per kept index
    kept: range | list[int]  # PDFium's index of each
    objs: list  # the text object of each
    codes: list[int]  # the code point of each
    breaks: list[int]  # kept indices after a space or line break PDFium inferred (ascending)
    hard_breaks: set[int]  # of those, after a line break
    chars: int  # characters of the text layer (RawPage.layer_chars)
    dropped: dict[str, int]
    replaced: int


class _Origins(NamedTuple):
    """Where each kept character stands: origin x and y, PDFium's loose boxes (left, top,
    right, bottom, floats, flat) and their right edges."""

    xs: list[float]
    ys: list[float]
    box: memoryview
    rights: list[float]


class PageText(NamedTuple):
    """The words of a page's text layer, and its bookkeeping (see RawPage)."""

    words: list[Word]
    chars: int
    dropped: dict[str, int]
    replaced: int


class _Reader:
    """Holds the C prototypes and the buffers and caches used on every page of a document."""

    def __init__(self):
        import pypdfium2.raw as c

        self.c = c
        self.calls, self.shapes, self.buffers = _native()
        # Per page: font handles are PDFium's and may be freed with the page.
        self.fonts: dict[int, _Font] = {}
        self.widths: dict[int, Callable[[int], float]] = {}  # per font: width of a code point
        self.name_buf = ctypes.create_string_buffer(512)
        self.float_buf = ctypes.c_float()
        self.float_ref = ctypes.byref(self.float_buf)
        self.common: dict[tuple, _Shared] = {}  # see _object

    # -- page ---------------------------------------------------------------------------

    def read_page(self, pdf, index: int) -> RawPage:
        c = self.c
        self.fonts.clear()
        self.widths.clear()
        self.common.clear()
        page = c.FPDF_LoadPage(pdf.raw, index)
        if not page:
            raise InputError("corrupt", f"the PDF cannot be parsed: page {index + 1} does not load")
        try:
            box = _media_box(c, page)
            if box is None:
                # The MediaBox is inherited and the page has its own CropBox: PDFium only
                # tells their intersection. Widen the CropBox (in memory; nothing is saved)
                # and load the page again, so that PDFium's page box is the MediaBox.
                c.FPDFPage_SetCropBox(page, -1e7, -1e7, 1e7, 1e7)
                c.FPDF_ClosePage(page)
                page = c.FPDF_LoadPage(pdf.raw, index)
                if not page:
                    raise InputError("corrupt", f"the PDF cannot be parsed: page {index + 1} does not load")
                box = _page_box(c, page)
            geo = _Geometry(c, page, box)
            textpage = c.FPDFText_LoadPage(page)
            if not textpage:
                raise InputError("corrupt", f"the PDF cannot be parsed: no text on page {index + 1}")
            try:
                layer = self.words(textpage, geo)
            finally:
                c.FPDFText_ClosePage(textpage)
            rects: list[Rect] = []
            images: list[Rect] = []
            _collect_shapes(self.shapes, page, geo, rects, images)
        finally:
            c.FPDF_ClosePage(page)
        return RawPage(
            number=index + 1, width=geo.width, height=geo.height, words=layer.words, rects=rects + images,
            layer_chars=layer.chars, dropped=layer.dropped, replaced=layer.replaced,
        )

    # -- characters ---------------------------------------------------------------------

    def words(self, textpage, geo: "_Geometry") -> "PageText":
        """The page's words and bookkeeping, step by step: the text layer's characters
        (_layer), where each stands (_origins), what the characters of each text object
        share (_runs), each character's box and key column by column (_columns), then the
        words (_extract_words)."""
        n = self.c.FPDFText_CountChars(textpage)
        if n <= 0:
            return PageText([], 0, {}, 0)
        tp = _at(ctypes.cast(textpage, ctypes.c_void_p).value)
        layer = self._layer(textpage, tp, n)
        if not layer.text:
            return PageText([], layer.chars, layer.dropped, layer.replaced)
        where = self._origins(tp, layer)
        box = where.box
        doubles = overprinted(layer.text, where.xs, where.ys, lambda k: box[4 * k + 1] - box[4 * k + 3])
        if doubles:  # fake bold: read the page again without the doubles (rare)
            layer = self._layer(textpage, tp, n, [layer.kept[k] for k in doubles])
            where = self._origins(tp, layer)
        starts, infos, together = self._runs(tp, geo, layer, where.ys)
        x1s, tops, bottoms, keys, runs, changes = _columns(layer, geo, where, starts, infos, together)
        words = _extract_words(layer.text, where.xs, tops, x1s, bottoms, keys, runs, changes, layer.breaks,
                               layer.hard_breaks)
        return PageText(words, layer.chars, layer.dropped, layer.replaced)

    def _layer(self, textpage, tp, n: int, doubles: list[int] | None = None) -> "_Layer":
        """The characters of the text layer that are the page's, in PDFium's order (`kept`
        numbers them from here on), their text objects, where PDFium inferred a space or a
        line break, and what is left out and why (`doubles`: PDFium's indices of the doubles
        of fake-bold text, see glyphs.overprinted)."""
        text = self._text(textpage, tp, n)
        halves: list[int] = []
        replaced = 0
        if unmapped(text):  # one character per index stays so: pairs go to their first half
            chars = list(text)
            halves, replaced = join_surrogates(chars)
            text, unmapped_count = replace_unmapped("".join(chars))
            replaced += unmapped_count

        # The C calls go for all characters (or runs) at once, driven by map(): no Python
        # code runs between them.
        objs = list(map(self.calls.get_text_object, repeat(tp, n), range(n)))
        keep = bytearray(map(truth, objs))  # characters kept: with an object (None is NULL), not generated
        dropped: dict[str, int] = {}
        # Spaces and line breaks PDFium inferred (with no text object, or marked generated):
        # not characters of the page, but each ends a word.
        spaces = list(map(_START, _GENERATED_RE.finditer(text)))
        generated = [i for i in spaces if not keep[i]]
        no_object = keep.count(0) - len(generated)  # any other character without an object is a drop
        if no_object:
            dropped["no_object"] = no_object
        kept_spaces = [i for i in spaces if keep[i]]
        for i, g in zip(kept_spaces, map(self.calls.is_generated, repeat(tp), kept_spaces)):
            if g:
                keep[i] = 0
                generated.append(i)
        generated.sort()
        line_ends = [i for i in generated if text[i] != " "]  # an inferred line break ends a word, touching or not
        for i in halves:
            keep[i] = 0
        if halves:
            dropped["surrogate_half"] = len(halves)
        if doubles:
            for i in doubles:
                keep[i] = 0
            dropped[DUPLICATE_GLYPH] = len(doubles)
        m = keep.count(1)
        if not m:
            return _Layer("", range(0), [], [], [], set(), sum(dropped.values()), dropped, replaced)
        kept: range | list[int] = range(n)
        if m < n:
            kept, text, objs = _compact(keep, text, objs)
        # Where PDFium inferred a space, in `kept` order: the start of a word.
        breaks = sorted({b for b in map(bisect_left, repeat(kept), generated) if b < m}) if generated else []
        hard_breaks = {b for b in map(bisect_left, repeat(kept), line_ends) if b < m}
        # (white space is mostly " ": counted apart, which is quicker than a regex match each)
        layer_chars = m - text.count(" ") - len(_OTHER_SPACE_RE.findall(text)) + sum(dropped.values())
        # Code points as ints: an int is quicker to look up than a one-character string.
        codes = memoryview(text.encode("utf-32-le", "surrogatepass")).cast("I").tolist()
        return _Layer(text, kept, objs, codes, breaks, hard_breaks, layer_chars, dropped, replaced)

    def _origins(self, tp, layer: "_Layer") -> "_Origins":
        """Each character's origin and loose box (C calls for all characters at once)."""
        m = len(layer.text)
        kept = layer.kept
        origins, boxes, at_x, at_y, at_box = self.buffers.get(_CHAR_BUFFERS, m)
        _drain(map(self.calls.get_origin, repeat(tp), kept, at_x, at_y))
        # Also for spaces, which need no box; the slow path below gives them none, as before.
        _drain(map(self.calls.get_loose_box, repeat(tp), kept, at_box))
        org = memoryview(origins).cast("B").cast("d")
        xs = org[0 : 2 * m : 2].tolist()
        ys = org[1 : 2 * m : 2].tolist()
        box = memoryview(boxes).cast("B").cast("f")  # left, top, right, bottom
        rights = box[2 : 4 * m : 4].tolist()
        return _Origins(xs, ys, box, rights)

    def _runs(self, tp, geo: "_Geometry", layer: "_Layer", ys: list[float]) -> tuple[list[int], list[_Run], list[int]]:
        """The runs (stretches of characters of one text object): where each starts, what
        its characters share, and where a run starts that does not share all that with
        the one before (the words of a line share it: they are taken together)."""
        kept, objs = layer.kept, layer.objs
        m = len(layer.text)
        # Runs: stretches of characters of one text object. Per run its first character's
        # matrix, and the object's font size and font.
        starts = [0, *compress(range(1, m), map(ne, islice(objs, 1, None), objs))]
        nr = len(starts)
        firsts = list(map(kept.__getitem__, starts))
        robjs = list(map(objs.__getitem__, starts))
        matrices, at_matrix = self.buffers.get(_RUN_BUFFERS, nr)
        got_matrix = list(map(self.calls.get_matrix, repeat(tp), firsts, at_matrix))
        fonts = list(map(self.calls.obj_get_font, robjs))
        # The object's font size: with a font, PDFium's text page gives the object's (a
        # 32-bit float, as a double), with no C output argument to pass.
        size_vals = list(map(self.calls.get_font_size, repeat(tp), firsts))
        matrix_bytes = memoryview(matrices).cast("B")[: 24 * nr].tobytes()
        # What _object is given: a, b, c, d of the matrix (raw), font size, font, baseline.
        raws = list(map(matrix_bytes.__getitem__, map(slice, range(0, 24 * nr, 24), range(16, 24 * nr, 24))))
        if 0 in got_matrix or 0.0 in size_vals or None in fonts:
            for r in range(nr):
                if not got_matrix[r]:
                    raws[r] = _IDENTITY
                if fonts[r] is None:  # the text page's size would be a default: ask the object
                    size = self.float_buf
                    if not self.calls.obj_font_size(robjs[r], self.float_ref) or size.value == 0:
                        size.value = size_vals[r] or 1.0
                    size_vals[r] = size.value
                elif size_vals[r] == 0:
                    size_vals[r] = 1.0
        inputs = list(zip(raws, size_vals, fonts, map(ys.__getitem__, starts)))
        # One _object per distinct inputs (the words of a line share them), except where
        # the size is NaN: such a key stays one per object, as before (keys are told apart
        # by identity, NaNs too).
        by_obj: dict[int, tuple] = {}  # an object that comes back is what it was the first time
        by_inputs: dict[tuple, tuple] = {}
        infos = []
        for obj, these in zip(robjs, inputs):
            info = by_obj.get(obj)
            if info is None:
                info = by_inputs.get(these)
                if info is None:
                    info = self._object(geo, these)
                    if info.key is None or info.key.size == info.key.size:  # a NaN size stays per object
                        by_inputs[these] = info
                by_obj[obj] = info
            infos.append(info)
        starts.append(m)
        # Runs in a row that share all that (the words of a line), taken together.
        together = [*compress(range(1, nr), map(is_not, islice(infos, 1, None), infos)), nr]

        return starts, infos, together

    def _width(self, font, code: int) -> float:
        """A character's advance width per 1000 of the font size, from the font's widths
        (looked up by Unicode code point: PDFium maps it back to the character code); 0 if
        unknown."""
        if font and self.calls.glyph_width(font, code, 1000.0, self.float_ref):
            return max(0.0, self.float_buf.value)
        return 0.0

    def _text(self, textpage, tp, n: int) -> str:
        """The page's characters, one per index: from one call for the page when PDFium's
        text buffer lines up with the character indices (checked on a sample), else one
        call per character. PDFium marks a hyphen it takes for a line-break hyphen with
        U+0002 (U+FFFE in the buffer); those are given back as "-"."""
        c = self.c
        get_unicode = self.calls.get_unicode
        text = ""
        buf = (ctypes.c_ushort * (n + 1))()
        got = c.FPDFText_GetText(textpage, 0, n, buf)
        if got > 0:
            text = bytes(memoryview(buf).cast("B")[: 2 * (got - 1)]).decode("utf-16-le", "replace")
        step = max(1, n // 16)
        if len(text) != n or any(
            text[i] != chr(get_unicode(tp, i)) and text[i] not in _HYPHEN_MARKS for i in [*range(0, n, step), n - 1]
        ):
            text = "".join([chr(get_unicode(tp, i)) for i in range(n)])
        if "\x02" in text or "\ufffe" in text:
            chars = list(text)
            for i, ch in enumerate(chars):
                if ch in _HYPHEN_MARKS and self.calls.is_hyphen(tp, i):
                    chars[i] = "-"
            text = "".join(chars)
        return text

    def _object(self, geo: "_Geometry", inputs: tuple) -> _Run:
        """What every character of one text object shares.

        `inputs` is what PDFium tells of the object: the a, b, c, d of its first
        character's matrix (as PDFium's floats, raw), its font size, its font and the
        baseline of its first character. All but the size on the fast path is the same for
        the objects of one font, size and matrix: that part is kept per page.
        """
        raw, fsize, font, baseline = inputs
        common = self.common.get((raw, fsize, font))
        if common is None:
            common = self.common[(raw, fsize, font)] = self._common(geo, fsize, font, _ABCD.unpack(raw))
        c = common
        if c.fast:
            # pdfminer's size is the height of its box, y1 - y0, and carries the rounding
            # noise of the baseline: done the same way here so that it rounds the same.
            base = _decimal(baseline) - geo.y0
            size = (c.d * (c.descent + c.size) + base) - (c.d * c.descent + base)
            key = _Key(c.upright, size, font, c.name, c.bold, round(size, 2))
            return _Run(geo.top_of, key, c.yk, c.height, c.xscale, c.style, c.width)
        if c.level_size is not None:  # horizontal in pdfminer's frame
            size = c.level_size
            key = _Key(c.upright, size, font, c.name, c.bold, round(size, 2))
            return _Run(None, key, 0.0, 0.0, 0.0, c.style, c.width)
        return _Run(None, None, 0.0, 0.0, 0.0, c.style, c.width)  # the size is the box's height, per character

    def _common(self, geo: "_Geometry", fsize: float, font, abcd) -> _Shared:
        """The part of _object's result that does not depend on the baseline."""
        # PDFium holds these as 32-bit floats; pdfminer parses the decimal in the content
        # stream. The shortest decimal that gives the same float is that number (9.975,
        # not 9.97500038), so that sizes round as pdfminer's do.
        fs = _decimal(abs(fsize))
        name, bold, desc_p, asc_p, desc_m = self._font(font)  # (all of a _Font)
        a, b, cc, d = map(_decimal, abcd)
        ra, rb, rc, rd = geo.rot
        # The character matrix in pdfminer's device space (after the page rotation).
        da, db = a * ra + b * rc, a * rb + b * rd
        dc, dd = cc * ra + d * rc, cc * rb + d * rd
        # pdfminer's "upright", less text upside down (da < 0): that is turned text, read in
        # content order, not sorted left to right (glyphs.flow_words).
        upright = da * dd > 0 and db * dc <= 0 and da > 0
        style = _Style(font, name, bold, fs, desc_p, asc_p, desc_m, (a, b, cc, d), upright)
        width = self.widths.get(font)
        if width is None:
            width = self.widths[font] = _Widths(self, font).__getitem__
        if geo.rotation == 0 and b == 0 and cc == 0 and d > 0 and a > 0:
            descent = desc_m * fs
            return _Shared(
                True, upright, name, bold, fs, d, descent, d * descent, d * fs, a * fs / 1000.0, None, style, width
            )
        size = abs(dd) * fs if abs(db) < 1e-9 and abs(dc) < 1e-9 else None
        return _Shared(False, upright, name, bold, fs, d, 0.0, 0.0, 0.0, 0.0, size, style, width)

    def _font(self, font: int) -> _Font:
        hit = self.fonts.get(font)
        if hit is not None:
            return hit
        name = ""
        desc_p = asc_p = 0.0
        embedded = False
        if font:
            size = self.calls.font_name(font, self.name_buf, len(self.name_buf))
            if 1 < size <= len(self.name_buf):
                name = self.name_buf.raw[: size - 1].decode("utf-8", "replace")
            value = ctypes.c_float()
            if self.calls.font_descent(font, 1000.0, ctypes.byref(value)):
                desc_p = value.value
            if self.calls.font_ascent(font, 1000.0, ctypes.byref(value)):
                asc_p = value.value
            embedded = self.calls.font_embedded(font) == 1
        desc_m = -abs(desc_p)  # pdfminer turns a positive Descent around
        if not embedded and name in _AFM_DESCENT:
            desc_m = _AFM_DESCENT[name]
        desc_p, desc_m = desc_p / 1000.0, desc_m * 0.001  # as pdfminer scales it
        bold = is_bold(name)
        if not bold and font and not _WEIGHT_WORD.search(name):
            bold = self.calls.font_weight(font) >= BOLD_WEIGHT
        hit = _Font(name, bold, desc_p, asc_p / 1000.0, desc_m)
        self.fonts[font] = hit
        return hit


class _Widths(dict):
    """One font's advance widths (per 1000) by code point, asked of PDFium on first use."""

    __slots__ = ("reader", "font")

    def __init__(self, reader: _Reader, font: int):
        super().__init__()
        self.reader = reader
        self.font = font

    def __missing__(self, code: int) -> float:
        w = self[code] = self.reader._width(self.font, code)
        return w


_DECIMALS: dict[float, float] = {}  # _decimal's answers: the same values come back all the time
_DIGITS = ("%.6g", "%.7g", "%.8g")


def _decimal(x: float) -> float:
    """The shortest decimal number that a 32-bit float holding `x` stands for."""
    y = _DECIMALS.get(x)
    if y is not None:
        return y
    if not x:
        return x  # kept out of the dict, where 0.0 and -0.0 are one key
    for digits in _DIGITS:
        y = float(digits % x)
        if _F32.unpack(_F32.pack(y))[0] == x:
            if len(_DECIMALS) >= 20_000:
                _DECIMALS.clear()
            _DECIMALS[x] = y
            return y
    return x


def _char_box(ox: float, oy: float, width: float, loose, style: _Style, geo: "_Geometry") -> tuple[float, float, float, float]:
    """pdfminer's box for one character off the fast path (rotated, skewed, flipped, or on
    a rotated page), in pdfplumber's page coordinates.

    pdfminer's box is the rectangle [0, advance] x [descent, descent + size] in text space
    mapped by the character's matrix from its origin. The advance comes from the font's
    width; failing that, from PDFium's loose box, the bounding box of [0, advance] x
    [descent, ascent] mapped the same way (and widened to the glyph's outline).
    """
    fs, desc_p, asc_p, desc_m = style.size, style.descent, style.ascent, style.descent_pdfminer
    a, b, cc, d = style.abcd
    left, bottom, right, top = loose
    if asc_p == desc_p and width <= 0:  # PDFium had no metrics and gave the glyph box: keep it
        return geo.box(((left, bottom), (right, top)))
    if width > 0:
        adv = width * fs / 1000.0
    else:
        hl = (asc_p - desc_p) * fs  # the loose height in text space
        if abs(a) >= abs(b) and abs(a) > 1e-9:
            adv = max(0.0, ((right - left) - abs(cc) * hl) / abs(a))
        elif abs(b) > 1e-9:
            adv = max(0.0, ((top - bottom) - abs(d) * hl) / abs(b))
        else:
            adv = 0.0
    v0, v1 = desc_m * fs, (desc_m + 1.0) * fs
    return geo.box([(ox + u * a + v * cc, oy + u * b + v * d) for u in (0.0, adv) for v in (v0, v1)])


def _media_box(c, page) -> tuple[float, float, float, float] | None:
    """The page's MediaBox as pdfplumber takes it; None where PDFium cannot tell it."""
    l, b, r, t = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if c.FPDFPage_GetMediaBox(page, l, b, r, t):  # the page's own (PDFium does not inherit)
        return (l.value, b.value, r.value, t.value)
    if c.FPDFPage_GetCropBox(page, l, b, r, t):
        return None
    return _page_box(c, page)  # inherited: PDFium's page box (MediaBox, clipped by any inherited CropBox)


def _page_box(c, page) -> tuple[float, float, float, float]:
    rect = c.FS_RECTF()
    if c.FPDF_GetPageBoundingBox(page, rect):
        return (rect.left, rect.bottom, rect.right, rect.top)
    return (0.0, 0.0, c.FPDF_GetPageWidthF(page), c.FPDF_GetPageHeightF(page))


class _Geometry:
    """pdfplumber's page frame: pdfminer's rotation CTM, then y flipped to a top origin
    (`top = height - y + mediabox top`, as pdfplumber computes it)."""

    def __init__(self, c, page, box: tuple[float, float, float, float]):
        rotation = (c.FPDFPage_GetRotation(page) % 4) * 90
        # PDFium keeps boxes as 32-bit floats: 609.714 comes back as 609.71398926.
        x0, x1 = sorted((round(box[0], 4), round(box[2], 4)))
        y0, y1 = sorted((round(box[1], 4), round(box[3], 4)))
        self.rotation = rotation
        self.rot = _ROTATE[rotation]
        # pdfminer: the CTM a page starts with (its 2x2 part is self.rot).
        self.ctm = {
            0: (1, 0, 0, 1, -x0, -y0),
            90: (0, -1, 1, 0, -y0, x1),
            180: (-1, 0, 0, -1, x1, y1),
            270: (0, 1, -1, 0, y1, -x0),
        }[rotation]
        # pdfplumber: the normalised (rotated) MediaBox and its inversion.
        nx0, ny0, nx1, ny1 = (y0, x0, y1, x1) if rotation in (90, 270) else (x0, y0, x1, y1)
        mb_height = ny1 - ny0
        self.width = float(nx1 - nx0)
        self.height = float(mb_height)
        self.mb_x0 = nx0
        self.mb_top = mb_height - ny1
        self.y0 = y0
        # Unrotated pages: top = top_of - y, x unchanged (pdfplumber adds mb_x0 back).
        self.top_of = self.height + self.mb_top + y0

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A PDF user-space point in pdfplumber's frame: (x, y from the top)."""
        a, b, c, d, e, f = self.ctm
        dx, dy = a * x + c * y + e, b * x + d * y + f
        return dx + self.mb_x0, self.height - dy + self.mb_top

    def box(self, corners) -> tuple[float, float, float, float]:
        pts = [self.point(x, y) for x, y in corners]
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        return min(xs), min(ys), max(xs), max(ys)


def _columns(layer: "_Layer", geo: "_Geometry", where: "_Origins", starts, infos, together) -> tuple:
    """Each character's x1, top, bottom and key, column by column (and x0 in `where.xs`,
    changed in place off the fast path); the runs where the key object changes; the
    characters whose top or bottom is not the one before's."""
    text, codes = layer.text, layer.codes
    xs, ys, box, rights = where.xs, where.ys, where.box, where.rights
    m = len(text)
    # The characters column by column: per run what its characters share, then per
    # character; the key is _object's.
    x1s: list[float] = []
    tops: list[float] = []
    bottoms: list[float] = []
    keys: list = []
    runs: list[tuple[int, tuple]] = []  # (first character, key) wherever the key object changes
    # Pieces of one glyph (a ligature PDFium spelled out; they start at the same x, one
    # after the other in one run): the glyph's box. Only on the fast path.
    same_x = list(compress(range(1, m), map(eq, islice(xs, 1, None), xs)))
    first = set(starts)
    varying: list[tuple[int, int]] = []  # where the top may change from one character to the next
    s = 0
    for r in together:
        e = starts[r]
        run = infos[r - 1]
        key, width = run.key, run.width
        k = e - s
        top_of = run.top_of
        if top_of is not None:
            xscale, yk, h = run.xscale, run.yk, run.height
            # Upright on an unrotated page, no skew: x0 is the origin, x1 the origin
            # plus the advance (from the font's width, unless it is unknown or past
            # PDFium's loose box: then the box's right, which may include overhang; a
            # space only ends a word: its start and line are enough); the bottom the
            # baseline plus the descent, the top one size above it.
            x1s += [
                x0
                if cp < 33 and cp in _SPACE_CODES
                else right
                if (w := width(cp)) <= 0 or (x1 := x0 + w * xscale) > right + 0.01
                else x1
                for x0, cp, right in zip(xs[s:e], codes[s:e], rights[s:e])
            ]
            runs.append((s, key))
            keys += repeat(key, k)
            run_ys = ys[s:e]
            y = run_ys[0]
            bottom = top_of - (y + yk)
            top = bottom - h
            # One baseline (the rule): one top and bottom; a NaN top, though, must
            # stay one object per character, as sets and dicts tell NaNs apart by that.
            if run_ys.count(y) == k and top == top:
                bottoms += repeat(bottom, k)
                tops += repeat(top, k)
            else:
                run_bottoms = [top_of - (y + yk) for y in run_ys]
                bottoms += run_bottoms
                tops += [b - h for b in run_bottoms]
                varying.append((s, e))
            for i in same_x[bisect_right(same_x, s) : bisect_left(same_x, e)]:
                if i in first or text[i] in _GENERATED or text[i - 1] in _GENERATED:
                    continue
                right = rights[i]
                x1s[i] = right
                if x1s[i - 1] < right:
                    x1s[i - 1] = right
            s = e
            continue
        # Off the fast path: character by character.
        style = run.style
        if key is not None:
            runs.append((s, key))
        columns: list[list] = [[], [], [], [], []]  # x0, top, x1, bottom, key
        for i in range(s, e):
            ch = text[i]
            if ch in _GENERATED:  # PDFium's box is not read for spaces
                loose = (0.0, 0.0, 0.0, 0.0)
            else:
                b = 4 * i
                loose = (box[b], box[b + 3], box[b + 2], box[b + 1])
            x0, top, x1, bottom = _char_box(xs[i], ys[i], width(codes[i]), loose, style, geo)
            if key is None:  # rotated or skewed: the size is the box's height
                size = bottom - top
                ckey = _Key(style.upright, size, style.font, style.name, style.bold, round(size, 2))
                runs.append((i, ckey))
            else:
                ckey = key
            for column, value in zip(columns, (x0, top, x1, bottom, ckey)):
                column.append(value)
        x0_col, top_col, x1_col, bottom_col, key_col = columns
        xs[s:e] = x0_col
        tops += top_col
        x1s += x1_col
        bottoms += bottom_col
        keys += key_col
        varying.append((s, e))
        s = e

    # Where the top or bottom changes from the character before: at the start of some
    # runs, and where they vary within.
    changes = [
        s
        for s in map(starts.__getitem__, islice(together, 0, len(together) - 1))
        if tops[s] != tops[s - 1] or bottoms[s] != bottoms[s - 1]
    ]
    for s, e in varying:
        changes += compress(range(s + 1, e), map(ne, islice(tops, s + 1, e), islice(tops, s, e)))
        changes += compress(range(s + 1, e), map(ne, islice(bottoms, s + 1, e), islice(bottoms, s, e)))
    changes = sorted(set(changes))
    return x1s, tops, bottoms, keys, runs, changes


# -- words --------------------------------------------------------------------------------


def _extract_words(
    text: str, x0s, tops, x1s, bottoms, keys, runs: list[tuple[int, tuple]], changes: list[int], breaks: list[int],
    hard_breaks: set[int],
) -> list[Word]:
    """pdfplumber's WordExtractor on the page's characters, given column by column (text,
    x0, top, x1, bottom and key of each character, in content order; key is (upright,
    size, font, name, bold, rounded size)): runs of equal (upright, size, font) in content
    order ("groups"), each clustered into lines by top, each line sorted by x0 and split
    into words. `runs` gives (first character, key) wherever the key object changes,
    `changes` the characters whose top or bottom is not the one before's (ascending),
    `breaks` those after a space or line break PDFium inferred (ascending), `hard_breaks`
    those after a line break.

    Unlike pdfplumber, words end where the text layer has a space (its own, or one PDFium
    inferred from the gap, the font and the character spacing), not at a fixed 3pt gap: a
    gap only ends a word where it is wider than the font size (_wide). And a word goes on
    across a change of size or font on one baseline (small caps: see continues_word).

    Mostly a line is one stretch of the page, or a few (a paragraph that goes on in the
    next column joins the lines at the same height), already in x0 order, so that sorting
    leaves it as it is: then the words of all such lines are cut out of the page in one
    go. Other groups (and rotated text) go the general way, on (text, x0, top, x1,
    bottom, key) tuples.
    """
    m = len(text)
    groups: list[tuple[int, int, bool]] = []
    n = len(runs)
    runs.append((m, None))
    r = 0
    while r < n:
        start, key = runs[r]
        gk = _group_of(key)
        r += 1
        while r < n:
            other = runs[r][1]
            if other is not key and _group_of(other) != gk:
                break
            r += 1
        groups.append((start, runs[r][0], key.upright))
    # Where x0 steps back from the character before, or starts over 3pt right of its end
    # (one pass for both; either is rare).
    odd = [k for k, x0, px0, px1 in zip(count(1), islice(x0s, 1, None), x0s, x1s) if x0 < px0 or x0 > px1 + X_TOLERANCE]
    back = [k for k in odd if x0s[k] < x0s[k - 1]]
    wide = [k for k in odd if _wide(x0s, x1s, keys, k)]
    # (an inferred space between touching letters is no space: see glyphs.SPACE_GAP; the
    # letters may be apart leftwards, in right-to-left text)
    breaks = [
        k for k in breaks
        if not keys[k].upright or k in hard_breaks or x0s[k] > x1s[k - 1] + SPACE_GAP * keys[k].size
        or x1s[k] < x0s[k - 1] - SPACE_GAP * keys[k].size
    ]
    breaks_at = set(breaks)
    ends = {*breaks, *wide}  # besides whitespace and line changes, where a word must end
    marks = _mark_runs(text, x0s, tops, x1s, bottoms, keys, runs, ends)
    if marks:  # written in superscript digits, each joined to the word before it
        chars = list(text)
        for a, b in marks:
            chars[a:b] = text[a:b].translate(SUPERSCRIPT)
        text = "".join(chars)
        joins = {a for a, _ in marks}
    else:
        joins = set()
    line_starts: list[int] = []  # where a word may end, or go on at a change of run (small caps)
    bounds = [0, m]  # where a word must start or end, besides whitespace
    segments: list[tuple[list[tuple[int, int]], bool] | None] = []
    in_order = True  # all groups simple, their lines in content order
    for start, end, upright in groups:
        found = _segments(text, x0s, tops, x1s, changes, back, ends, start, end) if upright else None
        segments.append(found)
        if found is None:
            in_order = False
            bounds.append(start)
        else:
            in_order = in_order and found[1]
            line_starts += map(_FIRST, found[0])
    words: list[Word] = []
    if in_order or any(segments):
        # Words end at whitespace, at a gap over 3pt after the end of the character before
        # and where the top moves over 3pt (between characters that are not whitespace:
        # elsewhere whitespace cuts anyway); x0 does not step back within these lines.
        spaces = list(map(_START, _SPACE_RE.finditer(text)))
        bounds += wide
        bounds += breaks
        line_starts += [k for k in changes if abs(tops[k] - tops[k - 1]) > Y_TOLERANCE]
        bounds += [k for k in line_starts if k not in joins and not _goes_on(text, x0s, x1s, bottoms, keys, ends, k)]
        bounds += spaces
        bounds += map(add, spaces, repeat(1))
        bounds = sorted(set(bounds))
        # The stretches between bounds, less the whitespace (one character each).
        word_starts = bounds[:-1]
        word_ends = bounds[1:]
        if spaces:
            whitespace = set(spaces)
            wanted = list(map(not_, map(whitespace.__contains__, word_starts)))
            word_starts = list(compress(word_starts, wanted))
            word_ends = list(compress(word_ends, wanted))
        all_words = _words_at(text, x0s, tops, x1s, bottoms, keys, word_starts, word_ends, changes)
        if in_order:
            return all_words
    turned: list[tuple] = []  # turned text of consecutive groups (its size changes per character)
    for (start, end, upright), found in zip(groups, segments):
        if not upright:
            turned += _tuples(text, x0s, tops, x1s, bottoms, keys, breaks_at, start, end)
            continue
        if turned:
            _turned_words(turned, words)
            turned = []
        if found is None:
            _group_words(_tuples(text, x0s, tops, x1s, bottoms, keys, breaks_at, start, end), words)
            continue
        for a, b in found[0]:
            words += all_words[bisect_left(word_starts, a) : bisect_left(word_starts, b)]
    if turned:
        _turned_words(turned, words)
    return words


def _turned_words(chars: list[tuple], words: list[Word]) -> None:
    for word in flow_words(chars):
        _emit(word, words)


def _segments(text: str, x0s, tops, x1s, changes: list[int], back: list[int], ends: set[int], start: int, end: int):
    """The lines of the upright group [start, end) as stretches of the page (start, end),
    line after line, if that is what sorting each line by x0 gives, and whether that is
    content order; else None.

    cluster_objects: the distinct tops sorted, chained within the tolerance (looking at
    each stretch of one top only). A line made of several stretches (in content order)
    must be in x0 order where they join, and a word must end there.
    """
    stretches = [start, *changes[bisect_right(changes, start) : bisect_left(changes, end)]]
    stretch_tops = list(map(tops.__getitem__, stretches))
    values = sorted(set(stretch_tops))  # the set of all the group's tops, the same objects
    cluster, cid = _clusters(values, Y_TOLERANCE)
    steps = back[bisect_right(back, start) : bisect_left(back, end)]
    if cid == 0:
        return None if steps else ([(start, end)], True)
    ids = list(map(cluster.__getitem__, stretch_tops))
    new_line = list(map(ne, ids, [-1, *ids]))
    firsts = list(compress(stretches, new_line))
    if steps and not set(firsts).issuperset(steps):
        return None  # a line not in x0 order
    lasts = [*islice(firsts, 1, None), end]
    line_ids = list(compress(ids, new_line))
    if not any(map(gt, line_ids, islice(line_ids, 1, None))):
        return list(zip(firsts, lasts)), True  # top to bottom, each line once
    order = sorted(range(len(line_ids)), key=line_ids.__getitem__)
    for k, j in zip(order, islice(order, 1, None)):
        if line_ids[k] != line_ids[j]:
            continue
        p = lasts[k] - 1  # the last character of one stretch, the first of the next
        q = firsts[j]
        if x0s[q] < x0s[p]:
            return None
        if not (
            text[p].isspace()
            or text[q].isspace()
            or q in ends
            or abs(tops[q] - tops[p]) > Y_TOLERANCE
        ):
            return None  # a word would go on from one stretch into the next
    return [(firsts[k], lasts[k]) for k in order], False


def _tuples(text: str, x0s, tops, x1s, bottoms, keys, breaks: set[int], start: int, end: int) -> list[tuple]:
    """Characters [start, end) as (text, x0, top, x1, bottom, key, after an inferred space)
    tuples."""
    columns = (text, x0s, tops, x1s, bottoms, keys, [k in breaks for k in range(start, end)])
    return list(zip(*(column[start:end] if k < 6 else column for k, column in enumerate(columns))))


def _wide(x0s, x1s, keys, k: int) -> bool:
    """A gap before character k wider than the font size: no word goes on across it."""
    return x0s[k] > x1s[k - 1] + max(X_TOLERANCE, keys[k].size)


def _mark_runs(
    text: str, x0s, tops, x1s, bottoms, keys, runs: list[tuple[int, tuple]], ends: set[int]
) -> list[tuple[int, int]]:
    """The raised marks (glyphs.raised_mark) that go on the word before them as the text
    layer spells it: a run of the content that starts right after a glyph, with no space of
    the layer (its own or one PDFium inferred) between, not a wide gap after it (`ends`) nor
    more than that glyph's width behind its start (a mark kerned into the word's last
    letter). (start, end) of each, in content order."""
    out = []
    for r in range(1, len(runs) - 1):
        a, key = runs[r]
        b = runs[r + 1][0]
        while b > a and text[b - 1].isspace():
            b -= 1
        p = a - 1
        if (b - a <= 3 and a not in ends and not text[p].isspace() and x0s[a] > 2 * x0s[p] - x1s[p]
                and key.upright and keys[p].upright
                and raised_mark(text[a:b], key.size, bottoms[a], keys[p].size, tops[p], bottoms[p])):
            out.append((a, b))
    return out


def _goes_on(text: str, x0s, x1s, bottoms, keys, ends: set[int], k: int) -> bool:
    """Whether the word before character k goes on in it across a change of run or line
    (small caps, a letter in another font): nothing between them, one baseline."""
    if k <= 0 or k in ends or text[k].isspace() or text[k - 1].isspace():
        return False
    prev, here = keys[k - 1], keys[k]
    if prev.upright != here.upright:
        return False
    return continues_word(x0s[k - 1], x1s[k - 1], bottoms[k - 1], prev.size, x0s[k], bottoms[k], here.size)


def _words_at(
    text: str, x0s, tops, x1s, bottoms, keys, starts: list[int], ends: list[int], changes: list[int]
) -> list[Word]:
    """The words of the character stretches [starts[i], ends[i]): text (ligatures
    expanded), x0 of the first, least top, greatest x1 and bottom, size, weight and font.
    Top and bottom are the first character's unless one of `changes` (see
    _extract_words) falls inside the word."""
    parts = list(map(slice, starts, ends))
    texts = map(text.__getitem__, parts)
    if _LIGATURE_RE.search(text) is not None:
        texts = map(str.translate, texts, repeat(_LIGATURE_TABLE))
    word_tops = list(map(tops.__getitem__, starts))
    word_bottoms = list(map(bottoms.__getitem__, starts))
    for k in changes:
        i = bisect_right(starts, k) - 1
        if i >= 0 and k < ends[i] and k != starts[i]:
            word_tops[i] = min(tops[parts[i]])
            word_bottoms[i] = max(bottoms[parts[i]])
    word_keys = list(map(keys.__getitem__, starts))
    return list(
        map(
            Word,
            texts,
            map(x0s.__getitem__, starts),
            word_tops,
            map(max, map(x1s.__getitem__, parts)),
            word_bottoms,
            map(_ROUNDED_SIZE, word_keys),
            map(_BOLD, word_keys),
            map(_NAME, word_keys),
        )
    )


def _clusters(values: list[float], tolerance: float) -> tuple[dict[float, int], int]:
    """pdfplumber's cluster_objects over sorted distinct values: a value more than `tolerance`
    past the one before starts a new cluster. Each value's cluster, and the last cluster's."""
    cluster: dict[float, int] = {}
    cid = 0
    last = values[0]
    for v in values:
        if v > last + tolerance:
            cid += 1
        cluster[v] = cid
        last = v
    return cluster, cid


def _group_words(group: list[tuple], words: list[Word]) -> None:
    # Upright text as pdfplumber reads it: cluster_objects (the distinct tops sorted, chained
    # within the tolerance); each line's characters in content order, then sorted (stable)
    # by x0, unless the line is drawn over itself (_overdrawn): that one is read in content
    # order, as the text layer has it. (Turned text: _turned_words.)
    values = sorted({ch[2] for ch in group})
    cluster, cid = _clusters(values, Y_TOLERANCE)
    if cid == 0:
        lines = [group]
    else:
        by_line: list[list[tuple]] = [[] for _ in range(cid + 1)]
        for ch in group:
            by_line[cluster[ch[2]]].append(ch)
        lines = by_line
    for line in lines:
        content_order = _right_to_left(line) or _overdrawn(line)
        if not content_order:
            _sort_by_x0(line)
        _line_words_ltr(line, words, content_order)


# A space of the text layer whose box starts up to this share of the size right of the
# glyph drawn after it still comes before that glyph.
SPACE_OVERLAP = 0.5


def _sort_by_x0(line: list[tuple]) -> None:
    """The line's characters (in content order) sorted by x0, stable, as pdfplumber sorts;
    but a space stays before the glyph drawn after it where that glyph starts a little left
    of the space's box (by less than SPACE_OVERLAP of its size): a space set wide, or a
    glyph kerned into it. Sorted by x0 alone, the glyph would go to the word before the
    space ("region6 618-..." for "region 6618-...")."""
    x0s = [ch[1] for ch in line]
    for i in range(len(line) - 1):
        nxt = line[i + 1]
        if line[i][0].isspace() and x0s[i] - SPACE_OVERLAP * nxt[5].size < nxt[1] < x0s[i]:
            x0s[i] = nxt[1]  # equal keys: the stable sort keeps the space first
    order = sorted(range(len(line)), key=x0s.__getitem__)
    line[:] = [line[k] for k in order]


_RTL_RE = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")  # Hebrew, Arabic and other right-to-left letters


def _right_to_left(line: list[tuple]) -> bool:
    """Whether most letters of a line are of a right-to-left script: PDFium gives them in
    logical order (reading order, which goes leftwards), and sorted by x0 they would read
    backwards, so such a line is read in content order."""
    text = "".join([ch[0] for ch in line])
    return _RTL_RE.search(text) is not None and 2 * len(_RTL_RE.findall(text)) > len(text) - text.count(" ")


# Two stretches of a line overlap when one starts this share of the size inside the other.
OVERDRAWN = 0.5


def _overdrawn(line: list[tuple]) -> bool:
    """Whether a line (characters in content order) is drawn over itself: two stretches of
    two or more characters each (a stretch goes on while x0 increases) that overlap, such as
    text running on under a clip into the next column's figures, or glyphs placed out of
    order within a word. Sorted by x0, their characters would interleave ("124644,06155766,");
    a lone character out of order (an accent, right-to-left text) is no stretch."""
    spans: list[tuple[float, float, float]] = []
    start = 0
    n = len(line)
    for i in range(1, n + 1):
        if i == n or line[i][1] < line[i - 1][1]:
            chars = [ch for ch in line[start:i] if not ch[0].isspace()]
            if len(chars) >= 2:
                spans.append((chars[0][1], max(ch[3] for ch in chars), chars[0][5].size))
            start = i
    if len(spans) < 2:
        return False
    spans.sort()
    end = spans[0][1]
    for x0, x1, size in spans[1:]:
        if x0 < end - OVERDRAWN * size:
            return True
        end = max(end, x1)
    return False


_LIGATURE_TABLE = str.maketrans(LIGATURES)
_LIGATURE_RE = re.compile("[" + "".join(LIGATURES) + "]")
_SPACE_RE = re.compile(r"\s")  # \s: what str.isspace() calls whitespace, and only that
_OTHER_SPACE_RE = re.compile(r"[^\S ]")  # white space but " "
_FIRST = itemgetter(0)
_ROUNDED_SIZE = itemgetter(_Key._fields.index("rounded"))  # (itemgetter: quicker than attrgetter)
_BOLD = itemgetter(_Key._fields.index("bold"))
_NAME = itemgetter(_Key._fields.index("name"))
_group_of = itemgetter(0, 1, 2)  # a _Key's upright, size, font: what pdfplumber groups characters by


def _word(parts: list[str], x0: float, top: float, x1: float, bottom: float, key: tuple) -> Word:
    text = "".join(parts).translate(_LIGATURE_TABLE)
    return Word(text, x0, top, x1, bottom, key.rounded, key.bold, key.name)


def _line_words_ltr(line: list[tuple], words: list[Word], content_order: bool = False) -> None:
    """Split one line into words: at whitespace (also where PDFium inferred a space), where
    the next character starts left of the previous one's start or more than the font size
    right of its end, or its top moves over 3pt. A line read in content order (right to
    left, or drawn over itself: see _right_to_left, _overdrawn) keeps a word going where a
    glyph steps back less than its size with no space before it."""
    parts: list[str] | None = None
    px0 = px1 = ptop = wx0 = wx1 = wtop = wbottom = 0.0
    wkey: tuple = ()
    for t, x0, top, x1, bottom, key, after_space in line:
        if t.isspace():
            if parts is not None:
                words.append(_word(parts, wx0, wtop, wx1, wbottom, wkey))
                parts = None
            continue
        if parts is not None and (
            (after_space and x0 > px1 + SPACE_GAP * key.size)
            or (x0 < px0 and (not content_order or after_space or x0 < px0 - key.size))
            or x0 > px1 + max(X_TOLERANCE, key.size)
            or abs(top - ptop) > Y_TOLERANCE
        ):
            words.append(_word(parts, wx0, wtop, wx1, wbottom, wkey))
            parts = None
        if parts is None:
            parts = [t]
            wx0, wtop, wx1, wbottom, wkey = x0, top, x1, bottom, key
        else:
            parts.append(t)
            if x0 < wx0:  # (in content order only)
                wx0 = x0
            if x1 > wx1:
                wx1 = x1
            if top < wtop:
                wtop = top
            if bottom > wbottom:
                wbottom = bottom
        px0, px1, ptop = x0, x1, top
    if parts is not None:
        words.append(_word(parts, wx0, wtop, wx1, wbottom, wkey))


def _emit(chars: list[tuple], words: list[Word]) -> None:
    x0 = min(ch[1] for ch in chars)
    top = min(ch[2] for ch in chars)
    x1 = max(ch[3] for ch in chars)
    bottom = max(ch[4] for ch in chars)
    words.append(_word([ch[0] for ch in chars], x0, top, x1, bottom, chars[0][5]))


# -- rectangles and images ----------------------------------------------------------------


class _Object(ctypes.c_void_p):
    """A page object as ctypes gives it back (not as an int): it goes to C as it is."""


class _Shapes:
    """The C calls for rectangles and images: own prototypes (see _proto)."""

    def __init__(self, c):
        vp, i = ctypes.c_void_p, ctypes.c_int
        self.count_objects = _proto(c.FPDFPage_CountObjects, i, vp)
        self.get_object = _proto(c.FPDFPage_GetObject, _Object)  # (page as _at(), index)
        self.form_count_objects = _proto(c.FPDFFormObj_CountObjects, i, vp)
        self.form_get_object = _proto(c.FPDFFormObj_GetObject, _Object, vp, ctypes.c_ulong)
        self.get_type = _proto(c.FPDFPageObj_GetType, i)  # (_Object)
        self.get_matrix = _proto(c.FPDFPageObj_GetMatrix, i, vp, vp)
        self.draw_mode = _proto(c.FPDFPath_GetDrawMode, i, vp, vp, vp)
        self.count_segments = _proto(c.FPDFPath_CountSegments, i, vp)
        self.get_segment = _proto(c.FPDFPath_GetPathSegment, vp, vp, i)
        self.segment_type = _proto(c.FPDFPathSegment_GetType, i, vp)
        self.segment_close = _proto(c.FPDFPathSegment_GetClose, i, vp)
        self.segment_point = _proto(c.FPDFPathSegment_GetPoint, i, vp, vp, vp)
        self.FS_MATRIX = c.FS_MATRIX
        self.PATH, self.IMAGE, self.FORM = c.FPDF_PAGEOBJ_PATH, c.FPDF_PAGEOBJ_IMAGE, c.FPDF_PAGEOBJ_FORM
        self.TEXT = c.FPDF_PAGEOBJ_TEXT
        self.MOVETO, self.LINETO = c.FPDF_SEGMENT_MOVETO, c.FPDF_SEGMENT_LINETO


def _collect_shapes(p: _Shapes, page, geo: _Geometry, rects: list[Rect], images: list[Rect]) -> None:
    """Painted rectangles and images of the page, descending into form XObjects."""
    address = ctypes.cast(page, ctypes.c_void_p).value
    _walk(p, _at(address), p.count_objects(address), p.get_object, (1, 0, 0, 1, 0, 0), geo, rects, images, 0)


def _walk(p: _Shapes, parent, count: int, get, matrix, geo, rects, images, depth: int) -> None:
    objs = list(map(get, repeat(parent, count), range(count)))
    kinds = list(map(p.get_type, objs))  # of no object: FPDF_PAGEOBJ_UNKNOWN
    path, image, form = p.PATH, p.IMAGE, p.FORM
    for obj, kind in zip(objs, kinds):
        if kind == path:
            _path_rects(p, obj, matrix, geo, rects)
        elif kind == image:
            m = _obj_matrix(p, obj)
            # The image fills the unit square of its own matrix.
            corners = [_apply(matrix, _apply(m, (u, v))) for u in (0, 1) for v in (0, 1)]
            x0, top, x1, bottom = geo.box(corners)
            images.append(Rect(x0, top, x1, bottom, "image"))
        elif kind == form and depth < 12:
            inner = _mul(_obj_matrix(p, obj), matrix)
            count = p.form_count_objects(obj)
            _walk(p, obj, count, p.form_get_object, inner, geo, rects, images, depth + 1)


def _obj_matrix(p: _Shapes, obj) -> tuple[float, float, float, float, float, float]:
    m = p.FS_MATRIX()
    if not p.get_matrix(obj, ctypes.byref(m)):
        return (1, 0, 0, 1, 0, 0)
    return (_decimal(m.a), _decimal(m.b), _decimal(m.c), _decimal(m.d), _decimal(m.e), _decimal(m.f))


def _mul(m1, m2):
    """m1 then m2 (PDF row-vector convention)."""
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )


def _apply(m, pt) -> tuple[float, float]:
    x, y = pt
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _path_rects(p: _Shapes, obj, matrix, geo: _Geometry, rects: list[Rect]) -> None:
    """pdfminer's LTRect test on each subpath: 'm l l l h' or 'm l l l l' closed, sides
    parallel to the axes after the transformation."""
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    if not p.draw_mode(obj, ctypes.byref(fill), ctypes.byref(stroke)) or (fill.value == 0 and not stroke.value):
        return  # not painted (a clipping path)
    n = p.count_segments(obj)
    if n < 4 or n > MAX_PATH_SEGMENTS:
        return
    # The shape of each subpath first ("m", "l", "c" per segment, "h" where it closes).
    segments = list(map(p.get_segment, repeat(obj, n), range(n)))
    shape: list[str] = []
    moveto, lineto = p.MOVETO, p.LINETO
    for kind, close in zip(map(p.segment_type, segments), map(p.segment_close, segments)):
        shape.append("m" if kind == moveto else "l" if kind == lineto else "c")
        if close:
            shape.append("h")
    shape_s = "".join(shape)
    if "mlll" not in shape_s:
        return
    m = None
    px, py = ctypes.c_float(), ctypes.c_float()
    at_px, at_py = ctypes.byref(px), ctypes.byref(py)
    pos = 0  # segment index at the start of the subpath
    for sub in re.finditer(r"m[^m]*", shape_s):
        sub_shape = sub.group()
        count = len(sub_shape) - sub_shape.count("h")
        first = pos
        pos += count
        if sub_shape not in ("mlllh", "mllll", "mllllh"):
            continue
        if m is None:
            m = _mul(_obj_matrix(p, obj), matrix)
        pts = []
        for seg in segments[first:pos]:
            p.segment_point(seg, at_px, at_py)
            pts.append(_apply(m, (_decimal(px.value), _decimal(py.value))))  # the decimals meant
        if sub_shape.endswith("h"):
            pts.append(pts[0])
        # pdfminer drops a redundant closing 'l' before 'h' (PDFium's "re" ends that way).
        if sub_shape == "mllllh":
            if not _same(pts[-2], pts[0]):
                continue
            pts.pop()
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = pts
        if not _same(last, pts[0]):
            continue
        square = (_eq(x0, x1) and _eq(y1, y2) and _eq(x2, x3) and _eq(y3, y0)) or (
            _eq(y0, y1) and _eq(x1, x2) and _eq(y2, y3) and _eq(x3, x0)
        )
        if square:
            bx0, btop, bx1, bbottom = geo.box([(x0, y0), (x2, y2)])
            rects.append(Rect(bx0, btop, bx1, bbottom, "rect"))


def _eq(a: float, b: float) -> bool:
    return abs(a - b) < 1e-3


def _same(p, q) -> bool:
    return _eq(p[0], q[0]) and _eq(p[1], q[1])
