"""Read-only inspection of engine state, for diagrams and teaching tools.

Everything here is a function of the engine that returns plain, frozen
dataclasses; nothing in this module changes the engine (it never takes a
snapshot through the transaction manager, never touches a heap, never
emits an event).  The widgets turn these values into text and DOT.

Two sources of truth are combined:

* the live structures (heap pages, commit log, sessions, the transaction
  manager's horizon) give the exact present: every stored version with its
  values and command ids, and what each connection's next statement would
  see, judged by the engine's own visibility rule (`Snapshot.sees`);
* the event log gives the past.  `Replay` walks the events up to a point and
  rebuilds, from them alone, the commit log, each connection's transaction
  (isolation, snapshots, savepoint stack, xids), the tuple versions written
  (ctid, xmin, xmax, forward link, row locks: lock-only xmax and
  MultiXactIds, by rowlock.py's rules), what VACUUM removed, lock waits and
  deadlocks, and the path each transaction block took through its states.
  The present is the last point of the past, so the diagrams of snapshots,
  savepoints, flows, the timeline and locks always come from the replay,
  and the version chains come from the heap unless an earlier point is
  asked for.

The engine logs one `statement` event when a statement ends (its text,
status, command tag and SQLSTATE), after the events it caused: the
timeline folds each statement's events into one item, and a statement
still running is named by the statement event that ends it later.  A
block an error had already aborted ends with `end_failed`; `begin` carries
the isolation the block got; writes name their table by OID (a table
dropped and made again under the same name is another table), row locks
by the relfilenode of its storage, which the catalog maps back.

What the event log does not say, a reconstruction of the past cannot know:
the values of a version VACUUM has since removed (unless the caller
recorded them, see `known_values`, or the insert/update event carries
them), versions of a write that failed before it was logged, TRUNCATE and
DDL (not logged as events), command ids.  Such gaps are reported in
`notes`, never papered over.

Lock waits come from events of kind `lock_wait` / `lock_grant` /
`deadlock`.  Their facts are read tolerantly: the waiter is `waiter` or the
event's connection, the holders `holder` or `holders`, the mode `mode` or
the first word of `lock` ("ShareLock on transaction 745"); a deadlock names
its `cycle`, `victim` and the victim's own `lock` and `holders`, or is the
closing wait of `waiter` on `holder`.  Unknown event kinds are carried into
the timeline as they are.

Replays are cached per engine and advanced incrementally, so asking for the
present after every notebook cell costs only the new events.
"""
from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from .clog import ABORTED, COMMITTED, STATUS_NAMES, CommitLog
from .rowlock import KEY_SHARE, STRENGTH as _STRENGTH
from .snapshot import Snapshot
from .vacuum import is_dead

Ctid = tuple[int, int]
TableKey = "int | str"                   # a table's OID, or its name in events that carry none
TRANSACTION_SNAPSHOT_LEVELS = ("repeatable read", "serializable")

# States of a transaction block (the \flow machine).
IDLE, IN_PROGRESS_STATE, WAITING, FAILED = "idle", "in progress", "waiting", "failed"
COMMITTED_STATE, ROLLED_BACK, TERMINATED = "committed", "rolled back", "terminated"
FLOW_STATES = (IDLE, IN_PROGRESS_STATE, WAITING, FAILED, COMMITTED_STATE, ROLLED_BACK, TERMINATED)

# States of a savepoint level (the \savepoints tree).
SP_ACTIVE, SP_RELEASED, SP_ROLLED_BACK = "active", "released", "rolled back"
SP_COMMITTED, SP_COMMITTED_WITH_PARENT, SP_ABORTED = "committed", "committed with the parent", "aborted"
LOOKAHEAD = 256        # events scanned for the next one of the same connection (labels)
_FAILURES = ("error", "abort", "abort_subxact")     # what ends a wait that was not granted


# --- results ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class SnapshotData:
    """One snapshot: what pg_current_snapshot() would print, and where it was taken."""
    xmin: int
    xmax: int
    xip: tuple[int, ...]
    taken_at: int | None = None          # seq of its `snapshot` event; None if not taken yet
    isolation: str = ""

    @property
    def text(self) -> str:
        return f"{self.xmin}:{self.xmax}:" + ",".join(str(x) for x in self.xip)


@dataclass(frozen=True)
class ConnectionSnapshot:
    conn: str
    pid: int | None
    state: str                           # a FLOW_STATES word
    isolation: str                       # of the open transaction, else ""
    xid: int                             # top xid, 0 if none
    own: tuple[int, ...]                 # live xids of its transaction (top and subs)
    held: SnapshotData | None            # the transaction snapshot, or the last statement's
    held_kind: str                       # "transaction", "last statement", "aborted" (failed block) or ""
    next: SnapshotData                   # what a statement starting now would use


@dataclass(frozen=True)
class Seen:
    conn: str
    visible: bool
    reason: str                          # "visible" or Snapshot.why_not's words


@dataclass(frozen=True)
class Version:
    ctid: Ctid
    xmin: int
    xmin_status: str                     # STATUS_NAMES word
    xmax: int                            # 0 = none
    xmax_status: str                     # "" when xmax is 0
    lock_only: bool
    values: tuple[str | None, ...] | None    # text form per live column; None = unknown
    hot: bool
    next_ctid: Ctid | None
    removable: bool                      # dead to every snapshot: VACUUM may remove it
    removed_at: int | None               # seq of the VACUUM that removed it (the past only)
    seen: tuple[Seen, ...]
    inserted_at: int | None = None       # seq of its insert/update event, when known
    lockers: tuple[tuple[int, str], ...] = ()    # a lock-only xmax's members: (xid, mode), oldest xid first

    @property
    def removed(self) -> bool:
        return self.removed_at is not None


@dataclass(frozen=True)
class Chain:
    versions: tuple[Version, ...]        # oldest first, linked by t_ctid


@dataclass(frozen=True)
class VacuumRun:
    seq: int
    conn: str
    removed: int
    remaining: int
    horizon: int
    kind: str = "vacuum"                 # or "prune"


