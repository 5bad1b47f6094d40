"""What a SQL type is: PostgreSQL's pg_type row plus its typmod.

PostgreSQL describes a type by a pg_type row (OID, name, category letter,
preferred flag, input and output functions, typmod in/out functions) and
qualifies every column or expression by a type modifier (`typmod`: the 12,2
of numeric(12,2), the 20 of varchar(20), encoded as an int, -1 for none).
TxLab mirrors that split:

* `TypeKind` is the pg_type row: one per base type, immutable, holding the
  behaviour every value of the type shares (input/output, sort key, typmod
  parsing and formatting, the length-coercion function of typmod'ed types).
* `SqlType` is (kind, typmod): what the expression compiler passes around.
  Two SqlTypes are equal when OID and typmod are equal, whatever object they
  are, so they work as dict keys in plan caches.

Values are plain Python objects and NULL is None; no function here is ever
called with None.  `name` is exactly `format_type(oid, typmod)` (so
'numeric(12,2)', 'character varying(20)', but 'bpchar' for an unmodified
bpchar) and `regtype` is `format_type_be(oid)`, the spelling PostgreSQL uses
in error messages and pg_typeof ('character', 'integer').

Invariants: a SqlType is immutable; `base` is the same kind with typmod -1;
`input` applies the typmod with implicit-coercion semantics (as an input
function given a typmod does), while casts choose the semantics themselves
through `coercion(explicit)` (explicit casts truncate strings, the other
contexts raise 22001), as parse_coerce.c's coerce_type_typmod does.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from . import conditions

Value = Any
Coercer = Callable[[Value], Value]


def _no_input(text: str) -> Value:
    raise conditions.not_supported("input of this pseudo-type")


def _no_output(value: Value) -> str:
    raise conditions.not_supported("output of this pseudo-type")


@dataclass(frozen=True, eq=False)
class TypeKind:
    """One pg_type row: everything that does not depend on the typmod."""

    oid: int
    typname: str                 # pg_type.typname: int4, varchar, timestamptz
    regtype: str                 # format_type_be: integer, character varying
    category: str                # pg_type.typcategory
    preferred: bool = False      # pg_type.typispreferred
    input: Callable[[str], Value] = _no_input
    output: Callable[[Value], str] = _no_output
    sort_key: Callable[[Value], Any] | None = None
    plain_name: str | None = None            # format_type(oid, -1) when not regtype
    typmod_in: Callable[[list[int]], int] | None = None
    typmod_out: Callable[[int], str] | None = None
    coercer: Callable[[int, bool], Coercer] | None = None   # (typmod, explicit) -> fn
    modelled: bool = True        # False: a stand-in for a PostgreSQL type TxLab lacks


class SqlType:
    """A type as expressions carry it: a `TypeKind` qualified by a typmod."""

    __slots__ = ("kind", "oid", "typmod", "name", "regtype", "category", "preferred",
                 "base", "input", "output", "_implicit", "_explicit")

    def __init__(self, kind: TypeKind, typmod: int = -1, base: "SqlType | None" = None) -> None:
        self.kind = kind
        self.oid = kind.oid
        self.typmod = typmod
        self.regtype = kind.regtype
        self.category = kind.category
        self.preferred = kind.preferred
        self.output = kind.output
        self.base = base or self
        if typmod < 0:
            self.name = kind.plain_name or kind.regtype
            self._implicit = self._explicit = None
            self.input = kind.input
        else:
            self.name = kind.typmod_out(typmod)
            self._implicit = kind.coercer(typmod, False)
            self._explicit = kind.coercer(typmod, True)
            self.input = _then(kind.input, self._implicit)

    def coercion(self, explicit: bool) -> Coercer | None:
        """The length-coercion function of this typmod, None when there is none."""
        return self._explicit if explicit else self._implicit

    def __reduce__(self) -> tuple:
        """Pickled as (oid, typmod): the write-ahead log and checkpoints store
        column types by identity, not their functions."""
        return (type_by_oid, (self.oid, self.typmod))

    def apply_typmod(self, value: Value, explicit: bool = False) -> Value:
        fn = self.coercion(explicit)
        return value if fn is None else fn(value)

    def with_typmod(self, typmod: int) -> "SqlType":
        if typmod < 0 or self.kind.coercer is None:
            return self.base
        return SqlType(self.kind, typmod, self.base)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SqlType) and other.oid == self.oid and other.typmod == self.typmod

    def __hash__(self) -> int:
        return hash((self.oid, self.typmod))

    def __repr__(self) -> str:
        return f"SqlType({self.name})"


def _then(first: Callable[[str], Value], second: Coercer) -> Callable[[str], Value]:
    def input_with_typmod(text: str) -> Value:
        return second(first(text))
    return input_with_typmod


_BY_OID: dict[int, SqlType] = {}
_BY_NAME: dict[str, SqlType] = {}
_BY_REGTYPE: dict[str, SqlType] = {}


def register(kind: TypeKind) -> SqlType:
    """Add a pg_type row to the catalog; returns its unmodified SqlType."""
    t = SqlType(kind)
    _BY_OID[kind.oid] = t
    _BY_NAME[kind.typname] = t
    _BY_REGTYPE[kind.regtype] = t
    return t


def type_by_oid(oid: int, typmod: int = -1) -> SqlType:
    """The SqlType of a catalog OID (KeyError for an OID TxLab does not know)."""
    return _BY_OID[oid].with_typmod(typmod)


def type_by_name(typname: str) -> SqlType | None:
    """The SqlType whose pg_type.typname is `typname`, None if TxLab has none."""
    return _BY_NAME.get(typname)


def type_by_regtype(regtype: str) -> SqlType | None:
    """The SqlType that format_type_be spells `regtype`, None if unknown."""
    return _BY_REGTYPE.get(regtype)


def sort_key(t: SqlType) -> Callable[[Value], Any] | None:
    """Key giving PostgreSQL's B-tree order for values of `t`; None = natural order."""
    return t.kind.sort_key


