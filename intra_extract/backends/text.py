"""Text backend: bytes to str with the encoding detected by charset-normalizer."""

from __future__ import annotations

import codecs

from ..errors import InputError

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes) -> str:
    # A byte-order mark is certain; the detector is a judgement, so it comes second.
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("bad_encoding", "the text file's encoding could not be detected (is it binary?)")
    return str(best)
