"""Plain text as people write it: a blank line ends a paragraph and a list item, unless the
document is shown to be double spaced (a PDF text layer with a blank after every line)."""

from __future__ import annotations

from intra_extract.layout.text import is_double_spaced, layout_text
from intra_extract.lifecycle import process_file
from intra_extract.pipeline import load

from .helpers import CORE_PIPELINE

WEB_PAGE = """Partners met in Maribor to compare export support schemes for small firms in six regions of Europe.

The working group agreed on three measures:

1. Shared trade-fair stands for first-time exporters.

2. A voucher for market studies.

3. Mentoring by experienced exporters.

Next steps: the partners will now draft their action plans, which the steering group reviews in the spring, and publish them on the project page.
"""

# The same kind of text as a PDF text layer gives it: wrapped lines, a blank after each.
DOUBLE_SPACED = """The working group met in Maribor to compare

export support schemes for small firms and agreed

on three measures for the coming year:

1. Shared trade-fair stands for first-time

exporters in the partner regions.
"""


def _items(text: str) -> list[tuple[int, str]]:
    doc = process_file("page.txt", "page.txt", text.encode("utf-8"), load(CORE_PIPELINE))
    return [(r.number, r.body) for r in doc.records if r.kind == "recommendation"]


def test_a_blank_line_ends_the_last_item_of_a_web_page():
    assert _items(WEB_PAGE) == [(1, "Shared trade-fair stands for first-time exporters."),
                                (2, "A voucher for market studies."),
                                (3, "Mentoring by experienced exporters.")]


def test_a_double_spaced_text_layer_keeps_its_lines_together():
    assert _items(DOUBLE_SPACED) == [(1, "Shared trade-fair stands for first-time exporters in the partner regions.")]
    assert len(layout_text(DOUBLE_SPACED)) == 1  # no line with a single blank before it starts a block


def test_double_spacing_is_decided_from_run_on_sentences():
    one_line_paragraphs = ["First paragraph ends here.", "Second one too.", "And a third."]
    assert not is_double_spaced(one_line_paragraphs, [1, 1])
    wrapped = ["a sentence that runs", "on across a blank line", "and ends here."]
    assert is_double_spaced(wrapped, [1, 1])
    assert not is_double_spaced(wrapped, [0, 0])
