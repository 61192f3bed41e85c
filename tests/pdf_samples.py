"""Shared helpers for the PDF layout tests: generated bulletins, their truth, and the measures.

Import from a test module (`from .pdf_samples import ...`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

pytest.importorskip("reportlab")
pytest.importorskip("font_source_sans_pro")

from intra_extract.backends.pdf_plumber import open_pdf  # noqa: E402
from intra_extract.layout import PdfLayout, layout_pages  # noqa: E402
from samplegen import LANGUAGES, Truth, fold, generate_bulletin  # noqa: E402
from intra_extract.state import continues_flow  # noqa: E402

MARKER = re.compile(r"^\(?(\d{1,3})[.)]\)?$")

# The generated set the layout tests run on: every language in 1, 2 and 3 columns, the page
# size alternating so both A4 and Letter are covered in every column count.
CASES = [
    (lang, cols, "A4" if (i + cols) % 2 == 0 else "Letter")
    for i, lang in enumerate(LANGUAGES)
    for cols in (1, 2, 3)
]


@dataclass
class Sample:
    path: Path
    truth: Truth
    layout: PdfLayout
    n_pages: int


_CACHE: dict[tuple, Sample] = {}


def make_sample(root: Path, lang: str, cols: int, size: str, seed: int | None = None, **kw) -> Sample:
    """Generate (once per session) a bulletin, read it with pdfplumber and lay it out."""
    seed = cols + 3 * LANGUAGES.index(lang) if seed is None else seed
    key = (lang, cols, size, seed, tuple(sorted(kw.items())))
    if key not in _CACHE:
        path = root / f"b-{lang}-{cols}-{size}-{seed}{'-' + '-'.join(f'{k}{v}' for k, v in sorted(kw.items())) if kw else ''}.pdf"
        truth = generate_bulletin(path, language=lang, columns=cols, pagesize=size, seed=seed, **kw)
        n, pages = open_pdf(str(path))
        _CACHE[key] = Sample(path, truth, layout_pages(pages), n)
    return _CACHE[key]


# ---------------------------------------------------------------------------------------------
# Measures


def page_text(layout: PdfLayout, page: int) -> str:
    return fold(" ".join(b.text for b in layout.blocks if b.page == page))


def reading_order_ok(sample: Sample) -> list[int]:
    """Pages whose block texts, in layout order, differ from the truth's reading order."""
    bad = []
    for tp in sample.truth.page_list:
        want = fold(" ".join(b.text for b in tp.blocks))
        if page_text(sample.layout, tp.number) != want:
            bad.append(tp.number)
    return bad


def block_order_score(sample: Sample) -> tuple[int, int]:
    """(truth blocks found in order, truth blocks) over the document: each truth block's text
    is searched in the page's layout text after the end of the previous one."""
    found = total = 0
    for tp in sample.truth.page_list:
        text = page_text(sample.layout, tp.number)
        pos = 0
        for b in tp.blocks:
            total += 1
            at = text.find(b.text, pos)
            if at >= 0:
                found += 1
                pos = at + len(b.text)
    return found, total


@dataclass
class Item:
    number: int
    marker: str
    body: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return fold(" ".join(self.body))


def segment_items(layout: PdfLayout) -> list[Item]:
    """A minimal stand-in for the item segmentation stage: an item starts at a line whose
    first token is the next list marker; it takes the following lines of its block and goes
    on into the next block only where `state.continues_flow` says the flow runs on (a body
    block with flow_break False at the top of the next column or page)."""
    items: list[Item] = []
    cur: Item | None = None
    prev = None
    for block in layout.blocks:
        if prev is not None and not continues_flow(prev, block):
            cur = None
        prev = block
        for line in block.lines:
            first, _, rest = line.text.partition(" ")
            m = MARKER.match(first)
            if m:
                n = int(m.group(1))
                expected = items[-1].number + 1 if items else 1
                if n == expected or (n == 1 and cur is None):
                    cur = Item(n, first, [rest])
                    items.append(cur)
                    continue
            if cur is not None:
                cur.body.append(line.text)
        if block.role != "body":
            cur = None
    return items


def item_score(sample: Sample) -> tuple[int, int]:
    got = {it.number: it for it in segment_items(sample.layout)}
    ok = 0
    for t in sample.truth.items:
        g = got.get(t.number)
        if g is not None and g.text == fold(t.body) and g.marker == t.marker:
            ok += 1
    return ok, len(sample.truth.items)


def open_layout(path: str | Path) -> PdfLayout:
    _, pages = open_pdf(str(path))
    return layout_pages(pages)
