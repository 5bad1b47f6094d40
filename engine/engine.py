"""The engine: one database shared by every session of a notebook.

The engine owns what PostgreSQL keeps in shared memory: the transaction
manager with its commit log, the catalog, the event log, the parse cache,
and the sessions.  It is single-threaded and deterministic: xids start at
`first_xid` (PostgreSQL's first normal xid after initdb is in the 700s;
TxLab starts where a fresh PostgreSQL 15 cluster does unless told
otherwise), pids are handed out from `first_pid` unless a caller fixes
one, and time comes from an injectable clock.
"""
from __future__ import annotations

import os
import re
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from . import memory
from .catalog import BOOTSTRAP_XID, Catalog
from .checkpoint import make_image
from .heap import Heap
from .clog import COMMITTED
from .errors import PgError, feature_not_supported
from .events import EventLog
from .lock import LockManager
from .parse import ParseCache
from .psqlscan import split_sql
from .predicate import PredicateLockManager
from .recovery import recover
from .wal import (LSN_BASE, WAL_WRITER_DELAY_MS, DirectoryStorage, MemoryStorage, WriteAheadLog,
                  format_lsn)
from .session import Session
from .xact import Transaction, TransactionManager

FIRST_XID = 735
CHECKPOINT_WAL_BYTES = 32 * 1024 * 1024     # log since the last checkpoint that triggers one
_ONE_PLAIN_STATEMENT = re.compile(r" *[^'\"$\\/;\[\]\x00-\x1f\x7f-\U0010ffff]*[^ '\"$\\/;\[\]\x00-\x1f\x7f-\U0010ffff] *; *\n?")


def _plain(sql: str) -> bool:
    """No comment and balanced parentheses: psql's scanner ends it at the `;`."""
    if "--" in sql or not _ONE_PLAIN_STATEMENT.fullmatch(sql):
        return False
    depth = 0
    for ch in sql:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0          # a fresh PostgreSQL 15.18 cluster's first database-level xid, roughly


def _wall_clock() -> datetime:
    return datetime.now(timezone.utc)


