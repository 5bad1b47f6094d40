"""Per-statement latency of a point SELECT and a point UPDATE by primary key.

    python -m bench.statements [--iterations 5000] [--rounds 5] [--warmup 500]

Method.  pgbench's pgbench_accounts (aid int PRIMARY KEY, bid int,
abalance int, filler char(84)) is loaded with 100,000 rows into each system:
the TxLab engine, PostgreSQL 15 through psycopg (Unix socket, autocommit),
and SQLite through sqlite3 (in memory and in a file in /tmp).  Each
statement is a text with its literals written in,

    SELECT abalance FROM pgbench_accounts WHERE aid = 4711
    UPDATE pgbench_accounts SET abalance = abalance + -1234 WHERE aid = 4711

with aid uniform over the table and the delta uniform in [-5000, 5000], and
each call is timed on its own with perf_counter_ns: `session.execute(text)`
on the engine, `cursor.execute(text)` plus the fetch on psycopg and sqlite3.

Why text with literals and PostgreSQL's simple protocol: that is how the
engine is used (it gets SQL text and must parse, or recognise, every one),
and how psql and `pgbench -M simple` talk to a server.  psycopg is set up so
the server parses every text too (ClientCursor, no automatic preparation);
sqlite3 caches compiled statements by text, which random literals defeat,
so SQLite also compiles each one.  Nobody is measured with a prepared plan
the others are denied.

Noise.  The systems are measured side by side in the same run, in rounds:
every round runs the same freshly drawn statements on each system, starting
with a different system each time, so a burst of load from elsewhere on the
machine hits all of them alike.  After a warm-up, the median, the 90th
percentile and the mean are reported, and the ratio engine ÷ system of the
medians (2.0 = the engine takes twice as long).

Index use.  PostgreSQL and SQLite show it in EXPLAIN / EXPLAIN QUERY PLAN.
The engine has no EXPLAIN yet, so it is shown by its cost: a second engine
holds only 10,000 accounts, and an indexed point lookup costs the same on
both (ratio ~1.0) where a scan would cost ten times as much.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Callable

if __package__ in (None, ""):      # run as a file: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (StatementError, Target, engine_target, load, machine_line, median,
                          pg_cluster, pg_target, print_table, quantile, ratio, rotated, sqlite_file,
                          sqlite_target)

STATEMENTS: dict[str, Callable[[random.Random, int], str]] = {
    "point SELECT": lambda rng, n: f"SELECT abalance FROM pgbench_accounts WHERE aid = {rng.randint(1, n)}",
    "point UPDATE": lambda rng, n: ("UPDATE pgbench_accounts SET abalance = abalance + "
                                    f"{rng.randint(-5000, 5000)} WHERE aid = {rng.randint(1, n)}"),
}


def time_each(run: Callable[[str], object], texts: list[str]) -> list[int]:
    """Nanoseconds of each call run(text)."""
    clock = time.perf_counter_ns
    out = []
    for text in texts:
        t0 = clock()
        run(text)
        out.append(clock() - t0)
    return out


def plan_of(target: Target, sql: str) -> str:
    """The plan lines of sql on target, costs left out; or why there is none."""
    try:
        rows = target.run(target.explain + sql)
    except StatementError as e:                  # the engine has no EXPLAIN yet
        return f"({e.message})"
    lines = (re.sub(r"\s+\(cost=[^)]*\)", "", str(row[-1])).strip() for row in rows)
    return " / ".join(line for line in lines if line)


def build(stack: ExitStack, accounts: int) -> list[Target]:
    targets = [load(engine_target("engine"), accounts=accounts),
               load(engine_target("engine, 1/10 of the rows"), accounts=accounts // 10)]
    cluster = stack.enter_context(pg_cluster())
    if cluster is not None:
        pg = pg_target("postgresql (psycopg)", cluster.conninfo())
        stack.callback(pg.handle.close)
        targets.append(load(pg, accounts=accounts))
    targets.append(load(sqlite_target("sqlite :memory:", ":memory:"), accounts=accounts))
    targets.append(load(sqlite_target("sqlite file /tmp", sqlite_file(stack)), accounts=accounts))
    return targets


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--iterations", type=int, default=5000, help="timed statements per system and kind")
    ap.add_argument("--rounds", type=int, default=5, help="interleaved rounds the iterations are split into")
    ap.add_argument("--warmup", type=int, default=500, help="untimed statements per system first")
    ap.add_argument("--accounts", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    print(machine_line())
    with ExitStack() as stack:
        started = time.perf_counter()
        targets = build(stack, args.accounts)
        print(f"loaded in {time.perf_counter() - started:.1f} s")
        print("\nplans of the point lookups:")
        for t in targets:
            sql = STATEMENTS["point UPDATE"](rng, t.accounts)
            print(f"  {t.name:26} {plan_of(t, STATEMENTS['point SELECT'](rng, t.accounts))}")
            print(f"  {'':26} {plan_of(t, sql)}")
            if len(t.run(f"SELECT abalance FROM pgbench_accounts WHERE aid = {t.accounts}")) != 1:
                raise SystemExit(f"{t.name}: the last account is missing")

        medians: dict[tuple[str, str], float] = {}
        for kind, make in STATEMENTS.items():
            samples: dict[str, list[int]] = {t.name: [] for t in targets}
            for t in targets:
                time_each(t.run, [make(rng, t.accounts) for _ in range(args.warmup)])
            for r in range(args.rounds):
                texts = {n: [make(rng, n) for _ in range(args.iterations // args.rounds)]
                         for n in {t.accounts for t in targets}}
                for t in rotated(targets, r):
                    samples[t.name] += time_each(t.run, texts[t.accounts])
            rows = []
            engine_median = median(samples["engine"]) / 1000
            for t in targets:
                us = [ns / 1000 for ns in samples[t.name]]
                medians[kind, t.name] = median(us)
                rows.append([t.name, f"{t.accounts:,}", median(us), quantile(us, 0.9),
                             sum(us) / len(us), ratio(engine_median, median(us))])
            print_table(f"{kind} by primary key, {len(samples['engine'])} statements each, µs",
                        ["system", "rows", "median", "p90", "mean", "engine ÷ this"], rows)

        print("\nengine, 10x the rows ÷ 1/10 of the rows (1.0 = the lookup does not grow with the table):",
              ", ".join(f"{kind} {ratio(medians[kind, 'engine'], medians[kind, 'engine, 1/10 of the rows'])}"
                        for kind in STATEMENTS))
        if any(t.name.startswith("postgresql") for t in targets):
            print("target: engine ÷ postgresql ≤ 2.00:",
                  ", ".join(f"{kind} {ratio(medians[kind, 'engine'], medians[kind, 'postgresql (psycopg)'])}"
                            for kind in STATEMENTS))
        print(machine_line())


if __name__ == "__main__":
    main()
