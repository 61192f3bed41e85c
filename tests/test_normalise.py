"""Stage `normalise` and its helpers on hand-made lines: one spelling for the same text
(NFC, bullets, ligatures, soft hyphens, odd spaces) and line-break hyphens resolved as a
reader would: split words joined, real hyphens (`по-ранни`, `2021-2027`, `Member-States`) kept."""

from __future__ import annotations

import pytest

from intra_extract import model
from intra_extract.stages import get
from intra_extract.spelling import BULLET, keeps_hyphen, normalise_text
from intra_extract.state import Block, DocState, Line, Word


# ------------------------------------------------------------------ normalise_text

@pytest.mark.parametrize("raw, expected", [
    # NFC: decomposed letters composed
    ("Cafe\u0301 and Extremadura", "Café and Extremadura"),
    ("стои\u0306ност", "стойност"),
    ("c\u030cez s\u030cest z\u030cupanij", "čez šest županij"),
    ("Regia\u0303o", "Região"),
    # private-use bullets of Symbol/Wingdings fonts, with or without a space after them
    ("\uf0a7 Среща на партньорите", "• Среща на партньорите"),
    ("\uf0b7 Partner meeting", "• Partner meeting"),
    ("\uf0a7Glued to its text", "• Glued to its text"),
    ("   \uf0a7    Indented bullet   ", "• Indented bullet"),
    ("\uf0d8 Arrow glyph", "• Arrow glyph"),
    ("\ue000 Another private-use glyph", "• Another private-use glyph"),
    # other bullets
    ("▪ Square", "• Square"),
    ("● Disc", "• Disc"),
    ("◦ Ring", "• Ring"),
    ("► Pointer", "• Pointer"),
    ("➢ Arrow", "• Arrow"),
    ("• Already a bullet", "• Already a bullet"),
    # ligatures spelt out
    ("ﬁnancial ﬂows", "financial flows"),
    ("eﬀective oﬃce", "effective office"),
    # soft hyphen and zero-width characters dropped
    ("interna\u00adtionalisation", "internationalisation"),
    ("zero\u200bwidth\u200cjoin\u2060", "zerowidthjoin"),
    ("\ufeffText after a byte-order mark", "Text after a byte-order mark"),
    # odd spaces to one plain space, ends trimmed
    ("2\u00a0000 firms", "2 000 firms"),
    ("10\u202f% more", "10 % more"),
    ("EUR\u2009500", "EUR 500"),
    ("  several   spaces\tand\ttabs  ", "several spaces and tabs"),
    # dashes and hyphens are text, not bullets
    ("– 2014 – 2020", "– 2014 – 2020"),
    ("2021-2027 г.", "2021-2027 г."),
])
def test_normalise_text(raw, expected):
    assert normalise_text(raw) == expected


def test_private_use_glyph_inside_a_line_is_left_alone():
    # only at a line start can an unknown private-use glyph be taken for a bullet
    assert normalise_text("see \ue000 here") == "see \ue000 here"


def test_only_white_space_and_invisible_characters_normalise_to_nothing():
    assert normalise_text(" \u00a0\u200b\u00ad\t") == ""


# ------------------------------------------------------------------ keeps_hyphen

@pytest.mark.parametrize("head, tail, vocabulary, kept", [
    # real hyphens
    ("по", "ранни", set(), True),
    ("По", "ранни", set(), True),
    ("най", "голяма", set(), True),
    ("2021", "2027", set(), True),
    ("89", "те", set(), True),
    ("Member", "States", set(), True),
    ("Estados", "Membros", set(), True),
    ("EU", "funded", set(), True),
    ("e", "commerce", set(), True),
    # split words
    ("interna", "tionalisation", set(), False),
    ("предприе", "мачи", set(), False),
    ("načr", "tovati", set(), False),
    ("aten", "ción", set(), False),
    # the document's own spelling decides
    ("interna", "tionalisation", {"internationalisation"}, False),
    ("co", "operation", {"cooperation"}, False),
    ("micro", "enterprises", {"micro-enterprises"}, True),
    ("държавите", "членки", {"държавите-членки"}, True),
])
def test_keeps_hyphen(head, tail, vocabulary, kept):
    assert keeps_hyphen(head, tail, vocabulary) is kept


