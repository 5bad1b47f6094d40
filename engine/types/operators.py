"""Operators: the pg_operator rows TxLab models and parse_oper.c's resolution.

The table below is PostgreSQL 15's pg_operator restricted to the modelled
types: every cross-width integer and float variant (int4 + int8, float4 <
float8, ...), the cross-type date/timestamp/timestamptz comparisons, the
name/text comparisons, the polymorphic anynonarray || text pair that makes
'a' || 1 work, and so on.  Completeness matters as much as correctness:
resolution looks at every candidate with the name, so a missing row could
change which one wins or turn "not unique" into a wrong answer.

`operator(name, left, right)` resolves as oper() does: an exact match
(an unknown side first taking the other side's type), else
func_select_candidate through resolve.choose; the Operator returned names
the argument types the caller must coerce to and a plain function over
Python values that the caller calls only with non-NULL arguments (all
these operators are strict).  Failures are 42883 "operator does not exist"
and 42725 "operator is not unique", worded as op_error words them.
"""
from __future__ import annotations

import operator as op
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence

from ..errors import PgError
from . import datetimes as dt
from . import floats, integer, interval, numeric, strings, system
from .boolean import BOOL
from .casts import cast, identity
from .datetimes import DATE, TIMESTAMP, TIMESTAMPTZ
from .floats import FLOAT4, FLOAT8
from .integer import INT2, INT4, INT8, RANGES
from .interval import INTERVAL
from .numeric import NUMERIC
from .resolve import Candidate, pick
from .sqltype import ANYNONARRAY, POLYMORPHIC, SqlType, stand_in
from .system import CID, OID, TID, UNKNOWN, XID, XID8
from .text import BPCHAR, NAME, TEXT, bpchar_key


@dataclass(frozen=True)
class Operator:
    """A resolved operator: coerce the operands to left/right, call fn."""

    result: SqlType
    left: SqlType | None
    right: SqlType
    fn: Callable


_BINARY: dict[str, list[Candidate]] = defaultdict(list)
_PREFIX: dict[str, list[Candidate]] = defaultdict(list)
COMPARISONS = ("=", "<>", "<", "<=", ">", ">=")
_PY_COMPARE = dict(zip(COMPARISONS, (op.eq, op.ne, op.lt, op.le, op.gt, op.ge)))


def _binary(name: str, left: SqlType, right: SqlType, result: SqlType, fn: Callable | None) -> None:
    _BINARY[name].append(Candidate((left, right), result, fn, generic=left.oid in POLYMORPHIC or right.oid in POLYMORPHIC))


def _prefix(name: str, arg: SqlType, result: SqlType, fn: Callable) -> None:
    _PREFIX[name].append(Candidate((arg,), result, fn))


def _comparisons(left: SqlType, right: SqlType, fns: dict[str, Callable] = _PY_COMPARE) -> None:
    for name in COMPARISONS:
        _binary(name, left, right, BOOL, fns[name])


def _keyed(key: Callable) -> dict[str, Callable]:
    """Comparisons of key(a) with key(b)."""
    return {name: (lambda f: lambda a, b: f(key(a), key(b)))(f) for name, f in _PY_COMPARE.items()}


def _promoted(left: Callable | None, right: Callable | None) -> dict[str, Callable]:
    return {name: dt.comparing(f, left, right) for name, f in _PY_COMPARE.items()}


def _integers() -> None:
    ints = (INT2, INT4, INT8)
    for lt in ints:
        for rt in ints:
            wide = lt if RANGES[lt].bits >= RANGES[rt].bits else rt
            r = RANGES[wide]
            for name, make in (("+", integer.add), ("-", integer.sub), ("*", integer.mul), ("/", integer.div)):
                _binary(name, lt, rt, wide, make(r))
            _comparisons(lt, rt)
        r = RANGES[lt]
        _binary("%", lt, lt, lt, integer.int_mod)
        for name, fn in (("&", op.and_), ("|", op.or_), ("#", op.xor)):
            _binary(name, lt, lt, lt, fn)
        _binary("<<", lt, INT4, lt, integer.shift_left(r))
        _binary(">>", lt, INT4, lt, integer.shift_right(r))
        _prefix("-", lt, lt, integer.negate(r))
        _prefix("+", lt, lt, identity)
        _prefix("@", lt, lt, integer.absolute(r))
        _prefix("~", lt, lt, integer.bit_not)


