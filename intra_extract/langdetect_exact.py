"""langdetect's detector, bit for bit, about four times faster.

`ExactDetector(Profiles.of(factory)).probabilities(text)` returns what langdetect's
`factory.create(); d.append(text); d.get_probabilities()` returns: the same cleaned text,
the same n-grams in the same order, the same random draws and the same floating-point
operations in the same order, so the same probabilities to the last bit. It is faster
because a token's n-grams are cached (texts repeat their words) and the trials run in code
unrolled over the languages. It reads langdetect's class constants and profiles, and
inlines `random.choice`; `tests/test_language.py` compares it with langdetect itself, so an
upgrade of either that breaks the identity fails there.

Why not another detector: the language stage's verdicts were measured with langdetect
(184 of 184 lines of the real bulletin), and this keeps every one of them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple


def count(runs: re.Pattern, text: str) -> int:
    """Characters in the matches of `runs` (a pattern of runs: one match a run, not a character)."""
    return sum(map(len, runs.findall(text)))


class _NormalisedChars(dict):
    """str.translate table: langdetect's NGram.normalize, computed once per character."""

    def __init__(self, normalize):
        super().__init__()
        self.normalize = normalize

    def __missing__(self, code: int) -> str:
        self[code] = ch = self.normalize(chr(code))
        return ch


class Profiles(NamedTuple):
    """What the detector reads of a langdetect factory, compact: langdetect keeps each n-gram's
    row as a list of one float per language (55 languages: 57 MiB, shared by every worker),
    though an n-gram has two non-zero probabilities on average. Here a row is its non-zero
    entries only, `(index, probability, index, probability, ...)`: 12 MiB. The detector makes
    a full row again when an n-gram is first read, with the same floats (`ExactDetector._row`)."""

    langlist: tuple[str, ...]
    rows: dict[str, tuple]  # n-gram -> its non-zero entries
    seed: int | None
    max_text_length: int
    n_trial: int
    alpha: float

    @classmethod
    def of(cls, factory) -> "Profiles":
        plain = factory.create()  # its per-instance settings
        if plain.prior_map is not None:
            raise ValueError("a prior map is not supported")
        rows = {gram: tuple(x for i, p in enumerate(row) if p != 0.0 for x in (i, p))
                for gram, row in factory.word_lang_prob_map.items()}
        return cls(tuple(factory.langlist), rows, factory.seed, plain.max_text_length, plain.n_trial, plain.alpha)


