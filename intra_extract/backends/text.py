"""Text backend: bytes to str, the encoding detected.

A byte-order mark is certain and UTF-8 that decodes is nearly so. Otherwise
charset-normalizer proposes encodings, together with the legacy code pages of the
pipeline's languages, and we keep the decoding whose non-ASCII letters belong to the
alphabet (from langdetect's profiles) of the language it reads as: Windows-1250 and
Windows-1252 both decode Spanish bytes, but only one of them turns `ñ` into `ñ`
rather than `ń`, and only one leaves an English bullet a bullet rather than `ò`.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from functools import lru_cache

from ..errors import InputError

BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
CODE_PAGES = {
    "bg": ("cp1251", "koi8_r", "iso8859_5", "mac_cyrillic", "cp866"),
    "sl": ("cp1250", "iso8859_2"),
    "es": ("cp1252", "iso8859_15", "iso8859_1"),
    "pt": ("cp1252", "iso8859_15", "iso8859_1"),
    "it": ("cp1252", "iso8859_15", "iso8859_1"),
    "en": ("cp1252", "iso8859_1"),
}
MIN_LETTER_SHARE = 1e-4  # a letter rarer than this in a language's profile is not its own


@lru_cache(maxsize=16)
def alphabet(languages: tuple[str, ...]) -> frozenset[str]:
    """Non-ASCII letters in common use in any of `languages`."""
    from langdetect.detector_factory import PROFILES_DIRECTORY

    letters: set[str] = set()
    for code in languages:
        with open(os.path.join(PROFILES_DIRECTORY, code), encoding="utf-8") as fh:
            profile = json.load(fh)
        total = profile["n_words"][0]
        letters.update(k for k, v in profile["freq"].items()
                       if len(k) == 1 and ord(k) > 127 and k.isalpha() and v / total >= MIN_LETTER_SHARE)
        letters.update(ch.upper() for ch in list(letters))
    return frozenset(letters)


def decode(data: bytes, languages: tuple[str, ...] = tuple(CODE_PAGES)) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if data.count(b"\x00") > len(data) // 4:  # UTF-16 without a BOM
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
                if text.isprintable() or "\n" in text:
                    return text
            except UnicodeDecodeError:
                pass
    from charset_normalizer import from_bytes

    proposed = [match.encoding for match in from_bytes(data)]
    candidates = list(dict.fromkeys(proposed + [cp for lang in languages for cp in CODE_PAGES.get(lang, ())]))
    from ..language import detect

    best: tuple[int, str] | None = None
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        # judge the letters by the alphabet of the language this decoding reads as
        language = detect(text[:20000], tuple(languages)) or languages[0]
        score = _score(text, alphabet((language,)))
        if best is None or score > best[0]:
            best = (score, text)
    if best is None:  # pragma: no cover - latin-1 decodes anything; kept for safety
        raise InputError("bad_encoding", "the text file's encoding could not be detected (is it binary?)")
    return best[1]


CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
MIXED_SCRIPT = re.compile(r"\b(?=\w*[A-Za-z\u00c0-\u024f])(?=\w*[\u0400-\u04ff])\w+")


def _score(text: str, known: frozenset[str]) -> int:
    """Higher for a decoding that looks like text in the expected languages: their letters,
    no letters from elsewhere or from outside the text's main script (an English text's
    bullet read as `Х`), no words that mix Latin and Cyrillic (`Кesta`), no controls."""
    cyrillic = len(CYRILLIC.findall(text))
    main_is_cyrillic = cyrillic > len(LATIN.findall(text))
    letters = 0
    for ch in text:
        if ord(ch) > 127 and ch.isalpha():
            letters += 2 if ch in known else -3
            if bool(CYRILLIC.match(ch)) != main_is_cyrillic:
                letters -= 5
    mixed = len(MIXED_SCRIPT.findall(text))
    controls = sum(not ch.isprintable() and ch not in "\r\n\t\x0c" for ch in text)
    return letters - 10 * mixed - 5 * controls
