"""Drawing steps both generators share: the composed text, and the running furniture."""

from __future__ import annotations

from . import fonts


def text_ops(c, ops, page_height: float) -> None:
    """Draw the ("text", x, baseline, font, size, colour, text) operations of a page."""
    for op in ops:
        if op[0] == "text":
            _, x, base, font, size, colour, text = op
            c.setFillColorRGB(*colour)
            c.setFont(font, size)
            c.drawString(x, page_height - base, text)


def running_furniture(c, texts: dict, page_number: int, width: float, height: float, margin: float,
                      header_from_top: float, footer_from_bottom: float) -> None:
    """Running header (with a rule under it), footer and page number, small and grey."""
    c.setFillColorRGB(0.35, 0.35, 0.35)
    c.setFont(fonts.REGULAR, 8)
    c.drawString(margin, height - header_from_top, texts["header"])
    c.drawString(margin, footer_from_bottom, texts["footer"])
    c.drawRightString(width - margin, footer_from_bottom, texts["page"].format(n=page_number))
    c.setStrokeColorRGB(0.6, 0.6, 0.6)
    c.setLineWidth(0.5)
    c.line(margin, height - header_from_top - 6, width - margin, height - header_from_top - 6)
