"""What a worker builds before its first document, built once per run before the workers fork.

The stages build their language data on first use: the gazetteer (0.9 s with its spaCy stop
words), a region matcher per language (0.15-0.3 s each), the langdetect profiles, the date
grammars. Each worker used to build them all again on its first documents (3.5 s on the
bench corpus's six languages). The worker pool's fork server imports this module first
(`workers.Pool`): its import builds all of it for the pipeline named in WARM_ENV, once, and
every worker forked from the server starts with it already there (copy-on-write). All but
what is per language and cheap to build: a language's spaCy tokenizer and its date grammar,
which a worker builds when it first reads that language (see `warm`).

Nothing here changes what a stage computes: it calls each library's own public function on
a few words, which fills that function's cache as a first document would.
"""

from __future__ import annotations

import gc
import logging
import os
import time

WARM_ENV = "INTRA_EXTRACT_WARM_PIPELINE"  # the pipeline whose data the fork server builds
# Enough letters of a plain English sentence for the document-level detection to run.
_SAMPLE = "The regional development agency published its annual report on the programme in March 2024."

log = logging.getLogger(__name__)
SECONDS = 0.0  # what warm() took in this process (a worker forked from the server inherits it)


def warm(pipeline: str) -> float:
    """Import every stage of `pipeline` and build the language data of its languages.
    Returns the seconds it took; a failure is logged, never raised (the stages then build
    what they need on first use, as without this)."""
    t0 = time.perf_counter()  # (the imports count: they are part of what the server does first)
    from .pipeline import load

    try:
        config = load(pipeline)  # imports every stage (its check)
        from .backends import pdfium  # noqa: F401  (and the modules the first PDF needs)
        from .layout import pdf  # noqa: F401
        prepare_languages(tuple(config.languages))
    except Exception as exc:  # a bad pipeline file: the run reports it, not the fork server
        log.debug("no warm-up for %s: %s", pipeline, exc)
    return time.perf_counter() - t0


def prepare_languages(languages: tuple[str, ...]) -> None:
    """The language data of `languages` a first document would build, read from the on-disk
    cache where it is there: langdetect's profiles (all, and the pipeline's), the gazetteer
    and the matchers (and spaCy's import). Not built here: a language's spaCy tokenizer and
    date grammar (0.04-0.1 s each), which a worker builds when it first reads a text of that
    language; six of them would hold back every worker's start by 0.5 s, for languages a run
    may never read."""
    from . import language, regions

    language.languages_of([_SAMPLE], languages)
    regions.prepare(languages)


if os.environ.get(WARM_ENV):  # imported by the fork server (see the module's docstring)
    SECONDS = warm(os.environ[WARM_ENV])
    gc.collect()
    gc.freeze()  # out of the collector's sight: the workers' collections never touch (copy) it
