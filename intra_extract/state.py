"""The working document that every stage reads and extends (like spaCy's `Doc`).

Backends fill `pages` (PDF: an iterator, one page at a time) or `raw_text` (text files).
Stages then add structure in the order the pipeline configuration gives; each stage
declares which of the attributes below it reads and which it writes (see `stages/`).

Geometry follows pdfplumber: points, origin at the top-left of the page,
`(x0, top, x1, bottom)`.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Sequence, overload

from . import model
from .language import LANGUAGES

BBoxT = tuple[float, float, float, float]


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0
    bold: bool = False
    font: str = ""


_STYLE = 4  # numbers of a packed word's style: top, bottom, size, bold
_PLACE = 3  # ... and of its place: x0, x1, offset in the text


class Words(Sequence[Word]):
    """A laid-out line's words, packed: their text (the line's: the words joined by single
    spaces) and one array of numbers, in four objects instead of three to five a word. Per
    word its x0, x1 and offset in the text, and its top, bottom, size and weight, or these
    once for the line where its words share them (most lines do).

    A 500-page document has ~190,000 words, alive from its pages' layout to its last stage:
    as Word objects (with their text, x0 and x1) ~200 bytes each, 38 of the 61 MiB its
    laid-out pages took (tracemalloc); packed ~35 bytes, 7 MiB. Its worker's own peak fell by
    some 35 MiB (194 to 168 with a Word's numbers all in the array, then 136 to 127 with a
    line's style kept once), for some 3 % more time on the bench corpus with one worker
    (packing and reading back). A word read is a new Word, a copy: a stage that changes words
    does it through `Line.edit`."""

    __slots__ = ("text", "_count", "_numbers", "_fonts")

    def __init__(self, words: Sequence[Word], text: str = ""):
        texts = [w.text for w in words]
        joined = " ".join(texts)
        self.text = text if text == joined else joined  # the line's own string, not a copy
        self._count = len(texts)
        self._fonts: str | tuple[str, ...] = ()
        if not words:
            self._numbers = array("d")
            return
        first = words[0]
        top, bottom, size, bold, font = first.top, first.bottom, first.size, first.bold, first.font
        shared = 0.0 not in (top, bottom, size)  # (-0.0 == 0.0, but a box keeps its sign)
        one_font = True
        places: list[float] = []
        start = 0
        for w, t in zip(words, texts):  # (a plain loop: twice as quick as maps over so few words)
            places += (w.x0, w.x1, start)
            start += len(t) + 1
            if shared and (w.top != top or w.bottom != bottom or w.size != size or w.bold != bold):
                shared = False
            if one_font and w.font != font:
                one_font = False
        if shared:
            self._numbers = array("d", [top, bottom, size, bold, *places])
        else:
            self._numbers = array("d", [v for w, k in zip(words, range(0, len(places), _PLACE))
                                        for v in (*places[k:k + _PLACE], w.top, w.bottom, w.size, w.bold)])
        self._fonts = font if one_font else tuple(w.font for w in words)  # one string on most lines

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, i: int) -> Word: ...

    @overload
    def __getitem__(self, i: slice) -> list[Word]: ...

    def __getitem__(self, i: int | slice) -> Word | list[Word]:
        return self._unpacked()[i]  # (a line's words are few)

    def __iter__(self) -> Iterator[Word]:
        return iter(self._unpacked())

    def _unpacked(self) -> list[Word]:
        numbers, n, text, fonts = self._numbers.tolist(), self._count, self.text, self._fonts
        one_font = isinstance(fonts, str)
        shared = len(numbers) == _STYLE + _PLACE * n  # one style (so always for one word)
        if shared:
            top, bottom, size, bold = numbers[:_STYLE]
            k, step = _STYLE, _PLACE
        else:
            k, step = 0, _PLACE + _STYLE
        words = []
        for i in range(n):  # (a plain loop: a third quicker than maps over so few words)
            if not shared:
                top, bottom, size, bold = numbers[k + _PLACE:k + step]
            end = int(numbers[k + step + 2]) - 1 if i + 1 < n else len(text)
            words.append(Word(text[int(numbers[k + 2]):end], numbers[k], top, numbers[k + 1], bottom, size, bool(bold),
                              fonts if one_font else fonts[i]))  # type: ignore[arg-type]
            k += step
        return words

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Words, list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Words({list(self)!r})"

    def __reduce__(self):
        return _unpickle_words, (self.text, self._count, self._numbers, self._fonts)


def _unpickle_words(text: str, count: int, numbers: array, fonts: str | tuple[str, ...]) -> Words:
    words = Words.__new__(Words)
    words.text, words._count, words._numbers, words._fonts = text, count, numbers, fonts
    return words


@dataclass(slots=True)
class Rect:
    """A drawn rectangle, rule or picture on the page: boxes around articles, banners."""

    x0: float
    top: float
    x1: float
    bottom: float
    kind: str = "rect"  # rect | image | line


DUPLICATE_GLYPH = "duplicate_glyph"
# The drops of RawPage.dropped that lose text, as a warning words them (a surrogate pair's
# second half loses nothing: the pair is one character).
DROP_REASONS = {
    DUPLICATE_GLYPH: "duplicate glyphs (text drawn twice for a bold effect)",
    "no_object": "characters PDFium has no text object for",
}


@dataclass(slots=True)
class RawPage:
    """What a PDF backend pulls out of one page, nothing more."""

    number: int  # 1-based
    width: float
    height: float
    words: list[Word]
    rects: list[Rect] = field(default_factory=list)
    # Text conservation, from the backend: characters of the page's text layer (not white
    # space, not the spaces and line breaks a reader infers), and those not passed on in
    # `words`, by reason ("no_object": PDFium has the character but no text object for it;
    # "surrogate_half": the second half of a pair joined into one character;
    # DUPLICATE_GLYPH: a double of fake-bold text). The layout stage compares what it keeps
    # with `layer_chars` and names the drops that lose text (DROP_REASONS) in a warning.
    layer_chars: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    # Glyphs with no Unicode (or a lone UTF-16 half) given as U+FFFD in `words`.
    replaced: int = 0


@dataclass(slots=True)
class Line:
    """One printed line (PDF) or one physical line (text file)."""

    text: str
    page: int | None = None
    bbox: BBoxT | None = None
    size: float = 0.0
    bold: bool = False
    # PDF lines keep their words (layout fills them and packs them; normalise rewrites their text).
    words: Sequence[Word] = field(default_factory=list)
    # True where the line ends in a word split by a line-break hyphen, so no space follows.
    joins_next: bool = False
    # Offsets into DocState.text, set by the `assemble` stage.
    start: int = -1
    end: int = -1

    def word_x(self) -> Iterator[tuple[int, int, Word]]:
        """Per word: (offset in `text`, length, the word), which lets a record's box be narrowed
        to its words. Made when asked, not kept: `text` is the words joined by single spaces
        (layout makes it so, normalise keeps it so), and a long document has 200,000 words."""
        offset = 0
        for word in self.words:
            yield offset, len(word.text), word
            offset += len(word.text) + 1

    def pack(self) -> None:
        """Its words packed (`Words`), as a laid-out line keeps them."""
        if self.words and not isinstance(self.words, Words):
            self.words = Words(self.words, self.text)

    def edit(self, change: Callable[["Line"], None]) -> None:
        """`change(line)` with its words as a list (a word read from packed words is a copy:
        a change to it would be lost), packed again after. Where no word's text changed, the
        packed words stay as they were, their text the line's one string."""
        packed = self.words
        if isinstance(packed, Words):
            self.words = list(packed)
        texts = [w.text for w in self.words]
        change(self)
        if isinstance(packed, Words) and [w.text for w in self.words] == texts:
            self.text, self.words = packed.text, packed
        else:
            self.pack()


@dataclass(slots=True)
class Block:
    """Lines that belong together on the page: a paragraph, a heading, a boxed article.

    `role`: body | heading | boxed | banner | caption. `column` counts from 0 within its
    layout region; `flow_break` is True where the reading flow may not continue from the
    previous block into this one (a new article, a box, a banner).
    """

    lines: list[Line]
    page: int | None = None
    bbox: BBoxT | None = None
    role: str = "body"
    column: int = 0
    flow_break: bool = False
    level: int = 0  # heading level, 1 = largest, for role == "heading"

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def end(self) -> int:
        """Offset in DocState.text just after the block (after `assemble`)."""
        return self.lines[-1].end if self.lines else -1


@dataclass
class DocState:
    path: str  # relative to the input root
    source: model.Source
    doc_id: str
    languages_allowed: tuple[str, ...] = LANGUAGES
    # Filled by a backend:
    pages: Iterator[RawPage] | None = None
    raw_text: str | None = None
    # Filled by stages:
    blocks: list[Block] = field(default_factory=list)
    furniture: list[model.Furniture] = field(default_factory=list)
    text: str = ""
    language: str = "und"
    languages: dict[str, float] = field(default_factory=dict)
    block_languages: list[str] = field(default_factory=list)  # parallel to blocks
    title: str | None = None
    doc_type: str = "unknown"
    records: list[Any] = field(default_factory=list)  # model record instances
    warnings: list[model.Warning] = field(default_factory=list)
    # The good-practice template's practices (`practices.Practice`), found by `doc_type`.
    practices: list[Any] = field(default_factory=list)
    # Not data a stage hands on: `records.locator_of`'s index of the lines, kept with the
    # text length it was made for (line offsets do not move after `assemble`).
    locator_cache: tuple[int, Any] | None = field(default=None, repr=False, compare=False)

    def lines(self) -> Iterator[Line]:
        for block in self.blocks:
            yield from block.lines


def continues_flow(here: Block, nxt: Block) -> bool:
    """Whether the text of `here` runs on into `nxt`: a body block taken up again at the top
    of the next column or page. Assembly joins such blocks like lines, and a numbered item
    may cross from one into the other. Plain text has no columns, so never there."""
    return (
        here.role == "body" and nxt.role == "body" and not nxt.flow_break
        and nxt.page is not None and (nxt.page != here.page or nxt.column != here.column)
    )
