"""What the benchmarks share: the systems compared, pgbench's tables, statistics.

Every system is driven the same way: one SQL text with its literals written
in, run to completion, its rows fetched.  A `Target` wraps that as one call,
`run(sql) -> rows`, so the timing loops are identical for all of them:

* the TxLab engine: `session.execute(sql)`, an error result raises;
* PostgreSQL 15 through psycopg 3 over a Unix socket, autocommit, with a
  `ClientCursor` and automatic preparation off, so every call is one
  simple-protocol Query message the server parses afresh, as the engine
  parses each text it is given (and as psql and `pgbench -M simple` send);
* SQLite through Python's sqlite3, autocommit (`isolation_level=None`), in
  memory and in a file in /tmp with SQLite's defaults (rollback journal,
  synchronous=FULL).

tpcb also runs the engine with a data directory in /tmp once it has a
write-ahead log (`Engine.features` has "wal"): durable, its WAL fsynced at
every commit, to set beside PostgreSQL with fsync on.

The PostgreSQL clusters are the throwaway ones of tests/pg/server.py:
`recorder` keeps its settings (fsync, synchronous_commit and
full_page_writes off); `durable` turns those three back to the server's
defaults (on).
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Sequence

DURABLE = {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on"}
ACCOUNTS_PER_BRANCH = 100_000
TELLERS_PER_BRANCH = 10


class StatementError(Exception):
    """An engine statement failed (psycopg and sqlite3 raise their own errors)."""

    def __init__(self, message: str, sql: str) -> None:
        super().__init__(f"{message}: {sql[:120]}")
        self.message = message


@dataclass
class Target:
    name: str                      # as printed in the tables
    kind: str                      # "engine", "postgresql" or "sqlite"
    run: Callable[[str], Any]      # run one SQL text; returns its rows, raises on error
    analyze: str                   # statement that refreshes statistics after loading
    explain: str                   # prefix that shows the plan of a statement
    handle: Any = None             # the session or connection behind `run`
    accounts: int = 0              # rows in pgbench_accounts once loaded


# --- the systems -----------------------------------------------------------------------------
def engine_target(name: str = "engine", path: str | None = None) -> Target:
    """The engine in memory, or durable in data directory `path` (its WAL fsynced at commit)."""
    from txlab.engine import Engine
    session = Engine(path).connect("bench")

    def run(sql: str) -> Any:
        result = session.execute(sql)[-1]
        if result.status != "ok":
            raise StatementError(result.error.message if result.error else result.status, sql)
        return result.rows

    return Target(name, "engine", run, "VACUUM ANALYZE", "EXPLAIN ", session)


def pg_connect(conninfo: str) -> Any:
    """A psycopg connection as the benchmarks use it: autocommit, simple protocol only."""
    import psycopg
    return psycopg.connect(conninfo, autocommit=True, prepare_threshold=None,
                           cursor_factory=psycopg.ClientCursor)


def pg_target(name: str, conninfo: str) -> Target:
    conn = pg_connect(conninfo)
    cur = conn.cursor()

    def run(sql: str) -> Any:
        cur.execute(sql)
        return cur.fetchall() if cur.description is not None else None

    return Target(name, "postgresql", run, "VACUUM ANALYZE", "EXPLAIN ", conn)


def sqlite_target(name: str, path: str) -> Target:
    conn = sqlite3.connect(path, isolation_level=None)

    def run(sql: str) -> Any:
        return conn.execute(sql).fetchall()

    return Target(name, "sqlite", run, "ANALYZE", "EXPLAIN QUERY PLAN ", conn)


@contextmanager
def pg_cluster(durable: bool = False) -> Iterator[Any]:
    """A throwaway PostgreSQL 15 cluster, or None (with a message) when there is none."""
    from tests.pg.server import Cluster, available
    if not available():
        print("PostgreSQL 15 not found: its rows are left out", file=sys.stderr)
        yield None
        return
    with Cluster(DURABLE if durable else None) as cluster:
        yield cluster


def engine_data_dir(stack: ExitStack) -> str | None:
    """A fresh data directory in /tmp for a durable engine, or None before the engine has a WAL."""
    from txlab.engine import Engine
    if "wal" not in Engine.features:
        return None
    path = tempfile.mkdtemp(prefix="txlab-bench-engine-", dir="/tmp")
    stack.callback(shutil.rmtree, path, ignore_errors=True)
    return path


def sqlite_file(stack: ExitStack) -> str:
    """A fresh SQLite database file in /tmp, removed when `stack` closes."""
    fd, path = tempfile.mkstemp(prefix="txlab-bench-", suffix=".sqlite3", dir="/tmp")
    os.close(fd)
    os.unlink(path)
    stack.callback(lambda: [os.unlink(p) for p in (path, path + "-journal") if os.path.exists(p)])
    return path


# --- pgbench's tables ------------------------------------------------------------------------
def pgbench_schema(scale: int, accounts: int | None = None) -> Iterator[str]:
    """pgbench -i's tables and rows (filler '' as pgbench loads it), then nothing else."""
    yield "CREATE TABLE pgbench_branches (bid int PRIMARY KEY, bbalance int, filler char(88))"
    yield "CREATE TABLE pgbench_tellers (tid int PRIMARY KEY, bid int, tbalance int, filler char(84))"
    yield "CREATE TABLE pgbench_accounts (aid int PRIMARY KEY, bid int, abalance int, filler char(84))"
    yield ("CREATE TABLE pgbench_history (tid int, bid int, aid int, delta int,"
           " mtime timestamp, filler char(22))")
    yield "INSERT INTO pgbench_branches (bid, bbalance) VALUES " + ", ".join(
        f"({b}, 0)" for b in range(1, scale + 1))
    yield "INSERT INTO pgbench_tellers (tid, bid, tbalance) VALUES " + ", ".join(
        f"({t}, {(t - 1) // TELLERS_PER_BRANCH + 1}, 0)" for t in range(1, TELLERS_PER_BRANCH * scale + 1))
    total = accounts if accounts is not None else ACCOUNTS_PER_BRANCH * scale
    for start in range(1, total + 1, 1000):
        yield "INSERT INTO pgbench_accounts (aid, bid, abalance, filler) VALUES " + ", ".join(
            f"({a}, {(a - 1) // ACCOUNTS_PER_BRANCH + 1}, 0, '')" for a in range(start, min(start + 1000, total + 1)))


def load(target: Target, scale: int = 1, accounts: int | None = None) -> Target:
    for sql in pgbench_schema(scale, accounts):
        target.run(sql)
    target.run(target.analyze)
    target.accounts = accounts if accounts is not None else ACCOUNTS_PER_BRANCH * scale
    return target


# --- statistics and output ---------------------------------------------------------------
def quantile(values: Sequence[float], q: float) -> float:
    """The q-quantile of `values` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if a and b else "-"


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A compact table: first column left-aligned, the others right-aligned."""
    cells = [[str(h) for h in headers]] + [[c if isinstance(c, str) else f"{c:,.1f}" for c in r] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    print(f"\n{title}")
    for n, row in enumerate(cells):
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
        if n == 0:
            print("  ".join("-" * w for w in widths))


def machine_line() -> str:
    """Cores, load average and versions: what the numbers of a run depend on."""
    load1, load5, _ = os.getloadavg()
    return (f"{os.cpu_count()} cores, load average {load1:.2f} (1 min) {load5:.2f} (5 min); "
            f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}")


def rotated(items: Sequence[Any], k: int) -> list[Any]:
    """`items` starting at position k: each round of a benchmark starts with another system."""
    k %= len(items)
    return list(items[k:]) + list(items[:k])
