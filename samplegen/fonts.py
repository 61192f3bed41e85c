"""Fonts for the sample PDFs.

Body text uses Source Sans Pro (package `font-source-sans-pro`: Latin, Latin-extended and
Cyrillic). Bullets use a tiny Symbol/Wingdings-like TrueType font built here with fontTools'
FontBuilder: its only glyphs sit at the private-use code points U+F0A7 and U+F0B7, so the PDF's
text layer carries the PUA character, exactly as Word-made PDFs with Wingdings bullets do.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache

REGULAR = "SSP-Regular"
BOLD = "SSP-Bold"
ITALIC = "SSP-Italic"
SYMBOL = "IntraSymbolBullets"

PUA_SQUARE = "\uf0a7"  # Wingdings "§" slot: a small square bullet
PUA_BULLET = "\uf0b7"  # Symbol "·" slot: a round-ish bullet (drawn square here)

_FIXED_TIME = 3_600_000_000  # seconds since 1904 (head table); any fixed value keeps output stable


def source_sans_files() -> dict[str, str]:
    try:
        import font_source_sans_pro as fsp
    except ImportError as exc:  # pragma: no cover - install hint
        raise RuntimeError(
            "sample generation needs the font package: pip install 'intra-extract[samples]'"
        ) from exc
    folder = fsp.font_directory
    return {
        REGULAR: os.path.join(folder, "SourceSansPro-Regular.ttf"),
        BOLD: os.path.join(folder, "SourceSansPro-Bold.ttf"),
        ITALIC: os.path.join(folder, "SourceSansPro-It.ttf"),
    }


def build_symbol_font() -> bytes:
    """A TrueType font with a square glyph at U+F0A7 and U+F0B7 (and a space)."""
    from io import BytesIO

    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    def square(x0: int, y0: int, x1: int, y1: int):
        pen = TTGlyphPen(None)
        pen.moveTo((x0, y0))
        pen.lineTo((x0, y1))
        pen.lineTo((x1, y1))
        pen.lineTo((x1, y0))
        pen.closePath()
        return pen.glyph()

    empty = TTGlyphPen(None).glyph()
    order = [".notdef", "space", "uniF0A7", "uniF0B7"]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap({0x20: "space", 0xF0A7: "uniF0A7", 0xF0B7: "uniF0B7"})
    fb.setupGlyf(
        {
            ".notdef": square(50, 0, 450, 700),
            "space": empty,
            "uniF0A7": square(120, 220, 480, 580),
            "uniF0B7": square(150, 250, 450, 550),
        }
    )
    fb.setupHorizontalMetrics({".notdef": (500, 50), "space": (250, 0), "uniF0A7": (600, 120), "uniF0B7": (600, 150)})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "Intra Symbol Bullets", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
    fb.setupPost()
    fb.setupHead(unitsPerEm=1000, created=_FIXED_TIME, modified=_FIXED_TIME)
    out = BytesIO()
    fb.save(out)
    return out.getvalue()


@lru_cache(maxsize=1)
def symbol_font_path() -> str:
    data = build_symbol_font()
    digest = hashlib.sha256(data).hexdigest()[:12]
    path = os.path.join(tempfile.gettempdir(), f"intra-symbol-bullets-{digest}.ttf")
    if not os.path.exists(path):
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    return path


@lru_cache(maxsize=1)
def register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, path in source_sans_files().items():
        pdfmetrics.registerFont(TTFont(name, path))
    pdfmetrics.registerFont(TTFont(SYMBOL, symbol_font_path()))
