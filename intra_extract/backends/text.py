"""Text backend: bytes to str, the encoding detected.

Binary content (a known file signature, or control bytes no text has) is `not_text`. A
byte-order mark is certain and UTF-8 that decodes is nearly so; UTF-8 with a few stray bytes
(far fewer than its own multi-byte letters) stays UTF-8, the strays replaced by U+FFFD and
counted in a warning, rather than the whole file read in a legacy code page. Otherwise
charset-normalizer proposes encodings, together with the legacy code pages of the
pipeline's languages, and we keep the decoding whose non-ASCII letters belong to the
alphabet (from langdetect's profiles) of the language it reads as: Windows-1250 and
Windows-1252 both decode Spanish bytes, but only one of them turns `ñ` into `ñ`
rather than `ń`, and only one leaves an English bullet a bullet rather than `ò`. Where no
decoding gives text without control characters, the file is `bad_encoding`. Control
characters never reach the text: the few a text file may hold are removed, with a warning.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from functools import lru_cache

from .. import model
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
# What other files start with: a file named .txt that starts so is not text.
SIGNATURES = ((b"%PDF-", "a PDF"), (b"\x7fELF", "a program (ELF)"), (b"PK\x03\x04", "a ZIP archive"),
              (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"), (b"\xff\xd8\xff", "a JPEG image"),
              (b"\x1f\x8b", "a gzip archive"), (b"\xd0\xcf\x11\xe0", "an Office document"),
              (b"Rar!", "a RAR archive"), (b"7z\xbc\xaf", "a 7-Zip archive"), (b"MZ\x90\x00", "a program (EXE)"))
# Control characters a text may hold (tab, line feed, carriage return, form feed) and those it
# may not: the rest of C0, DEL and C1.
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
C0_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")  # the same in every code page
MAX_CONTROL_SHARE = 0.01  # more than this, and the bytes are not text in any encoding
# One UTF-8 multi-byte character (well formed): many of these and a few stray bytes is UTF-8.
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
STRAYS_PER_LETTER = 0.25  # at most one stray byte per four well-formed multi-byte letters


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


def decode_text(data: bytes, languages: tuple[str, ...] = tuple(CODE_PAGES)) -> tuple[str, list[model.Warning]]:
    """The text of a text file, and warnings for what was replaced or removed on the way.
    Raises InputError `not_text` for binary content and `bad_encoding` where nothing decodes."""
    warnings = []
    text, replaced, encoding = _decode(data, languages)
    if replaced:
        warnings.append(model.Warning(code="replaced_bytes",
                                      message=f"{replaced} byte(s) that are not {encoding} were replaced by U+FFFD"))
    text, removed = CONTROLS.subn("", text)
    if removed:
        warnings.append(model.Warning(code="control_characters",
                                      message=f"{removed} control character(s) removed from the text"))
    return text, warnings


def _decode(data: bytes, languages: tuple[str, ...]) -> tuple[str, int, str]:
    """(text, how many undecodable bytes were replaced by U+FFFD, the encoding)."""
    for signature, kind in SIGNATURES:
        if data.startswith(signature):
            raise InputError("not_text", f"the file is named as text but is {kind}")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            replaced = text.count("\ufffd")
            if replaced > MAX_CONTROL_SHARE * len(text) or _controls(text):
                raise InputError("bad_encoding", f"the file starts with a {encoding.upper()} byte-order mark "
                                                 f"but does not decode as {encoding.upper()}")
            return text, replaced, encoding.upper()
    try:
        return _not_binary(data.decode("utf-8")), 0, "UTF-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    strays = text.count("\ufffd") - data.count("\ufffd".encode())
    if strays <= STRAYS_PER_LETTER * len(UTF8_MULTIBYTE.findall(data)):
        return _not_binary(text), strays, "UTF-8"
    if data.count(b"\x00") > len(data) // 4:  # UTF-16 without a BOM
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
                if (text.isprintable() or "\n" in text) and not _controls(text):
                    return text, 0, encoding
            except UnicodeDecodeError:
                pass
    if len(C0_BYTES.findall(data)) > MAX_CONTROL_SHARE * max(len(data), 100):  # in any code page
        raise InputError("not_text", "the file is named as text but holds binary data (control bytes)")
    from charset_normalizer import from_bytes

    proposed = [match.encoding for match in from_bytes(data)]
    candidates = list(dict.fromkeys(proposed + [cp for lang in languages for cp in CODE_PAGES.get(lang, ())]))
    from ..language import detect

    best: tuple[int, str, frozenset[str]] | None = None
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _controls(text):
            continue
        # judge the letters by the alphabet of the language this decoding reads as
        language = detect(text[:20000], tuple(languages)) or languages[0]
        known = alphabet((language,))
        score = _score(text, known)
        if best is None or score > best[0]:
            best = (score, text, known)
    if best is None or _mostly_foreign(best[1], best[2]):
        raise InputError("bad_encoding", "no encoding of the pipeline's languages reads this file as text "
                                         "in one of them (control characters, or letters of none)")
    return best[1], 0, ""


def _mostly_foreign(text: str, known: frozenset[str]) -> bool:
    """Whether most of the (more than a few) non-ASCII letters are outside the alphabet."""
    letters = [ch for ch in text if ord(ch) > 127 and ch.isalpha()]
    return len(letters) > 20 and sum(ch not in known for ch in letters) > len(letters) / 2


def _controls(text: str) -> bool:
    """Whether `text` holds more control characters than a text does."""
    return len(CONTROLS.findall(text)) > MAX_CONTROL_SHARE * max(len(text), 100)


def _not_binary(text: str) -> str:
    if _controls(text):
        raise InputError("not_text", "the file is named as text but holds binary data (control characters)")
    return text


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
