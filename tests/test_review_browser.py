"""The review page in a real browser: Debian's Chromium, driven by Playwright.

The server runs in this process on 127.0.0.1 and a free port, over a dataset made from a
sample bulletin and a text file of our own. The tests run in file order and share the
dataset, as one archivist's session does. Screenshots of each view go to the test's output
folder (and to docs/ with INTRA_EXTRACT_DOCS_SHOTS=1, which `make review-screenshots` sets).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from intra_extract import corrections, model
from intra_extract.review.pages import PageSource
from intra_extract.review.server import Review, create_app
from intra_extract.runner import RunOptions, run_folder

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PDF = "bulletin-en-2col-letter.pdf"
XSS = "<script>alert(1)</script>"
DOCS_SHOTS = {"list", "document", "edit", "add", "text"}  # the ones docs/ keeps
NOTE = f"""Partner meeting in Ruse

The partners from North-East Bulgaria met in Ruse in March 2019.

Unsafe heading

{XSS}

1. Regions should share their databases of foreign buyers.
"""

if not Path(CHROMIUM).is_file():
    if os.environ.get("CI"):
        raise RuntimeError(f"{CHROMIUM} is missing: `make chromium` installs it (apt-get install chromium)")
    pytest.skip(f"no {CHROMIUM} (apt-get install chromium, or `make chromium`)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("review-screenshots")


def shoot(page, shots: Path, name: str) -> None:
    path = shots / f"review-{name}.png"
    page.screenshot(path=str(path))
    if os.environ.get("INTRA_EXTRACT_DOCS_SHOTS") and name in DOCS_SHOTS:
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copy(path, ROOT / "docs" / path.name)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("review")
    src, out = root / "sources", root / "dataset"
    src.mkdir()
    shutil.copy(ROOT / "raw_docs" / PDF, src / PDF)
    (src / "note.txt").write_text(NOTE, encoding="utf-8")
    run_folder(src, RunOptions(out=out, workers=0))
    # The hostile record: added as an archivist would, so its text is exactly the markup.
    note = _document(out, "note.txt")
    start = note.text.index(XSS)
    corrections.append(out, "note.txt", corrections.decision(
        note, "add", "setup", span=(start, start + len(XSS)), kind="section", after={"heading": XSS, "level": 2}))
    run_folder(src, RunOptions(out=out, workers=0))
    return {"src": src, "out": out}


def _document(out: Path, path: str) -> model.Document:
    manifest = model.Manifest.model_validate_json((out / "manifest.json").read_text("utf-8"))
    entry = next(e for e in manifest.documents if e.path == path)
    return model.Document.model_validate_json((out / "documents" / f"{entry.doc_id}.json").read_text("utf-8"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(dataset):
    import uvicorn

    review = Review(dataset["out"], reviewer="tester")  # sources from the manifest
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(review), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the review server did not start"
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "review": review}
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    # The test's own probes are evaluated JavaScript, which the page's CSP forbids; and the XSS
    # test then shows the text stays text without the CSP's help.
    context = browser.new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True)
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.dialogs, pg.errors = dialogs, errors
    yield pg
    assert not errors, errors
    context.close()


def open_doc(page, server, path: str):
    doc_id = _document(server["review"].dataset, path).doc_id
    page.goto(f"{server['url']}/doc/{doc_id}")
    page.wait_for_selector("#records li")
    return doc_id


def lines(dataset: dict, path: str) -> list[dict]:
    return [json.loads(line) for line in corrections.read_text(dataset["out"], path).splitlines()]


def select_record(page, text: str, kind: str) -> None:
    page.locator(f"#records li.kind-{kind}", has_text=text).first.click()


# --- the views ---------------------------------------------------------------------------------

def test_the_document_list_counts_records_by_kind(page, server, shots):
    page.goto(server["url"] + "/")
    page.wait_for_selector("#documents tbody tr")
    rows = page.locator("#documents tbody tr")
    assert rows.count() == 2
    pdf_row = rows.filter(has_text=PDF)
    assert "recommendation 12" in pdf_row.inner_text()
    assert "0/31" in pdf_row.inner_text()
    shoot(page, shots, "list")


def test_the_overlay_of_a_recommendation_across_columns_lies_over_its_words(page, server, dataset, shots):
    open_doc(page, server, PDF)
    doc = _document(dataset["out"], PDF)
    rec = next(r for r in doc.records if r.kind == "recommendation" and len(r.boxes) > 1)
    assert {b[1] < 300 for b in rec.boxes} == {True, False}  # one box in each column
    select_record(page, rec.text[:40], "recommendation")
    page.wait_for_selector("#overlay .box.selected")
    page.wait_for_function("document.getElementById('page-image').complete")
    img = page.locator("#page-image").bounding_box()
    width, height = PageSource(dataset["src"] / PDF).sizes()[rec.page - 1]
    drawn = [page.locator("#overlay .box.selected").nth(i).bounding_box()
             for i in range(page.locator("#overlay .box.selected").count())]
    assert len(drawn) == len([b for b in rec.boxes if b[0] == rec.page]) == 2
    sx, sy = img["width"] / width, img["height"] / height
    for box, (_, x0, top, x1, bottom) in zip(drawn, rec.boxes):
        want = (img["x"] + x0 * sx, img["y"] + top * sy, (x1 - x0) * sx, (bottom - top) * sy)
        got = (box["x"], box["y"], box["width"], box["height"])
        assert all(abs(g - w) <= 1.5 for g, w in zip(got, want)), (got, want)
    # And the PDF has the record's words under those boxes.
    source = PageSource(dataset["src"] / PDF)
    under = " ".join(source.text_in(int(b[0]), b[1:]) for b in rec.boxes)
    assert " ".join(under.split()).replace("- ", "-") in " ".join(rec.text.split())
    assert len(under.split()) >= len(rec.text.split()) - 2
    # Selecting the box highlights the list item, and the other way round.
    assert page.locator("#records li.selected").inner_text().find(rec.text[:30]) >= 0
    assert rec.text[:20] in page.locator("#doc-text .selected").first.inner_text()
    shoot(page, shots, "document")


def test_accept_and_reject_by_keyboard(page, server, dataset, shots):
    open_doc(page, server, PDF)
    page.keyboard.press("j")
    first = page.locator("#records li.selected")
    first_text = first.locator(".record-text").inner_text()
    page.keyboard.press("a")
    page.wait_for_selector("#records li.review-accepted")
    # Accepting moved on to the next record; reject that one.
    second_text = page.locator("#records li.selected .record-text").inner_text()
    assert second_text != first_text or page.locator("#records li").nth(1).get_attribute("class").find("selected") >= 0
    page.keyboard.press("r")
    page.wait_for_selector("#records li.review-rejected")
    assert page.locator("#records li").nth(0).get_attribute("class").find("review-accepted") >= 0
    assert page.locator("#records li").nth(1).get_attribute("class").find("review-rejected") >= 0
    written = lines(dataset, PDF)
    assert [d["action"] for d in written] == ["accept", "reject"]
    doc = _document(dataset["out"], PDF)
    for d, rec in zip(written, doc.records[:2]):
        assert d["reviewer"] == "tester"
        quote, position = d["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and quote["exact"] == rec.text
        assert quote["suffix"] == doc.text[rec.span.end:rec.span.end + corrections.CONTEXT]
        assert (position["type"], position["start"], position["end"]) == (
            "TextPositionSelector", rec.span.start, rec.span.end)
        assert d["target"]["page"] == rec.page and d["target"]["boxes"] == [list(b) for b in rec.boxes]
        assert d["before"]["text"] == rec.text
    assert written[0]["after"] == written[0]["before"] and "after" not in written[1]
    shoot(page, shots, "decided")


def test_correcting_a_regions_nuts_code_with_completion(page, server, dataset, shots):
    open_doc(page, server, PDF)
    select_record(page, "North-East Bulgaria", "region")
    page.keyboard.press("e")
    field = page.locator("#editor input[name=nuts_code]")
    assert field.input_value() == "BG33"
    field.fill("BG32")
    page.wait_for_function("document.querySelectorAll('#places option').length > 0")
    options = page.locator("#places option")
    assert any(options.nth(i).get_attribute("value") == "BG32" for i in range(options.count()))
    field.dispatch_event("change")
    assert page.locator("#editor input[name=name]").input_value() == "North-Central Bulgaria"
    shoot(page, shots, "edit")
    field.press("Enter")
    page.wait_for_selector("#records li.review-corrected")
    item = page.locator("#records li.review-corrected")
    assert "North-Central Bulgaria · BG32" in item.inner_text()
    assert "machine: name=North-East Bulgaria, nuts_code=BG33" in item.inner_text()
    last = lines(dataset, PDF)[-1]
    assert last["action"] == "edit"
    assert (last["before"]["nuts_code"], last["after"]["nuts_code"]) == ("BG33", "BG32")
    assert last["after"]["name"] == "North-Central Bulgaria"
    assert last["target"]["selector"][0]["exact"] == "North-East Bulgaria"


def test_adding_a_missed_item_by_selecting_its_text(page, server, dataset, shots):
    open_doc(page, server, PDF)
    missed = "The meeting focused on:"
    page.evaluate("""(missed) => {
        const piece = [...document.querySelectorAll('#doc-text span')].find((s) => s.textContent.includes(missed));
        const node = piece.firstChild, at = node.textContent.indexOf(missed);
        const range = document.createRange();
        range.setStart(node, at); range.setEnd(node, at + missed.length);
        getSelection().removeAllRanges(); getSelection().addRange(range);
    }""", missed)
    page.keyboard.press("n")
    page.wait_for_selector("#editor:not([hidden])")
    page.select_option("#editor select[name=kind]", "section")
    assert page.locator("#editor-text").inner_text() == missed
    page.fill("#editor input[name=heading]", missed)
    page.fill("#editor input[name=level]", "2")
    shoot(page, shots, "add")
    page.locator("#editor input[name=level]").press("Enter")
    page.wait_for_selector("#records li.review-added")
    assert missed in page.locator("#records li.review-added").inner_text()
    last = lines(dataset, PDF)[-1]
    assert last["action"] == "add" and last["target"]["kind"] == "section"
    assert last["target"]["selector"][0]["exact"] == missed
    assert last["after"]["heading"] == missed and "before" not in last


def test_undo_by_keyboard_takes_the_last_decision_back(page, server, dataset):
    open_doc(page, server, PDF)
    select_record(page, "Slovenia", "region")
    page.keyboard.press("r")
    page.wait_for_function("document.querySelectorAll('#records li.review-rejected').length === 2")
    page.keyboard.press("u")
    page.wait_for_function("document.querySelectorAll('#records li.review-rejected').length === 1")
    written = lines(dataset, PDF)
    assert written[-1]["action"] == "undo" and written[-1]["undoes"] == written[-2]["id"]


def test_adding_a_missed_item_by_drawing_a_box(page, server, dataset):
    open_doc(page, server, PDF)
    doc = _document(dataset["out"], PDF)
    target = record_of(doc, "region", "Slovenia", page=2)
    page.keyboard.press("]")
    page.wait_for_function("document.getElementById('page-label').textContent.startsWith('page 2')")
    img = page.locator("#page-image").bounding_box()
    width, height = PageSource(dataset["src"] / PDF).sizes()[1]
    _, x0, top, x1, bottom = target.boxes[0]
    sx, sy = img["width"] / width, img["height"] / height
    page.keyboard.press("b")
    page.mouse.move(img["x"] + (x0 - 1) * sx, img["y"] + (top - 1) * sy)
    page.mouse.down()
    page.mouse.move(img["x"] + (x1 + 1) * sx, img["y"] + (bottom + 1) * sy, steps=4)
    page.mouse.up()
    page.wait_for_selector("#editor:not([hidden])")
    assert page.locator("#editor-text").inner_text() == "Slovenia"
    assert page.locator("#overlay .box.pending").count() == 1
    page.keyboard.press("Escape")
    assert page.locator("#editor").is_hidden()


def record_of(doc: model.Document, kind: str, text: str, page: int):
    return next(r for r in doc.records if r.kind == kind and r.text == text and r.page == page)


def test_the_review_command_serves_the_dataset(dataset):
    import subprocess
    import sys

    import httpx

    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "intra_extract.cli", "review", str(dataset["out"]),
                             "--port", str(port), "--reviewer", "cli"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        announced = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in announced and "as cli" in announced
        for _ in range(100):
            try:
                listing = httpx.get(f"http://127.0.0.1:{port}/api/documents").json()
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert [d["path"] for d in listing["documents"]] == [PDF, "note.txt"]
        assert listing["sources"] == str(dataset["src"].resolve())
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_writes_need_the_sessions_token(server):
    import httpx

    doc_id = _document(server["review"].dataset, PDF).doc_id
    url = f"{server['url']}/api/documents/{doc_id}/decisions"
    body = {"action": "undo"}
    assert httpx.post(url, json=body).status_code == 403
    assert httpx.post(url, json=body, headers={"X-Review-Token": "guess"}).status_code == 403


def test_a_rerun_keeps_every_correction(page, server, dataset, shots):
    out = dataset["out"]
    before = {r.id.split("/", 1)[1]: r.review for r in server["review"].current(_document(out, PDF).doc_id).records}
    assert {"accepted", "rejected", "corrected", "added"} <= set(before.values())
    manifest = run_folder(dataset["src"], RunOptions(out=out, workers=0)).manifest
    entry = next(e for e in manifest.documents if e.path == PDF)
    assert entry.status == "ok"  # the corrections changed: parsed again, and applied
    assert entry.corrections.orphaned == 0 and entry.corrections.applied == len(
        [d for d in lines(dataset, PDF) if d["action"] != "undo"]) - 1  # less the one undone
    doc = _document(out, PDF)
    assert {r.id.split("/", 1)[1]: r.review for r in doc.records} == before
    listed = [json.loads(x) for x in (out / "records.jsonl").read_text("utf-8").splitlines()]
    assert not any(r["review"] == "rejected" for r in listed)
    # The page shows the same after the run.
    open_doc(page, server, PDF)
    assert page.locator("#records li.review-unreviewed").count() == sum(v == "unreviewed" for v in before.values())
    page.goto(server["url"] + "/")
    page.wait_for_selector("#documents tbody tr")
    shoot(page, shots, "list-after-rerun")


def test_document_text_is_shown_as_text_never_as_html(page, server, shots):
    open_doc(page, server, "note.txt")
    item = page.locator("#records li", has_text="<script>")
    assert item.count() == 1
    assert item.locator(".record-text").inner_text() == XSS
    assert XSS in page.locator("#doc-text").inner_text()
    assert page.evaluate("[...document.scripts].filter((s) => !s.src).length") == 0
    assert page.evaluate("document.querySelectorAll('#doc-text *:not(span), #records script').length") == 0
    select_record(page, "<script>", "section")
    page.keyboard.press("e")
    assert page.locator("#editor input[name=heading]").input_value() == XSS
    page.keyboard.press("Escape")
    assert page.dialogs == []
    shoot(page, shots, "text")
