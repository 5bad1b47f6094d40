"""The expression compiler: parse-tree expressions to Python closures.

PostgreSQL turns an expression tree into an ExprState program once per
plan, then runs it per row.  TxLab does the same with closures: every
expression node becomes a function `f(row) -> value`, with all name
resolution, type resolution (operators, functions, casts, unknown-literal
coercion) and error positions decided at compile time.  Nothing about
types is looked up per row.

Rows are flat tuples; a range entry (a table, a join input, a subquery)
owns a slice of the tuple starting at its `offset`.  Values from outside the
row reach a closure through cells filled once per execution:

* `Ctx.params`: the literals of a shaped statement (parse.py), so one
  compiled plan serves `WHERE id = 1` and `WHERE id = 2`;
* `Ctx.run`: the executing statement's state (snapshot, transaction,
  session) for now(), txid_current() and subqueries;
* outer rows of correlated subqueries (`Scope.outer_cell`).

Constant subexpressions (no column reference, only immutable operations)
are evaluated once per execution before any row is read, as PostgreSQL's
planner folds them (eval_const_expressions); that is also why `SELECT 1/0
FROM empty_table` fails in both.  NULL handling follows SQL's three-valued
logic: strict operators and functions return NULL for a NULL input without
being called, AND/OR follow the truth tables.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable

from . import types as T
from .errors import PgError, feature_not_supported, undefined_column
from .parse import char_position, names, node_type, strval

Fn = Callable[[tuple], Any]

SYSTEM_COLUMNS = ("tableoid", "cmax", "xmax", "cmin", "xmin", "ctid")
AGGREGATES = frozenset(("count", "sum", "avg", "min", "max", "bool_and", "bool_or", "every",
                        "string_agg", "array_agg", "stddev", "variance"))
SYSCOL_TYPES = {"xmin": "XID", "xmax": "XID", "cmin": "CID", "cmax": "CID",
                "ctid": "TID", "tableoid": "OID"}


@dataclass
class RangeEntry:
    """One FROM item as seen by expressions: a named slice of the row."""
    alias: str
    colnames: list[str]
    types: list[Any]
    offset: int = 0
    positions: list[int] | None = None   # row index of each column (dropped columns skipped)
    sys_offset: int | None = None        # where xmin, xmax, ctid, cmin, cmax, tableoid start
    relation: Any = None                 # catalog Table for base tables
    hidden: frozenset = frozenset()      # merged away by JOIN ... USING: only qualified refs reach them
    tuple_at: int | None = None          # slot of the heap tuple, for rows that carry it

    def index_of(self, i: int) -> int:
        return self.offset + (self.positions[i] if self.positions else i)


@dataclass
class Scope:
    entries: list[RangeEntry]
    parent: "Scope | None" = None
    outer_cell: list = field(default_factory=lambda: [None])
    width: int = 0


@dataclass
class Grouping:
    """What an aggregated query level exposes after GROUP BY."""
    keys: dict[str, int]                 # canonical expression -> index in the group row
    key_types: list[Any]
    aggs: list[Any] = field(default_factory=list)   # (Aggregate, arg fns, distinct, filter)
    input_scope: Scope | None = None


class Ctx:
    """Compile-time state shared by one statement's expressions."""

    def __init__(self, text: str, slot_at: dict[int, int], session: Any) -> None:
        self.text = text
        self.slot_at = slot_at
        self.params: list = [()]
        self.run: list = [None]
        self.consumed: set[int] = set()
        self.consts: list[tuple[Fn, list]] = []   # folded once per execution
        self.session = session
        self.volatile = False
        self.size_classes: list = []          # (heap, was small) the access paths depend on
        self.relation_locks: list = []        # (table, lock mode) to take at every execution

    def pos(self, location: int | None) -> int | None:
        if location is None or location < 0:
            return None
        return char_position(self.text, location) + 1

    def error_at(self, err: PgError, location: int | None) -> PgError:
        if err.position is None:
            err.position = self.pos(location)
        return err

    @property
    def all_consumed(self) -> bool:
        return len(self.consumed) == len(self.slot_at)


