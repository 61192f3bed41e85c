"""Lay out a sample bulletin with reportlab and record the truth about it.

The page model is a small "flow into columns" engine drawn at canvas level, so every line's
position is known exactly:

* page 1: a full-width banner (filled rectangle, title in large bold), a full-width lead
  paragraph, then the column region;
* the column region: a picture with a caption at the top of the first column (pdfplumber
  #1303: a picture above column 1 makes a naive top-to-bottom sort read column 2 first),
  section headings, paragraphs, a bulleted list whose bullets are the PUA glyph U+F0A7 of a
  generated Symbol-like font, and a numbered list of recommendations that is interrupted by a
  boxed article and made to run across a column break and a page break;
* after the flow, a full-width closing region below the columns on the last page;
* on every page a running header, a running footer and a page number.

Paragraphs are drawn word by word (each word followed by a real space character, so the text
layer separates words however wide a justified gap is). Geometry below is top-down
(pdfplumber's convention) and converted to PDF coordinates only when drawing.
"""

from __future__ import annotations

import dataclasses
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import draw, fonts
from .texts import TEXTS
from .truthfile import TruthFile, truth_path

PAGESIZES = {"A4": (595.2756, 841.8898), "Letter": (612.0, 792.0)}
MARKER_STYLES = {"dot": "{n}.", "paren": "{n})", "both": "({n})"}
BANNER_COLOURS = [(0.05, 0.27, 0.52), (0.55, 0.12, 0.18), (0.10, 0.42, 0.33), (0.35, 0.20, 0.50)]
FIXED_DATE = "20190101000000+00'00'"


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------------------------------------
# Truth


@dataclass
class TruthBlock:
    role: str  # body | heading | boxed | banner | caption
    text: str
    lines: list[str]
    region: str  # full | columns | box
    column: int
    flow_break: bool
    kind: str  # generator element: banner, intro, heading, para, bullet, item, box_heading, box_text, caption
    continues: bool = False  # continues the previous block's element after a column or page break
    item: int | None = None  # number of the recommendation this block belongs to


@dataclass
class TruthPage:
    number: int
    blocks: list[TruthBlock] = field(default_factory=list)
    furniture: list[dict[str, str]] = field(default_factory=list)  # {"role", "text"}
    no_text_layer: bool = False


@dataclass
class TruthItem:
    list_heading: str
    number: int
    marker: str
    body: str
    pages: list[int]
    split: list[str]  # "column" and/or "page" when the item runs across a break


@dataclass
class Truth(TruthFile):
    name: str
    language: str
    columns: int
    pagesize: str
    seed: int
    pages: int
    page_list: list[TruthPage]
    items: list[TruthItem]
    properties: dict[str, Any]
    params: dict[str, Any]

    @classmethod
    def from_dict(cls, data: dict) -> "Truth":
        pages = [
            TruthPage(
                number=p["number"],
                blocks=[TruthBlock(**b) for b in p["blocks"]],
                furniture=p["furniture"],
                no_text_layer=p["no_text_layer"],
            )
            for p in data["page_list"]
        ]
        items = [TruthItem(**i) for i in data["items"]]
        rest = {k: v for k, v in data.items() if k not in ("page_list", "items")}
        return cls(page_list=pages, items=items, **rest)


# ---------------------------------------------------------------------------------------------
# Parameters


@dataclass
class Params:
    body: float
    leading: float  # line pitch / font size
    gutter: float
    margin: float
    justify: bool
    hanging: bool
    marker_style: str
    item_gap: float  # extra space between items, in em
    para_gap: float  # extra space between paragraphs, in em
    heading: float  # section heading size / body
    banner_colour: tuple[float, float, float]


def make_params(seed: int, columns: int, marker_style: str | None, justify: bool | None, hanging: bool | None) -> Params:
    rng = random.Random(f"params-{seed}-{columns}")
    body = rng.choice([9.5, 10.0, 10.5]) if columns > 1 else rng.choice([10.0, 10.5, 11.0])
    styles = list(MARKER_STYLES)
    return Params(
        body=body,
        leading=rng.choice([1.2, 1.25, 1.3]),
        gutter=rng.choice([14.0, 18.0, 24.0]),
        margin=rng.choice([45.0, 50.0, 56.0]),
        justify=rng.random() < 0.5 if justify is None else justify,
        hanging=(seed % 2 == 0) if hanging is None else hanging,
        marker_style=marker_style or rng.choice(styles),
        item_gap=rng.choice([0.0, 0.3, 0.6]),
        para_gap=rng.choice([0.5, 0.7, 0.9]),
        heading=rng.choice([1.3, 1.45, 1.6]),
        banner_colour=rng.choice(BANNER_COLOURS),
    )


