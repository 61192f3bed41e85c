"""Worker processes: each document is processed in a child process that can be stopped.

A document that takes longer than the time limit, or makes its worker's memory grow past
the limit (a decompression bomb, a page-tree loop), gets its worker killed and replaced;
the file is `failed` with code `timeout` or `too_large` and the run goes on. Workers only
compute: they send the finished document back as JSON text, and the parent alone writes
files, so the output does not depend on how many workers there are.

With several workers, a long PDF (SPLIT_PAGES pages or more) is not left to one of them while
the others idle: the worker that opens it answers `Split`, its pages are laid out in parts
(`PagesTask`, pages in page order) by whichever workers are free, and one worker then runs
the document's own steps once on all of them (`FinishTask`: furniture across pages, the
layout's reading order, assembly, the stages; `lifecycle.process_file(laid_out=...)`). A page
is laid out from the page alone, so the document is the same as one worker makes of it
(tests/test_workers_split.py). Parts come before new documents, and the largest files are
handed out first, so a long document starts early and overlaps the short ones.

Workers fork from a server that built the pipeline's language data first (`warmup.py`), so
they start with it; each logs how long it took to be ready (at -v; bench/run.py reads it).
"""

from __future__ import annotations

import copyreg
import ctypes
import dataclasses
import functools
import gc
import hashlib
import io
import logging
import math
import os
import pickle
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterator, Union

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from .backends import BackendOptions

from .errors import InputError

log = logging.getLogger(__name__)

POLL_SECONDS = 0.2
SPLIT_PAGES = 64  # a PDF this long is laid out in parts when there are several workers
PART_PAGES = 16  # the fewest pages of a part; a document is cut in about 4 parts per worker


@dataclass(frozen=True)
class Task:
    key: int
    path: str
    rel: str
    sha256: str  # as the run's triage read it; the outcome's is of the bytes parsed
    identity: tuple[int, int] | None = None  # (st_dev, st_ino) discovery saw
    max_bytes: int = 2**63
    corrections: str = ""  # the file's corrections (corrections.py), applied to its document
    split_pages: int = 0  # a PDF this long is laid out in parts (0: SPLIT_PAGES)
    share: bool = False  # ... by every free worker: answered with `Split`


@dataclass(frozen=True)
class PagesTask:
    """Lay out `pages` (0-based) of the long PDF of `task`, the `index`-th part."""

    task: Task
    sha256: str  # of the bytes the document was split from
    pages: range
    index: int

    @property
    def key(self) -> int:
        return self.task.key


@dataclass(frozen=True)
class FinishTask:
    """The document's own steps on all its parts (pickled `lifecycle.PagesLaidOut`, in order)."""

    task: Task
    sha256: str
    parts: list[bytes]  # emptied by the worker as it reads them

    @property
    def key(self) -> int:
        return self.task.key


Job = Union[Task, PagesTask, FinishTask]


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
    # ... at most this much of it the worker's own: not shared with the fork server (its language
    # data), the other workers or other processes (libraries), which count in each one's peak
    own_mib: float | None = None
    ready: tuple[float, float] | None = None  # a worker's first answer: (when it was ready, warm-up seconds)
    # The document's JSON as `_document` makes it, UTF-8 encoded; `document_json` is it decoded
    # (`decoded`), by the parent for a worker's (`_send`, `_receive`).
    utf8: bytes | None = None

    def decoded(self) -> "Outcome":
        return self if self.utf8 is None else dataclasses.replace(self, document_json=self.utf8.decode(), utf8=None)


@dataclass(frozen=True)
class Split:
    """A worker's answer to a Task whose PDF is long: lay it out in parts."""

    key: int
    page_count: int
    sha256: str
    seconds: float = 0.0
    peak_mib: float | None = None
    own_mib: float | None = None
    ready: tuple[float, float] | None = None


@dataclass(frozen=True)
class PagesDone:
    key: int
    index: int
    part: bytes  # a pickled lifecycle.PagesLaidOut: the parent passes it on unopened
    seconds: float = 0.0
    peak_mib: float | None = None
    own_mib: float | None = None
    ready: tuple[float, float] | None = None


Answer = Union[Outcome, Split, PagesDone]


def _worker_main(conn: Connection, pipeline: str, bopts: BackendOptions) -> None:
    from . import warmup
    from .logs import configure_from_env
    from .pipeline import load

    configure_from_env()
    config = load(pipeline)
    ready: tuple[float, float] | None = (time.monotonic(), warmup.SECONDS)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):  # the run was killed: nothing left to do
            return
        if job is None:
            return
        answer = answer_to(job, config, bopts)
        if ready is not None:
            answer, ready = dataclasses.replace(answer, ready=ready), None
        _send(conn, answer)
        # What is still alive now is mostly what later documents use again (language data,
        # matchers, caches: ~160,000 objects). Frozen, it is out of the cycle collector's sight,
        # whose full collections then scan only what one document made. Over 13 corpus
        # documents the collector's time fell from 2.5 to 1.2-1.7 s of ~22 s (pdfplumber), and
        # from 0.74 to 0.55 s of ~6 s (pdfium), measured with gc.callbacks.
        gc.collect()
        gc.freeze()


