"""The state of one executing statement (PostgreSQL's EState, roughly).

Compiled plans are shared between executions; everything that belongs to
one execution lives here: the snapshot, the transaction, the command id
writes are stamped with, the queued end-of-statement checks (foreign keys),
the CTE results, and the clock readings now() and friends return.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable

from .clog import COMMITTED
from .errors import PgError, feature_not_supported
from .index import chain


class RunState:
    def __init__(self, session: Any, xact: Any) -> None:
        engine = session.engine
        self.session = session
        self.engine = engine
        self.xact = xact
        self.snapshot = engine.xacts.statement_snapshot(xact)
        self.stmt_time = engine.clock()
        if xact.start_time is None:
            xact.start_time = self.stmt_time
        self.xact_time = xact.start_time
        self.cte_cache: dict = {}
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
        return self.engine.xacts.assign_xid(xact)

    def top_xid(self) -> int:
        """txid_current(): the top-level xid, assigned if needed (never a subxid)."""
        return self.engine.xacts.assign_xid(self.xact, self.xact.top)

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

    # --- waiting (concurrency control) ------------------------------------------------
    def wait_for_xact(self, xid: int, why: str) -> None:
        holder = self.engine.session_of_xid(xid)
        who = f" (held by {holder.name})" if holder else ""
        raise feature_not_supported(f"waiting for transaction {xid}{who} to finish "
                                    "(lock waits arrive with concurrency control)")

    def lock_for_update(self, tup: Any) -> Any:
        """The version to update/delete; PostgreSQL's heap_update checks."""
        xmax = tup.xmax
        if xmax and not tup.lock_only and xmax not in self.xact.own:
            st = self.engine.xacts.clog.state_of(xmax)
            if st == COMMITTED:
                if self.xact.uses_transaction_snapshot:
                    raise PgError("40001", "could not serialize access due to concurrent update")
                raise feature_not_supported("re-checking a row updated concurrently")
            if st != 2:
                self.wait_for_xact(xmax, "update")
        return tup

    # --- look-ups for constraint checks ---------------------------------------------------
    def visible_key_exists(self, table: Any, attnums: tuple[int, ...], key: tuple) -> bool:
        return bool(self._rows_with_key(table, attnums, key, first_only=True))

    def referencing_rows(self, table: Any, attnums: tuple[int, ...], key: tuple) -> list:
        return self._rows_with_key(table, attnums, key, first_only=False)

    def _rows_with_key(self, table: Any, attnums: tuple[int, ...], key: tuple, first_only: bool) -> list:
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
