"""regtype: a type OID that reads and prints as a type name (regproc.c).

pg_typeof() returns regtype, so what learners see of it matters: it prints
format_type_be's name ('integer', 'character', 'numeric' without typmod),
casts to text by its output function, and is binary-coercible to oid,
which is why `pg_typeof(1) = 'integer'` fails in PostgreSQL (the literal
becomes an oid) while `pg_typeof(1) = 'integer'::regtype` works.

The value is the name string; the casts to and from oid translate it
through the catalog of modelled types (an OID TxLab does not model prints
as its number, as regtypeout does).  Input parses the text as a type name
the way parseTypeString does, by asking the SQL grammar (pglast) to read
`SELECT NULL::<text>`.
"""
from __future__ import annotations

from pglast import parse_sql
from pglast.parser import ParseError

from ..errors import PgError
from .sqltype import TypeKind, register, type_by_oid, type_by_regtype, type_from_name


def regtype_in(text: str) -> str:
    try:
        statements = parse_sql(f"SELECT NULL::{text}")
        target = statements[0].stmt.targetList[0]
        type_name = target.val.typeName
    except (ParseError, AttributeError, IndexError):
        raise PgError("42601", f'invalid type name "{text}"') from None
    if len(statements) != 1 or target.name or type_name.arrayBounds:
        raise PgError("42601", f'invalid type name "{text}"')
    names = [n.sval for n in type_name.names]
    mods = [m.val.ival for m in type_name.typmods or ()]
    return type_from_name(names, mods).regtype


def regtype_out(name: str) -> str:
    return name


def regtype_to_oid(name: str) -> int:
    t = type_by_regtype(name)
    return int(name) if t is None else t.oid


def oid_to_regtype(oid: int) -> str:
    try:
        return type_by_oid(oid).regtype
    except KeyError:
        return str(oid)


REGTYPE = register(TypeKind(2206, "regtype", "regtype", "N", False, regtype_in, regtype_out, regtype_to_oid))
