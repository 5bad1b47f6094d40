"""Casts: pg_cast and parse_coerce.c's find_coercion_pathway.

A cast from one type to another is found the way find_coercion_pathway
finds it:

1. the same type: nothing to convert (binary, only the typmod may apply);
2. an untyped literal (unknown): the target's input function;
3. a pg_cast row: usable when its context letter ('i' implicit, 'a'
   assignment, 'e' explicit) is allowed in the requested context.  The rows
   below are PostgreSQL 15's rows between the types TxLab models, with
   their castfunc names (None = binary coercible, method 'b');
4. otherwise I/O conversion: to a string type (text, varchar, bpchar,
   name) in assignment and explicit context, from a string type in explicit
   context only.

The returned callable is one closure applying the conversion and then the
target's typmod (explicit casts truncate strings, other contexts raise),
so a compiled expression pays for exactly the work the cast does.  A cast
that changes nothing returns the shared `identity`, which compilers may
drop.  `cast_functions()` lists the pg_proc functions named after their
target type (int4(numeric), date(timestamp), text(boolean), ...) that
function-call syntax can reach.
"""
from __future__ import annotations

from typing import Any, Callable

from ..errors import PgError
from . import floats, numeric, system
from .boolean import BOOL, bool_text
from .datetimes import (DATE, TIMESTAMP, TIMESTAMPTZ, date_to_timestamp, date_to_timestamptz,
                        timestamp_to_date, timestamp_to_timestamptz, timestamptz_to_timestamp)
from .floats import FLOAT4, FLOAT8
from .integer import BIGINT, INT2, INT4, INT8, INTEGER, SMALLINT
from .numeric import NUMERIC
from .regtype import REGTYPE, oid_to_regtype, regtype_to_oid
from .sqltype import SqlType
from .system import OID, UNKNOWN, XID, XID8
from .text import BPCHAR, NAME, TEXT, VARCHAR, bpchar_text, name_in

Fn = Callable[[Any], Any]
CONTEXTS = {"implicit": "i", "assignment": "ia", "explicit": "iae"}


def identity(value: Any) -> Any:
    """The conversion of a binary-coercible cast: nothing to do."""
    return value


def _chain(first: Fn, second: Fn) -> Fn:
    if first is identity:
        return second
    if second is identity:
        return first

    def chained(value: Any) -> Any:
        return second(first(value))
    return chained


def _bpchar_name(value: str) -> str:
    return name_in(bpchar_text(value))


def _numeric_float4(d: Any) -> float:
    """numeric_float4: numeric_out's text read by float4in (so its error text)."""
    return floats.float4_in(numeric.numeric_out(d))


def _int4_to_regtype(value: int) -> str:
    return oid_to_regtype(system.int4_to_oid(value))


def _int8_to_regtype(value: int) -> str:
    return oid_to_regtype(system.int8_to_oid(value))


def _regtype_to_int4(name: str) -> int:
    return system.oid_to_int4(regtype_to_oid(name))


