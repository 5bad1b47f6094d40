"""SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE (nodeLockRows.c).

The rows a locking SELECT returns are locked one by one as they leave the
plan: after sorting and before LIMIT, as PostgreSQL's LockRows node sits
above Sort and below Limit, so `ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`
locks exactly one row, the first one nobody else holds.  A row locked by
another transaction makes the statement wait (or fail at once with NOWAIT,
or be skipped with SKIP LOCKED); when the wait ends on a row that was
updated meanwhile, READ COMMITTED re-checks the newest version against the
WHERE clause and returns that version, REPEATABLE READ fails with 40001.

Only plain single-table queries lock rows here; PostgreSQL's locking of
joins and of named relations (FOR UPDATE OF t) is reported as not
supported.
"""
from __future__ import annotations

from typing import Any, Callable, Iterator

from .errors import PgError, feature_not_supported
from .expr import ExprCompiler, Scope
from .rowlock import LOCKING_CLAUSE, acquire, record_lock

_POLICY = {"LockWaitBlock": "block", "LockWaitSkip": "skip", "LockWaitError": "nowait"}
_CLAUSE = {"LCS_FORKEYSHARE": "FOR KEY SHARE", "LCS_FORSHARE": "FOR SHARE",
           "LCS_FORNOKEYUPDATE": "FOR NO KEY UPDATE", "LCS_FORUPDATE": "FOR UPDATE"}


class Locking:
    def __init__(self, mode: str, policy: str, clause: str) -> None:
        self.mode = mode
        self.policy = policy
        self.clause = clause
        self.refetch: Callable | None = None
        self.recheck: Callable | None = None
        self.table: Any = None
        self.run: list | None = None

    def check_allowed(self, n: dict, grouped: bool, src: Any) -> None:
        if n.get("distinctClause"):
            raise PgError("0A000", f"{self.clause} is not allowed with DISTINCT clause")
        if grouped:
            what = "GROUP BY clause" if "groupClause" in n else "aggregate functions"
            raise PgError("0A000", f"{self.clause} is not allowed with {what}")
        if src.table is None or len(src.entries) != 1:
            raise feature_not_supported(f"{self.clause} on joins, subqueries or functions")

    def prepare(self, planner: Any, src: Any, quals: list[dict]) -> None:
        from .planner import row_of, table_missing
        table = src.table
        width = len(table.columns)
        missing = table_missing(table)
        with_sys = src.entries[0].sys_offset is not None
        self.refetch = lambda t: row_of(t, width, missing, with_sys, table.oid, True)
        comp = ExprCompiler(planner.ctx, Scope(src.entries, planner.parent))
        preds = [comp.boolean(q, "WHERE").fn for q in quals]
        refetch = self.refetch
        self.recheck = lambda t: all(p(refetch(t)) is True for p in preds)
        self.table = table
        self.run = planner.ctx.run

    def lock_rows_plan(self, plan: Any, fns: list[Callable]) -> Any:
        from .planner import Plan
        inner = plan.run
        mode, policy, name = self.mode, self.policy, self.table.name
        recheck, refetch, run = self.recheck, self.refetch, self.run

        def lock_rows() -> Iterator[tuple]:
            for out in inner():
                tup = out[-1]
                got = acquire(run[0], tup, mode, "locking", name, recheck, policy)
                if got is None:
                    continue
                record_lock(run[0], got, mode)
                if got is not tup:                 # READ COMMITTED: the newest version
                    row = refetch(got)
                    out = tuple([f(row) for f in fns])
                yield out[:-1]
        return Plan(plan.columns, plan.types, lock_rows)


def locking_clause(n: dict) -> Locking:
    clauses = [c["LockingClause"] for c in n["lockingClause"]]
    if len(clauses) > 1 or clauses[0].get("lockedRels"):
        raise feature_not_supported("FOR UPDATE OF a named table, or several locking clauses")
    c = clauses[0]
    return Locking(LOCKING_CLAUSE[c["strength"]], _POLICY[c.get("waitPolicy", "LockWaitBlock")],
                   _CLAUSE[c["strength"]])
