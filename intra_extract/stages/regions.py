"""Stage `regions`: every mention of a region, country or city becomes a `Region` record.

It runs the region matcher (`intra_extract.regions.find_regions`) per block (a name never
runs across blocks) in the block's language (`doc.block_languages`; `doc.language` where
that is missing or "und").
"""

from __future__ import annotations

from .. import model, records
from ..regions import find_regions
from ..state import DocState
from . import stage


def _segments(doc: DocState) -> list[tuple[int, int, str]]:
    """(start, end, language) of each block of text, or the whole text."""
    out = []
    languages = doc.block_languages if len(doc.block_languages) == len(doc.blocks) else []
    for i, block in enumerate(doc.blocks):
        lines = [ln for ln in block.lines if ln.start >= 0 and ln.end >= ln.start]
        if not lines:
            continue
        lang = languages[i] if languages and languages[i] not in ("", "und") else doc.language
        out.append((min(ln.start for ln in lines), max(ln.end for ln in lines), lang))
    if not out and doc.text:
        out.append((0, len(doc.text), doc.language))
    return out


@stage("regions", reads=("text", "blocks", "block_languages"), writes=("records",))
def regions(doc: DocState, options) -> None:
    locator = records.locator_of(doc)
    for start, end, lang in _segments(doc):
        for m in find_regions(doc.text[start:end], lang):
            doc.records.append(
                records.new_record(
                    doc, model.Region, start + m.start, start + m.end, locator=locator,
                    name=m.name, nuts_code=m.nuts_code, country=m.country, level=m.level,
                )
            )
