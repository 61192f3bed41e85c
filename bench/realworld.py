"""intra-extract on a folder of real PDFs, measured against pdfium's own text layer.

    .venv/bin/python bench/realworld.py DIR [--backend pdfium|pdfplumber] [--out OUT]
                                            [--groundtruth GT_DIR] [--no-run]
    .venv/bin/python bench/realworld.py DIR --text-dir TEXTS [--groundtruth GT_DIR]

pdfium's C0 codes (glyphs with no Unicode) count as U+FFFD, as intra-extract gives them.

Runs `intra-extract run DIR --out OUT` with the interpreter that runs this script (so the
code of the checkout it belongs to), then reads the dataset as any consumer would
(manifest.json, documents/*.json) and compares each document with the words of pdfium's
text layer (pypdfium2 `get_text_range()` per page, NFKC, split on white space).

Per document: status, pages, seconds, share of pdfium's words (a multiset, exact after NFKC)
that come back in `text` + `furniture`, pages losing more than 5 % of their words, glued
tokens (tokens of 15 or more letters in our output that are neither a token of pdfium's text nor
part of one, nor two of its tokens joined at a line-break hyphen), control characters (C0 other than
tab and newline, lone surrogates), warnings. Then a summary line; right-to-left documents
(mostly Arabic or Hebrew script) are listed but kept out of it.

Per page the share is estimated: our words are one pool for the document, and each page in
turn takes back what it can of its own words (furniture first goes to its own page).

With --groundtruth (docling's tests/data/pdf/groundtruth, NAME.json per NAME.pdf), also the
reading order of the body text (`text`; furniture is not in the flow): the share of ground-truth
paragraphs of 20 or more folded characters (NFKC, case-folded, letters and digits only) found in
the folded text, exactly or fuzzily, one place per paragraph (a paragraph the ground truth has
twice is found twice only if the text has it twice), and, of those found, the share in order
(the longest chain of paragraphs whose places increase, each paragraph free to take any of its
places, so a repeated paragraph is not pinned to its first copy).

With --text-dir, nothing is run: any tool's output (TEXTS/NAME.txt per NAME.pdf, plain text or
markdown) is scored the same way, as text with no furniture and no warnings.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

GLUE_LETTERS = 15
PAGE_LOSS = 0.05
LOW_DOC = 0.97
OVERPRINT_PT = 1.0
_UNMAPPED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_FOLD_DROP = re.compile(r"[\W_]+")
MIN_PARAGRAPH = 20  # folded characters: shorter ground-truth paragraphs match by chance
FUZZY = 0.8  # share of a paragraph's pieces (PIECE folded characters) a fuzzy match must hold
PIECE = 10


def nfkc_words(text: str) -> list[str]:
    return unicodedata.normalize("NFKC", text).split()


def reference_words(text: str) -> list[str]:
    """pdfium's words, with a glyph it has no Unicode for (a C0 code) as U+FFFD, as we give it.
    PDFium marks a hyphen it takes for a soft one with U+0002 or U+FFFE: left out."""
    text = text.replace("\x02", "").replace("\ufffe", "")
    return nfkc_words(_UNMAPPED.sub("\ufffd", text))


def pdfium_pages(path: Path) -> list[str] | None:
    """The text layer of each page as pdfium gives it, less the doubles of fake-bold text
    (see `once`), or None if pdfium cannot open it."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception:
        return None
    try:
        out = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            out.append(once(textpage, textpage.get_text_range()))
            textpage.close()
            page.close()
        return out
    finally:
        pdf.close()


