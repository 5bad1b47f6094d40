"""Serializable Snapshot Isolation: SIREAD locks and rw-conflicts (predicate.c).

SERIALIZABLE is REPEATABLE READ's snapshot plus a watch for the one pattern
that makes snapshot isolation non-serializable (src/backend/storage/lmgr/
README-SSI).  An rw-antidependency T1 -rw-> T2 means T1 read something T2
wrote in a version T1 could not see, so T1 must come first in any serial
order.  A "dangerous structure" is two such edges in a row,
T0 -rw-> T1 -rw-> T2, where T2 committed first; then some transaction is
cancelled with 40001 and the reason code PostgreSQL gives.

Edges are found two ways, as in PostgreSQL:

* conflict in: a writer finds a SIREAD lock of a concurrent serializable
  reader on what it writes (the relation, for a reader that scanned it
  sequentially; the old tuple version; or an index the reader searched,
  for a new index entry);
* conflict out: a reader meets a version it cannot see because a
  concurrent serializable transaction wrote it (an invisible new version,
  or a visible version deleted by that transaction).

Only serializable transactions take part: a READ COMMITTED writer creates
no edges, as in PostgreSQL.  Overlap is judged as PostgreSQL judges it, by
xids (XidIsConcurrent for a reader; for a committed reader's SIREAD lock,
whether the writer's snapshot xmin precedes the xid counter at that
commit), and each edge is checked when it is made (FlagRWConflict).

What a transaction keeps after it ends follows ReleasePredicateLocks: an
abort forgets everything; a commit drops its edges out to transactions
already committed (remembering only that it had one, and the earliest
such commit: the CONFLICT_OUT flag a later reader checks) and its edges in
from committed or read-only ones.  Committed transactions are cleared when
the serializable transaction holding the oldest xmin ends
(ClearOldPredicateLocks): entirely once every serializable snapshot is
newer than their commit, and partly (SIREAD locks and edges in) once no
read-write serializable transaction is left.  A READ ONLY transaction that
starts with no read-write serializable transaction running opts out of SSI.
PostgreSQL summarizes old transactions into pg_serial only when it runs out
of shared memory for them, which a learner's workload never does; the
engine never summarizes.

Granularity: a sequential scan locks the relation; an index scan locks the
whole index (PostgreSQL locks the B-tree leaf page, which is the whole
index for the small tables learners use) and each heap tuple it returns,
except those the transaction wrote itself; a transaction that writes a
tuple drops its SIREAD lock on it (outside a subtransaction).  A lock already covered by a
coarser one is not taken.  As in PostgreSQL, a transaction holding more
than max_pred_locks_per_page (2) tuple locks on one heap page trades them
for a lock on the page, and more than 31 locks under one relation
(max_pred_locks_per_relation -2 with max_pred_locks_per_transaction 64)
for a lock on the relation; a write checks tuple, page and relation.
"""
from __future__ import annotations

from typing import Any

from .clog import ABORTED, COMMITTED
from .errors import PgError

HINT = "The transaction might succeed if retried."
MAX_PRED_LOCKS_PER_PAGE = 2
MAX_PRED_LOCKS_PER_RELATION = 64 // 2 - 1


def _failure(reason: str) -> PgError:
    return PgError("40001", "could not serialize access due to read/write dependencies among transactions",
                   detail=f"Reason code: {reason}.", hint=HINT)


def _parents(target: tuple) -> tuple[tuple, ...]:
    """The coarser targets that cover `target`: a tuple's page and relation."""
    if target[0] == "tuple":
        return (("page", target[1], target[2][0]), ("rel", target[1]))
    if target[0] == "page":
        return (("rel", target[1]),)
    return ()


def _max_children(parent: tuple) -> int:
    return MAX_PRED_LOCKS_PER_PAGE if parent[0] == "page" else MAX_PRED_LOCKS_PER_RELATION


