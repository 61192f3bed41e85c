"""Pipeline stages: small named steps over one `DocState`, assembled from `pipelines/*.toml`.

Each stage module registers one function with `@stage(name, reads=..., writes=...)`.
`reads` and `writes` name `DocState` attributes; the pipeline loader checks, before any
document is read, that every attribute a stage reads is written by a backend or an
earlier stage (as spaCy's `analyze_pipes` does). A stage may take options: a pydantic
model given as `options=`, filled from the `[stages.<name>]` table of the configuration.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable

from pydantic import BaseModel, ConfigDict

from ..state import DocState


class NoOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")


@dataclass(frozen=True)
class Stage:
    name: str
    func: Callable[[DocState, BaseModel], None]
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    options: type[BaseModel]

    def __call__(self, doc: DocState, options: BaseModel | None = None) -> None:
        self.func(doc, options if options is not None else self.options())


REGISTRY: dict[str, Stage] = {}

# Stage name -> module that registers it; imported on first use so a pipeline pays
# only for the stages it lists.
MODULES = {
    "layout": "layout",
    "normalise": "normalise",
    "assemble": "assemble",
    "language": "language",
    "structure": "structure",
    "links": "links",
    "regions": "regions",
    "dates": "dates",
    "doc_type": "doc_type",
    "good_practices": "good_practices",
    "form_order": "form_order",
}

# What a backend provides before the first stage runs.
BACKEND_WRITES = ("pages", "raw_text", "source", "doc_id", "languages_allowed")


def stage(
    name: str,
    *,
    reads: tuple[str, ...],
    writes: tuple[str, ...],
    options: type[BaseModel] = NoOptions,
) -> Callable[[Callable], Callable]:
    def register(func: Callable) -> Callable:
        REGISTRY[name] = Stage(name, func, tuple(reads), tuple(writes), options)
        return func

    return register


def get(name: str) -> Stage:
    if name not in REGISTRY:
        if name not in MODULES:
            # ValueError, so a pipeline file naming it fails validation with this message
            raise ValueError(f"unknown stage {name!r}; known: {', '.join(sorted(MODULES))}")
        importlib.import_module(f"{__name__}.{MODULES[name]}")
    return REGISTRY[name]