def once(textpage, text: str) -> str:
    """The page's text with each glyph drawn again on top of the same glyph (within
    OVERPRINT_PT of its origin, as pdfplumber's `dedupe_chars`) left out: fake bold draws a
    line two or four times a fraction of a point apart, and a reader sees it once."""
    import ctypes

    import pypdfium2.raw as c

    if len(text) != textpage.count_chars():
        return text  # indices do not line up with the characters: left as it is
    x, y = ctypes.c_double(), ctypes.c_double()
    seen: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
    out = []
    last = ("", 0.0, 0.0)
    for i, ch in enumerate(text):
        if not ch.isspace() and c.FPDFText_GetCharOrigin(textpage.raw, i, x, y):
            here = (ch, x.value, y.value)
            gx, gy = round(x.value / OVERPRINT_PT), round(y.value / OVERPRINT_PT)
            near = [p for dx in (-1, 0, 1) for dy in (-1, 0, 1) for p in seen.get((ch, gx + dx, gy + dy), ())]
            # (the letters of a ligature, "ff" as two, stand at one origin one after the other)
            if here != last and any(
                abs(px - x.value) <= OVERPRINT_PT and abs(py - y.value) <= OVERPRINT_PT for px, py in near
            ):
                continue
            seen.setdefault((ch, gx, gy), []).append((x.value, y.value))
            last = here
        out.append(ch)
    return "".join(out)


def _bare(token: str) -> str:
    return _EDGE_PUNCT.sub("", token)


def glued_tokens(ours: list[str], reference: list[str]) -> list[str]:
    """Our long tokens that run across a space of pdfium's text: not a token of it, nor part
    of one (where we split what pdfium keeps together, nothing is glued), nor two of its
    tokens joined at a line-break hyphen (with or without the hyphen)."""
    known = {_bare(t) for t in reference}
    for a, b in zip(reference, reference[1:]):
        if a.endswith(("-", "\u00ad")):
            known.add(_bare(a[:-1] + b))
            known.add(_bare(a + b))
    known |= {t.replace("-", "") for t in known}  # a hyphen kept or taken out at a line break
    joined = "\n".join(known)
    out = []
    for token in ours:
        bare = _bare(token)
        if (sum(ch.isalpha() for ch in bare) >= GLUE_LETTERS and bare not in known
                and bare.replace("-", "") not in known and bare not in joined):
            out.append(bare)
    return out


@dataclass
class DocResult:
    path: str
    status: str
    error: str = ""
    pages: int = 0
    seconds: float = 0.0
    conserved: float | None = None
    lossy_pages: list[int] = field(default_factory=list)
    glued: list[str] = field(default_factory=list)
    controls: int = 0
    warnings: int = 0
    rtl: bool = False
    rejected_valid: bool = False
    found: float | None = None
    in_order: float | None = None


def measure(path: Path, entry: dict, doc: dict | None) -> DocResult:
    res = DocResult(path=entry["path"], status=entry["status"], pages=entry.get("pages") or 0,
                    seconds=entry.get("seconds") or 0.0)
    if entry.get("error"):
        res.error = entry["error"]["code"]
    pages = pdfium_pages(path)
    if doc is None:
        # A file pdfium opens and reads, that we refuse as not a PDF or broken, was valid.
        res.rejected_valid = pages is not None and res.error in ("not_pdf", "corrupt", "unreadable")
        return res
    res.warnings = len(doc.get("warnings", []))
    score(res, pages or [], doc["text"], [(f["page"], f["text"]) for f in doc.get("furniture", [])])
    return res


def score(res: DocResult, pages: list[str], text: str, furniture: list[tuple[int, str]]) -> None:
    """Words conserved, lossy pages, glued tokens and control characters of one output: its
    `text` plus furniture (page, text). Any tool's plain text is scored here with no furniture."""
    reference = [reference_words(p) for p in pages]
    all_ref = [w for p in reference for w in p]
    res.rtl = len(_RTL.findall("".join(all_ref))) > 0.3 * max(1, sum(map(len, all_ref)))
    ours = nfkc_words(text) + [w for _, f in furniture for w in nfkc_words(f)]
    res.controls = len(_CONTROL.findall(text)) + sum(len(_CONTROL.findall(f)) for _, f in furniture)
    res.glued = glued_tokens(ours, all_ref)
    if not all_ref:
        return
    pool = Counter(nfkc_words(text))
    by_page: dict[int, Counter] = {}
    for page, f in furniture:
        by_page.setdefault(page, Counter()).update(nfkc_words(f))
    back = 0
    for number, words in enumerate(reference, 1):
        own = by_page.get(number, Counter())
        got = 0
        for w, k in Counter(words).items():
            take = min(k, own[w] + pool[w])
            from_own = min(take, own[w])
            own[w] -= from_own
            pool[w] -= take - from_own
            got += take
        back += got
        if words and got < (1 - PAGE_LOSS) * len(words):
            res.lossy_pages.append(number)
    res.conserved = back / len(all_ref)


