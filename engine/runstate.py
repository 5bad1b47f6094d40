"""The state of one executing statement (PostgreSQL's EState, roughly).

Compiled plans are shared between executions; everything that belongs to
one execution lives here: the snapshot, the transaction, the command id
writes are stamped with, the queued end-of-statement checks (foreign keys),
the CTE results, and the clock readings now() and friends return.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable

from .errors import PgError
from .index import chain
from .waits import Wait, suspend
from .xact import SERIALIZABLE


def safe_snapshot(run: "RunState") -> Any:
    """SERIALIZABLE READ ONLY DEFERRABLE (GetSafeSnapshot): take a snapshot,
    wait for the serializable read-write transactions running then, and keep
    the snapshot if none of them turned out to have an rw-conflict out to a
    transaction committed before it; otherwise try again with a new one."""
    engine, xact = run.engine, run.xact
    pl = engine.predicate
    while True:
        snapshot = engine.xacts.statement_snapshot(xact)
        before = pl.commit_seq
        concurrent = pl.running_read_write()
        if not concurrent:
            return snapshot

        def finished() -> bool:
            return all(sx.committed or pl.of(sx.xact) is not sx for sx in concurrent)
        suspend(run.session, Wait(finished, lambda: [sx.xact for sx in concurrent if not sx.committed],
                                  "a safe snapshot", "IPC", "SafeSnapshot"))
        if not any(sx.committed and sx.did_write and sx.conflict_out and sx.earliest_out_commit <= before
                   for sx in concurrent):
            return snapshot
        xact.snapshot = None                       # unsafe: start over with a new snapshot


class RunState:
    def __init__(self, session: Any, xact: Any) -> None:
        engine = session.engine
        self.session = session
        self.engine = engine
        self.xact = xact
        first = xact.snapshot is None
        if xact.isolation == SERIALIZABLE and first and xact.read_only and xact.deferrable:
            self.snapshot = safe_snapshot(self)
        else:
            self.snapshot = engine.xacts.statement_snapshot(xact)
        session.run_snapshot = self.snapshot
        self.sx = None                       # SSI state, for SERIALIZABLE only
        if xact.isolation == SERIALIZABLE:
            pl = engine.predicate
            owner = (f"{session.backend_id}/{xact.vxid}", session.pid)
            self.sx = pl.register(xact, owner) if first else pl.of(xact)
        self.stmt_time = engine.clock()
        if xact.start_time is None:
            xact.start_time = self.stmt_time
        self.xact_time = xact.start_time
        self.cte_cache: dict = {}
        self.notices: list = []            # NOTICE / WARNING raised while the statement runs
        self.after_checks: list[Callable[[], None]] = []

    @property
    def xact_local(self) -> datetime:
        return self.xact_time.astimezone(timezone.utc).replace(tzinfo=None)

    @property
    def xact_date(self) -> Any:
        return self.xact_local.date()

    # --- writes ---------------------------------------------------------------------
    def assign_xid(self) -> int:
        """The xid to stamp a write with: the current subtransaction's."""
        xact = self.xact
        if xact.read_only:
            raise PgError("25006", f"cannot execute {self.session.current_verb} in a read-only transaction")
        xid = self.engine.xacts.assign_xid(xact)
        if self.sx is not None:
            self.engine.predicate.xid_assigned(xact, xact.xid)
        return xid

    def top_xid(self) -> int:
        """txid_current(): the top-level xid, assigned if needed (never a subxid)."""
        xid = self.engine.xacts.assign_xid(self.xact, self.xact.top)
        if self.sx is not None:
            self.engine.predicate.xid_assigned(self.xact, xid)
        return xid

    def conflict_in(self, targets: list[tuple]) -> None:
        """A serializable write: readers of these targets get an rw-conflict."""
        if self.sx is not None:
            self.engine.predicate.conflict_in(self.sx, targets, len(self.xact.stack) > 1)

    def use_cid(self) -> int:
        self.xact.cid_used = True
        return self.xact.curcid

    def after(self, check: Callable[[], None]) -> None:
        self.after_checks.append(check)

    def run_after_checks(self) -> None:
        if not self.after_checks:
            return
        self.engine.xacts.command_counter_increment(self.xact)
        self.snapshot = self.engine.xacts.statement_snapshot(self.xact) \
            if not self.xact.uses_transaction_snapshot else self.snapshot
        self.snapshot.curcid = self.xact.curcid
        while self.after_checks:
            checks, self.after_checks = self.after_checks, []
            for check in checks:
                check()

    def emit(self, kind: str, **facts: Any) -> None:
        self.engine.events.emit(kind, self.session.name, **facts)

    # --- look-ups for constraint checks ---------------------------------------------------
    def visible_key_exists(self, table: Any, attnums: tuple[int, ...], key: tuple) -> bool:
        return bool(self.rows_with_key(table, attnums, key, first_only=True))

    def referencing_rows(self, table: Any, attnums: tuple[int, ...], key: tuple) -> list:
        return self.rows_with_key(table, attnums, key, first_only=False)

    def rows_with_key(self, table: Any, attnums: tuple[int, ...], key: tuple, first_only: bool) -> list:
        sees = self.snapshot.sees
        for name in table.indexes:
            idx = self.session.lookup_index(name)
            if idx.columns == attnums:
                out = []
                for root in idx.tree.lookup(key):
                    for tup in chain(root):
                        if sees(tup):
                            out.append(tup)
                            if first_only:
                                return out
                            break
                return out
        out = []
        for tup in table.heap.scan():
            if sees(tup) and all(tup.values[a - 1] == k for a, k in zip(attnums, key)):
                out.append(tup)
                if first_only:
                    break
        return out

    # --- sequences --------------------------------------------------------------------
    def sequence_call(self, name: str, vals: list) -> Any:
        from .sequences import sequence_function
        return sequence_function(self, name, vals)
