"""The region matcher: every mention of a region, country or city in a text, with its place
in the gazetteer (`gazetteer.py`). `find_regions(text, language)`; how it matches, per language:

1. **Tokens.** spaCy's tokenizer of the language (`spacy.blank(lang)`; no trained model).
   Whitespace tokens are dropped, so a name may run over a line break or a run of spaces
   ("Уест \\n\\n Мидландс"). Each token is cut into *pieces* at hyphens (dropped: "North-East"
   = "North East") and after an apostrophe ("nell'Algarve" -> "nell'", "Algarve").
2. **Keys.** Every piece gets a key: case- and accent-folded (`folding.fold`); Italian
   articulated prepositions with an elided article ("dell'", "nell'", "all'"...) key as the
   article "l'" they contain, so "dell'Aquila" matches "L'Aquila" and "dell'Abruzzo" still
   matches "Abruzzo" from its second piece.
3. **Inflection (bg, sl).** The gazetteer's names are in base form; for Bulgarian and
   Slovenian text each name word also stands for the forms its ending's paradigm generates
   (`_bg_forms`, `_sl_forms`): Bulgarian definite articles ("Марибор" -> "Марибора",
   "Мариборът"; "България" -> "Българията"; "Обединено" -> "Обединеното"), Slovenian case
   endings ("Slovenija" -> "Sloveniji", "Slovenije"; "Vzhodna" -> "Vzhodni";
   "Maribor" -> "Mariboru"; "Portugalska" -> "Portugalskem"). A text piece that is such a
   form gets the key of its base word. Generating forms from the name (rather than stemming
   the text) keeps unrelated words apart: "Русия" (Russia) and "Русе" (Ruse) never meet.
   Name words whose paradigms meet may be one word ("Združeno", "Združeni"; see
   `_inflection_index`), else a form they share matches neither; a form that is itself a
   name word stays that word; a common word of the language ("Varno", "safely") is never a
   form. Words shorter than four letters are not inflected.
   Spanish, Portuguese, Italian and English do not inflect names (their articles and
   contractions are separate pieces).
4. **Phrase matching.** Every key sequence of the text that is a name's is found: a name's
   first key gives the lengths of the names that begin with it, and each is looked up
   whole (a dict, not spaCy's PhraseMatcher: the same matches, without a Doc per name,
   which cost each language's matcher some 15 MiB and a second of its build).
   Where one key sequence names several places the best-ranked form wins
   (`gazetteer.Form.rank`).
5. **Case.** Matching is case-insensitive with one condition: a name word written with a
   capital must not be all lower case in the text ("ALGARVE", "Algarve" match; "algarve",
   "portugalski", "europe" do not). This keeps adjectives and common nouns out.
6. **Name-like names** (curated: "Sofia") are skipped when directly next to another
   capitalised word: "Sofia Rossi" is a person.
7. **Longest match wins**; among equals, the earlier. "Източна Словения" is SI03, not Slovenia.
8. **Brackets.** A two-letter country code in brackets right after a region or city
   ("Алгарве (PT)", "(SI)", "(UK)", "(EL)") is a country mention of its own; a country name in
   brackets ("Абруцо (Италия)") is matched like any other.
9. **Not a place here** (`_not_a_place`): a name right after a capitalised word that is not
   a function word, a region word or an English demonym ("New York", "New South Wales",
   "Maria Soria"; "Nueva", "Nuovo" count though they are stop words), after a title ("Sr.",
   "Dr", "г-н") or a street word ("calle", "via", "ул."), before a street word ("Westminster
   Blvd"), or before a state or province of a country outside NUTS or a US postal code
   ("Valencia, California", "Lodi, CA"). Descriptive words of a form ("Noreste",
   "orientale") need no capital.
10. **Province words** ("provincia di", "област", "Shumen district") make a city's name its
    NUTS 3 region, and so the names listed after them ("области Варна, Добрич и Шумен").
    Without one, a NUTS label that is also a city's name (`gazetteer.city_labels`:
    "Coventry", "Русе", "Graz") is the city.
11. **Evidence** (`supported`, per document): a region named by a bare one-word NUTS label
    (not curated) stays only where a region word is beside it or the document names its
    country or another place of it; a name seen as not a place is dropped everywhere in
    that document ("Ms. Laura Bromley ... Bromley said").
"""

from __future__ import annotations

import functools
import gc
import re
from dataclasses import dataclass
from typing import Iterator, TypeVar

from . import gazetteer
from .folding import fold

MIN_INFLECTED = 4  # letters; shorter words ("la", "de", "и") are not inflected