def _floats() -> None:
    compare = dict(zip(COMPARISONS, (floats.eq, floats.ne, floats.lt, floats.le, floats.gt, floats.ge)))
    arithmetic = (("+", floats.add), ("-", floats.sub), ("*", floats.mul), ("/", floats.div))
    for lt in (FLOAT4, FLOAT8):
        for rt in (FLOAT4, FLOAT8):
            narrow = lt == rt == FLOAT4
            for name, fn in arithmetic:
                _binary(name, lt, rt, FLOAT4 if narrow else FLOAT8, floats.narrowing(fn) if narrow else fn)
            _comparisons(lt, rt, compare)
        _prefix("-", lt, lt, floats.negate)
        _prefix("+", lt, lt, floats.uplus)
        _prefix("@", lt, lt, floats.float_abs)
    _binary("^", FLOAT8, FLOAT8, FLOAT8, floats.power)
    _prefix("|/", FLOAT8, FLOAT8, floats.sqrt)
    _prefix("||/", FLOAT8, FLOAT8, floats.cbrt)


def _numerics() -> None:
    for name, fn in (("+", numeric.add), ("-", numeric.sub), ("*", numeric.mul), ("/", numeric.div),
                     ("%", numeric.mod), ("^", numeric.power)):
        _binary(name, NUMERIC, NUMERIC, NUMERIC, fn)
    _comparisons(NUMERIC, NUMERIC, dict(zip(COMPARISONS, (numeric.eq, numeric.ne, numeric.lt, numeric.le,
                                                          numeric.gt, numeric.ge))))
    _prefix("-", NUMERIC, NUMERIC, numeric.negate)
    _prefix("+", NUMERIC, NUMERIC, numeric.uplus)
    _prefix("@", NUMERIC, NUMERIC, numeric.numeric_abs)


def _datetimes() -> None:
    for row in (
            ("+", DATE, INT4, DATE, dt.date_pli), ("+", INT4, DATE, DATE, dt.integer_pl_date),
            ("-", DATE, INT4, DATE, dt.date_mii), ("-", DATE, DATE, INT4, dt.date_mi),
            ("+", DATE, INTERVAL, TIMESTAMP, dt.date_pl_interval),
            ("+", INTERVAL, DATE, TIMESTAMP, dt.interval_pl_date),
            ("-", DATE, INTERVAL, TIMESTAMP, dt.date_mi_interval),
            ("+", TIMESTAMP, INTERVAL, TIMESTAMP, dt.timestamp_pl_interval),
            ("+", INTERVAL, TIMESTAMP, TIMESTAMP, dt.interval_pl_timestamp),
            ("-", TIMESTAMP, INTERVAL, TIMESTAMP, dt.timestamp_mi_interval),
            ("-", TIMESTAMP, TIMESTAMP, INTERVAL, dt.timestamp_mi),
            ("+", TIMESTAMPTZ, INTERVAL, TIMESTAMPTZ, dt.timestamp_pl_interval),
            ("+", INTERVAL, TIMESTAMPTZ, TIMESTAMPTZ, dt.interval_pl_timestamp),
            ("-", TIMESTAMPTZ, INTERVAL, TIMESTAMPTZ, dt.timestamp_mi_interval),
            ("-", TIMESTAMPTZ, TIMESTAMPTZ, INTERVAL, dt.timestamp_mi),
            ("+", INTERVAL, INTERVAL, INTERVAL, interval.add),
            ("-", INTERVAL, INTERVAL, INTERVAL, interval.sub),
            ("*", INTERVAL, FLOAT8, INTERVAL, interval.mul),
            ("*", FLOAT8, INTERVAL, INTERVAL, interval.mul_reversed),
            ("/", INTERVAL, FLOAT8, INTERVAL, interval.div)):
        _binary(*row)
    _prefix("-", INTERVAL, INTERVAL, interval.negate)
    widen = {DATE: (dt.widen_date, dt.date_to_timestamptz), TIMESTAMP: (None, dt.timestamp_to_timestamptz)}
    for same in (DATE, TIMESTAMP, TIMESTAMPTZ, INTERVAL):
        _comparisons(same, same)
    for narrow, wider, index in ((DATE, TIMESTAMP, 0), (DATE, TIMESTAMPTZ, 1), (TIMESTAMP, TIMESTAMPTZ, 1)):
        promote = widen[narrow][index]
        _comparisons(narrow, wider, _promoted(promote, None))
        _comparisons(wider, narrow, _promoted(None, promote))