# ---------------------------------------------------------------------------------------------
# Composition (no drawing): where every line goes


@dataclass
class _Seg:
    x: float  # relative to the line's left edge
    text: str
    font: str
    size: float


@dataclass
class _LineSpec:
    segs: list[_Seg]
    height: float
    size: float

    @property
    def text(self) -> str:
        return " ".join(s.text.strip() for s in self.segs if s.text.strip())


@dataclass
class _Element:
    kind: str  # heading, para, bullet, item, box, picture, closing_heading, closing
    text: str = ""
    number: int | None = None
    marker: str = ""
    extra: Any = None


class _Page:
    def __init__(self, number: int):
        self.number = number
        self.ops: list[tuple] = []
        self.blocks: list[TruthBlock] = []


def _width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


def _wrap(words: list[str], font: str, size: float, first: float, other: float) -> list[list[str]]:
    space = _width(" ", font, size)
    lines: list[list[str]] = []
    cur: list[str] = []
    cur_w = 0.0
    limit = first
    for word in words:
        w = _width(word, font, size)
        if cur and cur_w + space + w > limit:
            lines.append(cur)
            cur, cur_w, limit = [], 0.0, other
        cur_w = w if not cur else cur_w + space + w
        cur.append(word)
    if cur:
        lines.append(cur)
    return lines


def _text_lines(
    text: str, font: str, size: float, leading: float, width: float, *, justify: bool,
    first_indent: float = 0.0, rest_indent: float = 0.0, prefix: list[_Seg] | None = None,
) -> list[_LineSpec]:
    words = text.split()
    wrapped = _wrap(words, font, size, width - first_indent, width - rest_indent)
    space = _width(" ", font, size)
    out: list[_LineSpec] = []
    for i, line in enumerate(wrapped):
        indent = first_indent if i == 0 else rest_indent
        widths = [_width(w, font, size) for w in line]
        gap = space
        last = i == len(wrapped) - 1
        if justify and not last and len(line) > 1:
            gap = (width - indent - sum(widths)) / (len(line) - 1)
        segs = list(prefix) if (i == 0 and prefix) else []
        x = indent
        for j, (word, w) in enumerate(zip(line, widths)):
            segs.append(_Seg(x, word if j == len(line) - 1 else word + " ", font, size))
            x += w + gap
        out.append(_LineSpec(segs, size * leading, size))
    return out


