"""What opens a list item or a bullet: one definition for the text layout, assembly,
structure and document typing."""

from __future__ import annotations

import re

# A numbered marker: `1.`, `1)`, `(1)`. Groups: 1 the number in brackets, 2 the number before
# 3 its `.` or `)`.
NUMBERED = r"\((\d{1,3})\)|(\d{1,3})([.)])"
# What follows a marker's space: a word, or a number and a word ("2. 34 firms took part"); not a
# figure ("2. 000", "3.5 million").
ITEM_TEXT = r"(?=[^\d\s]|[1-9]\d*\s+[^\W\d_])"
# A numbered marker opening a line, followed by an item's text.
MARKER = re.compile(rf"^(?:{NUMBERED})\s+{ITEM_TEXT}")
# A token that is a list marker as the page layout sees one: numbered (also `(1.`), a letter
# (`a)`, `(a)`) or a roman numeral (`iv.`).
MARKER_TOKEN = re.compile(rf"^(?:{NUMBERED}|\(\d{{1,3}}\.|[a-z][.)]|\([a-z]\)|[ivxlc]{{1,6}}[.)])$", re.I)
BULLET = re.compile(r"^•\s")  # after normalisation every bullet is "•"
# Glyphs that are never anything but bullets: normalisation writes them all as "•".
BULLET_GLYPHS = "•▪■□●○◦‣⁃∙►▸▶➢➤✓✔❖◆◇☐"
# Bullets only at the start of a line (a dash or star list); elsewhere they are text.
LINE_START_BULLETS = "·-–—*"
# Before normalisation: the above, and the private-use glyphs of Symbol/Wingdings fonts.
RAW_BULLET = re.compile(rf"^\s*[{re.escape(BULLET_GLYPHS + LINE_START_BULLETS)}\ue000-\uf8ff]\s")
SENTENCE_END = frozenset(".!?:;…)\"”»")
YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def is_bullet_glyph(token: str) -> bool:
    """A bullet as a PDF or text file has it, before normalisation: a one-character token."""
    return len(token) == 1 and (token in BULLET_GLYPHS or token in LINE_START_BULLETS or "\ue000" <= token <= "\uf8ff")


def marker_style(marker: str) -> str:
    """"()", "." or ")": lists go on in one style ("1) 2) 3)" then "4. Prazos" is a heading)."""
    marker = marker.strip()
    return "()" if marker.startswith("(") else marker[-1:]


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
    return rest[:1].isupper() and not opens_with_year(rest)


def opens_with_year(text: str) -> bool:
    """A year among the first three words: "1. aprila 2016" is a date, not an item."""
    return bool(YEAR.search(" ".join(text.split()[:3])))
