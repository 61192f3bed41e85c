"""The pypdfium2 backend against the pdfplumber one, on PDFs made here with reportlab.

Each sample PDF is read by both backends; the pdfium one must give the same pages, the
same words (text, size, bold), in the same order, with boxes within X_TOL / Y_TOL points,
and the same rectangles and images. `agreement()` measures it; `bench/backends.py --agree`
prints the figures for all samples.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

pytest.importorskip("reportlab")
pytest.importorskip("pypdfium2")

from reportlab.lib.pdfencrypt import StandardEncryption  # noqa: E402
from reportlab.lib.utils import ImageReader  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from intra_extract.backends import pdf_plumber  # noqa: E402
from intra_extract.backends import pdfium as pdfium_backend  # noqa: E402
from intra_extract.errors import InputError  # noqa: E402

X_TOL = 0.5  # points
Y_TOL = 1.0
A4 = (595.0, 842.0)

WORDS = (
    "the european regional development fund supports cooperation projects across borders "
    "and regions with partners from bulgaria slovenia spain portugal italy; 12 500 000 EUR "
    "(2021-2027) for 41 interregional events, 89 good practices and 300 regional actors."
).split()
CYRILLIC = "Проектът „Зелена икономика“ финансира 12 общини в България – срок: 31.12.2025 г."
LATIN_EXT = "Čezmejno sodelovanje: Ljubljana, Maribor; España, Andalucía; Portugal, Évora; Città"


# -- fonts ----------------------------------------------------------------------------------


def _ssp_file(style: str) -> str:
    try:
        import font_source_sans_pro as fsp
    except ImportError:
        pytest.skip("needs font-source-sans-pro (pip install font-source-sans-pro)")
    folder = getattr(fsp, "font_directory", None) or os.path.join(os.path.dirname(fsp.__file__), "files")
    return os.path.join(folder, f"SourceSansPro-{style}.ttf")


def register_fonts() -> None:
    for name, style in (("SSP", "Regular"), ("SSP-Bold", "Bold"), ("SSP-Semibold", "Semibold"), ("SSP-It", "It")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, _ssp_file(style)))


def _image(folder: Path) -> ImageReader:
    from PIL import Image

    path = folder / "pixel.png"
    if not path.exists():
        Image.new("RGB", (24, 12), (200, 30, 30)).save(path)
    return ImageReader(str(path))


# -- sample PDFs ----------------------------------------------------------------------------


def build_fonts(folder: Path) -> Path:
    """Several fonts and sizes, bold, Cyrillic and Latin-extended text in a TrueType font,
    a ligature, and text set with character spacing, horizontal scaling, rise and a
    scaled CTM."""
    register_fonts()
    path = folder / "fonts.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800.0
    for font, size in [
        ("Helvetica", 10),
        ("Helvetica-Bold", 14),
        ("Times-Roman", 9),
        ("Times-Bold", 11),
        ("Courier", 8),
        ("Courier-Bold", 12),
        ("Helvetica-Oblique", 7),
        ("SSP", 10),
        ("SSP-Bold", 12),
        ("SSP-Semibold", 10.5),
        ("SSP-It", 9.975),
    ]:
        c.setFont(font, size)
        if font == "SSP-It":  # no Cyrillic in the italic
            text = LATIN_EXT
        elif font.startswith("SSP"):
            text = CYRILLIC
        else:
            text = "Interreg Europe (2021-2027): 50% co-financing, 1,200 partners"
        c.drawString(50, y, f"{font} {size}: {text}")
        y -= size * 1.7
    c.setFont("SSP", 11)
    c.drawString(50, y, LATIN_EXT + " € ﬁnance ﬂow")
    y -= 20
    t = c.beginText(50, y)
    t.setFont("Helvetica", 10)
    t.textOut("Mixed ")
    t.setFont("Helvetica-Bold", 10)
    t.textOut("bold")
    t.setFont("Helvetica", 10)
    t.textOut(" and regular in one line; ")  # (with no space, "boldand" is one word of the text layer)
    t.setHorizScale(140)
    t.textOut("wide ")
    t.setHorizScale(100)
    t.setRise(3)
    t.textOut("risen")
    t.setRise(0)
    c.drawText(t)
    y -= 20
    t = c.beginText(50, y)
    t.setFont("Times-Roman", 10)
    t.setCharSpace(4)
    t.textOut("Spaced out letters")
    t.setCharSpace(0)  # Tc outlives the text object
    c.drawText(t)
    c.saveState()
    c.translate(50, y - 30)
    c.scale(2, 2)
    c.setFont("Helvetica", 6)
    c.drawString(0, 0, "Scaled by the CTM")
    c.restoreState()
    c.setFont("SSP", 6)
    c.drawString(50, y - 50, "Small print: " + " ".join(WORDS[:20]))
    c.showPage()
    c.save()
    return path


def build_columns(folder: Path, pages: int = 3, dense: bool = False) -> Path:
    """Bulletin-like pages: a bold title, two justified columns with bold headings, a
    boxed article, a filled banner and a picture."""
    register_fonts()
    path = folder / ("dense.pdf" if dense else "columns.pdf")
    c = canvas.Canvas(str(path), pagesize=A4)
    img = _image(folder)
    n = 0
    for page in range(pages):
        c.setFillGray(0.85)
        c.rect(40, 790, 515, 30, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont("SSP-Bold", 16)
        c.drawString(50, 800, f"Interreg bulletin no. {page + 1} — Бюлетин")
        if not dense:
            c.rect(310, 560, 245, 110, stroke=1, fill=0)
            c.drawImage(img, 320, 580, 60, 30)
        for x in (50.0, 310.0):
            y = 770.0
            while y > 50:
                if not dense and x == 310.0 and 555 < y < 675:
                    y -= 11
                    continue
                n += 1
                if n % 17 == 1:
                    c.setFont("SSP-Bold", 11)
                    c.drawString(x, y, f"{n // 17 + 1}. " + " ".join(WORDS[n % 9 : n % 9 + 4]).capitalize())
                    y -= 14
                    continue
                font, size = ("SSP", 9) if n % 3 or n % 5 == 0 else ("Times-Roman", 9)
                c.setFont(font, size)
                line, k = "", n
                while c.stringWidth(line + " " + WORDS[k % len(WORDS)], font, size) < 235:
                    line = (line + " " + WORDS[k % len(WORDS)]).strip()
                    k += 7
                if n % 5 == 0:
                    line = CYRILLIC[: len(line)]  # Source Sans Pro has the glyphs
                c.drawString(x, y, line)
                y -= 11 if dense else 12
        c.showPage()
    c.save()
    return path


def build_shapes(folder: Path) -> Path:
    """Drawn boxes: stroked, filled, made of four lines, inside a form XObject; a rule, a
    circle (neither is a rectangle); pictures on the page and in the form."""
    path = folder / "shapes.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    img = _image(folder)
    c.setFont("Helvetica", 10)
    c.rect(40, 600, 200, 100, stroke=1, fill=0)
    c.drawString(50, 680, "A boxed article")
    c.setFillGray(0.8)
    c.rect(300, 600, 200, 100, stroke=0, fill=1)
    c.setFillGray(0)
    c.drawString(310, 680, "A shaded banner")
    p = c.beginPath()
    p.moveTo(40, 500)
    p.lineTo(240, 500)
    p.lineTo(240, 560)
    p.lineTo(40, 560)
    p.close()
    c.drawPath(p, stroke=1, fill=0)
    p = c.beginPath()  # one path, two rectangles
    p.rect(260, 500, 40, 20)
    p.rect(320, 500, 40, 20)
    c.drawPath(p, stroke=0, fill=1)
    c.line(40, 450, 500, 450)
    c.circle(400, 500, 30, stroke=1, fill=0)
    c.drawImage(img, 400, 100, 80, 40)
    c.beginForm("logo")
    c.rect(5, 5, 100, 30, stroke=1, fill=0)
    c.drawString(10, 15, "Inside a form")
    c.drawImage(img, 120, 5, 40, 20)
    c.endForm()
    c.saveState()
    c.translate(100, 300)
    c.doForm("logo")
    c.restoreState()
    c.saveState()
    c.translate(100, 200)
    c.scale(1.5, 1.5)
    c.doForm("logo")
    c.restoreState()
    c.showPage()
    c.save()
    return path


def build_rotated(folder: Path) -> Path:
    """Text turned by 30, 90, 180 and -90 degrees and mirrored; pages with /Rotate."""
    path = folder / "rotated.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(50, 800, "Upright text on the first page")
    for angle, (x, y) in ((30, (300, 500)), (90, (50, 400)), (180, (300, 300)), (-90, (500, 400))):
        c.saveState()
        c.translate(x, y)
        c.rotate(angle)
        c.setFont("Helvetica", 12)
        c.drawString(0, 0, f"Turned by {angle} degrees")
        c.restoreState()
    c.saveState()
    c.translate(100, 200)
    c.scale(1, -1)
    c.setFont("Helvetica", 12)
    c.drawString(0, 0, "Mirrored")
    c.restoreState()
    c.showPage()
    for rotation in (90, 180, 270):
        c.setPageRotation(rotation)
        c.setFont("Helvetica", 10)
        c.drawString(100, 500, f"Page rotated by {rotation} degrees")
        c.rect(80, 480, 200, 40)
        c.showPage()
    c.save()
    return path


def _raw_pdf(path: Path, pages_attrs: bytes, page_attrs: bytes, content: bytes) -> Path:
    """A one-page PDF written by hand, for page-tree layouts reportlab does not make."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 " + pages_attrs + b" >>",
        b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R "
        + page_attrs
        + b" >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def build_page_boxes(folder: Path) -> list[Path]:
    """A MediaBox inherited from the page tree (with and without the page's own CropBox,
    with a /Rotate), and one that does not start at 0,0; text also outside the boxes."""
    text = b"BT /F1 12 Tf 50 250 Td (Inside the page box) Tj 0 -240 Td (Low on the page) Tj ET 40 40 100 50 re f"
    return [
        _raw_pdf(folder / "inherited.pdf", b"/MediaBox [0 0 400 300]", b"", text),
        _raw_pdf(folder / "inherited-crop.pdf", b"/MediaBox [0 0 400 300]", b"/CropBox [50 50 350 250]", text),
        _raw_pdf(folder / "inherited-rotate.pdf", b"/MediaBox [0 0 400 300] /Rotate 90", b"", text),
        _raw_pdf(folder / "offset.pdf", b"", b"/MediaBox [20 30 420 330]", text),
    ]


