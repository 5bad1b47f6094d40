"""Aggregates: the pg_aggregate rows TxLab models, resolved like functions.

An `Aggregate` is a transition machine, as in pg_aggregate: `init()` makes
a fresh state, `step(state, *values)` returns the next state, `final(state)`
the result.  For a strict aggregate the executor skips rows where any
argument is NULL (count(x), sum, avg, min, max, bool_and, ...); a NULL
state means "no row seen yet", so sum and min of nothing are NULL while
count of nothing is 0.  string_agg is not strict: it skips NULL values
itself and treats a NULL delimiter as empty, as string_agg_transfn does.

Result types and scales are PostgreSQL's: sum(int2/int4) -> bigint,
sum(int8) -> numeric (accumulated exactly as a Python int), sum(numeric)
keeps the largest scale, avg of integers and numerics is numeric_div's
quotient (so avg(1, 2) = 1.5000000000000000), avg of floats is double
precision, min/max keep the argument type (varchar resolves to the text
row, so min(varchar) is text, exactly as in PostgreSQL).
"""
from __future__ import annotations

import operator as op
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal
from typing import Any, Callable, Sequence

from ..errors import PgError
from . import floats, integer, interval, numeric
from .boolean import BOOL
from .datetimes import DATE, TIMESTAMP, TIMESTAMPTZ
from .floats import FLOAT4, FLOAT8
from .functions import builtin_name, select
from .integer import INT2, INT4, INT8
from .interval import INTERVAL
from .numeric import NUMERIC
from .resolve import Candidate
from .sqltype import ANY, SqlType
from .system import OID, TID, XID8
from .text import BPCHAR, TEXT, bpchar_key


@dataclass(frozen=True)
class Aggregate:
    """A resolved aggregate: coerce the arguments to `args`, then fold rows."""

    result: SqlType
    args: list[SqlType]
    init: Callable[[], Any]
    step: Callable[..., Any]
    final: Callable[[Any], Any]
    strict: bool


@dataclass(frozen=True)
class _Machine:
    init: Callable[[], Any]
    step: Callable[..., Any]
    final: Callable[[Any], Any]


def _none() -> None:
    return None


def _zero() -> int:
    return 0


def _same(state: Any) -> Any:
    return state


def _folding(combine: Callable[[Any, Any], Any], final: Callable[[Any], Any] = _same) -> _Machine:
    """A state that starts NULL, takes the first value, then combines."""
    def step(state: Any, value: Any) -> Any:
        return value if state is None else combine(state, value)
    return _Machine(_none, step, final)


def _averaging(add: Callable[[Any, Any], Any], divide: Callable[[Any, int], Any]) -> _Machine:
    def step(state: list | None, value: Any) -> list:
        if state is None:
            return [1, value]
        state[0] += 1
        state[1] = add(state[1], value)
        return state

    def final(state: list | None) -> Any:
        return None if state is None else divide(state[1], state[0])
    return _Machine(_none, step, final)


def _extreme(keeps: Callable[[Any, Any], bool]) -> _Machine:
    """min/max as int4smaller, numeric_larger, ... do it: keeps(state, value)
    says whether the state survives, so on a tie most types take the new value
    (visible for 1.50 vs 1.5 or '1 mon' vs '30 days') while bpchar keeps the old."""
    return _folding(lambda state, value: state if keeps(state, value) else value)


def _string_agg_step(state: list | None, value: str | None, delimiter: str | None) -> list | None:
    if value is None:
        return state
    if state is None:
        return [value]
    if delimiter is not None:
        state.append(delimiter)
    state.append(value)
    return state


def _string_agg_final(state: list | None) -> str | None:
    return None if state is None else "".join(state)


def _numeric_avg(total: Any, count: int) -> Decimal:
    return numeric.div(Decimal(total), Decimal(count))


def _float_avg(total: float, count: int) -> float:
    return total / count


_AGGREGATES: dict[str, list[Candidate]] = defaultdict(list)


def _define(name: str, args: Sequence[SqlType], result: SqlType, machine: _Machine, strict: bool = True) -> None:
    _AGGREGATES[name].append(Candidate(tuple(args), result, machine, strict=strict))


def _catalog() -> None:
    _define("count", [], INT8, _Machine(_zero, lambda state: state + 1, _same), strict=False)
    _define("count", [ANY], INT8, _Machine(_zero, lambda state, value: state + 1, _same))
    bigint_add = integer.add(integer.BIGINT)
    for t in (INT2, INT4):
        _define("sum", [t], INT8, _folding(bigint_add))
        _define("avg", [t], NUMERIC, _averaging(int.__add__, _numeric_avg))
    _define("sum", [INT8], NUMERIC, _folding(int.__add__, lambda s: None if s is None else Decimal(s)))
    _define("avg", [INT8], NUMERIC, _averaging(int.__add__, _numeric_avg))
    _define("sum", [NUMERIC], NUMERIC, _folding(numeric.add))
    _define("avg", [NUMERIC], NUMERIC, _averaging(numeric.add, _numeric_avg))
    _define("sum", [FLOAT4], FLOAT4, _folding(floats.narrowing(floats.add)))
    _define("sum", [FLOAT8], FLOAT8, _folding(floats.add))
    for t in (FLOAT4, FLOAT8):
        _define("avg", [t], FLOAT8, _averaging(floats.add, _float_avg))
    _define("sum", [INTERVAL], INTERVAL, _folding(interval.add))
    _define("avg", [INTERVAL], INTERVAL, _averaging(interval.add, interval.div))
    keeps = {NUMERIC: (numeric.lt, numeric.gt), FLOAT4: (floats.lt, floats.gt),
             FLOAT8: (floats.lt, floats.gt),
             BPCHAR: (lambda a, b: bpchar_key(a) <= bpchar_key(b), lambda a, b: bpchar_key(a) >= bpchar_key(b))}
    for t in (INT2, INT4, INT8, NUMERIC, FLOAT4, FLOAT8, TEXT, BPCHAR, DATE, TIMESTAMP, TIMESTAMPTZ,
              INTERVAL, OID, TID, XID8):
        smaller, larger = keeps.get(t, (op.lt, op.gt))
        _define("min", [t], t, _extreme(smaller))
        _define("max", [t], t, _extreme(larger))
    _define("bool_and", [BOOL], BOOL, _folding(lambda a, b: a and b))
    _define("every", [BOOL], BOOL, _folding(lambda a, b: a and b))
    _define("bool_or", [BOOL], BOOL, _folding(lambda a, b: a or b))
    _define("string_agg", [TEXT, TEXT], TEXT, _Machine(_none, _string_agg_step, _string_agg_final), strict=False)


_catalog()


def aggregate(name: str, args: list[SqlType]) -> Aggregate | None:
    """Resolve an aggregate call (count(*) has args=[]); None if `name` is none."""
    lookup = builtin_name(name)
    if lookup == "array_agg":
        raise PgError("0A000", "feature not supported: array_agg (TxLab has no array types)")
    if lookup not in _AGGREGATES:
        return None
    result, bound, machine, strict = _aggregate(name, tuple(args))
    return Aggregate(result, list(bound), machine.init, machine.step, machine.final, strict)


@lru_cache(maxsize=1024)
def _aggregate(name: str, args: tuple[SqlType, ...]) -> tuple[SqlType, tuple[SqlType, ...], _Machine, bool]:
    hit = select(_AGGREGATES, name, args)
    bound, machine = hit.bound(args)
    return hit.result, tuple(bound), machine, hit.strict