# Italian articulated prepositions with an elided article: the article they contain.
_ELIDED_ARTICLE = {
    p + "'": "l'"
    for p in ("dell", "nell", "all", "dall", "sull", "coll", "pell")
}
_HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_APOSTROPHES = "'\u2019\u02bc"
_SUPERSCRIPTS = "⁰¹²³⁴-⁹"  # a footnote mark on a name ("Extremadura⁴"): no piece of it
_PIECE = re.compile(rf"[^{_HYPHENS}{_APOSTROPHES}{_SUPERSCRIPTS}]+[{_APOSTROPHES}]?|[{_APOSTROPHES}]")
_SPLIT = re.compile(rf"[{_HYPHENS}{_APOSTROPHES}{_SUPERSCRIPTS}]")
_IDX_LENGTH: list[int | str] = ["IDX", "LENGTH"]


@dataclass(frozen=True, slots=True)
class RegionMatch:
    start: int  # offsets into the text given, end exclusive
    end: int
    name: str  # canonical English name
    nuts_code: str | None
    country: str  # ISO 3166-1 alpha-2
    level: str  # country | nuts1 | nuts2 | nuts3 | city
    # A NUTS region named by a bare one-word table label ("Soria", "York"): kept only where
    # the document gives evidence for it (`supported`).
    needs_evidence: bool = False
    # Not a place here (a person's name, a street, a town abroad: see `_not_a_place`); kept
    # so that `supported` drops the name's other bare mentions in the document too.
    not_here: bool = False
    # A town whose name also names towns in these countries outside NUTS ("Lodi": US): not
    # read as the European town in a document that names one of them.
    abroad: tuple[str, ...] = ()
    # A large town named by a bare NUTS label ("Paris", "Valencia"): it needs no evidence, but
    # like a bare label it is no place where the document uses its name otherwise.
    known_town: bool = False


# ----------------------------------------------------------------------------- inflection


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _bg_forms(w: str) -> list[str]:
    """Bulgarian forms of a (folded) name word: the definite article, and for adjectives
    in -ен the definite masculine with the fleeting е ("централен" -> "централния")."""
    if not _is_cyrillic(w[-1]):
        return []
    if w[-1] in "ая":  # България -> Българията, Варна -> Варната, Североизточна -> -ната
        return [w + "та"]
    if w[-1] in "ое":  # Обединено -> Обединеното, Русе -> Русето
        return [w + "то"]
    if w[-1] == "и":  # Съединени -> Съединените; Северни -> Северните
        return [w + "те"] + ([w + "я", w + "ят"] if w.endswith(("ски", "цки")) else [])
    if w[-1] == "й":
        return [w[:-1] + "я", w[:-1] + "ят"]
    out = [w + "а", w + "ът"]  # Марибор -> Марибора, Мариборът
    if w.endswith("ен"):  # Североизточен -> Североизточния(т)
        out += [w[:-2] + "ния", w[:-2] + "ният"]
    return out


# Slovenian adjectives end in -n-, -sk-, -čk-, -šk- before their ending (folded: č -> c, š -> s).
_SL_ADJECTIVE_STEM = ("n", "sk", "ck")


def _sl_forms(w: str) -> list[str]:
    """Slovenian case forms of a (folded) name word, by its ending.

    Nouns and feminine adjectives in -a take -e, -i, -o (Slovenija -> Sloveniji, Vzhodna ->
    Vzhodni), adjectival nouns in -ska also -em (Portugalskem). Words in -o, -e, -i take
    adjective endings only when their stem is an adjective's (Združeno -> Združenega,
    Združeni -> Združenih); otherwise they are declined as (foreign) nouns: -o -> -a -u -om
    (kraljestvo -> kraljestvu, Abruzzo -> Abruzza), other vowels add -j- (Algarve ->
    Algarveju, Bari -> Bariju). Consonant-final names take -a -u -om -em (Maribor -> Mariboru)."""
    last = w[-1]
    if _is_cyrillic(last) or not last.isalpha():
        return []
    stem = w[:-1]
    adjective = stem.endswith(_SL_ADJECTIVE_STEM)
    if last == "a":
        return [stem + e for e in ("e", "i", "o")] + ([stem + "em"] if stem.endswith(("sk", "ck")) else [])
    if last == "o":
        return [stem + e for e in ("a", "u", "om")] + (
            [stem + e for e in ("ega", "emu", "em", "im")] if adjective else [])
    if last in "eiuy":
        out = [w + "ja", w + "ju", w + "jem"]
        if last == "e" and not adjective:  # neuter nouns in -e: Celje -> Celja, Celju, Celjem
            out += [stem + "a", stem + "u", stem + "em"]
        if adjective and last in "ei":  # plural (and masculine) adjectives
            out += [stem + e for e in ("ih", "im", "imi", "ega", "emu", "em")]
        return out
    return [w + e for e in ("a", "u", "om", "em")]


