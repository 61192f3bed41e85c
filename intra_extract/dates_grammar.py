"""A small date grammar for bg, sl, es, pt, it and en: dates, periods, halves, quarters.

`find_dates(text, language)` returns every date expression of `text` as a `DateMatch`
(character span, first and last day, granularity), sorted by start, one match per
expression: a list or range of days (`11 и 12 декември 2018 г.`), a range of dates
(`01.04.2016 – 31.03.2019`, `from April 2019 to March 2021`) or a programming period
(`2014-2020`) is ONE match.

How it works
------------
1. Lexicon. Month names come from CLDR through babel: wide and abbreviated, `format`
   and `stand-alone`, for every regional locale of the language written in its default
   script (so `es` also knows Peruvian `setiembre`, `en` knows British `Sept`). CLDR
   lacks inflected forms that real text uses; `_MONTH_SUPPLEMENT` below adds them, generated
   where a rule exists (Slovenian genitive, dative/locative and instrumental from the CLDR
   nominative: `december` -> `decembra`, `decembru`, `decembrom`; every Latin-script name
   again without diacritics: `março` -> `marco`), hand-listed where none does (a few
   Bulgarian and Italian abbreviations CLDR does not use: `ян.`, `септ.`, `sett.`).
   Function words (from/to/and, articles, ordinals, "half", "quarter", year prepositions) are in
   `_WORDS`, per language.
2. Atoms. Regular expressions built from the lexicon (compiled once per language, cached)
   find complete expressions: numeric dates (day first, never month first:
   `01.04.2016` is 1 April; ISO `2018-12-11`), a day or a list/range of days with month
   and year (`11. in 12. decembra 2018`, `December 11-12, 2018`), day-month ranges
   sharing a year (`30 November – 2 December 2018`), month and year (`marzo de 2019`),
   month ranges sharing a year (`April – June 2019`), halves and quarters
   (`първата половина на 2019 г.`, `Q3 2019`), year ranges (`2021 - 2027 г.`) and years.
3. Ranges. Two complete atoms joined by a dash or a "to" word (`до`, `do`, `al`, `a`,
   `até`, `fino al`, ...), optionally opened by the matching "from" word (`от`, `od`,
   `del`, `de`, `da`, `from`; `between ... and`), become one range; its granularity is
   the coarser of the two ends.
4. Overlaps: longest candidate first (then leftmost); output sorted by start.

The year rule (bare numbers)
----------------------------
A 4-digit number is only ever a year when 1900 <= n <= 2100 and it is not part of a
longer number (`2 000 000`, `2019,5`, `1.2019`) nor followed by a percent sign, currency
or unit. Such a bare number counts as a year only when its context says so:
  * a year word follows it (`2019 г.`, `2019 година`), or precedes it (`year`, `leta`,
    `año`, `ano`, `anno`, `година`), or
  * a temporal preposition of the text's language precedes it (`in`, `since`, `during`,
    `until`, `през`, `от`, `до`, `v`, `od`, `do`, `en`, `desde`, `hasta`, `em`, `até`,
    `nel`, `dal`, `entro il`, ... see `_WORDS[...]["year_before"]`), or
  * it follows an accepted year in a list (`in 2018, 2019 and 2020`), or
  * it is an end of a year range: `2014-2020` and `2021 - 2027 г.` need no other context
    (two years joined by a dash, the second larger, at most 50 years apart); a range with
    words (`2019 to 2021`) needs the "from" word or a year word.
So `41 events`, `83 от тях`, `45%`, `2 000 000 EUR`, `1,500`, `12.` item numbers and page
numbers never make dates; neither does `2000 EUR`, but `in 2000 companies` would (a known
limit of a rule without part-of-speech tags). Context words are the text language's only,
English prepositions are not applied to other languages (Slovenian `in` is "and").

Not covered, on purpose: dates without a year (`11 December`), two-digit years
(`11.12.18`), month-first numeric dates, `2019/2020`, `MM/YYYY`, seasons.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .folding import strip_marks
from .language import LANGUAGES

GRANULARITY_RANK = {"day": 0, "month": 1, "quarter": 2, "half": 3, "year": 4}


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int  # offset in the text, end exclusive
    end: int
    start_date: date
    end_date: date
    granularity: str  # day | month | quarter | half | year
    # A numeric date whose day and month could be swapped ("09/04/2015") where the document
    # shows neither order: read in the order the document's language and country suggest.
    ambiguous: bool = False


# --------------------------------------------------------------------------- lexicon

# Month forms CLDR does not have (keys: language; values: form -> month, "." allowed after).
# Slovenian case forms and diacritic-free variants are generated, see `month_forms`.
_MONTH_SUPPLEMENT: dict[str, dict[str, int]] = {
    # Bulgarian print abbreviations (CLDR has яну, фев, сеп, ное only): `ян. 2019`, `септ. 2019`.
    "bg": {"ян": 1, "февр": 2, "септ": 9, "ноем": 11},
    "sl": {"sept": 9},
    "es": {"set": 9},
    "it": {"sett": 9},
    "pt": {"fev": 2},
    "en": {"sept": 9},
}

# Function words per language. Multi-word entries use one space; apostrophes match ' and ’.
_WORDS: dict[str, dict[str, list[str]]] = {
    "en": {
        "article": ["the"],
        "and": ["and", "&"],
        "to": ["to", "until", "till", "through", "thru"],
        "from": ["from"],
        "between": ["between"],
        "day_month": ["of", "of the"],
        "month_year": ["of"],
        "year_after": [],
        "year_nouns": ["year", "the year", "years"],
        "year_before": ["spring", "summer", "autumn", "fall", "winter", "spring of", "summer of", "autumn of", "fall of", "winter of", "in", "since", "during", "until", "till", "before", "after", "from", "to",
                        "early", "late", "mid", "mid-", "end of", "beginning of", "start of",
                        "in early", "in late", "by the end of", "throughout", "for"],
        "period_link": ["of", "the", "year"],
        "half": ["half"],
        "quarter": ["quarter"],
        "ord1": ["first", "1st"], "ord2": ["second", "2nd"], "ord3": ["third", "3rd"], "ord4": ["fourth", "4th"],
    },
    "bg": {
        "article": [],
        "and": ["и"],
        "to": ["до"],
        "from": ["от"],
        "between": ["между"],
        "day_month": [],
        "month_year": [],
        "year_after": ["г.", "г", "год.", "година", "годината"],
        "year_nouns": ["година", "годината"],
        "year_before": ["есента на", "пролетта на", "лятото на", "зимата на", "през", "в", "във", "от", "до", "след", "преди", "края на", "началото на",
                        "средата на", "по време на"],
        "period_link": ["на", "година", "годината"],
        "half": ["половина", "половината", "полугодие", "полугодието", "шестмесечие", "шестмесечието"],
        "quarter": ["тримесечие", "тримесечието"],
        "ord1": [r"първ\w*"], "ord2": [r"втор\w*"], "ord3": [r"трет\w*"], "ord4": [r"четвърт\w*"],
    },
    "sl": {
        "article": [],
        "and": ["in"],
        "to": ["do"],
        "from": ["od"],
        "between": ["med"],
        "day_month": [],
        "month_year": [],
        "year_after": [],
        "year_nouns": ["leto", "leta", "letu", "letom", "leti", "letih"],
        "year_before": ["jeseni", "spomladi", "poleti", "pozimi", "v", "od", "do", "po", "pred", "med", "konec", "konca", "začetku", "začetek",
                        "sredi", "tekom"],
        "period_link": ["leta", "letu", "l."],
        "half": [r"polovic\w*", r"pollet\w*"],
        "quarter": [r"četrtlet\w*", r"kvartal\w*"],
        "ord1": [r"prv\w*"], "ord2": [r"drug\w*"], "ord3": [r"tretj\w*"], "ord4": [r"četrt(?!let)\w*"],
    },
    "es": {
        "article": ["el"],
        "and": ["y", "e"],
        "to": ["al", "a", "hasta", "hasta el"],
        "from": ["del", "de", "desde", "desde el"],
        "between": ["entre"],
        "day_month": ["de"],
        "month_year": ["de", "del"],
        "year_after": [],
        "year_nouns": ["año", "el año", "del año"],
        "year_before": ["primavera de", "verano de", "otoño de", "invierno de", "en", "desde", "hasta", "durante", "antes de", "después de", "a partir de",
                        "a finales de", "a principios de", "a mediados de", "finales de",
                        "principios de", "mediados de", "a lo largo de", "para"],
        "period_link": ["de", "del", "año", "el"],
        "half": ["mitad", "semestre"],
        "quarter": ["trimestre"],
        "ord1": [r"primer\w*"], "ord2": [r"segund\w*"], "ord3": [r"tercer\w*"], "ord4": [r"cuart\w*"],
    },
    "pt": {
        "article": ["o"],
        "and": ["e"],
        "to": ["a", "até", "ao", "à"],
        "from": ["de", "desde", "do"],
        "between": ["entre"],
        "day_month": ["de"],
        "month_year": ["de", "do"],
        "year_after": [],
        "year_nouns": ["ano", "o ano", "do ano", "ano de"],
        "year_before": ["primavera de", "verão de", "outono de", "inverno de", "em", "desde", "até", "durante", "antes de", "depois de", "após", "a partir de",
                        "no final de", "no início de", "em meados de", "final de", "início de",
                        "meados de", "ao longo de", "fim de", "ao fim de", "até ao fim de", "até ao final de"],
        "period_link": ["de", "do", "ano"],
        "half": ["metade", "semestre"],
        "quarter": ["trimestre"],
        "ord1": [r"primeir\w*"], "ord2": [r"segund\w*"], "ord3": [r"terceir\w*"], "ord4": [r"quart\w*"],
    },
    "it": {
        "article": ["il", "l'", "lo"],
        "and": ["e", "ed"],
        "to": ["al", "a", "fino al", "fino a", "all'"],
        "from": ["dal", "da", "dall'"],
        "between": ["tra", "fra"],
        "day_month": [],
        "month_year": ["del", "di"],
        "year_after": [],
        "year_nouns": ["anno", "l'anno", "nell'anno", "dell'anno", "annualità"],
        "year_before": ["primavera", "estate", "autunno", "inverno", "primavera del", "estate del", "autunno del", "inverno del", "nel", "dal", "entro il", "fino al", "durante il", "nel corso del", "prima del",
                        "dopo il", "a partire dal", "alla fine del", "all'inizio del", "a metà del",
                        "inizio", "fine", "inizio del", "fine del", "metà del", "corso del"],
        "period_link": ["del", "di", "dell'anno", "anno"],
        "half": ["metà", "semestre"],
        "quarter": ["trimestre"],
        "ord1": [r"prim\w*"], "ord2": [r"second\w*"], "ord3": [r"terz\w*"], "ord4": [r"quart\w*"],
    },
    # Two languages outside the pipeline's six, so that a French or German document gets its own
    # words rather than none (or, worse, another language's).
    "fr": {
        "article": ["le", "l'"],
        "and": ["et"],
        "to": ["à", "au", "jusqu'au", "jusqu'à"],
        "from": ["du", "de", "d'", "depuis le", "à partir du"],
        "between": ["entre"],
        "day_month": [],
        "month_year": [],
        "year_after": [],
        "year_nouns": ["année", "l'année", "an"],
        "year_before": ["printemps", "été", "automne", "hiver", "en", "depuis", "jusqu'en", "avant", "après", "dès",
                        "fin", "début", "mi-", "courant", "à partir de", "au cours de"],
        "period_link": ["de", "du", "l'année", "année"],
        "half": ["semestre", "moitié"],
        "quarter": ["trimestre"],
        "ord1": [r"premi\w*", "1er"], "ord2": [r"second\w*", r"deuxi\w*"], "ord3": [r"troisi\w*"],
        "ord4": [r"quatri\w*"],
    },
    "de": {
        "article": ["dem", "den"],
        "and": ["und"],
        "to": ["bis", "bis zum", "bis Ende", "zum"],
        "from": ["vom", "von", "ab", "seit", "ab dem", "seit dem"],
        "between": ["zwischen"],
        "day_month": [],
        "month_year": [],
        "year_after": [],
        "year_nouns": ["Jahr", "Jahre", "Jahres", "im Jahr"],
        "year_before": ["Frühjahr", "Sommer", "Herbst", "Winter", "im", "seit", "bis", "ab", "vor", "nach", "von", "während",
                        "Anfang", "Ende", "Mitte"],
        "period_link": ["des", "im", "Jahres"],
        "half": [r"Halbjahr\w*", r"Hälfte"],
        "quarter": [r"Quartal\w*"],
        "ord1": [r"erst\w*"], "ord2": [r"zweit\w*"], "ord3": [r"dritt\w*"], "ord4": [r"viert\w*"],
    },
}

# Words that make a following number a version, a phone number or a page, never a date.
_NOT_A_DATE_BEFORE = re.compile(
    r"(?i)(?<!\w)(?:versions?|ver\.|v\.|верси[яи]|različic[aie]|versión|versão|versione|"
    r"tel\.?|phone|fax|тел\.?|telefon\w*|teléfono|telefone|p\.|pp\.|pages?|стр\.|str\.|pág\.|"
    r"pag\.|no\.|nr\.|št\.|№)\s*:?\s*\Z"
)
# What after a number makes it an amount: percent, currency, units, a decimal part.
_AMOUNT_AFTER = re.compile(
    r"(?i)\s*(?:[%‰€$£]|(?:eur|euro|euros|евро|лв|лева|bgn|usd|gbp|km|kg|ha|mio|mln|млн|хил)(?!\w))"
    r"|[.,]\d"
)
# Token starts only (the lookbehinds), so a long run without spaces stays linear.
_URL = re.compile(
    r"(?i)(?<!\S)\S*?(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w@.-])[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*"
)
# A blank line separates blocks (see stage `assemble`): no date runs across it.
_BLOCK_BREAK = re.compile(r"\n[^\S\n]*\n")
_DASH_CHARS = "‐‑‒–—―−-"  # hyphen last: literal inside a character class
_DASH = f"[{_DASH_CHARS}]"
_APOS = "['’]"
_YEAR = r"(?:19\d\d|20\d\d|2100)(?!\d)(?![.,]\d)"
_DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
_ORD_SUFFIX = r"(?:(?:st|nd|rd|th|er)(?!\w)|\.º|\s?[º°ª]|-(?:ви|ри|ти|ми|ия)(?!\w))?"




def _sl_cases(nominative: str) -> list[str]:
    """Slovenian masculine month names: genitive, dative/locative, instrumental."""
    stem = nominative
    if stem.endswith("ber"):
        stem = stem[:-3] + "br"  # september -> septembr-a (fleeting e)
    elif stem.endswith("ec"):
        stem = stem[:-2] + "c"  # marec -> marc-a
    elif stem.endswith("ar"):
        stem += "j"  # januar -> januarj-a
    soft = stem[-1] in "cčjšž"
    return [stem + "a", stem + "u", stem + ("em" if soft else "om")]


def month_forms(language: str) -> dict[str, tuple[int, bool]]:
    """Lower-case month form -> (month number, is an abbreviation that may take a dot)."""
    return _cldr_words(language)[0]


@lru_cache(maxsize=None)
def _cldr_words(language: str) -> tuple[dict[str, tuple[int, bool]], dict[str, int]]:
    """A language's month forms and weekday names, read from CLDR (babel) once and then from
    the on-disk cache (`cache.py`): babel's locale data for them fills 20 MiB in every
    worker and takes a tenth of a second to load."""
    from . import cache

    return cache.load_or_build(f"cldr-{language}", lambda: (_month_forms(language), _weekdays_of(language)))


def _month_forms(language: str) -> dict[str, tuple[int, bool]]:
    from babel import Locale
    from babel.dates import get_month_names
    from babel.localedata import locale_identifiers

    forms: dict[str, tuple[int, bool]] = {}

    def add(form: str, month: int, abbr: bool) -> None:
        form = form.lower().rstrip(".")
        if not form:
            return
        old = forms.get(form)
        if old is not None:
            if old[0] != month:
                raise ValueError(f"month form {form!r} is both {old[0]} and {month} in {language}")
            abbr = abbr and old[1]
        forms[form] = (month, abbr)

    locales = [
        ident for ident in locale_identifiers()
        if (ident == language or ident.startswith(language + "_")) and Locale.parse(ident).script is None
    ]
    for ident in sorted(locales):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for month, name in get_month_names(width, context, ident).items():
                    add(name, month, width == "abbreviated")
    if language == "sl":
        for month, name in get_month_names("wide", "format", "sl").items():
            for form in _sl_cases(name.lower()):
                add(form, month, False)
    for form, month in _MONTH_SUPPLEMENT.get(language, {}).items():
        add(form, month, True)
    for form, (month, abbr) in list(forms.items()):
        folded = strip_marks(form)
        if folded != form and folded.isascii():
            add(folded, month, abbr)
    return forms


def _weekday_forms(languages: tuple[str, ...]) -> dict[str, int]:
    """Lower-case weekday names (wide, CLDR) of `languages` -> 0 (Monday) .. 6; a name of two
    languages is the first's."""
    out: dict[str, int] = {}
    for lang in languages:
        for name, day in _cldr_words(lang)[1].items():
            out.setdefault(name, day)
    return out


