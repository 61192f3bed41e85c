"""Hostile input folders (issue #12): odd names, things that are not files, files that change
while the run reads them, text files that are not text. Every case is made here, at test time."""

from __future__ import annotations

import hashlib
import json
import os
import socket
from pathlib import Path

import pytest

from intra_extract import workers
from intra_extract.discovery import discover, name_of, raw_name
from intra_extract.progress import Silent
from intra_extract.runner import RunOptions, run_folder
from intra_extract.validate import validate_dataset

from .helpers import BULLETIN, CORE_PIPELINE, write


def run(src: Path, out: Path, progress=None, **kw):
    kw.setdefault("workers", 0)
    result = run_folder(src, RunOptions(out=out, pipeline=CORE_PIPELINE, **kw), progress)
    return result, {e.path: e for e in result.entries}


def variant(n: int) -> str:
    return BULLETIN.replace("Vouchers", f"Vouchers ({n})")


# --------------------------------------------------------------------------- names and file types

def test_a_name_that_is_not_utf8_is_processed_under_an_escaped_reversible_name(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / os.fsdecode(b"caf\xe9.txt")).write_bytes(BULLETIN.encode())
    (src / "back\\slash.txt").write_bytes(variant(1).encode())
    out = tmp_path / "out"
    result, got = run(src, out)
    assert got["caf\\xe9.txt"].status == "ok"
    assert got["back\\\\slash.txt"].status == "ok"
    assert raw_name("caf\\xe9.txt") == b"caf\xe9.txt" and raw_name("back\\\\slash.txt") == b"back\\slash.txt"
    json.loads((out / "manifest.json").read_text("utf-8"))
    assert validate_dataset(out).exit_code == 0
    _, again = run(src, out)  # and every later run too
    assert again["caf\\xe9.txt"].status == "unchanged"


def test_name_of_round_trips():
    for raw in (b"plain.txt", b"caf\xe9.txt", b"a\\xe9.txt", b"\xff\xfe/\\\\x.txt", "čšž.txt".encode()):
        assert raw_name(name_of(os.fsdecode(raw))) == raw
        name_of(os.fsdecode(raw)).encode("utf-8")  # always writable as UTF-8


def test_loops_fifos_and_sockets_are_skipped_with_a_code(tmp_path):
    src = tmp_path / "in"
    write(src, "a.txt", BULLETIN)
    (src / "loop.txt").symlink_to(src / "loop.txt")
    (src / "ping.txt").symlink_to(src / "pong.txt")
    (src / "pong.txt").symlink_to(src / "ping.txt")
    (src / "nowhere.txt").symlink_to(src / "missing.txt")
    os.mkfifo(src / "pipe.txt")  # opened for reading, it would wait for a writer forever
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(src / "sock.txt"))
    try:
        result, got = run(src, tmp_path / "out", workers=1, timeout=30)
    finally:
        sock.close()
    assert got["a.txt"].status == "ok"
    codes = {p: (e.status, e.error.code) for p, e in got.items() if p != "a.txt"}
    assert codes == {"loop.txt": ("unsupported", "symlink_loop"), "ping.txt": ("unsupported", "symlink_loop"),
                     "pong.txt": ("unsupported", "symlink_loop"), "nowhere.txt": ("unsupported", "broken_link"),
                     "pipe.txt": ("unsupported", "not_regular"), "sock.txt": ("unsupported", "not_regular")}
    assert "FIFO" in got["pipe.txt"].error.message and "socket" in got["sock.txt"].error.message


def test_a_device_is_not_read(tmp_path):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    found = discover(Path("/dev/zero"))
    assert found[0].skip and found[0].skip[0] == "not_regular" and "device" in found[0].skip[1]


def test_a_symlink_inside_the_folder_is_read_through_its_target(tmp_path):
    src = tmp_path / "in"
    write(src, "real/a.txt", BULLETIN)
    (src / "alias.txt").symlink_to(src / "real" / "a.txt")
    _, got = run(src, tmp_path / "out")
    assert {got["alias.txt"].status, got["real/a.txt"].status} == {"ok", "duplicate"}