def build_encrypted(folder: Path, password: str = "secret") -> Path:
    path = folder / "encrypted.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=StandardEncryption(password, "owner-" + password))
    c.setFont("Helvetica", 12)
    c.drawString(100, 700, "Confidential partner list")
    c.showPage()
    c.save()
    return path


def all_samples(folder: Path) -> list[Path]:
    return [
        build_fonts(folder),
        build_columns(folder),
        build_shapes(folder),
        build_rotated(folder),
        *build_page_boxes(folder),
    ]


# -- comparison -----------------------------------------------------------------------------


@dataclass
class Agreement:
    pages: int = 0
    words: int = 0  # pdfplumber's
    agree: int = 0  # same text, size and bold, box within tolerance
    order_same_pages: int = 0
    max_dx: float = 0.0
    max_dy: float = 0.0
    rects: int = 0
    rects_same_pages: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.agree / self.words if self.words else 1.0


def _rect_key(r):
    return (r.kind, round(r.x0, 1), round(r.top, 1), round(r.x1, 1), round(r.bottom, 1))


def agreement(path: Path | str, password: str | None = None) -> Agreement:
    """Both backends on one PDF, word by word (matched by text and position)."""
    n1, pages1 = pdf_plumber.open_pdf(str(path), password)
    n2, pages2 = pdfium_backend.open_pdf(str(path), password)
    result = Agreement()
    if n1 != n2:
        result.problems.append(f"page count {n1} != {n2}")
    for p1, p2 in zip(pages1, pages2):
        result.pages += 1
        if (p1.number, p1.width, p1.height) != (p2.number, p2.width, p2.height):
            result.problems.append(f"p{p1.number} size {(p1.width, p1.height)} != {(p2.width, p2.height)}")
        if [(w.text, w.size, w.bold) for w in p1.words] == [(w.text, w.size, w.bold) for w in p2.words]:
            result.order_same_pages += 1
        left = list(p2.words)
        for w in p1.words:
            result.words += 1
            hit = next(
                (j for j, v in enumerate(left) if v.text == w.text and abs(v.x0 - w.x0) < 3 and abs(v.top - w.top) < 3),
                None,
            )
            if hit is None:
                result.problems.append(f"p{p1.number} missing {w}")
                continue
            v = left.pop(hit)
            dx = max(abs(v.x0 - w.x0), abs(v.x1 - w.x1))
            dy = max(abs(v.top - w.top), abs(v.bottom - w.bottom))
            result.max_dx = max(result.max_dx, dx)
            result.max_dy = max(result.max_dy, dy)
            if (v.size, v.bold) != (w.size, w.bold) or dx > X_TOL or dy > Y_TOL:
                result.problems.append(f"p{p1.number} differs: {w} vs {v}")
                continue
            result.agree += 1
        result.problems.extend(f"p{p1.number} extra {v}" for v in left)
        result.rects += len(p1.rects)
        if sorted(map(_rect_key, p1.rects)) == sorted(map(_rect_key, p2.rects)):
            result.rects_same_pages += 1
        else:
            result.problems.append(
                f"p{p1.number} rects {sorted(map(_rect_key, p1.rects))} != {sorted(map(_rect_key, p2.rects))}"
            )
    return result