def _weekdays_of(language: str) -> dict[str, int]:
    from babel.dates import get_day_names

    out: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for day, name in get_day_names("wide", context, language).items():
            out.setdefault(name.lower(), day)
            out.setdefault(strip_marks(name.lower()), day)
    return out


# --------------------------------------------------------------------------- regexes

def _bounded(pattern: str) -> str:
    """Whitespace runs of at most 8 characters, word endings of at most 24 letters: keeps every
    pattern linear on long blanks and words, and its reach (`REACH`) finite."""
    return pattern.replace(r"\s*", r"\s{0,8}").replace(r"\s+", r"\s{1,8}").replace(r"\w*", r"\w{0,24}")


def _word_alt(words: list[str], raw: bool = False) -> str:
    """An alternation of words, longest first; spaces match any whitespace, apostrophes
    both ' and ’. `raw` entries are regular expressions already."""
    parts = []
    for w in sorted(set(words), key=lambda s: (-len(s), s)):
        if raw:
            parts.append(w)
            continue
        p = re.escape(w).replace(r"\ ", r"\s+").replace("'", _APOS)
        parts.append(p)
    return _first_letters(words) + "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def _initials(words) -> str:
    """The characters `words` (or simple regexes) start with, for a character class; "" unless
    each starts with a letter or digit that it must match."""
    if not all(w[:1].isalnum() and w[1:2] not in ("?", "*", "{") and "|" not in w for w in words):
        return ""
    return "".join(sorted({re.escape(w[0]) for w in words}))


