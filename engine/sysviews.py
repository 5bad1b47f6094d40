"""System views over live engine state: pg_stat_activity and pg_locks.

Both are computed when a query reads them, from the sessions, their
transactions, waits and the lock manager, with PostgreSQL 15's columns and
types.  Only client backends appear (PostgreSQL also lists its background
processes, which TxLab does not have).  pg_locks shows what TxLab models:
each transaction's virtualxid and transactionid locks, its table locks,
and the lock a waiting statement asks for (granted = false); the tuple
locks PostgreSQL takes while queueing for a row are not shown.
"""
from __future__ import annotations

from typing import Any, Callable

from . import types as T
from .activity import state_of

class RegClass(int):
    """A regclass value: the relation's OID (it compares as one), shown by name."""

    def __new__(cls, oid: int, name: str) -> "RegClass":
        obj = super().__new__(cls, oid)
        obj.name = name
        return obj

    def __str__(self) -> str:
        return self.name


REGCLASS = T.sqltype.register(T.sqltype.TypeKind(2205, "regclass", "regclass", "N", False, str, str))
INT4_ARRAY = T.sqltype.register(T.sqltype.TypeKind(
    1007, "_int4", "integer[]", "A", False, output=lambda v: "{" + ",".join(map(str, v)) + "}"))

PG_LSN = T.sqltype.register(T.sqltype.TypeKind(
    3220, "pg_lsn", "pg_lsn", "U", False, output=lambda v: f"{v >> 32:X}/{v & 0xFFFFFFFF:X}"))

_ACTIVITY = [
    ("datid", T.OID), ("datname", T.NAME), ("pid", T.INT4), ("leader_pid", T.INT4),
    ("usesysid", T.OID), ("usename", T.NAME), ("application_name", T.TEXT), ("client_addr", T.TEXT),
    ("client_hostname", T.TEXT), ("client_port", T.INT4), ("backend_start", T.TIMESTAMPTZ),
    ("xact_start", T.TIMESTAMPTZ), ("query_start", T.TIMESTAMPTZ), ("state_change", T.TIMESTAMPTZ),
    ("wait_event_type", T.TEXT), ("wait_event", T.TEXT), ("state", T.TEXT), ("backend_xid", T.XID),
    ("backend_xmin", T.XID), ("query_id", T.INT8), ("query", T.TEXT), ("backend_type", T.TEXT),
]
_LOCKS = [
    ("locktype", T.TEXT), ("database", T.OID), ("relation", T.OID), ("page", T.INT4), ("tuple", T.INT2),
    ("virtualxid", T.TEXT), ("transactionid", T.XID), ("classid", T.OID), ("objid", T.OID),
    ("objsubid", T.INT2), ("virtualtransaction", T.TEXT), ("pid", T.INT4), ("mode", T.TEXT),
    ("granted", T.BOOL), ("fastpath", T.BOOL), ("waitstart", T.TIMESTAMPTZ),
]


def _activity_row(engine: Any, s: Any) -> tuple:
    xact = s.xact
    wait = s.wait
    snap = None
    if xact is not None:
        snap = xact.snapshot or (s.run_snapshot if s.running else None)
    state = state_of(s)
    event = (wait.event_type, wait.event) if wait else (None, None) if state == "active" else ("Client", "ClientRead")
    return (engine.database_oid, engine.database_name, s.pid, None, 10, s.user, s.name, None, None, None,
            s.backend_start, xact.start_time if xact is not None else None, s.statement_started,
            s.state_change, event[0], event[1], state, (xact.xid or None) if xact is not None else None,
            snap.xmin if snap is not None else None, None, s.current_text, "client backend")


