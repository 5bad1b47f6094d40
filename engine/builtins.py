"""Functions whose result depends on engine state, not only on arguments.

The types package resolves pure built-ins (abs, lower, round, ...).  The
functions here read or change the state of a transaction or the engine:
the transaction's start time (now() is constant within a transaction, as
in PostgreSQL, and comes from the engine's injectable clock so notebooks
stay deterministic), xid assignment (txid_current() assigns an xid if the
transaction has none yet, exactly as it does in PostgreSQL), sequences
(never rolled back), the session's pid and settings.
"""
from __future__ import annotations

from typing import Any, Callable

from . import types as T
from .errors import PgError
from .expr import Compiled, ExprCompiler
from .result import Notice


def _run(comp: ExprCompiler) -> list:
    return comp.ctx.run


def _volatile(comp: ExprCompiler, fn: Callable[[tuple], Any], typ: Any) -> Compiled:
    comp.ctx.volatile = True
    return Compiled(fn, typ)


def _stable(fn: Callable[[tuple], Any], typ: Any) -> Compiled:
    return Compiled(fn, typ)


def _arity(name: str, args: list, n: int, types_: str, loc: Any, comp: ExprCompiler) -> None:
    if len(args) != n:
        raise comp.ctx.error_at(PgError(
            "42883", f"function {name}({types_}) does not exist",
            hint="No function matches the given name and argument types. You might need to add explicit type casts."),
            loc)


def engine_function(comp: ExprCompiler, name: str, args: list[Compiled], loc: Any) -> Compiled | None:
    run = _run(comp)
    argtypes = ", ".join(a.type.name for a in args)
    if name in ("now", "transaction_timestamp", "statement_timestamp", "clock_timestamp"):
        _arity(name, args, 0, argtypes, loc, comp)
        if name == "clock_timestamp":
            return _volatile(comp, lambda row: run[0].engine.clock(), T.TIMESTAMPTZ)
        attr = "stmt_time" if name == "statement_timestamp" else "xact_time"
        return _stable(lambda row: getattr(run[0], attr), T.TIMESTAMPTZ)
    if name in ("txid_current", "pg_current_xact_id"):
        _arity(name, args, 0, argtypes, loc, comp)
        typ = T.INT8 if name == "txid_current" else T.XID8
        return _volatile(comp, lambda row: run[0].top_xid(), typ)
    if name in ("txid_current_if_assigned", "pg_current_xact_id_if_assigned"):
        _arity(name, args, 0, argtypes, loc, comp)
        typ = T.INT8 if name.startswith("txid") else T.XID8
        return _volatile(comp, lambda row: run[0].xact.xid or None, typ)
    if name == "pg_backend_pid":
        _arity(name, args, 0, argtypes, loc, comp)
        return _stable(lambda row: run[0].session.pid, T.INT4)
    if name in ("nextval", "currval", "setval", "lastval"):
        return _sequence_function(comp, name, args, loc)
    if name == "current_setting":
        if not args:
            return None
        f = comp.coerce(args[0], T.TEXT, "implicit", loc).fn
        return _stable(lambda row: run[0].session.show(f(row)), T.TEXT)
    if name == "pg_typeof":
        _arity(name, args, 1, argtypes, loc, comp)
        typename = args[0].type.regtype          # format_type_be: no typmod, as pg_typeof shows it
        return Compiled(lambda row: typename, T.REGTYPE, True)
    if name == "version":
        _arity(name, args, 0, argtypes, loc, comp)
        return Compiled(lambda row: "PostgreSQL 15.18 (TxLab engine, pure Python)", T.TEXT, True)
    if name in ("current_database", "current_catalog"):
        return Compiled(lambda row: run[0].engine.database_name, T.NAME, True)
    if name in ("pg_current_wal_lsn", "pg_current_wal_insert_lsn", "pg_current_wal_flush_lsn"):
        _arity(name, args, 0, argtypes, loc, comp)
        from .sysviews import PG_LSN
        attr = "flush_lsn" if name == "pg_current_wal_flush_lsn" else "insert_lsn"
        return _volatile(comp, lambda row: getattr(run[0].engine.wal, attr), PG_LSN)
    if name == "pg_sleep":
        _arity(name, args, 1, argtypes, loc, comp)
        f = comp.coerce(args[0], T.FLOAT8, "implicit", loc).fn
        comp.ctx.volatile = True
        return Compiled(lambda row: sleep(run[0], f(row)), T.VOID)
    if name in ("pg_blocking_pids", "pg_cancel_backend", "pg_terminate_backend"):
        return _backend_function(comp, name, args, argtypes, loc)
    return None


def sleep(run: Any, seconds: float | None) -> None:
    """pg_sleep: a wait that ends by itself when the engine clock passes."""
    from datetime import timedelta
    from .waits import Wait, suspend
    if not seconds or seconds <= 0:
        return None
    engine = run.engine
    end = engine.clock() + timedelta(seconds=seconds)
    suspend(run.session, Wait(lambda: engine.clock() >= end, lambda: [], "a timeout (pg_sleep)",
                              "Timeout", "PgSleep", wake_at=end))
    return None


