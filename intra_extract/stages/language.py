"""Stage `language`: the document's language and shares, and each block's language
(`intra_extract.language`: langdetect restricted to the pipeline's languages). Blocks
are detected in runs of neighbours; a block too short to tell takes its neighbour's."""

from __future__ import annotations

from ..language import languages_of
from ..state import DocState
from . import stage


@stage("language", reads=("blocks", "text"), writes=("language", "languages", "block_languages"))
def language(doc: DocState, options) -> None:
    found = languages_of([block.text for block in doc.blocks], tuple(doc.languages_allowed))
    doc.language, doc.languages, doc.block_languages = found.language, found.shares, found.per_text