def _lead(*initials: str) -> str:
    """A lookahead for a match's first character, one of `initials` (character-class parts):
    it changes no match, and fails fast at the many positions a search tries where none
    starts. Nothing when a part is unknown ("")."""
    return f"(?=[{''.join(initials)}])" if all(initials) else ""


def _first_letters(words) -> str:
    return _lead(_initials(words))


def _after_word() -> str:
    """Whitespace after a word; none needed after an apostrophe (`dall'aprile`)."""
    return r"(?:(?<=['’])\s*|\s+)"


# How far past the position it starts at a match attempt of each kind of pattern can read (its
# longest match plus its farthest lookahead, for every language): a search over a window cut
# that far past the last start it tries sees what the whole text would show. Every pattern is
# bounded (`_bounded`); tests/test_dates.py checks these figures against the compiled patterns.
REACH = {"num": 32, "slash": 32, "numr": 64, "iso": 24, "days": 560, "mdays": 540, "dmdm": 216, "mdmd": 168, "mm": 144,
         "my": 56, "hq": 160, "code": 88, "yy": 108, "year": 24}


@dataclass(frozen=True)
class _Grammar:
    months: dict[str, int]
    to_words: frozenset[str]
    from_words: frozenset[str]
    between_words: frozenset[str]
    patterns: tuple[tuple[str, re.Pattern, int], ...]  # kind, pattern, its REACH
    conn: re.Pattern  # connector between two complete atoms
    from_before: re.Pattern
    year_context: re.Pattern
    year_list_conn: re.Pattern
    yearless: re.Pattern  # day(s) and month, or a month, without a year
    bare_months: frozenset[str]  # month forms that stand alone as a month
    month_context: bool  # a month alone needs a year word before it (English, German)
    weekdays: dict[str, int]  # lower-case weekday name -> 0 (Monday) .. 6
    weekday_before: re.Pattern  # a weekday name right before a day ("jueves 23")