class _Composer:
    def __init__(self, lang: str, columns: int, pagesize: str, seed: int, params: Params):
        self.t = TEXTS[lang]
        self.lang = lang
        self.ncols = columns
        self.W, self.H = PAGESIZES[pagesize]
        self.p = params
        self.seed = seed
        self.body_top = 62.0
        self.body_bottom = self.H - 58.0
        self.text_w = self.W - 2 * params.margin
        self.col_w = (self.text_w - (columns - 1) * params.gutter) / columns
        self.pages: list[_Page] = []
        self.region_top: dict[int, float] = {}

    # -- geometry ------------------------------------------------------------------------------
    def col_x(self, col: int) -> float:
        return self.p.margin + col * (self.col_w + self.p.gutter)

    def new_page(self) -> _Page:
        page = _Page(len(self.pages) + 1)
        self.pages.append(page)
        return page

    def top_of(self, page_index: int) -> float:
        return self.region_top.get(page_index, self.body_top)

    def advance(self) -> None:
        self.col += 1
        if self.col >= self.ncols:
            self.col = 0
            self.new_page()
        self.y = self.top_of(len(self.pages) - 1)
        self.at_top = True

    @property
    def page(self) -> _Page:
        return self.pages[-1]

    def space(self, amount: float) -> None:
        if not self.at_top:
            self.y += amount

    # -- blocks --------------------------------------------------------------------------------
    def open_block(self, role: str, kind: str, region: str, continues: bool = False, item: int | None = None) -> TruthBlock:
        block = TruthBlock(role, "", [], region, self.col if region != "full" else 0, False, kind, continues, item)
        self.page.blocks.append(block)
        return block

    def emit(self, spec: _LineSpec, x0: float, block: TruthBlock, colour=(0, 0, 0)) -> None:
        base = self.y + spec.size * 0.85 + (spec.height - spec.size) / 2
        for seg in spec.segs:
            self.page.ops.append(("text", x0 + seg.x, base, seg.font, seg.size, colour, seg.text))
        block.lines.append(spec.text)
        self.y += spec.height
        self.at_top = False

    def flow_lines(self, specs: list[_LineSpec], role: str, kind: str, item: int | None = None) -> TruthBlock:
        block = None
        for spec in specs:
            if self.y + spec.height > self.body_bottom:
                self.advance()
                block = None
            if block is None:
                block = self.open_block(role, kind, "columns", continues=spec is not specs[0], item=item)
            self.emit(spec, self.col_x(self.col), block)
        assert block is not None
        return block

    # -- elements ------------------------------------------------------------------------------
    def body_lines(self, text: str, **kw) -> list[_LineSpec]:
        p = self.p
        return _text_lines(text, fonts.REGULAR, p.body, p.leading, self.col_w, justify=p.justify, **kw)

    def place(self, el: _Element, nxt: _Element | None) -> None:
        p = self.p
        em = p.body
        if el.kind == "heading":
            size = p.body * (p.heading if el.extra != "list" else max(1.15, p.heading - 0.2))
            specs = _text_lines(el.text, fonts.BOLD, size, 1.2, self.col_w, justify=False)
            self.space(1.0 * em)
            need = sum(s.height for s in specs) + 0.35 * em + 2 * em * p.leading
            if self.y + need > self.body_bottom:
                self.advance()
            block = self.open_block("heading", "heading", "columns")
            for spec in specs:
                self.emit(spec, self.col_x(self.col), block)
            self.y += 0.35 * em
        elif el.kind == "para":
            self.flow_lines(self.body_lines(el.text), "body", "para")
            self.y += p.para_gap * em
        elif el.kind == "bullet":
            prefix = [_Seg(0.3 * em, fonts.PUA_SQUARE + " ", fonts.SYMBOL, em * 0.9)]
            specs = self.body_lines(el.text, first_indent=1.5 * em, rest_indent=1.5 * em, prefix=prefix)
            self.flow_lines(specs, "body", "bullet")
            self.y += 0.2 * em
        elif el.kind == "item":
            marker_w = _width(MARKER_STYLES[p.marker_style].format(n=88), fonts.REGULAR, em) + 0.6 * em
            prefix = [_Seg(0.0, el.marker + " ", fonts.REGULAR, em)]
            rest = marker_w if p.hanging else 0.0
            specs = self.body_lines(el.text, first_indent=marker_w, rest_indent=rest, prefix=prefix)
            self.flow_lines(specs, "body", "item", item=el.number)
            self.y += p.item_gap * em
        elif el.kind == "box":
            self.place_box(el)
        elif el.kind == "picture":
            self.place_picture(el)
        else:  # pragma: no cover
            raise ValueError(el.kind)

    def place_box(self, el: _Element) -> None:
        p = self.p
        em = p.body
        pad = 0.7 * em
        inner = self.col_w - 2 * pad
        head = _text_lines(el.text, fonts.BOLD, em * 1.1, 1.2, inner, justify=False)
        body = _text_lines(" ".join(el.extra), fonts.REGULAR, em * 0.95, p.leading, inner, justify=p.justify)
        height = 2 * pad + sum(s.height for s in head) + 0.4 * em + sum(s.height for s in body)
        self.space(0.9 * em)
        if self.y + height > self.body_bottom:
            self.advance()
        x0 = self.col_x(self.col)
        top = self.y
        self.page.ops.append(("rect", x0, top, x0 + self.col_w, top + height, (0.93, 0.95, 0.98), (0.2, 0.3, 0.5), 0.8))
        self.y = top + pad
        hb = self.open_block("boxed", "box_heading", "box")
        for spec in head:
            self.emit(spec, x0 + pad, hb, colour=(0.1, 0.2, 0.45))
        self.y += 0.4 * em
        tb = self.open_block("boxed", "box_text", "box")
        for spec in body:
            self.emit(spec, x0 + pad, tb)
        self.y = top + height + 0.9 * em
        self.at_top = False

    def place_picture(self, el: _Element) -> None:
        em = self.p.body
        h = round(self.col_w * (0.5 if self.ncols > 1 else 0.28), 1)
        w = self.col_w if self.ncols > 1 else self.col_w * 0.5
        x0 = self.col_x(self.col)
        self.page.ops.append(("image", x0, self.y, w, h))
        self.y += h + 0.35 * em
        # Source Sans Pro's italic has no Cyrillic; captions use the upright face, small and grey.
        specs = _text_lines(el.text, fonts.REGULAR, em * 0.8, 1.2, w, justify=False)
        block = self.open_block("caption", "caption", "columns")
        for spec in specs:
            self.emit(spec, x0, block, colour=(0.3, 0.3, 0.3))
        self.y += 0.5 * em

    # -- whole document ------------------------------------------------------------------------
    def compose(self, flow: list[_Element], closing: tuple[str, str]) -> None:
        p, t = self.p, self.t
        em = p.body
        first = self.new_page()
        # Banner.
        top = self.body_top
        title = _text_lines(t["title"], fonts.BOLD, 26.0, 1.15, self.text_w - 30, justify=False)
        sub = _text_lines(t["subtitle"], fonts.REGULAR, 12.0, 1.2, self.text_w - 30, justify=False)
        height = 18 + sum(s.height for s in title) + 4 + sum(s.height for s in sub) + 14
        first.ops.append(("rect", p.margin, top, self.W - p.margin, top + height, p.banner_colour, None, 0))
        self.col, self.y, self.at_top = 0, top + 18, False
        block = self.open_block("banner", "banner", "full")
        for spec in title:
            self.emit(spec, p.margin + 15, block, colour=(1, 1, 1))
        self.y += 4
        for spec in sub:
            self.emit(spec, p.margin + 15, block, colour=(1, 1, 1))
        # Full-width lead paragraph.
        self.y = top + height + 1.4 * em
        lead = _text_lines(t["intro"], fonts.REGULAR, em * 1.1, p.leading, self.text_w, justify=p.justify)
        block = self.open_block("body", "intro", "full")
        for spec in lead:
            self.emit(spec, p.margin, block)
        self.region_top[0] = self.y + 1.6 * em
        self.y, self.col, self.at_top = self.region_top[0], 0, True
        for i, el in enumerate(flow):
            self.place(el, flow[i + 1] if i + 1 < len(flow) else None)
        # Closing region: full width, below the lowest column of the last page.
        last = self.page
        lowest = max(
            [op[2] + 0.3 * op[4] if op[0] == "text" else op[4] for op in last.ops if op[0] in ("text", "rect")]
            + [self.top_of(len(self.pages) - 1)]
        )
        head = _text_lines(closing[0], fonts.BOLD, em * p.heading, 1.2, self.text_w, justify=False)
        body = _text_lines(closing[1], fonts.REGULAR, em, p.leading, self.text_w, justify=p.justify)
        need = 2.2 * em + sum(s.height for s in head) + 0.35 * em + sum(s.height for s in body)
        if lowest + need > self.body_bottom:
            self.new_page()
            self.y = self.body_top
        else:
            self.y = lowest + 2.2 * em
        self.col = 0
        block = self.open_block("heading", "closing_heading", "full")
        for spec in head:
            self.emit(spec, p.margin, block)
        self.y += 0.35 * em
        block = self.open_block("body", "closing", "full")
        for spec in body:
            self.emit(spec, p.margin, block)