# -- tests ----------------------------------------------------------------------------------

SAMPLES = {
    "fonts": lambda d: [build_fonts(d)],
    "columns": lambda d: [build_columns(d)],
    "shapes": lambda d: [build_shapes(d)],
    "rotated": lambda d: [build_rotated(d)],
    "page boxes": build_page_boxes,
}


# Rotated characters each get their own size (their box's height) and pdfplumber groups
# them by it: its float noise decides the order of those words, which is not reproduced.
ROTATED_TEXT = {"rotated.pdf", "inherited-rotate.pdf"}


@pytest.mark.parametrize("sample", list(SAMPLES))
def test_same_pages_words_and_boxes_as_pdfplumber(sample, tmp_path):
    for path in SAMPLES[sample](tmp_path):
        result = agreement(path)
        assert result.words > 0
        assert not result.problems, f"{path.name}: " + "\n".join(result.problems[:20])
        assert result.agree == result.words
        if path.name not in ROTATED_TEXT:
            assert result.order_same_pages == result.pages, f"{path.name}: words in another order"
        assert result.rects_same_pages == result.pages


def test_word_attributes(tmp_path):
    pages = list(pdfium_backend.open_pdf(str(build_fonts(tmp_path)))[1])
    words = {}
    for w in pages[0].words:
        words.setdefault(w.text, w)  # the first of each
    cyrillic = [w for w in pages[0].words if w.text == "Проектът"]
    assert [(w.font, w.bold, w.size) for w in cyrillic] == [
        ("SourceSansPro-Regular", False, 10.0),
        ("SourceSansPro-Bold", True, 12.0),
        ("SourceSansPro-Semibold", True, 10.5),
    ]
    assert words["Helvetica-Bold"].bold and words["Helvetica-Bold"].size == 14.0
    assert words["SSP-Semibold"].bold and words["SSP-Semibold"].size == 10.5
    # 9.975pt: rounds as pdfminer's size (with its float noise) rounds, the same as pdfplumber's.
    reference = next(pdf_plumber.open_pdf(str(tmp_path / "fonts.pdf"))[1])
    assert words["9.975:"].size == next(w.size for w in reference.words if w.text == "9.975:")
    assert words["bold"].bold and not words["Mixed"].bold
    assert "finance" in words and "flow" in words  # ligatures spelled out
    assert words["Scaled"].size == 12.0  # 6pt in a CTM scaled by 2
    assert {"Čezmejno", "Andalucía;", "Évora;", "Città", "€"} <= set(words)
    # The box: from the descent below the baseline up one size; x from the advance.
    w = words["Interreg"]
    assert w.bottom - w.top == pytest.approx(w.size, abs=0.01)