def canonical(node: Any) -> str:
    """Expression identity ignoring locations (GROUP BY matching)."""
    def strip(n: Any) -> Any:
        if isinstance(n, dict):
            return {k: strip(v) for k, v in n.items() if k != "location"}
        if isinstance(n, list):
            return [strip(v) for v in n]
        return n
    return json.dumps(strip(node), sort_keys=True)


class Compiled:
    """A compiled expression: closure, type, whether it is row-independent,
    and for a quoted literal its location (its input conversion is the one
    run-time error PostgreSQL reports with a cursor position)."""
    __slots__ = ("fn", "type", "const", "loc")

    def __init__(self, fn: Fn, typ: Any, const: bool = False, loc: int | None = None) -> None:
        self.fn = fn
        self.type = typ
        self.const = const
        self.loc = loc


def _const(value: Any, typ: Any) -> Compiled:
    return Compiled(lambda row: value, typ, True)



def quantify(results: Any, is_all: bool) -> bool | None:
    """ANY / ALL over comparison results, in SQL's three-valued logic: the
    first deciding result ends it; otherwise a NULL among them makes it NULL."""
    saw_null = False
    for r in results:
        if r is None:
            saw_null = True
        elif r != is_all:
            return not is_all
    return None if saw_null else is_all


def _aggregate_only_clause(n: dict, fname: str) -> str | None:
    """The first aggregate-only part of a call, as PostgreSQL names it."""
    if n.get("agg_star"):
        return f"{fname}(*)"
    for key, words in (("agg_distinct", "DISTINCT"), ("agg_within_group", "WITHIN GROUP"),
                       ("agg_order", "ORDER BY"), ("agg_filter", "FILTER")):
        if n.get(key):
            return words
    return None