class ExactDetector:
    """langdetect's `Detector(factory).append(text); .get_probabilities()`, bit for bit (see the
    module's docstring for how, and for the test that checks it), from `Profiles.of(factory)`."""

    MAX_TOKENS = 200_000  # the token cache is emptied when it grows past this
    MAX_ROWS = 30_000  # the full rows made (about 0.5 KB each for 55 languages), likewise

    def __init__(self, profiles: Profiles):
        from langdetect.detector import Detector
        from langdetect.utils.ngram import NGram

        self.langlist = list(profiles.langlist)
        self.word_map = profiles.rows
        self.seed = profiles.seed
        self.chars = _NormalisedChars(NGram.normalize)
        self.tokens: dict[tuple[str, bool], tuple[tuple[float, ...], ...]] = {}
        self.full: dict[str, tuple[float, ...]] = {}
        self.trial = _trial_function(len(self.langlist))
        self.D = Detector  # its class constants
        self.max_text_length, self.n_trial, self.alpha = profiles.max_text_length, profiles.n_trial, profiles.alpha
        self.vi_mark = re.compile("[" + NGram.DMARK_CLASS + "]")

    def probabilities(self, text: str) -> list:
        """What Detector.get_probabilities() returns after Detector.append(text); raises as it does."""
        from langdetect.lang_detect_exception import ErrorCode, LangDetectException
        from langdetect.language import Language

        D = self.D
        rows = self._rows(self._text(text))
        if not rows:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        langprob = self._detect_block(rows)
        result = [Language(lang, p) for (lang, p) in zip(self.langlist, langprob) if p > D.PROB_THRESHOLD]
        result.sort(reverse=True)
        return result

    def _text(self, text: str) -> str:
        """Detector.text after Detector.append(text) and Detector.cleaning_text()."""
        from langdetect.utils.ngram import NGram

        D = self.D
        # append; MAIL_RE needs an @, normalize_vi a combining mark: tested first, being faster
        text = D.URL_RE.sub(" ", text)
        if "@" in text:
            text = D.MAIL_RE.sub(" ", text)
        if self.vi_mark.search(text):
            text = NGram.normalize_vi(text)
        text = _SPACES.sub(" ", text[:self.max_text_length])
        # cleaning_text (its block test compares an int with a str: always unequal)
        if count(_LATIN, text) * 2 < count(_FROM_U0300, text):
            text = _LATIN.sub("", text)
        return text

    def _row(self, gram: str) -> tuple[float, ...]:
        """langdetect's row of `gram`: a probability per language, 0.0 where it has none
        (`p *= weight + 0.0` is `p *= weight` to the bit, as in langdetect)."""
        row = self.full.get(gram)
        if row is None:
            if len(self.full) > self.MAX_ROWS:
                self.full.clear()
            values = [0.0] * len(self.langlist)
            entries = self.word_map[gram]
            for k in range(0, len(entries), 2):
                values[entries[k]] = entries[k + 1]
            row = self.full[gram] = tuple(values)
        return row

    def _rows(self, text: str) -> list[tuple[float, ...]]:
        """Detector._extract_ngrams, each n-gram as its row of word_lang_prob_map. NGram restarts
        after every space, so a token's n-grams depend on it and on whether a space follows."""
        tokens = text.split(" ")
        last = len(tokens) - 1
        cache = self.tokens
        if len(cache) > self.MAX_TOKENS:
            cache.clear()
        out: list[tuple[float, ...]] = []
        row = self._row
        for i, token in enumerate(tokens):
            if token:
                key = (token, i < last)
                rows = cache.get(key)
                if rows is None:
                    rows = cache[key] = tuple(row(w) for w in self._token_ngrams(*key))
                out.extend(rows)
        return out

    def _token_ngrams(self, token: str, spaced: bool) -> list[str]:
        words = token.translate(self.chars).split(" ")  # normalising can make spaces
        out: list[str] = []
        for k, word in enumerate(words):
            if word:
                self._word_ngrams(" " + word + (" " if spaced or k < len(words) - 1 else ""), out)
        return out

    def _word_ngrams(self, padded: str, out: list[str]) -> None:
        """NGram.add_char over `padded` (a word after a space): after char j the grams are
        padded[j-2:j+1]; none while in a word of capitals."""
        word_map = self.word_map
        capital = prev_upper = False
        for j in range(1, len(padded)):
            ch = padded[j]
            upper = ch.isupper()
            if upper:
                if prev_upper:
                    capital = True
            else:
                capital = False
            prev_upper = upper
            if capital:
                continue
            if ch != " " and ch in word_map:
                out.append(ch)
            if padded[j - 1:j + 1] in word_map:
                out.append(padded[j - 1:j + 1])
            if j >= 2 and padded[j - 2:j + 1] in word_map:
                out.append(padded[j - 2:j + 1])

    def _detect_block(self, rows: list[tuple[float, ...]]) -> list[float]:
        """Detector._detect_block from the n-grams on."""
        import random

        D = self.D
        n_lang = len(self.langlist)
        n_trial = self.n_trial
        langprob = [0.0] * n_lang
        rnd = random.Random(self.seed)
        k = len(rows).bit_length()  # random.choice's _randbelow(len(rows)), inlined in the trial
        for _ in range(n_trial):
            prob = [1.0 / n_lang] * n_lang
            alpha = self.alpha + rnd.gauss(0.0, 1.0) * D.ALPHA_WIDTH
            prob = self.trial(rows, k, rnd.getrandbits, alpha / D.BASE_FREQ, D.ITERATION_LIMIT, D.CONV_THRESHOLD, *prob)
            for j in range(n_lang):
                langprob[j] += prob[j] / n_trial
        return langprob


_SPACES = re.compile("  +")
_LATIN = re.compile("[A-z]+")  # langdetect's 'A' <= ch <= 'z'
_FROM_U0300 = re.compile("[\u0300-\U0010ffff]+")


@lru_cache(maxsize=None)
def _trial_function(n_lang: int):
    """One trial of Detector._detect_block for `n_lang` languages, unrolled: a probability is a
    local, not a list item (4x faster), and the five updates between two normalisations run
    straight. Draws inline random.choice (`seq[_randbelow(len(seq))]`)."""
    import random

    if random.Random._randbelow is not random.Random._randbelow_with_getrandbits:  # type: ignore[attr-defined]
        raise RuntimeError("random.choice changed: the inlined draw would not match langdetect")
    ps = "".join(f"p{j}, " for j in range(n_lang))
    update = [  # Detector._update_lang_prob on a random n-gram
        "r = getrandbits(k)",
        "while r >= n:",
        "    r = getrandbits(k)",
        f"{ps.replace('p', 'f')}= rows[r]",
        *(f"p{j} *= weight + f{j}" for j in range(n_lang)),
    ]
    normalise = [  # Detector._normalize_prob, then the test to stop
        f"s = sum(({ps}))",
        *(f"p{j} = p{j} / s" for j in range(n_lang)),
        "maxp = 0.0",
        *(f"if maxp < p{j}: maxp = p{j}" for j in range(n_lang)),
        "if maxp > conv or i >= limit:",
        f"    return ({ps})",
    ]
    src = [
        f"def trial(rows, k, getrandbits, weight, limit, conv, {ps}):",
        "    n = len(rows)",
        "    i = 0",
        *("    " + line for line in update),
        "    while True:",
        *("        " + line for line in normalise),
        *("        " + line for line in update * 5),
        "        i += 5",
    ]
    namespace: dict = {}
    exec("\n".join(src), namespace)
    return namespace["trial"]
