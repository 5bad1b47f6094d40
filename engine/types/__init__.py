"""TxLab's type system: PostgreSQL 15's types, casts, operators, functions and aggregates.

The expression compiler calls this package at plan time to resolve what an
expression means (its types, which operator or function a name denotes,
which casts the arguments need) and gets back plain Python callables that
it calls at run time: no type dispatch is left for run time.

Values are plain Python objects and NULL is None:

    smallint/integer/bigint/oid/xid/cid   int (xid8 too)
    numeric                               decimal.Decimal (exponent = -display scale)
    real/double precision                 float (real rounded to single precision)
    text/varchar/char/name/unknown        str (char(n) blank-padded)
    boolean                               bool
    date / timestamp / timestamptz        datetime.date / naive datetime / UTC datetime
    interval                              Interval (months, days, microseconds)
    tid                                   (block, offset) tuple
    regtype                               str, the type's format_type_be name
    record                                tuple of field values

Modules, one concept each: sqltype (what a type is), boolean, integer,
numeric, floats, text, strings, datetimes, interval, timefuncs,
formatting, system, regtype, record (the types and their functions); casts,
resolve, operators, functions, aggregates (the catalogs and PostgreSQL's
resolution rules over them).  Everything raises engine.errors.PgError with
PostgreSQL's SQLSTATE and wording, never another exception, and leaves
`position` to the compiler.  Resolution results are remembered per
signature, so calling operator()/function() at every plan is cheap.

Beyond the names the compiler was promised: `identity` (the callable of
casts that change nothing, which a compiler may drop), `type_by_oid`,
`record_output(field_types)`, `Interval`, CID and REGTYPE (system columns
cmin/cmax and pg_typeof), `SqlType.regtype` (format_type_be: the spelling
of error messages and of pg_typeof) and `SqlType.coercion(explicit)`.
"""
from .aggregates import Aggregate, aggregate
from .boolean import BOOL
from .casts import cast, cast_error, identity
from .datetimes import DATE, TIMESTAMP, TIMESTAMPTZ
from .floats import FLOAT4, FLOAT8
from .functions import Function, function
from .integer import INT2, INT4, INT8
from .interval import INTERVAL, Interval
from .literals import literal_type
from .numeric import NUMERIC
from .operators import Operator, operator
from .record import RECORD, record_output
from .regtype import REGTYPE
from .resolve import common_type
from .sqltype import SqlType, sort_key, type_by_oid, type_from_name
from .system import CID, OID, TID, UNKNOWN, VOID, XID, XID8
from .text import BPCHAR, NAME, TEXT, VARCHAR

__all__ = [
    "SqlType", "UNKNOWN", "BOOL", "INT2", "INT4", "INT8", "NUMERIC", "FLOAT4", "FLOAT8", "TEXT",
    "VARCHAR", "BPCHAR", "NAME", "DATE", "TIMESTAMP", "TIMESTAMPTZ", "INTERVAL", "OID", "XID",
    "XID8", "CID", "TID", "VOID", "RECORD", "REGTYPE", "Interval",
    "type_from_name", "type_by_oid", "literal_type", "cast", "cast_error", "identity",
    "Operator", "operator", "Function", "function", "Aggregate", "aggregate",
    "common_type", "sort_key", "record_output",
]
