"""Data the run builds the same way every time (the region matchers of six languages: seconds
of work), kept on disk and read back in a fraction of that.

A cached object is a pickle in the user's cache folder (`platformdirs.user_cache_dir`, or
INTRA_EXTRACT_CACHE; `off` turns the cache off), named after what it is and a key: the hash of
every file of this package (code and data) and of the versions of Python and of the packages
it depends on. Any change to what builds the object is a new key, so an object is never read
by code that did not make it; a file of another key is removed when a new one is written
and it has not been read for a week (two checkouts of different versions may share the folder).
A file that cannot be read or written is built again, silently: the cache only saves time. A
folder that others may write to (or that is not the user's) is not read: a pickle runs code.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import re
import stat
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
CACHE_ENV = "INTRA_EXTRACT_CACHE"
_PACKAGE = Path(__file__).resolve().parent
_KEY_LENGTH = 20
_STALE_SECONDS = 7 * 24 * 3600  # a file of another key, unread this long, is removed

log = logging.getLogger(__name__)


def folder() -> Path | None:
    """Where cached objects go; None when the cache is turned off."""
    chosen = os.environ.get(CACHE_ENV, "")
    if chosen.lower() in ("off", "0", "no", "false"):
        return None
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("intra-extract"))


@functools.lru_cache(maxsize=1)
def version_key() -> str:
    """The hash of what builds cached objects: this package's files, Python's and the
    dependencies' versions."""
    h = hashlib.sha256(sys.version.encode())
    for path in sorted(p for p in _PACKAGE.rglob("*") if "__pycache__" not in p.parts and p.is_file()):
        h.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    from packaging.requirements import Requirement

    try:
        required = [Requirement(r) for r in metadata.requires("intra-extract") or []]
    except metadata.PackageNotFoundError:  # run from a source tree that is not installed
        required = []
    for name in sorted({r.name for r in required if r.marker is None or "extra" not in str(r.marker)}):
        try:
            h.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=-".encode())
    return h.hexdigest()[:_KEY_LENGTH]


def _private(where: Path) -> bool:
    """The folder is the user's and no one else may write to it (where the OS says so)."""
    if not hasattr(os, "getuid"):
        return True
    st = where.stat()
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def load_or_build(name: str, build: Callable[[], T]) -> T:
    """The object `name` as `build()` makes it: read from the cache when this version made
    it before, else built and written there."""
    where = folder()
    if where is None:
        return build()
    try:
        path = where / f"{name}-{version_key()}.pickle"
    except Exception as exc:  # a file of the package gone while it was read: no cache this time
        log.debug("no cache key (%s)", exc)
        return build()
    try:
        if _private(where):
            with open(path, "rb") as f:
                return pickle.load(f)  # noqa: S301  (our own file, in a folder only the user writes)
        log.debug("cache folder %s is not the user's own: not read", where)
    except FileNotFoundError:
        pass
    except Exception as exc:  # a file cut short, or of another Python: built again
        log.debug("cache %s unreadable (%s): built again", name, exc)
    made = build()
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(made, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # whole or not at all: two runs at once each write a whole file
        finally:
            Path(tmp).unlink(missing_ok=True)
        mine = re.compile(re.escape(name) + rf"-[0-9a-f]{{{_KEY_LENGTH}}}\.pickle")
        for old in where.iterdir():
            if old != path and mine.fullmatch(old.name) and time.time() - old.stat().st_atime > _STALE_SECONDS:
                old.unlink(missing_ok=True)
    except Exception as exc:  # a read-only home, a full disk: the run goes on without
        log.debug("cache %s not written (%s)", path, exc)
    return made
