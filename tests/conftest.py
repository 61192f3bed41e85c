from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE_PIPELINE = str(ROOT / "tests" / "pipelines" / "core.toml")
SHARED_SAMPLE = ROOT.parent / "shared" / "samples" / "intra-ebulletin-6-bg.txt"


@pytest.fixture
def shared_sample() -> Path:
    if not SHARED_SAMPLE.is_file():
        pytest.skip(f"the real Bulgarian bulletin is not here ({SHARED_SAMPLE}); ../shared is absent")
    return SHARED_SAMPLE


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path
