"""A deliberately tiny evaluator of the golden cases through the types API.

The real expression compiler lives in the engine; this one exists so the
type system can be tested on its own against recorded PostgreSQL output.
It parses a case with pglast and, for the handful of node kinds the cases
use (constants, casts, operators, LIKE/SIMILAR, function and aggregate
calls, CASE, COALESCE, GREATEST/LEAST, AND/OR/NOT, VALUES in FROM, UNION,
ORDER BY of the one output column), asks the types package what each node
means and applies the callables it returns.  The only rules implemented
here are those that belong to the compiler, not to the types package:
NULL in, NULL out for strict callables; the ELSE-first order of CASE
results; the wording of errors that name a column or a clause.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from pglast import ast, enums, parse_sql

import txlab.engine.types as T
from txlab.engine.errors import PgError

Fn = Callable[["Frame"], Any]


@dataclass
class Frame:
    """Where an expression is evaluated: the current row and, for aggregates, all rows."""

    row: dict[str, Any] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Expr:
    type: T.SqlType
    fn: Fn


class Compiler:
    def __init__(self, scope: dict[str, T.SqlType]) -> None:
        self.scope = scope
        self.has_aggregate = False

    def compile(self, node: Any) -> Expr:
        handler = getattr(self, "_" + type(node).__name__, None)
        if handler is None:
            raise NotImplementedError(type(node).__name__)
        return handler(node)

    def coerce(self, e: Expr, target: T.SqlType, context: str) -> Fn:
        if e.type == target:
            return e.fn
        convert = T.cast(e.type, target, context)
        if convert is None:
            raise T.cast_error(e.type, target)
        inner = e.fn
        return lambda f: None if (v := inner(f)) is None else convert(v)

    # --- leaves -------------------------------------------------------------------

    def _A_Const(self, node: ast.A_Const) -> Expr:
        if node.isnull:
            return Expr(T.UNKNOWN, lambda f: None)
        val = node.val
        if isinstance(val, ast.Integer):
            typ, value = T.literal_type(str(val.ival))
        elif isinstance(val, ast.Float):
            typ, value = T.literal_type(val.fval)
        elif isinstance(val, ast.Boolean):
            typ, value = T.BOOL, val.boolval
        else:
            typ, value = T.UNKNOWN, val.sval
        return Expr(typ, lambda f: value)

    def _ColumnRef(self, node: ast.ColumnRef) -> Expr:
        name = node.fields[-1].sval
        return Expr(self.scope[name], lambda f: f.row[name])

    def _TypeCast(self, node: ast.TypeCast) -> Expr:
        inner = self.compile(node.arg)
        target = type_of(node.typeName)
        return Expr(target, self.coerce(inner, target, "explicit"))

    # --- calls ----------------------------------------------------------------------

    def _strict_call(self, fn: Callable, args: list[Fn], strict: bool = True) -> Fn:
        def call(f: Frame) -> Any:
            values = [a(f) for a in args]
            if strict and any(v is None for v in values):
                return None
            return fn(*values)
        return call

    def _A_Expr(self, node: ast.A_Expr) -> Expr:
        name = node.name[-1].sval
        right = self.compile(node.rexpr)
        left = None if node.lexpr is None else self.compile(node.lexpr)
        oper = T.operator(name, None if left is None else left.type, right.type)
        args = [self.coerce(right, oper.right, "implicit")]
        if left is not None:
            args.insert(0, self.coerce(left, oper.left, "implicit"))
        return Expr(oper.result, self._strict_call(oper.fn, args))

    def _FuncCall(self, node: ast.FuncCall) -> Expr:
        name = ".".join(n.sval for n in node.funcname)
        args = [self.compile(a) for a in node.args or ()]
        types = [a.type for a in args]
        agg = T.aggregate(name, types)
        if agg is not None:
            return self._aggregate(agg, args)
        func = T.function(name, types)
        coerced = [self.coerce(a, t, "implicit") for a, t in zip(args, func.args)]
        return Expr(func.result, self._strict_call(func.fn, coerced, func.strict))

    def _aggregate(self, agg: T.Aggregate, args: list[Expr]) -> Expr:
        self.has_aggregate = True
        coerced = [self.coerce(a, t, "implicit") for a, t in zip(args, agg.args)]

        def fold(f: Frame) -> Any:
            state = agg.init()
            for row in f.rows:
                values = [a(Frame(row)) for a in coerced]
                if agg.strict and any(v is None for v in values):
                    continue
                state = agg.step(state, *values)
            return agg.final(state)
        return Expr(agg.result, fold)

    # --- conditional forms ------------------------------------------------------------

    def _unify(self, exprs: list[Expr], context: str) -> tuple[T.SqlType, list[Fn]]:
        typ = T.common_type([e.type for e in exprs], context)
        return typ, [self.coerce(e, typ, "implicit") for e in exprs]

    def _boolean(self, node: Any, context: str) -> Fn:
        e = self.compile(node)
        if T.cast(e.type, T.BOOL, "implicit") is None:
            raise PgError("42804", f"argument of {context} must be type boolean, not type {e.type.regtype}")
        return self.coerce(e, T.BOOL, "implicit")

    def _CaseExpr(self, node: ast.CaseExpr) -> Expr:
        conditions = [self._boolean(w.expr, "CASE/WHEN") for w in node.args]
        default = self.compile(node.defresult) if node.defresult else Expr(T.UNKNOWN, lambda f: None)
        results = [self.compile(w.result) for w in node.args]
        typ, fns = self._unify([default] + results, "CASE")
        otherwise, branches = fns[0], list(zip(conditions, fns[1:]))

        def case(f: Frame) -> Any:
            for condition, result in branches:
                if condition(f):
                    return result(f)
            return otherwise(f)
        return Expr(typ, case)

    def _CoalesceExpr(self, node: ast.CoalesceExpr) -> Expr:
        typ, fns = self._unify([self.compile(a) for a in node.args], "COALESCE")
        return Expr(typ, lambda f: next((v for v in (fn(f) for fn in fns) if v is not None), None))

    def _MinMaxExpr(self, node: ast.MinMaxExpr) -> Expr:
        greatest = node.op == enums.MinMaxOp.IS_GREATEST
        typ, fns = self._unify([self.compile(a) for a in node.args], "GREATEST" if greatest else "LEAST")
        better = T.operator(">" if greatest else "<", typ, typ).fn

        def pick(f: Frame) -> Any:
            best = None
            for value in (fn(f) for fn in fns):
                if value is not None and (best is None or better(value, best)):
                    best = value
            return best
        return Expr(typ, pick)

    def _BoolExpr(self, node: ast.BoolExpr) -> Expr:
        kind = enums.BoolExprType(node.boolop).name[:-5]          # AND_EXPR -> AND
        args = [self._boolean(a, kind) for a in node.args]
        if kind == "NOT":
            return Expr(T.BOOL, lambda f: None if (v := args[0](f)) is None else not v)
        stop = kind == "OR"

        def combine(f: Frame) -> Any:
            values = [a(f) for a in args]
            if stop in values:
                return stop
            return None if None in values else not stop
        return Expr(T.BOOL, combine)


def type_of(type_name: ast.TypeName) -> T.SqlType:
    names = [n.sval for n in type_name.names]
    mods = [m.val.ival for m in type_name.typmods or ()]
    return T.type_from_name(names, mods)


@dataclass
class Result:
    type: T.SqlType
    values: list[Any]


def _values_scope(rte: ast.RangeSubselect) -> tuple[dict[str, T.SqlType], list[dict[str, Any]]]:
    names = [c.sval for c in rte.alias.colnames]
    cells = [[Compiler({}).compile(v) for v in row] for row in rte.subquery.valuesLists]
    scope, rows = {}, [dict() for _ in cells]
    for i, name in enumerate(names):
        typ, fns = Compiler({})._unify([row[i] for row in cells], "VALUES")
        scope[name] = typ
        for row, fn in zip(rows, fns):
            row[name] = fn(Frame())
    return scope, rows


def _order(result: Result, sort: ast.SortBy) -> None:
    key = T.sort_key(result.type) or (lambda v: v)
    descending = sort.sortby_dir == enums.SortByDir.SORTBY_DESC
    present = sorted((v for v in result.values if v is not None), key=key, reverse=descending)
    nulls = [v for v in result.values if v is None]
    result.values = nulls + present if descending else present + nulls


def run_select(stmt: ast.SelectStmt, top: bool = True) -> Result:
    """Run a SELECT; only the top level resolves an unknown output to text,
    the branches of a UNION keep it for the UNION's common type."""
    if stmt.op != enums.SetOperation.SETOP_NONE:
        left, right = run_select(stmt.larg, False), run_select(stmt.rarg, False)
        typ = T.common_type([left.type, right.type], "UNION")
        values = []
        for part in (left, right):
            convert = T.cast(part.type, typ, "implicit")
            values += [None if v is None else convert(v) for v in part.values]
        if not stmt.all:
            values = list(dict.fromkeys(values))
        return Result(typ, values)
    scope, rows = _values_scope(stmt.fromClause[0]) if stmt.fromClause else ({}, [{}])
    comp = Compiler(scope)
    expr = comp.compile(stmt.targetList[0].val)
    frames = [Frame(rows=rows)] if comp.has_aggregate else [Frame(row=r, rows=rows) for r in rows]
    result = Result(expr.type, [expr.fn(f) for f in frames])
    if top and result.type == T.UNKNOWN:
        result.type = T.TEXT
    if stmt.sortClause:
        _order(result, stmt.sortClause[0])
    return result


def run_assign(target_text: str, expr_text: str) -> Result:
    target = type_of(parse_sql(f"SELECT NULL::{target_text}")[0].stmt.targetList[0].val.typeName)
    expr = Compiler({}).compile(parse_sql(f"SELECT {expr_text}")[0].stmt.targetList[0].val)
    if T.cast(expr.type, target, "assignment") is None:
        raise PgError("42804", f'column "c" is of type {target.regtype} but expression is of type {expr.type.regtype}',
                      hint="You will need to rewrite or cast the expression.")
    return Result(target, [Compiler({}).coerce(expr, target, "assignment")(Frame())])


def evaluate(case: str, assign: tuple[str, str] | None) -> dict[str, Any]:
    """The golden-shaped outcome of a case: type and text rows, or the error."""
    try:
        result = run_assign(*assign) if assign else run_select(parse_sql(case)[0].stmt)
    except PgError as e:
        return {"error": {"sqlstate": e.sqlstate, "message": e.message, "detail": e.detail, "hint": e.hint}}
    rows = [None if v is None else result.type.output(v) for v in result.values]
    return {"type": result.type.name, "rows": rows}
