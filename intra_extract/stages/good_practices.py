"""Stage `good_practices`: each practice of a handbook (found by `doc_type` with the template's
label finder, `intra_extract.practices`) as a `good_practice` record, with the text and span
of every labelled field, its title, institution, country, region and timescale.

It acts on documents typed `handbook` only, so bulletins are left exactly as they were.
It revises records the `structure` stage made, and declares so (it reads and writes
`records`): a field label printed as a heading is part of its practice, not a `section`;
numbered items inside a practice are cut at the end of their field and named after the
lead line of their list ("Key success factors:") or else after their field's label.
"""

from __future__ import annotations

from .. import model, records
from ..practices import Practice, describe, list_heading_in
from ..state import DocState
from . import stage


@stage("good_practices", reads=("text", "blocks", "doc_type", "practices", "records", "block_languages"),
       writes=("records",))
def good_practices(doc: DocState, options) -> None:
    if doc.doc_type != "handbook" or not doc.text:
        return
    # A field label printed as a heading is part of its practice's record, not a section.
    labels = [(h.start, h.end) for pr in doc.practices for h in pr.hits]
    doc.records = [r for r in doc.records if r.kind != "section"
                   or not any(s <= r.span.start < e for s, e in labels)]
    locator = records.locator_of(doc)
    for pr in doc.practices:
        lang = records.span_language(doc, pr.start, pr.end, locator.block_index(pr.start))
        doc.records.append(records.new_record(doc, model.GoodPractice, pr.start, pr.end, locator,
                                              **describe(doc, pr, lang)))
        _fit_lists(doc, pr, locator)


def _fit_lists(doc: DocState, pr: Practice, locator: records.Locator) -> None:
    """Numbered items inside the practice: cut at their field's end, named after their list."""
    headings: dict[int, str] = {}
    for i, rec in enumerate(doc.records):
        if rec.kind != "recommendation" or not (pr.start <= rec.span.start < pr.end):
            continue
        fe = next((f for f in pr.fields if f.start <= rec.span.start < max(f.end, f.start + 1)), None)
        if fe is None:
            continue
        if rec.list_index not in headings:
            headings[rec.list_index] = list_heading_in(doc, fe, rec.span.start)
        end = min(rec.span.end, fe.end)
        marker = len(rec.text) - len(rec.body)
        doc.records[i] = records.with_end(doc, rec, end, locator, body=doc.text[rec.span.start + marker:end],
                                          list_heading=headings[rec.list_index])
