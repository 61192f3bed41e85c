"""Write the sample inputs in raw_docs/ (deterministic: the same bytes every time).

    .venv/bin/python scripts/make_raw_docs.py raw_docs/     (or: make raw-docs)

Bulletin PDFs in the six languages from the generator in `samplegen`
(1-3 columns, A4 and Letter; banner, headings, a numbered list that crosses a column
and a page and is interrupted by a boxed article, private-use bullets, running header
and footer), plain-text bulletins: the Bulgarian one in Windows-1251, a Slovenian one in
UTF-8 with the double-spaced rhythm of text layers exported from PDFs; and two handbooks of
good practices (`samplegen.handbook`): English with a label column, Bulgarian
with labels above their texts.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # samplegen/ is a development package at the repo root
TEXT_FIXTURES = ROOT / "tests" / "fixtures" / "text"

PDFS = [  # name, language, columns, page size, seed
    ("bulletin-bg-2col-a4", "bg", 2, "A4", 3),
    ("bulletin-en-2col-letter", "en", 2, "Letter", 5),
    ("bulletin-sl-3col-a4", "sl", 3, "A4", 7),
    ("bulletin-es-1col-a4", "es", 1, "A4", 11),
    ("bulletin-pt-2col-letter", "pt", 2, "Letter", 13),
    ("bulletin-it-3col-letter", "it", 3, "Letter", 17),
]


def main(outdir: str) -> int:
    from samplegen import generate_bulletin
    from samplegen.handbook import generate_handbook

    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    for name, lang, columns, size, seed in PDFS:
        truth = generate_bulletin(out / f"{name}.pdf", language=lang, columns=columns, pagesize=size, seed=seed,
                                  write_truth=False)
        print(f"{name}.pdf: {truth.pages} pages, {len(truth.items)} numbered items")
    # Windows-1251 has no private-use glyphs: a Word export writes its own bullet there.
    bg = (TEXT_FIXTURES / "bg-bulletin.txt").read_text(encoding="utf-8").replace("\uf0a7", "•").replace("\uf0b7", "•")
    (out / "bulletin-bg-cp1251.txt").write_bytes(bg.replace("\n", "\r\n").encode("cp1251"))
    (out / "bulletin-sl-utf8.txt").write_bytes((TEXT_FIXTURES / "sl-bulletin.txt").read_bytes())
    print("bulletin-bg-cp1251.txt, bulletin-sl-utf8.txt")
    for name, lang, style, seed in (("handbook-en-column", "en", "column", 2), ("handbook-bg-stacked", "bg", "stacked", 3)):
        truth = generate_handbook(out / f"{name}.pdf", language=lang, style=style, seed=seed, write_truth=False)
        print(f"{name}.pdf: {truth.pages} pages, {len(truth.practices)} good practices")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "raw_docs")))
