"""PDF backend on pypdfium2 (PDFium): the same `RawPage`s as the pdfplumber backend, faster.

Per page: the words with their boxes, font size, font name and weight, and the drawn
rectangles and pictures. Like `pdf_plumber`, it builds no structure.

How it matches pdfplumber (`extract_words(extra_attrs=["size", "fontname"])`):

* Characters come from PDFium's text page through the raw API: per character its text
  object, origin and loose box (three C calls, through lean ctypes prototypes); whatever
  a whole text object shares (font, size, matrix) is read once per object, a character's
  advance width once per font and character. Characters PDFium makes up (the spaces and
  line breaks it infers, "generated") are dropped: pdfminer does not have them.
* Words: pdfplumber's WordExtractor re-implemented on those characters: runs of characters
  with the same (upright, size, font) in content order, each run clustered into lines by
  `top` (tolerance 3), sorted by `x0`, split at whitespace, at gaps over 3pt and at line
  changes; ligatures (U+FB00..) expanded. Rotated text is read top to bottom, clustered
  by `x0`, as pdfplumber does. The size is computed the way pdfminer computes it (the
  height of its box, with the same rounding noise), so runs, and with them the order of
  the words, come out as pdfplumber's.
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

Known differences from the pdfplumber backend: `Word.font` lacks the subset tag
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
import re
import struct
from operator import itemgetter
from typing import Iterator

from ..errors import InputError
from ..state import RawPage, Rect, Word
from .pdf_plumber import is_bold

X_TOLERANCE = 3.0  # pdfplumber's defaults
Y_TOLERANCE = 3.0
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}

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
_GENERATED = frozenset(" \r\n")  # what PDFium inserts between words and lines
_HYPHEN_MARKS = frozenset("\x02\ufffe")
_F32 = struct.Struct("f")

# pdfminer's page rotation matrices (2x2 part of the CTM it starts a page with).
_ROTATE = {0: (1, 0, 0, 1), 90: (0, -1, 1, 0), 180: (-1, 0, 0, -1), 270: (0, 1, -1, 0)}


def open_pdf(path: str, password: str | None = None) -> tuple[int, Iterator[RawPage]]:
    """Open a PDF and return its page count and an iterator over its pages.

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
    return n_pages, _pages(pdf, n_pages)


def _pages(pdf, n_pages: int) -> Iterator[RawPage]:
    reader = _Reader()
    try:
        for index in range(n_pages):
            yield reader.read_page(pdf, index)
    finally:
        pdf.close()