# -- reading order against docling's ground truth ------------------------------------------

_GT_LABELS = {"title", "section_header", "text", "paragraph", "list_item", "caption", "footnote"}


# docling writes a bullet glyph that has no Unicode by its name in the font (SM590000): not a
# word of the page, so no tool can give it back.
_GLYPH_NAME = re.compile(r"\bSM\d{6}\b")


def fold(text: str) -> str:
    return _FOLD_DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


def ground_truth_paragraphs(gt: dict) -> list[str]:
    """docling's body texts in reading order (the body tree walked depth first)."""
    index = {}
    for kind in ("texts", "groups", "tables", "pictures"):
        for item in gt.get(kind, []):
            index[item["self_ref"]] = item
    out: list[str] = []

    def walk(ref: str) -> None:
        item = index.get(ref)
        if item is None:
            return
        if item.get("label") in _GT_LABELS and item.get("content_layer", "body") == "body":
            out.append(_GLYPH_NAME.sub("", item.get("text", "")))
        if ref.startswith("#/tables") or ref.startswith("#/pictures"):
            return  # their inner texts are cells and picture labels, not the flow
        for child in item.get("children", []):
            walk(child["$ref"])

    for child in gt["body"].get("children", []):
        walk(child["$ref"])
    return out


def _occurrences(haystack: str, needle: str) -> list[int]:
    out = []
    at = haystack.find(needle)
    while at >= 0:
        out.append(at)
        at = haystack.find(needle, at + 1)
    return out


def _chunks(needle: str) -> list[str]:
    return [needle[i:i + PIECE] for i in range(0, len(needle) - PIECE + 1, PIECE)]


def paragraph_positions(needle: str, haystack: str) -> list[int]:
    """Every place the folded paragraph stands in the folded text: exactly, or else fuzzily
    (a window anchored at an occurrence of its first or last 20 characters, at most twice its
    length, holding at least FUZZY of its pieces). Every place, not the first:
    a repeated paragraph must not be pinned to its first copy."""
    exact = _occurrences(haystack, needle)
    if exact:
        return exact
    pieces = _chunks(needle)
    anchors = set(_occurrences(haystack, needle[:MIN_PARAGRAPH]))
    anchors |= {max(0, at + MIN_PARAGRAPH - len(needle)) for at in _occurrences(haystack, needle[-MIN_PARAGRAPH:])}
    out = []
    for at in sorted(anchors):
        window = haystack[at:at + 2 * len(needle)]
        if sum(p in window for p in pieces) >= FUZZY * len(pieces):
            out.append(at)
    return out


def _matched(candidates: list[list[int]]) -> int:
    """How many paragraphs get a place of their own (a maximum one-to-one matching): a
    paragraph the ground truth has twice is found twice only if our text has it twice."""
    owner: dict[int, int] = {}  # place -> the paragraph that has it

    def claim(root: int) -> bool:
        """Kuhn's augmenting path from paragraph `root`, depth first, with a stack of its own
        (a document of thousands of paragraphs would pass Python's recursion limit)."""
        seen: set[int] = set()
        stack = [(root, iter(candidates[root]))]
        tried: list[int] = []  # tried[k]: the place stack[k]'s paragraph is trying
        while stack:
            i, places = stack[-1]
            for at in places:
                if at in seen:
                    continue
                seen.add(at)
                tried.append(at)
                if at not in owner:  # free: each paragraph on the path takes the place it tried
                    for (j, _), place in zip(stack, tried):
                        owner[place] = j
                    return True
                stack.append((owner[at], iter(candidates[owner[at]])))
                break
            else:
                stack.pop()
                if tried:
                    tried.pop()
        return False

    return sum(claim(i) for i in range(len(candidates)) if candidates[i])


