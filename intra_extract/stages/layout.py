"""Stage `layout`: raw content into blocks of lines in reading order.

PDF pages go through the geometric layout (`layout/pdf.py`: columns, boxes, furniture);
text files through the line-rhythm layout (`layout/text.py`). The PDF layout's thresholds
are its options (`[options.layout]`, see `layout/params.py`).
"""

from __future__ import annotations

from ..errors import InputError
from ..layout.params import LayoutParams
from ..state import DocState
from . import stage


@stage("layout", reads=("pages", "raw_text"), writes=("blocks", "furniture", "warnings"), options=LayoutParams)
def layout(doc: DocState, options: LayoutParams) -> None:
    if doc.pages is not None:
        from ..layout.pdf import layout_pages

        result = layout_pages(doc.pages, options)
        doc.pages = None  # the iterator is spent; nothing keeps the pages alive
        doc.blocks, doc.furniture = result.blocks, result.furniture
        doc.warnings.extend(result.warnings)
        if not any(block.lines for block in doc.blocks):
            raise InputError(
                "no_text_layer",
                f"none of the {result.pages} pages has a text layer (scanned? OCR is not supported yet)",
            )
    else:
        from ..layout.text import layout_text

        doc.blocks = layout_text(doc.raw_text or "")
        if not doc.blocks:
            raise InputError("empty", "the text file holds no text")
