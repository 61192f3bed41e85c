"""CPU time per page of the PDF backend and of each pipeline stage, in one warm process.

    .venv/bin/python bench/stages.py [--backend pdfium|pdfplumber] [--docs 24]

Reads documents of the benchmark corpus (`make bench` generates it under bench/out/corpus),
after one document of each language has built the language data, so start-up is not
counted; the backend's pages are read in full before the stages run, so its time is its own.
Where `bench/run.py` says how fast a run is, this says where its time goes.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intra_extract import backends, records, stages  # noqa: E402
from intra_extract.pipeline import load  # noqa: E402
from intra_extract.lifecycle import new_document, process_file  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--backend", default=backends.DEFAULT_PDF_BACKEND, choices=backends.PDF_BACKENDS)
    ap.add_argument("--docs", type=int, default=24)
    ap.add_argument("--corpus", type=Path, default=ROOT / "bench" / "out" / "corpus")
    args = ap.parse_args(argv)
    files = sorted(args.corpus.glob("*.pdf"))
    if len(files) < 6 + args.docs:
        raise SystemExit(f"{args.corpus} has {len(files)} PDFs; run `make bench` (or bench/run.py --docs N) first")
    config = load("bulletin")
    options = backends.BackendOptions(pdf_backend=args.backend)
    for path in files[:6]:  # the corpus cycles through the six languages
        process_file(str(path), path.name, path.read_bytes(), config, options)

    spent: Counter[str] = Counter()
    pages = 0
    for path in files[6:6 + args.docs]:
        data = path.read_bytes()
        doc = new_document(path.name, data, config)
        t0 = time.process_time()
        backends.load(doc, str(path), data, options)
        doc.pages = list(doc.pages)
        spent["backend"] += time.process_time() - t0
        pages += len(doc.pages)
        for name in config.stages:
            t0 = time.process_time()
            stages.get(name)(doc, config.stage_options(name))
            spent[name] += time.process_time() - t0
        t0 = time.process_time()
        records.finalise(doc)
        spent["finalise"] += time.process_time() - t0

    total = sum(spent.values())
    print(f"{args.backend}: {args.docs} documents, {pages} pages, {1000 * total / pages:.1f} ms a page (CPU)")
    for name, seconds in spent.most_common():
        print(f"  {name:<15} {1000 * seconds / pages:6.1f} ms a page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
