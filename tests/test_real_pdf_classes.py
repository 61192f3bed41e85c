"""What real PDFs do to a reader (issue #14), each class reproduced by a PDF of our own
(tests/pdf_factories.py) and read by both backends: words as the text layer spells them,
no crash and no control character on glyphs PDFium or pdfminer cannot map, a banner
before the header, and the text layer's characters all accounted for."""

from __future__ import annotations

import unicodedata

import pytest

pytest.importorskip("reportlab")
pytest.importorskip("pypdfium2")

from intra_extract.backends import HEADER_WINDOW, BackendOptions, pdf_plumber  # noqa: E402
from intra_extract.backends import pdfium as pdfium_backend  # noqa: E402
from intra_extract.errors import InputError  # noqa: E402
from intra_extract.layout import layout_pages  # noqa: E402
from intra_extract.lifecycle import process_file  # noqa: E402
from intra_extract.pipeline import load  # noqa: E402

from . import pdf_factories as make  # noqa: E402

BACKENDS = {"pdfium": pdfium_backend, "pdfplumber": pdf_plumber}


def read(backend: str, path) -> list:
    _, pages = BACKENDS[backend].open_pdf(str(path))
    return list(pages)


def words_of(pages) -> list[str]:
    return [w.text for page in pages for w in page.words]


@pytest.fixture(scope="module")
def config():
    return load("bulletin")


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "factory",
    [make.tight_justified, make.small_caps, make.letter_spaced, make.outside_bmp, make.banner_before_header,
     make.font_change_in_word, make.footnote_marks],
)
def test_words_as_the_text_layer_spells_them(tmp_path, backend, factory):
    path, expected = factory(tmp_path)
    got = words_of(read(backend, path))
    assert got[: len(expected)] == expected


@pytest.mark.parametrize("backend", BACKENDS)
def test_author_names_do_not_glue(tmp_path, backend):
    path, names = make.author_list(tmp_path)
    got = words_of(read(backend, path))
    # each surname with its affiliation mark, in superscript digits (glyphs.raised_marks)
    assert got[:8] == ["Maria", "Petrova¹", ",", "Luca", "Bianchi²", ",", "Ana", "Horvat³"]
    assert [w.rstrip("¹²³") for w in got[:8] if w != ","] == names
    assert "PETROVA,MARIA" in got  # a comma with no gap stays in its word, as in the text layer


@pytest.mark.parametrize("backend", BACKENDS)
def test_unmapped_glyphs_become_replacement_characters(tmp_path, backend):
    path, mapped = make.unmapped_glyphs(tmp_path)
    pages = read(backend, path)
    got = words_of(pages)
    assert [w for w in got if "\ufffd" not in w] == mapped
    assert "\ufffd\ufffd\ufffd" in got
    assert not any(unicodedata.category(ch) == "Cc" for w in got for ch in w)
    assert pages[0].replaced == 3


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_character_of_the_text_layer_is_accounted_for(tmp_path, backend):
    """In the backend's words or a named drop, and after the layout in the blocks or the
    furniture: the layout's per-page record starts from the text layer's count."""
    for factory in (make.tight_justified, make.small_caps, make.letter_spaced, make.outside_bmp,
                    make.unmapped_glyphs, make.author_list, make.banner_before_header, make.font_change_in_word,
                    make.fake_bold):
        path = factory(tmp_path)[0]
        pages = read(backend, path)
        for page in pages:
            delivered = sum(len(w.text) for w in page.words)
            assert page.layer_chars > 0
            # pdfminer counts a pair as one character where PDFium has two halves: that half is a named drop
            assert delivered + sum(page.dropped.values()) == page.layer_chars, (factory.__name__, page.dropped)
        lay = layout_pages(pages)
        assert [(n, chars - dropped) for n, (chars, _, dropped) in lay.conservation.items()] == [
            (n, back) for n, (_, back, _) in lay.conservation.items()
        ], factory.__name__
        assert not [w for w in lay.warnings if w.code == "text_lost"], factory.__name__


def test_a_page_that_loses_text_is_warned_by_number(tmp_path):
    """The guard: a page whose text layer counts more than comes back (here a backend's
    count that its words do not reach) gets a warning naming the page."""
    path, _ = make.small_caps(tmp_path)
    (page,) = read("pdfium", path)
    page.layer_chars *= 2
    lay = layout_pages([page])
    assert [(w.code, w.page) for w in lay.warnings] == [("text_lost", 1)]


def test_surrogate_halves_are_a_named_drop(tmp_path):
    path, _ = make.outside_bmp(tmp_path)
    (page,) = read("pdfium", path)
    assert page.dropped == {"surrogate_half": 3}


@pytest.mark.parametrize("backend", BACKENDS)
def test_characters_outside_the_bmp_go_through_the_pipeline(tmp_path, config, backend):
    path, expected = make.outside_bmp(tmp_path)
    doc = process_file(str(path), path.name, path.read_bytes(), config, BackendOptions(pdf_backend=backend))
    assert "\U0001d400\U0001d401" in doc.text and "\U0001f600" in doc.text
    assert not any("\ud800" <= ch <= "\udfff" for ch in doc.text)


