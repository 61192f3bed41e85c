"""Language identification: which language a document is written in, and which of the
configured languages each of its texts is in.

First the whole document against every profile langdetect ships (`document_language`): a
document in a language the pipeline is not configured for is reported as what it is (`fr`,
`de`, `zh`, ...), one with too little text (or a text no profile is sure of, such as lorem
ipsum) as `und`. Then, for a document in a configured language, langdetect made deterministic
(fixed seed) and restricted to the languages the pipeline names by loading only their profiles. Measured on the real Bulgarian bulletin's
lines of 25+ characters: 184 of 184 Cyrillic lines `bg` (unrestricted langdetect: 171).
Short texts (names, URLs, acronyms) are not detected at all (`detect` gives None): the
caller gives them the language of the text around them.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import NamedTuple

from .langdetect_exact import ExactDetector, Profiles, count

# The languages the project reads: the default of every pipeline, the dates grammar's
# month and context words, the gazetteer's names.
LANGUAGES = ("bg", "sl", "es", "pt", "it", "en")

MIN_LETTERS_BLOCK = 20  # below this a block inherits its language
MIN_LETTERS_SPAN = 60  # below this a record takes its block's language
CHUNK_LETTERS = 400  # neighbouring blocks are detected together up to about this many letters
SURE = 0.95  # below this probability a run of blocks is detected block by block
LETTER = re.compile(r"[^\W\d_]")
LETTERS = re.compile(r"[^\W\d_]+")  # runs: counting their lengths is faster than one match a letter
CYRILLIC_LETTERS = re.compile(  # runs of LETTER in U+0400..U+04FF
    "[" + "".join(re.escape(chr(c)) for c in range(0x400, 0x500) if LETTER.match(chr(c))) + "]+")
CYRILLIC_LANGUAGES = {"bg", "ru", "uk", "mk", "be", "kk", "ky", "mn", "tg"}  # as langdetect's profiles write them
NOISE = re.compile(r"(?i)\b(?:https?://\S+|www\.\S+|\S+@\S+)")
_WWW = re.compile(r"[wW](?=[wW][wW]\.)")


@lru_cache(maxsize=1)
def available_languages() -> tuple[str, ...]:
    from langdetect.detector_factory import PROFILES_DIRECTORY

    return tuple(sorted(os.listdir(PROFILES_DIRECTORY)))


def factory(languages: tuple[str, ...]):
    """langdetect's own factory, seeded, with the profiles of `languages` only."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    made = DetectorFactory()
    made.seed = 0
    profiles = []
    for code in languages:
        with open(os.path.join(PROFILES_DIRECTORY, code), encoding="utf-8") as fh:
            profiles.append(fh.read())
    made.load_json_profile(profiles)
    return made


@lru_cache(maxsize=8)
def _detector(languages: tuple[str, ...]) -> ExactDetector:
    """The detector of `languages`; their profiles from the on-disk cache (`cache.py`) when
    there: read back four times faster than langdetect reads its JSON profiles."""
    from . import cache

    name = "langdetect-" + ("all" if languages == available_languages() else "-".join(languages))
    return ExactDetector(cache.load_or_build(name, lambda: Profiles.of(factory(languages))))


def detect(text: str, languages: tuple[str, ...], min_letters: int = MIN_LETTERS_BLOCK) -> str | None:
    """The most probable of `languages` for `text`, or None when it has fewer letters than
    `min_letters` (the caller then falls back to the text around it)."""
    return detect_clean(clean(text), languages, min_letters)[0]


class Clean(NamedTuple):
    text: str  # without NOISE
    letters: int


def clean(text: str, letters: int | None = None) -> Clean:
    """`text` without URLs and e-mail addresses, and its letter count. `letters`: the count of
    `text` already known; it holds when NOISE changes nothing."""
    # NOISE needs `://`, `@` or `www.` (any case: only w and W); testing is faster than its search
    cleaned = NOISE.sub(" ", text) if "://" in text or "@" in text or _WWW.search(text) else text
    if letters is None or cleaned != text:
        letters = count(LETTERS, cleaned)
    return Clean(cleaned, letters)


def detect_clean(cleaned: Clean, languages: tuple[str, ...], min_letters: int) -> tuple[str | None, float]:
    """`detect` of a text already cleaned, with the probability of its verdict."""
    if cleaned.letters < max(min_letters, 1):
        return None, 0.0
    if len(languages) == 1:
        return languages[0], 1.0
    # Mostly Cyrillic text, and one configured language written in Cyrillic: the restriction
    # has decided already (langdetect agrees on 184 of 184 lines of the real bulletin).
    cyrillic = [code for code in languages if code in CYRILLIC_LANGUAGES]
    if len(cyrillic) == 1:
        share = count(CYRILLIC_LETTERS, cleaned.text) / cleaned.letters
        if share > 0.5:
            return cyrillic[0], share
    try:
        best = _detector(tuple(languages)).probabilities(cleaned.text)[0]
    except Exception:  # LangDetectException: no features in text
        return None, 0.0
    return best.lang, best.prob


UNDETERMINED = "und"
MIN_LETTERS_DOCUMENT = 40  # below this a document's language is not told
SURE_DOCUMENT = 0.5  # at most this (langdetect's trials split), and no configured language likely: `und`
SAMPLE = 3000  # characters of a document read to tell its language among every profile
LIKELY = 0.2  # a configured language at least this likely keeps the document among the configured


