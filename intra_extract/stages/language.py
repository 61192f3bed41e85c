"""Stage `language`: the document's language and shares, and each block's language
(`intra_extract.language`: the document against every langdetect profile, then langdetect
restricted to the pipeline's languages). Blocks are detected in runs of neighbours; a block
too short to tell takes its neighbour's. A document in a language the pipeline is not
configured for keeps that language (every block too) and gets a warning; one whose language
cannot be told is `und`, with a warning."""

from __future__ import annotations

from .. import model
from ..language import UNDETERMINED, languages_of
from ..state import DocState
from . import stage


@stage("language", reads=("blocks", "text"), writes=("language", "languages", "block_languages", "warnings"))
def language(doc: DocState, options) -> None:
    allowed = tuple(doc.languages_allowed)
    found = languages_of([block.text for block in doc.blocks], allowed)
    doc.language, doc.languages, doc.block_languages = found.language, found.shares, found.per_text
    if found.language == UNDETERMINED:
        doc.warnings.append(model.Warning(
            code="language_undetermined",
            message="too little text, or text in no known language, to tell the document's language"))
    elif not found.configured:
        doc.warnings.append(model.Warning(
            code="language_not_configured",
            message=f"the document is in {found.language!r}, which the pipeline is not configured for "
                    f"({', '.join(allowed)}): its records may be incomplete"))
