"""Stage `links`: URLs with or without scheme, normalised, one record per URL per document
(at its first mention)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from .. import model
from ..records import locator_of, new_record
from ..state import DocState
from . import stage

# Top-level domains we accept for a bare "host.tld/path" with neither scheme nor www.
BARE_TLDS = "eu|int|com|org|net|info|bg|si|es|pt|it|uk|de|fr|at|be|nl|hr|gr|ro|pl|cz|sk|hu|ie|io|gov|edu"
URL = re.compile(
    rf"""(?ix)
    (?<![\w@/.-])
    (?:
        (?:https?|ftp)://[^\s<>"'«»“”]+
      | www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/?#][^\s<>"'«»“”]*)?
      | [a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:{BARE_TLDS})/[^\s<>"'«»“”]*
    )
    """
)
TRAILING = ".,;:!?)]}'\"…"


def find_links(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalised url) for every URL mention, in order."""
    out = []
    for m in URL.finditer(text):
        raw = m.group()
        while raw and raw[-1] in TRAILING:
            if raw[-1] == ")" and raw.count("(") > raw.count(")") - 1:
                break  # a bracket that belongs to the URL, as in Wikipedia links
            raw = raw[:-1]
        if "." not in raw:
            continue
        out.append((m.start(), m.start() + len(raw), normalise_url(raw)))
    return out


def normalise_url(raw: str) -> str:
    if not re.match(r"(?i)^[a-z][a-z0-9+.-]*://", raw):
        raw = "http://" + raw
    parts = urlsplit(raw)
    path = parts.path.rstrip("/") if parts.path not in ("", "/") else ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, parts.fragment))


@stage("links", reads=("text", "block_languages"), writes=("records",))
def links(doc: DocState, options) -> None:
    locator = locator_of(doc)
    seen: set[str] = set()
    for start, end, url in find_links(doc.text):
        if url not in seen:
            seen.add(url)
            doc.records.append(new_record(doc, model.Link, start, end, locator, url=url))
