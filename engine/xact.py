"""Transactions, subtransactions and the transaction manager (xact.c, varsup.c).

A session always runs its statements inside a transaction: an explicit
block opened by BEGIN, or an implicit one wrapped around a single statement
(autocommit, as psql's default).  Transaction ids are assigned lazily, at
the first write, as PostgreSQL does: a read-only transaction never consumes
an xid, which is why `txid_current()` and xmin values in TxLab match those
of a PostgreSQL cluster started at the same xid.

Savepoints are subtransactions.  Each level of the savepoint stack may get
its own xid (again only when it writes); a subxid's parent is assigned
first, so subxids are always larger than their parents'.  RELEASE merges a
level into its parent (SUB_COMMITTED in the commit log); ROLLBACK TO aborts
the levels above the savepoint and starts the savepoint's level afresh,
keeping it.  The transaction's `own` set holds the live xids, so visibility
of a rolled-back savepoint's writes changes the instant it is rolled back.

The manager keeps the running transactions so that snapshots can list them
(GetSnapshotData) and VACUUM can compute the oldest xmin still needed.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .clog import CommitLog
from .snapshot import Snapshot

if TYPE_CHECKING:
    from .events import EventLog

READ_COMMITTED = "read committed"
REPEATABLE_READ = "repeatable read"
SERIALIZABLE = "serializable"
READ_UNCOMMITTED = "read uncommitted"   # behaves as READ COMMITTED, as in PostgreSQL

# Savepoint level states, for the savepoint-tree diagram.
ACTIVE, RELEASED, ROLLED_BACK, COMMITTED, ABORTED = (
    "active", "released", "rolled back", "committed", "aborted")


class SubXact:
    """One level of the savepoint stack; level 0 is the top transaction."""

    __slots__ = ("name", "xid", "parent", "state", "level", "children", "started_at")

    def __init__(self, name: str | None, parent: "SubXact | None", started_at: int) -> None:
        self.name = name
        self.xid = 0
        self.parent = parent
        self.state = ACTIVE
        self.level = 0 if parent is None else parent.level + 1
        self.children: list[SubXact] = []
        self.started_at = started_at
        if parent is not None:
            parent.children.append(self)


class Transaction:
    """The state of one transaction of one session."""

    def __init__(self, session_name: str, isolation: str, read_only: bool,
                 deferrable: bool, implicit: bool, start_time: Any, seq: int) -> None:
        self.session_name = session_name
        self.isolation = isolation
        self.read_only = read_only
        self.deferrable = deferrable
        self.implicit = implicit
        self.start_time = start_time
        self.top = SubXact(None, None, seq)
        self.stack: list[SubXact] = [self.top]
        self.own: set[int] = set()          # live xids (shared with snapshots)
        self.xids: list[int] = []           # every xid assigned, in order
        self.snapshot: Snapshot | None = None   # transaction snapshot (RR / SERIALIZABLE)
        self.curcid = 0
        self.cid_used = False
        self.failed = False          # the block is aborted, waiting for ROLLBACK
        self.aborted = False         # ... and its xids are already marked aborted
        self.catalog_changed = False
        self.local_settings: dict[str, Any] = {}
        self.saved_settings: dict[str, Any] = {}
        self.first_snapshot_taken = False

    @property
    def xid(self) -> int:
        return self.top.xid

    @property
    def current(self) -> SubXact:
        return self.stack[-1]

    @property
    def uses_transaction_snapshot(self) -> bool:
        return self.isolation in (REPEATABLE_READ, SERIALIZABLE)

    def find_savepoint(self, name: str) -> int | None:
        """Index in the stack of the newest savepoint called `name`."""
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].name == name:
                return i
        return None


class TransactionManager:
    """Hands out xids, builds snapshots, and ends transactions."""

    def __init__(self, first_xid: int, events: "EventLog") -> None:
        self.clog = CommitLog()
        self.next_xid = first_xid
        self.running: dict[int, Transaction] = {}     # top xid -> transaction
        self.open: list[Transaction] = []              # every open transaction, xid or not
        self.events = events
        self.wal = None                                # commit/abort records go there

    # --- xids ---------------------------------------------------------------
    def assign_xid(self, xact: Transaction, level: SubXact | None = None) -> int:
        """The xid of `level` (default: the current level), assigning parents first."""
        level = level or xact.current
        if level.xid:
            return level.xid
        if level.parent is not None:
            self.assign_xid(xact, level.parent)
        xid = self.next_xid
        self.next_xid += 1
        level.xid = xid
        self.clog.begin(xid, level.parent.xid if level.parent else 0)
        xact.own.add(xid)
        xact.xids.append(xid)
        if level.parent is None:
            self.running[xid] = xact
        self.events.emit("xid", xact.session_name, xid=xid, level=level.level, savepoint=level.name)
        return xid

    # --- snapshots ----------------------------------------------------------
    def take_snapshot(self, xact: Transaction) -> Snapshot:
        xip = []
        for other in self.running.values():
            if other is not xact:
                xip.extend(other.own)
        xmax = self.next_xid
        xmin = min(xip) if xip else xmax
        if xact.xid:
            xmin = min(xmin, xact.xid)
        snap = Snapshot(xmin, xmax, frozenset(xip), xact.own, xact.curcid, self.clog,
                        xact.session_name, self.events.seq)
        xact.first_snapshot_taken = True
        self.events.emit("snapshot", xact.session_name, xmin=xmin, xmax=xmax,
                         xip=sorted(xip), isolation=xact.isolation)
        return snap

    def statement_snapshot(self, xact: Transaction) -> Snapshot:
        """The snapshot a statement runs with: new each time in READ COMMITTED,
        the transaction's own in REPEATABLE READ and SERIALIZABLE."""
        if xact.uses_transaction_snapshot:
            if xact.snapshot is None:
                xact.snapshot = self.take_snapshot(xact)
            snap = xact.snapshot
            snap.curcid = xact.curcid
            return snap
        return self.take_snapshot(xact)

    def oldest_xmin(self) -> int:
        """The horizon: versions deleted by xids committed before it are dead to all."""
        horizon = self.next_xid
        for xact in self.open:
            if xact.xid:
                horizon = min(horizon, xact.xid)
            snap = xact.snapshot
            if snap is not None:
                horizon = min(horizon, snap.xmin)
        for xact in self.running.values():
            horizon = min(horizon, xact.xid)
        return horizon

    # --- transaction lifecycle ------------------------------------------------
    def begin(self, xact: Transaction) -> None:
        self.open.append(xact)

    def command_counter_increment(self, xact: Transaction) -> None:
        if xact.cid_used:
            xact.curcid += 1
            xact.cid_used = False

    def commit(self, xact: Transaction) -> None:
        if self.wal is not None and xact.xids:
            self.wal.log("commit", list(xact.xids))
        self.clog.set_committed(xact.xids)
        self._end(xact, COMMITTED)
        self.events.emit("commit", xact.session_name, xid=xact.xid, xids=list(xact.xids))

    def abort(self, xact: Transaction) -> None:
        if xact.aborted:
            return
        xact.aborted = True
        if self.wal is not None and xact.xids:
            self.wal.log("abort", list(xact.xids))
        self.clog.set_aborted(xact.xids)
        self._end(xact, ABORTED)
        self.events.emit("abort", xact.session_name, xid=xact.xid, xids=list(xact.xids))

    def abort_current_level(self, xact: Transaction) -> None:
        """An error inside a savepoint: its subtransaction is aborted at once
        (AbortSubTransaction); the block waits for ROLLBACK TO."""
        level = xact.current
        level.state = ABORTED
        self._abort_level(xact, level)
        self.events.emit("abort_subxact", xact.session_name, name=level.name, level=level.level)

    def _end(self, xact: Transaction, state: str) -> None:
        for level in xact.stack:
            level.state = state if level.state == ACTIVE else level.state
        xact.own.clear()
        self.running.pop(xact.xid, None)
        if xact in self.open:
            self.open.remove(xact)

    # --- savepoints -------------------------------------------------------------
    def savepoint(self, xact: Transaction, name: str, seq: int) -> SubXact:
        level = SubXact(name, xact.current, seq)
        xact.stack.append(level)
        self.events.emit("savepoint", xact.session_name, name=name, level=level.level)
        return level

    def release(self, xact: Transaction, index: int) -> None:
        """RELEASE: merge the levels from `index` up into their parents."""
        while len(xact.stack) > index:
            level = xact.stack.pop()
            level.state = RELEASED
            if level.xid:
                self.clog.set_subcommitted(level.xid)
        self.events.emit("release", xact.session_name, level=index)

    def rollback_to(self, xact: Transaction, index: int, seq: int) -> None:
        """ROLLBACK TO: abort levels `index` and above, then restart level `index`."""
        name = xact.stack[index].name
        while len(xact.stack) > index:
            level = xact.stack.pop()
            level.state = ROLLED_BACK
            self._abort_level(xact, level)
        xact.failed = False
        self.events.emit("rollback_to", xact.session_name, name=name, level=index)
        level = SubXact(name, xact.current, seq)
        xact.stack.append(level)

    def _abort_level(self, xact: Transaction, level: SubXact) -> None:
        xids = []
        stack = [level]
        while stack:                       # the level and every level released into it
            lv = stack.pop()
            if lv.xid:
                xids.append(lv.xid)
            stack.extend(c for c in lv.children if c.state == RELEASED)
        if self.wal is not None and xids:
            self.wal.log("abort", xids)
        self.clog.set_aborted(xids)
        gone = set(xids)
        xact.own.difference_update(gone)
        # what COMMIT marks committed: never a subtransaction already rolled back
        xact.xids = [x for x in xact.xids if x not in gone]