def _norm(word: str) -> str:
    return re.sub(r"\s+", " ", word.lower().replace("’", "'"))


@lru_cache(maxsize=None)
def grammar(language: str) -> _Grammar:
    """The compiled grammar for a language: its words and months, and English months (names
    of English months are everywhere); an undetermined language ('und', '') gets the six; a
    language of which `_WORDS` knows nothing gets its own months (CLDR) and no words: numbers
    and its month names, never another language's words."""
    month_langs: tuple[str, ...]
    word_langs: tuple[str, ...]
    context_langs: tuple[str, ...]
    if language in _WORDS:
        month_langs = (language,) if language == "en" else (language, "en")
        word_langs = month_langs
        context_langs = (language,)
    elif language in ("", "und"):
        month_langs = word_langs = context_langs = LANGUAGES
    else:
        month_langs, word_langs, context_langs = (language,), (), ()

    months: dict[str, tuple[int, bool]] = {}
    for lang in month_langs:
        for form, value in month_forms(lang).items():
            months.setdefault(form, value)  # the text's own language wins a clash

    def words(key: str, langs=word_langs) -> list[str]:
        return [w for lang in langs for w in _WORDS[lang][key]]


    month_alts = []
    for form in sorted(months, key=lambda s: (-len(s), s)):
        alt = re.escape(form) + r"(?!\w)"
        if months[form][1]:
            alt += r"\.?"
        month_alts.append(alt)
    MONTH = _first_letters(months) + "(?:" + "|".join(month_alts) + ")"

    AND = _word_alt(words("and"))
    TO = _word_alt(words("to"))
    FROM = _word_alt(words("from") + words("between"))
    AW = _after_word()
    year_after = words("year_after", context_langs)
    YSUF = "(?:" + r"\s?(?:" + "|".join(
        re.escape(w) + ("" if w.endswith(".") else r"(?!\w)") for w in sorted(year_after, key=len, reverse=True)
    ) + "))?" if year_after else ""
    DM = words("day_month")
    DMLINK = (r"(?:" + _word_alt(DM) + r"\s+)?") if DM else ""
    MY = words("month_year")
    MYSEP = r"(?:\s*,\s*|\s+" + _word_alt(MY) + r"\s+|\s+)" if MY else r"(?:\s*,\s*|\s+)"

    def day(n: str) -> str:
        return rf"(?P<{n}>{_DAYNUM}){_ORD_SUFFIX}"

    def month(n: str) -> str:
        return rf"(?<!\w)(?P<{n}>{MONTH})"

    def year(n: str) -> str:
        return rf"(?P<{n}>{_YEAR})(?P<{n}s>{YSUF})" if YSUF else rf"(?P<{n}>{_YEAR})"

    ARTICLE = rf"(?:{_word_alt(words('article'))}{AW})?"  # `l'11 e il 12`, `tra il 2019 e il 2021`
    from_opt = rf"(?:(?<!\w)(?P<from>{FROM}){AW}{ARTICLE})?(?P<body>)"
    # What an expression that may open with a "from" word starts with: that word or `then`.
    # A necessary condition (matches are unchanged) that a search tests fast at every position.
    from_initials = _initials(words("from") + words("between"))

    def opened(then: str) -> str:
        return _lead(from_initials, then)

    DIGIT, MONTH1 = "0-9", _initials(months)
    day_sep = r"(?:\.\s*|\s+)"  # after a day: `11. decembra`, `11 декември`
    list_conn = rf"(?:\.?\s*,\s*(?:{AND}\s+)?|\.?\s*{_DASH}\s*|\.?\s+(?:{AND}|{TO}){AW}{ARTICLE})"
    # at most 10 days: an unbounded list makes a long run of numbers quadratic
    day_list = rf"(?P<days>{_DAYNUM}{_ORD_SUFFIX}(?:{list_conn}{_DAYNUM}{_ORD_SUFFIX}){{0,9}})"
    rconn = rf"(?:\s*{_DASH}\s*|\s+(?P<cw>{TO}|{AND}){AW}{ARTICLE})"
    day_start = r"(?<![\w.,/])(?<!\d[-–])"

    half_nouns = _word_alt(words("half"), raw=True)
    quarter_nouns = _word_alt(words("quarter"), raw=True)
    ords = "|".join(
        rf"(?P<o{i}>{_word_alt(words(f'ord{i}'), raw=True)})(?!\w)" for i in range(1, 5)
    )
    ord_num = r"(?:(?P<on>[1-4])|(?P<orm>IV|I{1,3}))(?:\.?[º°ª]|\.|st|nd|rd|th|-?[а-я]{1,3})?"
    ord_initials = _initials([w for i in range(1, 5) for w in words(f"ord{i}")])
    hq_lead = _lead(ord_initials, "1-4I")  # an ordinal word, or ord_num
    plink = _word_alt(words("period_link") + words("month_year"))
    period_link = rf"(?:\s+{plink}(?<=\w)(?!\w)|\s+{plink}(?<=['’])){{0,3}}"
    code_link = rf"(?:\s*[/{_DASH_CHARS}]\s*|\s+(?:{plink}\s+){{0,3}}|)"

    pats = [
        # numeric, day first
        ("num", rf"(?<![\w.,/])(?P<d>{_DAYNUM})\.\s?(?P<m>1[0-2]|0?[1-9])\.\s?(?P<y>{_YEAR})(?P<ys>{YSUF})"),
        # with slashes, day or month first (decided per document, `slash_order`)
        ("slash", rf"(?<![\w.,/])(?P<a>{_DAYNUM})/(?P<b>{_DAYNUM})/(?P<y>{_YEAR})(?P<ys>{YSUF})"),
        # numeric ranges of days: 26-27/09/2018, 26.–27.09.2018, 05.02. – 16.03.2018
        ("numr", rf"(?<![\w.,/])(?P<d1>{_DAYNUM})\.?\s*{_DASH}\s*(?P<d>{_DAYNUM})(?P<sep>[./])(?P<m>1[0-2]|0?[1-9])"
                 rf"(?P=sep)\s?(?P<y>{_YEAR})(?P<ys>{YSUF})"),
        ("numr", rf"(?<![\w.,/])(?P<d1>{_DAYNUM})\.\s?(?P<m1>1[0-2]|0?[1-9])\.\s*{_DASH}\s*(?P<d>{_DAYNUM})\.\s?"
                 rf"(?P<m>1[0-2]|0?[1-9])\.\s?(?P<y>{_YEAR})(?P<ys>{YSUF})"),
        # with a "to" word: 15. do 17. 5. 2017
        ("numr", rf"(?<![\w.,/])(?P<d1>{_DAYNUM})\.?\s+{TO}\s+(?P<d>{_DAYNUM})\.\s?(?P<m>1[0-2]|0?[1-9])\.\s?"
                 rf"(?P<y>{_YEAR})(?P<ys>{YSUF})"),
        ("num", rf"{day_start}(?P<d>{_DAYNUM})-(?P<m>1[0-2]|0?[1-9])-(?P<y>{_YEAR})(?P<ys>{YSUF})"),
        ("iso", rf"(?<![\w.,/-])(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
        # day(s) month year: 11 декември 2018 г., 11 и 12 декември, 14-15 March 2019, 11 de diciembre de 2018
        ("days", rf"{day_start}{opened(DIGIT)}{from_opt}{day_list}{day_sep}{DMLINK}{month('m')}{MYSEP}{year('y')}"),
        # month day(s), year: December 11, 2018; March 14-15, 2019
        ("mdays", rf"(?<!\w){opened(MONTH1)}{from_opt}{month('m')}\s+{day_list}(?:\s*,\s*|\s+){year('y')}"),
        # day month – day month year: 30 November – 2 December 2018
        ("dmdm", rf"{day_start}{opened(DIGIT)}{from_opt}{day('d1')}{day_sep}{DMLINK}{month('m1')}{rconn}"
                 rf"{day('d2')}{day_sep}{DMLINK}{month('m2')}{MYSEP}{year('y')}"),
        # month day – month day, year: November 30 – December 2, 2018
        ("mdmd", rf"(?<!\w){opened(MONTH1)}{from_opt}{month('m1')}\s+{day('d1')}{rconn}{month('m2')}\s+{day('d2')}"
                 rf"(?:\s*,\s*|\s+){year('y')}"),
        # month – month year: April – June 2019, od aprila do junija 2019
        ("mm", rf"(?<!\w){opened(MONTH1)}{from_opt}{month('m1')}{rconn}{month('m2')}{MYSEP}{year('y')}"),
        # month year: декември 2018 г., decembra 2018, marzo de 2019
        ("my", rf"{month('m')}{MYSEP}{year('y')}"),
        # halves and quarters in words: first half of 2019, трето тримесечие на 2019 г.
        ("hq", rf"(?<!\w){hq_lead}(?:{ords}|{ord_num})\s+(?:(?P<nh>{half_nouns})|(?P<nq>{quarter_nouns}))(?!\w)"
               rf"{period_link}\s*{year('y')}"),
        # codes: Q3 2019, H1 2019, 2019-Q3
        ("code", rf"(?<!\w)(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q|H(?P<h>[12])|(?P<h2>[12])H){code_link}{year('y')}"),
        ("code", rf"(?<![\w.,/])(?P<y>{_YEAR})\s*[/{_DASH_CHARS}]?\s*(?:Q(?P<q>[1-4])|H(?P<h>[12]))(?!\w)"),
        # year ranges: 2014-2020, 2021 - 2027 г., from 2019 to 2021
        ("yy", rf"(?<![\w.,/])(?<!\d[-–]){opened(DIGIT)}{from_opt}(?P<y1>{_YEAR})(?:{rconn}|\s?/\s?){year('y2')}"
               rf"(?![-–—/]\d)"),
        # a year (context checked in code)
        ("year", rf"(?<![\w.,/])(?<!\d[-–]){year('y')}(?!\s?/\s?\d)(?![^\W\d_])"),
    ]
    flags = re.IGNORECASE
    compiled = [(kind, re.compile(_bounded(p), flags)) for kind, p in pats]
    patterns = tuple((kind, c, REACH[kind]) for kind, c in compiled)

    ctx_words = words("year_before", context_langs) + words("year_nouns", context_langs)
    year_context = re.compile(
        r"(?i)(?<!\w)" + _word_alt(ctx_words) + r"(?:(?<=[-'’])|[^\S\n]+|[^\S\n]*\n[^\S\n]*)\Z"
    )
    # A month alone is a date only in full, as spelt (not an abbreviation, not "marco", the
    # diacritic-free "março", a word of its own); in English ("May", "march") and German
    # only after a year word ("in September", "ab September").
    bare_months = frozenset(
        f for f, (_, abbr) in months.items()
        if not abbr and not any(k != f and strip_marks(k) == f for k in months)
    )
    yearless = re.compile(_bounded(rf"(?:{day_start}{day_list}{day_sep}{DMLINK})?{month('m')}"), flags)
    weekdays = _weekday_forms(month_langs)
    weekday_before = re.compile(
        r"(?i)(?<!\w)(?P<w>" + "|".join(re.escape(w) for w in sorted(weekdays, key=len, reverse=True))
        + r")\.?,?[^\S\n]+(?:the[^\S\n]+)?\Z")
    return _Grammar(
        yearless=yearless,
        bare_months=bare_months,
        month_context=language in ("en", "de"),
        weekdays=weekdays,
        weekday_before=weekday_before,
        months={k: v[0] for k, v in months.items()},
        to_words=frozenset(_norm(w) for w in words("to")),
        from_words=frozenset(_norm(w) for w in words("from")),
        between_words=frozenset(_norm(w) for w in words("between")),
        patterns=patterns,
        conn=re.compile(_bounded(rf"(?i)\s*{_DASH}\s*|\s+(?P<cw>{TO}|{AND}){AW}{ARTICLE}")),
        from_before=re.compile(_bounded(rf"(?i)(?<!\w)(?P<from>{FROM}){AW}{ARTICLE}\Z")),
        year_context=year_context,
        year_list_conn=re.compile(_bounded(rf"(?i)\s*,\s*(?:{AND}\s+)?|\s+{AND}\s+")),
    )


# --------------------------------------------------------------------------- matching

@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    sd: date
    ed: date
    gran: str
    kind: str
    body_start: int  # start without an opening "from" word
    ambiguous: bool = False


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _coarser(a: str, b: str) -> str:
    return a if GRANULARITY_RANK[a] >= GRANULARITY_RANK[b] else b


def _conn_kind(g: _Grammar, word: str | None) -> str:
    """'range' for a dash or a "to" word, 'and' for an "and" word."""
    if word is None:
        return "range"
    w = _norm(word)
    if w in g.to_words:
        return "range"
    return "and"


def _from_ok(g: _Grammar, from_word: str | None, conn: str) -> bool:
    """Whether an opening word fits the connector: from..to, between..and."""
    if from_word is None:
        return False
    w = _norm(from_word)
    if conn == "range":
        return w in g.from_words
    return w in g.between_words


def _month(g: _Grammar, form: str) -> int:
    return g.months[form.lower().rstrip(".").replace("’", "'")]


def _interpret(g: _Grammar, kind: str, m: re.Match | _Yearless, month_first: bool = False) -> tuple[date, date, str, bool] | None:
    """(start, end, granularity, keeps its "from" word) for one regex match, or None."""
    gd = m.groupdict()
    from_word = gd.get("from")
    if kind == "slash":
        a, b = int(gd["a"]), int(gd["b"])
        d, mo = (b, a) if (a <= 12 < b or (month_first and b <= 12)) else (a, b)
        if mo > 12:
            return None
        day_ = date(int(gd["y"]), mo, d)
        return day_, day_, "day", False
    if kind == "numr":
        y, mo, d1, d2 = int(gd["y"]), int(gd["m"]), int(gd["d1"]), int(gd["d"])
        sd, ed = date(y, int(gd.get("m1") or mo), d1), date(y, mo, d2)
        return (sd, ed, "day", False) if sd < ed else None
    if kind in ("num", "iso"):
        y, mo, d = int(gd["y"]), int(gd["m"]), int(gd["d"])
        day_ = date(y, mo, d)
        return day_, day_, "day", False
    if kind in ("days", "mdays"):
        y, mo = int(gd["y"]), _month(g, gd["m"])
        text = gd["days"]
        days = [int(x) for x in re.findall(r"\d+", text)]
        if any(b <= a for a, b in zip(days, days[1:])):
            return None
        last = calendar.monthrange(y, mo)[1]
        if days[-1] > last:
            return None
        conns = [c for c in re.split(r"\d+", text)[1:-1]]
        conn = "range"
        for c in conns:
            c = re.sub(r"^(?:st|nd|rd|th|\.º|[º°ª.]|-[^\W\d_]+)", "", c.strip()).strip(" ,.")
            if c and not re.fullmatch(_DASH, c) and _norm(c) not in g.to_words:
                conn = "and"
        keep = len(days) > 1 and _from_ok(g, from_word, conn)
        return date(y, mo, days[0]), date(y, mo, days[-1]), "day", keep
    if kind in ("dmdm", "mdmd"):
        y = int(gd["y"])
        m1, m2 = _month(g, gd["m1"]), _month(g, gd["m2"])
        y1 = y if m1 <= m2 else y - 1
        d1, d2 = int(gd["d1"]), int(gd["d2"])
        if d1 > calendar.monthrange(y1, m1)[1] or d2 > calendar.monthrange(y, m2)[1]:
            return None
        sd, ed = date(y1, m1, d1), date(y, m2, d2)
        if ed <= sd:
            return None
        conn = _conn_kind(g, gd.get("cw"))
        if conn == "and" and not _from_ok(g, from_word, conn):
            return None  # `26 May and 7 July 2016` is two dates; `between ... and ...` a range
        return sd, ed, "day", _from_ok(g, from_word, conn)
    if kind == "mm":
        y = int(gd["y"])
        m1, m2 = _month(g, gd["m1"]), _month(g, gd["m2"])
        if m1 == m2:
            return None
        y1 = y if m1 < m2 else y - 1
        conn = _conn_kind(g, gd.get("cw"))
        if conn == "and" and not _from_ok(g, from_word, conn):
            return None
        return date(y1, m1, 1), _month_end(y, m2), "month", _from_ok(g, from_word, conn)
    if kind == "my":
        y, mo = int(gd["y"]), _month(g, gd["m"])
        return date(y, mo, 1), _month_end(y, mo), "month", False
    if kind in ("hq", "code"):
        y = int(gd["y"])
        q = gd.get("q") or gd.get("q2")
        h = gd.get("h") or gd.get("h2")
        if kind == "hq":
            n = next((i for i in range(1, 5) if gd.get(f"o{i}")), None)
            if n is None:
                n = int(gd["on"]) if gd.get("on") else {"I": 1, "II": 2, "III": 3, "IV": 4}[gd["orm"].upper()]
            if gd.get("nh"):
                h = n
            else:
                q = n
        if h:
            h = int(h)
            if h > 2:
                return None
            return date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "half", False
        if q is None:
            return None
        q = int(q)
        return date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter", False
    if kind == "yy":
        y1, y2 = int(gd["y1"]), int(gd["y2"])
        if not (y1 < y2 <= y1 + 50):
            return None
        conn = _conn_kind(g, gd.get("cw"))
        keep = _from_ok(g, from_word, conn)
        if conn == "and" and not keep:
            return None  # `2018 and 2019` is two years; `between 2018 and 2019` is a range
        if gd.get("cw") and not keep and not gd.get("y2s"):
            return None  # `2019 to 2021` needs from..to or a year word
        return date(y1, 1, 1), date(y2, 12, 31), "year", keep
    if kind == "year":
        y = int(gd["y"])
        return date(y, 1, 1), date(y, 12, 31), "year", False
    raise AssertionError(kind)


# Where a _YEAR can start, and a few more places; each pattern's match holds a _YEAR (which looks
# nowhere left of it). Led by literals, so the search skips fast from one 1 or 2 to the next.
_YEAR_AT = re.compile(r"1(?=9\d\d)|2(?=0\d\d|100)")
# What every _URL match holds: `://` or `www.` (in any case: only w and W) in its first
# alternative, `@` or `/` in the others. Two character-led patterns: both searches skip fast.
_URL_HINTS = (re.compile(r"[/@]"), re.compile(r"[wW](?=[wW][wW]\.)"))
_SPACE = re.compile(r"\s")


@lru_cache(maxsize=4)
def _text_facts(text: str) -> tuple[list[int], list[tuple[int, int]], list[int]]:
    """Per text, not per language (the stage reads a text once per language in it): where a
    year can start, and the URL spans (sorted, disjoint) with their starts."""
    years = [m.start() for m in _YEAR_AT.finditer(text)]
    urls = _urls(text)
    return years, urls, [s for s, _ in urls]


def _year_runs(years: list[int], reach: int) -> tuple[list[int], list[int]]:
    """The year starts grouped into runs where two neighbours are at most 2 * `reach` apart:
    (first start of each run, last start of each run). One search reads a whole run."""
    firsts: list[int] = []
    lasts: list[int] = []
    for y in years:
        if lasts and y - reach <= lasts[-1] + reach:
            lasts[-1] = y
        else:
            firsts.append(y)
            lasts.append(y)
    return firsts, lasts


def _urls(text: str) -> list[tuple[int, int]]:
    """`_URL.finditer(text)`'s spans, read only in the white-space-free tokens that hold a hint:
    a match never spans white space, so a token read on its own gives the same matches."""
    out: list[tuple[int, int]] = []
    done = 0  # tokens before this are read
    for at in sorted(m.start() for hints in _URL_HINTS for m in hints.finditer(text)):
        if at < done:
            continue
        start = at
        while start > 0 and not text[start - 1].isspace():  # str.isspace is re's \s
            start -= 1
        space = _SPACE.search(text, at)
        done = space.start() if space else len(text)
        out.extend((m.start(), m.end()) for m in _URL.finditer(text, start, done))
    return out


def _search(pattern: re.Pattern, reach: int, text: str, pos: int, runs: tuple[list[int], list[int]]) -> re.Match | None:
    """`pattern.search(text, pos)`, trying only the starts near a year (the patterns are tried
    at every position, and years are few). A match holds a year and an attempt reads at most
    `reach` characters from its start: so a match starts at most `reach` before a year, and a
    search cut `reach` after its last start to try reads there all the whole text would show.
    `runs` (`_year_runs`) are found once per text: each call costs a bisection, not a walk over
    the years left (which made a text full of dates quadratic)."""
    firsts, lasts = runs
    i = bisect.bisect_left(lasts, pos)  # the first run with a start to try at or after pos
    while i < len(lasts):
        first, last = max(pos, firsts[i] - reach), lasts[i]  # the starts to try: first..last
        i += 1
        m = pattern.search(text, first, last + reach)
        if m is not None and m.start() <= last:
            return m  # (a match starting later may be one only because of the cut)
    return None


def _candidates(text: str, g: _Grammar, month_first: bool = False, order_shown: bool = True) -> list[_Cand]:
    year_starts, urls, url_starts = _text_facts(text)
    out: list[_Cand] = []
    years: list[tuple[re.Match, bool]] = []
    runs_of: dict[int, tuple[list[int], list[int]]] = {}
    for kind, pattern, reach in g.patterns:
        runs = runs_of.get(reach) or runs_of.setdefault(reach, _year_runs(year_starts, reach))
        pos = 0
        while True:
            m = _search(pattern, reach, text, pos, runs)
            if m is None:
                break
            try:
                got = _interpret(g, kind, m, month_first)
            except (ValueError, KeyError):  # impossible date (31.02.) or unknown form
                got = None
            if got is None:
                pos = m.start() + 1
                continue
            pos = m.end()
            sd, ed, gran, keep_from = got
            start = m.start()
            body = start
            if m.groupdict().get("from") is not None:
                body = m.start("body")  # after the opening word and its article
                if not keep_from:
                    start = body
            end = m.end()
            if kind in ("num", "slash", "numr", "iso", "yy"):
                if _NOT_A_DATE_BEFORE.search(text, max(0, start - 20), start):
                    continue
            gd = m.groupdict()
            if kind in ("yy", "year", "num", "slash", "numr", "iso") and not (gd.get("ys") or gd.get("y2s")):
                if _AMOUNT_AFTER.match(text, end):
                    continue
            i = bisect.bisect_left(url_starts, end)  # URLs starting before the match ends
            if i and urls[i - 1][1] > start:
                continue
            if kind == "year":
                has_suffix = bool(m.groupdict().get("ys"))
                years.append((m, has_suffix))
                continue
            ambiguous = kind == "slash" and not order_shown and _swappable(m)
            out.append(_Cand(start, end, sd, ed, gran, kind, body, ambiguous))
    # Bare years: accepted by a year word, a year preposition or an accepted year before.
    prev_end = -1
    for m, has_suffix in years:
        start, end = m.start(), m.end()
        ok = has_suffix or bool(g.year_context.search(text, max(0, start - 40), start)) or _year_alone(text, start, end)
        if not ok and prev_end >= 0:
            c = g.year_list_conn.match(text, prev_end)
            ok = c is not None and c.end() == start
        if ok:
            y = int(m.group("y"))
            out.append(_Cand(start, end, date(y, 1, 1), date(y, 12, 31), "year", "year", start))
            prev_end = end
    return out


# A year in brackets, as references cite it: "Kovač, M. (2017)." (not "C(2016) 2210").
_CITED = re.compile(r"(?<![^\W\d_])\(\Z")
# A year that closes a title, a sentence or a line: "Regije v številkah 2016.", "Interreg · 2019".
_CLOSES = re.compile(r"[.,;:]?[^\S\n]*(?:\n|\Z)|\.\s")
_WORD_BEFORE = re.compile(r"(\S+)[^\S\n]*\Z")


def _year_alone(text: str, start: int, end: int) -> bool:
    """A bare year that needs no context word: cited in brackets, or closing a title, sentence
    or line after a lower-case word or a sign. After a capitalised word it is part of a name
    ("Horizon 2020.", "CRESC Algarve 2020"); after a number, of a number (a phone number)."""
    if _CITED.search(text, max(0, start - 2), start) and text.startswith(")", end):
        return True
    if not _CLOSES.match(text, end):
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    word = before.group(1) if before else ""
    return not (word[:1].isupper() or word[-1:].isdigit())


def _ranges(text: str, g: _Grammar, atoms: list[_Cand]) -> list[_Cand]:
    """Two complete atoms joined by a dash or a "to" word (or between .. and): one range."""
    by_start: dict[int, list[_Cand]] = {}
    for a in atoms:
        by_start.setdefault(a.body_start, []).append(a)
    out = []
    for x in atoms:
        c = g.conn.match(text, x.end)
        if c is None or c.end() not in by_start:
            continue
        conn = _conn_kind(g, c.group("cw"))
        f = g.from_before.search(text, max(0, x.body_start - 30), x.body_start)
        from_ok = f is not None and _from_ok(g, f.group("from"), conn)
        if conn == "and" and not from_ok:
            continue
        for y in by_start[c.end()]:
            if y.sd < x.sd or y.ed <= x.ed:
                continue
            start = f.start() if f is not None and from_ok else x.body_start
            out.append(_Cand(start, y.end, x.sd, y.ed, _coarser(x.gran, y.gran), "range", start))
    return out


def _resolve(cands: list[_Cand]) -> list[_Cand]:
    """Longest first, then leftmost; no two results overlap; sorted by start. The characters
    taken are marked in a bytearray: a candidate costs its own length (a sorted list of the
    chosen, with an insert each, cost the number chosen: quadratic on a text full of dates)."""
    chosen: list[_Cand] = []
    taken = bytearray(max((c.end for c in cands), default=0))
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start, c.sd, c.ed, c.kind)):
        if taken.find(1, c.start, c.end) >= 0:
            continue
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        chosen.append(c)
    return sorted(chosen, key=lambda c: (c.start, c.end))


