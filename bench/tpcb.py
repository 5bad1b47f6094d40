"""TPC-B-like throughput: pgbench's default transaction, one statement at a time.

    python -m bench.tpcb [--runs 5] [--transactions 3000]
    python -m bench.tpcb --sessions 2 4 8

Method.  pgbench's tables at scale 1 (1 branch, 10 tellers, 100,000
accounts) are loaded into each system, and pgbench's built-in "TPC-B (sort
of)" transaction is run with fresh random aid, tid, bid and delta:

    BEGIN;
    UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;
    SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
    UPDATE pgbench_tellers SET tbalance = tbalance + :delta WHERE tid = :tid;
    UPDATE pgbench_branches SET bbalance = bbalance + :delta WHERE bid = :bid;
    INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (:tid, :bid, :aid, :delta, CURRENT_TIMESTAMP);
    END;

Every statement is sent on its own as text with its literals written in,
as `pgbench -M simple` sends it (see bench/common.py for how each system is
driven and why).  The engine runs twice: in memory, and durable with a data
directory (its WAL fsynced at commit) to set beside PostgreSQL with fsync
on.  SQLite runs the same texts (END is its synonym for COMMIT).  Before
each run, as pgbench does, branches and tellers are vacuumed and the
history is emptied.  A run is N transactions; throughput is
N / elapsed seconds; several runs are interleaved across the systems (each
run starts with another system) and the median, minimum and maximum are
reported with the ratio engine ÷ system of the medians (0.5 = the engine
does half as many transactions per second).

PostgreSQL is measured twice: on a cluster with the test recorders'
settings (fsync, synchronous_commit, full_page_writes off: a commit does not
wait for the disk, as nothing waits for the disk in the in-memory engine),
and on one with the server's defaults (all three on: every commit waits
for a WAL flush).

--sessions N ...: N sessions run the transaction round-robin from one
thread, one statement per session per turn; a session sends its next
statement only once its previous one has finished.  On the engine each
session is its own connection (`engine.connect`); a statement that must wait
for a lock returns "waiting" and the session sits out until take_results()
has its outcome.  On PostgreSQL the N psycopg connections are driven
through psycopg's libpq layer without blocking (send_query, consume_input,
select on the sockets), because a blocking execute() in one thread would
hang for good on a row lock held by a connection the same thread must drive
next.  Failed transactions (any statement of it errored; its END rolled
back) are counted and their errors listed, not hidden: throughput counts
committed transactions only.  SQLite is left out there (one writer per file,
and a second connection waiting on a lock would block the thread).
"""
from __future__ import annotations

import argparse
import random
import re
import select
import sys
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):      # run as a file: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (ACCOUNTS_PER_BRANCH, TELLERS_PER_BRANCH, Target, engine_data_dir,
                          engine_target, load, machine_line, median, pg_cluster, pg_connect, pg_target,
                          print_table, ratio, rotated, sqlite_file, sqlite_target)

Transaction = list[str]


def transaction(rng: random.Random, scale: int) -> Transaction:
    aid = rng.randint(1, ACCOUNTS_PER_BRANCH * scale)
    bid = rng.randint(1, scale)
    tid = rng.randint(1, TELLERS_PER_BRANCH * scale)
    delta = rng.randint(-5000, 5000)
    return ["BEGIN",
            f"UPDATE pgbench_accounts SET abalance = abalance + {delta} WHERE aid = {aid}",
            f"SELECT abalance FROM pgbench_accounts WHERE aid = {aid}",
            f"UPDATE pgbench_tellers SET tbalance = tbalance + {delta} WHERE tid = {tid}",
            f"UPDATE pgbench_branches SET bbalance = bbalance + {delta} WHERE bid = {bid}",
            "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime)"
            f" VALUES ({tid}, {bid}, {aid}, {delta}, CURRENT_TIMESTAMP)",
            "END"]


def before_run(t: Target) -> None:
    """pgbench's step before a run: vacuum branches and tellers, empty the history."""
    if t.kind == "sqlite":
        t.run("DELETE FROM pgbench_history")
        return
    for sql in ("VACUUM pgbench_branches", "VACUUM pgbench_tellers", "TRUNCATE pgbench_history"):
        t.run(sql)


def run_single(t: Target, txns: list[Transaction]) -> float:
    """Seconds to run txns one statement at a time on t's one connection."""
    run = t.run
    started = time.perf_counter()
    for txn in txns:
        for sql in txn:
            run(sql)
    return time.perf_counter() - started


