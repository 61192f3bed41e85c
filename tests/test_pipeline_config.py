from __future__ import annotations

import pytest
from intra_extract.pipeline import PIPELINES_DIR, PipelineError, load


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
    with pytest.raises(PipelineError, match="stage 'structure' reads .*'text'"):
        load(write_toml(tmp_path, 'stages = ["layout", "structure"]'))


def test_practices_pass_from_doc_type_to_good_practices_in_a_declared_field(tmp_path):
    """No hidden channel: without `doc_type`, the check sees that nothing found the practices."""
    with pytest.raises(PipelineError, match=r"stage 'good_practices' reads \['doc_type', 'practices'\]"):
        load(write_toml(tmp_path, 'stages = ["layout", "normalise", "assemble", "language", "structure", '
                                  '"good_practices"]'))


def test_unknown_stage_language_and_options_are_refused(tmp_path):
    with pytest.raises(PipelineError, match="unknown stage 'ocr'"):
        load(write_toml(tmp_path, 'stages = ["layout", "ocr"]'))
    with pytest.raises(PipelineError, match="no language profile"):
        load(write_toml(tmp_path, 'languages = ["xx"]\nstages = ["layout"]'))
    with pytest.raises(PipelineError, match="fixed"):
        load(write_toml(tmp_path, 'stages = ["layout", "normalise", "assemble", "doc_type"]\n'
                                  '[options.doc_type]\nfixed = "poster"'))
    with pytest.raises(FileNotFoundError, match="known: .*bulletin"):
        load("no-such-pipeline")


def test_a_broken_file_names_itself_and_what_is_wrong(tmp_path):
    with pytest.raises(PipelineError, match=r"p\.toml: .*at end of document"):
        load(write_toml(tmp_path, 'stages = ['))
    with pytest.raises(PipelineError, match=r"p\.toml: stages: Field required; stage: Extra inputs"):
        load(write_toml(tmp_path, 'stage = ["layout"]'))
    utf16 = tmp_path / "utf16.toml"
    utf16.write_text('stages = ["layout"]\n', encoding="utf-16")
    with pytest.raises(PipelineError, match=r"utf16\.toml: .*codec can't decode"):
        load(str(utf16))
    with pytest.raises(PipelineError, match=r"languages: .*at least 1 item"):
        load(write_toml(tmp_path, 'languages = []\nstages = ["layout"]'))
    with pytest.raises(PipelineError, match=r"\[options\.layout\] bogus: Extra inputs are not permitted"):
        load(write_toml(tmp_path, 'stages = ["layout"]\n[options.layout]\nbogus = 1'))


def test_the_stage_check_can_be_left_to_the_caller(tmp_path):
    """`runner.run_folder` defers it, so a re-run with nothing to parse imports no stage."""
    config = load(write_toml(tmp_path, 'stages = ["layout", "structure"]'), check=False)
    assert config.stages == ("layout", "structure")
    with pytest.raises(PipelineError, match=r"p\.toml: stage 'structure' reads .*'text'"):
        config.check()
