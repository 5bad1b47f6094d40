"""The heavyweight lock manager: table locks and transaction-id locks (lmgr).

PostgreSQL serializes conflicting work with locks held until the end of the
transaction that took them (src/backend/storage/lmgr/README):

* Table (relation) locks in eight modes.  Every statement takes one
  implicitly (SELECT takes ACCESS SHARE, DML ROW EXCLUSIVE, most DDL ACCESS
  EXCLUSIVE, ...); LOCK TABLE takes any of them explicitly.  Two modes
  conflict as in the table CONFLICTS below.  A lock already held by the
  requesting transaction never conflicts with itself.
* Tuple locks.  A statement that must wait for a row first takes a
  heavyweight lock on the tuple, in the mode matching its row lock, and
  holds it while it waits for the row's transaction; later comers for the
  same row queue behind it on that lock, so the row goes to them in turn
  (heapam's heap_acquire_tuplock).  It is released once the row is had.
* Transaction-id locks.  Every transaction holds an exclusive lock on its
  own xid until it ends; "waiting for a transaction" is asking for a share
  lock on its xid.  Row-level waits (an UPDATE meeting a row another
  transaction changed) are waits of this kind: the row lock itself lives in
  the tuple's xmax (rowlock.py), so there is no table of row locks.

Weak relation locks (ACCESS SHARE, ROW SHARE, ROW EXCLUSIVE) are taken on
PostgreSQL's "fast path", up to 16 relations per transaction, while no
stronger lock is held or wanted on the relation; asking for a strong lock
moves every fast-path lock on it to the main table.  Nothing but
`pg_locks.fastpath` shows the difference.

Waiters queue in arrival order: a new request that conflicts with an
earlier *waiting* request waits too, so a stream of readers cannot starve a
waiting ALTER TABLE (the lmgr README's "fair" queueing).  Locks taken after
a savepoint are released by ROLLBACK TO that savepoint.

The lock manager only answers questions (can this be granted? who blocks
it?) and records grants; making a statement wait is the session's job
(waits.py), which suspends the statement's greenlet.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ACCESS_SHARE = "AccessShareLock"
ROW_SHARE = "RowShareLock"
ROW_EXCLUSIVE = "RowExclusiveLock"
SHARE_UPDATE_EXCLUSIVE = "ShareUpdateExclusiveLock"
SHARE = "ShareLock"
SHARE_ROW_EXCLUSIVE = "ShareRowExclusiveLock"
EXCLUSIVE = "ExclusiveLock"
ACCESS_EXCLUSIVE = "AccessExclusiveLock"

MODES = (ACCESS_SHARE, ROW_SHARE, ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE,
         SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE)

# LOCK TABLE ... IN <words> MODE, as the grammar spells them (lockmode numbers 1..8)
MODE_BY_NUMBER = dict(enumerate(MODES, start=1))

_C = {
    ACCESS_SHARE: {ACCESS_EXCLUSIVE},
    ROW_SHARE: {EXCLUSIVE, ACCESS_EXCLUSIVE},
    ROW_EXCLUSIVE: {SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE},
    SHARE_UPDATE_EXCLUSIVE: {SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE},
    SHARE: {ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE},
    SHARE_ROW_EXCLUSIVE: {ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE,
                          ACCESS_EXCLUSIVE},
    EXCLUSIVE: {ROW_SHARE, ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE,
                ACCESS_EXCLUSIVE},
    ACCESS_EXCLUSIVE: set(MODES),
}
CONFLICTS: dict[str, frozenset[str]] = {m: frozenset(c) for m, c in _C.items()}
WEAK = frozenset({ACCESS_SHARE, ROW_SHARE, ROW_EXCLUSIVE})
FP_LOCK_SLOTS_PER_BACKEND = 16


@dataclass
class Holding:
    """One transaction's grants on one lock, with the savepoint level of each."""
    modes: dict[str, int] = field(default_factory=dict)    # mode -> savepoint level it was taken at
    fast: set[str] = field(default_factory=set)            # modes held on the fast path


@dataclass
class Waiter:
    xact: Any
    mode: str
    seq: int


