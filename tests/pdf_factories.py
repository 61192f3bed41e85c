"""Our own PDFs that reproduce what real PDFs do to a reader (issue #14), made at test time.

Each factory writes one small PDF to `folder` and returns its path together with what a
reader must find in it. reportlab draws most of them; the two a drawing library does not
make (a glyph with no Unicode, a banner before the header) are written or patched by hand.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

A4 = (595.0, 842.0)
BODY = (
    "Regional partners share good practices for cooperation across borders and the managing "
    "authority reports progress on every project of the programme each year"
).split()


def _ssp() -> str | None:
    """Source Sans Pro (TrueType) when the font package is there: a font with a ToUnicode map."""
    try:
        import font_source_sans_pro as fsp
    except ImportError:
        return None
    folder = getattr(fsp, "font_directory", None) or os.path.join(os.path.dirname(fsp.__file__), "files")
    path = os.path.join(folder, "SourceSansPro-Regular.ttf")
    if "SSP" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("SSP", path))
    return "SSP"


def _page(path: Path) -> canvas.Canvas:
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 10)
    return c


def banner_before_header(folder: Path, banner: bytes = b"") -> tuple[Path, list[str]]:
    """A valid PDF after a banner of a few hundred bytes (a mail gateway's or a web form's),
    within the 1,024 bytes where PDF readers look for `%PDF-`."""
    path = folder / "banner.pdf"
    c = _page(path)
    c.drawString(72, 760, "The report of the joint secretariat")
    c.save()
    banner = banner or b"Content-Type: application/pdf\r\nX-Scanned-By: gateway\r\n" + b"#" * 300 + b"\r\n"
    path.write_bytes(banner + path.read_bytes())
    return path, ["The", "report", "of", "the", "joint", "secretariat"]


def outside_bmp(folder: Path) -> tuple[Path, list[str]]:
    """Characters outside the Basic Multilingual Plane (mathematical bold letters, an emoji):
    a font whose ToUnicode map gives them as UTF-16 pairs, which PDFium hands out as two
    halves each."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Astral def "
        b"1 begincodespacerange <00> <FF> endcodespacerange "
        b"3 beginbfchar <41> <D835DC00> <42> <D835DC01> <43> <D83DDE00> endbfchar "
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    content = b"BT /F1 12 Tf 72 760 Td (Score ) Tj /F2 12 Tf (AB) Tj /F1 12 Tf ( for partners ) Tj /F2 12 Tf (C) Tj /F1 12 Tf ( and regions) Tj ET"
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding /ToUnicode 7 0 R >>"
    path = folder / "astral.pdf"
    path.write_bytes(_one_page(content, font, _stream(cmap)))
    return path, ["Score", "\U0001d400\U0001d401", "for", "partners", "\U0001f600", "and", "regions"]


def _raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF file from numbered object bodies (1-based), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _one_page(content: bytes, font: bytes, font_part: bytes) -> bytes:
    """One A4 page drawing `content` with Helvetica as /F1 and `font` as /F2 (object 6),
    whose `font_part` (a map, a glyph) is object 7."""
    return _raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        font,
        font_part,
    ])


def _stream(content: bytes) -> bytes:
    data = zlib.compress(content)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"


def unmapped_glyphs(folder: Path) -> tuple[Path, list[str]]:
    """A line in Helvetica, then glyphs of a Type 3 font with neither a ToUnicode map nor
    glyph names a reader knows: their codes (0x00, 0x01, 0x1f) have no Unicode, and a
    reader that passes the code on puts control characters in the text."""
    content = (
        b"BT /F1 12 Tf 72 760 Td (Mapped words come first) Tj ET\n"
        b"BT /F2 12 Tf 72 730 Td <00011f> Tj ( ) Tj ET\n"
        b"BT /F1 12 Tf 72 700 Td (and mapped words after) Tj ET\n"
    )
    glyph = b"0 0 0 0 8 8 d1 0 0 8 8 re f"
    font = (
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 8 8] /FontMatrix [0.1 0 0 0.1 0 0] "
        b"/CharProcs << /q0 7 0 R >> /Encoding << /Type /Encoding /Differences [0 /q0 /q0 31 /q0] >> "
        b"/FirstChar 0 /LastChar 31 "
        b"/Widths [" + b" ".join([b"9"] * 32) + b"] /Resources << >> >>"
    )
    path = folder / "unmapped.pdf"
    path.write_bytes(_one_page(content, font, _stream(glyph)))
    return path, ["Mapped", "words", "come", "first", "and", "mapped", "words", "after"]


