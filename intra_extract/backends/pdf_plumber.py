"""PDF backend on pdfplumber: per page, the words with their boxes, font size and weight,
and the drawn rectangles and pictures. It builds no structure; that is the layout stage's job.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..errors import InputError
from ..state import DUPLICATE_GLYPH, RawPage, Rect, Word
from .glyphs import (
    LIGATURES, WORD_GAP, continues_word, flow_words, overprinted, raised_marks, replace_unmapped, unmapped,
)

_LIGATURES = str.maketrans(LIGATURES)
BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.I)


def is_bold(fontname: str) -> bool:
    # Subset fonts are named "ABCDEF+Font-Bold"; the weight is in the part after '+'.
    return bool(BOLD_FONT.search(fontname.split("+", 1)[-1]))


def open_pdf(path: str, password: str | None = None, pages: range | None = None) -> tuple[int, Iterator[RawPage]]:
    """Open a PDF and return its page count and an iterator over its pages (those of `pages`,
    0-based indices, when given: a long document's share of one worker).

    Pages are read one at a time and their parsed objects released as we go, so memory
    stays flat on long documents.
    """
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(path, password=password or "")
        n_pages = len(pdf.pages)
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        # pdfplumber wraps pdfminer's errors; the original is the first argument
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise InputError(
                "encrypted", "the PDF is encrypted and the password is missing or wrong (give one with --password)"
            ) from None
        raise InputError("corrupt", f"the PDF cannot be parsed: {type(cause).__name__}: {cause}".strip()) from None
    return n_pages, _pages(pdf, range(n_pages) if pages is None else pages)


def _pages(pdf, indices: range) -> Iterator[RawPage]:
    try:
        for index in indices:
            page = pdf.pages[index]
            try:
                raw = read_page(page, index + 1)
            except (MemoryError, RecursionError):
                raise
            except Exception as exc:
                raise InputError("corrupt", f"page {index + 1} cannot be read: {type(exc).__name__}: {exc}") from None
            yield raw
            page.close()  # drops the page's cached layout objects
            pdf.pages[index] = None  # type: ignore[call-overload]  # and our reference to them
    finally:
        pdf.close()


def _is_upright(obj) -> bool:
    """Upright as pdfminer has it, less text upside down (as the pdfium backend): anything
    but a character counts as upright."""
    return obj.get("object_type") != "char" or bool(obj["upright"] and obj["matrix"][0] > 0)


def read_page(page, number: int) -> RawPage:
    # Words end at a gap over WORD_GAP of the font size (pdfminer has no inferred spaces to
    # go by, as the pdfium backend has), and go on across a change of size or font on one
    # baseline (small caps): see glyphs.continues_word.
    chars = page.chars
    doubles = _doubles(chars)
    dropped = {DUPLICATE_GLYPH: len(doubles)} if doubles else {}
    if doubles:  # fake bold: the doubles are left out, by name
        gone = {id(chars[k]) for k in doubles}
        chars = [ch for ch in chars if id(ch) not in gone]
        upright = page.filter(lambda obj: _is_upright(obj) and id(obj) not in gone)
    else:
        upright = page.filter(_is_upright)
    found = upright.extract_words(
        extra_attrs=["size", "fontname"], keep_blank_chars=False, use_text_flow=False, x_tolerance_ratio=WORD_GAP,
        return_chars=True,
    )
    upright.close()  # its cached objects (they hold the page's in cycles) go now, not at the next GC
    words: list[Word] = []
    upright_words: list[bool] = []  # per word: read left to right (the joins below are for such text only)
    replaced = 0
    prev = None
    for w in found:
        text = w["text"]
        if unmapped(text):
            text, count = replace_unmapped(text)
            replaced += count
        size = float(w["size"])
        if prev is not None and w["upright"] and prev["upright"] and continues_word(
            float(prev["chars"][-1]["x0"]), float(prev["x1"]), float(prev["bottom"]), float(prev["size"]),
            float(w["x0"]), float(w["bottom"]), size,
        ):
            last = words[-1]
            last.text += text
            last.x1 = max(last.x1, float(w["x1"]))
            last.top = min(last.top, float(w["top"]))
            last.bottom = max(last.bottom, float(w["bottom"]))
        else:
            upright_words.append(bool(w["upright"]))
            words.append(Word(
                text=text, x0=float(w["x0"]), top=float(w["top"]), x1=float(w["x1"]), bottom=float(w["bottom"]),
                size=round(size, 2), bold=is_bold(w["fontname"]), font=w["fontname"],
            ))
        prev = w
    words = raised_marks(_join_letter_spacing(words, upright_words))
    turned = [(ch["text"], ch["x0"], ch["top"], ch["x1"], ch["bottom"], ch, False) for ch in chars if not _is_upright(ch)]
    for letters in flow_words(turned):
        text = "".join(ch[0] for ch in letters).translate(_LIGATURES)
        if unmapped(text):
            text, count = replace_unmapped(text)
            replaced += count
        first = letters[0][5]
        words.append(Word(
            text=text, x0=float(min(ch[1] for ch in letters)), top=float(min(ch[2] for ch in letters)),
            x1=float(max(ch[3] for ch in letters)), bottom=float(max(ch[4] for ch in letters)),
            size=round(float(first["size"]), 2), bold=is_bold(first["fontname"]), font=first["fontname"],
        ))
    rects = [Rect(float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"]), "rect") for r in page.rects]
    rects += [Rect(float(i["x0"]), float(i["top"]), float(i["x1"]), float(i["bottom"]), "image") for i in page.images]
    layer_chars = sum(not ch["text"].isspace() for ch in chars) + len(doubles)
    return RawPage(
        number=number, width=float(page.width), height=float(page.height), words=words, rects=rects,
        layer_chars=layer_chars, dropped=dropped, replaced=replaced,
    )


def _doubles(chars: list[dict]) -> list[int]:
    """The doubles of fake-bold text among the page's characters (glyphs.overprinted), each
    character as one code point (its text may be longer: a ligature, a "(cid:N)")."""
    codes: dict[str, str] = {}
    text = "".join(
        [" " if t.isspace() else codes.setdefault(t, chr(0xF0000 + len(codes))) for t in (ch["text"] for ch in chars)]
    )
    return overprinted(text, [ch["x0"] for ch in chars], [ch["top"] for ch in chars], lambda k: chars[k]["size"])



# Letter-spaced text (character spacing Tc): PDFium allows for it when it infers spaces;
# pdfminer's characters do not tell it, so the letters come out as one-letter words with
# one and the same gap. Such a run of at least LETTER_RUN letters, gaps equal within
# LETTER_GAP_SPREAD of the size and under LETTER_GAP_MAX of it, is one word.
LETTER_RUN = 3
LETTER_GAP_MAX = 0.5
LETTER_GAP_SPREAD = 0.05


def _join_letter_spacing(words: list[Word], upright: list[bool]) -> list[Word]:
    out: list[Word] = []
    i, n = 0, len(words)
    while i < n:
        j = i + 1
        first = words[i]
        if upright[i] and len(first.text) == 1 and first.text.isalpha():
            gaps: list[float] = []
            while j < n:
                w, prev = words[j], words[j - 1]
                gap = w.x0 - prev.x1
                if not (upright[j] and len(w.text) == 1 and w.text.isalpha() and w.size == first.size
                        and abs(w.top - first.top) < 0.5 and 0 <= gap <= LETTER_GAP_MAX * w.size):
                    break
                if gaps and abs(gap - gaps[0]) > LETTER_GAP_SPREAD * w.size:
                    break
                gaps.append(gap)
                j += 1
        if j - i >= LETTER_RUN:
            run = words[i:j]
            first.text = "".join(w.text for w in run)
            first.x1 = max(w.x1 for w in run)
            first.top = min(w.top for w in run)
            first.bottom = max(w.bottom for w in run)
            out.append(first)
            i = j
        else:
            out.append(first)
            i += 1
    return out
