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
        typename = args[0].type.name if args[0].type != T.UNKNOWN else "unknown"
        return Compiled(lambda row: typename, T.REGTYPE if hasattr(T, "REGTYPE") else T.TEXT, True)
    if name == "version":
        _arity(name, args, 0, argtypes, loc, comp)
        return Compiled(lambda row: "PostgreSQL 15.18 (TxLab engine, pure Python)", T.TEXT, True)
    if name in ("current_database", "current_catalog"):
        return Compiled(lambda row: run[0].engine.database_name, T.NAME, True)
    if name == "pg_sleep":
        raise comp.ctx.error_at(PgError("0A000", "feature not supported: pg_sleep (arrives with timeouts)"), loc)
    return None


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