# (source, target): (context, castfunc name or None if binary, conversion)
_PG_CAST: dict[tuple[SqlType, SqlType], tuple[str, str | None, Fn]] = {
    (INT8, FLOAT8): ("i", "float8", floats.from_int),
    (INT8, INT4): ("a", "int4", INTEGER.check),
    (INT8, NUMERIC): ("i", "numeric", numeric.from_int),
    (INT8, OID): ("i", "oid", system.int8_to_oid),
    (INT8, FLOAT4): ("i", "float4", floats.int_to_float4),
    (INT8, INT2): ("a", "int2", SMALLINT.check),
    (BOOL, BPCHAR): ("a", "text", bool_text),
    (BOOL, VARCHAR): ("a", "text", bool_text),
    (BOOL, INT4): ("e", "int4", int),
    (BOOL, TEXT): ("a", "text", bool_text),
    (BPCHAR, VARCHAR): ("i", "text", bpchar_text),
    (BPCHAR, NAME): ("i", "name", _bpchar_name),
    (BPCHAR, TEXT): ("i", "text", bpchar_text),
    (VARCHAR, BPCHAR): ("i", None, identity),
    (VARCHAR, NAME): ("i", "name", name_in),
    (VARCHAR, TEXT): ("i", None, identity),
    (DATE, TIMESTAMPTZ): ("i", "timestamptz", date_to_timestamptz),
    (DATE, TIMESTAMP): ("i", "timestamp", date_to_timestamp),
    (FLOAT8, INT8): ("a", "int8", floats.to_int(BIGINT)),
    (FLOAT8, INT4): ("a", "int4", floats.to_int(INTEGER)),
    (FLOAT8, NUMERIC): ("a", "numeric", numeric.from_float(15)),
    (FLOAT8, FLOAT4): ("a", "float4", floats.to_float4),
    (FLOAT8, INT2): ("a", "int2", floats.to_int(SMALLINT)),
    (INT4, INT8): ("i", "int8", identity),
    (INT4, BOOL): ("e", "bool", bool),
    (INT4, FLOAT8): ("i", "float8", floats.from_int),
    (INT4, NUMERIC): ("i", "numeric", numeric.from_int),
    (INT4, OID): ("i", None, system.int4_to_oid),
    (INT4, FLOAT4): ("i", "float4", floats.int_to_float4),
    (INT4, INT2): ("a", "int2", SMALLINT.check),
    (NAME, BPCHAR): ("a", "bpchar", identity),
    (NAME, VARCHAR): ("a", "varchar", identity),
    (NAME, TEXT): ("i", "text", identity),
    (NUMERIC, INT8): ("a", "int8", numeric.to_int(BIGINT)),
    (NUMERIC, FLOAT8): ("i", "float8", numeric.to_float),
    (NUMERIC, INT4): ("a", "int4", numeric.to_int(INTEGER)),
    (NUMERIC, FLOAT4): ("i", "float4", _numeric_float4),
    (NUMERIC, INT2): ("a", "int2", numeric.to_int(SMALLINT)),
    (OID, INT8): ("a", "int8", identity),
    (OID, INT4): ("a", None, system.oid_to_int4),
    (FLOAT4, INT8): ("a", "int8", floats.to_int(BIGINT)),
    (FLOAT4, FLOAT8): ("i", "float8", identity),
    (FLOAT4, INT4): ("a", "int4", floats.to_int(INTEGER)),
    (FLOAT4, NUMERIC): ("a", "numeric", numeric.from_float(6)),
    (FLOAT4, INT2): ("a", "int2", floats.to_int(SMALLINT)),
    (INT2, INT8): ("i", "int8", identity),
    (INT2, FLOAT8): ("i", "float8", floats.from_int),
    (INT2, INT4): ("i", "int4", identity),
    (INT2, NUMERIC): ("i", "numeric", numeric.from_int),
    (INT2, OID): ("i", "int4", system.int4_to_oid),
    (INT2, FLOAT4): ("i", "float4", floats.int_to_float4),
    (TEXT, BPCHAR): ("i", None, identity),
    (TEXT, VARCHAR): ("i", None, identity),
    (TEXT, NAME): ("i", "name", name_in),
    (TIMESTAMPTZ, DATE): ("a", "date", timestamp_to_date),
    (TIMESTAMPTZ, TIMESTAMP): ("a", "timestamp", timestamptz_to_timestamp),
    (TIMESTAMP, DATE): ("a", "date", timestamp_to_date),
    (TIMESTAMP, TIMESTAMPTZ): ("i", "timestamptz", timestamp_to_timestamptz),
    (XID8, XID): ("e", "xid", system.xid8_to_xid),
    (OID, REGTYPE): ("i", None, oid_to_regtype),
    (REGTYPE, OID): ("i", None, regtype_to_oid),
    (INT4, REGTYPE): ("i", None, _int4_to_regtype),
    (REGTYPE, INT4): ("a", None, _regtype_to_int4),
    (INT2, REGTYPE): ("i", "int4", _int4_to_regtype),
    (INT8, REGTYPE): ("i", "oid", _int8_to_regtype),
    (REGTYPE, INT8): ("a", "int8", regtype_to_oid),
}


def _base_cast(src: SqlType, dst: SqlType, allowed: str) -> Fn | None:
    """The conversion between the unmodified types, or None if not allowed."""
    if src.oid == dst.oid:
        return identity
    if src.oid == UNKNOWN.oid:
        return dst.kind.input
    row = _PG_CAST.get((src.base, dst.base))
    if row is not None:
        return row[2] if row[0] in allowed else None
    if src.category == "P" or dst.category == "P":
        return None
    if dst.category == "S" and "a" in allowed:
        return _chain(src.output, dst.kind.input)
    if src.category == "S" and "e" in allowed:
        return _chain(src.output, dst.kind.input)
    return None


def cast(src: SqlType, dst: SqlType, context: str) -> Fn | None:
    """The conversion from src to dst in a coercion context, typmod included.

    context is 'implicit', 'assignment' or 'explicit'; None means PostgreSQL
    has no such cast in that context (the caller words the error: see
    `cast_error` for explicit casts).
    """
    fn = _base_cast(src, dst, CONTEXTS[context])
    if fn is None:
        return None
    if src == dst:
        return identity
    coercion = dst.coercion(context == "explicit")
    return fn if coercion is None else _chain(fn, coercion)


def coercion_pathway(src: SqlType, dst: SqlType) -> str | None:
    """find_coercion_pathway in explicit context: 'relabel', 'func', 'io' or None."""
    if src.oid == dst.oid:
        return "relabel"
    row = _PG_CAST.get((src.base, dst.base))
    if row is not None:
        return "relabel" if row[1] is None else "func"
    return "io" if _base_cast(src, dst, CONTEXTS["explicit"]) is not None else None


def can_coerce_implicitly(src: SqlType, dst: SqlType) -> bool:
    return _base_cast(src, dst, "i") is not None


def cast_error(src: SqlType, dst: SqlType) -> PgError:
    return PgError("42846", f"cannot cast type {src.regtype} to {dst.regtype}")


def cast_functions() -> list[tuple[str, SqlType, SqlType, Fn]]:
    """(name, argument, result, fn) of the cast functions named after their target."""
    return [(name, src, dst, fn) for (src, dst), (_, name, fn) in _PG_CAST.items()
            if name == dst.kind.typname]