def longest_in_order(candidates: list[list[int]]) -> int:
    """The longest chain of paragraphs, in ground-truth order, whose chosen places increase
    (one place per paragraph: its places are tried from the last, as in Hunt-Szymanski)."""
    tails: list[int] = []
    for places in candidates:
        for v in sorted(places, reverse=True):
            i = bisect_left(tails, v)
            if i == len(tails):
                tails.append(v)
            else:
                tails[i] = v
    return len(tails)


def reading_order(paragraphs: list[str], text: str) -> tuple[float, float, int]:
    """(share found, share of the found in order, paragraphs counted)."""
    haystack = fold(text)
    needles = [n for n in map(fold, paragraphs) if len(n) >= MIN_PARAGRAPH]
    if not needles:
        return 0.0, 0.0, 0
    candidates = [paragraph_positions(n, haystack) for n in needles]
    found = _matched(candidates)
    return found / len(needles), (longest_in_order(candidates) / found if found else 0.0), len(needles)


# -- run and report ---------------------------------------------------------------------------


def run(folder: Path, out: Path, backend: str) -> None:
    cmd = [sys.executable, "-m", "intra_extract.cli", "run", str(folder), "--out", str(out), "--force",
           "--backend", backend, "--quiet"]
    subprocess.run(cmd, check=False)