# Numeric dates with slashes: "09/21/2015" can only be month first, "21/09/2015" day first.
_SLASH_DATE = re.compile(r"(?<![\w.,/])(\d{1,2})/(\d{1,2})/(?:(?:19|20)\d\d|\d\d)(?!\d)")
# The United States named: with English text, month-first dates ("U.S.", "USA", a "U.S. state").
_US = re.compile(r"\b(?:United States|U\.S\.A?\.?|USA)(?!\w)")


def _swappable(m: re.Match) -> bool:
    a, b = int(m.group("a")), int(m.group("b"))
    return a != b and a <= 12 and b <= 12


def slash_order(text: str, language: str) -> tuple[bool, bool]:
    """(month first, shown): the order of the document's slashed dates, and whether the
    document shows it. Its evidence first: a first part over 12 ("21/09/2015", "20/10/14") says
    day first, a second part over 12 ("09/21/2015") month first, the more frequent wins; then, in
    English, the order of its dates in words ("January 10, 2015" against "10 January 2015");
    without any, English text that names the United States is month first, everything else day
    first."""
    day_first = month_first = 0
    for m in _SLASH_DATE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        day_first += 12 < a <= 31 and b <= 12
        month_first += 12 < b <= 31 and a <= 12
    if day_first or month_first:
        return month_first > day_first, True
    if language == "en":
        # Dates in words show the writer's order: "January 10, 2015" month first, "10 January 2015" not.
        words = _english_written_order()
        month_day = len(words[0].findall(text))
        day_month = len(words[1].findall(text))
        if month_day != day_month:
            return month_day > day_month, True
    return language == "en" and _US.search(text) is not None, False


