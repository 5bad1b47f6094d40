"""Utility statements: transaction control and settings.

BEGIN / START TRANSACTION / COMMIT / END / ROLLBACK / ABORT / SAVEPOINT /
RELEASE / ROLLBACK TO, SET [LOCAL] / RESET / SHOW, SET TRANSACTION and SET
SESSION CHARACTERISTICS, with PostgreSQL's warnings for misuse outside or
inside a block (a WARNING, not an error: psql goes on) and errors where
PostgreSQL raises them.  COMMIT of a failed block reports ROLLBACK, because
that is what happens.
"""
from __future__ import annotations

from typing import Any

from . import settings as S
from .errors import PgError, feature_not_supported
from .parse import node_type
from .result import Notice, Result


def _option_value(arg: dict) -> Any:
    c = arg["A_Const"]
    if "sval" in c:
        return c["sval"]["sval"]
    if "ival" in c:
        return c["ival"].get("ival", 0)
    return None


def transaction_options(opts: list[dict]) -> dict[str, Any]:
    out = {}
    for o in opts:
        d = o["DefElem"]
        out[d["defname"]] = _option_value(d["arg"])
    return out


def transaction_stmt(session: Any, n: dict) -> Result:
    kind = n["kind"][len("TRANS_STMT_"):]
    handler = {
        "BEGIN": _begin, "START": _begin, "COMMIT": _commit, "ROLLBACK": _rollback,
        "SAVEPOINT": _savepoint, "RELEASE": _release, "ROLLBACK_TO": _rollback_to,
    }.get(kind)
    if handler is None:
        raise feature_not_supported(f"{kind.replace('_', ' ')} (two-phase commit)")
    return handler(session, n, kind)


def _warning(message: str, sqlstate: str) -> Notice:
    return Notice("WARNING", message, sqlstate)


def _begin(session: Any, n: dict, kind: str) -> Result:
    tag = "BEGIN" if kind == "BEGIN" else "START TRANSACTION"
    opts = transaction_options(n.get("options", []))
    if session.xact is not None:
        return Result("ok", tag, notices=[_warning("there is already a transaction in progress", "25001")])
    xact = session.begin_block(announce=False)
    apply_transaction_options(session, xact, opts)
    session.announce_begin(xact)
    return Result("ok", tag)


def apply_transaction_options(session: Any, xact: Any, opts: dict[str, Any]) -> None:
    if "transaction_isolation" in opts:
        xact.isolation = opts["transaction_isolation"]   # READ UNCOMMITTED behaves as READ COMMITTED
    if "transaction_read_only" in opts:
        xact.read_only = bool(opts["transaction_read_only"])
    if "transaction_deferrable" in opts:
        xact.deferrable = bool(opts["transaction_deferrable"])


def _commit(session: Any, n: dict, kind: str) -> Result:
    xact = session.xact
    if xact is None:
        if n.get("chain"):
            raise PgError("25P01", "COMMIT AND CHAIN can only be used in transaction blocks")
        return Result("ok", "COMMIT", notices=[_warning("there is no transaction in progress", "25P01")])
    if xact.failed:
        session.end_block(commit=False)
        tag = "ROLLBACK"
    else:
        session.end_block(commit=True)
        tag = "COMMIT"
    if n.get("chain"):
        new = session.begin_block()
        new.isolation, new.read_only, new.deferrable = xact.isolation, xact.read_only, xact.deferrable
    return Result("ok", tag)


def _rollback(session: Any, n: dict, kind: str) -> Result:
    xact = session.xact
    if xact is None:
        if n.get("chain"):
            raise PgError("25P01", "ROLLBACK AND CHAIN can only be used in transaction blocks")
        return Result("ok", "ROLLBACK", notices=[_warning("there is no transaction in progress", "25P01")])
    session.end_block(commit=False)
    if n.get("chain"):
        new = session.begin_block()
        new.isolation, new.read_only, new.deferrable = xact.isolation, xact.read_only, xact.deferrable
    return Result("ok", "ROLLBACK")


def _savepoint(session: Any, n: dict, kind: str) -> Result:
    xact = session.xact
    if xact is None:
        raise PgError("25P01", "SAVEPOINT can only be used in transaction blocks")
    session.engine.xacts.savepoint(xact, n["savepoint_name"], session.engine.events.seq)
    return Result("ok", "SAVEPOINT")


def _release(session: Any, n: dict, kind: str) -> Result:
    xact = session.xact
    if xact is None:
        raise PgError("25P01", "RELEASE SAVEPOINT can only be used in transaction blocks")
    if xact.failed:
        raise PgError("25P02", "current transaction is aborted, commands ignored until end of transaction block")
    idx = xact.find_savepoint(n["savepoint_name"])
    if idx is None:
        raise PgError("3B001", f'savepoint "{n["savepoint_name"]}" does not exist')
    session.engine.xacts.release(xact, idx)
    return Result("ok", "RELEASE")