def tight_justified(folder: Path) -> tuple[Path, list[str]]:
    """Justified lines in a small font where the spaces are squeezed: word gaps of 2pt at
    8pt, under the 3pt a fixed tolerance needs. The spaces are drawn as glyphs on
    some lines and left out (words placed one by one) on others, as typesetters do."""
    path = folder / "tight.pdf"
    c = _page(path)
    size = 8.0
    y = 760.0
    words: list[str] = []
    for line_no in range(3):
        line = BODY[line_no * 7 : line_no * 7 + 7]
        words += line
        if line_no % 2:
            t = c.beginText(72, y)
            t.setFont("Times-Roman", size)
            t.setWordSpace(-0.5)  # the space glyph, narrowed: 2pt - 0.5pt
            t.textOut(" ".join(line))
            c.drawText(t)
        else:
            x = 72.0
            c.setFont("Times-Roman", size)
            for w in line:
                c.drawString(x, y, w)
                x += c.stringWidth(w, "Times-Roman", size) + 2.0  # a quarter em
        y -= 11
    c.save()
    return path, words


def author_list(folder: Path) -> tuple[Path, list[str]]:
    """Authors as typeset by LaTeX: each name drawn word by word with a thin gap and no
    space glyph, superscript marks, commas; a table cell "SURNAME,FIRSTNAME"."""
    path = folder / "authors.pdf"
    c = _page(path)
    names = [("Maria", "Petrova"), ("Luca", "Bianchi"), ("Ana", "Horvat")]
    x, y = 72.0, 760.0
    words: list[str] = []
    for k, (first, last) in enumerate(names):
        for part, font in ((first, "Times-Roman"), (last, "Times-Roman")):
            c.setFont(font, 11)
            c.drawString(x, y, part)
            x += c.stringWidth(part, font, 11) + 2.2  # an interword gap of 0.2 em, no glyph
        c.setFont("Times-Roman", 7)
        c.drawString(x - 2.2, y + 4, str(k + 1))  # the superscript mark
        x += 4
        if k < len(names) - 1:
            c.setFont("Times-Roman", 11)
            c.drawString(x - 2.2, y, ",")
            x += 3.5
        words += [first, last]
    c.setFont("Helvetica", 9)
    c.drawString(72, 700, "PETROVA,MARIA")
    c.save()
    return path, words


def small_caps(folder: Path) -> tuple[Path, list[str]]:
    """A title in small caps: each word's first letter at full size, the rest smaller and
    drawn as a separate run right after it (no gap)."""
    path = folder / "smallcaps.pdf"
    c = _page(path)
    x, y = 72.0, 760.0
    title = ["QWEN2", "TECHNICAL", "REPORT"]
    for word in title:
        c.setFont("Times-Roman", 14)
        c.drawString(x, y, word[0])
        x += c.stringWidth(word[0], "Times-Roman", 14)
        c.setFont("Times-Roman", 11)
        c.drawString(x, y, word[1:])
        x += c.stringWidth(word[1:], "Times-Roman", 11) + 4.5
    c.setFont("Times-Roman", 10)
    c.drawString(72, 730, "The body of the report follows here.")
    c.save()
    return path, title


def footnote_marks(folder: Path) -> tuple[Path, list[str]]:
    """Footnote marks and an exponent: digits at 6pt raised 3.5pt, right after a word at
    10pt (no gap), as the text layer has them ("Extremadura4"); and the footnote itself
    under the body, its number raised at the start of the line (no word before it)."""
    path = folder / "footnotes.pdf"
    c = _page(path)
    x, y = 72.0, 760.0
    for word, mark, kern in (("Partners", "", 0), ("met", "", 0), ("in", "", 0), ("Extremadura", "4", 0),
                             ("in", "", 0), ("March", "", 0), ("2019", "12", 0), ("on", "", 0), ("120", "", 0),
                             ("m", "2", 0), ("near", "", 0), ("Varna", "3", 0.8)):
        c.setFont("Helvetica", 10)
        c.drawString(x, y, word)
        x += c.stringWidth(word, "Helvetica", 10)
        if mark:  # (`kern`: drawn that much into the word's last letter)
            c.setFont("Helvetica", 6)
            c.drawString(x - kern, y + 3.5, mark)
            x += c.stringWidth(mark, "Helvetica", 6) - kern
        x += c.stringWidth(" ", "Helvetica", 10)
    c.setFont("Helvetica", 6)
    c.drawString(72, 703.5, "4")
    c.setFont("Helvetica", 8)
    c.drawString(76, 700, "The region of the partner from Spain.")
    c.save()
    return path, ["Partners", "met", "in", "Extremadura⁴", "in", "March", "2019¹²", "on", "120", "m²", "near", "Varna³"]


