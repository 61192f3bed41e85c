"""One spelling for the same text, line by line, before offsets exist.

NFC; bullets (including the private-use glyphs of Symbol and Wingdings fonts, which
Word-made PDFs put in the text layer) to one bullet; ligatures spelt out; soft hyphens
and zero-width characters dropped; odd spaces to plain ones; words split by a line-break
hyphen joined, while real hyphens stay (`по-ранни`, `2021-2027`, `Member-States`).
PDF lines are normalised word by word so every word keeps its box.
"""

from __future__ import annotations

import re
import unicodedata

from .markers import BULLET_GLYPHS
from .state import Line

BULLET = "•"
# Private-use code points that Symbol/Wingdings fonts use for bullets, arrows and ticks.
PUA_BULLETS = {chr(c) for c in (0xF0A7, 0xF0B7, 0xF0A8, 0xF076, 0xF0D8, 0xF0FC, 0xF06E, 0xF0E0, 0xF0D2, 0xF0F0, 0xF0A2)}
UNICODE_BULLETS = set(BULLET_GLYPHS)
DROP = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
LIGATURES = re.compile("[\ufb00-\ufb06]")
# Any character some rule below would change; a word without one (nearly every word) is
# returned as it is, which saves the per-character passes on some 300 words a page.
_TOUCHED = re.compile(
    "[" + re.escape("".join(sorted({*map(chr, DROP), *PUA_BULLETS, *UNICODE_BULLETS, BULLET})))
    + "\ue000-\uf8ff\ufb00-\ufb06\\s\u00a0\u2000-\u200a\u202f\u205f\u3000]"
)
# Prefixes that are written with a hyphen and stay hyphenated at a line break.
HYPHEN_PREFIXES = {"по", "най", "е", "ex", "co", "anti", "pre", "post", "non", "eu", "e"}


def normalise_text(text: str) -> str:
    if unicodedata.is_normalized("NFC", text) and not _TOUCHED.search(text):
        return text
    text = unicodedata.normalize("NFC", text).translate(DROP)
    text = LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = "".join(BULLET if ch in PUA_BULLETS or ch in UNICODE_BULLETS else ch for ch in text)
    # Any other private-use glyph in front of text is a bullet too; elsewhere we cannot know.
    text = re.sub(r"^\s*[\ue000-\uf8ff](?=\s)", BULLET, text)
    text = SPACES.sub(" ", text).strip()
    # A bullet glued to its text ("•Text") gets its space, so the text is a word of its own.
    return re.sub(rf"^{BULLET}(?=\S)", BULLET + " ", text)


def normalise_line(line: Line) -> None:
    # A soft hyphen at the end of a line is where a word was broken: join without a space.
    if line.text.rstrip().endswith("\u00ad"):
        line.joins_next = True
    if line.words:
        for word in line.words:
            word.text = normalise_text(word.text)
        line.words = [w for w in line.words if w.text]
        line.text = " ".join(w.text for w in line.words)
    else:
        line.text = normalise_text(line.text)


LINE_END_HYPHEN = re.compile(r"(\w+)-$")


def join_line_break(line: Line, nxt: Line, vocabulary: set[str]) -> None:
    m = LINE_END_HYPHEN.search(line.text)
    if not m or not nxt.text:
        return
    head = m.group(1)
    tail_m = re.match(r"[\w-]+", nxt.text)
    if not tail_m:
        return
    tail = tail_m.group()
    line.joins_next = True
    if keeps_hyphen(head, tail, vocabulary):
        return
    line.text = line.text[:-1]
    if line.words:
        line.words[-1].text = line.words[-1].text[:-1]


def keeps_hyphen(head: str, tail: str, vocabulary: set[str]) -> bool:
    """Whether `head-` + `tail` at a line break is a real hyphen (kept) or a split word."""
    joined, hyphenated = (head + tail).lower(), f"{head}-{tail}".lower()
    if joined in vocabulary:
        return False
    if hyphenated in vocabulary:
        return True
    if head.lower() in HYPHEN_PREFIXES:
        return True
    # Digits ("2021-2027") or a capital after the break ("EU-Funds") mean a compound.
    return not tail[:1].islower() or head[-1:].isdigit()
