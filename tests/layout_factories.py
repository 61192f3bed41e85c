"""Our own PDFs for the layout tests, made at test time with reportlab: each reproduces one
class of real page the layout once got wrong (issue #14). Every factory writes `path` and
returns what a correct reading gives (word order, titles, furniture)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

W, H = A4
BODY = "Helvetica"
BOLD = "Helvetica-Bold"


def _words(prefix: str, n: int) -> list[str]:
    return [f"{prefix}{i:03d}" for i in range(n)]


def _flow(c: canvas.Canvas, words: list[str], x: float, y: float, width: float, size: float = 10,
          leading: float = 12.5, font: str = BODY) -> float:
    """Set `words` as ragged-right lines in [x, x + width] from baseline y down; return the
    baseline after the last line."""
    c.setFont(font, size)
    line: list[str] = []
    for w in words:
        trial = " ".join(line + [w])
        if line and c.stringWidth(trial, font, size) > width:
            c.drawString(x, y, " ".join(line))
            y -= leading
            line = [w]
        else:
            line.append(w)
    if line:
        c.drawString(x, y, " ".join(line))
        y -= leading
    return y


def frame_and_rectangle(path: Path) -> list[str]:
    """A drawn rectangle and a frame of four thin rules around the same text area: both are
    page borders, so the words inside are the page's body."""
    c = canvas.Canvas(str(path), pagesize=A4)
    words = _words("w", 240)
    c.rect(40, 60, W - 80, H - 120)  # the rectangle
    for x, y, w, h in ((38, 58, W - 76, 0.5), (38, H - 58, W - 76, 0.5), (38, 58, 0.5, H - 116), (W - 38, 58, 0.5, H - 116)):
        c.rect(x, y, w, h, stroke=0, fill=1)  # the frame: four hairline rules
    _flow(c, words, 60, H - 90, W - 120)
    c.save()
    return words


def three_narrow_columns(path: Path, lines: int = 3) -> list[str]:
    """A gazette page: three narrow columns (about 21 em) of short notices of `lines` lines,
    set on one grid, so the page cuts into strips of a few rows across all three columns,
    none tall enough to prove its gutters alone."""
    c = canvas.Canvas(str(path), pagesize=A4)
    width, gutter, size = 170, 7, 8
    words: list[str] = []
    k = 0
    for col in range(3):
        x, y = 36 + col * (width + gutter), H - 60
        c.setFont(BODY, size)
        while y > 80:
            for _ in range(lines):
                # words of varied length, so no word gaps line up down the column
                line = [f"n{col}{k:03d}{j}" + "x" * ((7 * k + 3 * j) % 6) for j in range(4)]
                k += 1
                c.drawString(x, y, " ".join(line))
                words += line
                y -= 1.2 * size
            y -= 11  # the blank between two notices
    c.save()
    return words


STAMP = "arXiv:2001.01234v1 [cs.CL] 12 Jan 2020"


def margin_stamp(path: Path) -> list[str]:
    """A body paragraph with a stamp set sideways (bottom to top) in the left margin."""
    c = canvas.Canvas(str(path), pagesize=A4)
    words = _words("b", 200)
    _flow(c, words, 72, H - 80, W - 144)
    c.saveState()
    c.translate(30, 260)
    c.rotate(90)
    c.setFont("Times-Roman", 20)
    c.drawString(0, 0, STAMP)
    c.restoreState()
    c.save()
    return words


FOOTER = "Annual statistics of the region"
HEADER = "Regional yearbook 2020"
FIRST_FOLIO = 47698  # a journal's running page numbers: five digits


def table_near_foot(path: Path, pages: int = 3) -> list[list[str]]:
    """Pages of text ending in a table of figures in the bottom band, the rows different on
    every page but alike once digits are folded; a running footer below, a running header
    above with the volume's page number (set 6 pt higher on the first page). Returns each
    page's table rows."""
    c = canvas.Canvas(str(path), pagesize=A4)
    tables = []
    for p in range(pages):
        c.setFont(BODY, 8)
        y = H - 40 + (6 if p == 0 else 0)
        c.drawString(60, y, HEADER)
        c.drawRightString(W - 60, H - 40, str(FIRST_FOLIO + p))
        _flow(c, _words(f"p{p}w", 300), 60, H - 70, W - 120)
        rows = []
        for r in range(5):
            y = 95 - 11 * r + 5  # all within the bottom 12 % of the page
            cells = [f"{1000 * (p + 1) + 10 * r}", f"{(p + 3) * (r + 7)}.{r}", f"{(p + 2) * 111 + r}"]
            for k, cell in enumerate(cells):
                c.setFont(BODY, 9)
                c.drawString(80 + 120 * k, y, cell)
            rows.append(" ".join(cells))
        tables.append(rows)
        c.setFont(BODY, 8)
        c.drawString(60, 30, FOOTER)
        c.drawRightString(W - 60, 30, str(p + 1))
        c.showPage()
    c.save()
    return tables