# --- several sessions ------------------------------------------------------------------------
class EngineConn:
    """One engine session driven without blocking: submit a statement, poll for its outcome."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self.outcome: list[str | None] | None = None
        self.waits = 0                # statements that had to wait for a lock

    def submit(self, sql: str) -> None:
        results = self.session.execute(sql)
        waiting = results[-1].status == "waiting"
        self.waits += waiting
        self.outcome = None if waiting else self._errors(results)

    def poll(self) -> list[str | None] | None:
        """One entry per finished statement (its error, or None), or None while it waits."""
        if self.outcome is None and not self.session.busy:
            self.outcome = self._errors(self.session.take_results())
        out, self.outcome = self.outcome, None
        return out

    def fileno(self) -> int | None:
        return None

    def close(self) -> None:
        self.session.close()

    @staticmethod
    def _errors(results: list[Any]) -> list[str | None]:
        return [r.error.message if r.status == "error" else None for r in results]


class PgConn:
    """One psycopg connection driven through libpq's non-blocking calls (simple protocol)."""

    def __init__(self, conninfo: str) -> None:
        from psycopg import pq
        self.conn = pg_connect(conninfo)
        self.pq = self.conn.pgconn
        self.fatal = pq.ExecStatus.FATAL_ERROR
        self.message = pq.DiagnosticField.MESSAGE_PRIMARY
        self.outcome: list[str | None] = []

    def submit(self, sql: str) -> None:
        self.outcome = []
        self.pq.send_query(sql.encode())

    def poll(self) -> list[str | None] | None:
        self.pq.consume_input()
        while not self.pq.is_busy():
            res = self.pq.get_result()
            if res is None:
                return self.outcome
            failed = res.status == self.fatal
            self.outcome.append(res.error_field(self.message).decode() if failed else None)
        return None

    def fileno(self) -> int | None:
        return self.pq.socket

    def close(self) -> None:
        self.conn.close()


@dataclass
class Client:
    """A session's share of a run: its transactions and where it stands in them."""
    conn: EngineConn | PgConn
    txns: list[Transaction]
    t: int = 0                    # transaction
    s: int = 0                    # statement within it
    failed: bool = False
    in_flight: bool = False


@dataclass
class Tally:
    committed: int = 0
    failed: int = 0
    errors: Counter = field(default_factory=Counter)


def drive(clients: list[Client], tally: Tally) -> None:
    """Round-robin: each turn, every session whose statement has finished sends its next one."""
    while active := [c for c in clients if c.t < len(c.txns)]:
        progressed = False
        for c in active:
            if c.in_flight:
                outcome = c.conn.poll()
                if outcome is None:
                    continue
                c.in_flight, progressed = False, True
                for error in filter(None, outcome):
                    tally.errors[re.sub(r"\d+", "N", error)] += 1
                    c.failed = True
                c.s += 1
                if c.s == len(c.txns[c.t]):
                    tally.failed += c.failed
                    tally.committed += not c.failed
                    c.t, c.s, c.failed = c.t + 1, 0, False
                    if c.t == len(c.txns):
                        continue
            c.conn.submit(c.txns[c.t][c.s])
            c.in_flight = progressed = True
        if not progressed:
            sockets = [c.conn.fileno() for c in active if c.conn.fileno() is not None]
            if not sockets:
                raise RuntimeError("every engine session waits and none can go on")
            select.select(sockets, [], [])


def connections(t: Target, n: int, conninfo: str | None) -> list[EngineConn | PgConn]:
    if t.kind == "engine":
        return [EngineConn(t.handle.engine.connect(f"s{i}")) for i in range(n)]
    return [PgConn(conninfo) for _ in range(n)]


# --- main ------------------------------------------------------------------------------------
PG_FAST, PG_DURABLE = "postgresql, fsync/sync_commit off", "postgresql, fsync/sync_commit on"
ENGINE_DURABLE = "engine, data dir /tmp"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--transactions", type=int, default=3000,
                    help="transactions per run (all sessions together)")
    ap.add_argument("--sessions", type=int, nargs="+", metavar="N",
                    help="N round-robin sessions instead of one connection (several N allowed)")
    ap.add_argument("-n", "--no-vacuum", action="store_true",
                    help="as pgbench -n: no vacuum of branches and tellers, no emptying of the history")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    scale = 1
    print(machine_line())
    with ExitStack() as stack:
        targets: list[Target] = [load(engine_target("engine"), scale)]
        if (data_dir := engine_data_dir(stack)) is not None:
            targets.append(load(engine_target(ENGINE_DURABLE, data_dir), scale))
        conninfos: dict[str, str] = {}
        for durable, name in ((False, PG_FAST), (True, PG_DURABLE)):
            cluster = stack.enter_context(pg_cluster(durable))
            if cluster is not None:
                conninfos[name] = cluster.conninfo()
                targets.append(load(pg_target(name, conninfos[name]), scale))
                stack.callback(targets[-1].handle.close)
        if args.sessions:
            print("sqlite is left out with several sessions (one writer per database file,"
                  " and a lock wait would block the thread)")
            for n in args.sessions:
                sessions(targets, conninfos, n, args, rng, scale)
        else:
            targets.append(load(sqlite_target("sqlite :memory:", ":memory:"), scale))
            targets.append(load(sqlite_target("sqlite file /tmp", sqlite_file(stack)), scale))
            single(targets, args, rng, scale)
    print(machine_line())