class Sxact:
    """SERIALIZABLEXACT: one serializable transaction's SSI state."""

    __slots__ = ("xact", "xmin", "declared_read_only", "read_only", "did_write", "doomed", "committed",
                 "prepared", "snap_seq", "prepare_seq", "commit_seq", "finished_before", "conflict_out",
                 "earliest_out_commit", "ins", "outs", "targets", "children", "owner")

    def __init__(self, xact: Any, snap_seq: int, owner: tuple[str, int]) -> None:
        self.xact = xact
        self.owner = owner                   # (virtual xid, pid) pg_locks shows, even once committed
        self.xmin = xact.snapshot.xmin
        self.declared_read_only = xact.read_only
        self.read_only = xact.read_only      # also set at commit for one that wrote nothing
        self.did_write = False
        self.doomed = False
        self.committed = False
        self.prepared = False
        self.snap_seq = snap_seq             # last commit sequence number before the snapshot
        self.prepare_seq = 0
        self.commit_seq = 0
        self.finished_before = 0             # the xid counter at commit
        self.conflict_out = False            # committed with an edge out to a committed transaction
        self.earliest_out_commit = 0         # ... the earliest of those, by prepare sequence number
        # dicts, not sets: iteration in insertion order keeps SSI deterministic
        self.ins: dict[Sxact, None] = {}     # readers T with T -rw-> self
        self.outs: dict[Sxact, None] = {}    # writers T with self -rw-> T
        self.targets: dict[tuple, None] = {}  # SIREAD locks held, in the order taken
        self.children: dict[tuple, int] = {}  # page or relation -> finer locks counted under it

    @property
    def xid(self) -> int:
        return self.xact.xid


def _concurrent_xid(snapshot: Any, xid: int) -> bool:
    """XidIsConcurrent: was `xid` running, or not yet started, at the snapshot?"""
    if xid < snapshot.xmin:
        return False
    return xid >= snapshot.xmax or xid in snapshot.xip