class Engine:
    # What this engine implements, for tests that depend on a feature
    # ("locks": lock waits, deadlocks and timeouts; "wal": crash recovery;
    # "clock": an injectable clock whose deadlines poll() fires).
    features: frozenset[str] = frozenset({"locks", "wal", "clock"})

    def __init__(self, path: str | os.PathLike | None = None, *, first_xid: int = FIRST_XID,
                 clock: Callable[[], datetime] | None = None, first_pid: int = 101,
                 oids: dict[str, int] | None = None, _storage: Any = None) -> None:
        """A fresh in-memory database, or the one in data directory `path`
        (created if new; recovered from its log if it exists).  `first_xid`,
        `first_pid` and `oids` ("database" and relation names) number things as
        a recorded PostgreSQL run did, so a replay can be compared with it.
        `_storage` is how crash() hands the surviving "disk" to the engine
        that recovers it."""
        pinned = dict(oids or {})
        self.events = EventLog()
        self.xacts = TransactionManager(first_xid, self.events)
        self.xacts.clog.status[BOOTSTRAP_XID] = COMMITTED
        self.catalog = Catalog(self.xacts.clog)
        self.catalog.pinned = pinned
        self.parse_cache = ParseCache()
        self._splits: dict[str, list[str]] = {}
        self.sessions: dict[str, Session] = {}
        self.clock = clock or _wall_clock
        self.next_pid = first_pid
        self.database_name = "txlab"
        self.database_oid = pinned.pop("database", 16384)
        self.last_internal_error: str | None = None
        self.heaps: dict[int, Any] = {}        # relfilenode -> heap
        self.trees: dict[int, Any] = {}        # index oid -> B-tree
        self.locks = LockManager(fast_path=True)
        self.tuple_locks = LockManager()           # (relation, ctid) -> a row waiter's tuple lock
        self.predicate = PredicateLockManager(self.xacts.clog)
        self.wait_seq = 0
        self.backends = 0
        self.next_multixact = 1
        self._open_storage(path, _storage)          # last: recovery needs everything above

    # --- durability --------------------------------------------------------------------------
    def _open_storage(self, path: Any, storage: Any) -> None:
        if storage is None:
            storage = DirectoryStorage(path) if path is not None else MemoryStorage()
            existed = storage.open() if path is not None else False
        else:
            existed = True
        self.storage = storage
        self.recovery_log: list[str] = []
        if existed:
            self.recovery_log = recover(self, storage)
        else:
            self.attach_wal(WriteAheadLog(storage, LSN_BASE))

    def attach_wal(self, wal: WriteAheadLog) -> None:
        self.wal = wal
        self.catalog.wal = wal
        self.xacts.wal = wal
        for heap in self.heaps.values():
            heap.wal, heap.dead_test = wal, self.dead_test

    def new_heap(self, type_oids: list[int]) -> Any:
        """Storage for a new table (or a TRUNCATEd one): a new relfilenode."""
        heap = Heap(type_oids, self.dead_test, self.catalog.new_oid(), self.wal)
        self.heaps[heap.relfilenode] = heap
        return heap

    def checkpoint(self) -> None:
        """CHECKPOINT: flush the log, write the whole database as one image,
        start a new log at the image's redo point."""
        wal = self.wal
        wal.flush()
        lsn = wal.insert_lsn
        self.storage.write_checkpoint(make_image(self, lsn), lsn)
        wal.start_lsn, wal.buffer, wal.flushed = lsn, bytearray(), 0
        self.events.emit("checkpoint", "", lsn=format_lsn(lsn))

    def crash(self) -> "Engine":
        """Power loss: every connection is gone, everything not flushed is lost;
        returns the engine recovered from what was on "disk"."""
        self.events.emit("crash", "")
        for s in list(self.sessions.values()):
            s.queue.clear()
            s.wait = None
            s.closed = True
            s.fatal = PgError(
                "57P02", "terminating connection because of crash of another server process",
                detail="The postmaster has commanded this server process to roll back the current "
                       "transaction and exit, because another server process exited abnormally and "
                       "possibly corrupted shared memory.",
                hint="In a moment you should be able to reconnect to the database and repeat your command.",
                severity="FATAL")
        if isinstance(self.storage, DirectoryStorage):
            self.storage.close()
        return Engine(clock=self.clock, first_pid=self.next_pid, _storage=self.storage)

    def connect(self, name: str, pid: int | None = None) -> Session:
        if pid is None:
            pid = self.next_pid
            self.next_pid += 1
        s = Session(self, name, pid)
        self.backends += 1
        s.backend_id = self.backends + 2
        self.sessions[name] = s
        self.events.emit("connect", name, pid=pid)
        return s

    # --- waits ---------------------------------------------------------------------------------
    def waiting_sessions(self) -> list[Session]:
        return sorted((s for s in self.sessions.values() if s.wait is not None), key=lambda s: s.wait.seq)

    def resume_waiters(self) -> None:
        """Let every waiting session whose wait is over go on, oldest wait first.
        A session that goes on may release or take locks, so look again."""
        progress = True
        while progress:
            progress = False
            for s in self.waiting_sessions():
                w = s.wait
                if w.interrupt is not None or w.ready():
                    s._resume()
                    progress = True
                    break

    def poll(self) -> None:
        """Fire the deadlines (lock_timeout, statement_timeout, pg_sleep) that
        have passed on the engine clock, and idle-in-transaction timeouts."""
        now = self.clock()
        for s in self.waiting_sessions():
            w = s.wait
            if w.deadline is not None and w.deadline <= now and w.interrupt is None:
                w.interrupt = w.deadline_error        # None when the wait simply ends (pg_sleep)
        from .activity import idle_in_transaction_timeouts
        idle_in_transaction_timeouts(self, now)
        since = self.wal.unflushed_since          # the WAL writer
        if since is not None and now - since >= timedelta(milliseconds=WAL_WRITER_DELAY_MS):
            self.wal.flush()
        self.resume_waiters()

    def next_deadline(self) -> datetime | None:
        """The earliest moment at which poll() has something to do, if any."""
        from .activity import idle_deadlines
        times = [s.wait.deadline for s in self.waiting_sessions() if s.wait.deadline is not None]
        times += idle_deadlines(self)
        return min(times) if times else None

    def blocking_sessions(self, session: Session) -> list[Session]:
        """pg_blocking_pids: the sessions whose transactions `session` waits for."""
        w = session.wait
        if w is None:
            return []
        out = []
        for x in w.blockers():
            other = x if isinstance(x, Session) else self.sessions.get(getattr(x, "session_name", None))
            if other is not None and other is not session and other not in out:
                out.append(other)
        return out

    def check_deadlock(self, session: Session, wait: Any) -> None:
        """Fail `session` with 40P01 if its new wait closes a cycle of waits."""
        path = self._cycle_from(session, session, [session], set())
        if path is None:
            return
        lines = []
        for i, s in enumerate(path):
            nxt = path[(i + 1) % len(path)]
            lines.append(f"Process {s.pid} waits for {s.wait.lock}; blocked by process {nxt.pid}.")
        self.events.emit("deadlock", session.name, cycle=[s.name for s in path], victim=session.name,
                         lock=wait.lock, holders=[s.name for s in self.blocking_sessions(session)])
        err = PgError("40P01", "deadlock detected", detail="\n".join(lines),
                      hint="See server log for query details.")
        err.context = wait.context
        raise err

    def _cycle_from(self, start: Session, at: Session, path: list, seen: set) -> list | None:
        for nxt in self.blocking_sessions(at):
            if nxt is start:
                return path
            if nxt.name in seen or nxt.wait is None:
                continue
            seen.add(nxt.name)
            found = self._cycle_from(start, nxt, path + [nxt], seen)
            if found:
                return found
        return None

    # --- transaction end ---------------------------------------------------------------
    def commit(self, xact: Transaction, synchronous: bool = True) -> None:
        """Commit; a serializable transaction may fail here with 40001 (the
        caller then rolls it back).  With synchronous commit the commit
        record is flushed before this returns."""
        sx = self.predicate.of(xact)
        if sx is not None:
            self.predicate.precommit(sx)
        self.xacts.commit(xact)
        if xact.xids:
            if synchronous:
                self.wal.flush()
            elif self.wal.unflushed_since is None:
                self.wal.unflushed_since = self.clock()
        if sx is not None:
            self.predicate.committed(sx, self.xacts.next_xid)
        self._ended(xact)

    def abort(self, xact: Transaction) -> None:
        self.xacts.abort(xact)
        sx = self.predicate.of(xact)
        if sx is not None:
            self.predicate.aborted(sx)
        self._ended(xact)

    def abort_after_error(self, xact: Transaction) -> None:
        """What PostgreSQL does the moment a statement fails in a block: abort
        the current (sub)transaction, releasing its locks, so others waiting
        for it go on; the session's block stays failed until ROLLBACK."""
        if len(xact.stack) == 1:
            self.abort(xact)
        else:
            self.xacts.abort_current_level(xact)
            self.locks.release_after(xact, len(xact.stack) - 1)

    def _ended(self, xact: Transaction) -> None:
        self.locks.release_all(xact)
        self.tuple_locks.release_all(xact)
        if len(self.wal.buffer) > CHECKPOINT_WAL_BYTES and not self.wal.replaying:
            self.checkpoint()                  # as max_wal_size makes PostgreSQL checkpoint
        if xact.catalog_changed:
            self.catalog.version += 1
        memory.transaction_ended()

    def session_closed(self, session: Session) -> None:
        self.events.emit("disconnect", session.name, pid=session.pid)
        if self.sessions.get(session.name) is session:
            del self.sessions[session.name]

    def session_by_pid(self, pid: int) -> Session | None:
        return next((s for s in self.sessions.values() if s.pid == pid), None)

    def session_of_xid(self, xid: int) -> Session | None:
        top = self.xacts.clog.top_of(xid)
        xact = self.xacts.running.get(top)
        if xact is None:
            return None
        return self.sessions.get(xact.session_name)

    def split(self, sql: str) -> list[str]:
        """psql's split of a text into statements, remembered for texts seen
        before (a notebook re-runs its cells, a benchmark its statements).
        One printable ASCII line holding a single plain statement ending in
        `;` (no quote, comment, dollar, backslash or bracket: nothing psql's
        scanner treats specially) is what psql sends, stripped; the property
        test in tests/engine/test_parse.py holds this to psql's scanner."""
        if _plain(sql):
            return [sql.strip()]
        hit = self._splits.get(sql)
        if hit is None:
            if len(self._splits) > 10000:
                self._splits.clear()
            hit = self._splits[sql] = split_sql(sql)
        return hit

    def dead_test(self) -> Callable[[Any], bool]:
        """A test for versions dead to every snapshot, at today's horizon
        (page pruning and VACUUM share it)."""
        from .vacuum import is_dead
        clog, horizon = self.xacts.clog, self.xacts.oldest_xmin()

        def test(tup: Any) -> bool:
            return is_dead(tup, clog, horizon)
        test.horizon = horizon
        test.committed = clog.did_commit
        return test