def test_empty_files_fail_alone_never_as_duplicates(tmp_path):
    src = tmp_path / "in"
    write(src, "a.pdf", b"")
    write(src, "b.txt", b"")
    _, got = run(src, tmp_path / "out")
    assert [(e.status, e.error.code) for e in got.values()] == [("failed", "empty")] * 2


def test_the_output_folder_inside_the_input_is_not_input(tmp_path):
    src = tmp_path / "in"
    write(src, "a.txt", BULLETIN)
    run(src, src / "structured")
    result, got = run(src, src / "structured")
    assert list(got) == ["a.txt"] and got["a.txt"].status == "unchanged"


# --------------------------------------------------------------------------- files that change during the run

class During(Silent):
    """Does `action` when the run settles the entry of `trigger` (after triage has hashed and
    checked the files before it, before any worker reads them)."""

    def __init__(self, trigger: str, action):
        self.trigger, self.action = trigger, action

    def done(self, inp, entry) -> None:
        if inp.rel == self.trigger:
            self.action()


def changing_run(tmp_path, action, **kw):
    src = tmp_path / "in"
    target = write(src, "a.txt", BULLETIN)
    write(src, "z.unknown", "settled in triage, after a.txt was hashed")
    return target, run(src, tmp_path / "out", During("z.unknown", lambda: action(target)), **kw)


def test_a_file_rewritten_during_the_run_is_recorded_with_the_bytes_parsed(tmp_path):
    new = variant(2).encode()
    _, (_, got) = changing_run(tmp_path, lambda p: p.write_bytes(new))
    entry = got["a.txt"]
    assert entry.status == "ok" and entry.sha256 == hashlib.sha256(new).hexdigest()
    doc = json.loads((tmp_path / "out" / "documents" / f"{entry.doc_id}.json").read_text("utf-8"))
    assert doc["source"]["sha256"] == entry.sha256 and "(2)" in doc["text"]
    assert validate_dataset(tmp_path / "out").exit_code == 0


def test_a_file_swapped_for_a_symlink_during_the_run_is_not_followed(tmp_path):
    secret = write(tmp_path / "elsewhere", "secret.txt", "Secret minutes of 12 March 2019.\n")

    def swap(p: Path) -> None:
        p.unlink()
        p.symlink_to(secret)

    _, (_, got) = changing_run(tmp_path, swap)
    assert (got["a.txt"].status, got["a.txt"].error.code) == ("failed", "changed")
    assert "Secret" not in (tmp_path / "out" / "records.jsonl").read_text("utf-8")


def test_a_file_grown_past_the_limit_during_the_run_is_not_read(tmp_path):
    def grow(p: Path) -> None:
        with p.open("ab") as fh:
            fh.write(b"x" * 5000)

    _, (_, got) = changing_run(tmp_path, grow, max_bytes=4000)
    assert (got["a.txt"].status, got["a.txt"].error.code) == ("failed", "too_large")


def test_a_file_deleted_during_the_run_is_unreadable(tmp_path):
    _, (_, got) = changing_run(tmp_path, lambda p: p.unlink())
    assert (got["a.txt"].status, got["a.txt"].error.code) == ("failed", "unreadable")


def test_a_file_replaced_by_a_fifo_during_the_run_does_not_hang(tmp_path):
    def fifo(p: Path) -> None:
        p.unlink()
        os.mkfifo(p)

    _, (_, got) = changing_run(tmp_path, fifo, workers=1, timeout=20)
    assert (got["a.txt"].status, got["a.txt"].error.code) == ("failed", "changed")


# --------------------------------------------------------------------------- text files that are not (quite) text

def test_utf8_with_a_stray_byte_stays_utf8_with_a_warning(tmp_path):
    src = tmp_path / "in"
    text = "Šesta točka: partnerji so se dogovorili o skupni izvozni pisarni v Ljubljani in Mariboru.\n"
    write(src, "sl.txt", (text * 3).encode() + b"Stray \xa0 byte.\n")
    out = tmp_path / "out"
    _, got = run(src, out)
    doc = json.loads((out / "documents" / f"{got['sl.txt'].doc_id}.json").read_text("utf-8"))
    assert doc["text"].startswith("Šesta točka") and "\ufffd" in doc["text"]
    assert [(w["code"], w["message"]) for w in doc["warnings"] if w["code"] == "replaced_bytes"] == [
        ("replaced_bytes", "1 byte(s) that are not UTF-8 were replaced by U+FFFD")]