def _lock_rows(engine: Any) -> list[tuple]:
    rows = []
    locks = engine.locks
    for s in sorted(engine.sessions.values(), key=lambda s: s.pid):
        xact = s.xact
        if xact is None:
            continue
        vxid = f"{s.backend_id}/{xact.vxid}"
        for rel, mode in locks.locks_of(xact):
            obj = engine.catalog.get(rel, xact)
            rows.append(("relation", engine.database_oid, getattr(obj, "oid", None), None, None, None, None,
                         None, None, None, vxid, s.pid, mode, True, locks.is_fast(rel, xact, mode), None))
        rows.append(("virtualxid", None, None, None, None, vxid, None, None, None, None, vxid, s.pid,
                     "ExclusiveLock", True, True, None))
        for xid in sorted(xact.own):
            rows.append(("transactionid", None, None, None, None, None, xid, None, None, None, vxid, s.pid,
                         "ExclusiveLock", True, False, None))
        if s.wait is not None:
            rows.append(_waiting_row(engine, s, vxid))
        for (rel, (blk, off)), mode in engine.tuple_locks.locks_of(xact):
            obj = engine.catalog.get(rel, xact)
            rows.append(("tuple", engine.database_oid, getattr(obj, "oid", None), blk, off, None, None,
                         None, None, None, vxid, s.pid, mode, True, False, None))
    return rows + _siread_rows(engine)


def _siread_rows(engine: Any) -> list[tuple]:
    """The SIREAD (predicate) locks of serializable transactions, after the
    others, as pg_lock_status lists them; a committed transaction's stay until
    no transaction that overlapped it is left."""
    rows = []
    for sx in engine.predicate.sxacts.values():
        vxid, pid = sx.owner
        for target in sx.targets:
            locktype, name, page, tup = _siread_target(target)
            obj = engine.catalog.get(name, sx.xact)
            rows.append((locktype, engine.database_oid, getattr(obj, "oid", None), page, tup, None, None, None,
                         None, None, vxid, pid, "SIReadLock", True, False, None))
    return rows


def _siread_target(target: tuple) -> tuple[str, str, int | None, int | None]:
    """(locktype, relation, page, tuple) of a predicate lock target.  The
    engine's one lock on an index stands for its leaf page, block 1 of a
    B-tree small enough to have a single leaf."""
    kind, name = target[0], target[1]
    if kind == "tuple":
        return "tuple", name, target[2][0], target[2][1]
    if kind == "page":
        return "page", name, target[2], None
    if kind == "index":
        return "page", name, 1, None
    return "relation", name, None, None


def _waiting_row(engine: Any, s: Any, vxid: str) -> tuple:
    w = s.wait
    mode = w.lock.split(" on ")[0]
    if w.event == "transactionid":
        xid = int(w.lock.rsplit(" ", 1)[1])
        return ("transactionid", None, None, None, None, None, xid, None, None, None, vxid, s.pid,
                mode, False, False, w.started)
    if w.event == "tuple":
        oid = int(w.lock.split("relation ")[1].split(" ")[0])
        blk, off = w.lock.split("tuple (")[1].split(")")[0].split(",")
        return ("tuple", engine.database_oid, oid, int(blk), int(off), None, None, None, None, None, vxid,
                s.pid, mode, False, False, w.started)
    if w.event == "relation":
        oid = int(w.lock.split("relation ")[1].split(" ")[0])
        return ("relation", engine.database_oid, oid, None, None, None, None, None, None, None, vxid,
                s.pid, mode, False, False, w.started)
    return (w.event, None, None, None, None, None, None, None, None, None, vxid, s.pid, mode, False,
            False, w.started)


VIEWS: dict[str, tuple[list, Callable[[Any], list[tuple]]]] = {
    "pg_stat_activity": (_ACTIVITY, lambda e: [_activity_row(e, s) for s in
                                                sorted(e.sessions.values(), key=lambda s: s.pid)]),
    "pg_locks": (_LOCKS, _lock_rows),
}


def system_view(ctx: Any, name: str) -> Any:
    """The plan of system view `name`, or None."""
    from .planner import Plan
    spec = VIEWS.get(name)
    if spec is None:
        return None
    columns, rows = spec
    run = ctx.run
    return Plan([c for c, _ in columns], [t for _, t in columns], lambda: rows(run[0].engine))


def regclass(engine: Any, xact: Any, oid: int) -> RegClass:
    """`oid::regclass`: shown as the relation's name (the number if unknown)."""
    for obj in engine.catalog.all_visible(xact):
        if getattr(obj, "oid", None) == oid:
            return RegClass(oid, obj.name)
    return RegClass(oid, str(oid))