def _proto(fn, restype, *argtypes):
    """A ctypes prototype over a PDFium function; fewer conversions than pypdfium2's own
    binding (with no argtypes, ints go as C int and ctypes objects as themselves)."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(fn, ctypes.c_void_p).value)


class _Reader:
    """Holds the C prototypes and scratch buffers used on every page of a document."""

    def __init__(self):
        import pypdfium2.raw as c

        self.c = c
        # Hot per-character calls: no argtypes (the text page goes as a c_void_p).
        self.get_text_object = _proto(c.FPDFText_GetTextObject, ctypes.c_void_p)
        self.get_loose_box = _proto(c.FPDFText_GetLooseCharBox, ctypes.c_int)
        self.get_unicode = _proto(c.FPDFText_GetUnicode, ctypes.c_uint)
        self.is_generated = _proto(c.FPDFText_IsGenerated, ctypes.c_int)
        self.is_hyphen = _proto(c.FPDFText_IsHyphen, ctypes.c_int)
        # Per object and per font; pointers as plain ints.
        vp, f = ctypes.c_void_p, ctypes.c_float
        self.obj_get_font = _proto(c.FPDFTextObj_GetFont, vp, vp)
        self.obj_font_size = _proto(c.FPDFTextObj_GetFontSize, ctypes.c_int, vp, vp)
        self.font_name = _proto(c.FPDFFont_GetBaseFontName, ctypes.c_size_t, vp, ctypes.c_char_p, ctypes.c_size_t)
        self.font_descent = _proto(c.FPDFFont_GetDescent, ctypes.c_int, vp, f, vp)
        self.font_ascent = _proto(c.FPDFFont_GetAscent, ctypes.c_int, vp, f, vp)
        self.font_embedded = _proto(c.FPDFFont_GetIsEmbedded, ctypes.c_int, vp)
        self.font_weight = _proto(c.FPDFFont_GetWeight, ctypes.c_int, vp)
        self.get_origin = _proto(c.FPDFText_GetCharOrigin, ctypes.c_int)
        self.glyph_width = _proto(c.FPDFFont_GetGlyphWidth, ctypes.c_int, vp, ctypes.c_uint32, f, vp)
        self.get_matrix = _proto(c.FPDFText_GetMatrix, ctypes.c_int)
        self.get_font_size = _proto(c.FPDFText_GetFontSize, ctypes.c_double)
        # Per page: font handles are PDFium's and may be freed with the page.
        self.fonts: dict[int, tuple[str, bool, float, float, float]] = {}
        self.widths: dict[int, dict[str, float]] = {}
        self.name_buf = ctypes.create_string_buffer(512)
        self.matrix = c.FS_MATRIX()
        self.matrix_ref = ctypes.byref(self.matrix)
        self.float_buf = ctypes.c_float()
        self.origin_buf = (ctypes.c_double(), ctypes.c_double())
        self.origin_x = ctypes.byref(self.origin_buf[0])
        self.origin_y = ctypes.byref(self.origin_buf[1])
        self.float_ref = ctypes.byref(self.float_buf)

    # -- page ---------------------------------------------------------------------------

    def read_page(self, pdf, index: int) -> RawPage:
        c = self.c
        self.fonts.clear()
        self.widths.clear()
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
                words = self.words(textpage, geo)
            finally:
                c.FPDFText_ClosePage(textpage)
            rects: list[Rect] = []
            images: list[Rect] = []
            _collect_shapes(c, page, geo, rects, images)
        finally:
            c.FPDF_ClosePage(page)
        return RawPage(number=index + 1, width=geo.width, height=geo.height, words=words, rects=rects + images)

    # -- characters ---------------------------------------------------------------------

    def words(self, textpage, geo: "_Geometry") -> list[Word]:
        c = self.c
        n = c.FPDFText_CountChars(textpage)
        if n <= 0:
            return []
        tp = ctypes.c_void_p(ctypes.cast(textpage, ctypes.c_void_p).value)
        text = self._text(textpage, tp, n)

        get_obj = self.get_text_object
        get_box = self.get_loose_box
        get_origin = self.get_origin
        is_generated = self.is_generated
        boxes = (ctypes.c_float * (4 * n))()
        origins = (ctypes.c_double * (2 * n))()
        byref = ctypes.byref
        idx: list[int] = []  # characters kept (not generated), in page order
        runs: list[tuple[int, int]] = []  # (first position in idx, object) per text object
        objects: dict[int, tuple] = {}
        last = None
        for i in range(n):
            obj = get_obj(tp, i)
            if obj is None:
                continue
            space = text[i] in _GENERATED
            if space and is_generated(tp, i):  # a space or line break PDFium inferred
                continue
            if obj != last:
                last = obj
                runs.append((len(idx), obj))
                if obj not in objects:
                    objects[obj] = self._object(tp, i, obj, geo)
            get_origin(tp, i, byref(origins, 16 * i), byref(origins, 16 * i + 8))
            if not space:  # a space only ends a word: its start and line are enough
                get_box(tp, i, byref(boxes, 16 * i))  # FS_RECTF: left, top, right, bottom
            idx.append(i)
        if not idx:
            return []
        box = memoryview(boxes).cast("B").cast("f").tolist()
        org = memoryview(origins).cast("B").cast("d").tolist()

        # Characters as (text, x0, top, x1, bottom, key); see _object for the key.
        chars: list[tuple] = []
        append = chars.append
        width_of = self._width
        runs.append((len(idx), None))
        for r in range(len(runs) - 1):
            start, obj = runs[r]
            end = runs[r + 1][0]
            fast, key, yk, h, xs, rest = objects[obj]
            font = rest[0]
            widths = self.widths.setdefault(font, {})
            if fast is not None:
                # Upright on an unrotated page, no skew: x0 is the origin, x1 the origin
                # plus the advance; the bottom the baseline plus the descent, the top one
                # size above it.
                top_of = fast  # top = top_of - y
                prev_x = None
                for p in range(start, end):
                    i = idx[p]
                    ch = text[i]
                    x0 = org[2 * i]
                    y0 = org[2 * i + 1] + yk
                    right = box[4 * i + 2]
                    if ch in _GENERATED:
                        append((ch, x0, top_of - y0 - h, x0, top_of - y0, key))
                        prev_x = None
                        continue
                    w = widths.get(ch)
                    if w is None:
                        w = widths[ch] = width_of(font, ch)
                    x1 = x0 + w * xs
                    if w <= 0 or x1 > right + 0.01:
                        x1 = right  # width unknown: the loose box's right (may include overhang)
                    if x0 == prev_x:
                        # Pieces of one glyph (a ligature PDFium spelled out): the glyph's box.
                        x1 = right
                        last_ch = chars[-1]
                        if last_ch[3] < right:
                            chars[-1] = (last_ch[0], last_ch[1], last_ch[2], right, last_ch[4], last_ch[5])
                    prev_x = x0
                    append((ch, x0, top_of - y0 - h, x1, top_of - y0, key))
            else:
                for p in range(start, end):
                    i = idx[p]
                    ch = text[i]
                    b = 4 * i
                    w = widths.get(ch)
                    if w is None:
                        w = widths[ch] = width_of(font, ch)
                    x0, top, x1, bottom = _char_box(
                        org[2 * i], org[2 * i + 1], w, (box[b], box[b + 3], box[b + 2], box[b + 1]), rest, geo
                    )
                    if key is None:  # rotated or skewed: the size is the box's height
                        size = bottom - top
                        append((ch, x0, top, x1, bottom, (rest[8], size, font, rest[1], rest[2])))
                    else:
                        append((ch, x0, top, x1, bottom, key))
        return _extract_words(chars)

    def _width(self, font, ch: str) -> float:
        """A character's advance width per 1000 of the font size, from the font's widths
        (looked up by Unicode: PDFium maps it back to the character code); 0 if unknown."""
        if font and len(ch) == 1 and self.glyph_width(font, ord(ch), 1000.0, self.float_ref):
            return max(0.0, self.float_buf.value)
        return 0.0

    def _text(self, textpage, tp, n: int) -> str:
        """The page's characters, one per index: from one call for the page when PDFium's
        text buffer lines up with the character indices (checked on a sample), else one
        call per character. PDFium marks a hyphen it takes for a line-break hyphen with
        U+0002 (U+FFFE in the buffer); those are given back as "-"."""
        c = self.c
        get_unicode = self.get_unicode
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
                if ch in _HYPHEN_MARKS and self.is_hyphen(tp, i):
                    chars[i] = "-"
            text = "".join(chars)
        return text

    def _object(self, tp, i: int, obj: int, geo: "_Geometry") -> tuple:
        """What every character of one text object shares: (fast, key, yk, h, xs, rest).

        `key` groups characters as pdfplumber's extra_attrs do: (upright, size, font,
        name, bold); None where the size differs per character (rotated text). On the
        fast path `fast` is the page's `top` offset, `yk` the descent below the baseline
        (negative), `h` the height (the size) and `xs` turns a width per 1000 into points.
        """
        m = self.matrix
        if not self.get_matrix(tp, i, self.matrix_ref):
            m.a, m.b, m.c, m.d = 1.0, 0.0, 0.0, 1.0
        fsize = self.float_buf
        if not self.obj_font_size(obj, self.float_ref) or fsize.value == 0:
            fsize.value = self.get_font_size(tp, i) or 1.0
        # PDFium holds these as 32-bit floats; pdfminer parses the decimal in the content
        # stream. The shortest decimal that gives the same float is that number (9.975,
        # not 9.97500038), so that sizes round as pdfminer's do.
        fs = _decimal(abs(fsize.value))
        font = self.obj_get_font(obj)
        name, bold, desc_p, asc_p, desc_m = self._font(font)
        a, b, cc, d = _decimal(m.a), _decimal(m.b), _decimal(m.c), _decimal(m.d)
        ra, rb, rc, rd = geo.rot
        # The character matrix in pdfminer's device space (after the page rotation).
        da, db = a * ra + b * rc, a * rb + b * rd
        dc, dd = cc * ra + d * rc, cc * rb + d * rd
        upright = da * dd > 0 and db * dc <= 0
        rest = (font, name, bold, fs, desc_p, asc_p, desc_m, (a, b, cc, d), upright)
        if geo.rotation == 0 and b == 0 and cc == 0 and d > 0 and a > 0:
            # pdfminer's size is the height of its box, y1 - y0, and carries the rounding
            # noise of the baseline: done the same way here so that it rounds the same.
            self.get_origin(tp, i, self.origin_x, self.origin_y)
            base = _decimal(self.origin_buf[1].value) - geo.y0
            descent = desc_m * fs
            size = (d * (descent + fs) + base) - (d * descent + base)
            key = (upright, size, font, name, bold)
            return geo.top_of, key, d * descent, d * fs, a * fs / 1000.0, rest
        if abs(db) < 1e-9 and abs(dc) < 1e-9:  # horizontal in pdfminer's frame
            size = abs(dd) * fs
            return None, (upright, size, font, name, bold), 0.0, 0.0, 0.0, rest
        return None, None, 0.0, 0.0, 0.0, rest  # the size is the box's height, per character

    def _font(self, font: int) -> tuple[str, bool, float, float, float]:
        """(name, bold, PDFium descent, PDFium ascent, pdfminer descent), per 1000."""
        hit = self.fonts.get(font)
        if hit is not None:
            return hit
        name = ""
        desc_p = asc_p = 0.0
        embedded = False
        if font:
            size = self.font_name(font, self.name_buf, len(self.name_buf))
            if 1 < size <= len(self.name_buf):
                name = self.name_buf.raw[: size - 1].decode("utf-8", "replace")
            value = ctypes.c_float()
            if self.font_descent(font, 1000.0, ctypes.byref(value)):
                desc_p = value.value
            if self.font_ascent(font, 1000.0, ctypes.byref(value)):
                asc_p = value.value
            embedded = self.font_embedded(font) == 1
        desc_m = -abs(desc_p)  # pdfminer turns a positive Descent around
        if not embedded and name in _AFM_DESCENT:
            desc_m = _AFM_DESCENT[name]
        desc_p, desc_m = desc_p / 1000.0, desc_m * 0.001  # as pdfminer scales it
        bold = is_bold(name)
        if not bold and font and not _WEIGHT_WORD.search(name):
            bold = self.font_weight(font) >= BOLD_WEIGHT
        hit = (name, bold, desc_p, asc_p / 1000.0, desc_m)
        self.fonts[font] = hit
        return hit


def _decimal(x: float) -> float:
    """The shortest decimal number that a 32-bit float holding `x` stands for."""
    for digits in (6, 7, 8):
        y = float(f"{x:.{digits}g}")
        if _F32.unpack(_F32.pack(y))[0] == x:
            return y
    return x


def _char_box(ox: float, oy: float, width: float, loose, rest, geo: "_Geometry") -> tuple[float, float, float, float]:
    """pdfminer's box for one character off the fast path (rotated, skewed, flipped, or on
    a rotated page), in pdfplumber's page coordinates.

    pdfminer's box is the rectangle [0, advance] x [descent, descent + size] in text space
    mapped by the character's matrix from its origin. The advance comes from the font's
    width; failing that, from PDFium's loose box, the bounding box of [0, advance] x
    [descent, ascent] mapped the same way (and widened to the glyph's outline).
    """
    font, name, bold, fs, desc_p, asc_p, desc_m, (a, b, cc, d), _ = rest
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


# -- words --------------------------------------------------------------------------------


def _extract_words(chars: list[tuple]) -> list[Word]:
    """pdfplumber's WordExtractor on (text, x0, top, x1, bottom, key) tuples, where key is
    (upright, size, font, name, bold): runs of equal (upright, size, font) in content
    order, then lines, then words."""
    words: list[Word] = []
    n = len(chars)
    start = 0
    while start < n:
        key = chars[start][5]
        gk = key[:3]
        end = start + 1
        while end < n and (chars[end][5] is key or chars[end][5][:3] == gk):
            end += 1
        _group_words(chars[start:end], key[0], words)
        start = end
    return words


def _group_words(group: list[tuple], upright: bool, words: list[Word]) -> None:
    # cluster_objects: the distinct line positions sorted, chained within the tolerance;
    # each line's characters in content order, then sorted (stable) along the line.
    if upright:
        values = sorted({ch[2] for ch in group})
        tolerance = Y_TOLERANCE
    else:
        values = sorted({ch[1] for ch in group})
        tolerance = X_TOLERANCE
    cluster: dict[float, int] = {}
    cid = 0
    last = values[0]
    for v in values:
        if v > last + tolerance:
            cid += 1
        cluster[v] = cid
        last = v
    if cid == 0:
        lines = [group]
    else:
        by_line: list[list[tuple]] = [[] for _ in range(cid + 1)]
        at = 2 if upright else 1
        for ch in group:
            by_line[cluster[ch[at]]].append(ch)
        lines = by_line
    for line in lines:
        if upright:
            line.sort(key=_X0)
            _line_words_ltr(line, words)
        else:
            line.sort(key=_TOP_BOTTOM)
            _line_words_ttb(line, words)


_X0 = itemgetter(1)
_TOP_BOTTOM = itemgetter(2, 4)
_LIGATURE_TABLE = str.maketrans(LIGATURES)


def _word(parts: list[str], x0: float, top: float, x1: float, bottom: float, key: tuple) -> Word:
    text = "".join(parts).translate(_LIGATURE_TABLE)
    return Word(text, x0, top, x1, bottom, round(key[1], 2), key[4], key[3])


def _line_words_ltr(line: list[tuple], words: list[Word]) -> None:
    """Split one line into words: at whitespace, where the next character starts left of
    the previous one's start or over 3pt right of its end, or its top moves over 3pt."""
    parts: list[str] | None = None
    px0 = px1 = ptop = wx0 = wx1 = wtop = wbottom = 0.0
    wkey: tuple = ()
    for t, x0, top, x1, bottom, key in line:
        if t.isspace():
            if parts is not None:
                words.append(_word(parts, wx0, wtop, wx1, wbottom, wkey))
                parts = None
            continue
        if parts is not None and (x0 < px0 or x0 > px1 + X_TOLERANCE or abs(top - ptop) > Y_TOLERANCE):
            words.append(_word(parts, wx0, wtop, wx1, wbottom, wkey))
            parts = None
        if parts is None:
            parts = [t]
            wx0, wtop, wx1, wbottom, wkey = x0, top, x1, bottom, key
        else:
            parts.append(t)
            if x1 > wx1:
                wx1 = x1
            if top < wtop:
                wtop = top
            if bottom > wbottom:
                wbottom = bottom
        px0, px1, ptop = x0, x1, top
    if parts is not None:
        words.append(_word(parts, wx0, wtop, wx1, wbottom, wkey))


def _line_words_ttb(line: list[tuple], words: list[Word]) -> None:
    """The same for rotated text, read top to bottom (pdfplumber's "ttb")."""
    current: list[tuple] = []
    for ch in line:
        if ch[0].isspace():
            if current:
                _emit(current, words)
                current = []
            continue
        if current:
            prev = current[-1]
            if ch[2] < prev[2] or ch[2] > prev[4] + Y_TOLERANCE or abs(ch[1] - prev[1]) > X_TOLERANCE:
                _emit(current, words)
                current = []
        current.append(ch)
    if current:
        _emit(current, words)


def _emit(chars: list[tuple], words: list[Word]) -> None:
    x0 = min(ch[1] for ch in chars)
    top = min(ch[2] for ch in chars)
    x1 = max(ch[3] for ch in chars)
    bottom = max(ch[4] for ch in chars)
    words.append(_word([ch[0] for ch in chars], x0, top, x1, bottom, chars[0][5]))


# -- rectangles and images ----------------------------------------------------------------


def _collect_shapes(c, page, geo: _Geometry, rects: list[Rect], images: list[Rect]) -> None:
    """Painted rectangles and images of the page, descending into form XObjects."""
    _walk(c, page, c.FPDFPage_CountObjects(page), c.FPDFPage_GetObject, (1, 0, 0, 1, 0, 0), geo, rects, images, 0)


def _walk(c, parent, count: int, get, matrix, geo, rects, images, depth: int) -> None:
    for k in range(count):
        obj = get(parent, k)
        if not obj:
            continue
        kind = c.FPDFPageObj_GetType(obj)
        if kind == c.FPDF_PAGEOBJ_PATH:
            _path_rects(c, obj, matrix, geo, rects)
        elif kind == c.FPDF_PAGEOBJ_IMAGE:
            m = _obj_matrix(c, obj)
            # The image fills the unit square of its own matrix.
            corners = [_apply(matrix, _apply(m, (u, v))) for u in (0, 1) for v in (0, 1)]
            x0, top, x1, bottom = geo.box(corners)
            images.append(Rect(x0, top, x1, bottom, "image"))
        elif kind == c.FPDF_PAGEOBJ_FORM and depth < 12:
            inner = _mul(_obj_matrix(c, obj), matrix)
            count = c.FPDFFormObj_CountObjects(obj)
            _walk(c, obj, count, c.FPDFFormObj_GetObject, inner, geo, rects, images, depth + 1)


def _obj_matrix(c, obj) -> tuple[float, float, float, float, float, float]:
    m = c.FS_MATRIX()
    if not c.FPDFPageObj_GetMatrix(obj, m):
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


def _path_rects(c, obj, matrix, geo: _Geometry, rects: list[Rect]) -> None:
    """pdfminer's LTRect test on each subpath: 'm l l l h' or 'm l l l l' closed, sides
    parallel to the axes after the transformation."""
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    if not c.FPDFPath_GetDrawMode(obj, fill, stroke) or (fill.value == 0 and not stroke.value):
        return  # not painted (a clipping path)
    n = c.FPDFPath_CountSegments(obj)
    if n < 4 or n > MAX_PATH_SEGMENTS:
        return
    # The shape of each subpath first ("m", "l", "c" per segment, "h" where it closes).
    segments = [c.FPDFPath_GetPathSegment(obj, s) for s in range(n)]
    shape: list[str] = []
    for seg in segments:
        kind = c.FPDFPathSegment_GetType(seg)
        shape.append("m" if kind == c.FPDF_SEGMENT_MOVETO else "l" if kind == c.FPDF_SEGMENT_LINETO else "c")
        if c.FPDFPathSegment_GetClose(seg):
            shape.append("h")
    shape_s = "".join(shape)
    if "mlll" not in shape_s:
        return
    m = None
    px, py = ctypes.c_float(), ctypes.c_float()
    pos = 0  # segment index at the start of the subpath
    for sub in re.finditer(r"m[^m]*", shape_s):
        sub_shape = sub.group()
        count = len(sub_shape) - sub_shape.count("h")
        first = pos
        pos += count
        if sub_shape not in ("mlllh", "mllll", "mllllh"):
            continue
        if m is None:
            m = _mul(_obj_matrix(c, obj), matrix)
        pts = []
        for seg in segments[first:pos]:
            c.FPDFPathSegment_GetPoint(seg, px, py)
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
