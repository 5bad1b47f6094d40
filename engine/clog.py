"""The commit log (pg_xact) and the subtransaction parent map (pg_subtrans).

PostgreSQL decides a tuple version's fate by asking what happened to the
transaction ids stamped on it.  The commit log answers that question: every
xid the engine ever hands out has a status, IN_PROGRESS until its transaction
ends, then COMMITTED or ABORTED forever.  A subtransaction (a savepoint that
wrote something) has its own xid; when the savepoint is released its status
becomes SUB_COMMITTED and its fate is the fate of its parent, found through
the parent map, exactly like TransactionIdDidCommit() following pg_subtrans.

Invariants:
* a status only moves IN_PROGRESS -> COMMITTED | ABORTED | SUB_COMMITTED,
  and SUB_COMMITTED -> COMMITTED | ABORTED (when the top transaction ends);
* a subxid is always larger than its parent's xid (parents are assigned
  first), so a snapshot that sees the subxid's parent as finished also
  covers the subxid;
* xids are never reused; the log only grows (PostgreSQL truncates pg_xact
  after freezing; the engine never wraps around, see docs/differences.md).
"""
from __future__ import annotations

IN_PROGRESS = 0
COMMITTED = 1
ABORTED = 2
SUB_COMMITTED = 3

STATUS_NAMES = {IN_PROGRESS: "in progress", COMMITTED: "committed",
                ABORTED: "aborted", SUB_COMMITTED: "sub-committed"}


class CommitLog:
    __slots__ = ("status", "parent")

    def __init__(self) -> None:
        self.status: dict[int, int] = {}
        self.parent: dict[int, int] = {}

    def begin(self, xid: int, parent: int = 0) -> None:
        self.status[xid] = IN_PROGRESS
        if parent:
            self.parent[xid] = parent

    def top_of(self, xid: int) -> int:
        parent = self.parent.get(xid)
        while parent:
            xid = parent
            parent = self.parent.get(xid)
        return xid

    def did_commit(self, xid: int) -> bool:
        st = self.status.get(xid, ABORTED)
        if st == COMMITTED:
            return True
        if st == SUB_COMMITTED:
            return self.did_commit(self.parent[xid])
        return False

    def did_abort(self, xid: int) -> bool:
        st = self.status.get(xid, ABORTED)
        if st == ABORTED:
            return True
        if st == SUB_COMMITTED:
            return self.did_abort(self.parent[xid])
        return False

    def state_of(self, xid: int) -> int:
        """The effective state: SUB_COMMITTED resolves to its parent's fate if known."""
        st = self.status.get(xid, ABORTED)
        if st == SUB_COMMITTED:
            top = self.state_of(self.parent[xid])
            return SUB_COMMITTED if top == IN_PROGRESS else top
        return st

    def set_committed(self, xids: list[int]) -> None:
        for x in xids:
            self.status[x] = COMMITTED

    def set_aborted(self, xids: list[int]) -> None:
        for x in xids:
            self.status[x] = ABORTED

    def set_subcommitted(self, xid: int) -> None:
        self.status[xid] = SUB_COMMITTED