@lru_cache(maxsize=1)
def _english_written_order() -> tuple[re.Pattern, re.Pattern]:
    """English dates in words, month first ("January 10, 2015") and day first ("10 January 2015")."""
    month = "(?:" + "|".join(sorted((re.escape(f) for f, (_, abbr) in month_forms("en").items() if not abbr),
                                    key=len, reverse=True)) + ")"
    return (re.compile(rf"(?i)\b{month}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b"),
            re.compile(rf"(?i)\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{month},?\s+(?:19|20)\d\d\b"))


def find_dates(text: str, language: str, order: tuple[bool, bool] | None = None) -> list[DateMatch]:
    """Every date expression in `text`, sorted by start. `language`: ISO 639-1 code of the
    text (bg, sl, es, pt, it, en; anything else uses all six). `order`: the order of slashed
    dates, as `slash_order` gives it (by default, of `text`)."""
    g = grammar(language)
    month_first, shown = order if order is not None else slash_order(text, language)
    atoms = _candidates(text, g, month_first, shown)
    cands = [c for c in atoms + _ranges(text, g, atoms) if not _BLOCK_BREAK.search(text, c.start, c.end)]
    dated = _resolve(cands)
    return [DateMatch(c.start, c.end, c.sd, c.ed, c.gran, c.ambiguous) for c in _with_yearless(text, g, dated)]