def _text_concat(text_first: bool) -> Callable[[Sequence[SqlType]], Callable[[object, object], str]]:
    """textanycat / anytextcat: the non-text side is cast to text ($1::text || $2)."""
    def factory(args: Sequence[SqlType]) -> Callable[[object, object], str]:
        to_text = cast(args[1] if text_first else args[0], TEXT, "explicit")
        if text_first:
            return lambda a, b: a + to_text(b)
        return lambda a, b: to_text(a) + b
    return factory


def _strings() -> None:
    for left, right in ((TEXT, TEXT), (NAME, NAME), (NAME, TEXT), (TEXT, NAME)):
        _comparisons(left, right)
    _comparisons(BPCHAR, BPCHAR, _keyed(bpchar_key))
    _binary("||", TEXT, TEXT, TEXT, op.add)
    _binary("||", ANYNONARRAY, TEXT, TEXT, _text_concat(False))
    _binary("||", TEXT, ANYNONARRAY, TEXT, _text_concat(True))
    _binary("^@", TEXT, TEXT, BOOL, strings.starts_with)
    jsonb = stand_in(3802, "jsonb", "U")
    for right in (TEXT, INT4):                 # jsonb - key: 'x' - 'y'::text resolves to it
        _binary("-", jsonb, right, jsonb, None)
    matchers = (("~~", strings.like), ("!~~", strings.not_like), ("~~*", strings.ilike),
                ("!~~*", strings.not_ilike), ("~", strings.regex_match), ("~*", strings.regex_imatch),
                ("!~", strings.regex_not_match), ("!~*", strings.regex_not_imatch))
    for left in (TEXT, BPCHAR, NAME):
        for name, fn in matchers:
            _binary(name, left, TEXT, BOOL, fn)


def _system() -> None:
    for t in (BOOL, OID, TID, XID8):
        _comparisons(t, t)
    _binary("=", CID, CID, BOOL, op.eq)
    _binary("=", XID, XID, BOOL, op.eq)
    _binary("<>", XID, XID, BOOL, op.ne)
    _binary("=", XID, INT4, BOOL, system.xid_eq_int4)
    _binary("<>", XID, INT4, BOOL, lambda x, v: not system.xid_eq_int4(x, v))


for _build in (_integers, _floats, _numerics, _datetimes, _strings, _system):
    _build()


def _signature(name: str, left: SqlType | None, right: SqlType) -> str:
    return f"{name} {right.regtype}" if left is None else f"{left.regtype} {name} {right.regtype}"


def _resolve(candidates: list[Candidate], inputs: list[SqlType], exact_inputs: list[SqlType],
             name: str, left: SqlType | None, right: SqlType) -> Candidate:
    """oper(): exact match, else oper_select_candidate, with op_error's wording."""
    sig = _signature(name, left, right)
    hint = ("No operator matches the given name and argument type. You might need to add an explicit type cast."
            if left is None else
            "No operator matches the given name and argument types. You might need to add explicit type casts.")
    return pick(candidates, inputs, exact_inputs,
                lambda: PgError("42883", f"operator does not exist: {sig}", hint=hint),
                lambda: PgError("42725", f"operator is not unique: {sig}", hint=_AMBIGUOUS_HINT))


_AMBIGUOUS_HINT = "Could not choose a best candidate operator. You might need to add explicit type casts."


def operator(name: str, left: SqlType | None, right: SqlType) -> Operator:
    """Resolve `left name right` (left None for a prefix operator)."""
    return _operator("<>" if name == "!=" else name, left, right)


@lru_cache(maxsize=4096)
def _operator(name: str, left: SqlType | None, right: SqlType) -> Operator:
    """Resolution is a pure function of the types, so it is remembered: a
    plan pays the candidate heuristics once per distinct signature.  Errors
    are not cached (lru_cache does not keep exceptions), so every caller
    gets its own PgError to put a position on."""
    if left is None:
        hit = _resolve(_PREFIX.get(name, []), [right], [right], name, None, right)
        args, fn = hit.bound([right])
        return Operator(hit.result, None, args[0], fn)
    exact_inputs = [left, right]
    if left.oid == UNKNOWN.oid and right.oid != UNKNOWN.oid:
        exact_inputs = [right, right]
    elif right.oid == UNKNOWN.oid and left.oid != UNKNOWN.oid:
        exact_inputs = [left, left]
    hit = _resolve(_BINARY.get(name, []), [left, right], exact_inputs, name, left, right)
    args, fn = hit.bound([left, right])
    return Operator(hit.result, args[0], args[1], fn)
