"""Backends pull raw content out of one file format and nothing more (as in Docling).

`load(doc, path, options)` fills `doc.pages` (an iterator of `RawPage`, PDF) or
`doc.raw_text` (text files). Adding a format means adding a module here and one line
in `FORMATS`; the stages never see the file itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from .. import model
from ..errors import InputError
from ..state import DocState, RawPage

# File ending -> format name as written to `source.format`.
FORMATS = {".pdf": "pdf", ".txt": "txt", ".text": "txt", ".md": "txt"}
# pdfium reads the same words, boxes, sizes and weights as pdfplumber, some 15 times faster
# (about 11 ms a page against 170 on the benchmark corpus; bench/backends.py compares them
# alone); tests/test_backend_pdfium.py checks that both give the same records.
PDF_BACKENDS = ("pdfium", "pdfplumber")
DEFAULT_PDF_BACKEND = "pdfium"
# PDF readers (Acrobat, PDFium, pdfminer) accept a header anywhere in the first 1,024 bytes,
# after a banner that a mail gateway or a web form put before it.
HEADER_WINDOW = 1024


@dataclass(frozen=True)
class BackendOptions:
    pdf_backend: str = DEFAULT_PDF_BACKEND
    password: str | None = None


def format_of(path: str) -> str | None:
    from pathlib import PurePath

    return FORMATS.get(PurePath(path).suffix.lower())


def load(doc: DocState, path: str, data: bytes, options: BackendOptions = BackendOptions(),
         pages: range | None = None) -> None:
    """`pages`: of a PDF, only these (0-based indices); `doc.source.pages` is still its count."""
    fmt = doc.source.format
    if fmt == "pdf":
        if b"%PDF-" not in data[:HEADER_WINDOW]:
            raise InputError(
                "not_pdf", f"the file is named .pdf but is not a PDF (no %PDF- header in its first {HEADER_WINDOW} bytes)"
            )
        if options.pdf_backend == "pdfium":
            from .pdfium import open_pdf
        elif options.pdf_backend == "pdfplumber":
            from .pdf_plumber import open_pdf
        else:
            raise InputError("internal", f"unknown PDF backend {options.pdf_backend!r}")
        n_pages, read = open_pdf(path, options.password, pages)
        doc.source.pages = n_pages
        doc.pages = _noting_replacements(doc, read)
    elif fmt == "txt":
        from .text import decode_text

        doc.raw_text, warnings = decode_text(data, tuple(doc.languages_allowed))
        doc.warnings.extend(warnings)
    else:
        raise InputError("unsupported", f"no backend for format {fmt!r}")


def _noting_replacements(doc: DocState, pages: Iterator[RawPage]) -> Iterator[RawPage]:
    """The pages as they come, with a warning for each page where glyphs without Unicode
    (or halves of a broken UTF-16 pair) were given as U+FFFD."""
    for page in pages:
        if page.replaced:
            doc.warnings.append(model.Warning(
                code="unmapped_glyphs",
                message=f"{page.replaced} character(s) on page {page.number} have no Unicode in the PDF; "
                "given as U+FFFD",
                page=page.number,
            ))
        yield page
