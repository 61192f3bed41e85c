"""Fixtures shared by the test modules (plain helpers are in helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import SHARED_SAMPLE


@pytest.fixture
def shared_sample() -> Path:
    if not SHARED_SAMPLE.is_file():
        pytest.skip(f"the real Bulgarian bulletin is not here ({SHARED_SAMPLE}); ../shared is absent")
    return SHARED_SAMPLE