RUN_IN = ["Methods and materials.", "Results of the survey.", "Discussion."]


def run_in_headings(path: Path) -> list[str]:
    """Paragraphs that open with a bold run-in heading on their first line; one lead-in long
    enough to make its first line mostly bold. Returns each paragraph's text."""
    c = canvas.Canvas(str(path), pagesize=A4)
    y = H - 80
    paragraphs = []
    for k, head in enumerate(RUN_IN):
        body = _words(f"r{k}w", 40 if k != 1 else 30)
        x, size = 72, 10
        c.setFont(BOLD, size)
        c.drawString(x, y, head)
        x += c.stringWidth(head + " ", BOLD, size)
        # the rest of the first line in regular type, then the paragraph goes on
        c.setFont(BODY, size)
        first = body[:2] if k == 1 else body[:6]
        c.drawString(x, y, " ".join(first))
        y = _flow(c, body[len(first):], 72, y - 12.5, 300)
        paragraphs.append(" ".join([head] + body))
        y -= 14
    c.save()
    return paragraphs


def number_titles(path: Path) -> str:
    """A first page whose largest print is a figure ("2.5") and a lone letter ("z"); the real
    title is smaller. Returns the title."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(BOLD, 40)
    c.drawString(72, H - 90, "2.5")
    c.drawString(400, H - 90, "z")
    c.setFont(BOLD, 20)
    title = "Regional survey of small firms"
    c.drawString(72, H - 150, title)
    _flow(c, _words("t", 200), 72, H - 190, W - 144)
    c.setFont(BOLD, 28)
    c.drawString(72, 120, "20 07")
    c.save()
    return title


def lines_over_a_picture(path: Path) -> list[str]:
    """A cover: a picture with its frame drawn on its edges, and three bold lines of two
    rows each beside it whose rows run on over the picture's left edge. Returns the lines,
    each whole, in order."""
    from PIL import Image

    c = canvas.Canvas(str(path), pagesize=A4)
    x, top, w, h = 150, 300, 380, 380
    y = H - top - h
    c.drawInlineImage(Image.new("RGB", (8, 8), (200, 40, 30)), x, y, w, h)
    c.rect(x, y, w, h, stroke=1, fill=0)  # the frame, on the picture's edges
    c.setFont(BOLD, 14)
    lines = []
    for k, (first, second) in enumerate(
        (("Plan the harbour works and", "their costs"), ("Record every boat that comes", "into the port"),
         ("Publish the tide tables for", "the whole coast"))
    ):
        base = H - top - 10 - 60 * k
        c.drawString(40, base, first)
        c.drawString(40, base - 17, second)
        lines.append(f"{first} {second}")
    c.setFont(BODY, 10)
    c.drawString(40, 80, "The harbour office, spring edition.")
    c.save()
    return lines


def columns_beside_a_tall_box(path: Path) -> list[str]:
    """A back cover: a sidebar box drawn down the whole right side of the page, and beside
    it two columns, short bold points on the left and a body text in the middle, that start
    on the same row. Returns the blocks' texts in reading order (points, body, box)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.rect(422, 40, 158, H - 280, stroke=1, fill=0)  # the sidebar, from above the columns to near the foot
    top = H - 262
    points = [("Plan the harbour", "works"), ("Record every boat", "in port"), ("Publish the tide", "tables")]
    c.setFont(BOLD, 10)
    y = top
    texts = []
    for first, second in points:
        c.drawString(30, y, first)
        c.drawString(30, y - 12, second)
        texts.append(f"{first} {second}")
        y -= 40
    body = _words("m", 120)
    _flow(c, body, 150, top, 262, size=8.5, leading=10.5)
    texts.append(" ".join(body))
    side = _words("s", 40)
    _flow(c, side, 430, top - 20, 140, size=9, leading=11)
    texts.append(" ".join(side))
    c.save()
    return texts
