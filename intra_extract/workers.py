"""Worker processes: each document is processed in a child process that can be stopped.

A document that takes longer than the time limit, or makes its worker's memory grow past
the limit (a decompression bomb, a page-tree loop), gets its worker killed and replaced;
the file is `failed` with code `timeout` or `too_large` and the run goes on. Workers only
compute: they send the finished document back as JSON text, and the parent alone writes
files, so the output does not depend on how many workers there are.
"""

from __future__ import annotations

import gc
import hashlib
import os
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from .backends import BackendOptions

from .errors import InputError

POLL_SECONDS = 0.2


@dataclass(frozen=True)
class Task:
    key: int
    path: str
    rel: str
    sha256: str  # as the run's triage read it; the outcome's is of the bytes parsed
    identity: tuple[int, int] | None = None  # (st_dev, st_ino) discovery saw
    max_bytes: int = 2**63
    corrections: str = ""  # the file's corrections (corrections.py), applied to its document


@dataclass(frozen=True)
class Outcome:
    key: int
    document_json: str | None = None  # the finished document, as written to documents/
    sha256: str | None = None  # of the bytes parsed (differs from the task's if the file changed since)
    records: int = 0
    pages: int | None = None
    error: InputError | None = None
    seconds: float = 0.0
    peak_mib: float | None = None  # the worker's peak resident memory while on this document


def _worker_main(conn: Connection, pipeline: str, bopts: BackendOptions) -> None:
    from .logs import configure_from_env
    from .pipeline import load

    configure_from_env()
    config = load(pipeline)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the run was killed: nothing left to do
            return
        if task is None:
            return
        conn.send(outcome_of(task, config, bopts))
        # What is still alive now is mostly what later documents use again (language data,
        # matchers, caches: ~160,000 objects). Frozen, it is out of the cycle collector's sight,
        # whose full collections then scan only what one document made. Over 13 corpus
        # documents the collector's time fell from 2.5 to 1.2-1.7 s of ~22 s (pdfplumber), and
        # from 0.74 to 0.55 s of ~6 s (pdfium), measured with gc.callbacks.
        gc.collect()
        gc.freeze()


def outcome_of(task: Task, config, bopts) -> Outcome:
    """One task done: its document as JSON, or the error that stopped it. Never raises for a bad
    file or a bug of ours; the run (`--workers 0`) calls it in its own process."""
    from . import output
    from .discovery import read_input
    from .lifecycle import process_file

    t0 = time.perf_counter()
    peak_known = _reset_peak()
    try:
        try:
            data = read_input(task.path, task.identity, task.max_bytes)
        except OSError as exc:  # gone since discovery, or no permission
            raise InputError("unreadable", f"cannot read the file: {exc.strerror or exc}") from None
        sha = hashlib.sha256(data).hexdigest()  # of the very bytes parsed, whatever triage saw
        document = process_file(task.path, task.rel, data, config, bopts, sha256=sha, corrections=task.corrections)
        listed = sum(map(output.listed, document.records))  # as records.jsonl lists them
        outcome = Outcome(task.key, output.to_json(document), sha, listed, document.source.pages)
    except InputError as exc:
        outcome = Outcome(task.key, error=exc)
    except MemoryError:
        outcome = Outcome(task.key, error=InputError("too_large", "the document needs more memory than the limit"))
    except RecursionError:
        outcome = Outcome(task.key, error=InputError("corrupt", "the PDF's objects nest too deeply to read"))
    except Exception as exc:  # a bug of ours: reported, never fatal
        outcome = Outcome(task.key, error=InputError("internal", f"{type(exc).__name__}: {exc}"))
    peak = _peak_mib() if peak_known else None
    return Outcome(**{**outcome.__dict__, "seconds": round(time.perf_counter() - t0, 3), "peak_mib": peak})


def _reset_peak() -> bool:
    """Start this process's peak resident memory afresh (Linux 4.0+: VmHWM), so the peak of one
    document is not carried onto the next; False where it cannot be."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def _peak_mib() -> float | None:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)  # kB
    except (OSError, ValueError, IndexError):
        pass
    return None


def rss_bytes(pid: int) -> int | None:
    """Resident memory of a process (Linux /proc); None where it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


class _Worker:
    def __init__(self, ctx, args):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, *args), daemon=True)
        self.process.start()
        child.close()
        self.task: Task | None = None
        self.started = 0.0

    def give(self, task: Task) -> None:
        self.task, self.started = task, time.monotonic()
        self.conn.send(task)

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


class Pool:
    """`workers` processes; `run(tasks)` yields an Outcome per task as they finish."""

    def __init__(self, workers: int, pipeline: str, backend: BackendOptions, timeout: float, max_memory: int):
        import multiprocessing as mp  # here: a re-run with nothing to parse does not pay for it

        self.ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
        self.args = (pipeline, backend)
        self.size, self.timeout, self.max_memory = max(1, workers), timeout, max_memory
        self.workers: list[_Worker] = []

    def __enter__(self) -> "Pool":
        return self

    def __exit__(self, *exc) -> None:
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        for worker in self.workers:
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.kill()

    def run(self, tasks: list[Task]) -> Iterator[Outcome]:
        from multiprocessing.connection import wait

        pending = list(reversed(tasks))
        while len(self.workers) < min(self.size, len(tasks)):
            self.workers.append(_Worker(self.ctx, self.args))
        while pending or any(w.task for w in self.workers):
            for worker in self.workers:
                if worker.task is None and pending:
                    worker.give(pending.pop())
            busy = [w for w in self.workers if w.task]
            ready = wait([w.conn for w in busy], timeout=POLL_SECONDS)
            for worker in busy:
                if worker.conn in ready:
                    try:
                        outcome = worker.conn.recv()
                    except (EOFError, OSError):
                        outcome = self._replace(worker, "crashed", "the worker process died while reading the file")
                    else:
                        worker.task = None
                    yield outcome
                elif time.monotonic() - worker.started > self.timeout:
                    yield self._replace(worker, "timeout", f"processing took longer than {self.timeout:g} s (--timeout)")
                elif self.max_memory and (rss_bytes(worker.process.pid) or 0) > self.max_memory:
                    yield self._replace(worker, "too_large",
                                        f"processing needed more than {self.max_memory // 2**20} MiB of memory (--max-memory)")

    def _replace(self, worker: _Worker, code: str, message: str) -> Outcome:
        task = worker.task
        assert task is not None
        worker.kill()
        self.workers[self.workers.index(worker)] = _Worker(self.ctx, self.args)
        return Outcome(task.key, error=InputError(code, message), seconds=round(time.monotonic() - worker.started, 3))
