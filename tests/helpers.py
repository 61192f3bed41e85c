"""What several test modules share: paths, a small bulletin, a file writer. Fixtures are in
conftest.py; the generated PDF samples and their measures in pdf_samples.py."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE_PIPELINE = str(ROOT / "tests" / "pipelines" / "core.toml")
SHARED_SAMPLE = ROOT.parent / "shared" / "samples" / "intra-ebulletin-6-bg.txt"

# A plain-text bulletin with a two-item list and a link: the smallest document that makes
# every kind of record the core pipeline gives.
BULLETIN = """Recommendations of the partners

The partners agreed on the following points:

1. Regional agencies should pool their export services
so that small firms find one door.
2. Vouchers for digital trade should be simpler.

More at www.example.eu/intra.
"""


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def frictionless_errors(descriptor: Path) -> list[str]:
    from frictionless import Package

    report = Package(str(descriptor)).validate()
    return [f"{task.name}: {error.type}: {error.note}" for task in report.tasks for error in task.errors]
