"""Corrections: anchored like W3C Web Annotations, applied on every run, never lost.

The runs here are real runs (`run_folder`, in this process) over files the tests write, with
corrections made the way the review server makes them (`corrections.decision`).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from intra_extract import corrections, model
from intra_extract.identity import document_key
from intra_extract.runner import RunOptions, run_folder
from intra_extract.validate import validate_dataset

ROOT = Path(__file__).resolve().parent.parent

NOTE = """INTRA e-bulletin

Partner meeting in Maribor

On 11 and 12 December 2018 the partners met in Maribor, Slovenia. The partners from North-East Bulgaria will host the next meeting in March 2019, on the Danube.

Joint policy recommendations

1. Regional support schemes should be simple and quick.
2. SMEs should receive personal advice from an export coach.
3. Vouchers for trade fairs should be open to micro enterprises.
"""


def run(src: Path, out: Path, **kw) -> model.Manifest:
    return run_folder(src, RunOptions(out=out, workers=0, **kw)).manifest


def document(out: Path, manifest: model.Manifest, n: int = 0) -> model.Document:
    entry = manifest.documents[n]
    return model.Document.model_validate_json((out / "documents" / f"{entry.doc_id}.json").read_text("utf-8"))


def record(doc: model.Document, kind: str, text: str, nth: int = 0):
    return [r for r in doc.records if r.kind == kind and r.text == text][nth]


def save(out: Path, doc: model.Document, *decisions: model.Correction) -> None:
    for d in decisions:
        corrections.append(out, doc.source.path, d)


def review_note(out: Path, doc: model.Document) -> dict[str, model.Correction]:
    """An archivist's session on NOTE: one of each decision."""
    bulgaria = record(doc, "region", "North-East Bulgaria")
    danube = doc.text.index("Danube")
    made = {
        "accept": corrections.decision(doc, "accept", "ann", record(doc, "date", "March 2019")),
        "reject": corrections.decision(doc, "reject", "ann", record(doc, "region", "Maribor", 0)),
        "edit": corrections.decision(doc, "edit", "ann", bulgaria,
                                     {"nuts_code": "BG32", "name": "North-Central Bulgaria"}),
        "add": corrections.decision(doc, "add", "ann", span=(danube, danube + 6), kind="region",
                                    after={"name": "Danube", "nuts_code": None, "country": "BG", "level": "city"}),
    }
    save(out, doc, *made.values())
    return made


@pytest.fixture
def note(tmp_path: Path) -> tuple[Path, Path]:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "note.txt").write_text(NOTE, encoding="utf-8")
    return src, out


def test_find_lets_the_context_decide_between_equal_quotes():
    old = "The partners met in Maribor. Later, the mayor of Maribor spoke."
    second = old.rindex("Maribor")
    quote = model.TextQuoteSelector(exact="Maribor", prefix=old[second - 20:second], suffix=old[second + 7:second + 20])
    # Reworded: the mayor's Maribor now comes first and stands where the other one stood.
    new = "Later, the mayor of Maribor spoke. The partners met in Maribor."
    near_wrong = new.index("Maribor", 30)
    assert corrections.find(new, quote, near=near_wrong) == (new.index("Maribor"), new.index("Maribor") + 7)
    # Without context, the position decides.
    bare = model.TextQuoteSelector(exact="Maribor")
    assert corrections.find(new, bare, near=near_wrong) == (near_wrong, near_wrong + 7)
    # White space may differ (a line broken elsewhere).
    wrapped = model.TextQuoteSelector(exact="the mayor of Maribor")
    assert corrections.find("Later, the mayor\nof  Maribor spoke.", wrapped) == (7, 28)
    assert corrections.find(new, model.TextQuoteSelector(exact="Ljubljana")) is None


def test_corrections_survive_text_inserted_before_their_records(note):
    src, out = note
    doc = document(out, run(src, out))
    made = review_note(out, doc)
    (src / "note.txt").write_text("A new opening paragraph, inserted in the re-issue.\n\n" + NOTE, encoding="utf-8")
    manifest = run(src, out)
    doc2 = document(out, manifest)
    assert doc2.doc_id != doc.doc_id
    assert [o.status for o in doc2.corrections] == ["applied"] * 4
    assert [o.id for o in doc2.corrections] == [d.id for d in made.values()]
    assert manifest.documents[0].corrections.applied == 4
    assert manifest.documents[0].corrections.orphaned == 0

    shift = len("A new opening paragraph, inserted in the re-issue.\n\n")
    bulgaria = record(doc2, "region", "North-East Bulgaria")
    assert (bulgaria.review, bulgaria.nuts_code, bulgaria.name) == ("corrected", "BG32", "North-Central Bulgaria")
    assert bulgaria.machine == {"name": "North-East Bulgaria", "nuts_code": "BG33"}
    assert bulgaria.span.start == record(doc, "region", "North-East Bulgaria").span.start + shift
    assert record(doc2, "date", "March 2019").review == "accepted"
    rejected = record(doc2, "region", "Maribor", 0)
    assert rejected.review == "rejected" and rejected.span.start == 37 + shift
    assert record(doc2, "region", "Maribor", 1).review == "unreviewed"
    danube = record(doc2, "region", "Danube")
    assert (danube.review, danube.id, danube.country) == ("added", f"{doc2.doc_id}/region/added-1", "BG")
    assert doc2.text[danube.span.start:danube.span.end] == "Danube"
    # Records in order of appearance, the added one among them.
    starts = [r.span.start for r in doc2.records]
    assert starts == sorted(starts)

    listed = [json.loads(line) for line in (out / "records.jsonl").read_text("utf-8").splitlines()]
    assert rejected.id not in {r["id"] for r in listed}
    assert danube.id in {r["id"] for r in listed}
    assert len(listed) == len(doc2.records) - 1
    assert manifest.documents[0].records == len(listed)
    assert validate_dataset(out).exit_code == 0, validate_dataset(out).findings
    # The machine's document comes back whole.
    machine = corrections.machine_document(doc2)
    plain = out.parent / "plain"
    fresh = document(plain, run(src, plain))
    assert machine.model_dump(exclude={"corrections"}) == fresh.model_dump(exclude={"corrections"})


