"""Text folded for matching: one form for the spellings of the same word.

Folding is lossy and only for comparing: the text of records keeps its own spelling.
`strip_marks` drops accents (the dates grammar compares month names so); `fold` and
`fold_map` also fold case, dashes, apostrophes and white space (the good-practice labels and
the gazetteer's place names are matched so), and `fold_map` says where each folded character
came from.
"""

from __future__ import annotations

import functools
import unicodedata

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")


def strip_marks(text: str) -> str:
    """`text` without accents and other combining marks (compatibility forms decomposed),
    for matching: `Eslovénia` -> `Eslovenia`, `dicembre` stays."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=4096)  # runs for every character of every document: a small alphabet
def _fold_char(ch: str) -> str:
    """One character folded: lower case, no accents, one kind of dash and quote."""
    ch = ch.translate(_DASHES).replace("\u2019", "'").replace("\u02bc", "'").replace("\u2018", "'").replace("`", "'")
    return strip_marks(ch.casefold())


def fold_map(text: str) -> tuple[str, list[int]]:
    """`text` folded for matching, and for every folded character the offset in `text` it
    comes from. White space runs become one space; spaces around "/" go."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and out[-1] not in " /":
                out.append(" ")
                where.append(i)
            continue
        for f in _fold_char(ch):
            if f == "/" and out and out[-1] == " ":
                out.pop()
                where.pop()
            out.append(f)
            where.append(i)
    return "".join(out), where


def fold(text: str) -> str:
    if text.isascii():  # the same, without walking the characters (most names and words)
        out = " ".join(text.casefold().replace("`", "'").split())
        return out.replace(" /", "/").replace("/ ", "/") if "/" in out else out
    return fold_map(text)[0].strip()
