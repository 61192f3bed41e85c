"""Recommendation records that look like something other than a numbered item.

    .venv/bin/python bench/items_audit.py DATASET_DIR [-v]

Reads documents/*.json of a dataset written by `intra-extract run` and prints each
`recommendation` record that looks like a bibliography entry (a DOI, "et al.", a year in
brackets after names, a `[n]` reference marker) or a contents line (dot leaders, a trailing
page number), then the count per document and in all. Meant for inputs we did not write (the
real PDFs of issue 14, kept outside the repository): the target is 0. A record it prints is
a suspect to look at, not a proven error.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

SUSPECTS = {
    "doi": re.compile(r"(?i)\bdoi\b|\b10\.\d{4,9}/\S+"),
    "et al.": re.compile(r"\bet al\b\.?"),
    "names (year)": re.compile(r"[A-Z]\w*,?\s+(?:[A-Z]\.\s*)+(?:,|and|&|\()?.{0,80}?\(\d{4}[a-z]?\)"),
    "[n] reference": re.compile(r"^\s*\[\d{1,3}\]"),
    "dot leaders": re.compile(r"(?:\.\s?){4,}|…{2,}|_{4,}"),
    "trailing page number": re.compile(r"\D\s{2,}\d{1,4}\s*$|[.…]\s*\d{1,4}\s*$"),
}


def suspects(text: str) -> list[str]:
    return [name for name, pattern in SUSPECTS.items() if pattern.search(text)]


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    if len(args) != 1:
        print(__doc__)
        return 2
    per_doc: Counter[str] = Counter()
    per_kind: Counter[str] = Counter()
    items = 0
    for path in sorted((Path(args[0]) / "documents").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for rec in doc["records"]:
            if rec["kind"] != "recommendation":
                continue
            items += 1
            found = suspects(rec["text"])
            if found:
                per_doc[doc["source"]["path"]] += 1
                per_kind.update(found)
                print(f"{doc['source']['path']}: #{rec['number']} [{', '.join(found)}] {' '.join(rec['text'].split())[:110]!r}")
            elif verbose:
                print(f"{doc['source']['path']}: #{rec['number']} ok {' '.join(rec['text'].split())[:110]!r}")
    print()
    for name, n in per_doc.most_common():
        print(f"{n:5d}  {name}")
    print(f"{sum(per_doc.values())} suspect of {items} recommendation records; by sign: {dict(per_kind)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
