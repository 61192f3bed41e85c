"""Stage `good_practices`: each practice of a handbook of good practices as a `good_practice`
record, with the text and span of every labelled field of the template.

How a practice is read
----------------------
1. **Labels.** The template's field labels, per field key and language, are in
   `data/good_practice_fields.toml`. A label is found at the start of a printed line (or
   of a text line) by its text, case-, accent- and space-folded (`fold`), in any of the six
   languages, the longest variant first; it may run over two or three lines of its block
   ("Main stakeholders and / beneficiaries"). Text alone is not enough: the layout must
   say "label" too, by one of
   * a colon right after it ("Country: Bulgaria", "Country:" alone);
   * the label is the whole block, or the whole of its line(s) printed in bold, or a heading
     (a label printed on a line of its own);
   * a bold run: the label's words are bold and the text after it is not ("**Country** Bulgaria");
   * a label column: a wide gap between the label and the text beside it;
   * in plain text (no fonts), the label alone on its line at the head of its block.
   So "Country" or "Opis" inside running text is never a label.
2. **Practices.** Labels in reading order are grouped into practices: a practice ends where a
   field recurs (or the title field comes again). A group with fewer than `min_fields`
   distinct fields is no practice.
3. **Fields.** A field's text runs from after its label (and colon) to the next label of the
   practice; the last field ends at the first major break after it: a heading larger than
   the body text (a PDF), a heading line (plain text), a banner, or the next practice. Its
   span slices `document.text` back to its text exactly; white space at either end is left out.
4. **Practice.** The record's span runs from the practice's own heading ("Good practice 12",
   the block just before its first label, when that is a heading) to the end of its last
   field. Title, institution, country and region (linked with `regions.find_regions`, NUTS
   code included) and the start and end of its timescale (`dates_grammar.find_dates`) come
   from the fields.
5. **Lists.** Numbered items (`recommendation` records of the `structure` stage) inside a
   practice are cut at the end of their field, and named after the lead line that opens
   their list ("Key success factors:") or else after their field's label; `records.finalise`
   gives them the practice's id as `parent_id` once ids exist.

The stage acts on documents typed `handbook` only (`stages/doc_type.py` uses the same label
finder to type them), so bulletins are left exactly as they were.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from pydantic import BaseModel, ConfigDict, Field

from .. import model, records
from .normalise import strip_marks
from ..dates_grammar import find_dates
from ..state import Block, DocState, Line
from . import stage

FIELDS_PATH = Path(__file__).resolve().parent.parent / "data" / "good_practice_fields.toml"
MAJOR_SIZE = 1.15  # a heading this much larger than the body text ends a practice
COLUMN_GAP = 2.0  # em: a gap this wide after a label is a label column


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_fields: int = Field(default=3, ge=1, description="Fewer distinct fields than this are no practice.")


# ----------------------------------------------------------------------------- vocabulary


_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")


@functools.lru_cache(maxsize=4096)  # runs for every character of every document: a small alphabet
def _fold_char(ch: str) -> str:
    """One character folded: lower case, no accents, one kind of dash and quote."""
    ch = ch.translate(_DASHES).replace("\u2019", "'").replace("\u02bc", "'")
    return strip_marks(ch.casefold())


def fold_map(text: str) -> tuple[str, list[int]]:
    """`text` folded for matching, and for every folded character the offset in `text` it
    comes from. White space runs become one space; spaces around "/" go."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and out[-1] not in " /":
                out.append(" ")
                where.append(i)
            continue
        for f in _fold_char(ch):
            if f == "/" and out and out[-1] == " ":
                out.pop()
                where.pop()
            out.append(f)
            where.append(i)
    return "".join(out), where


def fold(text: str) -> str:
    return fold_map(text)[0].strip()


_FIRST_WORD = re.compile(r"[^\s/:()]+")


def _first_word(folded: str) -> str:
    m = _FIRST_WORD.match(folded)
    return m.group() if m else ""


