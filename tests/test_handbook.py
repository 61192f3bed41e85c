"""Handbooks of good practices: `good_practice` records against generated handbooks with a
known truth (six languages, three label styles, A4 and Letter, multi-page practices, running
header and footer, a plain-text twin per language), the label vocabulary, the form reading
order, list naming and parenting, and the known limit of the layout's furniture rule."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytest.importorskip("reportlab")
pytest.importorskip("font_source_sans_pro")

from intra_extract import model, pipeline  # noqa: E402
from intra_extract.runner import RunOptions, process_file, run_folder  # noqa: E402
from samplegen.handbook import (  # noqa: E402
    STYLES,
    HandbookTruth,
    fold,
    generate_handbook,
    generate_handbook_text,
    standard_handbooks,
    truth_path,
)
from samplegen.handbook_texts import FIELD_ORDER, TEXTS  # noqa: E402
from intra_extract.folding import fold as label_fold  # noqa: E402
from intra_extract.practices import find_labels, is_label_text, timescale, vocabulary  # noqa: E402
from intra_extract.validate import validate_dataset  # noqa: E402

LANGUAGES = tuple(TEXTS)


@pytest.fixture(scope="module")
def handbook_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("handbooks")
    standard_handbooks(out)
    return out


def _inputs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".pdf", ".txt"))


@pytest.fixture(scope="module")
def processed(handbook_dir) -> dict[str, tuple[model.Document, HandbookTruth]]:
    config = pipeline.load("bulletin")  # the default pipeline: handbooks are detected
    out = {}
    for path in _inputs(handbook_dir):
        doc = process_file(str(path), path.name, path.read_bytes(), config)
        out[path.name] = (doc, HandbookTruth.load(truth_path(path)))
    return out


def test_the_standard_set_covers_what_the_issue_asks(handbook_dir, processed):
    truths = [t for _, t in processed.values()]
    assert {t.language for t in truths} == set(LANGUAGES)
    pdfs = [t for t in truths if t.style != "text"]
    assert {t.style for t in pdfs} == set(STYLES) and {t.pagesize for t in pdfs} == {"A4", "Letter"}
    assert all(len(t.practices) >= 3 for t in truths)
    multi = [p for t in pdfs for p in t.practices if len(p.pages) >= 2]
    assert len(multi) >= 2 * len(pdfs)  # every PDF has practices over two pages or more
    assert all(t.furniture and all(len(page) == 3 for page in t.furniture) for t in pdfs)


def _practices(doc: model.Document):
    return [r for r in doc.records if r.kind == "good_practice"]


def test_every_practice_with_every_field_exactly(processed):
    problems = []
    for name, (doc, truth) in processed.items():
        assert doc.doc_type == "handbook", name
        gps = _practices(doc)
        assert len(gps) == len(truth.practices), name
        for want, got in zip(truth.practices, gps):
            assert set(got.fields) == set(want.fields), (name, want.number)
            for key, text in want.fields.items():
                if fold(got.fields[key]) != text:
                    problems.append(f"{name} practice {want.number} {key}: {got.fields[key]!r} != {text!r}")
            assert got.field_labels == want.labels, (name, want.number)
    assert problems == []


def test_field_spans_slice_the_text_and_lie_inside_the_practice(processed):
    for name, (doc, _) in processed.items():
        previous_end = 0
        for gp in _practices(doc):
            assert doc.text[gp.span.start:gp.span.end] == gp.text
            assert gp.span.start >= previous_end, name  # practices do not overlap
            previous_end = gp.span.end
            spans = sorted(gp.field_spans.items(), key=lambda kv: kv[1].start)
            for key, span in spans:
                assert doc.text[span.start:span.end] == gp.fields[key]
                assert gp.span.start <= span.start <= span.end <= gp.span.end
            for (_, a), (_, b) in zip(spans, spans[1:]):
                assert a.end <= b.start
            # the record's span runs from the practice heading (when in the text) to its last field
            assert gp.span.end == max(s.end for _, s in spans)


def test_no_header_footer_or_page_number_inside_a_field(processed):
    for name, (doc, truth) in processed.items():
        running = {f["text"] for page in truth.furniture for f in page if f["role"] != "page_number"}
        numbers = {f["text"] for page in truth.furniture for f in page if f["role"] == "page_number"}
        for gp in _practices(doc):
            for key, text in gp.fields.items():
                assert not any(r in text for r in running), (name, key)
                assert not any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text) for n in numbers), (name, key)
        if truth.furniture:
            assert {f.role for f in doc.furniture} == {"header", "footer", "page_number"}


def test_linked_facts_title_institution_country_region_dates(processed):
    for name, (doc, truth) in processed.items():
        for want, got in zip(truth.practices, _practices(doc)):
            where = (name, want.number)
            assert got.title == want.title, where
            assert got.institution == want.institution, where
            assert got.country is not None and got.country.country == want.country_code, where
            assert got.country.level == "country" and got.country.text == got.fields["country"], where
            assert got.region is not None and got.region.nuts_code == want.nuts_code, where
            assert got.region.country == want.country_code, where
            assert (got.start, got.end) == (want.start, want.end), where


def test_numbered_lists_inside_a_practice_are_named_and_parented(processed):
    for name, (doc, truth) in processed.items():
        recs = [r for r in doc.records if r.kind == "recommendation"]
        for want, got in zip(truth.practices, _practices(doc)):
            mine = [r for r in recs if r.parent_id == got.id]
            assert [(r.number, fold(r.body), r.list_heading) for r in mine] == [
                (i.number, fold(i.body), i.list_heading) for i in want.items
            ], (name, want.number)
            for r in mine:  # an item ends inside its field: nothing of the next label
                ev = got.field_spans["evidence"]
                assert ev.start <= r.span.start and r.span.end <= ev.end
        # numbering restarts at 1 in every practice, and stays unambiguous by parent
        assert all(r.parent_id for r in recs), name


def test_a_handbook_dataset_validates_clean(handbook_dir, tmp_path):
    out = tmp_path / "structured"
    result = run_folder(handbook_dir, RunOptions(out=out, workers=1))
    assert result.exit_code == 0
    report = validate_dataset(out)
    assert report.exit_code == 0, report.summary()
    lines = [json.loads(x) for x in (out / "records.jsonl").read_text("utf-8").splitlines()]
    kinds = {x["kind"] for x in lines}
    assert "good_practice" in kinds
    schema = json.loads((out / "schema" / "record.good_practice.schema.json").read_text("utf-8"))
    assert {"fields", "field_spans", "country", "region", "start", "end"} <= set(schema["properties"])
    assert all(json.loads(p.read_text("utf-8"))["schema_version"] == "1.2.0"
               for p in (out / "documents").glob("*.json"))


def test_handbook_pipeline_fixes_the_type():
    config = pipeline.load("handbook")
    assert config.stage_options("doc_type").fixed == "handbook"
    assert "good_practices" in config.stages and "form_order" in config.stages
    assert config.stages.index("form_order") < config.stages.index("assemble")
    default = pipeline.load("bulletin")
    assert default.stages.index("structure") < default.stages.index("good_practices")


# ----------------------------------------------------------------------------- vocabulary


def test_every_label_the_generator_prints_is_in_the_vocabulary():
    vocab = vocabulary()
    for lang, t in TEXTS.items():
        for key, label in list(t["labels"].items()) + list(t["labels_alt"].items()):
            folded = label_fold(label)
            found = vocab.match(folded)
            assert found and found[0] == key and found[2] == len(folded), (lang, key, label)
            assert is_label_text(label + ":", vocab)


def test_the_data_file_covers_six_languages_for_every_field():
    import tomllib

    from intra_extract.practices import FIELDS_PATH

    data = tomllib.loads(FIELDS_PATH.read_text("utf-8"))
    assert set(data["languages"]) == set(LANGUAGES)
    assert set(FIELD_ORDER) <= set(data["fields"])
    for key, table in data["fields"].items():
        assert all(table.get(lang) for lang in LANGUAGES), key


def test_matching_folds_case_accents_spaces_and_slashes():
    vocab = vocabulary()
    assert vocab.match(label_fold("DIFFICULTIES ENCOUNTERED / LESSONS LEARNED"))[0] == "difficulties"
    assert vocab.match(label_fold("Descripcion detallada"))[0] == "description"
    assert vocab.match(label_fold("Ključne  besede"))[0] == "keywords"
    assert vocab.match(label_fold("Countryside tourism")) is None  # a word boundary after the label


def _text_doc(tmp_path: Path, text: str):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    from intra_extract import stages
    from intra_extract.backends import BackendOptions, load
    from intra_extract.state import DocState

    source = model.Source(path="doc.txt", sha256="0" * 64, format="txt", bytes=len(text), pages=None)
    doc = DocState(path="doc.txt", source=source, doc_id="doc")
    load(doc, str(path), path.read_bytes(), BackendOptions())
    config = pipeline.load("bulletin")
    for name in ("layout", "normalise", "assemble"):
        stages.get(name)(doc, config.stage_options(name))
    return doc


def test_a_label_word_in_running_text_is_no_label(tmp_path):
    doc = _text_doc(tmp_path, (
        "Description of the project and its partners, who met in Maribor.\n"
        "Country visits were organised in spring.\n\n"
        "Country:\nBulgaria\n\nResources needed\nTwo advisers.\n"
    ))
    hits = [(h.key, h.evidence) for h in find_labels(doc)]
    # "Description of ..." and "Country visits ..." open lines but are running text
    assert [k for k, _ in hits] == ["country", "resources"]
    assert hits[0][1] == "colon" and hits[1][1] in ("whole", "text")


def test_timescale_start_and_end():
    assert timescale("01.04.2016 – 31.03.2019", "en") == ("2016-04-01", "2019-03-31")
    assert timescale("January 2015 – ongoing", "en") == ("2015-01-01", None)
    assert timescale("2014-2020", "it") == ("2014-01-01", "2020-12-31")
    assert timescale("2017", "en") == ("2017-01-01", "2017-12-31")  # a bare year: the field says it is one
    assert timescale("2016 – 2019", "sl") == ("2016-01-01", "2019-12-31")
    assert timescale("Start: 01.03.2017; end: 30.06.2018", "en") == ("2017-03-01", "2018-06-30")
    assert timescale("not known", "en") == (None, None)


# ----------------------------------------------------------------------------- reading order and detection


def test_form_order_reads_a_label_column_row_by_row(processed):
    doc, truth = next(v for v in processed.values() if v[1].style == "column")
    first = truth.practices[0]
    # each label is directly followed by its own text, not by the next label
    for key in ("country", "region", "institution"):
        label = first.labels[key]
        at = doc.text.index(label)
        assert doc.text[at + len(label):].lstrip().startswith(first.fields[key]), key


def test_bulletins_are_left_exactly_as_they_were(tmp_path):
    """The handbook stages add nothing to a bulletin: its document equals the one a pipeline
    without them gives."""
    from samplegen import generate_bulletin

    path = tmp_path / "b.pdf"
    generate_bulletin(path, language="sl", columns=2, pagesize="A4", seed=3)
    with_hb = process_file(str(path), path.name, path.read_bytes(), pipeline.load("bulletin"))
    plain = pipeline.PipelineConfig.model_validate({
        **pipeline.load("bulletin").model_dump(),
        "stages": [s for s in pipeline.load("bulletin").stages if s not in ("form_order", "good_practices")],
    })
    without = process_file(str(path), path.name, path.read_bytes(), plain)
    assert with_hb.doc_type == "bulletin"
    assert with_hb.model_dump(exclude={"pipeline"}) == without.model_dump(exclude={"pipeline"})


def test_generator_is_deterministic(tmp_path):
    a = generate_handbook(tmp_path / "a.pdf", language="pt", style="column", seed=5, n_practices=2)
    b = generate_handbook(tmp_path / "b.pdf", language="pt", style="column", seed=5, n_practices=2)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    assert a.practices == b.practices


def test_more_seeds_and_styles(tmp_path):
    """Beyond the standard set: other seeds (alternative label wordings, omitted optional
    fields, practices numbered from 1 or 31), every style in a Cyrillic and a Latin language."""
    config = pipeline.load("bulletin")
    exact = total = 0
    for lang in ("bg", "it"):
        for style in STYLES:
            for seed in (7, 12):
                path = tmp_path / f"h-{lang}-{style}-{seed}.pdf"
                truth = generate_handbook(path, language=lang, style=style, seed=seed, n_practices=3,
                                          pagesize="Letter" if seed % 2 else "A4")
                doc = process_file(str(path), path.name, path.read_bytes(), config)
                gps = _practices(doc)
                assert len(gps) == len(truth.practices), path.name
                for want, got in zip(truth.practices, gps):
                    for key, text in want.fields.items():
                        total += 1
                        exact += fold(got.fields.get(key, "")) == text
    assert exact == total


def test_text_twin_is_read_too(tmp_path):
    path = tmp_path / "hb.txt"
    truth = generate_handbook_text(path, language="sl", seed=4, n_practices=2)
    doc = process_file(str(path), path.name, path.read_bytes(), pipeline.load("bulletin"))
    gps = _practices(doc)
    assert doc.doc_type == "handbook" and len(gps) == 2
    assert [{k: fold(v) for k, v in g.fields.items()} for g in gps] == [p.fields for p in truth.practices]
    assert all(g.page is None for g in gps)


def test_labels_taken_for_running_headers_are_put_back(tmp_path):
    """Body text reaching into the top band: a label opening a page on a few pages repeats
    there and the layout takes it for a running header; `form_order` puts it back."""
    path = tmp_path / "tight.pdf"
    truth = generate_handbook(path, language="sl", style="stacked", seed=2, n_practices=5, tight=True)
    doc = process_file(str(path), path.name, path.read_bytes(), pipeline.load("bulletin"))
    assert not any(is_label_text(f.text, vocabulary()) for f in doc.furniture)
    gps = _practices(doc)
    assert [{k: fold(v) for k, v in g.fields.items()} for g in gps] == [p.fields for p in truth.practices]
    # the practice headings at the top of the page are still furniture: the span starts at the first label
    assert [f.text for f in doc.furniture if f.text.startswith("Dobra praksa")] == [p.heading for p in truth.practices]


def test_repeated_body_lines_in_the_furniture_bands_stay_in_their_field(tmp_path):
    """List items or lead lines a handbook repeats from practice to practice, falling in the
    top or bottom band of two pages, are not running lines: not at the same height."""
    path = tmp_path / "tight.pdf"
    truth = generate_handbook(path, language="es", style="stacked", seed=3, n_practices=5, tight=True)
    doc = process_file(str(path), path.name, path.read_bytes(), pipeline.load("bulletin"))
    gps = _practices(doc)
    assert [{k: fold(v) for k, v in g.fields.items()} for g in gps] == [p.fields for p in truth.practices]
