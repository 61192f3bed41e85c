"""docs/dataset.md, the contract as users read it, stays in step with the models: every model has
its table there, every field is in it, and nothing is described that the model lacks."""

from __future__ import annotations

import re

from pydantic import BaseModel

from intra_extract import model

from .helpers import ROOT

DOC = ROOT / "docs" / "dataset.md"


def documented_fields(text: str) -> dict[str, set[str]]:
    """Model class name -> the field names in the first column of the table under the
    heading that names the class: `## The document object (`Document`)`."""
    out: dict[str, set[str]] = {}
    current = None
    for line in text.splitlines():
        heading = re.match(r"#+ .*\(`(\w+)`\)", line)
        if heading:
            current = heading.group(1)
            out[current] = set()
        elif line.startswith("#"):
            current = None
        elif current and (row := re.match(r"\| `(\w+)` \|", line)):
            out[current].add(row.group(1))
    return out


def model_classes() -> dict[str, type[BaseModel]]:
    return {name: obj for name, obj in vars(model).items()
            if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.model_fields}


def expected_fields(cls: type[BaseModel]) -> set[str]:
    common = set(model._Record.model_fields)
    if cls is model._Record:
        return common | {"kind"}
    if issubclass(cls, model._Record):  # a kind: its own fields; the common ones are in _Record's table
        return set(cls.model_fields) - common - {"kind"}
    return set(cls.model_fields)


def test_every_field_of_every_model_is_described_and_nothing_else():
    documented = documented_fields(DOC.read_text("utf-8"))
    for name, cls in model_classes().items():
        assert name in documented, f"docs/dataset.md has no section for {name} (a heading with (`{name}`))"
        assert documented[name] == expected_fields(cls), (
            f"{name}: fields not described {sorted(expected_fields(cls) - documented[name])}, "
            f"described but not in the model {sorted(documented[name] - expected_fields(cls))}")


def test_every_record_kind_and_the_schema_version_are_named():
    text = DOC.read_text("utf-8")
    for kind in model.RECORD_KINDS:
        assert f"### `{kind}`" in text
    assert f"Schema version: **{model.SCHEMA_VERSION}**" in text
    assert "docs/dataset.md" in (ROOT / "README.md").read_text("utf-8")


def test_the_check_itself_notices_a_missing_field():
    text = DOC.read_text("utf-8")
    assert "granularity" in documented_fields(text)["Date"]
    assert "granularity" not in documented_fields(text.replace("| `granularity` |", "| granularity |"))["Date"]
