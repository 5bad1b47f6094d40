"""Larger randomized runs, from the command line.

    python -m tests.differential.run --cases 500 --seed S [--workers 4]
                                     [--keep] [--shrink-budget 300]
    python -m tests.differential.run --history --cases 5000 --seed S [--pg 100]

Case i uses seed S * 100000 + i, so a run can be repeated and any case
regenerated alone (`--only SEED`).

The differential run prints a summary: how many cases agree, mismatch or
could not be recorded (unsettled: PostgreSQL waited where the engine did
not), the lock waits and errors seen, and one line per distinct mismatch.
Each distinct mismatch is then shrunk and printed; with `--keep` it is
written as `tests/scenarios/rand-<topic>-<n>.sql` with its golden.

`--history` runs the SERIALIZABLE history checker on the engine alone
(history.py), then records the first `--pg` of those cases against
PostgreSQL and compares which transactions commit (crosscheck.py) and every
statement, shrinking and keeping mismatches as above.
"""
from __future__ import annotations

import argparse
import sys
import time

from . import history
from .case import Case, render
from .compare import Mismatch, compare
from .differential import Checked, by_signature, check_seeds, describe, keep, minimize, summary
from .generate import HISTORY, Shape
from .pg import Recorders, Unsettled, server_available


def _args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m tests.differential.run", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", type=int, nargs="*", help="check just these case seeds")
    ap.add_argument("--history", action="store_true", help="the SERIALIZABLE history checker")
    ap.add_argument("--pg", type=int, default=50, help="--history: cases cross-checked on PostgreSQL")
    ap.add_argument("--workers", type=int, default=4, help="PostgreSQL clusters recording at once")
    ap.add_argument("--shrink-budget", type=float, default=300.0, help="seconds per mismatch")
    ap.add_argument("--no-shrink", action="store_true")
    ap.add_argument("--keep", action="store_true", help="write shrunk mismatches as rand-* scenarios")
    return ap.parse_args(argv)


def _shrink_and_show(recorders: Recorders, checked: list[Checked], args: argparse.Namespace) -> None:
    firsts = [group[0] for group in by_signature(checked).values()]
    for first, small in zip(firsts, recorders.map(
            lambda c: minimize(recorders, c, args.shrink_budget), firsts)):
        case, mismatch = small or (first.case, None)
        print(f"\n=== seed {first.seed}: {first.case.statement_count()} statements"
              f" shrunk to {case.statement_count()}\n{describe(case, mismatch)}", flush=True)
        if args.keep and mismatch is not None:
            _keep(recorders, case, mismatch, first.seed)


def _keep(recorders: Recorders, case: Case, mismatch: Mismatch, seed: int) -> None:
    path = keep(recorders, case, mismatch, seed)
    print(f"kept as {path}" if path else "not kept: PostgreSQL's output names OIDs", flush=True)


def _differential(seeds: list[int], shape: Shape | None, args: argparse.Namespace) -> bool:
    """Record, compare, shrink; True when everything agreed."""
    started = time.monotonic()
    with Recorders(args.workers) as recorders:
        checked = check_seeds(recorders, seeds, shape)
        print(summary(checked, time.monotonic() - started), flush=True)
        if not args.no_shrink:
            _shrink_and_show(recorders, checked, args)
    return not by_signature(checked) and not any(c.fates for c in checked)


def _histories(seeds: list[int], args: argparse.Namespace) -> bool:
    """The history checker on the engine; each kind of problem shrunk, and
    compared with PostgreSQL (and kept) when a server is there."""
    started = time.monotonic()
    verdicts = [history.check_seed(seed) for seed in seeds]
    print(history.summary(verdicts, time.monotonic() - started), flush=True)
    bad = {v.problems[0].split(":")[0]: v for v in reversed(verdicts) if v.problems}
    for verdict in bad.values() if not args.no_shrink else ():
        case = history.shrink_verdict(verdict, args.shrink_budget)
        print(f"\n=== seed {verdict.seed}, shrunk: {history.check(case)[0]}\n"
              + render(case, "rand-case", case.label), flush=True)
        if server_available():
            _against_postgres(case, verdict.seed, args)
    return not bad


def _against_postgres(case: Case, seed: int, args: argparse.Namespace) -> None:
    with Recorders(1) as recorders:
        golden = recorders.protocol(case)
        found = None if isinstance(golden, Unsettled) else compare(case, golden)
        print("PostgreSQL: " + ("does the same" if found is None else describe(case, found)), flush=True)
        if args.keep and found is not None:
            _keep(recorders, case, found, seed)


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    seeds = args.only or [args.seed * 100000 + i for i in range(args.cases)]
    started = time.monotonic()
    ok = _histories(seeds, args) if args.history else True
    if args.history and args.pg == 0:
        return 0 if ok else 1
    if not server_available():
        print("PostgreSQL 15 server binaries not found (install postgresql-15)", file=sys.stderr)
        return 2
    sample = seeds[:args.pg] if args.history else seeds
    ok = _differential(sample, HISTORY if args.history else None, args) and ok
    print(f"\ndone in {time.monotonic() - started:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
