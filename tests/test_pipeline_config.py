from __future__ import annotations

import pytest
from pydantic import ValidationError

from intra_extract.pipeline import PIPELINES_DIR, load


def write_toml(tmp_path, body: str):
    path = tmp_path / "p.toml"
    path.write_text(body, encoding="utf-8")
    return str(path)


def test_shipped_pipelines_load():
    names = sorted(p.stem for p in PIPELINES_DIR.glob("*.toml"))
    assert "bulletin" in names
    for name in names:
        assert load(name).stages


def test_a_stage_that_reads_what_nobody_wrote_is_refused(tmp_path):
    with pytest.raises(ValidationError, match="stage 'structure' reads .*'text'"):
        load(write_toml(tmp_path, 'stages = ["layout", "structure"]'))


def test_unknown_stage_language_and_options_are_refused(tmp_path):
    with pytest.raises(ValidationError, match="unknown stage 'ocr'"):
        load(write_toml(tmp_path, 'stages = ["layout", "ocr"]'))
    with pytest.raises(ValidationError, match="no language profile"):
        load(write_toml(tmp_path, 'languages = ["xx"]\nstages = ["layout"]'))
    with pytest.raises(ValidationError, match="fixed"):
        load(write_toml(tmp_path, 'stages = ["layout", "normalise", "assemble", "doc_type"]\n'
                                  '[options.doc_type]\nfixed = "poster"'))
    with pytest.raises(FileNotFoundError, match="known: .*bulletin"):
        load("no-such-pipeline")
