"""Linear time in the size of the text, stage by stage: each input doubled, the times compared.

    .venv/bin/python bench/linear.py                 # ~100k, 200k and 400k characters
    .venv/bin/python bench/linear.py --chars 50000 --doublings 3

For each shape of text (the sample bulletins repeated; a line of month-name dates after
another; one block of a million characters and more with no blank line; long runs without
white space; a long numbered list) the bulletin pipeline runs on the text at its size and at
each doubling, timing every stage (CPU time, one warm process). A stage whose time grows more
than GROWTH_LIMIT times when its input doubles is flagged: work that grows with the square of
the text shows as 4 (judged at the last doubling, where warm caches weigh least). The machine is shared and noisy, so this is a benchmark to read, not a
timed test (tests/test_hostile_linear.py counts the date grammar's work instead).
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
from intra_extract.lifecycle import new_document  # noqa: E402
from intra_extract.pipeline import load  # noqa: E402

GROWTH_LIMIT = 2.6  # a doubling that costs more than this is not linear (noise stays below)


def shapes(chars: int) -> dict[str, str]:
    """Each shape of text, cut to `chars` characters."""
    samples = "\n\n".join(p.read_text("utf-8", errors="replace") for p in sorted((ROOT / "raw_docs").glob("*.txt")))
    dates = "".join(f"Meeting {i} on 12 March 2019, from April to June 2020, and 1.2.2021.\n" for i in range(chars // 60))
    block = " ".join(f"partners in Sofia and Plovdiv agreed on point {i}" for i in range(chars // 40))
    runs = " ".join("x" * 5000 + f"/www.example{i}.eu/{'a' * 2000}" for i in range(chars // 7000 + 1))
    items = "Recommendations\n\n" + "".join(f"{i}. Regional agencies should pool service {i}.\n" for i in range(1, chars // 40))

    def fit(text: str) -> str:
        return (text * (chars // max(len(text), 1) + 1))[:chars]

    return {"samples": fit(samples), "dates": fit(dates), "one block": fit(block), "no spaces": fit(runs),
            "numbered list": fit(items)}


def stage_times(text: str, config) -> Counter[str]:
    data = text.encode("utf-8")
    doc = new_document("bench.txt", data, config)
    spent: Counter[str] = Counter()
    t0 = time.process_time()
    backends.load(doc, "bench.txt", data)
    spent["backend"] = time.process_time() - t0
    for name in config.stages:
        t0 = time.process_time()
        stages.get(name)(doc, config.stage_options(name))
        spent[name] = time.process_time() - t0
    t0 = time.process_time()
    records.finalise(doc)
    spent["finalise"] = time.process_time() - t0
    return spent


def min_times(runs: list[Counter[str]]) -> Counter[str]:
    return Counter({name: min(r[name] for r in runs) for name in runs[0]})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chars", type=int, default=100_000, help="size of the smallest input")
    ap.add_argument("--doublings", type=int, default=2)
    ap.add_argument("--pipeline", default="bulletin")
    ap.add_argument("--repeat", type=int, default=2, help="runs per size; the fastest counts")
    args = ap.parse_args(argv)
    config = load(args.pipeline)
    for text in shapes(5000).values():  # language data and matchers built outside the times
        stage_times(text, config)
    flagged = []
    for shape in shapes(args.chars):
        sizes = [args.chars * 2**k for k in range(args.doublings + 1)]
        runs = [min_times([stage_times(shapes(size)[shape], config) for _ in range(args.repeat)]) for size in sizes]
        print(f"{shape}: {', '.join(f'{s:,}' for s in sizes)} characters; CPU seconds, and growth per doubling")
        for name in runs[0]:
            times = [r[name] for r in runs]
            growth = [b / a for a, b in zip(times, times[1:]) if a >= 0.02]  # below 20 ms: noise
            # judged at the last doubling: smaller inputs gain most from warm caches (spaCy's
            # tokenizer knows every word of the first size when the second comes)
            mark = "  <- not linear" if growth and growth[-1] > GROWTH_LIMIT else ""
            if mark:
                flagged.append(f"{shape}/{name}")
            print(f"  {name:<15} {' '.join(f'{t:8.3f}' for t in times)}   "
                  f"{' '.join(f'x{g:.2f}' for g in growth) or '(too fast to tell)'}{mark}")
    print("all stages linear" if not flagged else f"not linear: {', '.join(flagged)}")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