def _backend_function(comp: ExprCompiler, name: str, args: list[Compiled], argtypes: str, loc: Any) -> Compiled:
    from .sysviews import INT4_ARRAY
    run = _run(comp)
    if not args or len(args) > (2 if name == "pg_terminate_backend" else 1):
        _arity(name, args, -1, argtypes, loc, comp)
    f = comp.coerce(args[0], T.INT4, "implicit", loc).fn
    comp.ctx.volatile = True
    if name == "pg_blocking_pids":
        def blocking(row: tuple) -> Any:
            target = run[0].engine.session_by_pid(f(row))
            return [] if target is None else [s.pid for s in run[0].engine.blocking_sessions(target)]
        return Compiled(blocking, INT4_ARRAY)
    cancel = name == "pg_cancel_backend"
    return Compiled(lambda row: signal_backend(run[0], f(row), cancel), T.BOOL)


def signal_backend(run: Any, pid: int | None, cancel: bool) -> bool | None:
    """pg_cancel_backend / pg_terminate_backend."""
    if pid is None:
        return None
    target = run.engine.session_by_pid(pid)
    if target is None or target.closed:
        run.notices.append(Notice("WARNING", f"PID {pid} is not a PostgreSQL backend process", "01000"))
        return False
    if cancel:
        target.cancel()
    elif target is run.session:
        raise PgError("57P01", "terminating connection due to administrator command", severity="FATAL")
    else:
        target.terminate(PgError("57P01", "terminating connection due to administrator command",
                                 severity="FATAL"))
    return True


def _sequence_function(comp: ExprCompiler, name: str, args: list[Compiled], loc: Any) -> Compiled:
    run = _run(comp)
    sig = {"nextval": 1, "currval": 1, "lastval": 0, "setval": 2}[name]
    if len(args) != sig and not (name == "setval" and len(args) == 3):
        argtypes = ", ".join(a.type.name for a in args)
        _arity(name, args, -1, argtypes, loc, comp)
    fns = [comp.coerce(a, T.TEXT if i == 0 and name != "lastval" else T.INT8 if i == 1 else T.BOOL,
                       "implicit", loc).fn for i, a in enumerate(args)]
    comp.ctx.volatile = True

    def call(row: tuple) -> Any:
        vals = [f(row) for f in fns]
        if any(v is None for v in vals):
            return None
        return run[0].sequence_call(name, vals)
    return Compiled(call, T.INT8)


_SVF = {
    "SVFOP_CURRENT_TIMESTAMP": ("xact_time", "TIMESTAMPTZ"),
    "SVFOP_CURRENT_TIMESTAMP_N": ("xact_time", "TIMESTAMPTZ"),
    "SVFOP_LOCALTIMESTAMP": ("xact_local", "TIMESTAMP"),
    "SVFOP_LOCALTIMESTAMP_N": ("xact_local", "TIMESTAMP"),
    "SVFOP_CURRENT_DATE": ("xact_date", "DATE"),
}
_USERS = ("SVFOP_CURRENT_USER", "SVFOP_SESSION_USER", "SVFOP_USER", "SVFOP_CURRENT_ROLE")


def sql_value_function(comp: ExprCompiler, op: str, loc: Any) -> Compiled:
    run = _run(comp)
    if op in _SVF:
        attr, typ = _SVF[op]
        return _stable(lambda row: getattr(run[0], attr), getattr(T, typ))
    if op in _USERS:
        return Compiled(lambda row: run[0].session.user, T.NAME, True)
    if op == "SVFOP_CURRENT_CATALOG":
        return Compiled(lambda row: run[0].engine.database_name, T.NAME, True)
    if op == "SVFOP_CURRENT_SCHEMA":
        return Compiled(lambda row: "public", T.NAME, True)
    raise comp.ctx.error_at(PgError("0A000", f"feature not supported: {op[6:].lower()}"), loc)


def regclass_cast(comp: ExprCompiler, arg: Compiled, loc: Any) -> Compiled:
    """`x::regclass`: an OID shown as its relation's name, or a name checked
    against the catalog (regclass needs the catalog, so it lives here)."""
    from .sysviews import REGCLASS, RegClass, regclass
    run = _run(comp)
    f = arg.fn
    if arg.type in (T.OID, T.INT4, T.INT8, REGCLASS):
        return Compiled(lambda row: None if (v := f(row)) is None
                        else regclass(run[0].engine, run[0].xact, v), REGCLASS)

    def by_name(row: tuple) -> Any:
        v = f(row)
        if v is None:
            return None
        name = str(v).strip('"')
        obj = run[0].session.catalog_get(name)
        if obj is None:
            raise comp.ctx.error_at(PgError("42P01", f'relation "{v}" does not exist'), loc)
        return RegClass(obj.oid, name)
    return Compiled(by_name, REGCLASS)