def _opening_word(text: str, limit: int | None = None) -> str:
    """`_first_word(fold(text[:limit]))`, folding only as much of the text as it takes: the
    label tests ask it of every line, and folding streams left to right."""
    n = 16
    while True:
        cut = n if limit is None or n < limit else limit
        head = fold_map(text[:cut])[0]
        m = _FIRST_WORD.match(head)
        complete = bool(head) and (m is None or m.end() < len(head))
        if complete or cut >= len(text) or cut == limit:
            return m.group() if m else ""
        n *= 4


@dataclass(frozen=True)
class Vocabulary:
    keys: tuple[str, ...]  # template order
    anchors: tuple[str, ...]
    # (folded variant, key, language, variant as written), longest first
    variants: tuple[tuple[str, str, str, str], ...]
    # first folded word -> the variants that open with it, longest first
    by_first: dict[str, tuple[tuple[str, str, str, str], ...]] = field(default_factory=dict, compare=False)

    def match(self, folded: str) -> tuple[str, str, int] | None:
        """(key, language, folded length) of the longest variant that opens `folded` and
        ends at a word boundary."""
        for var, key, lang, _ in self.by_first.get(_first_word(folded), ()):
            if folded.startswith(var):
                nxt = folded[len(var):len(var) + 1]
                if not nxt or not (nxt.isalnum() or nxt in "-'"):
                    return key, lang, len(var)
        return None


@functools.lru_cache(maxsize=4)
def vocabulary(path: str | None = None) -> Vocabulary:
    with open(path or FIELDS_PATH, "rb") as fh:
        data = tomllib.load(fh)
    languages = data["languages"]
    keys, anchors, variants = [], [], {}
    for key, table in data["fields"].items():
        keys.append(key)
        if table.get("anchor"):
            anchors.append(key)
        for lang in languages:
            for label in table.get(lang, []):
                folded = fold(label).rstrip(":").strip()
                variants.setdefault(folded, (folded, key, lang, label))
    ordered = sorted(variants.values(), key=lambda v: (-len(v[0]), v[0]))
    by_first: dict[str, list] = {}
    for v in ordered:
        by_first.setdefault(_first_word(v[0]), []).append(v)
    return Vocabulary(tuple(keys), tuple(anchors), tuple(ordered), {k: tuple(v) for k, v in by_first.items()})


# ----------------------------------------------------------------------------- labels


@dataclass
class LabelHit:
    key: str
    language: str
    block: int
    line: int
    start: int  # offsets of the label in doc.text
    end: int  # after the label and its colon
    value_start: int  # first character of the field's text (== end of block if none follows)
    label: str  # as printed, without the colon
    evidence: str  # colon | whole | bold | column | text


def _words_bold_until(line: Line, upto: int) -> tuple[bool, bool, float | None]:
    """For a line's words: are all words ending before offset `upto` (in doc.text) bold; is
    the first word after it not bold; the x gap between them (None when nothing follows)."""
    if not line.words or not line.word_x:
        return False, False, None
    before, after = [], []
    for (off, length, x0, x1), word in zip(line.word_x, line.words):
        (before if line.start + off < upto else after).append((word, x0, x1))
    if not before:
        return False, False, None
    all_bold = all(w.bold for w, _, _ in before)
    if not after:
        return all_bold, True, None
    return all_bold, not after[0][0].bold, after[0][1] - before[-1][2]


def find_labels(doc: DocState, vocab: Vocabulary | None = None) -> list[LabelHit]:
    """Every field label of the template in `doc`, in reading order (see the module docstring)."""
    vocab = vocab or vocabulary()
    hits: list[LabelHit] = []
    for bi, block in enumerate(doc.blocks):
        lines = [ln for ln in block.lines if ln.start >= 0]
        for li, line in enumerate(lines):
            hit = _label_at(doc, vocab, block, bi, lines, li)
            if hit is not None:
                hits.append(hit)
    # a label found inside another's extent (a variant inside a longer label) is not one
    out: list[LabelHit] = []
    for h in sorted(hits, key=lambda h: h.start):
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


