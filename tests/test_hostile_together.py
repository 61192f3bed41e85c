"""Issue #12's "done when": one run over a folder holding every hostile case at once exits 1
with one line per failed file, leaves a dataset `validate` accepts, and touches no file it did
not write. Everything is made here, at test time."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from click.testing import CliRunner

from intra_extract.cli import main
from intra_extract.runner import RunOptions, run_folder
from intra_extract.validate import validate_dataset

from . import hostile
from .helpers import BULLETIN, CORE_PIPELINE, write

FAILED = {  # name -> code
    "binary-elf.txt": "not_text", "binary-zip.md": "not_text", "binary-png.txt": "not_text",
    "binary-pdf.txt": "not_text", "bom-junk.txt": "bad_encoding", "empty.pdf": "empty", "empty.txt": "empty",
    "not-a.pdf": "not_pdf", "scan.pdf": "no_text_layer",
}
SKIPPED = {"loop.txt": "symlink_loop", "fifo.txt": "not_regular", "socket.txt": "not_regular",
           "outside.txt": "outside_link", "nowhere.txt": "broken_link"}


def hostile_folder(root: Path) -> Path:
    src = root / "in"
    write(src, "good.txt", BULLETIN)
    (src / os.fsdecode(b"caf\xe9.txt")).write_bytes(BULLETIN.replace("Vouchers", "Grants").encode())
    write(src, "stray.txt", "Šesta točka: skupna izvozna pisarna v Ljubljani.\n".encode() * 4 + b"\xa0\n")
    write(src, "controls.txt", BULLETIN.replace("partners", "part\x00ners", 1).replace("Vouchers", "Loans"))
    write(src, "dates.txt", "".join(f"Meeting {i} on 12 March 2019, from April to June 2020.\n" for i in range(3000)))
    write(src, "binary-elf.txt", b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4)
    write(src, "binary-zip.md", b"PK\x03\x04\x14\x00" + b"deflated " * 40)
    write(src, "binary-png.txt", b"\x89PNG\r\n\x1a\n" + bytes(100))
    write(src, "binary-pdf.txt", hostile.text_page("A PDF named as text"))
    write(src, "bom-junk.txt", b"\xff\xfe" + b"\x00\xd8" * 40)
    write(src, "empty.pdf", b"")
    write(src, "empty.txt", b"")
    write(src, "not-a.pdf", b"plain words in a file named .pdf")
    write(src, "scan.pdf", hostile.no_text_page())
    (src / "loop.txt").symlink_to(src / "loop.txt")
    (src / "nowhere.txt").symlink_to(src / "gone.txt")
    (src / "outside.txt").symlink_to(write(root / "elsewhere", "secret.txt", "Secret minutes of 1 May 2019.\n"))
    os.mkfifo(src / "fifo.txt")
    return src


def state(folder: Path) -> dict[str, tuple]:
    """Every entry under `folder`: its kind, bytes (files), target (links) and mtime."""
    out = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        content = os.readlink(path) if path.is_symlink() else path.read_bytes() if path.is_file() and \
            not path.is_fifo() and not path.is_socket() else None
        out[os.fsencode(path.relative_to(folder)).decode("latin-1")] = (st.st_mode, content, st.st_mtime_ns)
    return out


def test_every_hostile_case_at_once(tmp_path):
    src = hostile_folder(tmp_path)
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(src / "socket.txt"))
    try:
        before, elsewhere = state(src), state(tmp_path / "elsewhere")
        out = tmp_path / "out"
        args = ["run", str(src), "--out", str(out), "--pipeline", CORE_PIPELINE, "--quiet", "--workers", "2",
                "--timeout", "60"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, result.output
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert all(line.lstrip().startswith("failed ") for line in lines), result.output
        for name, code in FAILED.items():
            assert sum(f" {name}: [{code}]" in line for line in lines) == 1, (name, result.output)
        assert len(lines) == len(FAILED)

        report = validate_dataset(out)
        assert report.exit_code == 0, report.findings
        statuses = {e.path: (e.status, e.error.code if e.error else None)
                    for e in run_folder(src, RunOptions(out=out, pipeline=CORE_PIPELINE, workers=0)).entries}
        assert {p: s for p, s in statuses.items() if s[0] == "unsupported"} == {
            name: ("unsupported", code) for name, code in SKIPPED.items()}
        for name in ("good.txt", "caf\\xe9.txt", "stray.txt", "controls.txt", "dates.txt"):
            assert statuses[name] == ("unchanged", None), name
        assert validate_dataset(out).exit_code == 0
        assert state(src) == before and state(tmp_path / "elsewhere") == elsewhere
    finally:
        sock.close()
