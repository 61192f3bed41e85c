"""Pipeline configurations: which stages run, in which order, with which options.

A configuration is a TOML file: the built-in ones ship inside the package
(`intra_extract/pipelines/`, which the repository's top-level `pipelines/` links to), a user's
are found by path or in a `pipelines/` folder of the current directory. `load()`
validates it before any document is read: its shape (`PipelineConfig`), then whether its
stages fit together (`PipelineConfig.check()`). Adding a document type means adding a file
there; adding a stage means a module in `stages/`.

A file that cannot be used raises `PipelineError`, whose message says what is wrong.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from . import __version__, model, stages
from .language import LANGUAGES, available_languages
from .state import DocState

log = logging.getLogger(__name__)

# The built-in pipelines: package data, so an installed wheel has them wherever it runs.
PIPELINES_DIR = Path(__file__).resolve().parent / "pipelines"


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

    @property
    def path(self) -> Path | None:
        """The file it was loaded from: what worker processes load again."""
        return self._path

    def stage_options(self, name: str) -> BaseModel:
        return stages.get(name).options.model_validate(self.options.get(name, {}))

    def fingerprint(self) -> str:
        """Changes whenever the output could: code version or configuration."""
        blob = json.dumps([__version__, self.model_dump(mode="json")], sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


class PipelineError(ValueError):
    """A pipeline configuration that cannot be used."""


def search_path() -> list[Path]:
    """Where a pipeline named without a path is looked for, first match wins: a `pipelines/`
    folder of the current directory (a user's own), then the built-in ones."""
    local = Path.cwd() / "pipelines"
    return [local, PIPELINES_DIR] if local.is_dir() and local.resolve() != PIPELINES_DIR else [PIPELINES_DIR]


def known_pipelines() -> list[str]:
    return sorted({p.stem for folder in search_path() for p in folder.glob("*.toml")})


def find(name_or_path: str) -> Path:
    """The file of a pipeline given by name or by path (anything ending in .toml or holding a
    slash is a path). Raises FileNotFoundError naming the pipelines there are."""
    if name_or_path.endswith(".toml") or "/" in name_or_path:
        path = Path(name_or_path)
        if path.is_file():
            return path.resolve()
    else:
        for folder in search_path():
            path = folder / f"{name_or_path}.toml"
            if path.is_file():
                return path
    raise FileNotFoundError(f"no pipeline {name_or_path!r} (known: {', '.join(known_pipelines())})")


def load(name_or_path: str = "bulletin", *, check: bool = True) -> PipelineConfig:
    """A pipeline by name or by path to a TOML file (see `find`).
    `check=False` validates only the file's shape and leaves `PipelineConfig.check` to the caller."""
    path = find(name_or_path)
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
    debug = log.isEnabledFor(logging.DEBUG)  # `-vv`: each stage's time, per document
    for name in config.stages:
        t0 = time.perf_counter() if debug else 0.0
        kept = len(doc.records)
        try:
            stages.get(name)(doc, config.stage_options(name))
        except ImportError as exc:
            # A language outside the pipeline's may need a package we do not install (spaCy's
            # Korean, Japanese, Thai, Vietnamese tokenizers): that stage is skipped, with a warning.
            if doc.language in doc.languages_allowed:
                raise
            del doc.records[kept:]
            doc.warnings.append(model.Warning(
                code="stage_skipped", message=f"stage {name!r} cannot read {doc.language!r} text here: {str(exc)[:160]}"))
        if debug:
            log.debug("%s: stage %s %.1f ms", doc.path, name, (time.perf_counter() - t0) * 1000)
    return doc
