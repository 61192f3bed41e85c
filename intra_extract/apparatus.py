"""A document's apparatus: its table of contents and its references. Their numbered lines
are never recommendations.

Three signs, each enough: a line of a contents page (a title, dot leaders, a page number);
an entry shaped like a reference (authors or a body and a year in brackets, a DOI, "et al.");
a part under a heading that names it ("References", "Bibliografía", "Използвана литература",
"Kazalo", ...: `data/apparatus.toml`, six languages and fr, de), up to the next heading.
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path

from .folding import fold
from .state import Block

HEADINGS_PATH = Path(__file__).with_name("data") / "apparatus.toml"

# Dot leaders (". . . .", "....", "…", "____") then a page number: a contents line.
CONTENTS_LINE = re.compile(r"(?:(?:\.\s?){4,}|…+\s?…*|_{4,}|·{4,})\s*\d{1,4}\b")
_SECTION_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[ivxlc]{1,5}\.|[a-z]\))\s+", re.I)
_YEAR_IN_BRACKETS = r"\((?:1[5-9]|20)\d\d[a-z]?(?:[,;][^)]{0,20})?\)"
# Up to ten words of names (no sentence end among them), then "(2015)." or "(2015),": APA and
# Harvard entries; or "Surname, I." opening the entry.
REFERENCE_ENTRY = re.compile(
    rf"^(?:[^\s.!?()]+\.?\s+){{0,10}}?{_YEAR_IN_BRACKETS}\s?[.,:]"
    r"|^[^\W\d_][\w'’-]+(?:\s[^\W\d_][\w'’-]+)?,\s(?:[^\W\d_]\.\s?[-–]?){1,3}(?:,|\s(?:and|&|e|y|и|in|et|und)\s|\s\(|\s(?:1[5-9]|20)\d\d)"
)
DOI = re.compile(r"(?i)\bdoi\s*:\s*10\.|\bdoi\.org/10\.|\b10\.\d{4,9}/[-._;()/:\w]+")
ET_AL = re.compile(r"\bet al\.")


@functools.lru_cache(maxsize=1)
def _headings() -> dict[str, frozenset[str]]:
    with HEADINGS_PATH.open("rb") as fh:
        data = tomllib.load(fh)
    return {part: frozenset(fold(h) for names in table.values() for h in names) for part, table in data.items()}


def apparatus_heading(text: str) -> str | None:
    """"references" or "contents" when `text` is the heading of one ("5. References:"), else None."""
    if len(text) > 60:
        return None
    name = fold(_SECTION_NUMBER.sub("", text)).rstrip(" :.")
    for part, names in _headings().items():
        if name in names:
            return part
    return None


def is_contents_line(text: str) -> bool:
    return bool(CONTENTS_LINE.search(text))


def looks_like_reference(text: str) -> bool:
    """An entry of a bibliography, numbered or not (`text` without its number)."""
    return bool(REFERENCE_ENTRY.match(text) or DOI.search(text) or ET_AL.search(text))


def apparatus_blocks(blocks: list[Block]) -> set[int]:
    """Indices of the blocks inside a references or contents part: from a block that is (or
    opens with) such a heading up to the next heading."""
    inside: set[int] = set()
    part = None
    for i, block in enumerate(blocks):
        first = block.lines[0].text if block.lines else ""
        found = apparatus_heading(first)
        if found or block.role in ("heading", "banner"):
            part = found
        elif part == "contents" and not _mostly_page_numbered(block):
            part = None  # a contents page ends where its lines stop naming pages
        if part:
            inside.add(i)
    return inside


def _mostly_page_numbered(block: Block) -> bool:
    ends = [bool(re.search(r"\d\s*$", line.text)) for line in block.lines]
    return sum(ends) * 2 >= len(ends)
