"""What opens a list item or a bullet: one definition for the text layout, assembly,
structure and document typing."""

from __future__ import annotations

import re

# `1.`, `1)`, `(1)` followed by text that is not a figure ("2. 000", "3.5 million").
MARKER = re.compile(r"^(?:\((\d{1,3})\)|(\d{1,3})[.)])\s+(?=[^\d\s])")
BULLET = re.compile(r"^•\s")  # after normalisation every bullet is "•"
# Before normalisation: Unicode bullets, private-use glyphs of Symbol/Wingdings, dashes.
RAW_BULLET = re.compile(r"^\s*[\u2022\u25aa\u25a0\u25cf\u25e6\u2023\u2043\u2219\u25ba\u27a2\ue000-\uf8ff*\-–]\s")
SENTENCE_END = frozenset(".!?:;…)\"”»")
YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def marker_of(text: str) -> tuple[int, int] | None:
    """(number, length of the marker with its space) when `text` opens with a marker."""
    m = MARKER.match(text)
    return (int(m.group(1) or m.group(2)), m.end()) if m else None


def ends_sentence(text: str) -> bool:
    return text.rstrip()[-1:] in SENTENCE_END


def may_start_item(prev: str | None, text: str) -> bool:
    """Whether a line opening with a marker starts an item, rather than carrying on the
    sentence of the line before it ("... a meeting on / 11. in 12. decembra 2018").
    After an unfinished line an item must open with a capital and not with a date."""
    found = marker_of(text)
    if not found:
        return False
    if prev is None or ends_sentence(prev):
        return True
    rest = text[found[1]:]
    return rest[:1].isupper() and not YEAR.search(" ".join(rest.split()[:3]))
