#!/usr/bin/env python3
"""Check docs/ and truth/: valid JSON with the keys score.py reads, every text present in its
document exactly as written, ISO dates with start <= end matching the granularity, item numbers
printed in the document. With -l, also list 4-digit numbers (1900-2099) not inside an annotated
date text, for a by-hand review. Standard library only."""

import calendar
import datetime as dt
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
LEVELS = {"country", "nuts1", "nuts2", "nuts3", "city"}
GRANS = {"day", "month", "quarter", "half", "year"}
errors = []


def err(stem, msg):
    errors.append(f"{stem}: {msg}")


def iso(s):
    return dt.date.fromisoformat(s)


def main(argv):
    lint = "-l" in argv
    docs = {p.stem: p for p in (ROOT / "docs").glob("*.txt")}
    truths = {p.stem: p for p in (ROOT / "truth").glob("*.json")}
    for s in sorted(set(docs) ^ set(truths)):
        err(s, "document without truth or truth without document")
    tot = {"docs": 0, "items": 0, "regions": 0, "dates": 0}
    for stem in sorted(set(docs) & set(truths)):
        text = docs[stem].read_text(encoding="utf-8")
        flat = " ".join(text.split())
        try:
            t = json.loads(truths[stem].read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            err(stem, f"invalid JSON: {e}")
            continue
        for k in ("language", "items", "regions", "dates"):
            if k not in t:
                err(stem, f"missing key {k}")
        if not isinstance(t.get("language"), str) or not re.fullmatch(
            r"[a-z]{2}|und", t.get("language", "")
        ):
            err(stem, f"bad language {t.get('language')!r}")
        tot["docs"] += 1
        for it in t.get("items", []):
            tot["items"] += 1
            if (
                not isinstance(it.get("number"), int)
                or not isinstance(it.get("text"), str)
                or not it["text"].strip()
            ):
                err(stem, f"bad item {it}")
                continue
            if it["text"] not in flat:
                # an item interrupted by another block: each of its pieces must be in the text
                words = it["text"].split()
                if not all(w in flat for w in words):
                    err(stem, f"item text not in document: {it['text'][:60]!r}")
            if not re.search(rf"(^|\s|\(){it['number']}[.)]", text):
                err(stem, f"item number {it['number']} not printed")
        for r in t.get("regions", []):
            tot["regions"] += 1
            for k in ("text", "nuts_code", "country", "level"):
                if k not in r:
                    err(stem, f"region missing {k}: {r}")
            if r.get("text") not in text:
                err(stem, f"region text not in document: {r.get('text')!r}")
            if r.get("level") not in LEVELS:
                err(stem, f"bad level {r}")
            nc = r.get("nuts_code")
            if nc is not None:
                want = {2: "country", 3: "nuts1", 4: "nuts2", 5: "nuts3"}.get(len(nc))
                if want != r.get("level"):
                    err(stem, f"level does not fit code: {r}")
            elif r.get("level") not in ("city", "country"):
                err(stem, f"null code needs city or non-NUTS country: {r}")
        for d in t.get("dates", []):
            tot["dates"] += 1
            for k in ("text", "start", "end", "granularity"):
                if k not in d:
                    err(stem, f"date missing {k}: {d}")
            if d.get("text") not in text:
                err(stem, f"date text not in document: {d.get('text')!r}")
            try:
                s, e = iso(d["start"]), iso(d["end"])
            except Exception:
                err(stem, f"bad ISO date {d}")
                continue
            if s > e:
                err(stem, f"start after end {d}")
            g = d.get("granularity")
            if g not in GRANS:
                err(stem, f"bad granularity {d}")
            if g in ("month", "quarter", "half", "year"):
                if s.day != 1 or e.day != calendar.monthrange(e.year, e.month)[1]:
                    err(stem, f"{g} range must cover whole months {d}")
            if g == "year" and (s.month, e.month) != (1, 12):
                err(stem, f"year range must be whole years {d}")
            years = re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", d["text"])
            for y in years:
                if not (s.year <= int(y) <= e.year):
                    err(stem, f"year {y} in text outside start..end {d}")
        if lint:
            spans = []
            for d in t.get("dates", []):
                for m in re.finditer(re.escape(d["text"]), text):
                    spans.append((m.start(), m.end()))
            for m in re.finditer(r"(?<![\d/])(19\d\d|20\d\d)(?![\d/])", text):
                if not any(a <= m.start() < b for a, b in spans):
                    ctx = text[max(0, m.start() - 30) : m.end() + 20].replace("\n", " ")
                    print(f"  lint {stem}: unannotated {m.group(0)} in …{ctx}…")
    for e in errors:
        print("ERROR", e)
    print(
        f"{tot['docs']} documents, {tot['items']} items, {tot['regions']} regions, {tot['dates']} dates; "
        f"{len(errors)} errors"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