# The words of the printers' placeholder text ("lorem ipsum ..."): it is no language, though
# langdetect, which must name one of its profiles, may be sure it is Catalan.
PLACEHOLDER = frozenset(
    "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et "
    "dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex ea "
    "commodo consequat duis aute irure in reprehenderit voluptate velit esse cillum eu fugiat nulla pariatur "
    "excepteur sint occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum "
    # its longer source, and the variant some generators print
    "perspiciatis unde omnis iste natus error voluptatem accusantium doloremque laudantium totam rem aperiam "
    "eaque ipsa quae ab illo inventore veritatis quasi architecto beatae vitae dicta explicabo nemo ipsam quia "
    "voluptas aspernatur aut odit fugit consequuntur magni dolores eos ratione sequi nesciunt neque porro "
    "quisquam dolorem adipisci numquam eius modi tempora incidunt quaerat "
    "consetetur sadipscing elitr diam nonumy eirmod invidunt aliquyam erat voluptua at vero accusam justo duo "
    "rebum stet clita kasd gubergren no sea takimata sanctus".split()
)


def is_placeholder(text: str) -> bool:
    words = LETTERS.findall(text.lower())
    return bool(words) and sum(w in PLACEHOLDER for w in words) * 2 > len(words)


def iso639_1(code: str) -> str:
    """langdetect's profile name as ISO 639-1 (`zh-cn`, `zh-tw` -> `zh`)."""
    return code.split("-")[0]


def document_language(cleans: list[Clean], allowed: tuple[str, ...]) -> str | None:
    """The document's language among every profile langdetect ships, when it is not one of
    `allowed`; None when it is (or may be) one of them, the restricted detection then decides.
    UNDETERMINED for too little text or a verdict no profile is sure of."""
    letters = sum(c.letters for c in cleans)
    if letters < MIN_LETTERS_DOCUMENT:
        return UNDETERMINED
    sample = _sample(cleans)
    if sum(map(str.isupper, sample)) * 2 > sum(map(str.isalpha, sample)):
        sample = sample.lower()  # n-grams of capitals mislead (a table of names in capitals read as German)
    if is_placeholder(sample):
        return UNDETERMINED
    try:
        found = _detector(available_languages()).probabilities(sample)
    except Exception:  # LangDetectException: no features in text
        return UNDETERMINED
    probs: dict[str, float] = {}
    for f in found:  # zh-cn and zh-tw are one language
        probs[iso639_1(f.lang)] = probs.get(iso639_1(f.lang), 0.0) + f.prob
    if any(code in allowed and p >= LIKELY for code, p in probs.items()):
        return None
    best = max(probs, key=lambda code: (probs[code], code))
    return best if probs[best] > SURE_DOCUMENT else UNDETERMINED


def _sample(cleans: list[Clean]) -> str:
    """About SAMPLE characters of the texts, taken evenly over the document: its first page
    alone may be a table of names or a title in capitals."""
    total = sum(len(c.text) for c in cleans)
    stride = max(1, round(total / SAMPLE))
    picked, size = [], 0
    for i, c in enumerate(cleans):
        if i % stride == 0 or total <= SAMPLE:
            picked.append(c.text[:SAMPLE])
            size += len(picked[-1])
    return " ".join(picked)


class Languages(NamedTuple):
    language: str  # the document's: the one with the most letters
    shares: dict[str, float]  # language -> share of the detected letters, largest first
    per_text: list[str]  # parallel to the texts given
    configured: bool = True  # False: the document is in none of the configured languages


def languages_of(texts: list[str], allowed: tuple[str, ...]) -> Languages:
    """The languages of a document's texts (its blocks, in reading order). A text too short
    to tell takes the nearest detected text before it, else the document's language. A
    document in no configured language: its own language for every text (`configured` False)."""
    letters = [count(LETTERS, text) for text in texts]
    cleans = [clean(t, n) for t, n in zip(texts, letters)]
    outside = document_language(cleans, allowed)
    if outside is not None:
        return Languages(outside, {outside: 1.0} if outside != UNDETERMINED else {}, [outside] * len(texts), False)
    found = _codes(cleans, letters, allowed)
    weight: dict[str, int] = {}
    for n, code in zip(letters, found):
        if code:
            weight[code] = weight.get(code, 0) + n
    total = sum(weight.values())
    shares = {k: round(v / total, 4) for k, v in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))} if total else {}
    if not shares:  # every text too short alone: the document's texts together
        joined = Clean(" ".join(c.text for c in cleans), sum(c.letters for c in cleans))
        language = detect_clean(joined, allowed, MIN_LETTERS_BLOCK)[0] or UNDETERMINED
    else:
        language = next(iter(shares))
    last = language
    per_text = []
    for code in found:
        last = code or last
        per_text.append(last)
    return Languages(language, shares, per_text)


def _codes(cleans: list[Clean], letters: list[int], allowed: tuple[str, ...]) -> list[str | None]:
    """Each text's language, or None for a text too short to tell. Detection runs on runs
    of neighbouring texts of some CHUNK_LETTERS letters at once, a run's verdict taken for
    each of its texts when the detector is sure of it; a run it is unsure of (two languages
    in it) is detected text by text. Most documents speak one language: a few calls do.
    A run's text is its texts' cleaned texts joined (NOISE never spans a space), its counts
    their sums: each text is cleaned and counted once."""
    found: list[str | None] = [None] * len(cleans)
    run: list[int] = []
    run_letters = 0
    for i in range(len(cleans) + 1):
        if i < len(cleans):
            run.append(i)
            run_letters += letters[i]
            if run_letters < CHUNK_LETTERS:
                continue
        if not run:
            break
        joined = Clean(" ".join(cleans[j].text for j in run), sum(cleans[j].letters for j in run))
        code, sure = detect_clean(joined, allowed, MIN_LETTERS_BLOCK)
        for j in run:
            if letters[j] >= MIN_LETTERS_BLOCK:
                found[j] = code if code and sure >= SURE else detect_clean(cleans[j], allowed, MIN_LETTERS_BLOCK)[0]
        run, run_letters = [], 0
    return found