def _label_at(doc: DocState, vocab: Vocabulary, block: Block, bi: int, lines: list[Line], li: int) -> LabelHit | None:
    line = lines[li]
    if _opening_word(line.text, 40) not in vocab.by_first:
        return None
    # A label may run over the next two lines of its block.
    stop = lines[min(li + 2, len(lines) - 1)].end
    folded, where = fold_map(doc.text[line.start:stop])
    found = vocab.match(folded)
    if not found:
        return None
    key, lang, n = found
    label_end = line.start + where[n - 1] + 1  # offset after the label's last character
    # The line the label ends on, and what follows the label.
    last = li
    while last + 1 < len(lines) and lines[last + 1].start < label_end:
        last += 1
    end_line = lines[last]
    rest = doc.text[label_end:end_line.end]
    colon = re.match(r"[^\S\n]*[:：]", rest)
    after = label_end + colon.end() if colon else label_end
    rest_of_line = doc.text[after:end_line.end].strip()
    evidence = ""
    if colon:
        evidence = "colon"
    elif not rest_of_line:
        whole_block = last == len(lines) - 1 and li == 0
        bold = all(ln.bold for ln in lines[li:last + 1])
        if whole_block or bold or block.role == "heading":
            evidence = "whole"
        elif block.page is None and li == 0:
            evidence = "text"
    else:
        bold_before, plain_after, gap = _words_bold_until(end_line, label_end)
        if bold_before and plain_after:
            evidence = "bold"
        elif gap is not None and gap >= COLUMN_GAP * max(end_line.size, 1.0):
            evidence = "column"
    if not evidence:
        return None
    value_start = after
    while value_start < len(doc.text) and doc.text[value_start].isspace():
        value_start += 1
    label = doc.text[line.start:label_end]
    return LabelHit(key, lang, bi, li, line.start, after, value_start, " ".join(label.split()), evidence)


# ----------------------------------------------------------------------------- label columns


def _line_of(words: list, page: int | None) -> Line:
    words = sorted(words, key=lambda w: w.x0)
    chars = sum(len(w.text) for w in words) or 1
    sizes: dict[float, int] = {}
    for w in words:
        sizes[w.size] = sizes.get(w.size, 0) + len(w.text)
    return Line(
        text=" ".join(w.text for w in words), page=page,
        bbox=(min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words), max(w.bottom for w in words)),
        size=max(sizes, key=lambda k: sizes[k]) if sizes else 0.0,
        bold=sum(len(w.text) for w in words if w.bold) * 2 > chars, words=list(words),
    )


def _block_of(lines: list[Line], like: Block, column: int, role: str) -> Block:
    return Block(
        lines=lines, page=like.page, role=role, column=column, flow_break=False,
        bbox=(min(l.bbox[0] for l in lines), min(l.bbox[1] for l in lines),
              max(l.bbox[2] for l in lines), max(l.bbox[3] for l in lines)),
    )


def is_label_text(text: str, vocab: Vocabulary) -> bool:
    """Whether `text` is a field label and nothing else (a colon may follow)."""
    # Most texts asked about are ordinary lines: their first word, folded from the head of
    # the text alone (folding streams left to right), already opens no label.
    if _opening_word(text) not in vocab.by_first:
        return False
    folded = fold(text).rstrip(":").strip()
    found = vocab.match(folded)
    return bool(found) and found[2] == len(folded)


def _split_at(block: Block, vx: float) -> tuple[Block | None, Block | None]:
    """A left-column block cut at x = vx: its words left of it, and those right of it (the
    value printed on the same baseline as a label line)."""
    left_lines, right_lines = [], []
    for line in block.lines:
        lw = [w for w in line.words if w.x0 < vx - 0.5]
        rw = [w for w in line.words if w.x0 >= vx - 0.5]
        if lw:
            left_lines.append(_line_of(lw, line.page) if rw else line)
        if rw:
            right_lines.append(_line_of(rw, line.page))
    if not right_lines:
        return block, None
    left = _block_of(left_lines, block, block.column, block.role) if left_lines else None
    if left is not None:
        left.flow_break, left.level = block.flow_break, block.level
    return left, _block_of(right_lines, block, block.column + 1, "body")


