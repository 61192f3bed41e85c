"""Fixtures shared by the test modules (plain helpers are in helpers.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .helpers import SHARED_SAMPLE


@pytest.fixture
def shared_sample() -> Path:
    if not SHARED_SAMPLE.is_file():
        pytest.skip(f"the real Bulgarian bulletin is not here ({SHARED_SAMPLE}); ../shared is absent")
    return SHARED_SAMPLE


@pytest.fixture(scope="session", autouse=True)
def _own_cache(tmp_path_factory):
    """The tests (and the runs they start) keep built data in a cache of their own, never the
    user's (cache.py): a run of the suite starts from an empty one, as CI does."""
    from intra_extract import cache

    old = os.environ.get(cache.CACHE_ENV)
    os.environ[cache.CACHE_ENV] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop(cache.CACHE_ENV, None)
    else:
        os.environ[cache.CACHE_ENV] = old