class ExprCompiler:
    def __init__(self, ctx: Ctx, scope: Scope, grouping: Grouping | None = None,
                 allow_aggs: bool = False) -> None:
        self.ctx = ctx
        self.scope = scope
        self.grouping = grouping
        self.allow_aggs = allow_aggs

    # --- entry points ---------------------------------------------------------
    def compile(self, node: dict) -> Compiled:
        if self.grouping is not None:
            idx = self.grouping.keys.get(canonical(node))
            if idx is not None:
                return Compiled(lambda row, i=idx: row[i], self.grouping.key_types[idx])
        kind = node_type(node)
        method = getattr(self, "c_" + kind, None)
        if method is None:
            raise self.ctx.error_at(feature_not_supported(f"expression {kind}"),
                                    node[kind].get("location"))
        out = method(node[kind])
        return out

    def value(self, node: dict) -> Compiled:
        """Compile, folding a row-independent result once per execution."""
        c = self.compile(node)
        return self.fold(c)

    def fold(self, c: Compiled) -> Compiled:
        if c.const and not getattr(c.fn, "is_cell_reader", False):
            cell: list = [None]
            self.ctx.consts.append((c.fn, cell))
            reader = lambda row: cell[0]  # noqa: E731
            reader.is_cell_reader = True
            return Compiled(reader, c.type, True)
        return c

    def coerce(self, c: Compiled, target: Any, context: str, location: int | None,
               what: Callable[[], PgError] | None = None) -> Compiled:
        """Convert `c` to `target` with a cast allowed in `context`."""
        if c.type == target:
            return c
        fn = T.cast(c.type, target, context)
        if fn is None:
            err = what() if what else T.cast_error(c.type, target)
            raise self.ctx.error_at(err, location)
        inner = c.fn
        if c.type == T.UNKNOWN and target.typmod >= 0:
            base = self.coerce(c, target.base, context, location, what)
            apply = target.coercion(context == "explicit")
            bf = base.fn
            return self.fold(Compiled(lambda row: None if (v := bf(row)) is None else apply(v),
                                      target, c.const))
        if c.type != T.UNKNOWN:
            # a run-time cast: PostgreSQL reports its errors without a position
            return self.fold(Compiled(lambda row: None if (v := inner(row)) is None else fn(v),
                                      target, c.const))
        ctx = self.ctx
        where = c.loc if c.loc is not None else location

        def literal_input(row: tuple) -> Any:
            v = inner(row)
            if v is None:
                return None
            try:
                return fn(v)
            except PgError as e:
                raise ctx.error_at(e, where)
        return self.fold(Compiled(literal_input, target, c.const))

    def boolean(self, node: dict, clause: str) -> Compiled:
        """An expression required to be boolean (WHERE, HAVING, ON, CHECK)."""
        c = self.value(node)
        if c.type == T.UNKNOWN:
            return self.coerce(c, T.BOOL, "implicit", _loc(node))
        if c.type != T.BOOL:
            raise self.ctx.error_at(PgError(
                "42804", f"argument of {clause} must be type boolean, not type {c.type.name}"),
                _loc(node))
        return c

    # --- leaves ---------------------------------------------------------------
    def c_A_Const(self, n: dict) -> Compiled:
        loc = n.get("location", -1)
        slot = self.ctx.slot_at.get(loc)
        if "isnull" in n and n["isnull"]:
            return _const(None, T.UNKNOWN)
        if "boolval" in n:
            return _const(bool(n["boolval"].get("boolval", False)), T.BOOL)
        if "bsval" in n:
            raise self.ctx.error_at(feature_not_supported("bit string literals"), loc)
        if slot is not None:
            return self._slot(n, slot, loc)
        if "sval" in n:
            c = _const(n["sval"].get("sval", ""), T.UNKNOWN)
            c.loc = loc
            return c
        if "ival" in n:
            return _const(self._ival(n, loc), T.INT4)
        typ, val = T.literal_type(n["fval"]["fval"])
        return _const(val, typ)

    def _ival(self, n: dict, loc: int) -> int:
        return n["ival"].get("ival", 0)        # parse.py restored the values the JSON omits

    def _slot(self, n: dict, slot: int, loc: int) -> Compiled:
        self.ctx.consumed.add(slot)
        params = self.ctx.params
        if "sval" in n:
            typ = T.UNKNOWN
            fn = lambda row: params[0][slot]  # noqa: E731
        elif "ival" in n:
            typ = T.INT4
            fn = lambda row: params[0][slot]  # noqa: E731
        else:
            text = n["fval"]["fval"]
            typ, _ = T.literal_type(text)
            conv = (lambda v: v) if typ in (T.INT4, T.INT8) else (lambda v: T.literal_type(str(v))[1])
            fn = lambda row: conv(params[0][slot])  # noqa: E731
        c = self.fold(Compiled(fn, typ, True))
        c.loc = loc if typ == T.UNKNOWN else None
        return c

    def c_ColumnRef(self, n: dict) -> Compiled:
        fields = n["fields"]
        loc = n.get("location")
        if node_type(fields[-1]) == "A_Star":
            if len(fields) == 2 and self.grouping is None:
                return self._whole_row(strval(fields[0]), loc)
            raise self.ctx.error_at(PgError("42601", "row expansion via \"*\" is not supported here"), loc)
        parts = names(fields)
        if self.grouping is not None:
            return self._ungrouped(parts, loc)
        return self.resolve_column(parts, loc)

    def _whole_row(self, alias: str, loc: int | None) -> Compiled:
        """`t.*` as one value (count(t.*)): NULL for the null side of an outer join."""
        scope = self.scope
        while scope is not None:
            for entry in scope.entries:
                if entry.alias == alias:
                    idx = [entry.index_of(i) for i in range(len(entry.colnames))]
                    cell = None if scope is self.scope else scope.outer_cell

                    def whole(row: tuple) -> Any:
                        r = row if cell is None else cell[0]
                        values = tuple(r[i] for i in idx)
                        return None if all(v is None for v in values) else values
                    return Compiled(whole, T.RECORD)
            scope = scope.parent
        from .namehints import missing_entry
        raise self.ctx.error_at(missing_entry(self.scope, alias), loc)

    def _ungrouped(self, parts: list[str], loc: int | None) -> Compiled:
        inner = ExprCompiler(self.ctx, self.grouping.input_scope)
        inner.resolve_column(parts, loc)       # raises if the column does not exist at all
        entry, _ = inner._find(parts, loc)
        col = f"{entry.alias}.{parts[-1]}"
        raise self.ctx.error_at(PgError(
            "42803", f'column "{col}" must appear in the GROUP BY clause or be used in an aggregate function'), loc)

    def _find(self, parts: list[str], loc: int | None) -> tuple[RangeEntry, int]:
        colname = parts[-1]
        qualifier = parts[-2] if len(parts) >= 2 else None
        scope: Scope | None = self.scope
        while scope is not None:
            found = self._find_in(scope, qualifier, colname, loc)
            if found is not None:
                return found
            scope = scope.parent
        from .namehints import missing_column, missing_entry
        if qualifier is not None and not self._has_entry(qualifier):
            raise self.ctx.error_at(missing_entry(self.scope, qualifier), loc)
        raise self.ctx.error_at(missing_column(self.scope, qualifier, colname), loc)

    def _has_entry(self, alias: str) -> bool:
        scope = self.scope
        while scope is not None:
            if any(e.alias == alias for e in scope.entries):
                return True
            scope = scope.parent
        return False

    def _find_in(self, scope: Scope, qualifier: str | None, colname: str,
                 loc: int | None) -> tuple[RangeEntry, int] | None:
        hits = []
        for entry in scope.entries:
            if qualifier is not None and entry.alias != qualifier:
                continue
            if qualifier is None and colname in entry.hidden:
                continue
            if colname in entry.colnames:
                hits.append((entry, entry.colnames.index(colname)))
            elif colname in SYSTEM_COLUMNS and entry.sys_offset is not None:
                hits.append((entry, -1 - SYSTEM_COLUMNS.index(colname)))
        if len(hits) > 1:
            raise self.ctx.error_at(PgError("42702", f'column reference "{colname}" is ambiguous'), loc)
        return hits[0] if hits else None

    def resolve_column(self, parts: list[str], loc: int | None) -> Compiled:
        entry, i = self._find(parts, loc)
        if i < 0:
            name = SYSTEM_COLUMNS[-1 - i]
            idx = entry.sys_offset + ("xmin", "xmax", "ctid", "cmin", "cmax", "tableoid").index(name)
            typ = getattr(T, SYSCOL_TYPES[name])
        else:
            idx = entry.index_of(i)
            typ = entry.types[i]
        owner = self._owner_scope(entry)
        if owner is self.scope:
            return Compiled(lambda row: row[idx], typ)
        cell = owner.outer_cell
        return Compiled(lambda row: cell[0][idx], typ)

    def _owner_scope(self, entry: RangeEntry) -> Scope:
        scope = self.scope
        while scope is not None:
            if any(e is entry for e in scope.entries):
                return scope
            scope = scope.parent
        return self.scope

    # --- operators --------------------------------------------------------------
    def c_A_Expr(self, n: dict) -> Compiled:
        kind = n["kind"]
        loc = n.get("location")
        handler = {
            "AEXPR_OP": self._op_expr, "AEXPR_IN": self._in_expr,
            "AEXPR_OP_ANY": self._any_all, "AEXPR_OP_ALL": self._any_all,
            "AEXPR_LIKE": self._like_expr, "AEXPR_ILIKE": self._like_expr,
            "AEXPR_BETWEEN": self._between, "AEXPR_NOT_BETWEEN": self._between,
            "AEXPR_BETWEEN_SYM": self._between, "AEXPR_NOT_BETWEEN_SYM": self._between,
            "AEXPR_DISTINCT": self._distinct, "AEXPR_NOT_DISTINCT": self._distinct,
            "AEXPR_NULLIF": self._nullif,
        }.get(kind)
        if handler is None:
            raise self.ctx.error_at(feature_not_supported(f"{kind.lower()[6:]} expressions"), loc)
        return handler(n, loc)

    def binary(self, op: str, left: Compiled | None, right: Compiled, loc: int | None) -> Compiled:
        left, right = _regclass_as_oid(left), _regclass_as_oid(right)
        try:
            oper = T.operator(op, None if left is None else left.type, right.type)
        except PgError as e:
            raise self.ctx.error_at(e, loc)
        r = self.coerce(right, oper.right, "implicit", loc)
        fn = oper.fn
        rf = r.fn
        if left is None:
            def unary(row: tuple) -> Any:
                v = rf(row)
                return None if v is None else fn(v)
            return self.fold(Compiled(unary, oper.result, r.const))
        lc = self.coerce(left, oper.left, "implicit", loc)
        lf = lc.fn

        def apply(row: tuple) -> Any:
            a = lf(row)
            if a is None:
                return None
            b = rf(row)
            return None if b is None else fn(a, b)
        return self.fold(Compiled(apply, oper.result, lc.const and r.const))

    def _op_expr(self, n: dict, loc: int | None) -> Compiled:
        op = strval(n["name"][-1])
        right = self.compile(n["rexpr"])
        left = self.compile(n["lexpr"]) if "lexpr" in n else None
        return self.binary(op, left, right, loc)

    def _in_expr(self, n: dict, loc: int | None) -> Compiled:
        op = strval(n["name"][-1])          # "=" for IN, "<>" for NOT IN
        left = self.compile(n["lexpr"])
        items = [self.compile(x) for x in list_items(n["rexpr"])]
        common = T.common_type([left.type] + [i.type for i in items], "IN")
        left = self.coerce(left, common, "implicit", loc)
        comps = [self.binary("=", left, self.coerce(i, common, "implicit", loc), loc).fn for i in items]
        negate = op == "<>"

        def isin(row: tuple) -> Any:
            saw_null = False
            for comp in comps:
                r = comp(row)
                if r:
                    return not negate
                if r is None:
                    saw_null = True
            return None if saw_null else negate
        return self.fold(Compiled(isin, T.BOOL, left.const and all(i.const for i in items)))

    def _any_all(self, n: dict, loc: int | None) -> Compiled:
        """x op ANY (array) / ALL (array), over the array values TxLab has
        (what functions such as pg_blocking_pids return)."""
        op = strval(n["name"][-1])
        left = self.compile(n["lexpr"])
        arr = self.compile(n["rexpr"])
        if getattr(arr.type, "category", "") != "A":
            raise self.ctx.error_at(feature_not_supported("arrays"), loc)
        elem = Compiled(lambda row: row[1], T.INT4)
        cmp = self.binary(op, Compiled(lambda row: row[0], left.type), elem, loc).fn
        lf, af = left.fn, arr.fn
        is_all = n["kind"] == "AEXPR_OP_ALL"

        def quantified(row: tuple) -> Any:
            a, values = lf(row), af(row)
            if values is None:
                return None
            return quantify((None if a is None or v is None else cmp((a, v)) for v in values), is_all)
        return Compiled(quantified, T.BOOL)

    def _like_expr(self, n: dict, loc: int | None) -> Compiled:
        op = strval(n["name"][-1])
        return self.binary(op, self.compile(n["lexpr"]), self.compile(n["rexpr"]), loc)

    def _between(self, n: dict, loc: int | None) -> Compiled:
        kind = n["kind"]
        x = self.compile(n["lexpr"])
        lo_node, hi_node = list_items(n["rexpr"])
        lo, hi = self.compile(lo_node), self.compile(hi_node)
        ge = self.binary(">=", x, lo, loc).fn
        le = self.binary("<=", x, hi, loc).fn
        symmetric = kind.endswith("_SYM")
        neg = "NOT" in kind
        if symmetric:
            ge2 = self.binary(">=", x, hi, loc).fn
            le2 = self.binary("<=", x, lo, loc).fn

            def between(row: tuple) -> Any:
                return _or(_and(ge(row), le(row)), _and(ge2(row), le2(row)))
        else:
            def between(row: tuple) -> Any:
                return _and(ge(row), le(row))
        fn = (lambda row: _not(between(row))) if neg else between
        return self.fold(Compiled(fn, T.BOOL, x.const and lo.const and hi.const))

    def _distinct(self, n: dict, loc: int | None) -> Compiled:
        left, right = self.compile(n["lexpr"]), self.compile(n["rexpr"])
        eq = self.binary("=", left, right, loc).fn
        lf, rf = left.fn, right.fn
        want_distinct = n["kind"] == "AEXPR_DISTINCT"

        def distinct(row: tuple) -> bool:
            a, b = lf(row), rf(row)
            if a is None or b is None:
                same = a is None and b is None
            else:
                same = bool(eq(row))
            return same != want_distinct
        return self.fold(Compiled(distinct, T.BOOL, left.const and right.const))

    def _nullif(self, n: dict, loc: int | None) -> Compiled:
        left, right = self.compile(n["lexpr"]), self.compile(n["rexpr"])
        eq = self.binary("=", left, right, loc).fn
        lf = left.fn
        typ = T.TEXT if left.type == T.UNKNOWN else left.type
        return self.fold(Compiled(lambda row: None if eq(row) else lf(row), typ,
                                  left.const and right.const))

    def c_BoolExpr(self, n: dict) -> Compiled:
        op = n["boolop"]
        clause = {"AND_EXPR": "AND", "OR_EXPR": "OR", "NOT_EXPR": "NOT"}[op]
        args = [self.boolean(a, clause) for a in n["args"]]
        fns = [a.fn for a in args]
        const = all(a.const for a in args)
        if op == "NOT_EXPR":
            f = fns[0]
            return self.fold(Compiled(lambda row: _not(f(row)), T.BOOL, const))
        if op == "AND_EXPR":
            def conj(row: tuple) -> Any:
                result: Any = True
                for f in fns:
                    v = f(row)
                    if v is False:
                        return False
                    if v is None:
                        result = None
                return result
            return self.fold(Compiled(conj, T.BOOL, const))

        def disj(row: tuple) -> Any:
            result: Any = False
            for f in fns:
                v = f(row)
                if v is True:
                    return True
                if v is None:
                    result = None
            return result
        return self.fold(Compiled(disj, T.BOOL, const))

    def c_NullTest(self, n: dict) -> Compiled:
        arg = self.compile(n["arg"])
        f = arg.fn
        if n["nulltesttype"] == "IS_NULL":
            return self.fold(Compiled(lambda row: f(row) is None, T.BOOL, arg.const))
        return self.fold(Compiled(lambda row: f(row) is not None, T.BOOL, arg.const))

    def c_BooleanTest(self, n: dict) -> Compiled:
        arg = self.boolean(n["arg"], "IS " + n["booltesttype"][3:].replace("_", " "))
        f = arg.fn
        test = {
            "IS_TRUE": lambda v: v is True, "IS_NOT_TRUE": lambda v: v is not True,
            "IS_FALSE": lambda v: v is False, "IS_NOT_FALSE": lambda v: v is not False,
            "IS_UNKNOWN": lambda v: v is None, "IS_NOT_UNKNOWN": lambda v: v is not None,
        }[n["booltesttype"]]
        return self.fold(Compiled(lambda row: test(f(row)), T.BOOL, arg.const))

    # --- casts, functions, conditionals -------------------------------------------
    def type_name(self, tn: dict) -> Any:
        """Resolve a TypeName; its modifiers are needed now, at plan time, so
        they are read from the tree (which also keeps the plan from being
        shared with other literals of the same shape)."""
        typmods = []
        for m in tn.get("typmods", ()):
            if node_type(m) != "A_Const" or "ival" not in m["A_Const"]:
                raise self.ctx.error_at(PgError("42601", "type modifiers must be simple constants or identifiers"),
                                        tn.get("location"))
            typmods.append(self._ival(m["A_Const"], m["A_Const"].get("location", -1)))
        if "arrayBounds" in tn:
            raise self.ctx.error_at(feature_not_supported("array types"), tn.get("location"))
        try:
            return T.type_from_name(names(tn["names"]), typmods)
        except PgError as e:
            raise self.ctx.error_at(e, tn.get("location"))

    def c_TypeCast(self, n: dict) -> Compiled:
        if names(n["typeName"]["names"])[-1] == "regclass":
            from .builtins import regclass_cast
            return regclass_cast(self, self.compile(n["arg"]), n.get("location"))
        target = self.type_name(n["typeName"])
        arg = self.compile(n["arg"])
        loc = n.get("location")
        if arg.type == T.UNKNOWN and node_type(n["arg"]) == "A_Const":
            loc = n["arg"]["A_Const"].get("location", loc)
        return self.coerce(arg, target, "explicit", loc)

    def c_FuncCall(self, n: dict) -> Compiled:
        fname = names(n["funcname"])[-1]
        loc = n.get("location")
        if "over" in n:
            raise self.ctx.error_at(feature_not_supported("window functions"), loc)
        if fname in AGGREGATES and len(n["funcname"]) == 1:
            return self._aggregate(fname, n, loc)
        args = [] if n.get("agg_star") else [self.compile(a) for a in n.get("args", ())]
        from .builtins import engine_function
        special = engine_function(self, fname, args, loc)
        func = None
        if special is None:
            try:
                func = T.function(fname, [a.type for a in args])
            except PgError as e:
                raise self.ctx.error_at(e, loc)
        clause = _aggregate_only_clause(n, fname)
        if clause is not None:          # ParseFuncOrColumn: the function exists but is no aggregate
            raise self.ctx.error_at(PgError("42809", f"{clause} specified, but {fname} is not an aggregate function"),
                                    loc)
        if special is not None:
            return special
        conv = [self.coerce(a, t, "implicit", loc).fn for a, t in zip(args, func.args)]
        fn = func.fn
        strict = func.strict

        def call(row: tuple) -> Any:
            vals = [c(row) for c in conv]
            if strict and None in vals:
                return None
            return fn(*vals)
        const = not func.volatile and all(a.const for a in args)
        if func.volatile:
            self.ctx.volatile = True
        return self.fold(Compiled(call, func.result, const))

    def _aggregate(self, fname: str, n: dict, loc: int | None) -> Compiled:
        g = self.grouping
        if g is None or not self.allow_aggs:
            raise self.ctx.error_at(PgError("42803", "aggregate functions are not allowed in WHERE")
                                    if g is None else
                                    PgError("42803", "aggregate function calls cannot be nested"), loc)
        inner = ExprCompiler(self.ctx, g.input_scope)
        args = [] if n.get("agg_star") else [inner.compile(a) for a in n.get("args", ())]
        try:
            agg = T.aggregate(fname, [a.type for a in args])
        except PgError as e:
            raise self.ctx.error_at(e, loc)
        conv = [inner.coerce(a, t, "implicit", loc).fn for a, t in zip(args, agg.args)]
        filt = inner.boolean(n["agg_filter"], "FILTER").fn if "agg_filter" in n else None
        if "agg_order" in n:
            raise self.ctx.error_at(feature_not_supported("ORDER BY inside aggregate calls"), loc)
        g.aggs.append((agg, conv, bool(n.get("agg_distinct")), filt))
        idx = len(g.key_types) + len(g.aggs) - 1
        return Compiled(lambda row: row[idx], agg.result)

    def c_CoalesceExpr(self, n: dict) -> Compiled:
        args = [self.compile(a) for a in n["args"]]
        typ = T.common_type([a.type for a in args], "COALESCE")
        fns = [self.coerce(a, typ, "implicit", _loc(x)).fn for a, x in zip(args, n["args"])]

        def coalesce(row: tuple) -> Any:
            for f in fns:
                v = f(row)
                if v is not None:
                    return v
            return None
        return self.fold(Compiled(coalesce, typ, all(a.const for a in args)))

    def c_MinMaxExpr(self, n: dict) -> Compiled:
        word = "GREATEST" if n["op"] == "IS_GREATEST" else "LEAST"
        args = [self.compile(a) for a in n["args"]]
        typ = T.common_type([a.type for a in args], word)
        fns = [self.coerce(a, typ, "implicit", n.get("location")).fn for a in args]
        key = T.sort_key(typ) or (lambda v: v)
        pick = max if word == "GREATEST" else min

        def minmax(row: tuple) -> Any:
            vals = [v for v in (f(row) for f in fns) if v is not None]
            return pick(vals, key=key) if vals else None
        return self.fold(Compiled(minmax, typ, all(a.const for a in args)))

    def c_CaseExpr(self, n: dict) -> Compiled:
        arg = self.compile(n["arg"]) if "arg" in n else None
        whens = []
        results = []
        for w in n["args"]:
            wn = w["CaseWhen"]
            if arg is not None:
                cond = self.binary("=", arg, self.compile(wn["expr"]), wn.get("location"))
            else:
                cond = self.boolean(wn["expr"], "CASE/WHEN")
            whens.append(cond)
            results.append(self.compile(wn["result"]))
        default = self.compile(n["defresult"]) if "defresult" in n else _const(None, T.UNKNOWN)
        # PostgreSQL puts the ELSE result first when choosing the common type
        typ = T.common_type([default.type] + [r.type for r in results], "CASE")
        rfns = [self.coerce(r, typ, "implicit", n.get("location")).fn for r in results]
        dfn = self.coerce(default, typ, "implicit", n.get("location")).fn
        pairs = list(zip([w.fn for w in whens], rfns))

        def case(row: tuple) -> Any:
            for cond, res in pairs:
                if cond(row) is True:
                    return res(row)
            return dfn(row)
        const = all(w.const for w in whens) and all(r.const for r in results) and default.const
        return self.fold(Compiled(case, typ, const))

    def c_SQLValueFunction(self, n: dict) -> Compiled:
        from .builtins import sql_value_function
        return sql_value_function(self, n["op"], n.get("location"))

    def c_SubLink(self, n: dict) -> Compiled:
        from .sublink import compile_sublink
        return compile_sublink(self, n)

    def c_ParamRef(self, n: dict) -> Compiled:
        raise self.ctx.error_at(PgError("42P02", f"there is no parameter ${n.get('number', 0)}"),
                                n.get("location"))

    def c_RowExpr(self, n: dict) -> Compiled:
        raise self.ctx.error_at(feature_not_supported("row constructors"), n.get("location"))

    def c_A_ArrayExpr(self, n: dict) -> Compiled:
        raise self.ctx.error_at(feature_not_supported("arrays"), n.get("location"))

    def c_CollateClause(self, n: dict) -> Compiled:
        raise self.ctx.error_at(feature_not_supported("COLLATE"), n.get("location"))

    def c_A_Indirection(self, n: dict) -> Compiled:
        raise self.ctx.error_at(feature_not_supported("subscripts and field selection"), None)

    def c_SetToDefault(self, n: dict) -> Compiled:
        raise self.ctx.error_at(PgError("42601", "DEFAULT is not allowed in this context"), n.get("location"))


