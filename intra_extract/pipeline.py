"""Pipeline configurations: which stages run, in which order, with which options.

A configuration is a TOML file in `pipelines/` (see `pipelines/bulletin.toml`). `load()`
validates it before any document is read: its shape (`PipelineConfig`), then whether its
stages fit together (`PipelineConfig.check()`). Adding a document type means adding a file
there; adding a stage means a module in `stages/`.

A file that cannot be used raises `PipelineError`, whose message says what is wrong.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from . import __version__, stages
from .language import LANGUAGES, available_languages
from .state import DocState

PIPELINES_DIR = Path(__file__).resolve().parent.parent / "pipelines"


class PipelineConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    description: str = ""
    languages: tuple[str, ...] = Field(default=LANGUAGES, min_length=1)
    stages: tuple[str, ...]
    options: dict[str, dict[str, Any]] = Field(default_factory=dict, description="[options.<stage>] tables")
    _path: Path | None = PrivateAttr(default=None)  # the file it was loaded from, for messages

    def check(self) -> "PipelineConfig":
        """Every language has a profile; every stage reads only what a backend or an earlier
        stage writes (as spaCy's `analyze_pipes`); options fit their stage.

        It imports every stage's module, so `load(check=False)` leaves it to the caller: a
        re-run with nothing to do need not pay for it (see `runner.run_folder`)."""
        try:
            unknown = sorted(set(self.languages) - set(available_languages()))
            if unknown:
                raise ValueError(f"no language profile for {unknown}")
            provided = set(stages.BACKEND_WRITES)
            for name in self.stages:
                stage = stages.get(name)
                missing = [attr for attr in stage.reads if attr not in provided]
                if missing:
                    raise ValueError(f"stage {name!r} reads {missing}, which no earlier stage writes")
                provided.update(stage.writes)
            for name, opts in self.options.items():
                if name not in self.stages:
                    raise ValueError(f"options given for stage {name!r}, which the pipeline does not run")
                try:
                    stages.get(name).options.model_validate(opts)
                except ValidationError as exc:
                    raise ValueError(f"[options.{name}] {_reason(exc)}") from exc
        except ValueError as exc:  # pydantic's ValidationError is one too
            raise PipelineError(f"pipeline {self._path or repr(self.name)}: {_reason(exc)}") from exc
        return self

    def stage_options(self, name: str) -> BaseModel:
        return stages.get(name).options.model_validate(self.options.get(name, {}))

    def fingerprint(self) -> str:
        """Changes whenever the output could: code version or configuration."""
        blob = json.dumps([__version__, self.model_dump(mode="json")], sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


class PipelineError(ValueError):
    """A pipeline configuration that cannot be used."""


def load(name_or_path: str = "bulletin", *, check: bool = True) -> PipelineConfig:
    """A pipeline by name (a file in `pipelines/`) or by path to a TOML file.
    `check=False` validates only the file's shape and leaves `PipelineConfig.check` to the caller."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        path = PIPELINES_DIR / f"{name_or_path}.toml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in PIPELINES_DIR.glob("*.toml")))
        raise FileNotFoundError(f"no pipeline {name_or_path!r} (known: {known})")
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        data.setdefault("name", path.stem)
        config = PipelineConfig.model_validate(data)
    except (OSError, ValueError) as exc:  # unreadable, not UTF-8, not TOML, or the wrong shape
        raise PipelineError(f"pipeline {path}: {_reason(exc)}") from exc
    config._path = path
    return config.check() if check else config


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):  # one line per error, without pydantic's URLs
        return "; ".join(f"{'.'.join(map(str, e['loc'])) + ': ' if e['loc'] else ''}"
                         f"{e['msg'].removeprefix('Value error, ')}" for e in exc.errors())
    return str(exc)


def run_stages(doc: DocState, config: PipelineConfig) -> DocState:
    for name in config.stages:
        stages.get(name)(doc, config.stage_options(name))
    return doc
