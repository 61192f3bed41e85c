"""Stage `doc_type`: bulletin, handbook or unknown, from the document itself.

A handbook repeats the same field labels practice after practice; a bulletin names
itself one (newsletter, e-bulletin...) or carries news with numbered lists. A pipeline
may also fix the type (`doc_type = "..."` in its configuration).
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..markers import marker_of
from ..state import DocState
from . import stage

BULLETIN_WORDS = re.compile(
    r"(?i)\b(?:e-?bulletin|newsletter|бюлетин|е-бюлетин|novičnik|e-novice|boletín|boletim|notiziario|bollettino)\w*"
)
HANDBOOK_WORDS = re.compile(
    r"(?i)\b(?:handbook|good practices?|наръчник|добри практики|priročnik|dobre prakse|manual|buenas prácticas|"
    r"boas práticas|manuale|buone pratiche)\b"
)


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")
    fixed: Literal["bulletin", "handbook", "unknown"] | None = None  # skip detection


@stage("doc_type", reads=("blocks", "text"), writes=("doc_type",), options=Options)
def doc_type(doc: DocState, options: Options) -> None:
    doc.doc_type = options.fixed or classify(doc)


def classify(doc: DocState) -> str:
    head = " ".join(b.text for b in doc.blocks[:6])
    if BULLETIN_WORDS.search(head):
        return "bulletin"
    if HANDBOOK_WORDS.search(head) and _repeated_labels(doc) >= 3:
        return "handbook"
    if BULLETIN_WORDS.search(doc.text) or any(marker_of(line.text) for line in doc.lines()):
        return "bulletin"
    return "unknown"


def _repeated_labels(doc: DocState) -> int:
    """How many short label lines ("Description:", "Resources:") recur at least twice."""
    counts: dict[str, int] = {}
    for line in doc.lines():
        m = re.match(r"^([^\W\d][\w ]{2,40}):", line.text)
        if m:
            key = m.group(1).lower()
            counts[key] = counts.get(key, 0) + 1
    return sum(1 for c in counts.values() if c >= 2)