@pytest.mark.parametrize("name, data", [
    ("elf.txt", b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 8),
    ("zip.md", b"PK\x03\x04\x14\x00" + b"compressed stuff " * 50),
    ("png.txt", b"\x89PNG\r\n\x1a\n" + bytes(200)),
    ("pdf.txt", b"%PDF-1.7\n1 0 obj << >> endobj\n" * 20),
    ("noise.txt", bytes((i * 37 + 11) % 256 for i in range(4000))),
])
def test_binary_content_named_as_text_is_not_text(tmp_path, name, data):
    src = tmp_path / "in"
    write(src, name, data)
    _, got = run(src, tmp_path / "out")
    assert (got[name].status, got[name].error.code) == ("failed", "not_text")


def test_control_characters_never_reach_the_text(tmp_path):
    src = tmp_path / "in"
    write(src, "a.txt", BULLETIN.replace("partners", "part\x00ners", 1).replace("agencies", "agen\x1bcies", 1))
    out = tmp_path / "out"
    _, got = run(src, out)
    doc = json.loads((out / "documents" / f"{got['a.txt'].doc_id}.json").read_text("utf-8"))
    assert not any(ord(c) < 32 and c not in "\n\t" for c in doc["text"])
    assert "partners" in doc["text"] and "agencies" in doc["text"]
    assert any(w["code"] == "control_characters" for w in doc["warnings"])


def test_a_utf16_bom_followed_by_junk_is_bad_encoding(tmp_path):
    src = tmp_path / "in"
    write(src, "a.txt", b"\xff\xfe" + b"\x00\xd8" * 40 + b"ab")
    _, got = run(src, tmp_path / "out")
    assert (got["a.txt"].status, got["a.txt"].error.code) == ("failed", "bad_encoding")


def test_nothing_decodes_is_bad_encoding():
    from intra_extract.backends.text import decode_text
    from intra_extract.errors import InputError

    # high bytes only: C1 controls in Latin-1, undefined in Windows-1252, no letters anywhere
    with pytest.raises(InputError) as caught:
        decode_text(bytes([0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x20]) * 100, ("en",))
    assert caught.value.code == "bad_encoding"


# --------------------------------------------------------------------------- the smaller cases

def test_peak_memory_is_per_document(tmp_path):
    src = write(tmp_path, "a.txt", BULLETIN)
    from intra_extract.pipeline import load

    config = load(CORE_PIPELINE)
    task = workers.Task(0, str(src), "a.txt", "", None, 10**9)
    spike = bytearray(400 * 2**20)
    spike[::4096] = b"\x01" * len(spike[::4096])  # resident, not only reserved
    del spike
    outcome = workers.outcome_of(task, config, RunOptions().backend)
    assert outcome.error is None
    assert outcome.peak_mib is not None and outcome.peak_mib < workers.rss_bytes(os.getpid()) / 2**20 + 200


def test_a_block_longer_than_spacys_limit_is_tokenised_in_parts(monkeypatch):
    from intra_extract import regions

    matcher = regions._LanguageMatcher("en")
    text = "Partners from Sofia and the South-West region of Bulgaria met in Plovdiv. " * 40
    whole = matcher.find(text)
    monkeypatch.setattr(matcher.nlp, "max_length", 500)
    assert matcher.find(text) == whole and whole


def test_a_pdf_whose_only_line_repeats_on_every_page_is_text(tmp_path):
    from .hostile import pdf_from_objects

    content = b"BT /F1 12 Tf 72 800 Td (Partners meet in Sofia) Tj ET"
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(3))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count 3 >>"]
    for _ in range(3):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R "
                       b"/Resources << /Font << /F1 7 0 R >> >> >>")
    objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    src = tmp_path / "in"
    write(src, "same.pdf", pdf_from_objects(objects))
    _, got = run(src, tmp_path / "out")
    assert got["same.pdf"].status == "ok", got["same.pdf"].error