def _rollback_to(session: Any, n: dict, kind: str) -> Result:
    xact = session.xact
    if xact is None:
        raise PgError("25P01", "ROLLBACK TO SAVEPOINT can only be used in transaction blocks")
    idx = xact.find_savepoint(n["savepoint_name"])
    if idx is None:
        raise PgError("3B001", f'savepoint "{n["savepoint_name"]}" does not exist')
    session.engine.xacts.rollback_to(xact, idx, session.engine.events.seq)
    session.engine.locks.release_after(xact, idx)       # locks taken since the savepoint
    session.rollback_settings_to(idx)
    return Result("ok", "ROLLBACK")


# --- settings ------------------------------------------------------------------------------

def _set_value_text(args: list[dict]) -> str:
    parts = []
    for a in args:
        kind = node_type(a)
        if kind == "A_Const":
            c = a["A_Const"]
            if "sval" in c:
                parts.append(c["sval"]["sval"])
            elif "ival" in c:
                parts.append(str(c["ival"].get("ival", 0)))
            elif "fval" in c:
                parts.append(c["fval"]["fval"])
        else:
            raise feature_not_supported("SET with a non-constant value")
    return ", ".join(parts)


def set_stmt(session: Any, n: dict) -> Result:
    kind = n["kind"]
    name = n.get("name", "")
    is_local = bool(n.get("is_local"))
    if kind == "VAR_SET_MULTI":
        return _set_multi(session, name, n.get("args", []))
    notices = []
    if is_local and session.xact is None or session.xact is not None and session.xact.implicit and is_local:
        notices.append(_warning("SET LOCAL can only be used in transaction blocks", "25P01"))
    lname = name.lower()
    if lname in S.TRANSACTION_SETTINGS:
        return _set_transaction_setting(session, lname, n, notices)
    if kind in ("VAR_RESET", "VAR_SET_DEFAULT"):
        session.reset_setting(lname, is_local)
        return Result("ok", "RESET" if kind == "VAR_RESET" else "SET", notices=notices)
    if kind == "VAR_RESET_ALL":
        session.reset_all()
        return Result("ok", "RESET")
    if kind == "VAR_SET_CURRENT":
        raise feature_not_supported("SET ... FROM CURRENT")
    text = _set_value_text(n.get("args", []))
    session.set_setting(lname, text, is_local)
    return Result("ok", "SET", notices=notices)


def _set_transaction_setting(session: Any, name: str, n: dict, notices: list) -> Result:
    value = _set_value_text(n.get("args", [])) if n["kind"] == "VAR_SET_VALUE" else None
    opts = {name: value if name == "transaction_isolation" else S._parse_bool(name, value or "off")}
    _check_set_transaction(session, opts)
    if session.xact is not None:
        apply_transaction_options(session, session.xact, opts)
    return Result("ok", "SET", notices=notices)


def _check_set_transaction(session: Any, opts: dict) -> None:
    xact = session.xact
    if xact is None or "transaction_isolation" not in opts:
        return
    if xact.first_snapshot_taken and opts["transaction_isolation"] != xact.isolation:
        raise PgError("25001", "SET TRANSACTION ISOLATION LEVEL must be called before any query")
    if len(xact.stack) > 1:
        raise PgError("25001", "SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction")


def _set_multi(session: Any, name: str, args: list[dict]) -> Result:
    opts = transaction_options(args)
    if name == "TRANSACTION":
        notices = []
        if session.xact is None or session.xact.implicit:
            notices.append(_warning("SET TRANSACTION can only be used in transaction blocks", "25P01"))
        else:
            _check_set_transaction(session, opts)
            apply_transaction_options(session, session.xact, opts)
        return Result("ok", "SET", notices=notices)
    if name == "SESSION CHARACTERISTICS":
        mapping = {"transaction_isolation": "default_transaction_isolation",
                   "transaction_read_only": "default_transaction_read_only",
                   "transaction_deferrable": "default_transaction_deferrable"}
        for k, v in opts.items():
            session.set_setting(mapping[k], str(v) if not isinstance(v, int) else ("on" if v else "off"), False)
        return Result("ok", "SET")
    raise feature_not_supported(f"SET {name}")


def show_stmt(session: Any, n: dict) -> Result:
    from . import types as T
    name = n["name"].lower()
    if name == "all":
        raise feature_not_supported("SHOW ALL")
    value = session.show(name)
    return Result("ok", "SHOW", columns=[name], rows=[(value,)], column_types=[T.TEXT.oid],
                  outputs=(str,), returns_rows=True)