def _regclass_as_oid(c: Compiled | None) -> Compiled | None:
    """regclass is binary-coercible to oid: compare it as one."""
    if c is not None and getattr(c.type, "oid", None) == 2205:
        return Compiled(c.fn, T.OID, c.const)
    return c


def list_items(node: Any) -> list:
    """The elements of a parse-tree List (JSON wraps lists in {"List": {"items": ...}})."""
    if isinstance(node, dict):
        return node["List"].get("items", [])
    return node


def _loc(node: dict) -> int | None:
    return node[node_type(node)].get("location")


def _and(a: Any, b: Any) -> Any:
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def _or(a: Any, b: Any) -> Any:
    if a is True or b is True:
        return True
    if a is None or b is None:
        return None
    return False


def _not(v: Any) -> Any:
    return None if v is None else not v


def resolve_output_type(c: Compiled, comp: ExprCompiler, location: int | None) -> Compiled:
    """Unknown-typed outputs become text, as PostgreSQL resolves them."""
    if c.type == T.UNKNOWN:
        return comp.coerce(c, T.TEXT, "implicit", location)
    return c


def run_consts(ctx: Ctx) -> None:
    """Evaluate the folded constants of a plan (once per execution)."""
    for fn, cell in ctx.consts:
        cell[0] = fn(())