def _send(conn: Connection, answer: Answer) -> None:
    """An answer to the parent; an Outcome's JSON after it as raw bytes (`_receive`), not
    copied into the answer's pickle (8 MiB for 500 pages)."""
    if not isinstance(answer, Outcome):
        conn.send(answer)
        return
    conn.send(dataclasses.replace(answer, utf8=None))
    conn.send_bytes(answer.utf8 or b"")


def _receive(conn: Connection) -> Answer:
    answer = conn.recv()
    if isinstance(answer, Outcome):
        answer = dataclasses.replace(answer, utf8=conn.recv_bytes() or None).decoded()
    return answer


def answer_to(job: Job, config, bopts) -> Answer:
    """A job done, or the error that stopped it. Never raises for a bad file or a bug of ours."""
    if isinstance(job, PagesTask):
        return _guarded(job.key, lambda: _pages(job, config, bopts))
    if isinstance(job, FinishTask):
        return _guarded(job.key, lambda: _document(job.task, config, bopts, job))
    return _guarded(job.key, lambda: _document(job, config, bopts))


def outcome_of(task: Task, config, bopts) -> Outcome:
    """One task done: its document as JSON, or the error that stopped it. Never raises for a bad
    file or a bug of ours; the run (`--workers 0`) calls it in its own process."""
    answer = _guarded(task.key, lambda: _document(task, config, bopts))
    assert isinstance(answer, Outcome), "a task that may split goes through answer_to"
    return answer.decoded()


def _guarded(key: int, work: Callable[[], Answer]) -> Answer:
    t0 = time.perf_counter()
    peak_known = _reset_peak()
    answer: Answer
    try:
        answer = work()
    except InputError as exc:
        answer = Outcome(key, error=exc)
    except MemoryError:
        answer = Outcome(key, error=InputError("too_large", "the document needs more memory than the limit"))
    except RecursionError:
        answer = Outcome(key, error=InputError("corrupt", "the PDF's objects nest too deeply to read"))
    except Exception as exc:  # a bug of ours: reported, never fatal
        answer = Outcome(key, error=InputError("internal", f"{type(exc).__name__}: {exc}"))
    peak = _peak_mib() if peak_known else None
    shared = _shared_mib()
    # Pages only stop being shared (copy on write), so those shared now were shared at the peak.
    own = round(peak - shared, 1) if peak is not None and shared is not None else None
    return dataclasses.replace(answer, seconds=round(time.perf_counter() - t0, 3), peak_mib=peak, own_mib=own)


def _read(task: Task, expected: str | None = None) -> tuple[bytes, str]:
    """The file's bytes and their sha256; those the document was split from, for its parts."""
    from .discovery import read_input

    try:
        data = read_input(task.path, task.identity, task.max_bytes)
    except OSError as exc:  # gone since discovery, or no permission
        raise InputError("unreadable", f"cannot read the file: {exc.strerror or exc}") from None
    sha = hashlib.sha256(data).hexdigest()  # of the very bytes parsed, whatever triage saw
    if expected is not None and sha != expected:
        raise InputError("unreadable", "the file changed while its pages were being read")
    return data, sha


def _document(task: Task, config, bopts, finish: FinishTask | None = None) -> Outcome | Split:
    from . import output
    from .lifecycle import lay_out, page_count, process_file

    data: bytes | None
    data, sha = _read(task, finish.sha256 if finish else None)
    laid_out = None
    if finish is not None:
        laid_out = []
        while finish.parts:  # each part's bytes let go of as soon as it is read
            laid_out.append(_load(finish.parts.pop(0)))
    else:
        pages = page_count(task.path, task.rel, data, config, bopts, sha)
        long = pages is not None and pages >= (task.split_pages or SPLIT_PAGES)
        if long and task.share:
            return Split(task.key, pages or 0, sha)
        if long and pages:
            # In parts here too: PDFium keeps what it parsed of a document until it is closed
            # (some 60 MiB for 500 pages); each part opens and closes it.
            laid_out = [lay_out(task.path, task.rel, data, config, bopts, part, sha) for part in parts_of(pages, 1)]
    if laid_out is not None:
        data = None  # not needed by the document's steps: 10 MiB less while they run (500 pages)
        _give_back_freed()
    document = process_file(task.path, task.rel, data, config, bopts, sha256=sha, corrections=task.corrections,
                            laid_out=laid_out)
    listed = sum(map(output.listed, document.records))  # as records.jsonl lists them
    return Outcome(task.key, None, sha, listed, document.source.pages, utf8=output.to_json_bytes(document))


