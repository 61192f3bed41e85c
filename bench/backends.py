"""Pages per second of the PDF backends on dense two-column pages.

    .venv/bin/python bench/backends.py [--pages 20] [--repeat 3] [--pdf FILE] [--agree]

Generates N dense two-column pages with reportlab (Source Sans Pro when the font package
is there, else Times), or takes --pdf, and times, each on the whole document:

  pdfplumber   pdfplumber's extract_words(extra_attrs=["size", "fontname"]) per page
  pdf_plumber  our pdfplumber backend (words, rects, images)
  pdfium       our pypdfium2 backend (the same)
  pypdfium2    plain pypdfium2: get_textpage().get_text_range() per page (text only)

Each is run --repeat times, in turns; the best run counts, by CPU time of this process
(the machine may be shared) and by wall time. --agree also compares our two backends word
by word on this document and on the test suite's sample PDFs.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intra_extract.backends import pdf_plumber  # noqa: E402
from intra_extract.backends import pdfium as pdfium_backend  # noqa: E402

WORDS = (
    "the european regional development fund supports cooperation projects across borders and "
    "regions with partners from bulgaria slovenia spain portugal italy in 2021-2027, 12 500 000 "
    "EUR for 41 interregional events, 89 good practices; more than 300 regional actors took part"
).split()


def make_pdf(path: Path, pages: int, seed: int = 1) -> Path:
    """Dense two-column pages: a bold title, 9pt body lines set one by one, a few bold
    headings, a rule under the title (about 4,500 characters per column)."""
    from reportlab.pdfgen import canvas

    body, bold = "Times-Roman", "Times-Bold"
    try:
        import font_source_sans_pro as fsp
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        folder = getattr(fsp, "font_directory", None) or os.path.join(os.path.dirname(fsp.__file__), "files")
        pdfmetrics.registerFont(TTFont("SSP", os.path.join(folder, "SourceSansPro-Regular.ttf")))
        pdfmetrics.registerFont(TTFont("SSP-Bold", os.path.join(folder, "SourceSansPro-Bold.ttf")))
        body, bold = "SSP", "SSP-Bold"
    except ImportError:
        pass
    rnd = random.Random(seed)
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    for page in range(pages):
        c.setFont(bold, 16)
        c.drawString(50, 805, f"Programme bulletin, page {page + 1}")
        c.line(50, 795, 545, 795)
        for x in (50, 310):
            y = 780.0
            while y > 40:
                if rnd.random() < 0.05:
                    c.setFont(bold, 10)
                    c.drawString(x, y, " ".join(rnd.choice(WORDS) for _ in range(4)).capitalize())
                    y -= 13
                    continue
                c.setFont(body, 9)
                line = ""
                while True:
                    word = rnd.choice(WORDS)
                    if c.stringWidth(f"{line} {word}", body, 9) > 235:
                        break
                    line = f"{line} {word}".strip()
                c.drawString(x, y, line)
                y -= 10.5
        c.showPage()
    c.save()
    return path


def run_pdfplumber(path: str) -> int:
    import pdfplumber

    n = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words(extra_attrs=["size", "fontname"])
            page.close()
            n += 1
    return n


def run_backend(module):
    def run(path: str) -> int:
        _, pages = module.open_pdf(path)
        return sum(1 for _ in pages)

    return run


def run_pypdfium2(path: str) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    n = 0
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            n += 1
    finally:
        pdf.close()
    return n


METHODS = {
    "pdfplumber": run_pdfplumber,
    "pdf_plumber": run_backend(pdf_plumber),
    "pdfium": run_backend(pdfium_backend),
    "pypdfium2": run_pypdfium2,
}


def bench(path: str, repeat: int) -> dict[str, tuple[float, float, int]]:
    best: dict[str, tuple[float, float, int]] = {}
    for _ in range(repeat):
        for name, method in METHODS.items():
            cpu0, wall0 = time.process_time(), time.perf_counter()
            pages = method(path)
            cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
            old = best.get(name)
            best[name] = (min(cpu, old[0]) if old else cpu, min(wall, old[1]) if old else wall, pages)
    return best


def report_speed(best: dict[str, tuple[float, float, int]]) -> None:
    base_cpu, base_wall, _ = best["pdfplumber"]
    ours_cpu, ours_wall, _ = best["pdf_plumber"]
    print(f"{'method':<12} {'pages/s CPU':>12} {'pages/s wall':>13} {'x pdfplumber':>13} {'x our pdf_plumber':>18}")
    for name, (cpu, wall, pages) in best.items():
        print(
            f"{name:<12} {pages / cpu:>12.1f} {pages / wall:>13.1f} {base_cpu / cpu:>13.1f} {ours_cpu / cpu:>18.1f}"
        )


def report_agreement(paths: list[tuple[str, Path, str | None]]) -> None:
    from tests.test_backend_pdfium import agreement

    print(
        f"\n{'PDF':<24} {'pages':>5} {'words':>7} {'agree':>7} {'rate':>8} {'order':>6} "
        f"{'max dx':>8} {'max dy':>8} {'rects':>6}"
    )
    total = agree = 0
    max_dx = max_dy = 0.0
    for name, path, password in paths:
        r = agreement(path, password)
        total += r.words
        agree += r.agree
        max_dx, max_dy = max(max_dx, r.max_dx), max(max_dy, r.max_dy)
        print(
            f"{name:<24} {r.pages:>5} {r.words:>7} {r.agree:>7} {r.rate:>8.2%} "
            f"{r.order_same_pages:>3}/{r.pages:<2} {r.max_dx:>8.4f} {r.max_dy:>8.4f} "
            f"{'same' if r.rects_same_pages == r.pages else 'DIFF':>6}"
        )
        for problem in r.problems[:5]:
            print("    ", problem)
    rate = agree / max(total, 1)
    print(f"{'all':<24} {'':>5} {total:>7} {agree:>7} {rate:>8.2%} {'':>6} {max_dx:>8.4f} {max_dy:>8.4f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=20, help="pages to generate (default 20)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each method; the best counts (default 3)")
    ap.add_argument("--pdf", help="time this PDF instead of a generated one")
    ap.add_argument("--agree", action="store_true", help="also compare the two backends word by word")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = Path(args.pdf) if args.pdf else make_pdf(folder / "dense.pdf", args.pages)
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        counts = []
        for i in range(min(3, len(pdf))):
            page = pdf[i]
            textpage = page.get_textpage()
            counts.append(textpage.count_chars())
            textpage.close()
            page.close()
        per_page = sum(counts) / len(counts)
        print(f"{path.name}: {len(pdf)} pages, ~{per_page:.0f} characters per page; best of {args.repeat} runs")
        pdf.close()
        report_speed(bench(str(path), args.repeat))
        if args.agree:
            from tests import test_backend_pdfium as samples

            docs = [(path.name, path, None)]
            for sample in samples.all_samples(folder):
                docs.append((sample.name, sample, None))
            docs.append(("encrypted.pdf", samples.build_encrypted(folder), "secret"))
            report_agreement(docs)


if __name__ == "__main__":
    main()
