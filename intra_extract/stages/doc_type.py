"""Stage `doc_type`: bulletin, handbook or unknown, from the document itself, never from
its file name.

The evidence, strongest first:

1. **The good-practice template.** A handbook repeats the same labelled fields practice
   after practice. The label finder of `intra_extract.practices` (labels of
   `data/good_practice_fields.toml` in six languages, confirmed by the layout: bold, a line
   of their own, a colon, a label column) groups them into practices; two practices or more,
   or one with at least `single_practice_fields` distinct fields and no bulletin title, make
   a handbook. A bulletin that merely mentions "the handbook of good practices" (as INTRA's
   do) has no such fields.
2. **A bulletin's name** for itself (newsletter, e-bulletin, бюлетин, e-novice, boletín,
   notiziario...) in the first blocks.
3. **Another template**: the handbook's name in the first blocks and at least three
   "Label:" lines that recur.
4. A bulletin's name anywhere, or numbered lists: a bulletin.
5. Otherwise `unknown`.

A pipeline may also fix the type (`[options.doc_type] fixed = "handbook"`).

The practices found are kept in `DocState.practices` for the `good_practices` stage (for a
document typed `handbook` only; found anew when the type is fixed).
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..markers import marker_of
from ..practices import Practice, distinct_keys, find_practices
from ..state import DocState
from . import stage

BULLETIN_WORDS = re.compile(
    r"(?i)\b(?:e-?bulletin|newsletter|бюлетин|е-бюлетин|novičnik|e-novice|boletín|boletim|notiziario|bollettino)\w*"
)
HANDBOOK_WORDS = re.compile(
    r"(?i)\b(?:handbook|good practices?|наръчник|добри практики|priročnik|dobre prakse|manual|buenas prácticas|"
    r"boas práticas|manuale|buone pratiche)\b"
)
HEAD_BLOCKS = 6


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")
    fixed: Literal["bulletin", "handbook", "unknown"] | None = None  # skip detection
    min_fields: int = Field(default=3, ge=1, description="Distinct fields a group of labels needs to be a practice.")
    single_practice_fields: int = Field(
        default=6, ge=1, description="Distinct fields that make a lone practice a handbook."
    )


@stage("doc_type", reads=("blocks", "text"), writes=("doc_type", "practices"), options=Options)
def doc_type(doc: DocState, options: Options) -> None:
    if options.fixed:
        practices = find_practices(doc, options.min_fields) if options.fixed == "handbook" else []
        doc.doc_type = options.fixed
    else:
        doc.doc_type, practices = classify(doc, options)
    doc.practices = practices if doc.doc_type == "handbook" else []


def classify(doc: DocState, options: Options | None = None) -> tuple[str, list[Practice]]:
    """The document's type, and the practices of the template found on the way."""
    options = options or Options()
    head = " ".join(b.text for b in doc.blocks[:HEAD_BLOCKS])
    bulletin_head = bool(BULLETIN_WORDS.search(head))
    practices = find_practices(doc, options.min_fields)
    if len(practices) >= 2 or (
        len(practices) == 1 and distinct_keys(practices) >= options.single_practice_fields and not bulletin_head
    ):
        return "handbook", practices
    if bulletin_head:
        return "bulletin", practices
    if HANDBOOK_WORDS.search(head) and _repeated_labels(doc) >= 3:
        return "handbook", practices
    if BULLETIN_WORDS.search(doc.text) or any(marker_of(line.text) for line in doc.lines()):
        return "bulletin", practices
    return "unknown", practices


def _repeated_labels(doc: DocState) -> int:
    """How many short label lines ("Description:", "Resources:") recur at least twice."""
    counts: dict[str, int] = {}
    for line in doc.lines():
        m = re.match(r"^([^\W\d][\w ]{2,40}):", line.text)
        if m:
            key = m.group(1).lower()
            counts[key] = counts.get(key, 0) + 1
    return sum(1 for c in counts.values() if c >= 2)
