"""A larger randomized differential run, from the command line.

    python -m tests.differential.run --cases 500 --seed S [--workers 4]
                                     [--keep] [--shrink-budget 300]

Case i uses seed S * 100000 + i, so a run can be repeated and any case
regenerated alone (`--only SEED`).  Prints a summary: how many cases agree,
mismatch or could not be recorded (unsettled: PostgreSQL waited where the
engine did not), the lock waits and errors seen, and one line per distinct
mismatch.  Each distinct mismatch is then shrunk and printed; with `--keep`
it is written as `tests/scenarios/rand-<topic>-<n>.sql` with its golden.
"""
from __future__ import annotations

import argparse
import sys
import time

from .differential import by_signature, check_seeds, describe, keep, minimize, summary
from .pg import Recorders, server_available


def _args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m tests.differential.run", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", type=int, nargs="*", help="check just these case seeds")
    ap.add_argument("--workers", type=int, default=4, help="PostgreSQL clusters recording at once")
    ap.add_argument("--shrink-budget", type=float, default=300.0, help="seconds per mismatch")
    ap.add_argument("--no-shrink", action="store_true")
    ap.add_argument("--keep", action="store_true", help="write shrunk mismatches as rand-* scenarios")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    if not server_available():
        print("PostgreSQL 15 server binaries not found (install postgresql-15)", file=sys.stderr)
        return 2
    seeds = args.only or [args.seed * 100000 + i for i in range(args.cases)]
    started = time.monotonic()
    with Recorders(args.workers) as recorders:
        checked = check_seeds(recorders, seeds)
        print(summary(checked, time.monotonic() - started), flush=True)
        groups = by_signature(checked)
        if args.no_shrink or not groups:
            return 1 if groups else 0
        firsts = [group[0] for group in groups.values()]
        for first, small in zip(firsts, recorders.map(
                lambda c: minimize(recorders, c, args.shrink_budget), firsts)):
            case, mismatch = small or (first.case, None)
            print(f"\n=== seed {first.seed}: {first.case.statement_count()} statements"
                  f" shrunk to {case.statement_count()}\n{describe(case, mismatch)}", flush=True)
            if args.keep and mismatch is not None:
                print(f"kept as {keep(recorders, case, mismatch, first.seed)}", flush=True)
    print(f"\ndone in {time.monotonic() - started:.0f} s")
    return 1


if __name__ == "__main__":
    sys.exit(main())
