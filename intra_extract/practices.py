"""The good-practice template: its vocabulary of field labels, and the finder of labels and
practices in a document (the `doc_type` stage types handbooks with it, `good_practices` makes
its records, `forms.py` reads label-column forms with it).

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
   from the fields (`describe`).
5. **Lists.** Numbered items (`recommendation` records of the `structure` stage) inside a
   practice are cut at the end of their field, and named after the lead line that opens
   their list ("Key success factors:") or else after their field's label (`list_heading_in`);
   `records.finalise` gives them the practice's id as `parent_id` once ids exist.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, cast

from . import model
from .dates_grammar import find_dates
from .folding import fold, fold_map
from .regions import find_regions
from .state import Block, DocState, Line

FIELDS_PATH = Path(__file__).resolve().parent / "data" / "good_practice_fields.toml"
MAJOR_SIZE = 1.15  # a heading this much larger than the body text ends a practice
COLUMN_GAP = 2.0  # em: a gap this wide after a label is a label column


# ----------------------------------------------------------------------------- vocabulary

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
    keys: list[str] = []
    anchors: list[str] = []
    variants: dict[str, tuple[str, str, str, str]] = {}
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
    if not line.words or line.start < 0:
        return False, False, None
    before: list[tuple[Any, float, float]] = []
    after: list[tuple[Any, float, float]] = []
    for off, _, word in line.word_x():
        (before if line.start + off < upto else after).append((word, word.x0, word.x1))
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
            if hit is not None and hit.evidence == "colon":
                hits.extend(_labels_in_run(doc, vocab, bi, li, line, hit.value_start))
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


_WORD_START = re.compile(r"(?<=\s)[^\W\d_]")


def _labels_in_run(doc: DocState, vocab: Vocabulary, bi: int, li: int, line: Line, after: int) -> list[LabelHit]:
    """Further labels of a "Label: value Label: value" run on the line of a label with a colon
    (a box of facts): a capitalised label and its colon after a space; each field then ends at
    the next label."""
    hits = []
    for m in _WORD_START.finditer(doc.text, after, line.end):
        pos = m.start()
        if not doc.text[pos].isupper() or _opening_word(doc.text[pos:line.end], 40) not in vocab.by_first:
            continue
        folded, where = fold_map(doc.text[pos:line.end])
        found = vocab.match(folded)
        if not found:
            continue
        key, lang, n = found
        label_end = pos + where[n - 1] + 1
        colon = re.match(r"[^\S\n]*[:：]", doc.text[label_end:line.end])
        if not colon:
            continue
        end = label_end + colon.end()
        value_start = end
        while value_start < line.end and doc.text[value_start].isspace():
            value_start += 1
        hits.append(LabelHit(key, lang, bi, li, pos, end, value_start, " ".join(doc.text[pos:label_end].split()), "colon"))
    return hits


def is_label_text(text: str, vocab: Vocabulary) -> bool:
    """Whether `text` is a field label and nothing else (a colon may follow)."""
    # Most texts asked about are ordinary lines: their first word, folded from the head of
    # the text alone (folding streams left to right), already opens no label.
    if _opening_word(text) not in vocab.by_first:
        return False
    folded = fold(text).rstrip(":").strip()
    found = vocab.match(folded)
    return found is not None and found[2] == len(folded)


def opens_with_label(text: str, vocab: Vocabulary) -> bool:
    """A field label alone, or a label and a colon opening the line ("Country: Bulgaria")."""
    if is_label_text(text, vocab):
        return True
    folded = fold(text)
    found = vocab.match(folded)
    return found is not None and folded[found[2]:].lstrip().startswith(":")


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


def _place(text: str, language: str, want_country: bool, strict: bool = False) -> model.Place | None:
    """The country (`want_country`) or the region a field names. `strict`: only a place of
    that kind (a location field names both, "Varna, Bulgaria")."""
    matches = find_regions(text, language)
    if strict:
        matches = [m for m in matches if (m.level == "country") == want_country]
    if not matches:
        return None
    if want_country:
        best = next((m for m in matches if m.level == "country"), matches[0])
    else:
        rank = {"nuts2": 0, "nuts1": 1, "nuts3": 2, "city": 3, "country": 4}
        best = min(matches, key=lambda m: (rank.get(m.level, 5), m.start))
    return model.Place(name=best.name, nuts_code=best.nuts_code, country=best.country,
                       level=cast(model.RegionLevel, best.level),
                       text=text[best.start:best.end])


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
        if len(years) == 1 and re.sub(r"[\W\d_]+", "", text):  # "2015 – ongoing"
            return f"{years[0]}-01-01", None
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


# ----------------------------------------------------------------------------- lists


_LEAD = re.compile(r"([^\n.!?]{2,120}?)\s*[:：]\s*$")


def list_heading_in(doc: DocState, field_ext: FieldExtent, item_start: int) -> str:
    """The name of a list that opens at `item_start` inside a field: its lead line ("Key
    success factors:"), else the field's label."""
    before = doc.text[field_ext.start:item_start].rstrip()
    tail = re.split(r"(?<=[.!?])\s+|\n", before)[-1] if before else ""
    m = _LEAD.search(tail)
    return " ".join(m.group(1).split()) if m else field_ext.label


def distinct_keys(practices: Iterable[Practice]) -> int:
    return len({k for p in practices for k in p.keys})


def _linked(fields: dict[str, str], key: str, language: str) -> model.Place | None:
    """The practice's country or region: from its own field, else from the location's."""
    if fields.get(key):
        return _place(fields[key], language, key == "country")
    if fields.get("location"):
        return _place(fields["location"], language, key == "country", strict=True)
    return None


def describe(doc: DocState, practice: Practice, language: str) -> dict[str, Any]:
    """The fields of a `model.GoodPractice` that its practice gives, read in `language`."""
    fields = {f.key: doc.text[f.start:f.end] for f in practice.fields}
    title = fields.get("title") or (doc.text[practice.heading[0]:practice.heading[1]] if practice.heading else None)
    start, end = timescale(fields["timescale"], language) if fields.get("timescale") else (None, None)
    return dict(
        title=" ".join(title.split()) if title else None,
        country=_linked(fields, "country", language),
        region=_linked(fields, "region", language),
        institution=" ".join(fields["institution"].split()) if fields.get("institution") else None,
        start=start, end=end,
        fields=fields,
        field_spans={f.key: model.Span(start=f.start, end=f.end) for f in practice.fields},
        field_labels={f.key: f.label for f in practice.fields},
    )
