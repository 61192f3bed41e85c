"""Work that grows with the text, not with its square: counted in Python line events, not timed.

`bench/linear.py` times every stage on doubled inputs; here the date grammar's Python work is
counted (every line it executes), which a busy machine cannot blur.
"""

from __future__ import annotations

import sys

import pytest

from intra_extract import dates_grammar
from intra_extract.dates_grammar import LANGUAGES, REACH, find_dates, grammar


def dated_lines(n: int) -> str:
    return "".join(f"Meeting {i} on 12 March 2019 in the hall, from April to June 2020.\n" for i in range(n))


def lines_run(fn, *args) -> int:
    """Line events executed inside dates_grammar while `fn(*args)` runs."""
    count = 0
    module_file = dates_grammar.__file__

    def tracer(frame, event, arg):
        nonlocal count
        if frame.f_code.co_filename != module_file:
            return None
        count += event == "line"
        return tracer

    sys.settrace(tracer)
    try:
        fn(*args)
    finally:
        sys.settrace(None)
    return count


def test_dates_work_doubles_when_the_text_doubles():
    grammar("en")  # compiled once, outside the count
    small = lines_run(find_dates, dated_lines(400), "en")
    large = lines_run(find_dates, dated_lines(800), "en")
    assert len(find_dates(dated_lines(800), "en")) == 1600
    assert large / small < 2.3, (small, large)


@pytest.mark.parametrize("language", LANGUAGES + ("und",))
def test_every_pattern_reads_no_farther_than_its_reach(language):
    """The windows `_search` cuts are exact only if REACH covers each pattern's longest match
    and lookahead (at most a few characters in our patterns: 8 covers them)."""
    parser = pytest.importorskip("re._parser")
    for kind, pattern, reach in grammar(language).patterns:
        width = parser.parse(pattern.pattern, pattern.flags).getwidth()[1]
        assert width + 8 <= reach == REACH[kind], (kind, width)


def test_date_grammar_does_not_walk_private_regex_internals():
    import inspect

    assert "_parser" not in inspect.getsource(dates_grammar)
