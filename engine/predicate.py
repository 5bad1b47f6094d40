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
no edges, as in PostgreSQL.  A committed transaction keeps its locks and
edges until no transaction that overlapped it is left.

Granularity: a sequential scan locks the relation; an index scan locks the
whole index (PostgreSQL locks the B-tree leaf page, which is the whole
index for the small tables learners use) and each heap tuple it returns.
Tuple locks are never promoted to page or relation locks.
"""
from __future__ import annotations

from typing import Any

from .clog import ABORTED, COMMITTED
from .errors import PgError

HINT = "The transaction might succeed if retried."


def _failure(reason: str) -> PgError:
    return PgError("40001", "could not serialize access due to read/write dependencies among transactions",
                   detail=f"Reason code: {reason}.", hint=HINT)


class Sxact:
    """SERIALIZABLEXACT: one serializable transaction's SSI state."""

    __slots__ = ("xact", "read_only", "doomed", "committed", "prepared", "snap_seq", "prepare_seq",
                 "commit_seq", "ins", "outs", "targets", "summary_out")

    def __init__(self, xact: Any, snap_seq: int) -> None:
        self.xact = xact
        self.read_only = xact.read_only
        self.doomed = False
        self.committed = False
        self.prepared = False
        self.snap_seq = snap_seq             # last commit sequence number before the snapshot
        self.prepare_seq = 0
        self.commit_seq = 0
        # dicts, not sets: iteration in insertion order keeps SSI deterministic
        self.ins: dict[Sxact, None] = {}     # readers T with T -rw-> self
        self.outs: dict[Sxact, None] = {}    # writers T with self -rw-> T
        self.targets: set[tuple] = set()     # SIREAD locks held
        self.summary_out = False             # had an edge out to a transaction since forgotten

    @property
    def xid(self) -> int:
        return self.xact.xid


class PredicateLockManager:
    def __init__(self, clog: Any) -> None:
        self.clog = clog
        self.sxacts: dict[int, Sxact] = {}          # id(Transaction) -> Sxact
        self.by_xid: dict[int, Sxact] = {}
        self.locks: dict[tuple, dict[Sxact, None]] = {}
        self.commit_seq = 0

    # --- registration -----------------------------------------------------------------
    def register(self, xact: Any) -> Sxact:
        sx = Sxact(xact, self.commit_seq)
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

    # --- SIREAD locks -------------------------------------------------------------------
    def lock(self, sx: Sxact, target: tuple) -> None:
        if target not in sx.targets:
            sx.targets.add(target)
            self.locks.setdefault(target, {})[sx] = None

    # --- concurrency ----------------------------------------------------------------------
    @staticmethod
    def _concurrent(a: Sxact, b: Sxact) -> bool:
        """Did the two overlap (neither committed before the other's snapshot)?"""
        if a.committed and a.commit_seq <= b.snap_seq:
            return False
        if b.committed and b.commit_seq <= a.snap_seq:
            return False
        return True

    # --- conflict out (reads) ---------------------------------------------------------------
    def conflict_out(self, reader: Sxact, tup: Any, visible: bool) -> None:
        """HeapCheckForSerializableConflictOut for one version the reader looked at."""
        if reader.doomed:
            raise _failure("Canceled on identification as a pivot, during conflict out checking")
        if not visible:
            xid = tup.xmin                      # a version written by someone we cannot see yet
        elif tup.xmax and not tup.lock_only:
            xid = tup.xmax                      # a version someone deleted or replaced
            if self.clog.state_of(xid) == ABORTED:
                return
        else:
            return
        if xid in reader.xact.own:
            return
        writer = self.writer_of(xid)
        if writer is None or writer is reader:
            return
        if self.clog.state_of(xid) == ABORTED:
            return
        if writer.committed and writer.commit_seq <= reader.snap_seq:
            if writer.summary_out or any(o.committed and o.commit_seq <= reader.snap_seq for o in writer.outs):
                raise _failure(f"Canceled on conflict out to old pivot {writer.xid}")
            return
        if writer not in reader.outs:
            self._flag(reader, writer, me=reader)

    # --- conflict in (writes) ----------------------------------------------------------------
    def conflict_in(self, writer: Sxact, targets: list[tuple]) -> None:
        """CheckForSerializableConflictIn for what a write touches."""
        if writer.doomed:
            raise _failure("Canceled on identification as a pivot, during conflict in checking")
        for target in targets:
            for reader in list(self.locks.get(target, ())):
                if reader is writer or reader in writer.ins or not self._concurrent(reader, writer):
                    continue
                self._flag(reader, writer, me=writer)

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
        failure = False
        if writer.committed and (writer.outs or writer.summary_out):
            failure = True
        else:
            for t2 in writer.outs:
                if (t2.prepared
                        and (not reader.committed or t2.prepare_seq <= reader.commit_seq)
                        and (not writer.committed or t2.prepare_seq <= writer.commit_seq)
                        and (not reader.read_only or t2.prepare_seq <= reader.snap_seq)):
                    failure = True
                    break
        if not failure and writer.prepared and not reader.read_only:
            for t0 in reader.ins:
                if (not t0.doomed
                        and (not t0.committed or t0.commit_seq >= writer.prepare_seq)
                        and (not t0.read_only or t0.snap_seq >= writer.prepare_seq)):
                    failure = True
                    break
        if not failure:
            return
        if me is writer:
            raise _failure("Canceled on identification as a pivot, during write")
        if writer.prepared:
            if me is reader:
                raise _failure(f"Canceled on conflict out to pivot {writer.xid}, during read")
            reader.doomed = True
        else:
            writer.doomed = True

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

    def committed(self, sx: Sxact) -> None:
        sx.committed = True
        sx.commit_seq = self.commit_seq

    def aborted(self, sx: Sxact) -> None:
        self._forget(sx)

    def cleanup(self, running: list[Any]) -> None:
        """Forget committed transactions no running serializable one overlaps."""
        active = [self.of(x) for x in running if self.of(x) is not None]
        horizon = min((a.snap_seq for a in active if not a.committed), default=self.commit_seq)
        for sx in list(self.sxacts.values()):
            if sx.committed and sx.commit_seq <= horizon:
                self._forget(sx)

    def _forget(self, sx: Sxact) -> None:
        self.sxacts.pop(id(sx.xact), None)
        for xid in [x for x, s in self.by_xid.items() if s is sx]:
            del self.by_xid[xid]
        for target in sx.targets:
            holders = self.locks.get(target)
            if holders:
                holders.pop(sx, None)
                if not holders:
                    del self.locks[target]
        for other in sx.ins:
            other.outs.pop(sx, None)
            other.summary_out = True
        for other in sx.outs:
            other.ins.pop(sx, None)

    def running_read_write(self) -> list[Sxact]:
        return [s for s in self.sxacts.values() if not s.committed and not s.read_only]
