"""Discovery: the input files under a folder, in one deterministic order, and how one is opened.

Paths are compared as '/'-joined strings relative to the root, so the order is the same
on every machine. Only regular files are read: a FIFO, a device or a socket would block a
reader or never end, so each is listed with a `skip` code, as are symbolic links that loop,
lead nowhere or lead outside the root. A name that is not UTF-8 is recorded in a reversible
escaped form (`name_of`) and processed like any other.

`open_input` opens a file for reading the way every reader here must: without following a
symbolic link put in its place, without blocking on a FIFO put in its place, and checked on
the opened handle (a regular file, the one discovery saw, not over the size limit).
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .backends import format_of
from .errors import InputError

SKIP_DIRS = {".git", ".venv", "__pycache__", ".pytest_cache"}
_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


@dataclass(frozen=True)
class InputFile:
    path: Path  # on disk (a symbolic link inside the root: its target)
    rel: str  # relative to the input root, '/'-separated, in `name_of` form
    format: str | None  # None: unsupported
    skip: tuple[str, str] | None = None  # (code, message): not read at all
    identity: tuple[int, int] | None = None  # (st_dev, st_ino) as discovery saw it
    size: int = 0


def name_of(raw: str) -> str:
    """A path as the dataset records it: text as it is, a byte that is not UTF-8 (a surrogate
    escape from the file system) as `\\xNN`, and a backslash doubled, so the form is always
    valid UTF-8 and maps back to the bytes (`raw_name`)."""
    if "\\" not in raw and raw.isascii():
        return raw
    out = []
    for ch in raw.replace("\\", "\\\\"):
        out.append(f"\\x{ord(ch) - 0xDC00:02x}" if 0xDC80 <= ord(ch) <= 0xDCFF else ch)
    return "".join(out)


def raw_name(name: str) -> bytes:
    """The bytes of a name recorded by `name_of`."""
    out = bytearray()
    i = 0
    while i < len(name):
        if name.startswith("\\\\", i):
            out += b"\\"
            i += 2
        elif name.startswith("\\x", i):
            out.append(int(name[i + 2:i + 4], 16))
            i += 4
        else:
            out += name[i].encode("utf-8")
            i += 1
    return bytes(out)


def discover(root: Path, exclude: Path | None = None) -> list[InputFile]:
    """Every file under `root`, sorted by `rel`; nothing under `exclude` (the output folder)."""
    root = root.resolve()
    if not root.is_dir():  # one file given (or a FIFO or device: classified, not read)
        return [_classify(root, root.name, root.parent)]
    skip_dir = exclude.resolve() if exclude is not None else None
    found: list[InputFile] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith(".")
                             and Path(dirpath, d) != skip_dir)
        for name in filenames:
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            found.append(_classify(path, path.relative_to(root).as_posix(), root))
    return sorted(found, key=lambda f: f.rel)


def _classify(path: Path, rel: str, root: Path) -> InputFile:
    rel = name_of(rel)
    fmt = format_of(rel)

    def skipped(code: str, message: str) -> InputFile:
        return InputFile(path, rel, fmt, (code, message))

    try:
        st = path.lstat()
        if stat.S_ISLNK(st.st_mode):
            try:
                target = path.resolve(strict=True)
                st = target.stat()
            except RuntimeError:  # Python 3.11-3.12 say a loop this way
                return skipped("symlink_loop", "a symbolic link that loops; not followed")
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    return skipped("symlink_loop", "a symbolic link that loops; not followed")
                return skipped("broken_link", "a symbolic link to nothing; not followed")
            if not target.is_relative_to(root):
                return skipped("outside_link", "a symbolic link to outside the input folder; not followed")
            path = target
    except OSError as exc:
        return skipped("unreadable", f"cannot read the file: {exc.strerror or exc}")
    for test, kind in _KINDS:
        if test(st.st_mode):
            return skipped("not_regular", f"{kind}, not a regular file; not read")
    return InputFile(path, rel, fmt, None, (st.st_dev, st.st_ino), st.st_size)


def open_input(path: str | Path, identity: tuple[int, int] | None, max_bytes: int) -> BinaryIO:
    """The file opened for reading, checked on the handle: raises InputError when it is no
    longer the regular file discovery saw (replaced, or made a link, FIFO or device since),
    or is now over `max_bytes`; OSError as the system gives it (gone, no permission)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # a symbolic link now stands where the file was
            raise InputError("changed", "the file was replaced by a symbolic link during the run; not followed") from None
        raise
    fh = os.fdopen(fd, "rb")
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError("changed", "the file is no longer a regular file; not read")
        if identity is not None and (st.st_dev, st.st_ino) != identity:
            raise InputError("changed", "the file was replaced during the run; run again to read the new one")
        check_size(st.st_size, max_bytes)
        os.set_blocking(fd, True)
    except BaseException:
        fh.close()
        raise
    return fh


def read_input(path: str | Path, identity: tuple[int, int] | None, max_bytes: int) -> bytes:
    """The whole file through `open_input`, never more than `max_bytes` (it may grow meanwhile)."""
    with open_input(path, identity, max_bytes) as fh:
        data = fh.read(max_bytes + 1)
    check_size(len(data), max_bytes)
    return data


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputError("too_large", f"{size:,} bytes is over the limit of {max_bytes:,} (--max-bytes)")