def test_rects_and_images(tmp_path):
    page = next(pdfium_backend.open_pdf(str(build_shapes(tmp_path)))[1])
    got = sorted((r.kind, r.x0, r.top, r.x1, r.bottom) for r in page.rects)
    want = sorted(
        [
            ("rect", 40, 142, 240, 242),  # stroked
            ("rect", 300, 142, 500, 242),  # filled
            ("rect", 40, 282, 240, 342),  # four lines, closed
            ("rect", 260, 322, 300, 342),  # two in one path
            ("rect", 320, 322, 360, 342),
            ("rect", 105, 507, 205, 537),  # in the form
            ("rect", 107.5, 589.5, 257.5, 634.5),  # in the form, scaled
            ("image", 400, 702, 480, 742),
            ("image", 220, 517, 260, 537),  # in the form
            ("image", 280, 604.5, 340, 634.5),
        ]
    )
    assert [g[0] for g in got] == [w[0] for w in want]
    assert [g[1:] for g in got] == [pytest.approx(w[1:], abs=0.01) for w in want]


def test_columns_read_like_pdfplumber_on_dense_pages(tmp_path):
    result = agreement(build_columns(tmp_path, pages=2, dense=True))
    assert result.words > 1500
    assert not result.problems, "\n".join(result.problems[:20])
    assert result.max_dx < 0.01 and result.max_dy < 0.01