def test_same_inputs_and_corrections_give_the_same_bytes(note, tmp_path):
    src, out = note
    doc = document(out, run(src, out))
    review_note(out, doc)
    run(src, out)
    other = tmp_path / "other"
    shutil.copytree(out / "corrections", other / "corrections")
    run(src, other, force=True)
    for name in ["records.jsonl", *(f"documents/{p.name}" for p in (out / "documents").glob("*.json"))]:
        assert (out / name).read_bytes() == (other / name).read_bytes(), name


def test_a_changed_corrections_file_alone_is_applied_by_the_next_run(note):
    src, out = note
    doc = document(out, run(src, out))
    assert run_folder(src, RunOptions(out=out, workers=0)).entries[0].status == "unchanged"
    save(out, doc, corrections.decision(doc, "reject", "ann", record(doc, "date", "March 2019")))
    manifest = run(src, out)
    assert manifest.documents[0].status == "ok"
    assert manifest.documents[0].corrections.applied == 1
    assert record(document(out, manifest), "date", "March 2019").review == "rejected"
    again = run_folder(src, RunOptions(out=out, workers=0))
    assert again.entries[0].status == "unchanged"
    assert again.manifest.documents[0].corrections == manifest.documents[0].corrections
    # Taking the file away gives the machine's record back.
    corrections.path_for(out, "note.txt").unlink()
    manifest = run(src, out)
    assert manifest.documents[0].corrections is None
    assert record(document(out, manifest), "date", "March 2019").review == "unreviewed"


def test_a_quote_gone_from_the_text_orphans_its_correction_with_the_reason(note):
    src, out = note
    doc = document(out, run(src, out))
    review_note(out, doc)
    (src / "note.txt").write_text(NOTE.replace("North-East Bulgaria", "Bulgaria's north-east"), encoding="utf-8")
    manifest = run(src, out)
    outcomes = {o.action: o for o in document(out, manifest).corrections}
    assert outcomes["edit"].status == "orphaned"
    assert "'North-East Bulgaria' is no longer in the document" in outcomes["edit"].reason
    assert [outcomes[a].status for a in ("accept", "reject", "add")] == ["applied"] * 3
    assert (manifest.documents[0].corrections.applied, manifest.documents[0].corrections.orphaned) == (3, 1)
    findings = validate_dataset(out).findings
    assert [f.severity for f in findings] == ["warning"]
    assert "orphaned" in findings[0].message and "North-East Bulgaria" in findings[0].message


def test_an_addition_the_machine_now_finds_corrects_its_record(note):
    src, out = note
    doc = document(out, run(src, out))
    slovenia = record(doc, "region", "Slovenia")
    save(out, doc, corrections.decision(doc, "add", "ann", span=(slovenia.span.start, slovenia.span.end),
                                        kind="region", after={"name": "Slovenija", "nuts_code": "SI",
                                                              "country": "SI", "level": "country"}))
    after = document(out, run(src, out))
    found = [r for r in after.records if r.kind == "region" and r.text == "Slovenia"]
    assert [(r.id, r.review, r.name, r.machine) for r in found] == [
        (slovenia.id, "corrected", "Slovenija", {"name": "Slovenia"})]
    assert after.corrections[0].status == "applied"


def test_a_moved_span_follows_the_text_and_remakes_what_depends_on_it(note):
    src, out = note
    doc = document(out, run(src, out))
    rec = record(doc, "recommendation", "2. SMEs should receive personal advice from an export coach.")
    end = doc.text.index(" from an export coach.")
    save(out, doc, corrections.decision(doc, "edit", "ann", rec, {"span": {"start": rec.span.start, "end": end}}))
    (src / "note.txt").write_text("Inserted first.\n\n" + NOTE, encoding="utf-8")
    after = document(out, run(src, out))
    moved = next(r for r in after.records if r.kind == "recommendation" and r.number == 2)
    assert (moved.text, moved.body, moved.review) == (
        "2. SMEs should receive personal advice", "SMEs should receive personal advice", "corrected")
    assert moved.span.start == rec.span.start + len("Inserted first.\n\n")
    assert after.text[moved.span.start:moved.span.end] == moved.text
    assert moved.machine["text"] == rec.text and moved.machine["body"] == rec.body
    assert validate_dataset(out).exit_code == 0