class LockManager:
    """Locks by key: relation locks by name (one namespace, see catalog.py);
    the engine keeps a second manager for tuple locks, keyed (relation, ctid)."""

    def __init__(self, fast_path: bool = False) -> None:
        self.held: dict[str, dict[Any, Holding]] = {}      # relation -> xact -> holding
        self.waiting: dict[str, list[Waiter]] = {}
        self.by_xact: dict[Any, set[str]] = {}
        self.seq = 0
        self.fast_path = fast_path

    def holders_in_conflict(self, rel: str, xact: Any, mode: str) -> list[Any]:
        """Transactions whose granted locks on `rel` conflict with `mode`."""
        conflicts = CONFLICTS[mode]
        return [other for other, h in self.held.get(rel, {}).items()
                if other is not xact and any(m in conflicts for m in h.modes)]

    def waiters_ahead(self, rel: str, xact: Any, mode: str) -> list[Any]:
        """Earlier waiters whose requests conflict with `mode` (fair queueing)."""
        conflicts = CONFLICTS[mode]
        out = []
        for w in self.waiting.get(rel, ()):
            if w.xact is xact:
                break
            if w.mode in conflicts:
                out.append(w.xact)
        return out

    def holds(self, rel: str, xact: Any, mode: str) -> bool:
        h = self.held.get(rel, {}).get(xact)
        return h is not None and mode in h.modes

    def blockers(self, rel: str, xact: Any, mode: str) -> list[Any]:
        """Who stands between `xact` and a grant of `mode` on `rel` (empty: grantable)."""
        holders = self.held.get(rel)
        if not holders and not self.waiting.get(rel):
            return []                      # the common case: nobody else is there
        if self.holds(rel, xact, mode):
            return []
        holders = self.holders_in_conflict(rel, xact, mode)
        mine = self.held.get(rel, {}).get(xact)
        if mine is not None and mine.modes:
            return holders          # an upgrade jumps the queue, as in PostgreSQL
        return holders + [x for x in self.waiters_ahead(rel, xact, mode) if x not in holders]

    def enqueue(self, rel: str, xact: Any, mode: str) -> None:
        if mode not in WEAK:
            self._off_fast_path(rel)
        queue = self.waiting.setdefault(rel, [])
        if not any(w.xact is xact for w in queue):
            self.seq += 1
            queue.append(Waiter(xact, mode, self.seq))

    def dequeue(self, rel: str, xact: Any) -> None:
        queue = self.waiting.get(rel)
        if queue:
            queue[:] = [w for w in queue if w.xact is not xact]

    def grant(self, rel: str, xact: Any, mode: str, level: int) -> None:
        self.dequeue(rel, xact)
        if mode not in WEAK:
            self._off_fast_path(rel)
        fast = self.fast_path and mode in WEAK and self._fast_path_open(rel, xact)
        h = self.held.setdefault(rel, {}).setdefault(xact, Holding())
        if mode not in h.modes and fast:
            h.fast.add(mode)
        h.modes.setdefault(mode, level)
        self.by_xact.setdefault(xact, set()).add(rel)

    def _fast_path_open(self, rel: str, xact: Any) -> bool:
        """No strong lock held or wanted on `rel`, and a slot free (or taken by `rel`)."""
        if any(m not in WEAK for h in self.held.get(rel, {}).values() for m in h.modes):
            return False
        if any(w.mode not in WEAK for w in self.waiting.get(rel, ())):
            return False
        slots = [r for r in self.by_xact.get(xact, ()) if self.held[r][xact].fast]
        return rel in slots or len(slots) < FP_LOCK_SLOTS_PER_BACKEND

    def _off_fast_path(self, rel: str) -> None:
        """FastPathTransferRelationLocks: a strong lock is coming."""
        for h in self.held.get(rel, {}).values():
            h.fast.clear()

    def is_fast(self, rel: str, xact: Any, mode: str) -> bool:
        h = self.held.get(rel, {}).get(xact)
        return h is not None and mode in h.fast

    def release(self, rel: Any, xact: Any) -> None:
        """Give up every mode `xact` holds on `rel` before its transaction ends
        (UnlockTuple: a row waiter's tuple lock once it has the row)."""
        h = self.held.get(rel)
        if h is not None and h.pop(xact, None) is not None:
            self.by_xact.get(xact, set()).discard(rel)
            if not h:
                del self.held[rel]

    def release_all(self, xact: Any) -> None:
        for rel in self.by_xact.pop(xact, ()):
            self.held.get(rel, {}).pop(xact, None)
        for queue in self.waiting.values():
            queue[:] = [w for w in queue if w.xact is not xact]

    def release_after(self, xact: Any, level: int) -> None:
        """ROLLBACK TO: drop the locks taken at savepoint level `level` or deeper."""
        for rel in list(self.by_xact.get(xact, ())):
            h = self.held[rel][xact]
            h.modes = {m: lv for m, lv in h.modes.items() if lv < level}
            h.fast &= set(h.modes)
            if not h.modes:
                del self.held[rel][xact]
                self.by_xact[xact].discard(rel)

    def locks_of(self, xact: Any) -> list[tuple[str, str]]:
        return [(rel, m) for rel in sorted(self.by_xact.get(xact, ())) for m in self.held[rel][xact].modes]
