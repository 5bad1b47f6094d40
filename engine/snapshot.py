"""Snapshots and the MVCC visibility rule (HeapTupleSatisfiesMVCC).

A snapshot freezes "which transactions had finished" at one instant:
`xmin` is the oldest xid still running then, `xmax` the first xid not yet
handed out, and `xip` the xids (top-level and sub) running in between.  A
version is visible when its inserter committed before the snapshot and its
deleter (if any) had not.  A transaction's own writes are judged by command
id instead: a statement sees what earlier statements of its transaction
wrote (cmin < curcid) but not its own effects, which is what stops
`UPDATE t SET x = x + 1` from updating the rows it has just made.

`own` holds the xids of the snapshot's own transaction that are still alive
(the top xid and every subtransaction not rolled back), as
TransactionIdIsCurrentTransactionId() checks them.  It is the live set of
the transaction, shared, so a savepoint rollback is seen at once.

READ COMMITTED takes a new snapshot for every statement, REPEATABLE READ and
SERIALIZABLE one for the whole transaction, at its first statement; the
command id is advanced on the same object between statements.
"""
from __future__ import annotations

from .clog import COMMITTED, SUB_COMMITTED, CommitLog


class Snapshot:
    __slots__ = ("xmin", "xmax", "xip", "own", "curcid", "clog", "taken_by", "taken_at")

    def __init__(self, xmin: int, xmax: int, xip: frozenset[int], own: set[int],
                 curcid: int, clog: CommitLog, taken_by: str = "", taken_at: int = 0) -> None:
        self.xmin = xmin
        self.xmax = xmax
        self.xip = xip
        self.own = own
        self.curcid = curcid
        self.clog = clog
        self.taken_by = taken_by      # connection name, for diagrams
        self.taken_at = taken_at      # event sequence number, for diagrams

    def xid_visible(self, xid: int) -> bool:
        """Did `xid` commit before this snapshot was taken?"""
        if xid >= self.xmax or xid in self.xip:
            return False
        st = self.clog.status.get(xid)
        if st == COMMITTED:
            return True
        if st == SUB_COMMITTED:
            return self.clog.did_commit(xid)
        return False

    def sees(self, tup) -> bool:
        """HeapTupleSatisfiesMVCC for a HeapTuple."""
        xmin = tup.xmin
        own = self.own
        if xmin in own:
            if tup.cmin >= self.curcid:
                return False
        elif not self.xid_visible(xmin):
            return False
        xmax = tup.xmax
        if not xmax or tup.lock_only:
            return True
        if xmax in own:
            return tup.cmax >= self.curcid
        return not self.xid_visible(xmax)

    def why_not(self, tup) -> str:
        """The reason `sees(tup)` is false, in words, for diagrams."""
        xmin, xmax = tup.xmin, tup.xmax
        if xmin in self.own:
            if tup.cmin >= self.curcid:
                return f"inserted by this statement (cmin {tup.cmin})"
        elif not self.xid_visible(xmin):
            return self._xid_words("xmin", xmin)
        if xmax and not tup.lock_only:
            if xmax in self.own:
                return f"deleted by this transaction (cmax {tup.cmax})"
            return f"deleted by committed {xmax}"
        return "visible"

    def _xid_words(self, field: str, xid: int) -> str:
        if xid >= self.xmax:
            return f"{field} {xid} started after the snapshot"
        if xid in self.xip:
            return f"{field} {xid} in progress"
        return f"{field} {xid} aborted"