_SENTENCE_END = re.compile(r"[.!?]\s+(?=[^\W\d_]*[A-ZÀ-ÞА-Я])|\n[^\S\n]*\n")
# A law cited with its number and year, then its day and month: "Reglamento (UE) 2016/679, de
# 27 de abril", "Ley 39/2015, de 1 de octubre": the day and month are of that year.
_LAW_YEAR = re.compile(r"(?:(?P<a>(?:19|20)\d\d)/\d{1,4}|\b\d{1,4}/(?P<b>(?:19|20)\d\d))[^\S\n]*,?[^\S\n]*(?:\w{1,3}[^\S\n]+)?\Z")


def _context_year(text: str, start: int, end: int, month: int, day: int, dated: list[_Cand],
                  starts: list[int], head: date | None) -> int:
    """The year of a date written without one: that of a law it cites ("2016/679, de 27 de
    abril"); else of the nearest dated expression of its sentence ("objavljen 20. oktobra, rok
    pa 10. novembra 2017"); else, in a document dated at its head (a bulletin, a news item, a
    call: `head`), the year that puts it nearest to that date, the later on a tie ("janeiro" in
    news of 26 October 2017 is January 2018); else the year of the nearest date before it."""
    law = _LAW_YEAR.search(text, max(0, start - 24), start)
    if law is not None:
        return int(law.group("a") or law.group("b"))
    i = bisect.bisect_left(starts, start)
    sentence = _bounds(text, start, end, _SENTENCE_END)
    near = [c for c in dated[max(0, i - 3):i + 3]
            if sentence[0] <= c.start and c.end <= sentence[1] and c.sd.year == c.ed.year]
    if near:
        return min(near, key=lambda c: min(abs(c.end - start), abs(c.start - end))).ed.year
    if head is not None:
        def distance(y: int) -> tuple[int, int]:
            try:
                return abs((date(y, month, day) - head).days), -y
            except ValueError:  # 29 February
                return abs((date(y, month, 28) - head).days), -y
        return min((head.year - 1, head.year, head.year + 1), key=distance)
    return (dated[i - 1] if i else dated[0]).ed.year


