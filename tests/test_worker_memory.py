"""What keeps a worker's memory down on a long document (issue #18): it makes the document's
JSON as UTF-8 bytes (no str of it in between) and sends them to the parent after its answer as
raw bytes, and the parent gets the very text `output.to_json` gives; heap pages freed (what
PDFium parsed) go back to the system before the document's steps."""

from __future__ import annotations

import multiprocessing as mp
import subprocess
import sys

import pytest

from intra_extract import model, output, workers


def _document(text: str) -> model.Document:
    source = model.Source(path="a.txt", sha256="0" * 64, format="txt", bytes=len(text), pages=None)
    return model.Document(doc_id="a-0000000000", document_key="a", source=source, language="bg", languages={"bg": 1.0},
                          title=None, doc_type="unknown", text=text, records=[], warnings=[], furniture=[],
                          pipeline="bulletin")


def test_the_json_bytes_are_what_json_dumps_writes():
    import json

    for text in ["plain ascii", "Среща на партньорите • 2024 — €", "emoji 🙂 and \u00e9"]:
        doc = _document(text)
        written = json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
        assert output.to_json_bytes(doc) == written.encode("utf-8")
        assert output.to_json(doc) == written


def test_a_broken_text_fails_as_before():
    doc = _document("half a pair \ud800 here")  # a lone surrogate: pydantic's serialiser refuses it
    with pytest.raises(UnicodeEncodeError):
        output.to_json(doc)
    with pytest.raises(UnicodeEncodeError):
        output.to_json_bytes(doc)


def test_an_outcome_and_its_json_reach_the_parent():
    text = output.to_json(_document("Среща • 2024"))
    parent, child = mp.Pipe()
    sent = workers.Outcome(3, None, "f" * 64, 2, 1, utf8=text.encode("utf-8"))
    workers._send(child, sent)
    workers._send(child, workers.Outcome(4))  # no document: nothing after it but an empty message
    workers._send(child, workers.PagesDone(5, 0, b"part"))
    got = workers._receive(parent)
    assert got.document_json == text and got.utf8 is None and (got.key, got.records, got.pages) == (3, 2, 1)
    assert workers._receive(parent) == workers.Outcome(4)
    assert workers._receive(parent) == workers.PagesDone(5, 0, b"part")
    assert sent.decoded().document_json == text


FREED = """
import os
from intra_extract import workers
def rss():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
keep, free = [], []
for i in range(400):  # heap blocks under glibc's mmap threshold; every tenth kept, so the top is not free
    (keep if i % 10 == 9 else free).append(bytes(100_000))
del free
before = rss()
workers._give_back_freed()
print(before - rss())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim, Linux's /proc")
def test_freed_heap_pages_go_back_to_the_system():
    given_back = int(subprocess.run([sys.executable, "-c", FREED], capture_output=True, text=True, check=True).stdout)
    assert given_back > 20 * 2**20  # of 36 MB freed
