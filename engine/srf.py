"""Set-returning functions: generate_series, in FROM and in the SELECT list.

`generate_series(start, stop [, step])` over integers, bigints, numerics and
timestamps (with an interval step) is how tutorials fill a table, so TxLab
offers it in both places PostgreSQL allows:

* in FROM (`FROM generate_series(1, 3) AS g(i)`): a one-column relation; its
  column is named by the alias's column list, else by the alias, else
  `generate_series`, as PostgreSQL names a function's single output column;
* in the SELECT list (`SELECT generate_series(1, 3)`): the row is repeated
  once per value (PostgreSQL's ProjectSet), and several set-returning calls
  in one list advance together, shorter ones padded with NULLs.

The arguments are evaluated once per execution (they may not refer to the
row in FROM, where LATERAL is not offered).  A zero step is PostgreSQL's
22023 "step size cannot equal zero".
"""
from __future__ import annotations

from typing import Any, Callable, Iterator

from . import types as T
from .errors import PgError, feature_not_supported
from .expr import Compiled, ExprCompiler
from .parse import names, node_type

SRF_NAMES = frozenset({"generate_series"})


def _series(start: Any, stop: Any, step: Any, add: Callable[[Any], Any]) -> Iterator[Any]:
    zero = step == 0 if not isinstance(step, T.Interval) else not (step.months or step.days or step.micros)
    if zero:
        raise PgError("22023", "step size cannot equal zero")
    ascending = add(start) > start
    value = start
    while (value <= stop) if ascending else (value >= stop):
        yield value
        value = add(value)


def _adder(typ: Any, step_type: Any) -> Callable[[Any, Any], Any]:
    return T.operator("+", typ, step_type).fn


def compile_series(comp: ExprCompiler, call: dict) -> tuple[Any, Callable[[tuple], Iterator[Any]]]:
    """(result type, row -> iterator of values) for a generate_series call."""
    name = names(call["funcname"])[-1]
    loc = call.get("location")
    if name not in SRF_NAMES:
        raise comp.ctx.error_at(feature_not_supported(f"set-returning function {name}"), loc)
    args = [comp.value(a) for a in call.get("args", ())]
    if len(args) not in (2, 3):
        argtypes = ", ".join(a.type.name for a in args)
        raise comp.ctx.error_at(PgError(
            "42883", f"function generate_series({argtypes}) does not exist",
            hint="No function matches the given name and argument types. You might need to add explicit type casts."),
            loc)
    typ = T.common_type([a.type for a in args[:2]], "generate_series")
    if typ == T.UNKNOWN or typ == T.TEXT:
        typ = T.INT4
    if typ in (T.TIMESTAMP, T.TIMESTAMPTZ):
        if len(args) != 3:
            raise comp.ctx.error_at(PgError("42883", f"function generate_series({typ.name}, {typ.name}) does not exist"), loc)
        step = comp.coerce(args[2], T.INTERVAL, "implicit", loc)
    else:
        step = comp.coerce(args[2], typ, "implicit", loc) if len(args) == 3 else Compiled(lambda row: 1, typ, True)
    lo = comp.coerce(args[0], typ, "implicit", loc).fn
    hi = comp.coerce(args[1], typ, "implicit", loc).fn
    st = step.fn
    plus = _adder(typ, step.type)

    def values(row: tuple) -> Iterator[Any]:
        a, b, c = lo(row), hi(row), st(row)
        if a is None or b is None or c is None:
            return iter(())
        return _series(a, b, c, lambda v: plus(v, c))
    return typ, values


def is_srf_call(node: Any) -> bool:
    return isinstance(node, dict) and node_type(node) == "FuncCall" \
        and names(node["FuncCall"]["funcname"])[-1] in SRF_NAMES


def target_list_srfs(targets: list[dict]) -> list[int]:
    """Positions of SELECT-list items that are set-returning calls."""
    return [i for i, t in enumerate(targets) if is_srf_call(t["val"])]
