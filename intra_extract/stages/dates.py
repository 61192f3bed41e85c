"""Stage `dates`: every date or period of the text becomes a `model.Date` record.

The grammar lives in `intra_extract.dates_grammar` (CLDR month names via babel, our own
regular expressions; see its docstring for the forms and the rule for bare years).
`find_dates(text, language)` is the pure function; the stage runs it once per language
present among the blocks and keeps a match where the block it starts in has that
language, so a Slovenian paragraph inside an English bulletin is read with Slovenian words.
"""

from __future__ import annotations

from .. import model, records
from ..dates_grammar import DateMatch, find_dates, resolve
from ..state import DocState
from . import stage

def _matches(doc: DocState, locator: records.Locator) -> list[DateMatch]:
    languages = doc.block_languages
    if not locator.lines or len(languages) != len(doc.blocks):
        return find_dates(doc.text, doc.language)
    found: list[DateMatch] = []
    for lang in sorted(set(languages)):
        for m in find_dates(doc.text, lang):
            if languages[locator.block_index(m.start)] == lang:
                found.append(m)
    return resolve(found)


@stage("dates", reads=("text", "blocks", "language", "block_languages"), writes=("records",))
def dates(doc: DocState, options) -> None:
    if not doc.text:
        return
    locator = records.locator_of(doc)
    for m in _matches(doc, locator):
        doc.records.append(records.new_record(
            doc, model.Date, m.start, m.end, locator,
            start=m.start_date.isoformat(), end=m.end_date.isoformat(), granularity=m.granularity,
        ))
