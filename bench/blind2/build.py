#!/usr/bin/env python3
"""Build docs/*.txt and truth/*.json from src/*.src (inline annotations). Standard library only.

Markup:  [[text|CODE]]  region: CODE = NUTS code (2 letters country, 3 nuts1, 4 nuts2, 5 nuts3),
                         city:CC (city in a NUTS country), x:CC (country outside NUTS, nuts_code null)
         [[text|=SPEC]] date: 2017 | 2018-05 | 2018-05-22 | A..B (range, each end as above)
                         | Q4-2020 | H1-2016
         {{n|text}}     item number n (as printed); inside it, <<...>> is an interruption
                         (in the document, not in the item text)
First line of a .src: "#lang xx".
"""

import calendar
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent
ISO = {"EL": "GR", "UK": "GB"}


def ends(spec):
    if re.fullmatch(r"\d{4}", spec):
        y = int(spec)
        return f"{y}-01-01", f"{y}-12-31", "year"
    if re.fullmatch(r"\d{4}-\d{2}", spec):
        y, m = map(int, spec.split("-"))
        last = calendar.monthrange(y, m)[1]
        return f"{y}-{m:02d}-01", f"{y}-{m:02d}-{last:02d}", "month"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", spec):
        return spec, spec, "day"
    m = re.fullmatch(r"Q([1-4])-(\d{4})", spec)
    if m:
        q, y = int(m[1]), int(m[2])
        sm = 3 * q - 2
        em = sm + 2
        return (
            f"{y}-{sm:02d}-01",
            f"{y}-{em:02d}-{calendar.monthrange(y, em)[1]:02d}",
            "quarter",
        )
    m = re.fullmatch(r"H([12])-(\d{4})", spec)
    if m:
        h, y = int(m[1]), int(m[2])
        return (
            (f"{y}-01-01", f"{y}-06-30", "half")
            if h == 1
            else (f"{y}-07-01", f"{y}-12-31", "half")
        )
    raise ValueError(spec)


RANK = {"day": 0, "month": 1, "quarter": 2, "half": 3, "year": 4}


def date_rec(text, spec):
    if ".." in spec:
        a, b = spec.split("..")
        s, _, ga = ends(a)
        _, e, gb = ends(b)
        g = min(ga, gb, key=RANK.get)
    else:
        s, e, g = ends(spec)
    assert s <= e, (text, spec)
    return {"text": text, "start": s, "end": e, "granularity": g}


def region_rec(text, code):
    if code.startswith("city:"):
        cc = code[5:]
        return {
            "text": text,
            "nuts_code": None,
            "country": ISO.get(cc, cc),
            "level": "city",
        }
    if code.startswith("x:"):
        cc = code[2:]
        return {"text": text, "nuts_code": None, "country": cc, "level": "country"}
    lvl = {2: "country", 3: "nuts1", 4: "nuts2", 5: "nuts3"}[len(code)]
    return {
        "text": text,
        "nuts_code": code,
        "country": ISO.get(code[:2], code[:2]),
        "level": lvl,
    }


TOK = re.compile(r"\[\[(.*?)\|(.*?)\]\]|\{\{(\d+)\||\}\}|<<|>>", re.S)


def build(src):
    lines = src.read_text(encoding="utf-8").split("\n")
    assert lines[0].startswith("#lang "), src
    lang = lines[0].split()[1]
    body = "\n".join(lines[1:])
    out, regions, dates, items = [], [], [], []
    stack = []  # open items: [number, parts(list of str), in_gap]
    pos = 0

    def emit(s):
        out.append(s)
        for it in stack:
            if not it[2]:
                it[1].append(s)

    for m in TOK.finditer(body):
        emit(body[pos : m.start()])
        pos = m.end()
        if m.group(1) is not None:
            text, code = m.group(1), m.group(2)
            if code.startswith("="):
                dates.append(date_rec(text, code[1:]))
            else:
                regions.append(region_rec(text, code))
            emit(text)
        elif m.group(3) is not None:
            stack.append([int(m.group(3)), [], False])
            items.append(None)
            stack[-1].append(len(items) - 1)
        elif m.group(0) == "}}":
            n, parts, _, idx = stack.pop()
            items[idx] = {"number": n, "text": " ".join("".join(parts).split())}
        elif m.group(0) == "<<":
            stack[-1][2] = True
        elif m.group(0) == ">>":
            stack[-1][2] = False
    emit(body[pos:])
    assert not stack, src
    doc = "".join(out)
    assert (
        "[[" not in doc and "{{" not in doc and "]]" not in doc and "}}" not in doc
    ), src
    truth = {"language": lang, "items": items, "regions": regions, "dates": dates}
    if lang == "und":
        truth["language_alternatives"] = []
    return doc, truth


def main():
    n = 0
    for src in sorted((ROOT / "src").glob("*.src")):
        doc, truth = build(src)
        (ROOT / "docs" / (src.stem + ".txt")).write_text(doc, encoding="utf-8")
        (ROOT / "truth" / (src.stem + ".json")).write_text(
            json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        n += 1
    print(f"built {n} documents")


if __name__ == "__main__":
    main()
