"""A laid-out line keeps its words packed (`state.Words`): the same words read back, the line's
own text shared, through a worker's pickling too; what changes words (the `normalise` stage)
changes them, not copies of them."""

from __future__ import annotations

import pickle

from intra_extract import model, workers
from intra_extract.layout.pdf import layout_page
from intra_extract.stages import get
from intra_extract.state import Block, DocState, Line, RawPage, Word, Words

WORDS = [Word("•", 40.0, 100.0, 44.0, 110.0, 9.5, False, "Symbol"),
         Word("Partner", 50.25, 100.0, 80.5, 110.0, 10.0, True, "Arial-Bold"),
         Word("meeting", 85.0, 99.5, 120.125, 110.5, 10.0, False, "Arial"),
         Word("effective", 125.0, 100.0, 160.0, 110.0, 10.0, False, "Arial")]


def test_packed_words_read_back_as_they_were():
    text = " ".join(w.text for w in WORDS)
    packed = Words(WORDS, text)
    assert packed.text is text  # the line's string, not a copy
    assert list(packed) == WORDS and packed == WORDS and len(packed) == 4
    assert packed[0] == WORDS[0] and packed[-1] == WORDS[-1] and packed[1:3] == WORDS[1:3]
    assert isinstance(packed[1].bold, bool) and packed[1].bold
    one_font = Words([WORDS[2], WORDS[3]], "meeting effective")
    assert [w.font for w in one_font] == ["Arial", "Arial"]
    assert Words([]) == [] and not Words([])


def test_words_of_one_style_share_it_bit_for_bit():
    same = [Word(t, 10.0 * i, 100.0, 10.0 * i + 8, 110.0, 10.0, True, "Arial") for i, t in enumerate("abc")]
    packed = Words(same, "a b c")
    assert list(packed) == same and len(packed._numbers) < 7 * len(same)  # the style kept once
    signed = [Word("a", 0.0, -0.0, 5.0, 10.0), Word("b", 6.0, 0.0, 9.0, 10.0)]  # -0.0 == 0.0, but not in a box
    assert [str(w.top) for w in Words(signed, "a b")] == ["-0.0", "0.0"]
    assert [w.text for w in Words([same[0]], "a")] == ["a"]


def test_a_word_with_a_space_in_it_keeps_its_place():
    # normalise may give a word an inner space ("•Text" -> "• Text"): offsets, not splitting
    words = [Word("• Text", 10.0, 0.0, 40.0, 10.0), Word("here", 45.0, 0.0, 60.0, 10.0)]
    line = Line(text="• Text here", words=Words(words, "• Text here"))
    assert [(off, n, w.text) for off, n, w in line.word_x()] == [(0, 6, "• Text"), (7, 4, "here")]
    assert list(line.words) == words


def test_a_line_whose_text_is_not_its_words_packs_its_words_own_text():
    packed = Words(WORDS, "")
    assert packed.text == "• Partner meeting effective" and list(packed) == WORDS


def test_packed_words_survive_a_workers_pickling():
    line = Line(text="• Partner meeting effective", page=1, bbox=(40.0, 99.5, 160.0, 110.5), words=WORDS)
    line.pack()
    back = workers._load(workers._dump(Block([line])))
    assert isinstance(back.lines[0].words, Words) and back.lines[0] == line
    assert pickle.loads(pickle.dumps(line.words)) == WORDS


def test_a_laid_out_page_keeps_its_lines_words_packed():
    words = [Word(t, 72.0 + 40 * i, 100.0, 72.0 + 40 * i + 30, 110.0, 10.0) for i, t in enumerate(
        ["Support", "for", "small", "firms"])]
    done = layout_page(RawPage(1, 595.0, 842.0, words))
    lines = [ln for block, _ in done.blocks for ln in block.lines]
    assert lines and all(isinstance(ln.words, Words) for ln in lines)
    assert [w.text for ln in lines for w in ln.words] == ["Support", "for", "small", "firms"]


def _packed_line(texts: list[str]) -> Line:
    words = [Word(t, 10.0 * i, 0.0, 10.0 * i + 8, 10.0) for i, t in enumerate(texts)]
    line = Line(text=" ".join(texts), page=1, bbox=(0.0, 0.0, 100.0, 10.0), words=words)
    line.pack()
    return line


def test_normalise_changes_packed_words_themselves():
    first = _packed_line(["\uf0a7", "Support", "for", "the", "interna-"])
    doc = DocState(path="t.pdf", doc_id="t", source=model.Source(path="t.pdf", sha256="0" * 64, format="pdf", bytes=1))
    doc.blocks = [Block([first, _packed_line(["tionalisation", "of", "firms."])], page=1)]
    get("normalise")(doc)
    line = doc.blocks[0].lines[0]
    assert line.text == "• Support for the interna" and line.joins_next
    # the split word's hyphen is gone from the word too, so word_x still tiles the text
    assert [line.text[off:off + n] for off, n, _ in line.word_x()] == [w.text for w in line.words]
    assert [w.text for w in line.words] == ["•", "Support", "for", "the", "interna"]
    assert isinstance(line.words, Words)


def test_normalise_keeps_a_line_it_does_not_change_as_it_was():
    plain, unpacked = _packed_line(["Support", "for", "small", "firms."]), _packed_line(["Regional", "agency"])
    unpacked.words = list(unpacked.words)  # a line made by hand: words in a list
    before = plain.words
    doc = DocState(path="t.pdf", doc_id="t", source=model.Source(path="t.pdf", sha256="0" * 64, format="pdf", bytes=1))
    doc.blocks = [Block([plain, unpacked], page=1)]
    get("normalise")(doc)
    assert plain.words is before and plain.text is before.text  # not packed again, one string
    assert isinstance(unpacked.words, Words) and [w.text for w in unpacked.words] == ["Regional", "agency"]