def space_over_next_glyph(folder: Path) -> tuple[Path, list[str]]:
    """A space of the text layer whose box starts 0.4pt right of where the next glyph starts
    (a glyph kerned back into the space): content order has the space first."""
    path = folder / "spacekern.pdf"
    c = _page(path)
    c.setFont("Helvetica", 10)
    c.drawString(72, 760, "Contact region ")
    c.drawString(72 + c.stringWidth("Contact region", "Helvetica", 10) - 0.4, 760, "6618-6471 today")
    c.save()
    return path, ["Contact", "region", "6618-6471", "today"]


def letter_spaced(folder: Path) -> tuple[Path, list[str]]:
    """A heading set with wide character spacing (Tc 3pt at 12pt) and word spacing, and a
    body line under it."""
    path = folder / "spaced.pdf"
    c = _page(path)
    t = c.beginText(72, 760)
    t.setFont("Helvetica-Bold", 12)
    t.setCharSpace(3)
    t.setWordSpace(6)
    t.textOut("REGIONAL PROGRAMME")
    t.setCharSpace(0)
    t.setWordSpace(0)
    c.drawText(t)
    c.setFont("Helvetica", 10)
    c.drawString(72, 735, "The programme supports regions.")
    c.save()
    return path, ["REGIONAL", "PROGRAMME", "The", "programme", "supports", "regions."]


def font_change_in_word(folder: Path) -> tuple[Path, list[str]]:
    """A display line whose words change font and colour mid-word with no space in the text
    layer: "Harbour" in one face, then "Master" in another, kerned so that the second run
    starts a little inside the last letter of the first (0.06 em at 60pt); and a word whose
    second run starts well inside the first run's last glyph."""
    path = folder / "fontchange.pdf"
    c = _page(path)
    x, y, size = 40.0, 700.0, 60.0
    for part, font, colour in (("Harbour", "Helvetica-Bold", (0, 0, 0)), ("Master", "Times-Bold", (0.9, 0.1, 0.05))):
        c.setFillColorRGB(*colour)
        c.setFont(font, size)
        c.drawString(x, y, part)
        x += c.stringWidth(part, font, size) - 0.06 * size
    c.setFillColorRGB(0, 0, 0)
    # an OCR layer's invisible text: a glyph's box much wider than its place, the next run
    # (another font) starting 0.4 em inside it, past its start
    c.setFont("Times-Roman", 14)
    c.drawString(40, 600, "W")
    c.setFont("Helvetica", 15)
    c.drawString(40 + c.stringWidth("W", "Times-Roman", 14) - 0.4 * 15, 600, "14")
    c.setFont("Helvetica", 10)
    c.drawString(40, 560, "A plain line under it.")
    c.save()
    return path, ["HarbourMaster", "W14", "A", "plain", "line", "under", "it."]


def fake_bold(folder: Path) -> tuple[Path, list[str], int]:
    """Bold faked by drawing text again a fraction of a point off, as some report writers
    do, in text objects cut differently from the first drawing's (PDFium itself drops a
    copy that is the same text object again, but not these): a title drawn as one line,
    then again word by word; a heading whose bold words start mid-line, each glyph drawn
    twice in a row; a line drawn four times; and a body line with double letters
    ("cooperation", "across") drawn once. Returns the path, the words a reader must find
    (each once) and how many characters are doubles."""
    path = folder / "fakebold.pdf"
    c = _page(path)

    def word_by_word(text: str, x: float, y: float, size: float) -> None:
        for word in text.split():
            c.drawString(x, y, word)
            x += c.stringWidth(word + " ", "Helvetica", size)

    title = "Annual Report of the Programme"
    c.setFont("Helvetica", 16)
    c.drawString(72, 760, title)
    word_by_word(title, 72.3, 760, 16)
    lead, bold = "Section two:", "Cross border projects"
    c.setFont("Helvetica", 11)
    c.drawString(72, 720, lead)
    x = 72 + c.stringWidth(lead + " ", "Helvetica", 11)
    for ch in bold:
        t = c.beginText(x, 720)
        t.textOut(ch)
        t.moveCursor(0.25, 0)
        t.textOut(ch)
        c.drawText(t)
        x += c.stringWidth(ch, "Helvetica", 11)
    stamp = "Approved by the committee"
    c.drawString(72, 690, stamp)
    for dx, dy in ((0.2, 0), (0, 0.2), (0.2, 0.2)):
        word_by_word(stamp, 72 + dx, 690 + dy, 11)
    body = " ".join(BODY[:12])
    c.setFont("Helvetica", 10)
    c.drawString(72, 660, body)
    c.save()
    letters = lambda s: sum(not ch.isspace() for ch in s)  # noqa: E731
    words = title.split() + lead.split() + bold.split() + stamp.split() + body.split()
    return path, words, letters(title) + letters(bold) + 3 * letters(stamp)


