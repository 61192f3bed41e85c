"""Progress of a run: a rich progress bar on a terminal (files, pages per second, time
left), plain log lines otherwise (CI, a log file), nothing with --quiet.

`run_folder` calls `start(total)` once after discovery and `done(file, entry)` as each
file's manifest entry is settled; any object with those two methods will do.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Iterator, Protocol

from .discovery import InputFile
from .model import ManifestEntry


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
        note = f" [{entry.error.code}] {entry.error.message}" if entry.error else ""
        pages = f" ({entry.pages} pages, {entry.seconds:.2f} s)" if entry.pages and entry.seconds else ""
        print(f"{entry.status:<11} {inp.rel}{pages}{note}", file=self.stream, flush=True)


class Bar(Silent):
    def __init__(self, stream):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(
            TextColumn("files"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(), console=Console(file=stream),
        )
        self.pages, self.t0, self.task = 0, time.monotonic(), None

    def start(self, total: int) -> None:
        self.t0 = time.monotonic()
        self.task = self.progress.add_task("files", total=total, rate="")

    def done(self, inp: InputFile, entry: ManifestEntry) -> None:
        if entry.status == "ok":
            self.pages += entry.pages or 0
        rate = self.pages / max(time.monotonic() - self.t0, 1e-6)
        self.progress.update(self.task, advance=1, rate=f"{rate:.1f} pages/s")
        if entry.status == "failed" and entry.error:
            self.progress.console.print(f"failed {inp.rel}: [{entry.error.code}] {entry.error.message}",
                                        markup=False, highlight=False)


@contextmanager
def reporter(quiet: bool = False, stream=None) -> Iterator[Reporter]:
    stream = stream or sys.stderr
    if quiet:
        yield Silent()
    elif stream.isatty():
        bar = Bar(stream)
        with bar.progress:
            yield bar
    else:
        yield Lines(stream)
