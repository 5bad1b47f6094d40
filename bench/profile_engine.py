"""Where the engine spends a benchmark's time: cProfile of its side only.

    python -m bench.profile_engine [select|update|tpcb] [--count 5000] [--top 25]

Loads pgbench's tables at scale 1 into an engine, warms up, then profiles
`session.execute(text)` for the same statements the benchmarks time (point
SELECT, point UPDATE, or whole TPC-B-like transactions) and prints the top
functions by own time and by cumulative time.  cProfile slows Python code
down several times over, so read the shares, not the microseconds.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
from pathlib import Path

if __package__ in (None, ""):      # run as a file: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import engine_target, load
from bench.statements import STATEMENTS
from bench.tpcb import transaction


def texts(what: str, rng: random.Random, count: int) -> list[str]:
    if what == "tpcb":
        return [sql for _ in range(count) for sql in transaction(rng, 1)]
    return [STATEMENTS[f"point {what.upper()}"](rng, 100_000) for _ in range(count)]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", nargs="?", choices=("select", "update", "tpcb"), default="tpcb")
    ap.add_argument("--count", type=int, default=5000, help="statements (transactions for tpcb)")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args(argv)
    rng = random.Random(1)
    target = load(engine_target())
    for sql in texts(args.what, rng, args.count // 10):
        target.run(sql)
    work = texts(args.what, rng, args.count)
    profiler = cProfile.Profile()
    profiler.runcall(lambda: [target.run(sql) for sql in work])
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("tottime").print_stats(args.top)
    stats.sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
