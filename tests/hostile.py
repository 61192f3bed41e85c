"""Hostile PDFs, made byte by byte: what a data manager's folder of years really holds."""

from __future__ import annotations

import zlib


def pdf_from_objects(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF file with a correct cross-reference table around the given object bodies."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _page_with_content(content: bytes, filters: bytes = b"") -> bytes:
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d %s >>\nstream\n" % (len(content), filters) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def flate_bomb(megabytes: int = 1500) -> bytes:
    """A page whose content stream inflates from about a megabyte to `megabytes` MB."""
    comp = zlib.compressobj(9)
    chunk = b"0 0 m\n" * (1 << 18)  # a path operator, so the interpreter works on it too
    parts = [comp.compress(b"BT /F1 12 Tf 72 720 Td (bomb) Tj ET\n")]
    for _ in range(megabytes * (1 << 20) // len(chunk)):
        parts.append(comp.compress(chunk))
    parts.append(comp.flush())
    return _page_with_content(b"".join(parts), b"/Filter /FlateDecode")


def deep_nesting(depth: int = 200_000) -> bytes:
    """An object nested `depth` arrays deep, reached from the page's resources."""
    nested = b"[" * depth + b"]" * depth
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources 5 0 R >>",
        b"<< /Length 35 >>\nstream\nBT /F1 12 Tf 72 720 Td (deep) Tj ET\nendstream",
        b"<< /Font << /F1 6 0 R >> /X " + nested + b" >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def page_tree_loop() -> bytes:
    """A page tree whose Pages node lists itself among its kids."""
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length 35 >>\nstream\nBT /F1 12 Tf 72 720 Td (loop) Tj ET\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def text_page(text: str = "Hello partners") -> bytes:
    content = b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text.encode("latin-1")
    return _page_with_content(content)


def no_text_page() -> bytes:
    """A page with a drawing and no text at all (what a scan looks like to us)."""
    return _page_with_content(b"0 0 1 rg 72 72 400 600 re f")