# Types PostgreSQL has but TxLab does not model: named, they are a feature we
# lack (0A000), not a typo (42704).
_UNSUPPORTED = {
    "time": "time without time zone", "timetz": "time with time zone", "bit": "bit",
    "varbit": "bit varying", "json": "json", "jsonb": "jsonb", "uuid": "uuid",
    "bytea": "bytea", "money": "money", "inet": "inet", "cidr": "cidr",
    "macaddr": "macaddr", "point": "point", "line": "line", "lseg": "lseg",
    "box": "box", "path": "path", "polygon": "polygon", "circle": "circle",
    "xml": "xml", "tsvector": "tsvector", "tsquery": "tsquery", "char": '"char"',
    "int4range": "int4range", "int8range": "int8range", "numrange": "numrange",
    "daterange": "daterange", "tsrange": "tsrange", "tstzrange": "tstzrange",
    "regclass": "regclass", "regproc": "regproc",
    "cstring": "cstring", "int2vector": "int2vector", "oidvector": "oidvector",
    "pg_lsn": "pg_lsn", "txid_snapshot": "txid_snapshot",
    "pg_snapshot": "pg_snapshot",
}


def type_from_name(names: list[str], typmods: list[int]) -> SqlType:
    """Resolve a pglast TypeName (names, evaluated typmod list) to a SqlType.

    The grammar already maps SQL spellings onto catalog names (integer ->
    pg_catalog.int4, character varying -> pg_catalog.varchar, float(24) ->
    float4), so only the last name matters once a schema of pg_catalog is
    dropped.
    """
    if len(names) > 1 and names[:-1] != ["pg_catalog"]:
        raise conditions.undefined_object(f'type "{".".join(names)}" does not exist')
    typname = names[-1]
    t = _BY_NAME.get(typname)
    if t is None:
        if typname in _UNSUPPORTED:
            raise conditions.not_supported(f"type {_UNSUPPORTED[typname]}")
        raise conditions.undefined_object(f'type "{typname}" does not exist')
    if not typmods:
        return t
    if t.kind.typmod_in is None:
        raise conditions.syntax(f'type modifier is not allowed for type "{typname}"')
    return t.with_typmod(t.kind.typmod_in(typmods))


def stand_in(oid: int, typname: str, category: str) -> SqlType:
    """A type TxLab does not model but whose catalog rows still take part in
    overload resolution (trunc(macaddr) makes trunc(unknown) ambiguous, as in
    PostgreSQL).  Resolution that picks such a row reports the missing type."""
    return SqlType(TypeKind(oid, typname, typname, category, modelled=False))


# Pseudo-types: argument types of polymorphic catalog entries, never values.
ANY = register(TypeKind(2276, "any", '"any"', "P"))
ANYELEMENT = register(TypeKind(2283, "anyelement", "anyelement", "P"))
ANYNONARRAY = register(TypeKind(2776, "anynonarray", "anynonarray", "P"))
POLYMORPHIC = frozenset({ANY.oid, ANYELEMENT.oid, ANYNONARRAY.oid})
