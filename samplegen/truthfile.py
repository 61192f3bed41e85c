"""What every generator's truth file shares: where it lies and how it is read and written."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path


def truth_path(path: str | Path) -> Path:
    """`x.pdf` -> `x.truth.json`, beside it."""
    p = Path(path)
    return p.with_name(p.stem + ".truth.json")


class TruthFile:
    """Mixed into a generator's truth dataclass, which provides `from_dict`."""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1, sort_keys=True) + "\n"  # type: ignore[call-overload]

    @classmethod
    def load(cls, path: str | Path):
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))  # type: ignore[attr-defined]
