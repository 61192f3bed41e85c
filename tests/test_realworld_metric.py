"""bench/realworld.py's reading-order measure: what it counts as found and in order."""

import importlib.util
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location("realworld", Path(__file__).parent.parent / "bench" / "realworld.py")
assert _spec and _spec.loader
realworld = importlib.util.module_from_spec(_spec)
sys.modules["realworld"] = realworld  # its dataclasses look their module up
_spec.loader.exec_module(realworld)

SAME = "The harbour master counts the boats that come in before the tide turns."
OTHER = "Every lantern on the quay is lit by hand when the evening bell has rung."


def test_a_repeated_paragraph_is_not_pinned_to_its_first_copy():
    # The ground truth and the text agree exactly: A B A B is all in order.
    assert realworld.reading_order([SAME, OTHER, SAME, OTHER], "\n\n".join([SAME, OTHER, SAME, OTHER])) == (1.0, 1.0, 4)


def test_a_paragraph_the_text_has_once_is_found_once():
    found, in_order, counted = realworld.reading_order([SAME, SAME, OTHER], f"{SAME}\n\n{OTHER}")
    assert (round(found, 3), in_order, counted) == (0.667, 1.0, 3)


def test_paragraphs_out_of_order_are_counted():
    found, in_order, _ = realworld.reading_order([SAME, OTHER], f"{OTHER}\n\n{SAME}")
    assert (found, in_order) == (1.0, 0.5)


def test_a_paragraph_broken_by_an_insertion_is_found_fuzzily_but_not_a_different_one():
    broken = SAME[:40] + " Figure 3: a chart. " + SAME[40:]
    assert realworld.reading_order([SAME], broken)[0] == 1.0
    different = SAME[:30] + " and nothing else of it is here, only other words that differ."
    assert realworld.reading_order([SAME], different)[0] == 0.0


def test_markup_of_another_tool_does_not_count_against_its_words():
    text = realworld.unmarked("## **Harbour** notes\n\n|a|b<br>c|\n|---|---|\n![x](y.png) x&gt;y<sup>2</sup>")
    assert realworld.nfkc_words(text) == ["Harbour", "notes", "a", "b", "c", "x>y", "2"]


def test_matching_follows_an_augmenting_path_longer_than_the_recursion_limit():
    """Paragraph i may take place i or i+1; the last one only place 0, which sets every other
    paragraph moving one place on: a path of 5,000 steps, each paragraph a place of its own."""
    _matched = realworld._matched
    n = 5000
    candidates = [[i, i + 1] for i in range(n - 1)] + [[0]]
    assert _matched(candidates) == n
    assert _matched([[0], [0], [1]]) == 2  # two paragraphs, one place: one of them found
