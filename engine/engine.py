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

from datetime import datetime, timezone
from typing import Any, Callable

from . import memory
from .catalog import BOOTSTRAP_XID, Catalog
from .clog import COMMITTED
from .errors import feature_not_supported
from .events import EventLog
from .parse import ParseCache
from .session import Session
from .xact import Transaction, TransactionManager

FIRST_XID = 735          # a fresh PostgreSQL 15.18 cluster's first database-level xid, roughly


def _wall_clock() -> datetime:
    return datetime.now(timezone.utc)


class Engine:
    # What this engine implements, for tests that depend on a feature
    # ("locks": lock waits, deadlocks and timeouts; "wal": crash recovery).
    features: frozenset[str] = frozenset()

    def __init__(self, path: str | None = None, *, first_xid: int = FIRST_XID,
                 clock: Callable[[], datetime] | None = None, first_pid: int = 101) -> None:
        if path is not None:
            raise feature_not_supported("durable data directories (arrive with the write-ahead log)")
        self.events = EventLog()
        self.xacts = TransactionManager(first_xid, self.events)
        self.xacts.clog.status[BOOTSTRAP_XID] = COMMITTED
        self.catalog = Catalog(self.xacts.clog)
        self.parse_cache = ParseCache()
        self.sessions: dict[str, Session] = {}
        self.clock = clock or _wall_clock
        self.next_pid = first_pid
        self.database_name = "txlab"
        self.last_internal_error: str | None = None

    def connect(self, name: str, pid: int | None = None) -> Session:
        if pid is None:
            pid = self.next_pid
            self.next_pid += 1
        s = Session(self, name, pid)
        self.sessions[name] = s
        self.events.emit("connect", name, pid=pid)
        return s

    def poll(self) -> None:
        """Fire expired timeouts; nothing can expire before lock waits exist."""

    def crash(self) -> "Engine":
        raise feature_not_supported("crash and recovery (arrive with the write-ahead log)")

    # --- transaction end ---------------------------------------------------------------
    def commit(self, xact: Transaction) -> None:
        self.xacts.commit(xact)
        self._ended(xact)

    def abort(self, xact: Transaction) -> None:
        self.xacts.abort(xact)
        self._ended(xact)

    def _ended(self, xact: Transaction) -> None:
        if xact.catalog_changed:
            self.catalog.version += 1
        memory.transaction_ended()

    def session_closed(self, session: Session) -> None:
        self.events.emit("disconnect", session.name, pid=session.pid)
        if self.sessions.get(session.name) is session:
            del self.sessions[session.name]

    def session_of_xid(self, xid: int) -> Session | None:
        top = self.xacts.clog.top_of(xid)
        xact = self.xacts.running.get(top)
        if xact is None:
            return None
        return self.sessions.get(xact.session_name)

    def sequence_advanced(self, seq: Any, value: int) -> None:
        """Hook for the WAL (sequences are logged ahead); nothing to do in memory."""