def _left_runs(lefts: list[Block], vocab: Vocabulary) -> list[tuple[Block, bool]]:
    """The lines of the left column in runs, as blocks: (block, is a label). A label may run
    over up to three lines, which the layout may have put in different blocks (a line with a
    value beside it is cut off from the rest of its label), or several one-line labels into one."""
    lines = sorted(((ln, b) for b in lefts for ln in b.lines), key=lambda lb: lb[0].bbox[1])
    out: list[tuple[Block, bool]] = []
    i = 0
    while i < len(lines):
        for n in (3, 2, 1):
            run = lines[i:i + n]
            adjacent = all(b[0].bbox[1] - a[0].bbox[3] < 0.8 * (a[0].size or 1.0) for a, b in zip(run, run[1:]))
            if len(run) == n and adjacent and is_label_text(" ".join(l.text for l, _ in run), vocab):
                src = run[0][1]
                blk = _block_of([l for l, _ in run], src, src.column, "heading" if src.role == "heading" else src.role)
                blk.level = src.level
                out.append((blk, True))
                i += n
                break
        else:
            line, src = lines[i]
            prev = out[-1] if out else None
            if prev and not prev[1] and prev[0].lines[-1] in src.lines:
                prev[0].lines.append(line)
                prev[0].bbox = _block_of(prev[0].lines, src, src.column, src.role).bbox
            else:
                blk = _block_of([line], src, src.column, src.role)
                blk.flow_break, blk.level = src.flow_break, src.level
                out.append((blk, False))
            i += 1
    return out


def _form_page(blocks: list[Block], vocab: Vocabulary) -> list[Block] | None:
    """One page's blocks in form order (label, its value, next label...), or None when the
    page is no label-column form."""
    right = [b for b in blocks if b.column >= 1 and b.bbox]
    if not right:
        return None
    vx = min(b.bbox[0] for b in right)
    left_x = min((b.bbox[0] for b in blocks if b.column == 0 and b.bbox), default=None)
    if left_x is None or vx - left_x < 3 * max(b.lines[0].size for b in right):
        return None
    values: list[Block] = []
    lefts: list[Block] = []
    for b in blocks:
        if b.column >= 1:
            values.append(b)
            continue
        left, value = _split_at(b, vx) if b.bbox and b.bbox[2] > vx else (b, None)
        if value is not None:
            values.append(value)
        if left is not None:
            lefts.append(left)
    runs = _left_runs(lefts, vocab)
    labels = [b for b, is_label in runs if is_label]
    others = [b for b, is_label in runs if not is_label]
    if not labels:
        return None
    region_top = labels[0].bbox[1]
    lefts_below = [b for b in others if b.bbox[1] >= region_top]
    # In a form's label column nothing but labels stands between its first and last label.
    between = [b for b in lefts_below if b.bbox[1] <= labels[-1].bbox[1]]
    if len(between) > 0.4 * len(labels):
        return None
    # The form ends at the first left-column block below its last label that is no label
    # (a closing heading, a full-width paragraph): what lies below it keeps its order.
    region_bottom = min((b.bbox[1] for b in lefts_below if b.bbox[1] > labels[-1].bbox[1]), default=float("inf"))
    below = [v for v in values if v.bbox[1] >= region_bottom - 0.5]
    values = [v for v in values if v.bbox[1] < region_bottom - 0.5]

    def row_of(line: Line) -> int:
        tol = 0.5 * (line.size or 1.0)
        return max((i for i, lb in enumerate(labels) if lb.bbox[1] <= line.bbox[1] + tol), default=-1)

    lead: list[Block] = []
    rows: list[list[Block]] = [[lb] for lb in labels]
    for v in sorted(values, key=lambda b: b.bbox[1]):
        runs: list[tuple[int, list[Line]]] = []
        for line in v.lines:
            r = row_of(line)
            if runs and runs[-1][0] == r:
                runs[-1][1].append(line)
            else:
                runs.append((r, [line]))
        for k, (r, lines) in enumerate(runs):
            blk = v if len(runs) == 1 else _block_of(lines, v, v.column, v.role)
            if k:
                blk.flow_break = True
            (lead if r < 0 else rows[r]).append(blk)
    for row in rows:
        row[0].flow_break = True
        for v in row[1:2]:
            v.flow_break = True
    region = lead + [b for row in rows for b in row]
    before = [b for b in others if b.bbox[1] < region_top]
    rest = sorted([b for b in others if b.bbox[1] >= region_top] + below, key=lambda b: (b.bbox[1], b.bbox[0]))
    return before + region + rest


