"""Reading order of label-column forms, and field labels put back from the page furniture.

A page whose left column holds field labels of the good-practice template
(`practices.vocabulary`) and whose right column their texts is read row by row (label, its
text, next label), not column by column as the page layout reads columns. A value printed
on the baseline of a label line is cut off it at the column's edge. Pages that are no such
form, and so every bulletin, are left as they are.
"""

from __future__ import annotations

from .practices import Vocabulary, is_label_text, opens_with_label, vocabulary
from .state import BBoxT, Block, DocState, Line


def _box(item: Block | Line) -> BBoxT:
    """The box of a block or line of a PDF page (the only kind a form is read on)."""
    assert item.bbox is not None
    return item.bbox


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
        bbox=(min(_box(l)[0] for l in lines), min(_box(l)[1] for l in lines),
              max(_box(l)[2] for l in lines), max(_box(l)[3] for l in lines)),
    )


def _split_at(block: Block, vx: float) -> tuple[Block | None, Block | None]:
    """A left-column block cut at x = vx: its words left of it, and those right of it (the
    value printed on the same baseline as a label line)."""
    left_lines: list[Line] = []
    right_lines: list[Line] = []
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
    lines = sorted(((ln, b) for b in lefts for ln in b.lines), key=lambda lb: _box(lb[0])[1])
    out: list[tuple[Block, bool]] = []
    i = 0
    while i < len(lines):
        for n in (3, 2, 1):
            run = lines[i:i + n]
            adjacent = all(_box(b[0])[1] - _box(a[0])[3] < 0.8 * (a[0].size or 1.0) for a, b in zip(run, run[1:]))
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
    vx = min(_box(b)[0] for b in right)
    left_x = min((_box(b)[0] for b in blocks if b.column == 0 and b.bbox), default=None)
    if left_x is None or vx - left_x < 3 * max(b.lines[0].size for b in right):
        return None
    values: list[Block] = []
    lefts: list[Block] = []
    for b in blocks:
        if b.column >= 1:
            values.append(b)
            continue
        left, value = _split_at(b, vx) if b.bbox and _box(b)[2] > vx else (b, None)
        if value is not None:
            values.append(value)
        if left is not None:
            lefts.append(left)
    runs = _left_runs(lefts, vocab)
    labels = [b for b, is_label in runs if is_label]
    others = [b for b, is_label in runs if not is_label]
    if not labels:
        return None
    region_top = _box(labels[0])[1]
    lefts_below = [b for b in others if _box(b)[1] >= region_top]
    # In a form's label column nothing but labels stands between its first and last label.
    between = [b for b in lefts_below if _box(b)[1] <= _box(labels[-1])[1]]
    if len(between) > 0.4 * len(labels):
        return None
    # The form ends at the first left-column block below its last label that is no label
    # (a closing heading, a full-width paragraph): what lies below it keeps its order.
    region_bottom = min((_box(b)[1] for b in lefts_below if _box(b)[1] > _box(labels[-1])[1]), default=float("inf"))
    below = [v for v in values if _box(v)[1] >= region_bottom - 0.5]
    values = [v for v in values if _box(v)[1] < region_bottom - 0.5]

    def row_of(line: Line) -> int:
        tol = 0.5 * (line.size or 1.0)
        return max((i for i, lb in enumerate(labels) if _box(lb)[1] <= _box(line)[1] + tol), default=-1)

    lead: list[Block] = []
    rows: list[list[Block]] = [[lb] for lb in labels]
    for v in sorted(values, key=lambda b: _box(b)[1]):
        row_runs: list[tuple[int, list[Line]]] = []
        for line in v.lines:
            r = row_of(line)
            if row_runs and row_runs[-1][0] == r:
                row_runs[-1][1].append(line)
            else:
                row_runs.append((r, [line]))
        for k, (r, lines) in enumerate(row_runs):
            blk = v if len(row_runs) == 1 else _block_of(lines, v, v.column, v.role)
            if k:
                blk.flow_break = True
            (lead if r < 0 else rows[r]).append(blk)
    for row in rows:
        row[0].flow_break = True
        for v in row[1:2]:
            v.flow_break = True
    region = lead + [b for row in rows for b in row]
    before = [b for b in others if _box(b)[1] < region_top]
    rest = sorted([b for b in others if _box(b)[1] >= region_top] + below, key=lambda b: (_box(b)[1], _box(b)[0]))
    return before + region + rest


def restore_labels(doc: DocState, vocab: Vocabulary) -> None:
    """Field labels the layout took for running headers or footers go back into the text.

    The layout finds furniture by repetition in the top and bottom bands of the page; a
    handbook repeats its labels, and one that happens to open (or end) a page on a few pages
    is "repeated". A furniture line that is a field label and nothing else is put back as a
    block of its own where it stood on its page; no bulletin has such a line."""
    labels = [f for f in doc.furniture if f.role != "page_number" and opens_with_label(f.text, vocab)]
    if not labels:
        return
    for f in labels:
        line = Line(text=f.text, page=f.page, bbox=tuple(f.bbox))  # type: ignore[arg-type]
        block = Block(lines=[line], page=f.page, bbox=tuple(f.bbox), role="body", flow_break=True)  # type: ignore[arg-type]
        on_page = [i for i, b in enumerate(doc.blocks) if b.page == f.page and b.bbox]
        above = [i for i in on_page if _box(doc.blocks[i])[1] < f.bbox[1]]
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


def order_forms(doc: DocState, vocab: Vocabulary | None = None) -> None:
    """Field labels back from the furniture, then every label-column form page in form order."""
    vocab = vocab or vocabulary()
    restore_labels(doc, vocab)
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