_INFLECT = {"bg": _bg_forms, "sl": _sl_forms}


_VOWELS = set("aeiouyаъоуеиюяѝ")


def _inflection_index(bases: frozenset[str], inflect) -> dict[str, str]:
    """Word form -> key of the name word it is a form of (only where they differ).

    Each name word of MIN_INFLECTED letters or more generates its paradigm. Two name words
    are one word in two cases, genders or numbers, and share a key (the smaller of them),
    when one is a form of the other and both end in a vowel ("Irska" and "Irske", the
    genitive in "Severne Irske"; not "Trent" and "Trento"),
    when their paradigms share two forms or more (sl "Združeno", "Združeni"), or when they
    share one and differ only in their final vowel ("Češka", "Češko"). A form that name words
    of different keys generate ("Rhön", "Rhône" -> "rhonem") is ambiguous and maps to
    nothing: it matches neither."""
    generated: dict[str, list[str]] = {}
    direct: list[tuple[str, str]] = []  # a name word that is a form of another
    for base in sorted(bases):
        if sum(c.isalpha() for c in base) >= MIN_INFLECTED:
            for form in sorted(set(inflect(base))):
                if form in bases:
                    if base[-1] in _VOWELS and form[-1] in _VOWELS:
                        direct.append((base, form))
                else:
                    generated.setdefault(form, []).append(base)
    shared: dict[tuple[str, str], int] = {}
    for owners in generated.values():
        for i, a in enumerate(owners):
            for b in owners[i + 1:]:
                shared[(a, b)] = shared.get((a, b), 0) + 1
    parent = {b: b for owners in generated.values() for b in owners}
    parent.update({b: b for pair in direct for b in pair})

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    related = [(a, b) for (a, b), n in sorted(shared.items())
               if n >= 2 or (a[:-1] == b[:-1] and a[-1] in _VOWELS and b[-1] in _VOWELS)]
    for a, b in direct + related:
        ra, rb = root(a), root(b)
        parent[max(ra, rb)] = min(ra, rb)
    index = {b: root(b) for b in parent if root(b) != b}
    for form, owners in generated.items():
        roots = {root(b) for b in owners}
        if len(roots) == 1:
            index[form] = roots.pop()
    return index


# -------------------------------------------------------------------------------- matcher


@dataclass(frozen=True, slots=True)
class _Pattern:
    place: gazetteer.Place
    caps: tuple[bool, ...]  # per piece: the name writes it with a capital
    name_like: bool
    bare_label: bool  # one word, from the NUTS tables only (not curated): needs evidence
    nuts3: gazetteer.Place | None = None  # the NUTS 3 region of the same name, if another place
    # A town of data/cities.tsv not known by its name alone: needs its country in the document
    # or a town word beside it.
    unknown_town: bool = False
    abroad: tuple[str, ...] = ()

    __reduce__ = gazetteer.by_fields


# Context words, folded. A province word before or after a city's name makes it the NUTS 3
# region of that name ("provincia di Chieti", "област Варна", "Shumen district"), and so the
# names listed after it ("области Варна, Добрич и Шумен").
_PROVINCE_WORDS = frozenset({
    "province", "provinces", "district", "districts", "county", "counties", "oblast", "oblasts",
    "provincia", "provincias", "provincie", "distrito", "distritos",
    "област", "области", "областите", "областта", "окръг", "провинция", "провинции", "провинциите",
    "провинцията", "pokrajina", "pokrajine",
})
# Region words: evidence that a name is a region ("the region of Murcia", "regija Koroška").
_REGION_WORDS = _PROVINCE_WORDS | frozenset({
    "region", "regions", "region", "regiones", "regiao", "regioes", "regione", "regioni",
    "regija", "regije", "regiji", "regijo", "район", "района", "регион", "региона",
    "comunidad", "comunidade", "autonomous", "autonoma", "autonomo",
})
# Town words: evidence that a name is a town ("the city of Lille", "cidade de Loulé").
_TOWN_WORDS = frozenset({
    "city", "town", "municipality", "ciudad", "municipio", "cidade", "municipio", "concelho",
    "citta", "comune", "mesto", "mestu", "obcina", "obcini", "град", "града", "градът", "община",
    "общината",
})
# Between a province word and the name, and between names of one list.
_LINKS = frozenset({"of", "the", "de", "del", "do", "da", "di", "della", "l'", "-", ":"})
_LIST_LINKS = frozenset({",", "and", "y", "e", "i", "in", "и", "&", "-"})  # "-": every dash, folded
# A title before a name makes a person ("Sr. Soria", "Dr Bromley", "г-н Варнев").
_TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sir", "sr", "sra", "srta", "dra", "don", "dona", "sig",
    "sig.ra", "dott", "dott.ssa", "ing", "g", "ga", "gospod", "gospa", "г-н", "г-жа", "д-р", "проф",
})
# Street words: before the name in the Romance and Slavic languages ("calle Zaragoza", "via
# Bari", "rua Faro", "ул. Шумен"), after it in English ("Westminster Blvd").
_STREET_BEFORE = frozenset({
    "calle", "c/", "avenida", "avda", "av", "paseo", "plaza", "rua", "travessa", "largo", "praca",
    "via", "viale", "piazza", "corso", "vicolo", "ulica", "ul", "cesta", "trg", "ул", "улица",
    "бул", "булевард", "пл",
})
_STREET_AFTER = frozenset({
    "street", "st", "road", "rd", "avenue", "ave", "blvd", "boulevard", "lane", "ln", "drive",
    "way", "square", "sq", "ulica", "cesta",
})
# Words that begin longer place names: never a function word before a name ("Nueva York",
# "Nuovo Galles del Sud", "Nova Gorica"), though they are stop words of their language.
_NAME_PREFIXES = frozenset({"new", "nueva", "nuevo", "nuovo", "nuova", "nova", "novo", "нова", "нов", "ново"})
# English demonyms before a name are adjectives, not part of it ("the Spanish Extremadura").
_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish")


