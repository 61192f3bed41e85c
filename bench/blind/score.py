#!/usr/bin/env python3
"""Score an intra-extract dataset folder against the blind truth files.

usage: score.py DATASET_DIR TRUTH_DIR [-v]

DATASET_DIR holds documents/*.json as written by `intra-extract run` (CONTRACT.md);
each document is matched to truth/<stem>.json by the stem of its source.path.
-v lists, per document, the missed (FN) and spurious (FP) records.
Standard library only.
"""
import json
import re
import sys
import unicodedata
from pathlib import Path

def norm(s):
    s = unicodedata.normalize("NFKC", s or "").replace("\u2019", "'").replace("\u00ad", "")
    return " ".join(s.split()).casefold()

def tokens(s):
    return set(re.findall(r"\w+", norm(s)))

def jaccard(a, b):
    ta, tb = tokens(a), tokens(b)
    if not ta and not tb:
        return 1.0
    return len(ta & tb) / len(ta | tb)

def text_overlap(a, b):
    a, b = norm(a), norm(b)
    return bool(a) and bool(b) and (a in b or b in a)

def item_ok(p, t):
    return p["number"] == t["number"] and jaccard(p["text"], t["text"]) >= 0.8

def region_ok(p, t):
    return p["nuts_code"] == t["nuts_code"] and text_overlap(p["text"], t["text"])

def date_ok(p, t):
    return p["start"] == t["start"] and p["end"] == t["end"] and text_overlap(p["text"], t["text"])

def match(pred, truth, ok, key=None):
    """Multiset matching in order of appearance: each prediction takes the earliest unmatched
    truth record it matches (for items, the best-scoring one). Returns (tp, fp list, fn list)."""
    used = [False] * len(truth)
    fps = []
    for p in pred:
        cands = [j for j, t in enumerate(truth) if not used[j] and ok(p, t)]
        if not cands:
            fps.append(p)
            continue
        j = max(cands, key=lambda j: key(p, truth[j])) if key else cands[0]
        used[j] = True
    fns = [t for j, t in enumerate(truth) if not used[j]]
    return len(pred) - len(fps), fps, fns

def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f

def predicted(doc):
    items, regions, dates = [], [], []
    for r in doc.get("records", []):
        k = r.get("kind")
        if k == "recommendation":
            body = r.get("body")
            items.append({"number": r.get("number"), "text": body if body is not None else r.get("text", "")})
        elif k == "region":
            regions.append({"text": r.get("text", ""), "nuts_code": r.get("nuts_code"),
                            "country": r.get("country"), "level": r.get("level")})
        elif k == "date":
            dates.append({"text": r.get("text", ""), "start": r.get("start"), "end": r.get("end"),
                          "granularity": r.get("granularity")})
    return items, regions, dates

def short(rec, kind):
    if kind == "items":
        t = " ".join(rec["text"].split())
        return f'#{rec["number"]} {t[:90]!r}'
    if kind == "regions":
        return f'{rec["text"]!r} {rec["nuts_code"]} {rec.get("country")} {rec.get("level")}'
    return f'{rec["text"]!r} {rec["start"]}..{rec["end"]} {rec.get("granularity")}'

def main(argv):
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    if len(args) != 2:
        print(__doc__)
        return 2
    ds, truth_dir = Path(args[0]), Path(args[1])
    docs = {}
    for f in sorted((ds / "documents").glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        docs[Path(d["source"]["path"]).stem] = d
    kinds = ("items", "regions", "dates")
    tot = {k: [0, 0, 0] for k in kinds}
    lang_ok = lang_n = 0
    missing = []
    print(f'{"document":34s} {"lang":>9s} | ' + " | ".join(f"{k:^20s}" for k in kinds))
    print(f'{"":34s} {"":>9s} | ' + " | ".join(f'{"P":>6s}{"R":>7s}{"F1":>7s}' for _ in kinds))
    for tf in sorted(truth_dir.glob("*.json")):
        stem = tf.stem
        truth = json.loads(tf.read_text(encoding="utf-8"))
        doc = docs.get(stem)
        if doc is None:
            missing.append(stem)
            doc = {"language": None, "records": []}
        pi, pr, pd = predicted(doc)
        res = {
            "items": match(pi, truth["items"], item_ok, key=lambda p, t: jaccard(p["text"], t["text"])),
            "regions": match(pr, truth["regions"], region_ok),
            "dates": match(pd, truth["dates"], date_ok),
        }
        good = [truth["language"]] + truth.get("language_alternatives", [])
        lok = doc.get("language") in good
        lang_ok += lok
        lang_n += 1
        cells = []
        for k in kinds:
            tp, fps, fns = res[k]
            tot[k][0] += tp
            tot[k][1] += len(fps)
            tot[k][2] += len(fns)
            p, r, f = prf(tp, len(fps), len(fns))
            cells.append(f"{p:6.2f}{r:7.2f}{f:7.2f}")
        lang = f'{doc.get("language")}{"" if lok else "!=" + truth["language"]}'
        print(f"{stem:34s} {lang:>9s} | " + " | ".join(cells))
        if verbose:
            for k in kinds:
                tp, fps, fns = res[k]
                for t in fns:
                    print(f"    {k:7s} FN  {short(t, k)}")
                for p in fps:
                    print(f"    {k:7s} FP  {short(p, k)}")
    print("-" * 110)
    cells = []
    for k in kinds:
        tp, fp, fn = tot[k]
        p, r, f = prf(tp, fp, fn)
        cells.append(f"{p:6.2f}{r:7.2f}{f:7.2f}")
    print(f'{"OVERALL (micro)":34s} {lang_ok:>4d}/{lang_n:<4d} | ' + " | ".join(cells))
    for k in kinds:
        tp, fp, fn = tot[k]
        p, r, f = prf(tp, fp, fn)
        print(f"{k:8s} tp={tp:4d} fp={fp:4d} fn={fn:4d}  P={p:.3f} R={r:.3f} F1={f:.3f}")
    print(f"language accuracy {lang_ok}/{lang_n} = {lang_ok / lang_n:.3f}" if lang_n else "no truth files")
    if missing:
        print("no document in the dataset for: " + ", ".join(missing))
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