def _bounds(text: str, start: int, end: int, breaks: re.Pattern) -> tuple[int, int]:
    """The span of the sentence or paragraph (as `breaks` ends them) around start..end, within
    400 characters each side."""
    lo = max(0, start - 400)
    before = [m.end() for m in breaks.finditer(text, lo, start)]
    after = breaks.search(text, end, end + 400)
    return (before[-1] if before else lo, after.start() if after else min(len(text), end + 400))


def _weekday_year(g: _Grammar, text: str, start: int, month: int, day: int, year: int) -> int:
    """A day written with its weekday ("jueves 23 de noviembre") is in the year nearest to
    `year` in which that day falls on that weekday (within three years), else in `year`."""
    m = g.weekday_before.search(text, max(0, start - 24), start)
    if m is None:
        return year
    weekday = g.weekdays[m.group("w").lower()]
    for y in (year, year - 1, year + 1, year - 2, year + 2, year - 3, year + 3):
        try:
            if date(y, month, day).weekday() == weekday:
                return y
        except ValueError:
            continue
    return year


def _with_yearless(text: str, g: _Grammar, dated: list[_Cand]) -> list[_Cand]:
    """`dated` and the days and months written without a year ("16 November", "22 al 24 de
    mayo", "en junio"), which take their year from the context (`_context_year`; a weekday
    named with the day corrects it, `_weekday_year`). A month alone must be in `bare_months`
    and in lower case (months are not capitalised in five of the six languages; "Maja" is a
    name); in English and German it needs a year word before it ("in September", "ab
    September")."""
    if not dated:
        return dated
    taken = bytearray(len(text) + 1)
    for c in dated:
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    starts = [c.start for c in dated]
    head = next((c.sd for c in dated if c.gran in ("day", "month")), None)
    out = list(dated)
    for m in g.yearless.finditer(text):
        if taken.find(1, m.start(), m.end()) >= 0:
            continue
        form = m.group("m")
        if m.group("days") is None and (form.lower() not in g.bare_months or not (
                g.year_context.search(text, max(0, m.start() - 40), m.start()) if g.month_context
                else form.islower())):
            continue
        try:
            month = _month(g, form)
            last_day = int(re.findall(r"\d+", m.group("days"))[-1]) if m.group("days") else 1
            y = _context_year(text, m.start(), m.end(), month, last_day, dated, starts, head)
            if m.group("days"):
                y = _weekday_year(g, text, m.start(), month, last_day, y)
            got = _interpret(g, "days", _Yearless(m, y)) if m.group("days") else (
                date(y, _month(g, form), 1), _month_end(y, _month(g, form)), "month", False)
        except (ValueError, KeyError):
            got = None
        if got is not None:
            sd, ed, gran, _ = got
            out.append(_Cand(m.start(), m.end(), sd, ed, gran, "yearless", m.start()))
    return sorted(out, key=lambda c: (c.start, c.end))


class _Yearless:
    """A year-less match seen as a "days" match with the year given (for `_interpret`)."""

    def __init__(self, m: re.Match, year: int):
        self._gd = {**m.groupdict(), "y": str(year)}

    def groupdict(self) -> dict:
        return self._gd


def resolve(matches: list[DateMatch]) -> list[DateMatch]:
    """Overlap resolution for matches from several runs (e.g. one per block language)."""
    cands = [_Cand(m.start, m.end, m.start_date, m.end_date, m.granularity, "", m.start, m.ambiguous)
             for m in matches]
    return [DateMatch(c.start, c.end, c.sd, c.ed, c.gran, c.ambiguous) for c in _resolve(cands)]
