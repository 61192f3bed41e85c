"""Sample handbooks of good practices: PDFs (and plain-text twins) with a known truth.

    from samplegen.handbook import generate_handbook
    truth = generate_handbook("out/h.pdf", language="bg", style="stacked", seed=1)

writes `out/h.pdf` and `out/h.truth.json`: per practice its number, pages, the text of every
labelled field (without its label), the label as printed, the linked facts (ISO country,
NUTS code, start and end dates) and the numbered list inside it; per page the running header,
footer and page number. `standard_handbooks(OUTDIR)` writes a set over the six languages, the
three label styles and both page sizes (`python -m samplegen.handbook OUTDIR`).

The page: a cover page (banner, introduction); then one practice after another, each opening
a new page with a heading "Good practice N" and running on over as many pages as it needs
(a field's text crosses page breaks); a closing section after the last practice; a running
header, a footer and a page number on every page. The fields follow the template's order
(`handbook_texts.FIELD_ORDER`; some seeds leave out optional ones), each printed in one of
three label styles:

* `stacked`: the label in bold on a line of its own (with or without a colon), the text below;
* `inline`:  the label in bold with a colon, the text running on after it on the same line;
* `column`:  the label in a left-hand column (bold), the text in a column to its right.

The "evidence" field holds a lead ("Key success factors:") and a numbered list restarting at
1 in every practice. Words are drawn one by one, each followed by a real space. Geometry is
top-down (pdfplumber's convention) until drawing, as in `bulletin.py`.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import draw, fonts
from .truthfile import TruthFile, truth_path
from .handbook_texts import FACTS, FIELD_ORDER, POOL_FIELDS, TEXTS

PAGESIZES = {"A4": (595.2756, 841.8898), "Letter": (612.0, 792.0)}
STYLES = ("stacked", "inline", "column")
OPTIONAL = ("summary", "stakeholders", "location", "keywords")
LABEL_COLOURS = [(0.05, 0.27, 0.52), (0.0, 0.0, 0.0), (0.55, 0.12, 0.18), (0.10, 0.42, 0.33)]


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------------------------------------
# Truth


@dataclass
class TruthListItem:
    number: int
    body: str
    list_heading: str


@dataclass
class TruthPractice:
    number: int  # as printed in its heading
    heading: str
    pages: list[int]
    fields: dict[str, str]  # field key -> text without the label, white space folded
    labels: dict[str, str]  # field key -> label as printed (without a colon)
    title: str
    country_code: str
    nuts_code: str
    start: str
    end: str | None
    institution: str
    items: list[TruthListItem] = field(default_factory=list)


@dataclass
class HandbookTruth(TruthFile):
    name: str
    language: str
    pagesize: str
    style: str
    seed: int
    pages: int
    practices: list[TruthPractice]
    furniture: list[list[dict[str, str]]]  # per page: {"role", "text"}
    title: str
    params: dict[str, Any]

    @classmethod
    def from_dict(cls, data: dict) -> "HandbookTruth":
        practices = [
            TruthPractice(**{**p, "items": [TruthListItem(**i) for i in p["items"]]}) for p in data["practices"]
        ]
        return cls(**{**data, "practices": practices})


# ---------------------------------------------------------------------------------------------
# Content: which practices, which fields, which words


@dataclass
class _Field:
    key: str
    label: str
    paragraphs: list[str]
    lead: str | None = None
    items: list[str] = field(default_factory=list)


@dataclass
class _Practice:
    number: int
    index: int  # into TEXTS[lang]["practices"] and FACTS
    fields: list[_Field]


def _sentences(rng: random.Random, pool: list[str], count: int) -> list[str]:
    """`count` sentences from the pool, through it in shuffled order, repeating only when spent."""
    out: list[str] = []
    bag: list[str] = []
    while len(out) < count:
        if not bag:
            bag = rng.sample(pool, len(pool))
        out.append(bag.pop())
    return out


def _content(lang: str, seed: int, n_practices: int, alt_labels: bool, long_practices: int) -> list[_Practice]:
    t = TEXTS[lang]
    rng = random.Random(f"handbook-{lang}-{seed}")
    order = list(range(len(t["practices"])))
    rng.shuffle(order)
    chosen = [order[i % len(order)] for i in range(n_practices)]
    omitted = set(rng.sample(OPTIONAL, rng.randint(0, 2))) if seed % 3 else set()
    practices = []
    for number, index in enumerate(chosen, start=1 + seed % 7 * 10):
        p = t["practices"][index]
        long = number - (1 + seed % 7 * 10) < long_practices
        fields = []
        for key in FIELD_ORDER:
            if key in omitted:
                continue
            label = t["labels_alt"].get(key, t["labels"][key]) if alt_labels else t["labels"][key]
            if key == "interreg_project":
                paras = [t["yes"] if p["interreg"] else t["no"]]
            elif key in POOL_FIELDS:
                pool = t["pools"][key]
                if key == "description":
                    n_paras = rng.randint(5, 7) if long else rng.randint(2, 3)
                    paras = [" ".join(_sentences(rng, pool, rng.randint(2, 3))) for _ in range(n_paras)]
                else:
                    paras = [" ".join(_sentences(rng, pool, rng.randint(1, min(3, len(pool)))))]
            else:
                paras = [p[key]]
            f = _Field(key, label, paras)
            if key == "evidence":
                f.lead = t["factors_lead"]
                f.items = rng.sample(t["factors"], rng.randint(3, len(t["factors"])))
            fields.append(f)
        practices.append(_Practice(number, index, fields))
    return practices


# ---------------------------------------------------------------------------------------------
# Composition: where every line goes


def _width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


@dataclass
class _Word:
    text: str
    font: str


@dataclass
class _Line:
    words: list[tuple[float, _Word]]  # (x relative to the line's left edge, word)
    size: float

    @property
    def text(self) -> str:
        return " ".join(w.text for _, w in self.words)


def _wrap(words: list[_Word], size: float, width: float, first_indent: float = 0.0, rest_indent: float = 0.0,
          justify: bool = False) -> list[_Line]:
    lines: list[list[_Word]] = []
    cur: list[_Word] = []
    cur_w = 0.0
    limit = width - first_indent
    for w in words:
        ww = _width(w.text, w.font, size)
        space = _width(" ", w.font, size)
        if cur and cur_w + space + ww > limit:
            lines.append(cur)
            cur, cur_w, limit = [], 0.0, width - rest_indent
        cur_w = ww if not cur else cur_w + space + ww
        cur.append(w)
    if cur:
        lines.append(cur)
    out = []
    for i, line in enumerate(lines):
        indent = first_indent if i == 0 else rest_indent
        widths = [_width(w.text, w.font, size) for w in line]
        gap = _width(" ", fonts.REGULAR, size)
        if justify and i < len(lines) - 1 and len(line) > 1:
            gap = (width - indent - sum(widths)) / (len(line) - 1)
        x = indent
        placed = []
        for w, ww in zip(line, widths):
            placed.append((x, w))
            x += ww + gap
        out.append(_Line(placed, size))
    return out


def _words(text: str, font: str) -> list[_Word]:
    return [_Word(w, font) for w in text.split()]


class _Page:
    def __init__(self, number: int):
        self.number = number
        self.ops: list[tuple] = []


class _Composer:
    def __init__(self, lang: str, pagesize: str, style: str, rng: random.Random, seed: int, tight: bool = False):
        self.t = TEXTS[lang]
        self.W, self.H = PAGESIZES[pagesize]
        self.style = style
        self.seed = seed
        self.margin = rng.choice([50.0, 56.0, 62.0])
        self.body = rng.choice([9.5, 10.0, 10.5])
        self.leading = rng.choice([1.2, 1.25, 1.3])
        self.justify = rng.random() < 0.5
        self.colon = rng.random() < 0.5 if style == "stacked" else style == "inline"
        self.label_colour = rng.choice(LABEL_COLOURS)
        self.field_gap = rng.choice([0.8, 1.0, 1.3])
        self.label_w = rng.choice([0.28, 0.32])  # column style: share of the text width
        # Body text stays out of the top and bottom 12.5 % of the page, where the layout looks
        # for running headers by repetition (`layout/pdf.py`): a handbook repeats its labels
        # and practice headings, which a small document would lose there (`tight` puts them
        # in: the known limit, see tests/test_handbook.py).
        self.body_top = 64.0 if tight else 0.125 * self.H + 4
        self.body_bottom = self.H - 60.0 if tight else 0.875 * self.H - 4
        self.text_w = self.W - 2 * self.margin
        self.pages: list[_Page] = []
        self.y = self.body_top
        self.practice_pages: list[list[int]] = []
        self.field_pages: dict[tuple[int, str], list[int]] = {}

    @property
    def page(self) -> _Page:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append(_Page(len(self.pages) + 1))
        self.y = self.body_top
        if self.practice_pages:
            self.practice_pages[-1].append(self.page.number)

    def emit(self, line: _Line, x0: float, colour=(0, 0, 0)) -> None:
        h = line.size * self.leading
        if self.y + h > self.body_bottom:
            self.new_page()
        base = self.y + line.size * 0.85 + (h - line.size) / 2
        for x, w in line.words:
            self.page.ops.append(("text", x0 + x, base, w.font, line.size, colour, w.text + " "))
        self.y += h

    def keep(self, height: float) -> None:
        """Start a new page unless `height` fits below the current position."""
        if self.y + height > self.body_bottom and self.y > self.body_top:
            self.new_page()

    # -- front and back ------------------------------------------------------------------------
    def cover(self) -> None:
        t = self.t
        self.new_page()
        title = _wrap(_words(t["title"], fonts.BOLD), 26.0, self.text_w - 30)
        sub = _wrap(_words(t["subtitle"], fonts.REGULAR), 12.0, self.text_w - 30)
        height = 18 + len(title) * 26 * 1.15 + 4 + len(sub) * 12 * 1.2 + 14
        self.page.ops.append(("rect", self.margin, self.y, self.W - self.margin, self.y + height, (0.05, 0.27, 0.52)))
        top = self.y
        self.y += 18
        for line in title:
            self.emit_fixed(line, self.margin + 15, 1.15, (1, 1, 1))
        self.y += 4
        for line in sub:
            self.emit_fixed(line, self.margin + 15, 1.2, (1, 1, 1))
        self.y = top + height + 2 * self.body
        for para in t["intro"]:
            for line in _wrap(_words(para, fonts.REGULAR), self.body * 1.1, self.text_w, justify=self.justify):
                self.emit(line, self.margin)
            self.y += 0.8 * self.body

    def emit_fixed(self, line: _Line, x0: float, leading: float, colour) -> None:
        base = self.y + line.size * 0.85
        for x, w in line.words:
            self.page.ops.append(("text", x0 + x, base, w.font, line.size, colour, w.text + " "))
        self.y += line.size * leading

    def closing(self) -> None:
        t = self.t
        self.practice_pages.append([])  # pages from here on belong to no practice
        self.y += 2.5 * self.body
        head = _wrap(_words(t["closing_heading"], fonts.BOLD), 16.0, self.text_w)
        body = _wrap(_words(t["closing"], fonts.REGULAR), self.body, self.text_w, justify=self.justify)
        self.keep(len(head) * 16 * 1.2 + 0.6 * self.body + 2 * self.body * self.leading)
        for line in head:
            self.emit_fixed(line, self.margin, 1.2, self.label_colour)
        self.y += 0.6 * self.body
        for line in body:
            self.emit(line, self.margin)
        self.practice_pages.pop()

    # -- a practice ----------------------------------------------------------------------------
    def practice(self, pr: _Practice) -> str:
        self.practice_pages.append([])
        self.new_page()
        heading = self.t["practice"].format(n=pr.number)
        for line in _wrap(_words(heading, fonts.BOLD), 16.0, self.text_w):
            self.emit_fixed(line, self.margin, 1.2, self.label_colour)
        self.page.ops.append(("line", self.margin, self.y + 2, self.W - self.margin, self.y + 2))
        self.y += 0.9 * self.body + 2
        for i, f in enumerate(pr.fields):
            if i:
                self.y += self.field_gap * self.body
            start_page = self.page.number
            getattr(self, f"field_{self.style}")(f)
            pages = list(range(start_page, self.page.number + 1))
            self.field_pages[(pr.number, f.key)] = pages
        return heading

    def value_lines(self, f: _Field, width: float) -> list[tuple[_Line, float, float]]:
        """(line, x offset, extra space above) for the field's text: paragraphs, lead, items."""
        out: list[tuple[_Line, float, float]] = []
        em = self.body
        for pi, para in enumerate(f.paragraphs):
            for li, line in enumerate(_wrap(_words(para, fonts.REGULAR), em, width, justify=self.justify)):
                out.append((line, 0.0, 0.5 * em if pi and not li else 0.0))
        if f.lead:
            for li, line in enumerate(_wrap(_words(f.lead, fonts.REGULAR), em, width)):
                out.append((line, 0.0, 0.5 * em if not li else 0.0))
        marker_w = _width("88.", fonts.REGULAR, em) + 0.6 * em
        for n, item in enumerate(f.items, start=1):
            words = [_Word(f"{n}.", fonts.REGULAR)] + _words(item, fonts.REGULAR)
            lines = _wrap(words, em, width, rest_indent=marker_w)
            # the marker hangs: move the first line's words after the marker to the indent
            first = lines[0]
            shift = marker_w - first.words[1][0] if len(first.words) > 1 else 0.0
            first.words = [first.words[0]] + [(x + shift, w) for x, w in first.words[1:]]
            for li, line in enumerate(lines):
                out.append((line, 0.0, 0.2 * em if not li else 0.0))
        return out

    def label_text(self, f: _Field) -> str:
        return f.label + (":" if self.colon and not f.label.endswith("?") else "")

    def field_stacked(self, f: _Field) -> None:
        em = self.body
        label = _wrap(_words(self.label_text(f), fonts.BOLD), em, self.text_w)
        values = self.value_lines(f, self.text_w)
        self.keep(len(label) * em * self.leading + 0.25 * em + 2 * em * self.leading)  # no orphan label
        for line in label:
            self.emit(line, self.margin, self.label_colour)
        self.y += 0.25 * em
        for line, dx, above in values:
            self.y += above
            self.emit(line, self.margin + dx)

    def field_inline(self, f: _Field) -> None:
        em = self.body
        words = _words(self.label_text(f), fonts.BOLD) + _words(f.paragraphs[0], fonts.REGULAR)
        first = _wrap(words, em, self.text_w, justify=self.justify)
        rest = self.value_lines(_Field(f.key, f.label, f.paragraphs[1:], f.lead, f.items), self.text_w)
        self.keep(2 * em * self.leading)
        for i, line in enumerate(first):
            self.emit(line, self.margin, (0, 0, 0))
        for line, dx, above in rest:
            self.y += above if line is not rest[0][0] else 0.5 * em
            self.emit(line, self.margin + dx)

    def field_column(self, f: _Field) -> None:
        em = self.body
        gap = 1.5 * em
        lw = self.text_w * self.label_w
        vx = self.margin + lw + gap
        label = _wrap(_words(self.label_text(f), fonts.BOLD), em, lw)
        values = self.value_lines(f, self.text_w - lw - gap)
        self.keep(max(len(label), min(2, len(values))) * em * self.leading)
        top, page = self.y, self.page
        for line in label:
            self.emit(line, self.margin, self.label_colour)
        label_bottom = self.y
        self.y = top
        for line, dx, above in values:
            self.y += above
            self.emit(line, vx + dx)
        if self.page is page:
            self.y = max(self.y, label_bottom)


