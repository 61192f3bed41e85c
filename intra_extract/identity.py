"""Names a document goes by in the dataset.

`doc_id` names one version of a file (its content); `document_key` names the file itself, so it
stays the same when the file is re-issued under the same path with new bytes. Corrections and
anything else that must follow a document across versions are keyed by `document_key`.
"""

from __future__ import annotations

import hashlib
import re


def _slug(text: str, limit: int = 60) -> str:
    from anyascii import anyascii

    return re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")[:limit] or "document"


def make_doc_id(rel_path: str, sha256: str) -> str:
    """The file's stem in ASCII, slugged, plus a short content hash: `bulletin-6-bg-1a2b3c4d5e`."""
    stem = rel_path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return f"{_slug(stem)}-{sha256[:10]}"


def document_key(rel_path: str) -> str:
    """Stable for a source path across re-issues: the path slugged, plus a short hash of the
    path itself, so `a/report.pdf` and `b/report.pdf` (or `a b.pdf` and `a-b.pdf`) differ.
    Surrogate escapes (names that are not UTF-8) hash by their original bytes."""
    digest = hashlib.sha256(rel_path.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return f"{_slug(rel_path.rsplit('.', 1)[0])}-{digest}"
