"""Numbered items inside a sentence: "… three themes: 1. X; 2. Y; and 3. Z." or "two
questions: (1) X and (2) Y."

A list opens with `1.`, `1)` or `(1)` after a lead-in that ends in a colon, and goes on with
the next numbers in the same style, in the same sentence. An item ends where the next marker
begins, without the `;` or `,` and the joining word before it ("and", "e", "y", "и", "in", ...);
the last item ends with the sentence. The lead-in, without its colon, is the list's heading.
At least one marker must stand inside a line: markers that all open lines are a list of lines
(`intra_extract.lists`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markers import ITEM_TEXT, NUMBERED, opens_with_year

# A marker inside running text: after a space, a colon or the start, before a word (or a
# number and a word, or a quote).
MARKER = re.compile(rf"(?:(?<=[\s:])|^)(?:{NUMBERED})\s+(?:{ITEM_TEXT}|(?=[\"'“„«]))")
# The words that join the last two items, in the six languages and fr, de.
JOINING = ("and", "or", "as well as", "e", "ed", "o", "y", "u", "ou", "и", "или", "in", "ali", "ter", "et", "und", "oder", "oppure")
_TAIL = re.compile(r"(?:\s*[;,])?(?:\s+(?:" + "|".join(re.escape(w) for w in JOINING) + r"))?\s*$", re.I)
SENTENCE_END = re.compile(r"[.!?…](?=[\s\"'”»)]|$)|\n\n")


@dataclass(frozen=True)
class InlineItem:
    number: int
    start: int  # the marker's first character
    body_start: int  # after the marker and its space
    end: int


@dataclass(frozen=True)
class InlineList:
    lead_in: str
    items: tuple[InlineItem, ...]


def inline_lists(text: str, base: int = 0, line_starts: frozenset[int] = frozenset()) -> list[InlineList]:
    """The inline lists of `text` (one block's text), with offsets plus `base`. `line_starts`:
    offsets (with `base`) where a printed line begins."""
    markers = list(MARKER.finditer(text))
    found: list[InlineList] = []
    i = 0
    while i < len(markers):
        run = _run(text, markers, i, {s - base for s in line_starts})
        if run is None:
            i += 1
            continue
        items = _items(text, run, base)
        if items and not all(it.start in line_starts for it in items):
            found.append(InlineList(_lead_in(text, run[0].start()), tuple(items)))
        i = markers.index(run[-1]) + 1
    return found


def _style(m: re.Match) -> str:
    return "()" if m.group(1) else m.group(3)


def _number(m: re.Match) -> int:
    return int(m.group(1) or m.group(2))


def _run(text: str, markers: list[re.Match], i: int, line_starts: set[int]) -> list[re.Match] | None:
    """Markers 1, 2, ... of one sentence from markers[i], or None when no list opens there.
    A marker inside a line gives way to one of the same number that opens a later line ("1.
    Pregled sklepov 2. seje" / "2. Poročilo": an ordinal, then the list's own 2)."""
    first = markers[i]
    if _number(first) != 1 or not text[: first.start()].rstrip().endswith(":"):
        return None
    run = [first]
    for k, m in enumerate(markers[i + 1:], start=i + 1):
        if m.start() not in line_starts and any(
                _number(o) == _number(m) and o.start() in line_starts for o in markers[k + 1:]):
            continue
        if _number(m) == _number(run[-1]) + 1 and _style(m) == _style(first) and not SENTENCE_END.search(
            text, run[-1].end(), m.start()
        ):
            run.append(m)
        elif _number(m) != _number(run[-1]) + 1:
            continue  # a figure inside an item ("2) 30 days") is no marker
        else:
            break
    return run if len(run) >= 2 else None


def _items(text: str, run: list[re.Match], base: int) -> list[InlineItem]:
    items = []
    for k, m in enumerate(run):
        if k + 1 < len(run):
            end = m.end() + _TAIL.search(text[m.end(): run[k + 1].start()]).start()  # type: ignore[union-attr]
        else:
            stop = SENTENCE_END.search(text, m.end())
            end = stop.start() if stop else len(text.rstrip())
        body = text[m.end():end]
        if not body.strip() or opens_with_year(body):
            return []  # "1. aprila 2016 ... 2. maja": dates, not items
        items.append(InlineItem(_number(m), base + m.start(), base + m.end(), base + end))
    return items


def _lead_in(text: str, marker: int) -> str:
    """The sentence before the colon that opens the list, without the colon."""
    head = text[:marker].rstrip().rstrip(":").rstrip()
    starts = [m.end() for m in SENTENCE_END.finditer(head)]
    return " ".join(head[starts[-1] if starts else 0:].split())