def compose(lang: str, pagesize: str, style: str, seed: int, n_practices: int, alt_labels: bool,
            long_practices: int, tight: bool = False) -> tuple[_Composer, list[_Practice], list[str]]:
    if lang not in TEXTS:
        raise ValueError(f"no handbook text for language {lang!r}; known: {', '.join(TEXTS)}")
    if pagesize not in PAGESIZES:
        raise ValueError(f"pagesize must be one of {', '.join(PAGESIZES)}")
    if style not in STYLES:
        raise ValueError(f"style must be one of {', '.join(STYLES)}")
    fonts.register_fonts()
    rng = random.Random(f"handbook-params-{lang}-{pagesize}-{style}-{seed}")
    comp = _Composer(lang, pagesize, style, rng, seed, tight)
    practices = _content(lang, seed, n_practices, alt_labels, long_practices)
    comp.cover()
    headings = [comp.practice(pr) for pr in practices]
    comp.closing()
    return comp, practices, headings


# ---------------------------------------------------------------------------------------------
# Drawing


def _draw(comp: _Composer, path: Path, title: str) -> None:
    from reportlab.pdfgen.canvas import Canvas

    W, H, t, m = comp.W, comp.H, comp.t, comp.margin
    c = Canvas(str(path), pagesize=(W, H), invariant=1, pageCompression=1)
    c.setTitle(title)
    # The name it had inside the runtime package: raw_docs/ (so structured/) holds these bytes.
    c.setAuthor("intra_extract.samplegen")
    c.setCreator("intra_extract.samplegen")
    c.setSubject("synthetic sample handbook of good practices")
    for page in comp.pages:
        for op in page.ops:
            if op[0] == "rect":
                _, x0, top, x1, bottom, fill = op
                c.setFillColorRGB(*fill)
                c.rect(x0, H - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
            elif op[0] == "line":
                _, x0, y0, x1, y1 = op
                c.setStrokeColorRGB(*comp.label_colour)
                c.setLineWidth(0.8)
                c.line(x0, H - y0, x1, H - y1)
        draw.text_ops(c, page.ops, H)
        draw.running_furniture(c, t, page.number, W, H, m, header_from_top=36, footer_from_bottom=32)
        c.showPage()
    c.save()


# ---------------------------------------------------------------------------------------------
# Truth and the public functions


def _field_text(f: _Field) -> str:
    parts = list(f.paragraphs)
    if f.lead:
        parts.append(f.lead)
    parts += [f"{n}. {item}" for n, item in enumerate(f.items, start=1)]
    return fold(" ".join(parts))


def _truth(name: str, lang: str, pagesize: str, style: str, seed: int, comp: _Composer | None,
           practices: list[_Practice], headings: list[str], pages: int) -> HandbookTruth:
    t = TEXTS[lang]
    out = []
    for i, (pr, heading) in enumerate(zip(practices, headings)):
        p, facts = t["practices"][pr.index], FACTS[pr.index]
        lead = next((f.lead for f in pr.fields if f.lead), "")
        items = [TruthListItem(n, item, lead.rstrip(":").strip())
                 for f in pr.fields for n, item in enumerate(f.items, start=1)]
        out.append(TruthPractice(
            number=pr.number, heading=heading,
            pages=comp.practice_pages[i] if comp else [],
            fields={f.key: _field_text(f) for f in pr.fields},
            labels={f.key: f.label for f in pr.fields},
            title=p["title"], country_code=facts["country_code"], nuts_code=facts["nuts"],
            start=facts["start"], end=facts["end"], institution=p["institution"], items=items,
        ))
    furniture = [
        [{"role": "header", "text": t["header"]}, {"role": "footer", "text": t["footer"]},
         {"role": "page_number", "text": t["page"].format(n=n)}]
        for n in range(1, pages + 1)
    ] if comp else []
    params = {}
    if comp:
        params = {"tight": comp.body_top < 0.12 * comp.H, "body_size": comp.body, "leading": comp.leading, "margin": comp.margin, "justify": comp.justify,
                  "colon": comp.colon, "field_gap": comp.field_gap}
    return HandbookTruth(name=name, language=lang, pagesize=pagesize, style=style, seed=seed, pages=pages,
                         practices=out, furniture=furniture, title=t["title"], params=params)


def generate_handbook(
    path: str | Path,
    *,
    language: str = "en",
    pagesize: str = "A4",
    style: str = "stacked",
    seed: int = 0,
    n_practices: int = 4,
    alt_labels: bool | None = None,
    long_practices: int = 2,
    tight: bool = False,
    write_truth: bool = True,
) -> HandbookTruth:
    """Write a sample handbook PDF to `path` (and `<stem>.truth.json` beside it); return its truth.

    `style`: stacked | inline | column (see the module's docstring). `alt_labels`: print the
    second wording of some labels (by default on odd seeds). `long_practices`: how many of the
    practices (the first ones) get a long description, so that they run over two pages or more.
    `tight`: let body text reach into the top and bottom 12.5 % of the page (see `_Composer`).
    The same arguments always give a byte-identical PDF.
    """
    alt = bool(seed % 2) if alt_labels is None else alt_labels
    comp, practices, headings = compose(language, pagesize, style, seed, n_practices, alt, long_practices, tight)
    path = Path(path)
    _draw(comp, path, f"{comp.t['title']} ({language})")
    truth = _truth(path.stem, language, pagesize, style, seed, comp, practices, headings, len(comp.pages))
    if write_truth:
        truth_path(path).write_text(truth.to_json(), encoding="utf-8")
    return truth


def generate_handbook_text(
    path: str | Path,
    *,
    language: str = "en",
    seed: int = 0,
    n_practices: int = 3,
    alt_labels: bool | None = None,
    write_truth: bool = True,
    width: int = 78,
) -> HandbookTruth:
    """The plain-text twin: a handbook as a text export would give it (no header or footer):
    each label alone on a line with a colon, its text wrapped below, blank lines between
    paragraphs, each list item on a line of its own."""
    import textwrap

    alt = bool(seed % 2) if alt_labels is None else alt_labels
    t = TEXTS[language]
    practices = _content(language, seed, n_practices, alt, 1)
    out = [t["title"], "", t["subtitle"], ""] + [textwrap.fill(p, width) + "\n" for p in t["intro"]]
    headings = []
    for pr in practices:
        heading = t["practice"].format(n=pr.number)
        headings.append(heading)
        out += ["", heading, ""]
        for f in pr.fields:
            out.append(f.label + ":")
            for para in f.paragraphs:
                out += [textwrap.fill(para, width), ""]
            if f.lead:
                out.append(f.lead)
                out += [textwrap.fill(f"{n}. {item}", width) for n, item in enumerate(f.items, start=1)]
                out.append("")
    out += ["", t["closing_heading"], "", textwrap.fill(t["closing"], width), ""]
    path = Path(path)
    path.write_text("\n".join(out), encoding="utf-8")
    truth = _truth(path.stem, language, "", "text", seed, None, practices, headings, 0)
    if write_truth:
        truth_path(path).write_text(truth.to_json(), encoding="utf-8")
    return truth


def standard_handbooks(outdir: str | Path, *, languages=None, seed: int = 0, text: bool = True) -> list[Path]:
    """Per language, one handbook in each label style (page size and seed varying), and a
    plain-text twin: 18 PDFs and 6 text files for the six languages."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for li, lang in enumerate(languages or list(TEXTS)):
        for si, style in enumerate(STYLES):
            size = ("A4", "Letter")[(li + si) % 2]
            path = outdir / f"handbook-{lang}-{style}-{size.lower()}.pdf"
            generate_handbook(path, language=lang, pagesize=size, style=style, seed=seed + li + si,
                              n_practices=3 + (li + si) % 3)
            written.append(path)
        if text:
            path = outdir / f"handbook-{lang}.txt"
            generate_handbook_text(path, language=lang, seed=seed + li)
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m samplegen.handbook",
                                     description="Write the standard set of sample handbooks with truth files.")
    parser.add_argument("outdir")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--languages", default=",".join(TEXTS), help="comma-separated language codes")
    args = parser.parse_args(argv)
    for path in standard_handbooks(args.outdir, languages=[x for x in args.languages.split(",") if x], seed=args.seed):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