@dataclass(frozen=True)
class TableVersions:
    table: str
    columns: tuple[str, ...]
    chains: tuple[Chain, ...]
    horizon: int                         # oldest xmin: the VACUUM horizon
    at: int                              # the last event seq taken into account
    live: bool                           # from the heap (True) or reconstructed (False)
    connections: tuple[str, ...]         # whose visibility `Version.seen` lists
    freed: tuple[Ctid, ...]              # line pointers VACUUM freed and nothing reused yet
    vacuums: tuple[VacuumRun, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class SavepointNode:
    name: str | None                     # None for the transaction itself
    level: int
    xid: int
    state: str                           # SP_* word (the root: in progress / committed / aborted / failed)
    started_at: int
    current: bool                        # the innermost open level
    writes: tuple[str, ...]              # "INSERT accounts (0,4)", ...
    children: tuple["SavepointNode", ...]


@dataclass(frozen=True)
class SavepointTree:
    conn: str
    isolation: str
    open: bool                           # the transaction is still running
    began_at: int
    ended_at: int | None
    implicit: bool
    root: SavepointNode


@dataclass(frozen=True)
class FlowStep:
    seq: int
    conn: str
    src: str
    dst: str
    label: str


@dataclass(frozen=True)
class TimelineItem:
    seq: int                             # first event of the item
    last_seq: int                        # last event folded into it (a statement's: its statement event)
    conn: str
    mark: str                            # begin commit rollback error wait resume deadlock crash recovery
                                         # connect disconnect savepoint write read statement vacuum other
    label: str                           # the line: "SQL -> outcome (details)"
    sql: str = ""                        # the statement's text, shortened; "" if not a statement
    status: str = ""                     # ok, error, waiting, running, interrupted; "" if not a statement
    outcome: str = ""                    # command tag, "ERROR 23505: ...", "waiting since 22 for alice: ..."
    details: tuple[str, ...] = ()        # what it did, in order: snapshot, xids, writes, waits, commit ...
    waits_for: tuple[str, ...] = ()      # connections it waited (or waits) for
    wait_seq: int | None = None          # when it began to wait for them


@dataclass(frozen=True)
class Timeline:
    at: int
    connections: tuple[str, ...]         # lane order: first appearance
    items: tuple[TimelineItem, ...]


@dataclass(frozen=True)
class WaitEdge:
    waiter: str
    holder: str
    mode: str
    lock: str
    since: int

    @property
    def what(self) -> str:
        """'ShareLock on transaction 745', not saying the mode twice."""
        return _lock_words(self.mode, self.lock)


@dataclass(frozen=True)
class Deadlock:
    seq: int
    cycle: tuple[str, ...]               # waiter, whom it waits for, ..., back to the first
    victim: str
    edges: tuple[WaitEdge, ...]


@dataclass(frozen=True)
class LockGraph:
    at: int
    waits: tuple[WaitEdge, ...]          # current waits at `at`
    deadlocks: tuple[Deadlock, ...]      # every deadlock up to `at`, oldest first


class InspectError(LookupError):
    """An unknown table or connection; the message is psql's error text."""


# --- replay: the past from the event log -------------------------------------------------------
class _Rec:
    """A version as the event log describes it; quacks like a HeapTuple for
    Snapshot.sees / why_not and vacuum.is_dead."""

    __slots__ = ("table", "ctid", "xmin", "xmax", "cmin", "cmax", "lock_only", "hot", "lockers",
                 "next", "removed", "removed_at", "inserted_at", "values")

    def __init__(self, table: "TableKey", ctid: Ctid, xmin: int, seq: int, values: Any = None) -> None:
        self.table, self.ctid, self.xmin = table, ctid, xmin
        self.xmax = self.cmin = self.cmax = 0
        self.lock_only = self.hot = self.removed = False
        self.lockers: dict[int, str] = {}        # row-lock members by xid (rowlock.members)
        self.next: _Rec | None = None
        self.removed_at: int | None = None
        self.inserted_at = seq
        self.values = values


class _TableLog:
    __slots__ = ("versions", "at_ctid", "vacuums", "notes")

    def __init__(self) -> None:
        self.versions: list[_Rec] = []
        self.at_ctid: dict[Ctid, _Rec] = {}
        self.vacuums: list[VacuumRun] = []
        self.notes: list[str] = []


class _Level:
    __slots__ = ("name", "level", "xid", "state", "started_at", "writes", "children", "parent")

    def __init__(self, name: str | None, parent: "_Level | None", seq: int) -> None:
        self.name, self.parent, self.started_at = name, parent, seq
        self.level = 0 if parent is None else parent.level + 1
        self.xid = 0
        self.state = SP_ACTIVE
        self.writes: list[str] = []
        self.children: list[_Level] = []
        if parent is not None:
            parent.children.append(self)


class _Txn:
    __slots__ = ("isolation", "implicit", "began_at", "ended_at", "root", "stack", "own",
                 "by_xid", "snapshot", "last_snapshot", "failed", "outcome")

    def __init__(self, isolation: str, implicit: bool, seq: int) -> None:
        self.isolation, self.implicit, self.began_at = isolation, implicit, seq
        self.ended_at: int | None = None
        self.root = _Level(None, None, seq)
        self.stack = [self.root]
        self.own: set[int] = set()
        self.by_xid: dict[int, _Level] = {}
        self.snapshot: SnapshotData | None = None
        self.last_snapshot: SnapshotData | None = None
        self.failed = False
        self.outcome = ""                 # "", "committed", "aborted"

    @property
    def xid(self) -> int:
        return self.root.xid

    @property
    def running(self) -> bool:
        """Not ended: a failed block whose xids were aborted at the error is over
        for everyone else, though its session still waits for ROLLBACK."""
        return not self.outcome


class _Conn:
    __slots__ = ("name", "pid", "txn", "last_block", "state", "before_wait", "steps", "order", "erred")

    def __init__(self, name: str, pid: int | None, order: int) -> None:
        self.name, self.pid, self.order = name, pid, order
        self.txn: _Txn | None = None
        self.last_block: _Txn | None = None
        self.state = IDLE
        self.before_wait = IDLE
        self.steps: list[FlowStep] = []
        self.erred = False                        # an error event came in the current statement


class Replay:
    """The engine's state as its event log tells it, after event `upto`.

    Feed events in order (`advance`); read the results through the module's
    functions.  Handlers are `_on_<kind>`; unknown kinds are ignored here."""

    def __init__(self, engine: Any) -> None:
        self.xacts = engine.xacts                  # not the engine: the cache holds replays weakly keyed by it
        self.catalog = engine.catalog              # to name the storage a row lock names (read only)
        self.events = engine.events.events
        self.upto = -1
        self.clog = CommitLog()
        self.clog.status[1] = COMMITTED            # BOOTSTRAP_XID
        self.conns: dict[str, _Conn] = {}
        self.tables: dict[TableKey, _TableLog] = {}
        self.keys: dict[str, TableKey] = {}        # table name -> its newest key in the log
        self.storage: dict[int, TableKey] = {}     # relfilenode -> table key
        self.waits: dict[str, list[WaitEdge]] = {}
        self.deadlocks: list[Deadlock] = []
        self.max_xid = 0
        self.multixacts = 0                        # MultiXactIds handed out, as the engine counts them
        self.told: set[int] = set()                # error events an abort's label already used

    # --- driving ---------------------------------------------------------------------------
    def advance(self, upto: int) -> "Replay":
        upto = min(upto, len(self.events) - 1)
        while self.upto < upto:
            self.upto += 1
            self._feed(self.events[self.upto])
        return self

    def _feed(self, ev: Any) -> None:
        handler = getattr(self, "_on_" + ev.kind, None)
        if handler is not None:
            handler(ev, ev.facts)

    def conn(self, name: str) -> _Conn:
        c = self.conns.get(name)
        if c is None:
            c = self.conns[name] = _Conn(name, None, len(self.conns))
        return c

    def _step(self, c: _Conn, seq: int, dst: str, label: str) -> None:
        c.steps.append(FlowStep(seq, c.name, c.state, dst, label))
        c.state = dst

    def _next_of(self, conn: str, seq: int) -> Any:
        return _next_event_of(self.events, conn, seq)

    # --- connections and transactions -------------------------------------------------------
    def _on_connect(self, ev: Any, f: dict) -> None:
        c = self.conn(ev.conn)
        c.pid, c.state, c.txn = f.get("pid"), IDLE, None

    def _on_disconnect(self, ev: Any, f: dict) -> None:
        c = self.conn(ev.conn)
        self._end_waits(ev.conn)
        self.close_failed_block(c, ev.seq, "connection closed")
        self._step(c, ev.seq, TERMINATED, "disconnect")

    def close_failed_block(self, c: _Conn, seq: int, label: str = "ROLLBACK") -> None:
        """End a block that failed (its xids were aborted at the error): the
        ROLLBACK or COMMIT that ends it logs `end_failed`, a failing COMMIT
        its error; a log without them is closed here at the next BEGIN."""
        txn = c.txn
        if txn is None or txn.running:
            return
        c.txn, c.last_block = None, txn
        self._step(c, seq, ROLLED_BACK, label)
        self._step(c, seq, IDLE, "")

    def _ending_words(self, conn: str, seq: int) -> str:
        """What ended a block at `seq`: the statement that did ("COMMIT" of a
        failed block rolls back), or the connection closing."""
        for ev in self.events[seq + 1: seq + 1 + LOOKAHEAD]:
            if ev.conn != conn:
                continue
            if ev.kind == "disconnect":
                return "connection closed"
            if ev.kind == "statement":
                word = _first_word(ev.facts.get("text"))
                return word if word in _ENDING_WORDS else "ROLLBACK"
        return "ROLLBACK"

    def _on_begin(self, ev: Any, f: dict) -> None:
        c = self.conn(ev.conn)
        self.close_failed_block(c, ev.seq)
        implicit = bool(f.get("implicit"))
        iso = f.get("isolation", "")
        c.txn = _Txn(iso, implicit, ev.seq)
        if not implicit:
            self._step(c, ev.seq, IN_PROGRESS_STATE, f"BEGIN ({iso})" if iso else "BEGIN")

    def _on_end_failed(self, ev: Any, f: dict) -> None:
        """ROLLBACK / COMMIT of a failed block.  If the error aborted only a
        savepoint, the transaction is still running and its abort follows."""
        c = self.conn(ev.conn)
        self.close_failed_block(c, ev.seq, self._ending_words(c.name, ev.seq))

    def _on_statement(self, ev: Any, f: dict) -> None:
        c = self.conn(ev.conn)
        erred, c.erred = c.erred, False
        if f.get("status") != "error":
            return
        if not erred:                                         # refused with no error event: 25P02
            self._error_step(c, ev.seq, f"ERROR {f.get('sqlstate') or ''}".rstrip())

    def _on_snapshot(self, ev: Any, f: dict) -> None:
        txn = self.conn(ev.conn).txn
        if txn is None:
            return
        snap = SnapshotData(f.get("xmin", 0), f.get("xmax", 0), tuple(f.get("xip", ())),
                            ev.seq, f.get("isolation", txn.isolation))
        txn.isolation = snap.isolation or txn.isolation
        txn.last_snapshot = snap
        if txn.isolation in TRANSACTION_SNAPSHOT_LEVELS and txn.snapshot is None:
            txn.snapshot = snap

    def _on_xid(self, ev: Any, f: dict) -> None:
        txn = self.conn(ev.conn).txn
        xid = f.get("xid", 0)
        self.max_xid = max(self.max_xid, xid)
        if txn is None:
            self.clog.begin(xid)
            return
        level = min(f.get("level", 0) or 0, len(txn.stack) - 1)
        node = txn.stack[level]
        node.xid = xid
        parent = node.parent.xid if node.parent is not None else 0
        self.clog.begin(xid, parent)
        txn.own.add(xid)
        txn.by_xid[xid] = node

    def _on_commit(self, ev: Any, f: dict) -> None:
        c = self.conn(ev.conn)
        self.clog.set_committed(list(f.get("xids", ())))
        self._end_txn(c, ev, "committed")

    def _on_abort(self, ev: Any, f: dict) -> None:
        c = self.conn(ev.conn)
        txn = c.txn
        xids = list(f.get("xids", ()))
        if txn is not None:
            xids.extend(txn.own)
        self.clog.set_aborted(xids)
        after = self._next_of(c.name, ev.seq)
        if txn is not None and not txn.implicit and after is not None and after.kind == "error" \
                and self._statement_word(ev) not in ("COMMIT", "END"):
            self._abort_in_block(txn, ev.seq)       # the error's step follows
        else:
            self._end_txn(c, ev, "aborted")         # ROLLBACK, or a COMMIT that failed: the block is over

    def _statement_word(self, ev: Any) -> str:
        stmt = _statement_of(self.events, ev)
        return _first_word(stmt.facts.get("text")) if stmt is not None else ""

    def _abort_in_block(self, txn: _Txn, seq: int) -> None:
        """An error in a block: PostgreSQL aborts the transaction at once (its
        locks go, others stop waiting); the block stays, failed, until ROLLBACK."""
        txn.outcome, txn.ended_at, txn.failed = "aborted", seq, True
        txn.own.clear()
        _settle(txn.root, "aborted")

    def _on_abort_subxact(self, ev: Any, f: dict) -> None:
        """An error inside a savepoint: that level is aborted; ROLLBACK TO restarts it."""
        txn = self.conn(ev.conn).txn
        if txn is None:
            return
        index = min(f.get("level", len(txn.stack) - 1), len(txn.stack) - 1)
        self._roll_back(txn, txn.stack[index], SP_ABORTED)
        txn.failed = True

    def _end_txn(self, c: _Conn, ev: Any, outcome: str) -> None:
        txn = c.txn
        if txn is not None:
            txn.outcome, txn.ended_at = outcome, ev.seq
            _settle(txn.root, outcome)
            if not txn.implicit:
                c.last_block = txn
        c.txn = None
        self._flow_end(c, ev, outcome, txn)

    def _flow_end(self, c: _Conn, ev: Any, outcome: str, txn: _Txn | None) -> None:
        implicit = txn is None or txn.implicit
        after = self._next_of(c.name, ev.seq)
        closing = after is not None and after.kind == "disconnect"
        if outcome == "committed":
            self._step(c, ev.seq, COMMITTED_STATE, "autocommit" if implicit else "COMMIT")
        else:
            if closing:
                label = "connection closed"
            elif after is not None and after.kind == "error":
                self.told.add(after.seq)
                how = "autocommit" if implicit else self._ending_words(c.name, ev.seq)
                label = f"ERROR {after.facts.get('sqlstate', '')} ({how})"
            else:
                label = "rolled back (autocommit)" if implicit else self._ending_words(c.name, ev.seq)
            self._step(c, ev.seq, ROLLED_BACK, label)
        self._step(c, ev.seq, IDLE, "")

    def _on_error(self, ev: Any, f: dict) -> None:
        self._end_waits(ev.conn)                       # a failed statement waits no more
        c = self.conn(ev.conn)
        c.erred = True
        if ev.seq in self.told:
            return                                     # the autocommit abort's label says it
        self._error_step(c, ev.seq, f"ERROR {f.get('sqlstate', '')}".rstrip())

    def _error_step(self, c: _Conn, seq: int, label: str) -> None:
        txn = c.txn
        if txn is not None and not txn.implicit:
            txn.failed = True
            self._step(c, seq, FAILED, label)
        elif c.state in (IDLE, WAITING):
            self._step(c, seq, IDLE, label)

    # --- savepoints ---------------------------------------------------------------------------
    def _on_savepoint(self, ev: Any, f: dict) -> None:
        c = self.conn(ev.conn)
        txn = c.txn
        if txn is None:
            return
        txn.stack.append(_Level(f.get("name"), txn.stack[-1], ev.seq))
        self._step(c, ev.seq, c.state, f"SAVEPOINT {f.get('name')}")

    def _on_release(self, ev: Any, f: dict) -> None:
        c = self.conn(ev.conn)
        txn = c.txn
        if txn is None:
            return
        index = max(1, f.get("level", len(txn.stack) - 1))
        name = txn.stack[index].name if index < len(txn.stack) else None
        while len(txn.stack) > index:
            level = txn.stack.pop()
            level.state = SP_RELEASED
            if level.xid:
                self.clog.set_subcommitted(level.xid)
        self._step(c, ev.seq, c.state, f"RELEASE {name}")

    def _on_rollback_to(self, ev: Any, f: dict) -> None:
        c = self.conn(ev.conn)
        txn = c.txn
        if txn is None:
            return
        index = max(1, min(f.get("level", len(txn.stack) - 1), len(txn.stack) - 1))
        name = f.get("name", txn.stack[index].name)
        while len(txn.stack) > index:
            self._roll_back(txn, txn.stack.pop())
        txn.stack.append(_Level(name, txn.stack[-1], ev.seq))
        txn.failed = False
        self._step(c, ev.seq, IN_PROGRESS_STATE, f"ROLLBACK TO {name}")

    def _roll_back(self, txn: _Txn, level: _Level, state: str = SP_ROLLED_BACK) -> None:
        """A rolled-back level takes every level released into it with it."""
        todo = [level]
        while todo:
            lv = todo.pop()
            lv.state = state
            if lv.xid:
                self.clog.set_aborted([lv.xid])
                txn.own.discard(lv.xid)
            todo.extend(ch for ch in lv.children if ch.state in (SP_RELEASED, SP_ABORTED))

    # --- tuple versions -------------------------------------------------------------------------
    def _key(self, f: Mapping[str, Any]) -> TableKey:
        """Which table an event is about: its OID (a table dropped and created
        again under the same name is another table), else its name."""
        name = f.get("table", "")
        key = f.get("oid") or self.keys.get(name, name)
        if name:
            self.keys[name] = key
        return key

    def _table(self, key: TableKey) -> _TableLog:
        t = self.tables.get(key)
        if t is None:
            t = self.tables[key] = _TableLog()
        return t

    def table_log(self, desc: Any) -> _TableLog | None:
        """The log of the table `desc` describes (by OID, else by name)."""
        return self.tables.get(getattr(desc, "oid", None)) or self.tables.get(desc.name)

    def _place(self, table: TableKey, ctid: Ctid, xmin: int, seq: int, values: Any) -> _Rec:
        t = self._table(table)
        ctid = tuple(ctid)
        old = t.at_ctid.get(ctid)
        if old is not None and not old.removed:
            t.notes.append(f"ctid {_ctid_text(ctid)} reused at seq {seq} without a VACUUM in the log "
                           "(TRUNCATE or DDL is not logged)")
        rec = _Rec(table, ctid, xmin, seq, values)
        t.versions.append(rec)
        t.at_ctid[ctid] = rec
        return rec

    def _wrote(self, conn: str, xid: int, text: str) -> None:
        txn = self.conn(conn).txn
        if txn is not None:
            node = txn.by_xid.get(xid, txn.stack[-1])
            node.writes.append(text)

    def _on_insert(self, ev: Any, f: dict) -> None:
        self._place(self._key(f), f["ctid"], f.get("xmin", 0), ev.seq, f.get("values"))
        self._wrote(ev.conn, f.get("xmin", 0), f"INSERT {f['table']} {_ctid_text(f['ctid'])}")

    def _on_update(self, ev: Any, f: dict) -> None:
        xid = f.get("xid", 0)
        key = self._key(f)
        old = self._table(key).at_ctid.get(tuple(f["old_ctid"]))
        new = self._place(key, f["ctid"], xid, ev.seq, f.get("values"))
        new.hot = bool(f.get("hot"))
        if old is not None:
            self._carry_key_share_locks(old, new, xid)
            self._stamp_update(old, xid)
            old.next = new
        self._wrote(ev.conn, xid, f"UPDATE {f['table']} {_ctid_text(f['old_ctid'])} -> {_ctid_text(f['ctid'])}")

    def _on_delete(self, ev: Any, f: dict) -> None:
        xid = f.get("xid", 0)
        old = self._table(self._key(f)).at_ctid.get(tuple(f["ctid"]))
        if old is not None:
            self._stamp_update(old, xid)
        self._wrote(ev.conn, xid, f"DELETE {f['table']} {_ctid_text(f['ctid'])}")

    # --- row locks (rowlock.py's rules, replayed) ------------------------------------------------
    def _running(self, xid: int) -> bool:
        return self.clog.state_of(xid) not in (COMMITTED, ABORTED)

    def _stamp_update(self, rec: _Rec, xid: int) -> None:
        """The updater or deleter becomes xmax; running lockers stay members."""
        live = {x: m for x, m in rec.lockers.items() if x != xid and self._running(x)}
        rec.xmax, rec.lock_only, rec.lockers = xid, False, live

    def _carry_key_share_locks(self, old: _Rec, new: _Rec, xid: int) -> None:
        """An update that kept the key carries running KEY SHARE lockers to the
        new version.  A key-changing update would have waited for them, so
        running ones prove the key was kept."""
        keep = {x: KEY_SHARE for x, m in old.lockers.items() if m == KEY_SHARE and x != xid and self._running(x)}
        if keep:
            new.lockers, new.lock_only = keep, True
            new.xmax = next(iter(keep)) if len(keep) == 1 else self._new_multixact()

    def _new_multixact(self) -> int:
        self.multixacts += 1
        return self.multixacts

    def _on_row_lock(self, ev: Any, f: dict) -> None:
        """SELECT ... FOR <mode> or a foreign-key check locked a version:
        its xid (or a new MultiXactId for several lockers) goes into xmax,
        flagged lock-only, unless an updater already is xmax."""
        key = self._storage_key(f.get("relfilenode"))
        t = self.tables.get(key) if key is not None else None
        rec = t.at_ctid.get(tuple(f.get("ctid", ()))) if t is not None else None
        if rec is None:
            return
        xid, mode = f.get("xid", 0), f.get("mode", "")
        if rec.xmax and not rec.lock_only and self.clog.state_of(rec.xmax) != ABORTED:
            # a live or committed updater stays xmax; the locker joins it
            rec.lockers[xid] = mode
            return
        txn = self.conn(ev.conn).txn
        own = txn.own if txn is not None else set()
        live = {x: m for x, m in rec.lockers.items() if self._running(x) or x in own}
        if xid not in live or _STRENGTH.get(mode, 0) > _STRENGTH.get(live[xid], 0):
            live[xid] = mode
        rec.lockers, rec.lock_only = live, True
        rec.xmax = xid if len(live) == 1 else self._new_multixact()

    def _storage_key(self, relfilenode: Any) -> TableKey | None:
        """The table whose storage `relfilenode` is, from the catalog (every
        version of every relation, dropped ones too, stays listed there)."""
        if relfilenode not in self.storage:
            self.storage.update((node, oid) for node, (oid, _) in _storage_map(self.catalog).items())
            self.storage.setdefault(relfilenode, None)      # not a table's: do not look again
        return self.storage.get(relfilenode)

    def _on_prune(self, ev: Any, f: dict) -> None:
        """Opportunistic pruning, if the engine logs it like a VACUUM of one page."""
        self._on_vacuum(ev, f)

    def _on_vacuum(self, ev: Any, f: dict) -> None:
        t = self._table(self._key(f))
        horizon = f.get("horizon", 0)
        page = f.get("page")
        removed = 0
        for rec in t.versions:
            if page is not None and rec.ctid[0] != page:
                continue
            if not rec.removed and is_dead(rec, self.clog, horizon):
                rec.removed, rec.removed_at = True, ev.seq
                removed += 1
        t.vacuums.append(VacuumRun(ev.seq, ev.conn, f.get("removed", removed), f.get("remaining", 0), horizon,
                                   ev.kind))
        if "removed" in f and f["removed"] != removed:
            t.notes.append(f"VACUUM at seq {ev.seq} removed {f['removed']} versions; "
                           f"the event log explains {removed}")

    # --- locks ----------------------------------------------------------------------------------
    def _on_lock_wait(self, ev: Any, f: dict) -> None:
        waiter = f.get("waiter") or ev.conn
        edges = [WaitEdge(waiter, h, _lock_mode(f), str(f.get("lock", "")), ev.seq) for h in _holders(f)]
        self.waits[waiter] = edges                  # a session waits for one lock at a time
        c = self.conn(waiter)
        if c.state != WAITING:
            c.before_wait = c.state
            holders = ", ".join(_holders(f)) or "a lock"
            self._step(c, ev.seq, WAITING, f"waits for {holders}")

    def _on_lock_grant(self, ev: Any, f: dict) -> None:
        waiter = f.get("waiter") or ev.conn
        self._end_waits(waiter)
        c = self.conn(waiter)
        after = self._next_of(waiter, ev.seq)
        if c.state == WAITING and not (after is not None and after.kind in _FAILURES):
            self._step(c, ev.seq, c.before_wait, "lock granted")

    def _end_waits(self, waiter: str) -> None:
        self.waits.pop(waiter, None)

    def _on_deadlock(self, ev: Any, f: dict) -> None:
        waiter = f.get("waiter") or ev.conn
        closing = [WaitEdge(waiter, h, _lock_mode(f), str(f.get("lock", "")), ev.seq) for h in _holders(f)]
        cycle = tuple(f.get("cycle") or self._cycle(waiter, closing))
        edges = self._cycle_edges(cycle, closing, ev.seq)
        self.deadlocks.append(Deadlock(ev.seq, cycle, f.get("victim") or waiter, edges))

    def _cycle(self, waiter: str, closing: list[WaitEdge]) -> list[str]:
        """The cycle the closing wait makes: from the waiter through the holders back to it."""
        for edge in closing:
            path = self._path(edge.holder, waiter, [waiter])
            if path:
                return path
        return [waiter] + [e.holder for e in closing[:1]]

    def _path(self, at: str, goal: str, path: list[str]) -> list[str] | None:
        if at == goal:
            return path
        if at in path:
            return None
        for e in self.waits.get(at, []):
            found = self._path(e.holder, goal, path + [at])
            if found:
                return found
        return None

    def _cycle_edges(self, cycle: tuple[str, ...], closing: list[WaitEdge], seq: int) -> tuple[WaitEdge, ...]:
        out = []
        for i, waiter in enumerate(cycle):
            holder = cycle[(i + 1) % len(cycle)]
            known = [e for e in self.waits.get(waiter, []) + [c for c in closing if c.waiter == waiter]
                     if e.holder == holder]
            out.append(known[0] if known else WaitEdge(waiter, holder, "", "", seq))
        return tuple(out)

    # --- crash ------------------------------------------------------------------------------------
    def _on_crash(self, ev: Any, f: dict) -> None:
        for c in self.conns.values():
            if c.state != TERMINATED:
                if c.txn is not None:
                    self.clog.set_aborted(list(c.txn.own))
                    c.txn, c.last_block = None, c.txn
                self._step(c, ev.seq, TERMINATED, "crash")
        self.waits.clear()

    # --- derived -----------------------------------------------------------------------------------
    def open_conns(self) -> list[_Conn]:
        return sorted((c for c in self.conns.values() if c.state != TERMINATED), key=_conn_key)

    def next_xid(self) -> int:
        """The first xid not yet handed out at `upto`: the next xid event's, or the engine's."""
        for ev in self.events[self.upto + 1:]:
            if ev.kind == "xid":
                return ev.facts.get("xid", 0)
        return max(self.xacts.next_xid, self.max_xid + 1)

    def running(self) -> list[tuple[str, _Txn]]:
        return [(c.name, c.txn) for c in self.conns.values()
                if c.txn is not None and c.txn.running and c.txn.xid]

    def next_snapshot(self, conn: str, xmax: int | None = None) -> SnapshotData:
        """GetSnapshotData for `conn` at `upto`, computed without taking one."""
        xmax = self.next_xid() if xmax is None else xmax
        xip = sorted(x for name, txn in self.running() if name != conn for x in txn.own)
        xmin = xip[0] if xip else xmax
        txn = self.conns[conn].txn if conn in self.conns else None
        if txn is not None and txn.running and txn.xid:
            xmin = min(xmin, txn.xid)
        return SnapshotData(xmin, xmax, tuple(xip), None, txn.isolation if txn else "")

    def horizon(self) -> int:
        """TransactionManager.oldest_xmin at `upto`."""
        horizon = self.next_xid()
        for c in self.conns.values():
            txn = c.txn
            if txn is None or not txn.running:
                continue
            if txn.xid:
                horizon = min(horizon, txn.xid)
            if txn.snapshot is not None:
                horizon = min(horizon, txn.snapshot.xmin)
        return horizon

    def visibility_snapshot(self, conn: str, xmax: int) -> Snapshot:
        """An engine Snapshot over the replayed commit log: `conn`'s view at `upto`.
        Command ids are not logged, so the transaction's own writes count as
        made by earlier statements (curcid 1 against cmin 0)."""
        txn = self.conns[conn].txn
        if txn is not None and not txn.running:
            txn = None                          # a failed block reads nothing; after ROLLBACK it sees this
        data = txn.snapshot if txn is not None and txn.snapshot is not None else self.next_snapshot(conn, xmax)
        own = frozenset(txn.own) if txn is not None else frozenset()
        return Snapshot(data.xmin, data.xmax, frozenset(data.xip), own, 1, self.clog, conn)


def _settle(level: _Level, outcome: str) -> None:
    """Final states when the transaction ends: what was not rolled back shares its fate."""
    if level.state == SP_ROLLED_BACK or (level.state == SP_ABORTED and level.parent is not None):
        return
    if level.parent is None:
        level.state = SP_COMMITTED if outcome == "committed" else SP_ABORTED
    else:
        level.state = SP_COMMITTED_WITH_PARENT if outcome == "committed" else SP_ABORTED
    for ch in level.children:
        _settle(ch, outcome)


def _holders(f: Mapping[str, Any]) -> list[str]:
    h = f.get("holders", f.get("holder"))
    if h is None:
        return []
    if isinstance(h, str):
        return [h]
    return [str(x) for x in h]


def _lock_mode(f: Mapping[str, Any]) -> str:
    if f.get("mode"):
        return str(f["mode"])
    first = str(f.get("lock", "")).split(" ", 1)[0]
    return first if first.endswith("Lock") else ""


def _lock_words(mode: str, lock: str) -> str:
    if not lock:
        return mode
    if not mode or lock.startswith(mode):
        return lock
    return f"{mode} on {lock}"


_ENDING_WORDS = ("COMMIT", "END", "ROLLBACK", "ABORT")


def _first_word(text: Any) -> str:
    """The first keyword of a statement's text, upper case ("" if none)."""
    m = re.match(r"\s*([A-Za-z]+)", _strip_comments(str(text or "")))
    return m.group(1).upper() if m else ""


def _conn_key(c: _Conn) -> tuple:
    return (c.order, c.name)


def _ctid_text(ctid: Iterable[int]) -> str:
    b, o = tuple(ctid)
    return f"({b},{o})"


# --- the replay cache ----------------------------------------------------------------------------
class _Replays:
    """The replays of one engine: the newest (advanced as events come) and
    one of the past (advanced while a slider moves forward)."""

    __slots__ = ("events", "newest", "past")

    def __init__(self, engine: Any) -> None:
        self.events = engine.events.events
        self.newest = Replay(engine)
        self.past: Replay | None = None


_CACHE: "weakref.WeakKeyDictionary[Any, _Replays]" = weakref.WeakKeyDictionary()


def last_seq(engine: Any) -> int:
    return len(engine.events.events) - 1


def replay(engine: Any, at: int | None = None) -> Replay:
    """The replay after event `at` (default: the last).  Two replays are
    cached per engine, the present's and one of the past, and advanced as
    asked: read the result at once, a later call may advance it."""
    end = last_seq(engine)
    at = end if at is None else max(-1, min(at, end))
    slot = _CACHE.get(engine)
    if slot is None or slot.events is not engine.events.events:
        slot = _CACHE[engine] = _Replays(engine)
    if at == end:
        return slot.newest.advance(at)
    if slot.past is None or slot.past.upto > at:
        slot.past = Replay(engine)
    return slot.past.advance(at)


# --- status words ------------------------------------------------------------------------------
def xid_status(clog: CommitLog, xid: int) -> str:
    """'in progress', 'committed', 'aborted' or 'sub-committed'; '' for no xid."""
    if not xid:
        return ""
    return STATUS_NAMES.get(clog.state_of(xid), "unknown")


def values_text(table: Any, values: tuple | None) -> tuple[str | None, ...] | None:
    """A version's values in PostgreSQL's text form, one per live column."""
    if values is None:
        return None
    out = []
    for c in table.columns:
        if c.dropped:
            continue
        v = values[c.attnum - 1] if c.attnum - 1 < len(values) else None
        out.append(None if v is None else c.type.output(v))
    return tuple(out)


# --- connections ----------------------------------------------------------------------------------
def connection_names(engine: Any, at: int | None = None) -> tuple[str, ...]:
    """Open connections in the order they connected (at `at`, default now)."""
    if at is None or at >= last_seq(engine):
        return tuple(s.name for s in sorted(engine.sessions.values(), key=lambda s: s.pid) if not s.closed)
    return tuple(c.name for c in replay(engine, at).open_conns())


def known_connections(engine: Any) -> tuple[str, ...]:
    """Every connection the event log knows, open or not, in the order they
    first appeared (the order diagrams give them colours in)."""
    return tuple(c.name for c in sorted(replay(engine).conns.values(), key=_conn_key))


def table_names(engine: Any, conn: str | None = None) -> tuple[str, ...]:
    """Tables visible to `conn` now, by name."""
    xact = _xact_of(engine, conn)
    return tuple(t.name for t in engine.catalog.all_visible(xact) if getattr(t, "relkind", "") == "r")


def _xact_of(engine: Any, conn: str | None) -> Any:
    s = engine.sessions.get(conn) if conn else None
    return s.xact if s is not None else None


def require_connection(engine: Any, name: str, at: int | None = None) -> str:
    known = set(connection_names(engine)) | set(replay(engine, at).conns)
    if name not in known:
        raise InspectError(f'connection "{name}" does not exist')
    return name


# --- snapshots ---------------------------------------------------------------------------------------
def snapshots(engine: Any, at: int | None = None) -> tuple[ConnectionSnapshot, ...]:
    """Every open connection's snapshot at `at` (default now)."""
    r = replay(engine, at)
    return tuple(_connection_snapshot(r, c) for c in r.open_conns())


def snapshot_of(engine: Any, conn: str, at: int | None = None) -> ConnectionSnapshot:
    r = replay(engine, at)
    require_connection(engine, conn, at)
    c = r.conns.get(conn) or _Conn(conn, None, 0)
    return _connection_snapshot(r, c)


def _connection_snapshot(r: Replay, c: _Conn) -> ConnectionSnapshot:
    txn = c.txn
    nxt = r.next_snapshot(c.name) if c.state != TERMINATED else SnapshotData(0, 0, ())
    if txn is None:
        return ConnectionSnapshot(c.name, c.pid, c.state, "", 0, (), None, "", nxt)
    if not txn.running:                         # failed block: aborted, its snapshot released
        return ConnectionSnapshot(c.name, c.pid, c.state, txn.isolation, txn.xid, (), None, "aborted",
                                  SnapshotData(nxt.xmin, nxt.xmax, nxt.xip, None, ""))
    if txn.snapshot is not None:
        held, kind, nxt = txn.snapshot, "transaction", txn.snapshot
    else:
        held, kind = txn.last_snapshot, "last statement" if txn.last_snapshot else ""
        nxt = SnapshotData(nxt.xmin, nxt.xmax, nxt.xip, None, txn.isolation)
    return ConnectionSnapshot(c.name, c.pid, c.state, txn.isolation, txn.xid,
                              tuple(sorted(txn.own)), held, kind, nxt)


def live_snapshot(engine: Any, conn: str) -> Snapshot:
    """The engine Snapshot a statement of `conn` starting now would judge
    versions with, built without the transaction manager (no event)."""
    session = engine.sessions[conn]
    xact, xacts = session.xact, engine.xacts
    if xact is not None and getattr(xact, "aborted", False):
        xact = None                             # a failed block: aborted at the error, waiting for ROLLBACK
    clog = xacts.clog
    own = frozenset(xact.own) if xact is not None else frozenset()
    curcid = xact.curcid if xact is not None else 0
    held = xact.snapshot if xact is not None else None
    if held is not None:
        return Snapshot(held.xmin, held.xmax, held.xip, own, curcid, clog, conn, held.taken_at)
    xip = sorted(x for other in xacts.running.values() if other is not xact for x in other.own)
    xmax = xacts.next_xid
    xmin = xip[0] if xip else xmax
    if xact is not None and xact.xid:
        xmin = min(xmin, xact.xid)
    return Snapshot(xmin, xmax, frozenset(xip), own, curcid, clog, conn)


# --- versions -----------------------------------------------------------------------------------------
def versions(engine: Any, table: str, *, at: int | None = None, conn: str | None = None,
             viewer: str | None = None, known_values: Mapping[tuple, tuple] | None = None) -> TableVersions:
    """Every version of `table`, in chains, with each connection's view.

    `conn` is the connection whose catalog view names the table (the cell's);
    `viewer` limits the visibility lists to one connection.  `at` earlier
    than the last event reconstructs the past from the log (see the module
    docstring); `known_values` maps (table OID, ctid, xmin) to raw values for
    versions the heap no longer has."""
    desc = _table_descriptor(engine, table, conn)
    if viewer is not None:
        require_connection(engine, viewer, at)
    if at is None or at >= last_seq(engine):
        return _live_versions(engine, desc, viewer)
    return _past_versions(engine, desc, at, viewer, known_values or {})


def _table_descriptor(engine: Any, name: str, conn: str | None) -> Any:
    obj = engine.catalog.get(name, _xact_of(engine, conn))
    if obj is None or getattr(obj, "relkind", "") != "r":
        raise InspectError(f'relation "{name}" does not exist')
    return obj


def _live_versions(engine: Any, desc: Any, viewer: str | None) -> TableVersions:
    clog = engine.xacts.clog
    horizon = engine.xacts.oldest_xmin()
    names = connection_names(engine)
    if viewer is not None:
        names = tuple(n for n in names if n == viewer)
    snaps = [(n, live_snapshot(engine, n)) for n in names]
    recs = list(desc.heap.scan())
    r = replay(engine)
    log = r.table_log(desc)
    judge = _Judge(clog, horizon, snaps, desc, _insert_seqs(log))
    freed = tuple(sorted((b, off) for b, page in enumerate(desc.heap.pages) for off in page.unused))
    return TableVersions(desc.name, _column_names(desc), _chains(recs, judge), horizon, r.upto, True,
                         names, freed, tuple(log.vacuums) if log else (), ())


def _past_versions(engine: Any, desc: Any, at: int, viewer: str | None,
                   known: Mapping[tuple, tuple]) -> TableVersions:
    r = replay(engine, at)
    log = r.table_log(desc) or _TableLog()
    xmax = r.next_xid()
    names = tuple(c.name for c in r.open_conns() if viewer is None or c.name == viewer)
    snaps = [(n, r.visibility_snapshot(n, xmax)) for n in names]
    notes = list(dict.fromkeys(log.notes))
    recs = _with_values(log.versions, desc, known)
    unknown = sum(1 for rec in recs if rec.values is None)
    if unknown:
        notes.append(f"values of {unknown} version(s) are unknown: VACUUM removed them before they were recorded")
    notes.extend(_gap_notes(engine, desc))
    judge = _Judge(r.clog, r.horizon(), snaps, desc, None)
    return TableVersions(desc.name, _column_names(desc), _chains(recs, judge), r.horizon(), r.upto, False,
                         names, (), tuple(log.vacuums), tuple(notes))


def unexplained_versions(engine: Any, table: str, conn: str | None = None) -> int:
    """Stored versions of `table` the event log has no write for (TRUNCATE,
    a write that failed before it was logged, an engine recovered without
    its log): when not 0, the past cannot be reconstructed faithfully."""
    return history_gaps(engine, _table_descriptor(engine, table, conn))[0]


def history_gaps(engine: Any, desc: Any) -> tuple[int, int, int]:
    """(stored versions the log does not explain, logged versions no longer
    stored though no VACUUM removed them, stored versions whose row lock
    (lock-only xmax) is not the one the logged row locks leave)."""
    log = replay(engine).table_log(desc)
    logged = {(r.ctid, r.xmin): r for r in log.versions if not r.removed} if log else {}
    stored = {(tuple(t.ctid), t.xmin): t for t in desc.heap.scan()}
    locked = sum(1 for key, t in stored.items() if key in logged and (t.lock_only or logged[key].lock_only)
                 and (t.xmax, bool(t.lock_only)) != (logged[key].xmax, logged[key].lock_only))
    return len(stored.keys() - logged.keys()), len(logged.keys() - stored.keys()), locked


def history_notes(engine: Any, table: str, conn: str | None = None) -> list[str]:
    """What a reconstruction of `table`'s past cannot know, in words (empty: nothing)."""
    return _gap_notes(engine, _table_descriptor(engine, table, conn))


def _gap_notes(engine: Any, desc: Any) -> list[str]:
    unlogged, gone, locked = history_gaps(engine, desc)
    notes = []
    if unlogged:
        notes.append(f"{unlogged} stored version(s) have no write in the event log (a write that failed "
                     "before it was logged, or recovery): the past shown here is incomplete")
    if gone:
        notes.append(f"{gone} logged version(s) are no longer stored though no VACUUM removed them "
                     "(pruning, TRUNCATE, DROP and CREATE are not logged): the past shown here may keep "
                     "versions that were gone")
    if locked:
        notes.append(f"{locked} version(s) carry a row lock the logged row locks do not explain: the past "
                     "shows their xmax as the log has it")
    return notes


def _with_values(recs: list[_Rec], desc: Any, known: Mapping[tuple, tuple]) -> list[_Rec]:
    """Copies of the replayed versions (the replay stays as it is), linked
    among themselves, with the raw values the heap or a recorder still has."""
    copies = {id(rec): _copy(rec) for rec in recs}
    for rec in recs:
        copy = copies[id(rec)]
        copy.next = copies.get(id(rec.next)) if rec.next is not None else None
        if copy.values is None:
            copy.values = known.get((rec.table, rec.ctid, rec.xmin))
        if copy.values is None and not rec.removed:
            tup = desc.heap.fetch(rec.ctid)
            if tup is not None and tup.xmin == rec.xmin:
                copy.values = tup.values
    return list(copies.values())


def _copy(rec: _Rec) -> _Rec:
    copy = _Rec(rec.table, rec.ctid, rec.xmin, rec.inserted_at, rec.values)
    for name in ("xmax", "lock_only", "hot", "removed", "removed_at"):
        setattr(copy, name, getattr(rec, name))
    copy.lockers = dict(rec.lockers)
    return copy


def _insert_seqs(log: _TableLog | None) -> dict[tuple, int]:
    return {(rec.ctid, rec.xmin): rec.inserted_at for rec in log.versions} if log else {}


def _column_names(desc: Any) -> tuple[str, ...]:
    return tuple(c.name for c in desc.columns if not c.dropped)


_CID_WORDS = re.compile(r" \(c(?:min|max) \d+\)")


class _Judge:
    """Turns stored versions (HeapTuples or replayed records) into Versions."""

    def __init__(self, clog: CommitLog, horizon: int, snaps: list[tuple[str, Snapshot]],
                 desc: Any, seqs: dict[tuple, int] | None) -> None:
        self.clog, self.horizon, self.snaps, self.desc, self.seqs = clog, horizon, snaps, desc, seqs

    def version(self, tup: Any, next_ctid: Ctid | None) -> Version:
        removed_at = getattr(tup, "removed_at", None)
        seen = () if removed_at is not None else tuple(self._seen(tup))
        inserted = getattr(tup, "inserted_at", None)
        if inserted is None and self.seqs is not None:
            inserted = self.seqs.get((tup.ctid, tup.xmin))
        lockers: tuple[tuple[int, str], ...] = ()
        xmax_status = xid_status(self.clog, tup.xmax)
        if tup.lock_only and tup.xmax:
            members = getattr(tup, "locks", None) or getattr(tup, "lockers", None) or {}
            lockers = tuple(sorted(members.items()))
            if members and tup.xmax not in members:
                xmax_status = "multixact"           # a MultiXactId, not an xid: the commit log does not know it
        return Version(tuple(tup.ctid), tup.xmin, xid_status(self.clog, tup.xmin), tup.xmax,
                       xmax_status, bool(tup.lock_only),
                       values_text(self.desc, tup.values), bool(tup.hot), next_ctid,
                       removed_at is None and is_dead(tup, self.clog, self.horizon), removed_at, seen, inserted,
                       lockers)

    def _seen(self, tup: Any) -> Iterable[Seen]:
        for name, snap in self.snaps:
            if snap.sees(tup):
                yield Seen(name, True, "visible")
            elif self.seqs is None:             # the past: command ids are not in the log
                yield Seen(name, False, _CID_WORDS.sub("", snap.why_not(tup)))
            else:
                yield Seen(name, False, snap.why_not(tup))


def _chains(recs: list[Any], judge: _Judge) -> tuple[Chain, ...]:
    """Versions grouped by their t_ctid links, chains in the order of their roots."""
    present = {id(r) for r in recs}
    targets = {id(r.next) for r in recs if r.next is not None and id(r.next) in present}
    chains = []
    for root in recs:
        if id(root) in targets:
            continue
        out, tup, seen = [], root, set()
        while tup is not None and id(tup) in present and id(tup) not in seen:
            seen.add(id(tup))
            nxt = tup.next if tup.next is not None and id(tup.next) in present else None
            out.append(judge.version(tup, tuple(nxt.ctid) if nxt is not None else None))
            tup = nxt
        chains.append(Chain(tuple(out)))
    return tuple(chains)


# --- savepoints --------------------------------------------------------------------------------------
def savepoint_tree(engine: Any, conn: str, at: int | None = None) -> SavepointTree | None:
    """The savepoint tree of `conn`'s open transaction, else of its last
    transaction block; None if it never opened one."""
    require_connection(engine, conn, at)
    r = replay(engine, at)
    c = r.conns.get(conn)
    if c is None:
        return None
    txn = c.txn if c.txn is not None else c.last_block
    if txn is None:
        return None
    current = txn.stack[-1] if txn is c.txn else None
    root = _freeze(txn.root, current)
    if txn is c.txn:
        state = FAILED if txn.failed else IN_PROGRESS_STATE
        root = SavepointNode(root.name, root.level, root.xid, state, root.started_at, root.current,
                             root.writes, root.children)
    return SavepointTree(conn, txn.isolation, txn is c.txn, txn.began_at, txn.ended_at, txn.implicit, root)


def _freeze(level: _Level, current: _Level | None) -> SavepointNode:
    return SavepointNode(level.name, level.level, level.xid, level.state, level.started_at,
                         level is current, tuple(level.writes),
                         tuple(_freeze(ch, current) for ch in level.children))


# --- flows ------------------------------------------------------------------------------------------------
def flows(engine: Any, at: int | None = None) -> dict[str, tuple[FlowStep, ...]]:
    """Each connection's path through the transaction-block states, in order."""
    r = replay(engine, at)
    ordered = sorted(r.conns.values(), key=_conn_key)
    return {c.name: tuple(c.steps) for c in ordered}


def flow_state(engine: Any, conn: str, at: int | None = None) -> str:
    c = replay(engine, at).conns.get(conn)
    return c.state if c is not None else IDLE


# --- locks -----------------------------------------------------------------------------------------------
def lock_graph(engine: Any, at: int | None = None) -> LockGraph:
    r = replay(engine, at)
    waits = tuple(e for name in sorted(r.waits, key=lambda n: _order(r, n)) for e in r.waits[name])
    return LockGraph(r.upto, waits, tuple(r.deadlocks))


def _order(r: Replay, name: str) -> tuple:
    c = r.conns.get(name)
    return (c.order if c is not None else len(r.conns), name)


# --- timeline ---------------------------------------------------------------------------------------------
STATEMENT_WIDTH = 60          # characters of a statement's text an item shows
CTIDS_LISTED = 3              # versions named by ctid per table and kind of write; more are counted
_ALONE = ("connect", "disconnect", "crash", "recovery", "checkpoint")     # items of their own
_MARKS = {"begin": "begin", "commit": "commit", "abort": "rollback", "error": "error",
          "lock_wait": "wait", "lock_grant": "resume", "deadlock": "deadlock", "crash": "crash",
          "recovery": "recovery", "connect": "connect", "disconnect": "disconnect",
          "savepoint": "savepoint", "release": "savepoint", "rollback_to": "savepoint",
          "vacuum": "vacuum"}


def timeline(engine: Any, at: int | None = None) -> Timeline:
    """Every connection's statements in order, one item each.

    A statement is the events of one connection up to its `statement` event,
    which the engine emits when the statement has finished (a waiting one
    when it finally does): its snapshot, xids, writes, row locks, waits and
    the commit or abort it caused are details of that one item, and the
    statement event gives its text and outcome.  A statement still running
    at `at` is named by the statement event that ends it later, or by its
    session if it is running now.  Connects, disconnects, crash, recovery
    and engine-wide events are items of their own."""
    end = last_seq(engine) if at is None else min(at, last_seq(engine))
    builder = _TimelineBuilder(engine, end)
    for ev in engine.events.events[:end + 1]:
        builder.add(ev)
    return Timeline(end, tuple(builder.lanes), builder.finish())


class _TimelineBuilder:
    def __init__(self, engine: Any, end: int) -> None:
        self.engine, self.events, self.end = engine, engine.events.events, end
        self.items: list[TimelineItem] = []
        self.open: dict[str, list] = {}           # conn -> the events of its statement so far
        self.lanes: dict[str, None] = {}
        self.names: dict[int, tuple[int, str]] | None = None

    def add(self, ev: Any) -> None:
        self.lanes.setdefault(ev.conn, None)
        if ev.kind == "statement":
            self._close(ev.conn, self.open.pop(ev.conn, []), ev)
        elif ev.conn and ev.kind not in _ALONE:
            self.open.setdefault(ev.conn, []).append(ev)
        else:
            if ev.kind == "crash":
                for conn in list(self.open):
                    self._close(conn, self.open.pop(conn), None, "lost in the crash")
            elif ev.kind == "disconnect" and ev.conn in self.open:
                self._close(ev.conn, self.open.pop(ev.conn), None, "connection closed")
            self.items.append(TimelineItem(ev.seq, ev.seq, ev.conn, _MARKS.get(ev.kind, "other"), _event_label(ev)))

    def finish(self) -> tuple[TimelineItem, ...]:
        for conn, evs in self.open.items():
            self._close(conn, evs, None, "running", self._pending_text(conn))
        return tuple(sorted(self.items, key=lambda i: i.seq))

    def _close(self, conn: str, evs: list, stmt: Any, ending: str = "", text: str = "") -> None:
        fold = _Fold(self._table_name)
        for ev in evs:
            fold.add(ev)
        first = evs[0].seq if evs else stmt.seq
        last = stmt.seq if stmt is not None else evs[-1].seq
        if stmt is not None:
            text = str(stmt.facts.get("text") or "")
        self.items.append(fold.item(first, last, conn, statement_text(text), stmt, ending))

    def _pending_text(self, conn: str) -> str:
        """The text of `conn`'s statement running at `end`: from the statement
        event that ends it later, else from the session running it now."""
        for ev in self.events[self.end + 1:]:
            if ev.conn == conn and ev.kind == "statement":
                return str(ev.facts.get("text") or "")
            if ev.kind == "crash" or (ev.conn == conn and ev.kind == "disconnect"):
                return ""
        session = self.engine.sessions.get(conn)
        if session is not None and getattr(session, "running", False) and not session.closed:
            return str(getattr(session, "current_text", "") or "")
        return ""

    def _table_name(self, relfilenode: Any) -> str:
        if self.names is None or relfilenode not in self.names:
            self.names = _storage_map(self.engine.catalog)
        return self.names.get(relfilenode, (0, f"relfilenode {relfilenode}"))[1]


class _Fold:
    """One statement's events, folded into the words of its timeline item."""

    def __init__(self, table_name: Any) -> None:
        self.table_name = table_name
        self.parts: dict[Any, list[str]] = {}      # detail -> what it collects, in the order first seen
        self.autocommit = self.wrote = self.read = self.victim = False
        self.xid = 0
        self.error = ""
        self.waiting: tuple[int, list[str], str] | None = None    # a wait not over: (since, holders, lock)
        self.waited = False
        self.waits_for: dict[str, None] = {}
        self.wait_seq: int | None = None
        self.marks: list[str] = []                  # begin / commit / rollback / savepoint / vacuum, as met

    def _part(self, key: Any, value: str | None = None) -> None:
        got = self.parts.setdefault(key, [])
        if value is not None:
            got.append(value)

    def add(self, ev: Any) -> None:
        f, kind = ev.facts, ev.kind
        handler = getattr(self, "_on_" + kind, None)
        if handler is not None:
            handler(ev, f)
        elif kind in ("savepoint", "release", "rollback_to"):
            self.marks.append("savepoint")
            self._part(("unless said", _event_label(ev)))      # the statement's text says it
        else:
            self._part(("words", _event_label(ev)))

    def _on_begin(self, ev: Any, f: dict) -> None:
        if f.get("implicit"):
            self.autocommit = True
        else:
            self.marks.append("begin")
            if f.get("isolation"):
                self._part("isolation", str(f["isolation"]))

    def _on_snapshot(self, ev: Any, f: dict) -> None:
        self.read = True
        if "snapshot" not in self.parts:
            self._part("snapshot", "snapshot " + _snapshot_words(f))

    def _on_xid(self, ev: Any, f: dict) -> None:
        self.wrote = True
        self.xid = self.xid or f.get("xid", 0)
        sp = f.get("savepoint")
        self._part(("words", f"subxid {f.get('xid')} ({sp})" if sp else f"xid {f.get('xid')}"))

    def _write(self, verb: str, table: Any, ctid: str) -> None:
        self.wrote = True
        self._part(("rows", f"{verb} {table}"), ctid)

    def _on_insert(self, ev: Any, f: dict) -> None:
        self._write("INSERT", f.get("table"), _ctid_text(f["ctid"]))

    def _on_update(self, ev: Any, f: dict) -> None:
        self._write("UPDATE", f.get("table"), f"{_ctid_text(f['old_ctid'])}->{_ctid_text(f['ctid'])}")

    def _on_delete(self, ev: Any, f: dict) -> None:
        self._write("DELETE", f.get("table"), _ctid_text(f["ctid"]))

    def _on_row_lock(self, ev: Any, f: dict) -> None:
        mode = str(f.get("mode", "")).upper()
        self._part(("rows", f"FOR {mode} {self.table_name(f.get('relfilenode'))}"), _ctid_text(f["ctid"]))

    def _on_nextval(self, ev: Any, f: dict) -> None:
        self._part(("rows", f"nextval({f.get('sequence')})"), str(f.get("value")))

    def _on_vacuum(self, ev: Any, f: dict) -> None:
        self.marks.append("vacuum")
        self._part(("unless said", f"VACUUM {f.get('table')}"))
        self._part(("words", f"removed {f.get('removed')}, kept {f.get('remaining')}, horizon {f.get('horizon')}"))

    def _on_lock_wait(self, ev: Any, f: dict) -> None:
        self._wait_over(ev.seq)
        holders = _holders(f)
        self.waiting = (ev.seq, holders, _lock_words(_lock_mode(f), str(f.get("lock", ""))))
        self._waits_for(holders, ev.seq)

    def _waits_for(self, holders: list[str], seq: int) -> None:
        for h in holders:
            self.waits_for.setdefault(h, None)
        if self.wait_seq is None and holders:
            self.wait_seq = seq

    def _wait_over(self, seq: int) -> None:
        if self.waiting is not None:
            since, holders, lock = self.waiting
            who = ", ".join(holders) or "a lock"
            self._part(("words", f"waited {since}-{seq} for {who}" + (f": {lock}" if lock else "")))
            self.waiting = None

    def _on_lock_grant(self, ev: Any, f: dict) -> None:
        if self.waiting is not None:
            self.waited = True
        self._wait_over(ev.seq)

    def _on_deadlock(self, ev: Any, f: dict) -> None:
        self._wait_over(ev.seq)
        waiter = f.get("waiter") or ev.conn
        if (f.get("victim") or waiter) == ev.conn:
            self.victim = True
            self._waits_for(_holders(f), ev.seq)
        cycle = list(f.get("cycle") or [])
        lock = _lock_words(_lock_mode(f), str(f.get("lock", "")))
        if not cycle or not self.victim:
            words = _deadlock_words(f, ev)
        else:
            words = "deadlock: " + " -> ".join(cycle + cycle[:1]) + (f" (waiting for {lock})" if lock else "")
        self._part(("words", words.replace("deadlock", f"deadlock at {ev.seq}", 1)))

    def _on_error(self, ev: Any, f: dict) -> None:
        self._wait_over(ev.seq)
        self.error = f"ERROR {f.get('sqlstate', '')}: {f.get('message', '')}"
        self._part(("error",), self.error)          # a detail only if the statement did not fail of it

    def _on_commit(self, ev: Any, f: dict) -> None:
        xid = f.get("xid") or 0
        if not self.autocommit:
            self.marks.append("commit")
        if xid:
            self._part(("words", "autocommit: committed" if self.autocommit else f"xid {xid} committed"))

    def _on_abort(self, ev: Any, f: dict) -> None:
        if not self.autocommit:
            self.marks.append("rollback")
        self._part(("abort", ev.seq), str(f.get("xid") or 0))     # its words depend on the outcome

    def _abort_words(self, xid: int, status: str, sql: str) -> str:
        if self.autocommit:
            return "autocommit: rolled back" if xid else ""
        if status == "error" and _first_word(sql) not in ("COMMIT", "END"):
            # an error in a block: aborted at once, the block stays until ROLLBACK (a failed COMMIT ends it)
            return ("transaction" if not xid or xid == self.xid else f"xid {xid}") + " aborted, block failed"
        return f"xid {xid} rolled back" if xid else ""

    def _on_abort_subxact(self, ev: Any, f: dict) -> None:
        self._part(("words", f"savepoint {f.get('name')} aborted, block failed"))

    def _on_end_failed(self, ev: Any, f: dict) -> None:
        self.marks.append("rollback")
        xid = f.get("xid") or 0
        self._part(("words", "ends the failed block" + (f" of xid {xid}" if xid else "")))

    # --- the item ---------------------------------------------------------------------------
    def details(self, sql: str, status: str) -> tuple[str, ...]:
        out = []
        for key, got in self.parts.items():
            if key == "isolation":
                if got[0] not in sql.lower():            # BEGIN ISOLATION LEVEL ... says it already
                    out.append(got[0])
            elif key[0] == "rows":
                out.append(f"{key[1]} " + (" ".join(got) if len(got) <= CTIDS_LISTED else f"x{len(got)}"))
            elif key[0] == "abort":
                out.append(self._abort_words(int(got[0]), status, sql))
            elif key[0] == "error" and status != "error":
                out.extend(got)
            elif key[0] == "words" or (key[0] == "unless said" and not sql):
                out.append(key[1])
            elif key == "snapshot":
                out.extend(got)
        return tuple(w for w in out if w)

    def item(self, first: int, last: int, conn: str, sql: str, stmt: Any, ending: str) -> TimelineItem:
        f = stmt.facts if stmt is not None else {}
        if self.waiting is not None and stmt is None:
            since, holders, lock = self.waiting
            status = "waiting"
            outcome = f"waiting since {since} for {', '.join(holders) or 'a lock'}" + (f": {lock}" if lock else "")
            if ending != "running":
                outcome += f", {ending}"
        elif stmt is None:
            status, outcome = ("running" if ending == "running" else "interrupted"), (ending if sql else "")
        elif f.get("status") == "error":
            status = "error"
            outcome = self.error or f"ERROR {f.get('sqlstate') or ''}".rstrip()
        else:
            self._wait_over(last)
            status = str(f.get("status") or "ok")
            tag = str(f.get("tag") or "")
            outcome = "" if _says_its_tag(sql, tag) else (tag or status)
        details = self.details(sql, status)
        label = " ".join(w for w in (sql, f"-> {outcome}" if sql and outcome else outcome) if w)
        if details:
            label = f"{label} ({', '.join(details)})" if label else ", ".join(details)
        return TimelineItem(first, last, conn, self._mark(status, str(f.get("tag") or "")), label, sql, status,
                            outcome, details, tuple(self.waits_for), self.wait_seq)

    def _mark(self, status: str, tag: str) -> str:
        if self.victim:
            return "deadlock"
        if status == "error":
            return "error"
        if status == "waiting":
            return "wait"
        if self.waited:
            return "resume"
        if self.marks:
            return self.marks[-1]
        if self.wrote:
            return "write"
        return "read" if self.read or tag.startswith("SELECT") else "statement"


def statement_text(text: str, width: int = STATEMENT_WIDTH) -> str:
    """A statement as one short line: comments and the final semicolon
    gone, white space folded, cut at a word before `width` characters."""
    words = " ".join(_strip_comments(text).split()).rstrip("; ")
    if len(words) <= width:
        return words
    cut = words.rfind(" ", 0, width)
    return words[:cut if cut > width // 2 else width - 1].rstrip(" ,(") + "\u2026"


def _strip_comments(text: str) -> str:
    """`text` without its leading -- and /* */ comments."""
    while True:
        text = text.lstrip()
        if text.startswith("--"):
            nl = text.find("\n")
            text = "" if nl < 0 else text[nl + 1:]
        elif text.startswith("/*"):
            close = text.find("*/")
            text = "" if close < 0 else text[close + 2:]
        else:
            return text


def _says_its_tag(sql: str, tag: str) -> bool:
    """Does the statement's own text already say its command tag (BEGIN, CREATE TABLE)?"""
    up = sql.upper()
    return bool(tag) and (up == tag or up.startswith(tag + " "))


def _storage_map(catalog: Any) -> dict[int, tuple[int, str]]:
    """relfilenode -> (OID, name) of every table the catalog lists, dropped
    and earlier versions too."""
    out: dict[int, tuple[int, str]] = {}
    for entries in list(catalog.relations.values()):
        for e in entries:
            heap = getattr(e.obj, "heap", None)
            if heap is not None and getattr(heap, "relfilenode", None) is not None:
                out[heap.relfilenode] = (e.obj.oid, e.obj.name)
    return out


def _next_event_of(events: list, conn: str, seq: int) -> Any:
    """The next event of `conn` after `seq` (other sessions' events may come between)."""
    for ev in events[seq + 1: seq + 1 + LOOKAHEAD]:
        if ev.conn == conn:
            return ev
    return None


def _snapshot_words(f: Mapping[str, Any]) -> str:
    return f"{f.get('xmin')}:{f.get('xmax')}:" + ",".join(map(str, f.get("xip", ())))


def _event_label(ev: Any) -> str:
    f = ev.facts
    make = _LABELS.get(ev.kind)
    if make is not None:
        return make(f, ev)
    facts = ", ".join(f"{key}={f[key]}" for key in sorted(f))
    return ev.kind + (f" ({facts})" if facts else "")


def _deadlock_words(f: Mapping[str, Any], ev: Any) -> str:
    cycle = list(f.get("cycle") or [])
    waiter = f.get("waiter") or ev.conn
    victim = f.get("victim") or waiter
    if cycle:
        how = ": " + " -> ".join(cycle + cycle[:1])
    else:
        how = f": {waiter} waits for " + ", ".join(_holders(f)) if _holders(f) else ""
    return f"deadlock{how}; victim {victim}"


_LABELS = {
    "connect": lambda f, ev: f"connect (pid {f.get('pid')})",
    "disconnect": lambda f, ev: "disconnect",
    "begin": lambda f, ev: "BEGIN",
    "commit": lambda f, ev: f"COMMIT (xid {f.get('xid')})" if f.get("xid") else "COMMIT",
    "abort": lambda f, ev: "ROLLBACK",
    "error": lambda f, ev: f"ERROR {f.get('sqlstate', '')}: {f.get('message', '')}",
    "savepoint": lambda f, ev: f"SAVEPOINT {f.get('name')}",
    "release": lambda f, ev: f"RELEASE (level {f.get('level')})",
    "rollback_to": lambda f, ev: f"ROLLBACK TO {f.get('name')}",
    "vacuum": lambda f, ev: f"VACUUM {f.get('table')}: removed {f.get('removed')}, kept {f.get('remaining')}"
                            f" (horizon {f.get('horizon')})",
    "lock_wait": lambda f, ev: "waits for " + (", ".join(_holders(f)) or "a lock")
                               + (f": {_lock_words(_lock_mode(f), str(f.get('lock', '')))}" if f.get("lock") else ""),
    "lock_grant": lambda f, ev: "wait ends" + (f": {_lock_words(_lock_mode(f), str(f.get('lock', '')))}"
                                               if f.get("lock") else ""),
    "deadlock": _deadlock_words,
    "crash": lambda f, ev: "crash",
    "recovery": lambda f, ev: "recovery",
    "statement": lambda f, ev: statement_text(str(f.get("text", ""))) + (
        f" -> ERROR {f.get('sqlstate')}" if f.get("status") == "error" else f" -> {f.get('tag') or f.get('status')}"),
    "end_failed": lambda f, ev: "ends the failed block" + (f" of xid {f.get('xid')}" if f.get("xid") else ""),
    "row_lock": lambda f, ev: f"FOR {str(f.get('mode', '')).upper()} {_ctid_text(f['ctid'])} (xid {f.get('xid')})",
    "snapshot": lambda f, ev: "snapshot " + _snapshot_words(f),
    "xid": lambda f, ev: f"xid {f.get('xid')}" + (f" (savepoint {f.get('savepoint')})" if f.get("savepoint") else ""),
    "insert": lambda f, ev: f"INSERT {f.get('table')} {_ctid_text(f['ctid'])}",
    "update": lambda f, ev: f"UPDATE {f.get('table')} {_ctid_text(f['old_ctid'])} -> {_ctid_text(f['ctid'])}",
    "delete": lambda f, ev: f"DELETE {f.get('table')} {_ctid_text(f['ctid'])}",
    "nextval": lambda f, ev: f"nextval({f.get('sequence')}) = {f.get('value')}",
}


def describe_event(engine: Any, seq: int) -> str:
    """One line for event `seq`, for a history slider: the event, and the
    statement it is part of."""
    events = engine.events.events
    if not 0 <= seq < len(events):
        return "before the first event"
    ev = events[seq]
    who = f" {ev.conn}" if ev.conn else ""
    what = _event_label(ev)
    if ev.kind == "begin" and ev.facts.get("implicit"):
        what = "starts an autocommit statement"
    stmt = _statement_of(events, ev) if ev.conn and ev.kind not in _ALONE and ev.kind != "statement" else None
    if stmt is not None:
        what += f" [{statement_text(str(stmt.facts.get('text') or ''))}]"
    return f"seq {seq}:{who} {what}"


def _statement_of(events: list, ev: Any) -> Any:
    """The statement event that ends the statement `ev` is part of, if logged."""
    for later in events[ev.seq + 1:]:
        if later.conn == ev.conn and later.kind in ("statement", "disconnect"):
            return later if later.kind == "statement" else None
        if later.kind == "crash":
            return None
    return None


__all__ = [
    "SnapshotData", "ConnectionSnapshot", "Seen", "Version", "Chain", "VacuumRun", "TableVersions",
    "SavepointNode", "SavepointTree", "FlowStep", "TimelineItem", "Timeline", "WaitEdge", "Deadlock",
    "LockGraph", "InspectError", "Replay", "FLOW_STATES", "replay", "last_seq", "xid_status",
    "values_text", "connection_names", "known_connections", "table_names", "require_connection", "snapshots", "snapshot_of",
    "live_snapshot", "versions", "unexplained_versions", "history_gaps", "history_notes", "savepoint_tree", "flows", "flow_state", "lock_graph", "timeline",
    "describe_event", "statement_text", "STATEMENT_WIDTH",
]
