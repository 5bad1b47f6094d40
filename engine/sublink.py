"""Subqueries inside expressions: EXISTS, IN / = ANY, ALL, and scalar.

A sublink is planned once, with the enclosing query's scope as its parent,
so it may refer to outer columns (a correlated subquery).  At run time the
sublink stores the current outer row in the enclosing scope's cell and runs
its plan.  An uncorrelated subquery is still re-run per outer row; its
result does not change within a statement because the snapshot does not.
Errors are PostgreSQL's: a scalar subquery yielding two rows is 21000,
one yielding several columns where one is expected is 42601.
"""
from __future__ import annotations

from typing import Any

from . import types as T
from .errors import PgError, feature_not_supported
from .expr import Compiled, ExprCompiler, Scope, quantify


def compile_sublink(comp: ExprCompiler, n: dict) -> Compiled:
    from .planner import QueryPlanner
    ctx = comp.ctx
    kind = n["subLinkType"]
    loc = n.get("location")
    scope: Scope = comp.scope if comp.grouping is None else comp.grouping.input_scope
    if comp.grouping is not None:
        raise ctx.error_at(feature_not_supported("subqueries in grouped queries"), loc)
    plan = QueryPlanner(ctx, scope).plan(n["subselect"]["SelectStmt"])
    cell = scope.outer_cell
    run = plan.run
    if kind == "EXISTS_SUBLINK":
        def exists(row: tuple) -> bool:
            cell[0] = row
            for _ in run():
                return True
            return False
        return Compiled(exists, T.BOOL)
    if kind == "EXPR_SUBLINK":
        if len(plan.columns) != 1:
            raise ctx.error_at(PgError("42601", "subquery must return only one column"), loc)

        def scalar(row: tuple) -> Any:
            cell[0] = row
            it = iter(run())
            first = next(it, None)
            if first is None:
                return None
            if next(it, None) is not None:
                raise PgError("21000", "more than one row returned by a subquery used as an expression")
            return first[0]
        return Compiled(scalar, plan.types[0])
    if kind in ("ANY_SUBLINK", "ALL_SUBLINK"):
        return _quantified(comp, n, plan, cell, kind == "ALL_SUBLINK", loc)
    raise ctx.error_at(feature_not_supported(f"{kind.lower()} subqueries"), loc)


def _quantified(comp: ExprCompiler, n: dict, plan: Any, cell: list, is_all: bool, loc: Any) -> Compiled:
    if len(plan.columns) != 1:
        raise comp.ctx.error_at(PgError("42601", "subquery has too many columns"), loc)
    op = n["operName"][-1]["String"]["sval"] if "operName" in n else "="
    left = comp.compile(n["testexpr"])
    probe = Compiled(lambda row: row[0], plan.types[0])
    oper = comp.binary(op, Compiled(lambda row: row[1], left.type), probe, loc).fn
    lf = left.fn
    run = plan.run

    def quantified(row: tuple) -> Any:
        cell[0] = row
        lv = lf(row)
        return quantify((None if lv is None else oper((sub[0], lv)) for sub in run()), is_all)
    return Compiled(quantified, T.BOOL)