def _opens_with_label(text: str, vocab: Vocabulary) -> bool:
    """A field label alone, or a label and a colon opening the line ("Country: Bulgaria")."""
    if is_label_text(text, vocab):
        return True
    folded = fold(text)
    found = vocab.match(folded)
    return bool(found) and folded[found[2]:].lstrip().startswith(":")


def _restore_labels(doc: DocState, vocab: Vocabulary) -> None:
    """Field labels the layout took for running headers or footers go back into the text.

    The layout finds furniture by repetition in the top and bottom bands of the page; a
    handbook repeats its labels, and one that happens to open (or end) a page on a few pages
    is "repeated". A furniture line that is a field label and nothing else is put back as a
    block of its own where it stood on its page; no bulletin has such a line."""
    labels = [f for f in doc.furniture if f.role != "page_number" and _opens_with_label(f.text, vocab)]
    if not labels:
        return
    for f in labels:
        line = Line(text=f.text, page=f.page, bbox=tuple(f.bbox))  # type: ignore[arg-type]
        block = Block(lines=[line], page=f.page, bbox=tuple(f.bbox), role="body", flow_break=True)  # type: ignore[arg-type]
        on_page = [i for i, b in enumerate(doc.blocks) if b.page == f.page and b.bbox]
        above = [i for i in on_page if doc.blocks[i].bbox[1] < f.bbox[1]]
        if above:
            at = max(above) + 1
        elif on_page:
            at = on_page[0]
        else:
            at = next((i for i, b in enumerate(doc.blocks) if b.page is not None and b.page > f.page), len(doc.blocks))
        doc.blocks.insert(at, block)
        nxt = doc.blocks[at + 1] if at + 1 < len(doc.blocks) else None
        if nxt is not None and nxt.page == f.page:
            nxt.flow_break = True  # the text after a label starts a field, it does not carry on
    doc.furniture = [f for f in doc.furniture if not any(f is g for g in labels)]


@stage("form_order", reads=("blocks", "furniture"), writes=("blocks", "furniture"))
def form_order(doc: DocState, options) -> None:
    """Reading order of label-column forms: a page whose left column holds field labels of
    the template and whose right column their texts is read row by row (label, its text,
    next label), not column by column as the page layout reads columns. A value printed on
    the baseline of a label line is cut off it at the column's edge. Pages that are no such
    form, and so every bulletin, are left as they are."""
    vocab = vocabulary()
    _restore_labels(doc, vocab)
    out: list[Block] = []
    i = 0
    blocks = doc.blocks
    while i < len(blocks):
        j = i
        while j < len(blocks) and blocks[j].page == blocks[i].page:
            j += 1
        page = blocks[i:j]
        ordered = _form_page(page, vocab) if blocks[i].page is not None else None
        out.extend(ordered if ordered is not None else page)
        i = j
    doc.blocks = out


# ----------------------------------------------------------------------------- practices


@dataclass
class FieldExtent:
    key: str
    label: str
    start: int
    end: int


@dataclass
class Practice:
    start: int
    end: int
    heading: tuple[int, int] | None  # span of its own heading, if any
    hits: list[LabelHit]
    fields: list[FieldExtent] = field(default_factory=list)

    @property
    def keys(self) -> set[str]:
        return {h.key for h in self.hits}


def _group(hits: list[LabelHit], vocab: Vocabulary) -> list[list[LabelHit]]:
    groups: list[list[LabelHit]] = []
    for h in hits:
        cur = groups[-1] if groups else None
        if cur is None or h.key in {x.key for x in cur} or (h.key in vocab.anchors and len(cur) >= 1
                                                           and cur[0].key not in vocab.anchors):
            groups.append([h])
        else:
            cur.append(h)
    return groups


def _body_size(doc: DocState) -> float:
    sizes: dict[float, int] = {}
    for line in doc.lines():
        if line.size:
            s = round(line.size * 2) / 2
            sizes[s] = sizes.get(s, 0) + len(line.text)
    return max(sizes, key=lambda s: (sizes[s], -s)) if sizes else 0.0