def tps_rows(targets: list[Target], tps: dict[str, list[float]]) -> list[list[Any]]:
    """system, median, min, max, engine ÷ system; dashes for a system without numbers."""
    engine = median(tps["engine"]) if tps["engine"] else 0.0
    return [[t.name, median(tps[t.name]), min(tps[t.name]), max(tps[t.name]), ratio(engine, median(tps[t.name]))]
            if tps[t.name] else [t.name, "-", "-", "-", "-"] for t in targets]


def single(targets: list[Target], args: argparse.Namespace, rng: random.Random, scale: int) -> None:
    tps: dict[str, list[float]] = {t.name: [] for t in targets}
    broken: dict[str, str] = {}            # a system that failed is reported, and left out of later runs
    warmup = [transaction(rng, scale) for _ in range(args.transactions // 10)]
    for r in range(-1, args.runs):         # run -1 is the warm-up
        txns = warmup if r < 0 else [transaction(rng, scale) for _ in range(args.transactions)]
        for t in rotated(targets, r):
            if t.name in broken:
                continue
            try:
                if not args.no_vacuum:
                    before_run(t)
                seconds = run_single(t, txns)
            except Exception as e:
                broken[t.name] = f"{type(e).__name__}: {e}"
                continue
            if r >= 0:
                tps[t.name].append(len(txns) / seconds)
    print_table(f"TPC-B-like, scale {scale}, one session, {args.runs} runs of {args.transactions} transactions, tps",
                ["system", "median", "min", "max", "engine ÷ this"], tps_rows(targets, tps))
    for name, error in broken.items():
        print(f"  {name} FAILED after {len(tps[name])} runs: {error}")
    if tps["engine"] and tps.get(PG_FAST):
        print(f"target: engine ÷ {PG_FAST} ≥ 0.50: {ratio(median(tps['engine']), median(tps[PG_FAST]))}")
    if tps.get(ENGINE_DURABLE) and tps.get(PG_DURABLE):
        print(f"durable: {ENGINE_DURABLE} ÷ {PG_DURABLE}: "
              f"{ratio(median(tps[ENGINE_DURABLE]), median(tps[PG_DURABLE]))}")


def sessions(targets: list[Target], conninfos: dict[str, str], n: int, args: argparse.Namespace,
             rng: random.Random, scale: int) -> None:
    conns = {t.name: connections(t, n, conninfos.get(t.name)) for t in targets}
    tps: dict[str, list[float]] = {t.name: [] for t in targets}
    tallies = {t.name: Tally() for t in targets}
    per_session = max(1, args.transactions // n)
    for r in range(args.runs):
        txns = [[transaction(rng, scale) for _ in range(per_session)] for _ in range(n)]
        for t in rotated(targets, r):
            if not args.no_vacuum:
                before_run(t)
            tally, committed_before = tallies[t.name], tallies[t.name].committed
            started = time.perf_counter()
            drive([Client(c, mine) for c, mine in zip(conns[t.name], txns)], tally)
            tps[t.name].append((tally.committed - committed_before) / (time.perf_counter() - started))
    rows = tps_rows(targets, tps)
    for row, t in zip(rows, targets):
        tally = tallies[t.name]
        waits = sum(c.waits for c in conns[t.name]) if t.kind == "engine" else "n/a"
        row += [f"{tally.failed:,} of {tally.failed + tally.committed:,}", f"{waits:,}" if t.kind == "engine" else waits]
        for c in conns[t.name]:
            c.close()
    print_table(f"TPC-B-like, scale {scale}, {n} session{'s' if n > 1 else ''} round-robin, {args.runs} runs of "
                f"{per_session * n} transactions, tps of committed transactions",
                ["system", "median", "min", "max", "engine ÷ this", "failed", "lock waits"], rows)
    for t in targets:
        for error, count in tallies[t.name].errors.most_common():
            print(f"  {t.name}: {count:,} x {error}")


if __name__ == "__main__":
    main()