def test_encrypted_pdf_needs_the_password(tmp_path):
    path = str(build_encrypted(tmp_path))
    for password in (None, "", "wrong"):
        with pytest.raises(InputError) as err:
            pdfium_backend.open_pdf(path, password)
        assert err.value.code == "encrypted"
    n, pages = pdfium_backend.open_pdf(path, "secret")
    assert n == 1
    assert [w.text for w in next(pages).words] == ["Confidential", "partner", "list"]
    assert not agreement(path, "secret").problems


def test_broken_files(tmp_path):
    good = build_columns(tmp_path, pages=2).read_bytes()
    cases = {
        "truncated.pdf": good[: len(good) // 2],
        "header-only.pdf": good[:400],
        "garbage.pdf": b"%PDF-1.4\n" + bytes(range(256)) * 20,
        "empty.pdf": b"",
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(InputError) as err:
            n, pages = pdfium_backend.open_pdf(str(path))
            list(pages)
        assert err.value.code == "corrupt", name
    with pytest.raises(InputError) as err:
        pdfium_backend.open_pdf(str(tmp_path / "missing.pdf"))
    assert err.value.code == "unreadable"


def test_pages_are_read_one_at_a_time(tmp_path, monkeypatch):
    path = str(build_columns(tmp_path, pages=3))
    read = []
    original = pdfium_backend._Reader.read_page

    def spy(self, pdf, index):
        read.append(index)
        return original(self, pdf, index)

    monkeypatch.setattr(pdfium_backend._Reader, "read_page", spy)
    n, pages = pdfium_backend.open_pdf(path)
    assert n == 3 and read == []
    first = next(pages)
    assert first.number == 1 and read == [0]
    pages.close()  # dropping the iterator half-way closes the document
    assert read == [0]
    assert [p.number for p in pdfium_backend.open_pdf(path)[1]] == [1, 2, 3]
