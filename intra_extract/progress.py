"""Progress of a run: a rich progress bar on a terminal (files, pages per second, time
left), plain log lines otherwise (CI, a log file), nothing with --quiet.

`run_folder` calls `start(total)` once after discovery and `done(file, entry)` as each
file's manifest entry is settled; any object with those two methods will do.
"""

from __future__ import annotations

import re
import sys
import time
from contextlib import contextmanager
from typing import Iterator, Protocol

from .discovery import InputFile
from .model import ManifestEntry


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable(name: str) -> str:
    """A file name safe to print on one line: control characters escaped (`\\n`, `\\x1b`) and
    the bytes of a name that is not UTF-8 (kept as surrogate escapes) shown as `\\xe9`."""
    def escape(m: re.Match) -> str:
        c = ord(m.group())
        if 0xDC80 <= c <= 0xDCFF:  # surrogateescape: the original byte
            return f"\\x{c - 0xDC00:02x}"
        return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(m.group()) or (
            f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}")
    return _UNPRINTABLE.sub(escape, name)


def failure_line(name: str, entry: ManifestEntry) -> str:
    assert entry.error is not None
    return f"failed {printable(name)}: [{entry.error.code}] {entry.error.message}"


class Reporter(Protocol):
    def start(self, total: int) -> None: ...
    def done(self, inp: InputFile, entry: ManifestEntry) -> None: ...


class Silent:
    def start(self, total: int) -> None:
        pass

    def done(self, inp: InputFile, entry: ManifestEntry) -> None:
        pass


class Lines(Silent):
    def __init__(self, stream):
        self.stream = stream

    def done(self, inp: InputFile, entry: ManifestEntry) -> None:
        if entry.status == "failed" and entry.error:
            line = failure_line(inp.rel, entry)
        else:
            note = f" [{entry.error.code}] {entry.error.message}" if entry.error else ""
            pages = f" ({entry.pages} pages, {entry.seconds:.2f} s)" if entry.pages and entry.seconds else ""
            line = f"{entry.status:<11} {printable(inp.rel)}{pages}{note}"
        print(line, file=self.stream, flush=True)


class Bar(Silent):
    def __init__(self, stream):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(
            TextColumn("files"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(), console=Console(file=stream),
        )
        self.pages, self.files, self.t0, self.task = 0, 0, time.monotonic(), None

    def start(self, total: int) -> None:
        self.t0 = time.monotonic()
        self.task = self.progress.add_task("files", total=total, rate="")

    def done(self, inp: InputFile, entry: ManifestEntry) -> None:
        if entry.status == "ok":
            self.pages += entry.pages or 0
            self.files += 1
        self.progress.update(self.task, advance=1, rate=self.rate(time.monotonic() - self.t0))
        if entry.status == "failed" and entry.error:
            # soft_wrap: a long message stays one line that the terminal may fold, never cut in two
            self.progress.console.print(failure_line(inp.rel, entry), markup=False, highlight=False, soft_wrap=True)

    def rate(self, seconds: float) -> str:
        """Pages a second where PDFs were read, files a second otherwise (text has no pages)."""
        seconds = max(seconds, 1e-6)
        files = f"{self.files / seconds:.1f} files/s"
        return f"{self.pages / seconds:.1f} pages/s, {files}" if self.pages else files


@contextmanager
def reporter(quiet: bool = False, stream=None, plain: bool = False) -> Iterator[Reporter]:
    """`plain`: one line per file even on a terminal (with -v, where log lines would tear a bar)."""
    stream = stream or sys.stderr
    if quiet:
        yield Silent()
    elif stream.isatty() and not plain:
        bar = Bar(stream)
        with bar.progress:
            yield bar
    else:
        yield Lines(stream)
