"""Data the run builds the same way every time (the region matchers of six languages: seconds
of work), kept on disk and read back in a fraction of that.

A cached object is a pickle in the user's cache folder (`platformdirs.user_cache_dir`, or
INTRA_EXTRACT_CACHE; `off` turns the cache off), named after what it is and a key: the hash of
every file of this package (code and data) and of the versions of Python and of the packages
it depends on. Any change to what builds the object is a new key, so an object is never read
by code that did not make it; the files of older keys are removed when a new one is written.
A file that cannot be read or written is built again, silently: the cache only saves time.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
CACHE_ENV = "INTRA_EXTRACT_CACHE"
_PACKAGE = Path(__file__).resolve().parent

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
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.is_file() and p.suffix not in (".pyc", ".pyo")):
        h.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    try:
        required = metadata.requires("intra-extract") or []
    except metadata.PackageNotFoundError:  # run from a source tree that is not installed
        required = []
    for name in sorted({_name(r) for r in required if "extra ==" not in r}):
        try:
            h.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=-".encode())
    return h.hexdigest()[:20]


def _name(requirement: str) -> str:
    for i, ch in enumerate(requirement):
        if not (ch.isalnum() or ch in "-_."):
            return requirement[:i]
    return requirement


def load_or_build(name: str, build: Callable[[], T]) -> T:
    """The object `name` as `build()` makes it: read from the cache when this version made
    it before, else built and written there."""
    where = folder()
    if where is None:
        return build()
    path = where / f"{name}-{version_key()}.pickle"
    try:
        with open(path, "rb") as f:
            return pickle.load(f)  # noqa: S301  (our own file, in the user's own cache folder)
    except FileNotFoundError:
        pass
    except Exception as exc:  # a file cut short, or of another Python: built again
        log.debug("cache %s unreadable (%s): built again", path, exc)
    made = build()
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(made, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # whole or not at all: two runs at once each write a whole file
        finally:
            Path(tmp).unlink(missing_ok=True)
        for old in where.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except Exception as exc:  # a read-only home, a full disk: the run goes on without
        log.debug("cache %s not written (%s)", path, exc)
    return made
