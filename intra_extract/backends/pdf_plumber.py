"""PDF backend on pdfplumber: per page, the words with their boxes, font size and weight,
and the drawn rectangles and pictures. It builds no structure; that is the layout stage's job.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..errors import InputError
from ..state import RawPage, Rect, Word

BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.I)


def is_bold(fontname: str) -> bool:
    # Subset fonts are named "ABCDEF+Font-Bold"; the weight is in the part after '+'.
    return bool(BOLD_FONT.search(fontname.split("+", 1)[-1]))


def open_pdf(path: str, password: str | None = None) -> tuple[int, Iterator[RawPage]]:
    """Open a PDF and return its page count and an iterator over its pages.

    Pages are read one at a time and their parsed objects released as we go, so memory
    stays flat on long documents.
    """
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(path, password=password or "")
        n_pages = len(pdf.pages)
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        # pdfplumber wraps pdfminer's errors; the original is the first argument
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise InputError(
                "encrypted", "the PDF is encrypted and the password is missing or wrong (give one with --password)"
            ) from None
        raise InputError("corrupt", f"the PDF cannot be parsed: {type(cause).__name__}: {cause}".strip()) from None
    return n_pages, _pages(pdf)


def _pages(pdf) -> Iterator[RawPage]:
    try:
        for index, page in enumerate(pdf.pages):
            try:
                raw = read_page(page, index + 1)
            except (MemoryError, RecursionError):
                raise
            except Exception as exc:
                raise InputError("corrupt", f"page {index + 1} cannot be read: {type(exc).__name__}: {exc}") from None
            yield raw
            page.close()  # drops the page's cached layout objects
            pdf.pages[index] = None  # type: ignore[call-overload]  # and our reference to them
    finally:
        pdf.close()


def read_page(page, number: int) -> RawPage:
    words = [
        Word(
            text=w["text"],
            x0=float(w["x0"]),
            top=float(w["top"]),
            x1=float(w["x1"]),
            bottom=float(w["bottom"]),
            size=round(float(w["size"]), 2),
            bold=is_bold(w["fontname"]),
            font=w["fontname"],
        )
        for w in page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False, use_text_flow=False)
    ]
    rects = [Rect(float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"]), "rect") for r in page.rects]
    rects += [Rect(float(i["x0"]), float(i["top"]), float(i["x1"]), float(i["bottom"]), "image") for i in page.images]
    return RawPage(number=number, width=float(page.width), height=float(page.height), words=words, rects=rects)