def overdrawn_line(folder: Path) -> tuple[Path, list[str]]:
    """A ledger line whose particulars run on (under a clip, in the real thing) into the
    amount column, where the amount is drawn over them on the same baseline; and a code
    whose glyphs are placed out of order (the second part drawn a little back inside the
    first, with no space). Returns the words in the text layer's order."""
    path = folder / "overdrawn.pdf"
    c = _page(path)
    c.setFont("Helvetica", 9)
    bills = "Bills 133, 132, 139, 144, 156, 155, 154, 164, 163, 165"
    c.drawString(72, 700, bills)
    c.drawString(72 + c.stringWidth("Bills 133, 132, ", "Helvetica", 9), 700, "26406576")
    t = c.beginText(72, 660)
    t.setFont("Helvetica", 9)
    t._code.append("[(7728) 667 (-AA-2076)] TJ")  # the second part starts 6pt back inside the first
    c.drawText(t)
    c.drawString(72, 620, "Closing balance")
    c.save()
    return path, bills.split() + ["26406576", "7728-AA-2076", "Closing", "balance"]


def ligatures(folder: Path) -> tuple[Path, list[str]]:
    """Ligature glyphs whose ToUnicode map gives two or three letters ("ff", "ffi"), as
    TeX's fonts do: PDFium hands out each letter on its own, all at the glyph's one origin,
    which is no glyph drawn twice."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Ligatures def "
        b"1 begincodespacerange <00> <FF> endcodespacerange "
        b"2 beginbfchar <41> <00660066> <42> <006600660069> endbfchar "
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    content = (
        b"BT /F1 12 Tf 72 760 Td (The o) Tj /F2 12 Tf (A) Tj /F1 12 Tf (icer of the port is e) Tj "
        b"/F2 12 Tf (B) Tj /F1 12 Tf (cient and the sta) Tj /F2 12 Tf (A) Tj /F1 12 Tf ( too) Tj ET"
    )
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 7 0 R >>"
    path = folder / "ligatures.pdf"
    path.write_bytes(_one_page(content, font, _stream(cmap)))
    return path, ["The", "officer", "of", "the", "port", "is", "efficient", "and", "the", "staff", "too"]


def right_to_left(folder: Path) -> tuple[Path, list[str]]:
    """A line of Hebrew between two English ones, drawn as right-to-left writers draw it:
    glyph after glyph in reading order, each left of the one before (a font whose ToUnicode
    map gives Hebrew letters). Returns the words in reading (logical) order."""
    line = "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd \u05d2\u05d3\u05d5\u05dc"
    letters = sorted(set(line.replace(" ", "")))
    code = {ch: 0x41 + i for i, ch in enumerate(letters)}
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Hebrew def "
        b"1 begincodespacerange <00> <FF> endcodespacerange "
        + b"%d beginbfchar " % len(letters)
        + b" ".join(b"<%02X> <%04X>" % (code[ch], ord(ch)) for ch in letters)
        + b" endbfchar endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    parts = [b"BT /F1 12 Tf 72 760 Td (Before the line) Tj ET"]
    x = 400.0
    for ch in line:
        x -= 4 if ch == " " else 8
        if ch != " ":
            parts.append(b"BT /F2 12 Tf %.2f 730 Td <%02X> Tj ET" % (x, code[ch]))
    parts.append(b"BT /F1 12 Tf 72 700 Td (After the line) Tj ET")
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 7 0 R >>"
    path = folder / "rtl.pdf"
    path.write_bytes(_one_page(b"\n".join(parts), font, _stream(cmap)))
    return path, ["Before", "the", "line", *line.split(), "After", "the", "line"]