def _paragraphs(rng: random.Random, sentences: list[str], count: int, lo: int = 2, hi: int = 4) -> list[str]:
    """`count` paragraphs of lo..hi sentences, going through the pool in a shuffled order so
    a sentence repeats only once the pool is used up."""
    pool: list[str] = []
    out = []
    for _ in range(count):
        k = rng.randint(lo, min(hi, len(sentences)))
        chosen: list[str] = []
        while len(chosen) < k:
            if not pool:
                pool = rng.sample(sentences, len(sentences))
            if pool[-1] in chosen:
                pool.insert(0, pool.pop())
                if len(set(pool) - set(chosen)) == 0:
                    pool = []
                continue
            chosen.append(pool.pop())
        out.append(" ".join(chosen))
    return out


def _build_flow(lang: str, params: Params, seed: int, filler: int, trim: int, n_items: int | None, box_after: int | None):
    t = TEXTS[lang]
    rng = random.Random(f"flow-{lang}-{seed}")
    sec0, sec1 = t["sections"][0], t["sections"][1]
    flow: list[_Element] = [_Element("picture", t["caption"])]
    flow.append(_Element("heading", sec0["heading"]))
    flow += [_Element("para", s) for s in _paragraphs(rng, sec0["sentences"], 2, 2, 3)]
    flow.append(_Element("para", t["bullets_lead"]))
    flow += [_Element("bullet", b) for b in t["bullets"]]
    flow.append(_Element("heading", sec1["heading"]))
    fillers = _paragraphs(rng, sec1["sentences"], 16, 2, 4)[:filler]
    if fillers and trim:
        words = fillers[-1].split()
        fillers[-1] = " ".join(words[: max(4, len(words) - 6 * trim)])
    flow += [_Element("para", s) for s in fillers]
    flow.append(_Element("heading", t["list_heading"], extra="list"))
    flow.append(_Element("para", t["list_lead"]))
    recs = t["recommendations"][: n_items or len(t["recommendations"])]
    split = box_after if box_after is not None else max(1, len(recs) // 2 - (seed % 3))
    style = MARKER_STYLES[params.marker_style]
    for i, rec in enumerate(recs, start=1):
        flow.append(_Element("item", rec, number=i, marker=style.format(n=i)))
        if i == split:
            flow.append(_Element("box", t["box_heading"], extra=t["box"]))
    flow.append(_Element("heading", t["next_heading"]))
    flow.append(_Element("para", " ".join(t["next"])))
    return flow, (t["closing_heading"], t["closing"])


def _assign_flow_breaks(pages: list[_Page]) -> None:
    prev = None
    for page in pages:
        for block in page.blocks:
            block.text = fold(" ".join(block.lines))
            block.flow_break = block.role in ("heading", "banner", "boxed", "caption") or prev in ("boxed", "banner") or prev is None
            prev = block.role


def _items(pages: list[_Page], list_heading: str) -> list[TruthItem]:
    found: dict[int, TruthItem] = {}
    for page in pages:
        for block in page.blocks:
            if block.item is None:
                continue
            text = fold(" ".join(block.lines))
            item = found.get(block.item)
            if item is None:
                marker, body = text.split(" ", 1)
                found[block.item] = TruthItem(list_heading, block.item, marker, body, [page.number], [])
            else:
                item.body = fold(item.body + " " + text)
                item.split.append("page" if page.number != item.pages[-1] else "column")
                if page.number not in item.pages:
                    item.pages.append(page.number)
    return [found[k] for k in sorted(found)]


def compose(lang: str, columns: int, pagesize: str, seed: int, *, marker_style=None, justify=None, hanging=None,
            n_items=None, box_after=None) -> tuple[_Composer, list[TruthItem], dict[str, Any]]:
    """Lay the bulletin out without drawing it; search the amount of filler text before the list
    so that an item runs across a page break and (with 2+ columns) across a column break."""
    if lang not in TEXTS:
        raise ValueError(f"no sample text for language {lang!r}; known: {', '.join(TEXTS)}")
    if pagesize not in PAGESIZES:
        raise ValueError(f"pagesize must be one of {', '.join(PAGESIZES)}")
    if columns < 1 or columns > 4:
        raise ValueError("columns must be 1..4")
    fonts.register_fonts()
    params = make_params(seed, columns, marker_style, justify, hanging)
    best = None
    for filler, trim, bump in [(f, t, b) for b in (0.0, 0.5, 1.0) for f in range(0, 14) for t in range(0, 4)]:
        trial = dataclasses.replace(params, item_gap=params.item_gap + bump)
        flow, closing = _build_flow(lang, trial, seed, filler, trim, n_items, box_after)
        comp = _Composer(lang, columns, pagesize, seed, trial)
        comp.compose(flow, closing)
        _assign_flow_breaks(comp.pages)
        items = _items(comp.pages, TEXTS[lang]["list_heading"])
        splits = {s for it in items for s in it.split}
        props = {
            "item_split_across_page": "page" in splits,
            "item_split_across_column": "column" in splits,
            "box_between_items": True,
            "picture_top_of_first_column": True,
        }
        score = props["item_split_across_page"] * 2 + (props["item_split_across_column"] or columns == 1)
        if best is None or score > best[0]:
            best = (score, comp, items, props)
        if score == 3:
            return comp, items, props
    assert best is not None
    return best[1], best[2], best[3]


# ---------------------------------------------------------------------------------------------
# Drawing


def _picture(seed: int):
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    rng = random.Random(f"picture-{seed}")
    w, h = 48, 32
    img = Image.new("RGB", (w, h))
    base = [rng.randint(40, 200) for _ in range(3)]
    img.putdata([(base[0] + x * 2 % 55, base[1] + y * 3 % 55, base[2] + (x + y) % 55) for y in range(h) for x in range(w)])
    return ImageReader(img)


def _draw(comp: _Composer, path: str | Path, *, blank_page: bool, title: str) -> None:
    from reportlab.pdfgen.canvas import Canvas

    W, H = comp.W, comp.H
    c = Canvas(str(path), pagesize=(W, H), invariant=1, pageCompression=1)
    c.setTitle(title)
    # The name it had inside the runtime package: raw_docs/ (so structured/) holds these bytes.
    c.setAuthor("intra_extract.samplegen")
    c.setCreator("intra_extract.samplegen")
    c.setSubject("synthetic sample bulletin")
    picture = _picture(comp.seed)
    t = comp.t
    m = comp.p.margin
    for page in comp.pages:
        for op in page.ops:
            if op[0] == "rect":
                _, x0, top, x1, bottom, fill, stroke, lw = op
                if fill:
                    c.setFillColorRGB(*fill)
                if stroke:
                    c.setStrokeColorRGB(*stroke)
                    c.setLineWidth(lw)
                c.rect(x0, H - bottom, x1 - x0, bottom - top, stroke=1 if stroke else 0, fill=1 if fill else 0)
            elif op[0] == "image":
                _, x0, top, w, h = op
                c.drawImage(picture, x0, H - top - h, w, h)
        draw.text_ops(c, page.ops, H)
        draw.running_furniture(c, t, page.number, W, H, m, header_from_top=34, footer_from_bottom=30)
        c.showPage()
    if blank_page:
        c.drawImage(picture, 40, 40, W - 80, H - 80)
        c.showPage()
    c.save()


def generate_bulletin(
    path: str | Path,
    *,
    language: str = "en",
    columns: int = 2,
    pagesize: str = "A4",
    seed: int = 0,
    marker_style: str | None = None,
    justify: bool | None = None,
    hanging: bool | None = None,
    n_items: int | None = None,
    box_after: int | None = None,
    blank_page: bool = False,
    write_truth: bool = True,
) -> Truth:
    """Write a sample bulletin PDF to `path` (and `<stem>.truth.json` beside it) and return its truth.

    `marker_style`: "dot" (`1.`), "paren" (`1)`) or "both" (`(1)`); by default chosen from the seed.
    `blank_page`: append a page with a picture and no text layer (a scanned page).
    The same arguments always give a byte-identical PDF.
    """
    if marker_style is not None and marker_style not in MARKER_STYLES:
        raise ValueError(f"marker_style must be one of {', '.join(MARKER_STYLES)}")
    comp, items, props = compose(language, columns, pagesize, seed, marker_style=marker_style, justify=justify,
                                 hanging=hanging, n_items=n_items, box_after=box_after)
    path = Path(path)
    _draw(comp, path, blank_page=blank_page, title=f"{comp.t['title']} ({language})")
    t = comp.t
    page_list = []
    for page in comp.pages:
        furniture = [
            {"role": "header", "text": t["header"]},
            {"role": "footer", "text": t["footer"]},
            {"role": "page_number", "text": t["page"].format(n=page.number)},
        ]
        page_list.append(TruthPage(page.number, page.blocks, furniture))
    if blank_page:
        page_list.append(TruthPage(len(page_list) + 1, [], [], no_text_layer=True))
    props["blank_page"] = blank_page
    p = comp.p
    truth = Truth(
        name=path.stem, language=language, columns=columns, pagesize=pagesize, seed=seed, pages=len(page_list),
        page_list=page_list, items=items, properties=props,
        params={
            "body_size": p.body, "leading": p.leading, "gutter": p.gutter, "margin": p.margin, "justify": p.justify,
            "hanging": p.hanging, "marker_style": p.marker_style, "item_gap": p.item_gap, "para_gap": p.para_gap,
        },
    )
    if write_truth:
        truth_path(path).write_text(truth.to_json(), encoding="utf-8")
    return truth


def standard_set(outdir: str | Path, *, languages=None, columns=(1, 2, 3), pagesizes=("A4", "Letter"), seed: int = 0) -> list[Path]:
    """Write the standard sample set: every language x column count x page size, plus one
    bulletin per page size with an image-only page at the end."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for li, lang in enumerate(languages or list(TEXTS)):
        for ncols in columns:
            for size in pagesizes:
                path = outdir / f"bulletin-{lang}-{ncols}col-{size.lower()}.pdf"
                generate_bulletin(path, language=lang, columns=ncols, pagesize=size, seed=seed + ncols + 3 * li)
                written.append(path)
    for size in pagesizes:
        path = outdir / f"bulletin-en-2col-{size.lower()}-scanned-page.pdf"
        generate_bulletin(path, language="en", columns=2, pagesize=size, seed=seed, blank_page=True)
        written.append(path)
    return written
