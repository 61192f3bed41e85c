from __future__ import annotations

from intra_extract.stages.links import find_links, normalise_url


def urls(text):
    return [(text[s:e], u) for s, e, u in find_links(text)]


def test_with_and_without_scheme_normalised():
    text = ("Виж (www.InterregEurope.eu/intra). Повече на http://www.interregeurope.eu/intra/ "
            "и на https://example.org/a?b=1#c, или interregeurope.eu/intra/news.")
    assert urls(text) == [
        ("www.InterregEurope.eu/intra", "http://www.interregeurope.eu/intra"),
        ("http://www.interregeurope.eu/intra/", "http://www.interregeurope.eu/intra"),
        ("https://example.org/a?b=1#c", "https://example.org/a?b=1#c"),
        ("interregeurope.eu/intra/news", "http://interregeurope.eu/intra/news"),
    ]


def test_no_links_from_ordinary_text():
    assert urls("e.g. the figures (3.5 million, v1.2) and an e-mail info@example.eu; Sv. Nikola") == []


def test_brackets_inside_a_url_stay():
    assert normalise_url("en.wikipedia.org/wiki/Abruzzo_(region)") == "http://en.wikipedia.org/wiki/Abruzzo_(region)"
    assert urls("(see https://en.wikipedia.org/wiki/Abruzzo_(region))")[0][0] == "https://en.wikipedia.org/wiki/Abruzzo_(region)"