def test_the_same_words_in_another_context_do_not_take_a_correction(note):
    src, out = note
    doc = document(out, run(src, out))
    save(out, doc, corrections.decision(doc, "reject", "ann", record(doc, "region", "Maribor", 0)))  # the heading's
    (src / "note.txt").write_text(NOTE.replace("Partner meeting in Maribor", "Partner meeting"), encoding="utf-8")
    after = document(out, run(src, out))
    assert record(after, "region", "Maribor").review == "unreviewed"  # the other mention, untouched
    assert after.corrections[0].status == "orphaned"
    assert "'Maribor' now stands only in other contexts" in after.corrections[0].reason


def test_undo_takes_a_decision_back(note):
    src, out = note
    doc = document(out, run(src, out))
    reject = corrections.decision(doc, "reject", "ann", record(doc, "date", "March 2019"))
    save(out, doc, reject, corrections.decision(doc, "undo", "ann", undoes=reject.id))
    after = document(out, run(src, out))
    assert record(after, "date", "March 2019").review == "unreviewed"
    assert [(o.id, o.status) for o in after.corrections] == [(reject.id, "undone")]


def test_a_bad_line_is_reported_and_the_others_still_apply(note):
    src, out = note
    doc = document(out, run(src, out))
    save(out, doc, corrections.decision(doc, "accept", "ann", record(doc, "date", "March 2019")))
    with corrections.path_for(out, "note.txt").open("a", encoding="utf-8") as fh:
        fh.write('{"action": "accept"}\n')
    with corrections.path_for(out, "note.txt").open("ab") as fh:
        fh.write(b'{"id": "\xff\xfe", "action": "accept"}\n')
    manifest = run(src, out)
    assert manifest.documents[0].status == "ok"
    outcomes = document(out, manifest).corrections
    assert [o.status for o in outcomes] == ["applied", "orphaned", "orphaned"]
    assert outcomes[1].reason.startswith("line 2 is not a correction")
    assert outcomes[2].reason.startswith("line 3 is not a correction")
    report = validate_dataset(out)
    assert any(f.severity == "error" and f.where.endswith(".jsonl:2") for f in report.findings)


def test_a_pdf_reissued_with_a_page_in_front_keeps_its_corrections(tmp_path):
    pdfium = pytest.importorskip("pypdfium2")
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    pdf = src / "bulletin.pdf"
    shutil.copy(ROOT / "raw_docs" / "bulletin-en-2col-letter.pdf", pdf)
    doc = document(out, run(src, out))
    crossing = next(r for r in doc.records if r.kind == "recommendation" and len(r.boxes) > 1)
    slovenia = record(doc, "region", "Slovenia", 1)
    start = doc.text.index("export coach")
    save(out, doc,
         corrections.decision(doc, "accept", "ann", crossing),
         corrections.decision(doc, "edit", "ann", slovenia, {"level": "country", "name": "Republic of Slovenia"}),
         corrections.decision(doc, "add", "ann", span=(start, start + len("export coach")), kind="section",
                              after={"heading": "export coach", "level": 3}))
    added_before = document(out, run(src, out))
    coach = record(added_before, "section", "export coach")

    reissue = pdfium.PdfDocument(str(pdf))
    width, height = reissue[0].get_size()
    reissue.new_page(width, height, index=0)
    reissue.save(str(tmp_path / "reissued.pdf"))
    reissue.close()
    shutil.move(tmp_path / "reissued.pdf", pdf)
    manifest = run(src, out)
    doc2 = document(out, manifest)
    assert doc2.doc_id != doc.doc_id and doc2.source.pages == doc.source.pages + 1
    assert corrections.path_for(out, "bulletin.pdf").name == f"{document_key('bulletin.pdf')}.jsonl"
    assert [o.status for o in doc2.corrections] == ["applied"] * 3
    assert record(doc2, "recommendation", crossing.text).review == "accepted"
    sl = record(doc2, "region", "Slovenia", 1)
    assert (sl.review, sl.name, sl.page) == ("corrected", "Republic of Slovenia", slovenia.page + 1)
    coach2 = record(doc2, "section", "export coach")
    assert coach2.review == "added" and coach2.page == coach.page + 1
    assert [b[1:] for b in coach2.boxes] == [b[1:] for b in coach.boxes]


def test_the_manifest_says_where_the_sources_are(note, tmp_path):
    src, out = note
    assert run(src, out).sources == "../in"
    assert (out / run(src, out).sources / "note.txt").resolve() == (src / "note.txt").resolve()