@pytest.mark.parametrize("head, tail", [("е", "бюлетин"), ("е", "търговия")])
def test_keeps_hyphen_after_cyrillic_e_prefix(head, tail):
    assert keeps_hyphen(head, tail, set()) is True


# ------------------------------------------------------------------ the stage on hand-made lines

def normalised(*blocks: list, assemble: bool = True) -> DocState:
    doc = DocState(path="t.txt", doc_id="t",
                   source=model.Source(path="t.txt", sha256="0" * 64, format="txt", bytes=1))
    doc.blocks = [Block([ln if isinstance(ln, Line) else Line(text=ln) for ln in lines], flow_break=True)
                  for lines in blocks]
    get("normalise")(doc)
    if assemble:
        get("assemble")(doc)
    return doc


def test_split_word_is_joined_without_its_hyphen():
    doc = normalised(["Support for the interna-", "tionalisation of small firms."])
    assert [ln.text for ln in doc.blocks[0].lines] == ["Support for the interna", "tionalisation of small firms."]
    assert doc.blocks[0].lines[0].joins_next
    assert doc.text == "Support for the internationalisation of small firms."


def test_split_words_in_every_language():
    doc = normalised(
        ["на младите предприе-", "мачи."],
        ["je treba načr-", "tovati skupaj."],
        ["merecen una aten-", "ción especial."],
    )
    assert doc.text == "на младите предприемачи.\n\nje treba načrtovati skupaj.\n\nmerecen una atención especial."


def test_real_hyphens_are_kept_at_a_line_break():
    doc = normalised([
        "върху по-", "ранни етапи, с най-", "голяма полза, в периода 2021-",
        "2027 г. The Member-", "States and the EU-", "funded schemes, e-", "commerce included.",
    ])
    assert doc.text == (
        "върху по-ранни етапи, с най-голяма полза, в периода 2021-2027 г. "
        "The Member-States and the EU-funded schemes, e-commerce included."
    )
    assert all(ln.joins_next for ln in doc.blocks[0].lines[:-1])


def test_the_documents_own_spelling_decides_a_lowercase_compound():
    doc = normalised(
        ["Държавите-членки решават сами."],
        ["Решението е на държавите-", "членки, а не на Комисията."],
        ["Micro-enterprises matter."],
        ["Support for micro-", "enterprises grows."],
    )
    assert "на държавите-членки, а не" in doc.text
    assert "Support for micro-enterprises grows." in doc.text


def test_a_spaced_dash_at_a_line_end_is_not_a_split_word():
    doc = normalised(["Фаза 1: 2016 -", "2019 г."])
    assert not doc.blocks[0].lines[0].joins_next
    assert doc.text == "Фаза 1: 2016 - 2019 г."


def test_bullets_spaces_and_empty_lines():
    doc = normalised(
        ["\uf0a7 Среща на партньорите", "\u00a0", "\uf0b7Partner meeting", "\u200b", "▪ Good\u00a0practice ﬁles"],
        [" ", "\u00ad"],
        ["Next\u00a0paragraph."],
    )
    assert [[ln.text for ln in b.lines] for b in doc.blocks] == [
        ["• Среща на партньорите", "• Partner meeting", "• Good practice files"],
        ["Next paragraph."],
    ]
    assert doc.text.count(BULLET) == 3


def test_pdf_words_are_normalised_one_by_one():
    words = [Word("\uf0a7", 40, 100, 44, 110), Word("Partner", 50, 100, 80, 110),
             Word("\u200b", 81, 100, 82, 110), Word("meeting", 85, 100, 120, 110),
             Word("eﬀective", 125, 100, 160, 110)]
    line = Line(text="", page=1, bbox=(40, 100, 160, 110), words=words)
    doc = normalised([line], assemble=False)
    out = doc.blocks[0].lines[0]
    assert out.text == "• Partner meeting effective"
    assert [w.text for w in out.words] == ["•", "Partner", "meeting", "effective"]


def test_soft_hyphen_at_a_line_end_joins_the_split_word():
    doc = normalised(["Support for interna\u00ad", "tionalisation of SMEs."])
    assert doc.text == "Support for internationalisation of SMEs."