def _give_back_freed() -> None:
    """Heap pages freed but kept by glibc given back to the system: what PDFium parsed of a
    long document, freed as each part closed it (5 MiB of the worker's own peak on 500 pages)."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def _pages(job: PagesTask, config, bopts) -> PagesDone:
    from .lifecycle import lay_out

    data, sha = _read(job.task, job.sha256)
    part = lay_out(job.task.path, job.task.rel, data, config, bopts, job.pages, sha)
    return PagesDone(job.key, job.index, _dump(part))


def _dump(part) -> bytes:
    """A part as bytes: its words, lines and blocks each pickled as the arguments of their
    constructor (half the time of pickle's default for slotted classes)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _compact_reducers()  # type: ignore[misc]
    with _collector_paused():
        pickler.dump(part)
    return buffer.getvalue()


def _load(blob: bytes):
    with _collector_paused():
        return pickle.loads(blob)


@functools.lru_cache(maxsize=1)
def _compact_reducers() -> dict:
    from operator import attrgetter

    from .state import Block, Line, Rect, Word

    def reducer(cls):
        fields = attrgetter(*(f.name for f in dataclasses.fields(cls)))
        return lambda obj: (cls, fields(obj))

    return {**copyreg.dispatch_table, **{cls: reducer(cls) for cls in (Word, Line, Block, Rect)}}


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pickling makes or reads some 250,000 objects for 500 pages, none of them in a cycle:
    the cycle collector's passes over them took 3 of 4 seconds."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parts_of(page_count: int, workers: int) -> list[range]:
    """A long document's pages cut in about four parts per worker, each of PART_PAGES or more."""
    size = max(PART_PAGES, math.ceil(page_count / (4 * workers)))
    return [range(a, min(a + size, page_count)) for a in range(0, page_count, size)]


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


def _shared_mib() -> float | None:
    """Resident memory this process shares with others now (Linux 4.14+: smaps_rollup)."""
    try:
        with open("/proc/self/smaps_rollup") as fh:
            kib = sum(int(line.split()[1]) for line in fh if line.startswith(("Shared_Clean:", "Shared_Dirty:")))
        return round(kib / 1024, 1)
    except (OSError, ValueError, IndexError):
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
        self.spawned = time.monotonic()
        self.process = ctx.Process(target=_worker_main, args=(child, *args), daemon=True)
        self.process.start()
        child.close()
        self.task: Job | None = None
        self.started = 0.0

    def give(self, task: Job) -> None:
        self.task, self.started = task, time.monotonic()
        self.conn.send(task)

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


@dataclass
class _Splitting:
    """A long document being laid out in parts: what came back so far."""

    task: Task
    sha256: str
    parts: list[bytes | None]
    seconds: float
    peak_mib: float | None
    own_mib: float | None


class Pool:
    """`workers` processes; `run(tasks)` yields an Outcome per task as they finish."""

    def __init__(self, workers: int, pipeline: str, backend: BackendOptions, timeout: float, max_memory: int):
        import multiprocessing as mp  # here: a re-run with nothing to parse does not pay for it

        self.ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
        self.args = (pipeline, backend)
        self.size, self.timeout, self.max_memory = max(1, workers), timeout, max_memory
        self.workers: list[_Worker] = []
        if self.ctx.get_start_method() == "forkserver":
            _start_fork_server(self.ctx, pipeline)

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

        share = self.size > 1
        if share:  # the largest files first, and long ones shared: no worker idles at the end
            tasks = sorted(tasks, key=_size, reverse=True)
        tasks = [dataclasses.replace(t, split_pages=SPLIT_PAGES, share=share) for t in tasks]
        pending: deque[Job] = deque(tasks)
        splitting: dict[int, _Splitting] = {}
        while pending or any(w.task for w in self.workers):
            idle = [w for w in self.workers if w.task is None]
            while len(self.workers) < self.size and len(pending) > len(idle):  # (parts may come later)
                idle.append(_Worker(self.ctx, self.args))
                self.workers.append(idle[-1])
            for worker in idle:
                if pending:
                    worker.give(pending.popleft())
            busy = [w for w in self.workers if w.task]
            ready = wait([w.conn for w in busy], timeout=POLL_SECONDS)
            for worker in busy:
                answer: Answer
                job = worker.task
                assert job is not None
                if worker.conn in ready:
                    try:
                        answer = _receive(worker.conn)
                    except (EOFError, OSError):
                        answer = self._replace(worker, "crashed", "the worker process died while reading the file")
                    else:
                        worker.task = None
                        if answer.ready is not None:
                            self._started(worker, *answer.ready)
                elif time.monotonic() - worker.started > self.timeout:
                    answer = self._replace(worker, "timeout", f"processing took longer than {self.timeout:g} s (--timeout)")
                elif self.max_memory and (rss_bytes(worker.process.pid) or 0) > self.max_memory:
                    answer = self._replace(worker, "too_large",
                                           f"processing needed more than {self.max_memory // 2**20} MiB of memory (--max-memory)")
                else:
                    continue
                outcome = self._settle(job, answer, splitting, pending)
                if outcome is not None:
                    if outcome.peak_mib is not None:
                        log.info("%s: peak %.0f MiB, at most %s MiB of it the worker's own", _rel(job), outcome.peak_mib,
                                 f"{outcome.own_mib:.0f}" if outcome.own_mib is not None else "?")
                    yield outcome

    def _settle(self, job: Job, answer: Answer, splitting: dict[int, _Splitting],
                pending: deque[Job]) -> Outcome | None:
        """The outcome of a document once it has one. A long document's parts are queued
        first, then its finish; the first error of any of its jobs settles it as failed."""
        if isinstance(answer, Split):
            assert isinstance(job, Task)
            parts = parts_of(answer.page_count, self.size)
            splitting[job.key] = _Splitting(job, answer.sha256, [None] * len(parts), answer.seconds, answer.peak_mib,
                                            answer.own_mib)
            pending.extendleft(reversed([PagesTask(job, answer.sha256, r, i) for i, r in enumerate(parts)]))
            log.info("%s: %d pages, laid out in %d parts", job.rel, answer.page_count, len(parts))
            return None
        state = splitting.get(answer.key)
        if isinstance(job, Task) or state is None:
            # a document done whole; else a late answer for a long one that failed already
            return answer if isinstance(answer, Outcome) and isinstance(job, Task) else None
        state.seconds += answer.seconds
        state.peak_mib = max((m for m in (state.peak_mib, answer.peak_mib) if m is not None), default=None)
        state.own_mib = max((m for m in (state.own_mib, answer.own_mib) if m is not None), default=None)
        log.debug("%s: %s in %.2f s, peak %s MiB", state.task.rel, f"part {job.index + 1}"
                  if isinstance(job, PagesTask) else "the document's steps", answer.seconds, answer.peak_mib)
        if isinstance(answer, PagesDone):
            state.parts[answer.index] = answer.part
            if state.parts and all(part is not None for part in state.parts):
                pending.appendleft(FinishTask(state.task, state.sha256, [p for p in state.parts if p]))
                state.parts = []
            return None
        del splitting[answer.key]
        others = [j for j in pending if j.key != answer.key]  # an error: its other parts are not needed
        pending.clear()
        pending.extend(others)
        return dataclasses.replace(answer, seconds=round(state.seconds, 3), peak_mib=state.peak_mib,
                                   own_mib=state.own_mib, ready=None)

    def _started(self, worker: _Worker, ready_at: float, warm_seconds: float) -> None:
        # The fork server's warm-up comes once, before its first fork: the first worker waits for it.
        seconds = ready_at - worker.spawned
        log.info("worker %d ready %.2f s after it started (the fork server's warm-up: %.2f s, once)",
                 worker.process.pid, seconds, warm_seconds)

    def _replace(self, worker: _Worker, code: str, message: str) -> Outcome:
        task = worker.task
        assert task is not None
        worker.kill()
        self.workers[self.workers.index(worker)] = _Worker(self.ctx, self.args)
        return Outcome(task.key, error=InputError(code, message), seconds=round(time.monotonic() - worker.started, 3))


def _rel(job: Job) -> str:
    return job.rel if isinstance(job, Task) else job.task.rel


def _size(task: Task) -> int:
    try:
        return os.stat(task.path).st_size
    except OSError:
        return 0


def start_early(pipeline: str) -> None:
    """Start the fork server now, so that its warm-up (warmup.py) runs while the run still
    looks through its files (hashing them, comparing them with the dataset): the pool that
    starts later finds it running, and its first worker waits the less."""
    import multiprocessing as mp

    if "forkserver" in mp.get_all_start_methods():
        _start_fork_server(mp.get_context("forkserver"), pipeline)


def _start_fork_server(ctx, pipeline: str) -> None:
    """Start the fork server (if it is not running yet) with the pipeline's language data
    built in it (warmup.py), so that every worker forked from it starts with them."""
    from multiprocessing import forkserver

    from . import warmup

    ctx.set_forkserver_preload([warmup.__name__])
    before = os.environ.get(warmup.WARM_ENV)
    os.environ[warmup.WARM_ENV] = pipeline  # the server's environment: what it is to build
    try:
        forkserver.ensure_running()
    finally:
        if before is None:
            del os.environ[warmup.WARM_ENV]
        else:
            os.environ[warmup.WARM_ENV] = before