def _is_major(block: Block, body: float) -> bool:
    """A break that ends a practice: a banner, a heading larger than the body text (PDF),
    or any heading line of plain text."""
    if block.role == "banner":
        return True
    if block.role != "heading":
        return False
    if block.page is None or not body:
        return True
    return max(ln.size for ln in block.lines) >= MAJOR_SIZE * body


def find_practices(doc: DocState, min_fields: int = 3, vocab: Vocabulary | None = None) -> list[Practice]:
    vocab = vocab or vocabulary()
    hits = find_labels(doc, vocab)
    groups = [g for g in _group(hits, vocab) if len({h.key for h in g}) >= min_fields]
    if not groups:
        return []
    body = _body_size(doc)
    hit_blocks = {h.block for h in hits}
    practices: list[Practice] = []
    for group in groups:
        first = group[0]
        heading = None
        hb = first.block - 1 if first.line == 0 else None
        if hb is not None and hb >= 0 and hb not in hit_blocks and doc.blocks[hb].role in ("heading", "banner"):
            prev_end = practices[-1].hits[-1].block if practices else -1
            if hb > prev_end:
                blk = doc.blocks[hb]
                heading = (blk.lines[0].start, blk.lines[-1].end)
        practices.append(Practice(heading[0] if heading else first.start, 0, heading, group))
    for pi, pr in enumerate(practices):
        limit = practices[pi + 1].start if pi + 1 < len(practices) else len(doc.text)
        # the last field ends at the first major break after its label
        own = {h.block for h in pr.hits}
        for bi in range(pr.hits[-1].block + 1, len(doc.blocks)):
            blk = doc.blocks[bi]
            if not blk.lines or blk.lines[0].start < 0 or bi in own:
                continue
            if blk.lines[0].start >= limit:
                break
            if _is_major(blk, body):
                limit = blk.lines[0].start
                break
        for hi, h in enumerate(pr.hits):
            end = pr.hits[hi + 1].start if hi + 1 < len(pr.hits) else limit
            start = min(h.value_start, end)
            while end > start and doc.text[end - 1].isspace():
                end -= 1
            pr.fields.append(FieldExtent(h.key, h.label, start, end))
        pr.end = max([pr.hits[-1].end] + [f.end for f in pr.fields])
    return practices


# ----------------------------------------------------------------------------- linking


def _place(text: str, language: str, want_country: bool) -> model.Place | None:
    from .regions import find_regions

    matches = find_regions(text, language)
    if not matches:
        return None
    if want_country:
        best = next((m for m in matches if m.level == "country"), matches[0])
    else:
        rank = {"nuts2": 0, "nuts1": 1, "nuts3": 2, "city": 3, "country": 4}
        best = min(matches, key=lambda m: (rank.get(m.level, 5), m.start))
    return model.Place(name=best.name, nuts_code=best.nuts_code, country=best.country, level=best.level,
                       text=text[best.start:best.end])


_SINGLE_UNIT = {"day", "month", "quarter", "half", "year"}


def timescale(text: str, language: str) -> tuple[str | None, str | None]:
    """Start and end (ISO) of a timescale field: a range is both ends; two dates are the
    first's start and the last's end; a lone date with other words ("January 2015 – ongoing",
    "since 2015") is a start with no end; a lone date alone is its own first and last day."""
    found = find_dates(text, language)
    if not found:
        # a bare year is a date here, whatever the grammar's rule for running text says
        years = [int(y) for y in re.findall(r"(?<![\d.,/])((?:19|20)\d\d)(?![\d.,/%])", text)]
        if not years:
            return None, None
        return f"{years[0]}-01-01", f"{years[-1]}-12-31"
    if len(found) >= 2:
        return found[0].start_date.isoformat(), found[-1].end_date.isoformat()
    m = found[0]
    if not _one_unit(m):
        return m.start_date.isoformat(), m.end_date.isoformat()
    others = re.sub(r"[\W\d_]+", "", text[:m.start] + text[m.end:])
    if others:
        return m.start_date.isoformat(), None
    return m.start_date.isoformat(), m.end_date.isoformat()


