"""Logging for `-v`/`-vv`: the run in the parent, stages and their timings in the workers.

Worker processes start from a fork server that knows nothing of the parent's logging set-up;
they read the level from the environment (`INTRA_EXTRACT_LOG_LEVEL`), which the command line
sets before the first worker starts.
"""

from __future__ import annotations

import logging
import os
import sys

ENV = "INTRA_EXTRACT_LOG_LEVEL"
LEVELS = ("debug", "info", "warning", "error")
log = logging.getLogger("intra_extract")


def configure(level: str | None) -> None:
    """Log `intra_extract.*` at `level` to stderr, and tell worker processes to do the same."""
    if not level:
        return
    os.environ[ENV] = level
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(f"%(asctime)s %(levelname)-7s [{os.getpid()}] %(message)s", "%H:%M:%S"))
    log.handlers[:] = [handler]
    log.setLevel(level.upper())
    log.propagate = False


def configure_from_env() -> None:
    """In a worker process: the level the command line chose, if any."""
    level = os.environ.get(ENV, "").lower()
    configure(level if level in LEVELS else None)
