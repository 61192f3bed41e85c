"""The fork server builds the pipeline's language data before the workers fork (warmup.py):
every stage imported, and the caches a first document would fill, filled."""

from __future__ import annotations

import logging
import subprocess
import sys

from intra_extract import workers
from intra_extract.runner import RunOptions


def test_warm_builds_what_a_first_document_would():
    code = (
        "import sys\n"
        "from intra_extract import warmup, regions, dates_grammar, language\n"
        "assert not regions._MATCHERS\n"
        "seconds = warmup.warm('bulletin')\n"
        "assert seconds > 0\n"
        "assert sorted(regions._MATCHERS) == ['bg', 'en', 'es', 'it', 'pt', 'sl'], regions._MATCHERS\n"
        "assert 'spacy' in sys.modules\n"
        # a language's tokenizer and date grammar: built where that language is first read
        "assert all(m._nlp is None for m in regions._MATCHERS.values())\n"
        "assert dates_grammar.grammar.cache_info().currsize == 0\n"
        "assert [m.start for m in regions.find_regions('Partners met in Varna.', 'en')] == [16]\n"
        "assert regions._MATCHERS['en']._nlp is not None and regions._MATCHERS['bg']._nlp is None\n"
        "assert language._detector.cache_info().currsize >= 1\n"
        "assert 'intra_extract.stages.regions' in sys.modules and 'intra_extract.layout.pdf' in sys.modules\n"
    )
    # (the first fills the on-disk cache, if the tests' own cache is still empty; the second
    # reads it, as a run's fork server does)
    subprocess.run([sys.executable, "-c", "from intra_extract import warmup; warmup.warm('bulletin')"], check=True)
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_bad_pipeline_leaves_the_warm_up_to_the_stages():
    from intra_extract import warmup

    assert warmup.warm("no-such-pipeline") >= 0  # logged, never raised: the run reports the pipeline


def test_workers_say_when_they_are_ready(tmp_path, caplog):
    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"note-{i}.txt").write_text(f"Note {i} of the agency in Maribor, 12 March 2024.\n" * 3)
    from intra_extract.runner import run_folder

    logger = logging.getLogger(workers.__name__)
    logger.addHandler(caplog.handler)  # (the package's logger may not propagate: logs.configure)
    try:
        with caplog.at_level(logging.INFO, logger=workers.__name__):
            run_folder(tmp_path / "in", RunOptions(out=tmp_path / "out", workers=2))
    finally:
        logger.removeHandler(caplog.handler)
    ready = {r.getMessage() for r in caplog.records if " ready " in r.getMessage()}  # (once or twice each)
    assert len(ready) == 2, ready
    assert all("fork server's warm-up" in line for line in ready)


def test_the_fork_server_starts_as_soon_as_the_run_knows_it_will_parse(tmp_path, monkeypatch):
    """At once on a first run (every file is parsed), at the first changed file on a re-run,
    never on a re-run with nothing to parse: its warm-up overlaps the checks and the hashing."""
    from intra_extract import runner

    started: list[str] = []
    monkeypatch.setattr(runner, "start_early", started.append)
    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"note-{i}.txt").write_text(f"Note {i} of the agency in Maribor, 12 March 2024.\n" * 3)
    options = RunOptions(out=tmp_path / "out", workers=1)
    runner.run_folder(tmp_path / "in", options)
    assert len(started) == 1 and started[0].endswith("bulletin.toml")
    runner.run_folder(tmp_path / "in", options)
    assert len(started) == 1  # nothing to parse: no server
    (tmp_path / "in" / "note-1.txt").write_text("Another note of the agency in Varna, 3 May 2024.\n" * 3)
    runner.run_folder(tmp_path / "in", options)
    assert len(started) == 2
    from intra_extract import warmup

    warmed: list[tuple[str, ...]] = []
    monkeypatch.setattr(warmup, "prepare_languages", warmed.append)
    runner.run_folder(tmp_path / "in", RunOptions(out=tmp_path / "out2", workers=0))
    assert len(started) == 2  # no workers, no server
    assert warmed == [("bg", "sl", "es", "pt", "it", "en")]  # the cached language data, in this process