@pytest.mark.parametrize("backend", BACKENDS)
def test_unmapped_glyphs_are_warned_per_page(tmp_path, config, backend):
    path, _ = make.unmapped_glyphs(tmp_path)
    doc = process_file(str(path), path.name, path.read_bytes(), config, BackendOptions(pdf_backend=backend))
    assert not any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in doc.text)
    warnings = [w for w in doc.warnings if w.code == "unmapped_glyphs"]
    assert [(w.page, w.message.split()[0]) for w in warnings] == [(1, "3")]


def test_a_banner_before_the_header_is_accepted(tmp_path, config):
    path, words = make.banner_before_header(tmp_path)
    assert not path.read_bytes().startswith(b"%PDF-")
    doc = process_file(str(path), path.name, path.read_bytes(), config)
    assert " ".join(words) in doc.text


def test_a_header_past_the_window_is_not_a_pdf(tmp_path, config):
    path, _ = make.banner_before_header(tmp_path, banner=b"x" * HEADER_WINDOW)
    with pytest.raises(InputError) as err:
        process_file(str(path), path.name, path.read_bytes(), config)
    assert err.value.code == "not_pdf"


@pytest.mark.parametrize("backend", BACKENDS)
def test_generated_bulletins_keep_every_character(tmp_path, backend):
    """Text conservation on the generated corpus: every character of each page's text layer
    is in a word or a named drop."""
    pytest.importorskip("font_source_sans_pro")
    from samplegen import generate_bulletin

    for lang, columns in (("bg", 2), ("en", 3)):
        path = tmp_path / f"{lang}.pdf"
        generate_bulletin(path, language=lang, columns=columns, pagesize="A4", seed=columns, write_truth=False)
        for page in read(backend, path):
            delivered = sum(len(w.text) for w in page.words)
            assert delivered + sum(page.dropped.values()) == page.layer_chars, (lang, page.number, page.dropped)


@pytest.mark.parametrize("backend", BACKENDS)
def test_fake_bold_is_read_once_and_its_doubles_are_a_named_drop(tmp_path, backend):
    path, words, doubles = make.fake_bold(tmp_path)
    (page,) = read(backend, path)
    assert words_of([page]) == words
    # PDFium leaves out by itself a copy drawn by the same text operators again (here
    # the glyphs drawn twice in a row and two of the stamp's three copies)
    dropped = page.dropped["duplicate_glyph"]
    assert dropped == doubles if backend == "pdfplumber" else 0 < dropped < doubles
    assert sum(len(w.text) for w in page.words) + dropped == page.layer_chars


@pytest.mark.parametrize("backend", BACKENDS)
def test_fake_bold_is_warned_by_name_and_the_page_is_whole(tmp_path, config, backend):
    path, words, doubles = make.fake_bold(tmp_path)
    doc = process_file(str(path), path.name, path.read_bytes(), config, BackendOptions(pdf_backend=backend))
    assert doc.text.split() == words
    assert [(w.code, w.page) for w in doc.warnings if w.code in ("dropped_text", "text_lost")] == [("dropped_text", 1)]
    (warning,) = [w for w in doc.warnings if w.code == "dropped_text"]
    assert warning.message.endswith("duplicate glyphs (text drawn twice for a bold effect)")


def test_a_line_drawn_over_itself_is_read_in_content_order(tmp_path):
    """PDFium backend only: pdfplumber's own word extraction sorts such a line by x0."""
    path, words = make.overdrawn_line(tmp_path)
    assert words_of(read("pdfium", path)) == words


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_letters_of_a_ligature_are_no_doubles(tmp_path, backend):
    path, words = make.ligatures(tmp_path)
    (page,) = read(backend, path)
    assert words_of([page]) == words
    assert page.dropped == {}


def test_right_to_left_text_is_read_in_logical_order(tmp_path):
    """PDFium backend only: PDFium gives right-to-left letters in reading order (pdfminer
    does not, and pdfplumber reads them one by one)."""
    path, words = make.right_to_left(tmp_path)
    pages = read("pdfium", path)
    assert words_of(pages) == words
    lay = layout_pages(pages)
    assert [ln.text for b in lay.blocks for ln in b.lines] == ["Before the line", " ".join(words[3:6]), "After the line"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_footnote_mark_is_a_superscript_of_its_word_and_hides_no_region_or_date(tmp_path, config, backend):
    """A raised mark joins its word in superscript digits (under NFKC, as the text layer spells
    it), and the word is still a region, and the year a date; a mark that starts a line stays
    a number of its own."""
    path, _ = make.footnote_marks(tmp_path)
    doc = process_file(str(path), path.name, path.read_bytes(), config, BackendOptions(pdf_backend=backend))
    assert "Extremadura⁴ in March 2019¹² on 120 m² near Varna³" in doc.text
    assert unicodedata.normalize("NFKC", "Extremadura⁴") == "Extremadura4"
    assert [r.name for r in doc.records if r.kind == "region"] == ["Extremadura", "Varna", "Spain"]
    assert [(str(r.start), str(r.end)) for r in doc.records if r.kind == "date"] == [("2019-03-01", "2019-03-31")]
    assert "4 The region of the partner" in doc.text


def test_a_space_the_next_glyph_starts_inside_stays_before_it(tmp_path):
    """Sorted by x0 alone, the glyph would join the word before the space ("region6"). The
    pdfplumber backend sorts as pdfplumber does and glues the two words: a known limit."""
    path, expected = make.space_over_next_glyph(tmp_path)
    assert words_of(read("pdfium", path)) == expected