_T = TypeVar("_T")
_SHARED: dict = {}


def _shared(value: _T) -> _T:
    """One object for equal values: the six languages' matchers have most of their names and
    patterns alike, and share them (in memory, and in the cache's pickle, read back faster)."""
    return _SHARED.setdefault(value, value)


class _LanguageMatcher:
    """The gazetteer compiled for one language: tokenizer, inflection index, name patterns."""

    def __init__(self, lang: str):
        self.lang = lang
        self._nlp = _tokenizer_pipeline(lang)
        self.special = frozenset(getattr(self._nlp.tokenizer, "rules", None) or ())
        gaz = gazetteer.load_gazetteer()
        self.country_codes = {code: gaz.places[key] for code, key in gaz.country_codes.items()}

        tokenised: list[tuple[tuple[str, ...], tuple[bool, ...], gazetteer.Form]] = []
        unread: list[tuple[tuple[str, ...], tuple[bool, ...], gazetteer.Form]] = []  # towns named like a frequent word of the language: not matched as towns
        common = gaz.common_words(lang)
        for form in gaz.forms:
            if gaz.common_form(form, lang) or form.only_in and lang not in form.only_in:
                continue
            pieces = self._form_pieces(form.text)
            if pieces:
                keys = tuple(_key(p) for _, _, p in pieces)
                entry = (keys, tuple(p[0].isupper() for _, _, p in pieces), form)
                (unread if lang in form.frequent_in else tokenised).append(entry)

        # Inflection classes: a name word and the forms its paradigm generates share one key;
        # two name words whose paradigms meet (sl "Združeno", "Združeni", "Združene": one
        # adjective) share a class too. The key of a class is its smallest name word.
        self.index: dict[str, str] = {}
        self.name_words = _shared(frozenset(k for keys, _, _ in tokenised for k in keys))  # as the names write them
        inflect = _INFLECT.get(lang)
        if inflect:
            self.index = _inflection_index(self.name_words, inflect)
            # A common word of the language is never a form of a name ("Varno" is "safely").
            self.index = {f: k for f, k in self.index.items() if f not in common}

        # Best form per key sequence; a tie between two places drops the sequence.
        best: dict[tuple[str, ...], tuple[tuple, gazetteer.Form, tuple[bool, ...]]] = {}
        # Names of towns known without their country ("Paris", "Hamburg"): a NUTS label that
        # is such a town's name, written bare, needs no evidence either.
        self.known_towns: dict[tuple[str, ...], str] = {}  # key sequence -> the town's country
        abroad: dict[tuple[str, ...], tuple[str, ...]] = {}  # a town's homonyms outside NUTS
        tied: set[tuple[str, ...]] = set()
        towns: dict[tuple[str, ...], tuple[tuple, gazetteer.Form, tuple[bool, ...]]] = {}
        curated: set[tuple[str, ...]] = set()
        nuts3: dict[tuple[str, ...], gazetteer.Place] = {}
        for keys, _, form in tokenised + unread:
            if form.source == "town":  # what a town's name says, whichever place it names here
                keys = tuple(self.index.get(k, k) for k in keys)
                if form.known:
                    self.known_towns[_shared(keys)] = gaz.places[form.place].country
                if form.abroad:
                    abroad[keys] = form.abroad
        for keys, caps, form in tokenised:
            keys = tuple(self.index.get(k, k) for k in keys)
            if form.source == "alias":
                curated.add(keys)
            if gaz.places[form.place].level == "nuts3":
                nuts3.setdefault(keys, gaz.places[form.place])
            # Descriptive words ("Noreste", "Orientale") need no capital in text.
            caps = tuple(c and k not in gaz.descriptive for c, k in zip(caps, keys))
            rank = form.rank(gaz.places)
            if form.source == "town":
                towns.setdefault(keys, (rank, form, caps))
            old = best.get(keys)
            if old is None or rank < old[0]:
                best[keys] = (rank, form, caps)
                tied.discard(keys)
            elif rank == old[0]:
                if old[1].place != form.place:
                    tied.add(keys)
                else:  # the same place written two ways: a capital only where both have one
                    best[keys] = (rank, old[1], tuple(a and b for a, b in zip(old[2], caps)))
        # Two NUTS regions of one name (the city and the district of München): the town, if any.
        for keys in [k for k in tied if k in towns]:
            best[keys] = towns[keys]
            tied.discard(keys)
        self.patterns = {
            _shared(keys): _shared(_Pattern(
                gaz.places[form.place], caps, form.name_like,
                bare_label=len(keys) == 1 and keys not in curated
                and gaz.places[form.place].level in ("nuts1", "nuts2", "nuts3"),
                nuts3=nuts3.get(keys) if nuts3.get(keys, form.place) != gaz.places[form.place] else None,
                unknown_town=form.source == "town" and not form.known,
                abroad=abroad.get(keys, ()),
            ))
            for keys, (_, form, caps) in best.items()
            if keys not in tied
        }
        self.foreign = gazetteer.foreign_subdivisions()
        self.stop = common

        # The lengths of the names of several words, by their first key (most names, the
        # towns, are one word: looked up as they are).
        lengths: dict[str, set[int]] = {}
        for keys in self.patterns:
            if len(keys) > 1:
                lengths.setdefault(keys[0], set()).add(len(keys))
        self.lengths = {k: tuple(sorted(n)) for k, n in lengths.items()}

    def __getstate__(self) -> dict:
        # Kept (pickled to the on-disk cache, inherited by the workers) without spaCy's
        # pipeline: it is built again where a text of the language is first read (0.04-0.09 s;
        # compiling its tokenizer's patterns is most of it), so the fork server does not build
        # six of them before the first worker may start, nor a worker those it never reads.
        return {k: v for k, v in self.__dict__.items() if k != "_nlp"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._nlp = None

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = _tokenizer_pipeline(self.lang)
        return self._nlp

    def _form_pieces(self, text: str) -> list[tuple[int, int, str]]:
        """`_pieces` of a name; names of plain words (most) without the tokenizer, which would
        cut them at white space only (its special cases aside: English "im" is "i", "m")."""
        words = text.split(" ")
        if all(w.isalpha() and w not in self.special for w in words):
            out, at = [], 0
            for w in words:
                out.append((at, at + len(w), w))
                at += len(w) + 1
            return out
        return self._pieces(text)

    def _pieces(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, text) of every piece of every non-space token."""
        # A long text makes hundreds of thousands of these tuples; the cycle collector's full
        # passes would rescan them all again and again (400,000 characters took 2.5 times
        # 200,000). None of them can be part of a cycle, so it pauses while they are made.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._collect_pieces(text)
        finally:
            if enabled:
                gc.enable()

    def _collect_pieces(self, text: str) -> list[tuple[int, int, str]]:
        out = []
        for idx, length in self._tokens(text):
            tok = text[idx:idx + length]
            if tok.isspace():
                continue
            if _SPLIT.search(tok) is None:  # most tokens are one piece
                out.append((idx, idx + length, tok))
                continue
            for m in _PIECE.finditer(tok):
                out.append((idx + m.start(), idx + m.end(), m.group()))
        return out

    def _tokens(self, text: str) -> Iterator[tuple[int, int]]:
        """(offset, length) of every token; a text longer than spaCy's `max_length` in parts cut
        at white space (where a token ends anyway), each below it."""
        limit = self.nlp.max_length - 1
        at = 0
        while at < len(text):
            end = len(text) if len(text) - at <= limit else _cut(text, at, at + limit)
            # Offsets and lengths as one array: no Token object per word.
            for idx, length in self.nlp.make_doc(text[at:end]).to_array(_IDX_LENGTH).tolist():
                yield at + idx, length
            at = end

    def find(self, text: str) -> list[RegionMatch]:
        pieces = self._pieces(text)
        if not pieces:
            return []
        keys = [_key(p) for _, _, p in pieces]
        keys = [self.index.get(k, k) for k in keys]
        found: list[tuple[int, int, _Pattern, bool]] = []  # (start, end, pattern, a person's name)
        patterns, lengths = self.patterns, self.lengths
        m = len(keys)
        spans = [(s, s + n) for s, k in enumerate(keys) if k in lengths
                 for n in lengths[k] if s + n <= m and tuple(keys[s:s + n]) in patterns]
        spans += [(i, i + 1) for i, k in enumerate(keys) if (k,) in patterns]
        for s, e in spans:
            pat = self.patterns[tuple(keys[s:e])]
            if not self._case_ok(pieces, s, pat) or (pat.name_like and self._next_to_name(text, pieces, s, e)):
                continue
            if self._inflected_at_sentence_start(text, pieces, keys, s):
                continue
            found.append((s, e, pat, False))
        # Longest first, then earliest; keep what does not overlap a kept match.
        found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        taken = [False] * len(pieces)
        kept: list[tuple[int, int, _Pattern, bool]] = []
        for s, e, pat, person in found:
            if not any(taken[s:e]):
                taken[s:e] = [True] * (e - s)
                kept.append((s, e, pat, person))
        kept.sort(key=lambda m: (m[0], m[1]))
        # (start piece, end piece, place, RegionMatch's flags)
        out: list[tuple[int, int, gazetteer.Place, dict]] = []
        listed = -1  # end piece of the last name promoted to its NUTS 3 region
        for s, e, pat, person in kept:
            place = pat.place
            if (self._not_a_place(keys, pieces, text, s, e, taken) if place.level != "country"
                    else s > 0 and keys[s - 1] in _NAME_PREFIXES and _capitalised(pieces[s - 1][2])
                    or _street_or_town_before(keys, s) or _inside_a_name_or_formula(pieces, s, e)):
                out.append((s, e, place, {"not_here": True}))
                continue
            province = self._word_beside(keys, s, e, _PROVINCE_WORDS) or (
                listed >= 0 and all(k in _LIST_LINKS for k in keys[listed:s]))
            if pat.nuts3 is not None and pat.nuts3.country == place.country and province:
                place = pat.nuts3
            elif not province and place.level != "country" and (
                    pat.bare_label and place.key in gazetteer.city_labels()
                    or self.known_towns.get(tuple(keys[s:e])) == place.country
                    and not self._word_beside(keys, s, e, _REGION_WORDS)):
                place = gazetteer.city_named_as(place)  # a bare city name is the city ("London")
            listed = e if province and place.level == "nuts3" else -1
            known = False
            if pat.unknown_town:
                evidence = self._word_beside(keys, s, e, _TOWN_WORDS)
            elif place.level == "city" and tuple(keys[s:e]) in self.known_towns:
                evidence = known = True
            else:
                evidence = not pat.bare_label or province or self._word_beside(keys, s, e, _REGION_WORDS)
            out.append((s, e, place, {"needs_evidence": not evidence, "abroad": pat.abroad, "known_town": known}))
        # Two names side by side are a person's ("Luca Chieti", "Ana Soria Zaragoza").
        for i in range(len(out) - 1):
            (s1, e1, p1, f1), (s2, e2, p2, f2) = out[i], out[i + 1]
            if (e1 == s2 and "country" not in (p1.level, p2.level)
                    and not text[pieces[e1 - 1][1]:pieces[s2][0]].strip(" ")):
                out[i] = (s1, e1, p1, {**f1, "not_here": True})
                out[i + 1] = (s2, e2, p2, {**f2, "not_here": True})
        # A bracketed country code after a region or city.
        for s, e, place, flags in list(out):
            if place.level == "country" or flags.get("not_here") or e + 2 >= len(pieces) or taken[e + 1]:
                continue
            open_, code, close = (pieces[i][2] for i in range(e, e + 3))
            if open_ == "(" and close == ")" and code in self.country_codes:
                out.append((e + 1, e + 2, self.country_codes[code], {}))
                taken[e + 1] = True
        out.sort(key=lambda m: (m[0], m[1]))
        return [
            RegionMatch(pieces[s][0], pieces[e - 1][1], p.name, p.nuts_code, p.country, p.level, **flags)
            for s, e, p, flags in out
        ]

    def _inflected_at_sentence_start(self, text: str, pieces, keys: list[str], s: int) -> bool:
        """Does a Slovenian case form of a name (not the name itself) open a sentence? A
        locative or genitive follows its preposition ("v Varni"); at the head of a sentence the
        word is another ("Varni izdelki": safe products). (Bulgarian definite forms do open
        sentences: "Обединеното кралство е ...".)"""
        if self.lang != "sl" or _key(pieces[s][2]) in self.name_words:
            return False
        return s == 0 or keys[s - 1] in (".", "!", "?")

    def _not_a_place(self, keys: list[str], pieces, text: str, s: int, e: int, taken) -> bool:
        """Is the name here part of something else: a longer name or a person's name (a
        capitalised word or a title right before it: "New York", "New South Wales", "Maria
        Soria", "Sr. Zaragoza"), a street ("calle Zaragoza", "Westminster Blvd"), or a town
        abroad ("Valencia, California", "Lodi (CA)")?"""
        if s > 0 and not taken[s - 1]:
            prev, gap = pieces[s - 1][2], text[pieces[s - 1][1]:pieces[s][0]]
            word = keys[s - 1]
            if "\n" not in gap and _capitalised(prev) and (word in _NAME_PREFIXES or (
                    word not in self.stop and word not in _REGION_WORDS
                    and not (self.lang == "en" and word.endswith(_DEMONYM_ENDINGS)))):
                return True
            word = keys[s - 2] if keys[s - 1] == "." and s > 1 else keys[s - 1].rstrip(".")
            if word in _TITLES or _street_or_town_before(keys, s):
                return True
            before = pieces[s - 2][2] + prev if keys[s - 1] == "." and s > 1 else prev
            if len(before) == 2 and before[0].isupper() and before[1] == "." and "\n" not in gap:
                return True  # after an initial: "Charles M. Sevilla"
        if e < len(pieces) and keys[e].rstrip(".") in _STREET_AFTER and _capitalised(pieces[e][2]):
            return True
        if e + 1 < len(pieces) and (_initial_after(pieces, e) or keys[e] == "&" and _capitalised(pieces[e + 1][2])):
            return True  # an author "Soria, P." or a firm "Harlow & Pike"
        if e + 1 < len(pieces) and keys[e] in (",", "(", "in", "en"):
            after = keys[e + 1]
            two = after + " " + keys[e + 2] if e + 2 < len(pieces) else after
            if after in self.foreign or two in self.foreign or pieces[e + 1][2] in self.foreign:
                return True
        return False

    @staticmethod
    def _word_beside(keys: list[str], s: int, e: int, words: frozenset[str]) -> bool:
        """Is one of `words` right after the name, or before it across at most two links
        ("province of", "provincia dell'", "области –")?"""
        i = s - 1
        while i >= 0 and keys[i] in _LINKS and s - i <= 3:
            i -= 1
        return (i >= 0 and keys[i] in words) or (e < len(keys) and keys[e] in words)

    @staticmethod
    def _case_ok(pieces, s: int, pat: _Pattern) -> bool:
        for i, cap in enumerate(pat.caps):
            piece = pieces[s + i][2]
            if cap and piece[0].islower() and piece[-1] not in _APOSTROPHES:
                return False
        return True

    @staticmethod
    def _next_to_name(text: str, pieces, s: int, e: int) -> bool:
        """Is the match directly (only spaces between) next to another capitalised word?"""
        for i, between in ((s - 1, (pieces[s - 1][1], pieces[s][0]) if s > 0 else None),
                           (e, (pieces[e - 1][1], pieces[e][0]) if e < len(pieces) else None)):
            if between is None:
                continue
            word = pieces[i][2]
            if word[:1].isupper() and word.isalpha() and not text[between[0]:between[1]].strip():
                return True
        return False


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end a part of `text` that starts at `start`: after the last white space before
    `limit`, or at `limit` in a run without any."""
    space = max(text.rfind(" ", start, limit), text.rfind("\n", start, limit))
    return space + 1 if space > start else limit


# Between a street word and its name: "Avda. de Extremadura", "Paseo de Roma", "ул. „България“".
_STREET_LINKS = frozenset({".", "de", "del", "da", "do", "di", "della", "dos", "das", "of", "„", "“", "\"", "«", "'"})
# Before a country's name, a city of that name: "Ciudad de México", "Mexico City" aside.
_TOWN_OF = frozenset({"ciudad", "cidade", "citta", "city"})


def _street_or_town_before(keys: list[str], s: int) -> bool:
    """Is the name a street's ("calle Zaragoza", "Rua de Portugal", "Avda. de Extremadura",
    "ул. „България“") or a city's ("Ciudad de México")?"""
    i = s - 1
    while i >= 0 and keys[i] in _STREET_LINKS and s - i <= 3:
        i -= 1
    return i >= 0 and (keys[i].rstrip(".") in _STREET_BEFORE or keys[i] in _TOWN_OF and i < s - 1)


_OPERATORS = frozenset("+=×−–-/*<>")


def _inside_a_name_or_formula(pieces, s: int, e: int) -> bool:
    """Is a country's name part of a firm's ("P.F. Chang's China Bistro": after a possessive)
    or a code in a formula ("UNa + UK – UCl": capitals between operators)?"""
    prev = pieces[s - 1][2] if s > 0 else ""
    if prev == "s" and s > 2 and pieces[s - 2][2] in ("'", "’") and pieces[s - 3][2][:1].isupper():
        return True
    word = "".join(p[2] for p in pieces[s:e])
    nxt = pieces[e][2] if e < len(pieces) else ""
    return word.isupper() and len(word) <= 3 and (prev in _OPERATORS or nxt in _OPERATORS)


def _initial_after(pieces, e: int) -> bool:
    """Does the name stand before ", X." (a surname before an initial: "Soria, P.")?"""
    if pieces[e][2] != "," or e + 1 >= len(pieces):
        return False
    nxt = pieces[e + 1][2]
    if len(nxt) == 2 and nxt[0].isupper() and nxt[1] == ".":
        return True
    return len(nxt) == 1 and nxt.isupper() and e + 2 < len(pieces) and pieces[e + 2][2] == "."


def _capitalised(word: str) -> bool:
    """A capitalised word that is not an acronym ("New", "Maria"; not "CCDR", "EU")."""
    return len(word) > 1 and word[0].isupper() and word.isalpha() and not word.isupper()


@functools.lru_cache(maxsize=1 << 16)  # the same words come back on every page
def _key(piece: str) -> str:
    k = fold(piece)
    if k[-1:] in _APOSTROPHES:
        k = _ELIDED_ARTICLE.get(k[:-1] + "'", k[:-1] + "'")
    return k


def _tokenizer_pipeline(lang: str):
    """spaCy's blank pipeline of `lang`, which only tokenises here."""
    import spacy

    nlp = spacy.blank(lang)
    # Skip computing lexical attributes (shape, like_num...) for each new word, which is most
    # of the cost of tokenising the gazetteer's names.
    nlp.vocab.lex_attr_getters = {}  # type: ignore[attr-defined]  # spaCy's stubs omit it
    return nlp


_MATCHERS: dict[str, _LanguageMatcher] = {}  # per spaCy language code, built on first use or by `prepare`


def _matcher(lang: str) -> _LanguageMatcher:
    m = _MATCHERS.get(lang)
    if m is None:
        m = _MATCHERS[lang] = _LanguageMatcher(lang)
    return m


def prepare(languages: tuple[str, ...]) -> None:
    """The gazetteer and the matchers of `languages`, built once and kept in the on-disk cache
    (`cache.py`): the six languages' matchers take seconds to build and a fraction of one to
    read. Called before the workers fork (`warmup`); a process that does not call it builds
    each matcher on first use, as ever."""
    from . import cache

    codes = tuple(sorted({_language(code) for code in languages}))

    def build() -> tuple[gazetteer.Gazetteer, dict[str, _LanguageMatcher]]:
        return gazetteer.load_gazetteer(), {code: _matcher(code) for code in codes}

    gaz, matchers = cache.load_or_build("regions-" + "-".join(codes), build)
    gazetteer.use(gaz)  # one set of places for the gazetteer and every matcher
    _MATCHERS.update(matchers)


@functools.lru_cache(maxsize=None)
def _language(code: str) -> str:
    """A language spaCy knows, else "xx" (spaCy's multi-language tokenizer)."""
    from spacy.util import get_lang_class

    code = (code or "").lower().split("-")[0].split("_")[0]
    try:
        get_lang_class(code)
        return code
    except Exception:  # unknown code ("und", "")
        return "xx"


def supported(matches: list[RegionMatch]) -> list[RegionMatch]:
    """The matches of one document that stand: a region named by a bare table label
    (`needs_evidence`) stays only where the document names its country, or another place
    of that country by a name that needs no evidence ("Soria" in a text about Spain, not in
    one about a US firm's Ms Soria), and is nowhere else in it used as a non-place."""
    countries = {m.country for m in matches if not m.needs_evidence and not m.not_here}
    # "Ms Laura Bromley ... Bromley said": a name seen as not a place stays so in the document.
    others = {m.name for m in matches if m.not_here}
    return [
        m for m in matches
        if not m.not_here and not (m.needs_evidence and m.country not in countries)
        and not ((m.needs_evidence or m.known_town) and m.name in others)
        and not countries.intersection(m.abroad)
    ]


def find_regions(text: str, language: str) -> list[RegionMatch]:
    """Every mention of a region, country or city in `text` (sorted by start).

    `language` is an ISO 639-1 code; bg, sl, es, pt, it and en are supported (others are
    tokenised by spaCy's generic rules, without inflection)."""
    if not text.strip():
        return []
    return _matcher(_language(language)).find(text)
