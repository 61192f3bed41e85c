"""Sample and test PDF generator: synthetic project bulletins with a known truth.

    from samplegen import generate_bulletin
    truth = generate_bulletin("out/b.pdf", language="bg", columns=2, pagesize="A4", seed=1)

writes `out/b.pdf` and `out/b.truth.json` (page count; per page the text blocks in reading
order and the furniture strings; the numbered items with their exact bodies). The command
`python -m samplegen OUTDIR` writes the standard set. Needs the `samples` extra
(reportlab, fonttools, font-source-sans-pro).
"""

from .bulletin import (
    MARKER_STYLES,
    PAGESIZES,
    Truth,
    TruthBlock,
    TruthItem,
    TruthPage,
    fold,
    generate_bulletin,
    standard_set,
    truth_path,
)
from .texts import LANGUAGES, TEXTS

__all__ = [
    "LANGUAGES", "MARKER_STYLES", "PAGESIZES", "TEXTS", "Truth", "TruthBlock", "TruthItem", "TruthPage",
    "fold", "generate_bulletin", "standard_set", "truth_path",
]
