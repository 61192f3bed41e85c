"""Discovery: the input files under a folder, in one deterministic order.

Paths are compared as '/'-joined strings relative to the root, so the order is the same
on every machine. Symbolic links that lead outside the root are not followed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .backends import format_of

SKIP_DIRS = {".git", ".venv", "__pycache__", ".pytest_cache"}


@dataclass(frozen=True)
class InputFile:
    path: Path  # on disk
    rel: str  # relative to the input root, '/'-separated
    format: str | None  # None: unsupported
    outside_link: bool = False


def discover(root: Path) -> list[InputFile]:
    root = root.resolve()
    found: list[InputFile] = []
    if root.is_file():
        return [InputFile(root, root.name, format_of(root.name))]
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for name in filenames:
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            outside = path.is_symlink() and not _inside(path.resolve(), root)
            found.append(InputFile(path, rel, format_of(name), outside))
    return sorted(found, key=lambda f: f.rel)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False