class PredicateLockManager:
    def __init__(self, clog: Any) -> None:
        self.clog = clog
        self.sxacts: dict[int, Sxact] = {}          # id(Transaction) -> Sxact
        self.by_xid: dict[int, Sxact] = {}
        self.locks: dict[tuple, dict[Sxact, None]] = {}
        self.finished: list[Sxact] = []              # committed, not yet cleared, in commit order
        self.commit_seq = 0
        self.can_partial_clear_through = 0
        self.have_partial_cleared_through = 0

    # --- registration -----------------------------------------------------------------
    def register(self, xact: Any, owner: tuple[str, int]) -> Sxact | None:
        """At the transaction snapshot; None when a READ ONLY transaction opts out."""
        if xact.read_only and not self.running_read_write():
            return None
        sx = Sxact(xact, self.commit_seq, owner)
        self.sxacts[id(xact)] = sx
        return sx

    def of(self, xact: Any) -> Sxact | None:
        return self.sxacts.get(id(xact))

    def xid_assigned(self, xact: Any, xid: int) -> None:
        sx = self.of(xact)
        if sx is not None:
            self.by_xid[xid] = sx

    def writer_of(self, xid: int) -> Sxact | None:
        return self.by_xid.get(self.clog.top_of(xid))

    def _active(self) -> list[Sxact]:
        return [s for s in self.sxacts.values() if not s.committed]

    def running_read_write(self) -> list[Sxact]:
        return [s for s in self._active() if not s.declared_read_only]

    # --- SIREAD locks -------------------------------------------------------------------
    def lock(self, sx: Sxact, target: tuple) -> None:
        """PredicateLockAcquire, with CheckAndPromotePredicateLockRequest."""
        if target in sx.targets or any(p in sx.targets for p in _parents(target)):
            return
        sx.targets[target] = None
        self.locks.setdefault(target, {})[sx] = None
        promote = None
        for parent in _parents(target):
            sx.children[parent] = sx.children.get(parent, 0) + 1
            if sx.children[parent] > _max_children(parent):
                promote = parent                 # the coarsest that is over its limit wins
        if promote is not None:
            self._drop_children(sx, promote)
            self.lock(sx, promote)

    def _drop_children(self, sx: Sxact, coarse: tuple) -> None:
        """DeleteChildTargetLocks: the finer locks a new coarse one covers go."""
        for fine in [t for t in sx.targets if coarse in _parents(t)]:
            self._remove(sx, fine)
        sx.children.pop(coarse, None)

    def _remove(self, sx: Sxact, target: tuple) -> None:
        """Give up one SIREAD lock, and its count under the coarser targets."""
        del sx.targets[target]
        self._unlock(sx, target)
        for parent in _parents(target):
            sx.children[parent] -= 1

    def _unlock(self, sx: Sxact, target: tuple) -> None:
        holders = self.locks.get(target)
        if holders:
            holders.pop(sx, None)
            if not holders:
                del self.locks[target]

    # --- conflict out (reads) ---------------------------------------------------------------
    def conflict_out(self, reader: Sxact, tup: Any, visible: bool) -> None:
        """HeapCheckForSerializableConflictOut for one version the reader looked at."""
        if reader.doomed:
            raise _failure("Canceled on identification as a pivot, during conflict out checking")
        if not visible:
            xid = tup.xmin                      # a version written by someone we cannot see yet
        elif tup.xmax and not tup.lock_only:
            xid = tup.xmax                      # a version someone deleted or replaced
        else:
            return
        if xid in reader.xact.own or self.clog.state_of(xid) == ABORTED:
            return
        snapshot = reader.xact.snapshot
        top = self.clog.top_of(xid)
        if top < snapshot.xmin:
            return                              # finished before every running snapshot
        writer = self.by_xid.get(top)
        if writer is None or writer is reader or writer.doomed:
            return
        if (reader.read_only and writer.committed
                and (not writer.conflict_out or reader.snap_seq < writer.earliest_out_commit)):
            return                              # the read-only reader can come first
        if not _concurrent_xid(snapshot, top) or writer in reader.outs:
            return
        self._flag(reader, writer, me=reader)

    # --- conflict in (writes) ----------------------------------------------------------------
    def conflict_in(self, writer: Sxact, targets: list[tuple], in_subxact: bool = False) -> None:
        """CheckForSerializableConflictIn for what a write touches, finest target first."""
        if writer.doomed:
            raise _failure("Canceled on identification as a pivot, during conflict in checking")
        writer.did_write = True
        xmin = writer.xact.snapshot.xmin
        for target in targets:
            for reader in list(self.locks.get(target, ())):
                if (reader is writer or reader.doomed or writer in reader.outs
                        or (reader.committed and xmin >= reader.finished_before)):
                    continue
                self._flag(reader, writer, me=writer)
            # a tuple the transaction writes needs no SIREAD lock of its own any more (its
            # row lock guards it); not inside a subtransaction, which could roll back
            if target[0] == "tuple" and target in writer.targets and not in_subxact:
                self._remove(writer, target)

    # --- the dangerous structure ---------------------------------------------------------------
    def _flag(self, reader: Sxact, writer: Sxact, me: Sxact) -> None:
        """FlagRWConflict: check first, then record the edge; a check that fails
        the statement leaves no edge behind, so the next read meets it again."""
        self._check(reader, writer, me)
        reader.outs[writer] = None
        writer.ins[reader] = None

    def _check(self, reader: Sxact, writer: Sxact, me: Sxact) -> None:
        """OnConflict_CheckForSerializationFailure for the new edge reader -rw-> writer,
        found while `me` (the reader or the writer) was running."""
        if not (self._writer_is_pivot(reader, writer) or self._reader_is_pivot(reader, writer)):
            return
        if me is writer:
            raise _failure("Canceled on identification as a pivot, during write")
        if writer.prepared:
            raise _failure(f"Canceled on conflict out to pivot {writer.xid}, during read")
        writer.doomed = True

    @staticmethod
    def _writer_is_pivot(reader: Sxact, writer: Sxact) -> bool:
        """reader -rw-> writer -rw-> T2, T2 committed (or prepared) first."""
        if writer.committed and writer.conflict_out:
            return True
        return any(t2.prepared
                   and (not reader.committed or t2.prepare_seq <= reader.commit_seq)
                   and (not writer.committed or t2.prepare_seq <= writer.commit_seq)
                   and (not reader.read_only or t2.prepare_seq <= reader.snap_seq)
                   for t2 in writer.outs)

    @staticmethod
    def _reader_is_pivot(reader: Sxact, writer: Sxact) -> bool:
        """T0 -rw-> reader -rw-> writer, the writer committed (or prepared) first."""
        if not writer.prepared or reader.read_only:
            return False
        return any(not t0.doomed
                   and (not t0.committed or t0.commit_seq >= writer.prepare_seq)
                   and (not t0.read_only or t0.snap_seq >= writer.prepare_seq)
                   for t0 in reader.ins)

    # --- commit and clean-up --------------------------------------------------------------------
    def precommit(self, sx: Sxact) -> None:
        """PreCommit_CheckForSerializationFailure: fail if doomed, doom the pivot."""
        if sx.doomed:
            raise _failure("Canceled on identification as a pivot, during commit attempt")
        for near in list(sx.ins):
            if near.committed or near.doomed:
                continue
            for far in near.ins:
                if far is sx or (not far.committed and not far.read_only and not far.doomed):
                    near.doomed = True
                    break
        self.commit_seq += 1
        sx.prepare_seq = self.commit_seq
        sx.prepared = True

    def committed(self, sx: Sxact, next_xid: int) -> None:
        """ReleasePredicateLocks at commit: keep the locks, summarize the edges."""
        need_to_clear = self._holds_global_xmin(sx)
        self.commit_seq += 1
        sx.commit_seq = self.commit_seq
        sx.committed = True
        sx.finished_before = next_xid
        if not sx.did_write:
            sx.read_only = True
        self._writer_ended(sx)
        if not sx.read_only:
            done = [t.prepare_seq for t in sx.outs if t.committed]
            if done:
                sx.conflict_out = True
                sx.earliest_out_commit = min(done)
        for t in list(sx.outs):
            if t.committed or t.snap_seq >= self.commit_seq:
                self._unlink(sx, t)
        for t in list(sx.ins):
            if t.committed or t.read_only:
                self._unlink(t, sx)
        self.finished.append(sx)
        if need_to_clear:
            self._clear_old()

    def aborted(self, sx: Sxact) -> None:
        need_to_clear = self._holds_global_xmin(sx)
        sx.doomed = True
        self._writer_ended(sx)
        self._release(sx)
        if need_to_clear:
            self._clear_old()

    def _holds_global_xmin(self, sx: Sxact) -> bool:
        """Is `sx` the last running serializable transaction with the oldest xmin?"""
        active = self._active()
        oldest = min(s.xmin for s in active)
        return sx.xmin == oldest and sum(1 for s in active if s.xmin == oldest) == 1

    def _writer_ended(self, sx: Sxact) -> None:
        if not sx.declared_read_only and not any(s is not sx for s in self.running_read_write()):
            self.can_partial_clear_through = self.commit_seq

    def _clear_old(self) -> None:
        """ClearOldPredicateLocks."""
        active = self._active()
        global_xmin = min((s.xmin for s in active), default=None)
        while self.finished:
            sx = self.finished[0]
            if global_xmin is None or sx.finished_before <= global_xmin:
                self.finished.pop(0)
                self._release(sx)
            elif self.have_partial_cleared_through < sx.commit_seq <= self.can_partial_clear_through:
                if sx.read_only:
                    self.finished.pop(0)
                    self._release(sx)
                else:
                    self._release_locks_and_ins(sx)
                self.have_partial_cleared_through = sx.commit_seq
            else:
                break

    def _release(self, sx: Sxact) -> None:
        """ReleaseOneSerializableXact: forget the transaction entirely."""
        self._release_locks_and_ins(sx)
        for other in list(sx.outs):
            self._unlink(sx, other)
        self.sxacts.pop(id(sx.xact), None)
        for xid in [x for x, s in self.by_xid.items() if s is sx]:
            del self.by_xid[xid]

    def _release_locks_and_ins(self, sx: Sxact) -> None:
        for target in sx.targets:
            self._unlock(sx, target)
        sx.targets = {}
        sx.children = {}
        for other in list(sx.ins):
            self._unlink(other, sx)

    @staticmethod
    def _unlink(reader: Sxact, writer: Sxact) -> None:
        reader.outs.pop(writer, None)
        writer.ins.pop(reader, None)
