"""Pipeline configurations: which stages run, in which order, with which options.

A configuration is a TOML file in `pipelines/` (see `pipelines/bulletin.toml`), validated
by `PipelineConfig` when it is loaded, before any document is read. Adding a document
type means adding a file there; adding a stage means a module in `stages/`.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from . import __version__, stages
from .state import DocState

PIPELINES_DIR = Path(__file__).resolve().parent.parent / "pipelines"
LANGUAGES = ("bg", "sl", "es", "pt", "it", "en")


class PipelineConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    description: str = ""
    languages: tuple[str, ...] = LANGUAGES
    stages: tuple[str, ...]
    options: dict[str, dict[str, Any]] = Field(default_factory=dict, description="[options.<stage>] tables")

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        from .stages.language import available_languages

        unknown = sorted(set(value) - set(available_languages()))
        if unknown:
            raise ValueError(f"no language profile for {unknown}")
        return value

    @model_validator(mode="after")
    def _stages_fit_together(self) -> "PipelineConfig":
        provided = set(stages.BACKEND_WRITES)
        for name in self.stages:
            stage = stages.get(name)  # KeyError -> validation error naming the stage
            missing = [attr for attr in stage.reads if attr not in provided]
            if missing:
                raise ValueError(f"stage {name!r} reads {missing}, which no earlier stage writes")
            provided.update(stage.writes)
        for name, opts in self.options.items():
            if name not in self.stages:
                raise ValueError(f"options given for stage {name!r}, which the pipeline does not run")
            stages.get(name).options.model_validate(opts)
        return self

    def stage_options(self, name: str) -> BaseModel:
        return stages.get(name).options.model_validate(self.options.get(name, {}))

    def fingerprint(self) -> str:
        """Changes whenever the output could: code version or configuration."""
        blob = json.dumps([__version__, self.model_dump(mode="json")], sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def load(name_or_path: str = "bulletin") -> PipelineConfig:
    """A pipeline by name (a file in `pipelines/`) or by path to a TOML file."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        path = PIPELINES_DIR / f"{name_or_path}.toml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in PIPELINES_DIR.glob("*.toml")))
        raise FileNotFoundError(f"no pipeline {name_or_path!r} (known: {known})")
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    data.setdefault("name", path.stem)
    return PipelineConfig.model_validate(data)


def run_stages(doc: DocState, config: PipelineConfig) -> DocState:
    for name in config.stages:
        stages.get(name)(doc, config.stage_options(name))
    return doc
