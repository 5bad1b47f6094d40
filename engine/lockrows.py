"""SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE (nodeLockRows.c).

The rows a locking SELECT returns are locked one by one as they leave the
plan: after sorting and before LIMIT, as PostgreSQL's LockRows node sits
above Sort and below Limit, so `ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`
locks exactly one row, the first one nobody else holds.  A row locked by
another transaction makes the statement wait (or fail at once with NOWAIT,
or be skipped with SKIP LOCKED); when the wait ends on a row that was
updated meanwhile, READ COMMITTED re-checks the newest version against the
WHERE clause and returns that version, REPEATABLE READ fails with 40001.

With joins, every table's row is locked (or only those of the tables named
in FOR UPDATE OF ...); if one of them had changed, the newest version
replaces it and the WHERE clause is checked again on the joined row.
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
    def __init__(self, mode: str, policy: str, clause: str, rels: list[str]) -> None:
        self.mode = mode
        self.policy = policy
        self.clause = clause
        self.rels = rels                  # FOR UPDATE OF these (empty: every table)
        self.targets: list[tuple] = []    # (entry, refetch) of each table whose rows are locked
        self.recheck: Callable | None = None
        self.run: list | None = None

    def check_allowed(self, n: dict, grouped: bool, src: Any) -> None:
        if n.get("distinctClause"):
            raise PgError("0A000", f"{self.clause} is not allowed with DISTINCT clause")
        if grouped:
            what = "GROUP BY clause" if "groupClause" in n else "aggregate functions"
            raise PgError("0A000", f"{self.clause} is not allowed with {what}")

    def prepare(self, planner: Any, src: Any, quals: list[dict]) -> None:
        from .planner import row_of, table_missing
        for rel in self.rels:
            if not any(e.alias == rel for e in src.entries):
                raise PgError("42P01", f'relation "{rel}" in {self.clause} clause not found in FROM clause')
        for e in src.entries:
            table = e.relation
            if table is None or e.tuple_at is None or (self.rels and e.alias not in self.rels):
                continue
            width = len(table.columns)
            missing = table_missing(table)
            with_sys = e.sys_offset is not None
            self.targets.append((e, lambda t, tb=table, w=width, m=missing, ws=with_sys:
                                 row_of(t, w, m, ws, tb.oid, True)))
        if not self.targets:
            raise feature_not_supported(f"{self.clause} on subqueries or functions")
        comp = ExprCompiler(planner.ctx, Scope(src.entries, planner.parent))
        preds = [comp.boolean(q, "WHERE").fn for q in quals]
        self.recheck = lambda row: all(p(row) is True for p in preds)
        self.run = planner.ctx.run

    def lock_rows_plan(self, plan: Any, fns: list[Callable]) -> Any:
        from .planner import Plan
        inner = plan.run
        targets, mode, policy, run = self.targets, self.mode, self.policy, self.run
        recheck = self.recheck

        def lock_row(row: tuple) -> tuple | None:
            """Lock every target tuple of `row`; the row to return, None to skip."""
            changed = False
            for entry, refetch in targets:
                at = entry.offset + entry.tuple_at
                tup = row[at]
                if tup is None:                    # the null side of an outer join
                    continue
                got = acquire(run[0], tup, mode, "locking", entry.relation.name, None, policy)
                if got is None:
                    return None
                record_lock(run[0], entry.relation.heap, got, mode)
                if got is not tup:                 # READ COMMITTED: the newest version
                    start = entry.offset
                    row = row[:start] + refetch(got) + row[at + 1:]
                    changed = True
            if changed and not recheck(row):
                return None
            return row

        def lock_rows() -> Iterator[tuple]:
            for out in inner():
                row = lock_row(out[-1])
                if row is None:
                    continue
                if row is not out[-1]:
                    out = tuple([f(row) for f in fns])
                yield out[:-1]
        return Plan(plan.columns, plan.types, lock_rows)


def locking_clause(n: dict) -> Locking:
    clauses = [c["LockingClause"] for c in n["lockingClause"]]
    if len(clauses) > 1:
        raise feature_not_supported("several locking clauses in one query")
    c = clauses[0]
    rels = [r["RangeVar"]["relname"] for r in c.get("lockedRels", [])]
    return Locking(LOCKING_CLAUSE[c["strength"]], _POLICY[c.get("waitPolicy", "LockWaitBlock")],
                   _CLAUSE[c["strength"]], rels)
