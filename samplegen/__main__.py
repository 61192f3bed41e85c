"""python -m samplegen OUTDIR [--seed N] [--languages bg,en]"""

from __future__ import annotations

import argparse

from .bulletin import standard_set
from .texts import TEXTS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samplegen", description=__doc__)
    parser.add_argument("outdir")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--languages", default=",".join(TEXTS), help="comma-separated language codes")
    args = parser.parse_args(argv)
    paths = standard_set(args.outdir, languages=[x for x in args.languages.split(",") if x], seed=args.seed)
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
