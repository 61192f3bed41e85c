"""PDF pages for the review page: rendered once by pypdfium2 and cached on disk, and the text
under a box an archivist draws."""

from __future__ import annotations

import hashlib
import re
import tempfile
import threading
from pathlib import Path

SCALE = 2.0  # pixels per PDF point: sharp enough to read 8-point type on the screen


class PageSource:
    """One source PDF. Renders are cached under a folder named by the file's content, so a
    re-issued file never shows an old picture."""

    def __init__(self, path: Path, cache_root: Path | None = None):
        self.path = path
        self.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        root = cache_root or Path(tempfile.gettempdir()) / "intra-extract-review"
        self.cache = root / self.sha256[:16]
        self._lock = threading.Lock()  # pdfium is not thread-safe

    def sizes(self) -> list[tuple[float, float]]:
        """Width and height of every page, in points."""
        with self._lock, _open(self.path) as pdf:
            return [tuple(round(v, 2) for v in pdf[i].get_size()) for i in range(len(pdf))]

    def png(self, page: int) -> bytes:
        """Page `page` (1-based) as PNG."""
        target = self.cache / f"{page}@{SCALE:g}.png"
        if target.is_file():
            return target.read_bytes()
        import io

        with self._lock, _open(self.path) as pdf:
            if not 1 <= page <= len(pdf):
                raise IndexError(page)
            image = pdf[page - 1].render(scale=SCALE).to_pil()
        buf = io.BytesIO()
        image.save(buf, format="PNG", optimize=False)
        data = buf.getvalue()
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
        return data

    def text_in(self, page: int, box: list[float]) -> str:
        """The text printed inside `box` ([x0, top, x1, bottom], points, top-left origin)."""
        with self._lock, _open(self.path) as pdf:
            p = pdf[page - 1]
            height = p.get_size()[1]
            x0, top, x1, bottom = box
            return p.get_textpage().get_text_bounded(left=x0, bottom=height - bottom, right=x1, top=height - top)


class _open:
    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        import pypdfium2 as pdfium

        self.pdf = pdfium.PdfDocument(str(self.path))
        return self.pdf

    def __exit__(self, *exc):
        self.pdf.close()


def find_printed(text: str, printed: str, near: int = 0) -> tuple[int, int] | None:
    """Where text printed on the page (white space, hyphenation at line ends as the PDF has
    them) stands in the document's text: the occurrence nearest `near`."""
    words = [w for w in re.split(r"\s+", printed.replace("\u00ad", "")) if w]
    if not words:
        return None
    # A word broken at a line end ("inter-" "national") may stand joined in the document's text.
    pattern = ""
    for i, w in enumerate(words):
        if i:
            pattern += r"\s*" if words[i - 1].endswith("-") else r"\s+"
        pattern += re.escape(w[:-1]) + "-?" if w.endswith("-") and len(w) > 1 else re.escape(w)
    hits = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    return min(hits, key=lambda h: abs(h[0] - near)) if hits else None
