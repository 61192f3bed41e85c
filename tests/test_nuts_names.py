"""data/nuts_names.toml: names of every NUTS 1 and 2 region of the six countries in the six
languages (issue #15, item 5). The codes come from the package's own NUTS table, so a region
missing from the file, or a code that is not a NUTS 1/2 region there, fails here."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from intra_extract.gazetteer import LANGUAGES, OTHER_LANGUAGES, fold, load_aliases, load_gazetteer

NAMES_PATH = Path(__file__).parent.parent / "intra_extract" / "data" / "nuts_names.toml"
COUNTRIES = {"BG", "SI", "ES", "PT", "IT", "GB"}
INTRA = {"SI03", "BG33", "ES43", "PT15", "ITF1", "UKG"}
LEVELS = {"nuts1": 1, "nuts2": 2}

# Bare forms that are common words, or a city's (or a person's) name rather than the region's:
# the file gives only qualified forms for these regions.
DENIED = {
    fold(w)
    for w in (
        "Centro", "Centre", "Center", "Norte", "Nord", "Sud", "Sur", "Sul", "Este", "Est",
        "Leste", "Ovest", "Oeste", "Noroeste", "Noreste", "Nordeste", "Nord-Est", "Nord-Ovest",
        "Isole", "Islas", "Ilhas", "Continente", "Mainland",
        "Valencia", "València", "Murcia", "Múrcia", "Madrid", "Lisboa", "Lisbon", "Lisbona",
        "Trento", "Bolzano", "Bozen", "Aosta", "Manchester", "Bristol", "Durham",
        "Rioja", "Lucania", "Mezzogiorno",
        "Североизточен", "Северозападен", "Югоизточен", "Югозападен",
        "Северен централен", "Южен централен",
    )
}
# Exonyms that are a common word in their own language only (Italian "Madera" is Madeira).
DENIED_IN = {
    "es": {fold("Madera"), fold("Marcas")},  # wood; brands
    "pt": {fold("Marcas")},
    "sl": {fold("Kampanija"), fold("Marke")},  # campaign; stamps
    "bg": {fold("Кампания")},  # campaign
}
_WORD = re.compile(r"\w+")
# A form with one of these nouns is qualified, even if its other words are common:
# "Северозападен район" is the planning region's own name, "Região Centro" a region's.
REGION_NOUNS = {fold(w) for w in ("район", "регион", "region", "región", "região", "regione", "regija")}


@pytest.fixture(scope="module")
def regions() -> list[dict]:
    with open(NAMES_PATH, "rb") as f:
        return tomllib.load(f)["region"]


@pytest.fixture(scope="module")
def expected() -> dict[str, tuple[int, str]]:
    """code -> (level, country) of every NUTS 1 and 2 region of the six countries."""
    places = load_gazetteer().places.values()
    return {
        p.nuts_code: (LEVELS[p.level], p.country)
        for p in places
        if p.country in COUNTRIES and p.level in LEVELS
    }


def _forms(region: dict):
    for lang in LANGUAGES:
        for form in region.get(lang, []):
            yield lang, form


def test_every_region_exactly_once(regions, expected):
    counts = Counter(r["nuts_code"] for r in regions)
    assert not [c for c, n in counts.items() if n > 1], "a code appears twice"
    assert sorted(set(expected) - set(counts)) == [], "regions missing from the file"
    assert sorted(set(counts) - set(expected)) == [], "codes that are not NUTS 1/2 regions of the six"
    # The scope the issue names, so a change in the table cannot shrink it silently.
    assert len(expected) == 8 + 2 + 26 + 10 + 26 + 53
    for r in regions:
        assert (r["level"], r["country"]) == expected[r["nuts_code"]], r["nuts_code"]


def test_every_region_has_a_name_and_a_source(regions):
    for r in regions:
        assert r["name"].strip() and r["source"].strip(), r["nuts_code"]
        assert r["name"] in r["en"], f"{r['nuts_code']}: the canonical name is one of the English forms"
        assert isinstance(r.get("note", ""), str)


def test_every_language_has_forms(regions):
    for r in regions:
        for lang in LANGUAGES:
            forms = r.get(lang)
            assert isinstance(forms, list) and forms, f"{r['nuts_code']} has no {lang} name"
            assert all(isinstance(f, str) and f for f in forms), (r["nuts_code"], lang)
        # Languages outside the six: the INTRA regions' names only (see the file's header).
        assert set(r) <= {"nuts_code", "level", "country", "name", "source", "note", *LANGUAGES, *OTHER_LANGUAGES}
        for lang in set(r) & set(OTHER_LANGUAGES):
            assert r["nuts_code"] in INTRA and all(isinstance(f, str) and f for f in r[lang]), (r["nuts_code"], lang)


def test_forms_are_clean_and_unique(regions):
    for r in regions:
        for lang in LANGUAGES:
            forms = r[lang]
            for form in forms:
                where = (r["nuts_code"], lang, form)
                assert form == form.strip() and "  " not in form, where
                assert unicodedata.normalize("NFC", form) == form, where
                assert "\u2019" not in form, f"{where}: plain apostrophes only"
            folded = [f.casefold() for f in forms]
            assert len(folded) == len(set(folded)), (r["nuts_code"], lang, "duplicate form")


def test_scripts(regions):
    """Bulgarian forms are in Cyrillic, the other languages' in Latin letters."""
    for r in regions:
        for lang, form in _forms(r):
            scripts = {unicodedata.name(c).split()[0] for c in form if c.isalpha()}
            assert scripts == ({"CYRILLIC"} if lang == "bg" else {"LATIN"}), (r["nuts_code"], lang, form)


def test_no_bare_common_word_or_city(regions):
    common = {fold(w) for w in load_aliases()["common_words"]}
    for r in regions:
        for lang, form in _forms(r):
            where = (r["nuts_code"], lang, form)
            assert fold(form) not in DENIED | DENIED_IN.get(lang, set()), where
            words = _WORD.findall(fold(form))
            if not REGION_NOUNS.intersection(words):
                assert not all(w in common for w in words), f"{where}: only common words"


def test_a_form_names_one_region_or_its_parent(regions):
    """The same form for two regions would be a coin toss for the matcher, unless one holds
    the other (a NUTS 1 region and its only NUTS 2 region: ES30, PT20, UKN0; "West Midlands"
    UKG and UKG3), where the matcher prefers the broader."""
    seen: dict[str, str] = {}
    for r in regions:
        code = r["nuts_code"]
        for _, form in _forms(r):
            other = seen.setdefault(fold(form), code)
            assert code.startswith(other) or other.startswith(code), (form, other, code)