def _one_unit(m) -> bool:
    s, e = m.start_date, m.end_date
    if m.granularity == "day":
        return s == e
    if m.granularity == "month":
        return (s.year, s.month) == (e.year, e.month)
    if m.granularity == "year":
        return s.year == e.year
    return (e - s).days < 190  # a quarter or a half


# ----------------------------------------------------------------------------- the stage


_LEAD = re.compile(r"([^\n.!?]{2,120}?)\s*[:：]\s*$")


def list_heading_in(doc: DocState, field_ext: FieldExtent, item_start: int) -> str:
    """The name of a list that opens at `item_start` inside a field: its lead line ("Key
    success factors:"), else the field's label."""
    before = doc.text[field_ext.start:item_start].rstrip()
    tail = re.split(r"(?<=[.!?])\s+|\n", before)[-1] if before else ""
    m = _LEAD.search(tail)
    return " ".join(m.group(1).split()) if m else field_ext.label


@stage("good_practices", reads=("text", "blocks", "doc_type", "records", "block_languages"), writes=("records",),
       options=Options)
def good_practices(doc: DocState, options: Options) -> None:
    if doc.doc_type != "handbook" or not doc.text:
        return
    from .language import span_language

    practices = practices_of(doc, options.min_fields)
    # A field label printed as a heading is part of its practice's record, not a section.
    labels = [(h.start, h.end) for pr in practices for h in pr.hits]
    doc.records = [r for r in doc.records if r.kind != "section"
                   or not any(s <= r.span.start < e for s, e in labels)]
    locator = records.locator_of(doc)
    for pr in practices:
        lang = span_language(doc, pr.start, pr.end, locator.block_index(pr.start))
        fields = {f.key: doc.text[f.start:f.end] for f in pr.fields}
        title = fields.get("title") or (doc.text[pr.heading[0]:pr.heading[1]] if pr.heading else None)
        start, end = timescale(fields["timescale"], lang) if fields.get("timescale") else (None, None)
        rec = records.new_record(
            doc, model.GoodPractice, pr.start, pr.end, locator,
            title=" ".join(title.split()) if title else None,
            country=_place(fields["country"], lang, True) if fields.get("country") else None,
            region=_place(fields["region"], lang, False) if fields.get("region") else None,
            institution=" ".join(fields["institution"].split()) if fields.get("institution") else None,
            start=start, end=end,
            fields=fields,
            field_spans={f.key: model.Span(start=f.start, end=f.end) for f in pr.fields},
            field_labels={f.key: f.label for f in pr.fields},
        )
        doc.records.append(rec)
        _fit_lists(doc, pr, locator)


def _fit_lists(doc: DocState, pr: Practice, locator: records.Locator) -> None:
    """Numbered items inside the practice: cut at their field's end, named after their list."""
    headings: dict[int, str] = {}
    for i, rec in enumerate(doc.records):
        if rec.kind != "recommendation" or not (pr.start <= rec.span.start < pr.end):
            continue
        fe = next((f for f in pr.fields if f.start <= rec.span.start < max(f.end, f.start + 1)), None)
        if fe is None:
            continue
        if rec.list_index not in headings:
            headings[rec.list_index] = list_heading_in(doc, fe, rec.span.start)
        end = min(rec.span.end, fe.end)
        marker = len(rec.text) - len(rec.body)
        doc.records[i] = records.new_record(
            doc, model.Recommendation, rec.span.start, end, locator,
            number=rec.number, body=doc.text[rec.span.start + marker:end],
            list_heading=headings[rec.list_index], list_index=rec.list_index,
        )


def practices_of(doc: DocState, min_fields: int = 3) -> list[Practice]:
    """The practices of `doc`, found once and kept in `doc.extras` for the stage."""
    cached = doc.extras.get("good_practices")
    if cached is None or cached[0] != min_fields:
        cached = doc.extras["good_practices"] = (min_fields, find_practices(doc, min_fields))
    return cached[1]


def distinct_keys(practices: Iterable[Practice]) -> int:
    return len({k for p in practices for k in p.keys})
