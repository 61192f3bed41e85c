"""Layout: from what a backend extracted to lines and blocks in reading order.

`pdf.layout_pages` handles PDF pages (words with boxes and fonts, drawn rectangles);
the plain-text layout lives in `text` (written separately).
"""

from .pdf import PdfLayout, layout_pages

__all__ = ["PdfLayout", "layout_pages"]