def ours(folder: Path, out: Path) -> list[tuple[DocResult, str | None]]:
    """Each PDF's result and body text, read from our dataset as any consumer reads it."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    results = []
    for entry in sorted(manifest["documents"], key=lambda e: e["path"]):
        if not entry["path"].lower().endswith(".pdf"):
            continue
        doc = None
        if entry.get("doc_id") and entry["status"] in ("ok", "unchanged"):
            doc_path = out / "documents" / f"{entry['doc_id']}.json"
            if doc_path.exists():
                doc = json.loads(doc_path.read_text(encoding="utf-8"))
        results.append((measure(folder / entry["path"], entry, doc), doc["text"] if doc else None))
    return results


# Markdown and the HTML in it: images, comments, tags (<br>, <sup>), bold marks, heading marks,
# table rules and the bars between table cells ("|cell|cell|").
_MARKDOWN = re.compile(r"!\[[^\]]*\]\([^)]*\)|<!--.*?-->|</?[a-zA-Z][^>]*>|\*\*|^#+ |^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*$|\|",
                       re.MULTILINE | re.DOTALL)


def unmarked(text: str) -> str:
    """Another tool's plain text or markdown, its markup taken out (so that it does not
    count against the words) and its HTML entities read."""
    return html.unescape(_MARKDOWN.sub(" ", text))


def plain_texts(folder: Path, text_dir: Path) -> list[tuple[DocResult, str | None]]:
    """Each PDF's result and text from another tool's output, NAME.txt per NAME.pdf (plain text
    or markdown, see `unmarked`). No file: status `missing`."""
    results = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() != ".pdf":
            continue
        target = text_dir / f"{path.stem}.txt"
        if not target.exists():
            results.append((DocResult(path=path.name, status="missing"), None))
            continue
        pages = pdfium_pages(path)
        text = unmarked(target.read_text(encoding="utf-8", errors="replace"))
        res = DocResult(path=path.name, status="ok" if text.strip() else "empty", pages=len(pages or []))
        score(res, pages or [], text, [])
        results.append((res, text))
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--backend", default="pdfium")
    ap.add_argument("--out", type=Path, default=None, help="dataset folder (default: a temporary one)")
    ap.add_argument("--groundtruth", type=Path, default=None, help="docling's groundtruth folder")
    ap.add_argument("--no-run", action="store_true", help="only read an existing --out dataset")
    ap.add_argument("--text-dir", type=Path, default=None,
                    help="score another tool's output instead (NAME.txt per NAME.pdf); nothing is run")
    args = ap.parse_args(argv)
    tmp = None
    if args.text_dir is not None:
        scored = plain_texts(args.folder, args.text_dir)
    else:
        out = args.out
        if out is None:
            tmp = tempfile.TemporaryDirectory()
            out = Path(tmp.name) / "structured"
        if not args.no_run:
            run(args.folder, out, args.backend)
        scored = ours(args.folder, out)
    for res, text in scored:
        gt_path = args.groundtruth / (Path(res.path).stem + ".json") if args.groundtruth else None
        if text is not None and gt_path is not None and gt_path.exists():
            found, ordered, counted = reading_order(
                ground_truth_paragraphs(json.loads(gt_path.read_text(encoding="utf-8"))), text
            )
            if counted:
                res.found, res.in_order = found, ordered
    report([res for res, _ in scored])
    if tmp is not None:
        tmp.cleanup()
    return 0


def report(results: list[DocResult]) -> None:
    print(f"{'document':48} {'status':>14} {'pages':>5} {'sec':>6} {'words':>6} {'lossy':>5} "
          f"{'glued':>5} {'ctrl':>4} {'warn':>4} {'found':>5} {'order':>5}")
    for r in results:
        status = r.status + (f":{r.error}" if r.error else "") + (" rtl" if r.rtl else "")
        cons = f"{r.conserved:.3f}" if r.conserved is not None else "-"
        found = f"{r.found:.2f}" if r.found is not None else "-"
        order = f"{r.in_order:.2f}" if r.in_order is not None else "-"
        print(f"{r.path[-48:]:48} {status[-14:]:>14} {r.pages:5d} {r.seconds:6.2f} {cons:>6} "
              f"{len(r.lossy_pages):5d} {len(r.glued):5d} {r.controls:4d} {r.warnings:4d} {found:>5} {order:>5}")
    low = [f"{r.path} {r.conserved:.3f}" for r in results if r.conserved is not None and r.conserved < LOW_DOC]
    if low:
        print(f"  under {LOW_DOC}: " + "; ".join(low))
    for r in results:
        if r.glued:
            print(f"  glued in {r.path}: {', '.join(r.glued[:8])}{' ...' if len(r.glued) > 8 else ''}")
    counted = [r for r in results if not r.rtl]
    measured = [r for r in counted if r.conserved is not None]
    mean = sum(r.conserved for r in measured) / len(measured) if measured else 0.0
    ro = [r for r in counted if r.found is not None]
    ro_text = (f"; reading order ({len(ro)} docs): found {sum(r.found for r in ro) / len(ro):.3f}, "
               f"in order {sum(r.in_order for r in ro) / len(ro):.3f}") if ro else ""
    print(
        f"SUMMARY ({len(counted)} documents, {len(results) - len(counted)} right-to-left aside): "
        f"mean words conserved {mean:.3f}; documents under {LOW_DOC}: "
        f"{sum(r.conserved < LOW_DOC for r in measured)}; pages losing >5%: "
        f"{sum(len(r.lossy_pages) for r in counted)}; internal errors: "
        f"{sum(r.error == 'internal' for r in results)}; rejected valid PDFs: "
        f"{sum(r.rejected_valid for r in results)}; glued tokens: {sum(len(r.glued) for r in counted)}; "
        f"control chars: {sum(r.controls for r in counted)} (in {sum(r.controls > 0 for r in counted)} docs)"
        f"{ro_text}"
    )


if __name__ == "__main__":
    sys.exit(main())
