"""Expression text as ``\\d`` prints it: PostgreSQL's ``pg_get_expr`` (pretty).

The engine keeps a column's DEFAULT and a CHECK constraint as raw parse
trees (pglast JSON).  ``\\d`` shows them as PostgreSQL's ruleutils.c prints
the *analysed* expression, which differs from what the user typed in ways a
learner notices: implicit casts appear (``CHECK (balance >= 0::numeric)``),
literals get their type (``'x'::text``), ``IN`` becomes ``= ANY (ARRAY[...])``
and ``BETWEEN`` a pair of comparisons.  So this module first analyses the
tree the way the parser does, with the engine's own operator and function
resolution (`txlab.engine.types`), then prints it with ruleutils' rules:

* constants: ``get_const_expr`` -- non-negative int4 and float-looking
  numerics bare, negative ones quoted (``'-1'::integer``) or parenthesised
  (``(-1.5)``), everything else quoted with a ``::type`` label;
* casts the parser added are shown (``x::numeric``) except at the top of the
  expression, where pg_get_expr hides an implicit coercion;
* parentheses follow ``isSimpleNode`` in pretty mode: comparisons under
  AND/OR need none, arithmetic under a comparison does, ``*`` under ``+``
  does not, an OR under an AND does.

What the analysis does not understand (subqueries, CASE, row values, ...)
raises `Unsupported`; `describe` then falls back to pglast's own deparser,
which prints the expression as typed (honest, not PostgreSQL's spelling).
Known limit: pglast 5's JSON drops negative integer constants (``-1`` reads
as ``{"ival": {}}``), so a stored ``DEFAULT -1`` comes back as 0; the engine
evaluates the same tree, so \\d shows what the engine will actually insert.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

__all__ = ["Unsupported", "Expr", "check_text", "default_text"]

_ARITH_LO, _ARITH_HI = "+-", "*/%"
_SQL_VALUE = {
    "SVFOP_CURRENT_DATE": ("CURRENT_DATE", 1082), "SVFOP_CURRENT_TIME": ("CURRENT_TIME", 1266),
    "SVFOP_CURRENT_TIMESTAMP": ("CURRENT_TIMESTAMP", 1184), "SVFOP_LOCALTIME": ("LOCALTIME", 1083),
    "SVFOP_LOCALTIMESTAMP": ("LOCALTIMESTAMP", 1114), "SVFOP_CURRENT_USER": ("CURRENT_USER", 19),
    "SVFOP_SESSION_USER": ("SESSION_USER", 19), "SVFOP_USER": ("CURRENT_USER", 19),
    "SVFOP_CURRENT_ROLE": ("CURRENT_ROLE", 19), "SVFOP_CURRENT_CATALOG": ("CURRENT_CATALOG", 19),
    "SVFOP_CURRENT_SCHEMA": ("CURRENT_SCHEMA", 19),
}
_ENGINE_FUNCTIONS = {   # functions the engine resolves itself (builtins.py): result type OIDs
    "now": 1184, "transaction_timestamp": 1184, "statement_timestamp": 1184, "clock_timestamp": 1184,
    "txid_current": 20, "pg_backend_pid": 23, "nextval": 20, "currval": 20, "lastval": 20,
}
_INT4, _INT8, _NUMERIC, _FLOAT4, _FLOAT8, _BOOL, _UNKNOWN, _TEXT = 23, 20, 1700, 700, 701, 16, 705, 25


class Unsupported(Exception):
    """An expression this module cannot analyse like PostgreSQL."""


@dataclass
class Expr:
    """An analysed expression node: what ruleutils would print."""
    kind: str                      # const var func op prefix and or not cast nulltest booltest any sqlvalue
    type: Any                      # engine SqlType (UNKNOWN for an untyped literal)
    text: str = ""                 # const: output text; var/func/sqlvalue: name; op: operator
    args: list["Expr"] = field(default_factory=list)
    explicit: bool = False         # a cast the user wrote
    null: bool = False


def _types() -> Any:
    from txlab.engine import types as T
    return T


# ---------------------------------------------------------------------------
# Analysis: raw parse tree -> typed Expr (parse_expr.c + parse_coerce.c, simplified)

class Analyzer:
    def __init__(self, column_type: Callable[[str], Any]) -> None:
        self.column_type = column_type
        self.T = _types()

    def expr(self, node: dict) -> Expr:
        (kind, body), = node.items()
        handler = getattr(self, "_" + kind, None)
        if handler is None:
            raise Unsupported(kind)
        return handler(body)

    # -- leaves ------------------------------------------------------------------------
    def _A_Const(self, n: dict) -> Expr:
        T = self.T
        if n.get("isnull"):
            return Expr("const", T.UNKNOWN, "NULL", null=True)
        if "ival" in n:
            return Expr("const", T.INT4, str(n["ival"].get("ival", 0)))
        if "fval" in n:
            text = n["fval"]["fval"]
            typ, value = T.literal_type(text.lstrip("-"))
            return Expr("const", typ, text)
        if "boolval" in n:
            return Expr("const", T.BOOL, "true" if n["boolval"].get("boolval") else "false")
        if "sval" in n:
            return Expr("const", T.UNKNOWN, n["sval"].get("sval", ""))
        raise Unsupported("constant")

    def _ColumnRef(self, n: dict) -> Expr:
        fields = n["fields"]
        last = fields[-1]
        if "String" not in last:
            raise Unsupported("column reference")
        name = last["String"]["sval"]
        typ = self.column_type(name)
        if typ is None:
            raise Unsupported(f"column {name}")
        return Expr("var", typ, _ident(name))

    def _SQLValueFunction(self, n: dict) -> Expr:
        text, oid = _SQL_VALUE.get(n["op"], (None, None))
        if text is None:
            raise Unsupported(n["op"])
        return Expr("sqlvalue", self.T.type_by_oid(oid) if oid != 1266 else self.T.TEXT, text)

    # -- operators -----------------------------------------------------------------------
    def _A_Expr(self, n: dict) -> Expr:
        kind = n["kind"]
        name = n["name"][-1]["String"]["sval"]
        if kind == "AEXPR_OP":
            if "lexpr" not in n:
                return self.prefix(name, self.expr(n["rexpr"]))
            return self.binary(name, self.expr(n["lexpr"]), self.expr(n["rexpr"]))
        if kind in ("AEXPR_LIKE", "AEXPR_ILIKE"):
            return self.binary(name, self.expr(n["lexpr"]), self.expr(n["rexpr"]))
        if kind == "AEXPR_IN":
            return self.in_list(name, self.expr(n["lexpr"]), [self.expr(x) for x in n["rexpr"]["List"]["items"]])
        if kind in ("AEXPR_BETWEEN", "AEXPR_NOT_BETWEEN"):
            lo, hi = (self.expr(x) for x in n["rexpr"]["List"]["items"])
            if kind == "AEXPR_BETWEEN":
                return Expr("and", self.T.BOOL, args=[self.binary(">=", self.expr(n["lexpr"]), lo),
                                                      self.binary("<=", self.expr(n["lexpr"]), hi)])
            return Expr("or", self.T.BOOL, args=[self.binary("<", self.expr(n["lexpr"]), lo),
                                                 self.binary(">", self.expr(n["lexpr"]), hi)])
        raise Unsupported(kind)

    def binary(self, name: str, left: Expr, right: Expr) -> Expr:
        try:
            op = self.T.operator(name, left.type, right.type)
        except Exception as e:   # the engine has no such operator: say so, don't guess
            raise Unsupported(f"operator {name}") from e
        return Expr("op", op.result, "<>" if name == "!=" else name,
                    [coerce(left, op.left), coerce(right, op.right)])

    def prefix(self, name: str, arg: Expr) -> Expr:
        try:
            op = self.T.operator(name, None, arg.type)
        except Exception as e:
            raise Unsupported(f"operator {name}") from e
        return Expr("prefix", op.result, name, [coerce(arg, op.right)])

    def in_list(self, name: str, left: Expr, items: list[Expr]) -> Expr:
        T = self.T
        try:
            common = T.common_type([left.type] + [i.type for i in items], "IN")
        except Exception as e:
            raise Unsupported("IN list") from e
        elems = [coerce(i, common.base) for i in items]
        probe = self.binary(name, Expr("var", left.type, "x"), Expr("var", common.base, "y"))
        array = Expr("array", common.base, args=elems)
        wanted = probe.args[1].type
        if wanted.oid != common.base.oid:
            array = Expr("cast", wanted, args=[array], text="[]")
        lhs = coerce(left, probe.args[0].type)
        return Expr("any", T.BOOL, probe.text, [lhs, array])

    # -- boolean structure ------------------------------------------------------------------
    def _BoolExpr(self, n: dict) -> Expr:
        kind = {"AND_EXPR": "and", "OR_EXPR": "or", "NOT_EXPR": "not"}[n["boolop"]]
        args = [coerce(self.expr(a), self.T.BOOL) for a in n["args"]]
        if kind != "not":      # the parser flattens nested AND (and OR) lists
            flat: list[Expr] = []
            for a in args:
                flat.extend(a.args if a.kind == kind else [a])
            args = flat
        return Expr(kind, self.T.BOOL, args=args)

    def _NullTest(self, n: dict) -> Expr:
        word = "IS NULL" if n["nulltesttype"] == "IS_NULL" else "IS NOT NULL"
        return Expr("nulltest", self.T.BOOL, word, [self.expr(n["arg"])])

    def _BooleanTest(self, n: dict) -> Expr:
        word = n["booltesttype"].replace("_", " ")
        return Expr("nulltest", self.T.BOOL, word, [coerce(self.expr(n["arg"]), self.T.BOOL)])

    # -- calls and casts ----------------------------------------------------------------------
    def _FuncCall(self, n: dict) -> Expr:
        T = self.T
        names = [x["String"]["sval"] for x in n["funcname"] if "String" in x]
        name = names[-1]
        args = [self.expr(a) for a in n.get("args", [])]
        if n.get("agg_star") or n.get("over") or n.get("agg_distinct"):
            raise Unsupported("aggregate")
        if name in _ENGINE_FUNCTIONS:
            if name in ("nextval", "currval") and len(args) == 1 and args[0].kind == "const":
                args = [Expr("const", _Named("regclass"), args[0].text)]
            return Expr("func", T.type_by_oid(_ENGINE_FUNCTIONS[name]), name, args)
        try:
            fn = T.function(name, [a.type for a in args])
        except Exception as e:
            raise Unsupported(f"function {name}") from e
        return Expr("func", fn.result, name, [coerce(a, t) for a, t in zip(args, fn.args)])

    def _TypeCast(self, n: dict) -> Expr:
        T = self.T
        tn = n["typeName"]
        if tn.get("arrayBounds"):
            raise Unsupported("array type")
        names = [x["String"]["sval"] for x in tn["names"]]
        mods = []
        for m in tn.get("typmods", []):
            if "A_Const" not in m or "ival" not in m["A_Const"]:
                raise Unsupported("type modifier")
            mods.append(m["A_Const"]["ival"].get("ival", 0))
        try:
            target = T.type_from_name(names, mods)
        except Exception as e:
            raise Unsupported("type name") from e
        arg = self.expr(n["arg"])
        if arg.kind == "const" and arg.type.oid == _UNKNOWN:
            return retype_const(arg, target)
        if arg.type.oid == target.oid and arg.type.typmod == target.typmod:
            return arg
        return Expr("cast", target, args=[arg], explicit=True)


class _Named:
    """A type known only by its display name (regclass, for nextval's argument)."""
    def __init__(self, name: str) -> None:
        self.name = self.regtype = name
        self.oid = -1
        self.typmod = -1
        self.base = self


def retype_const(const: Expr, target: Any) -> Expr:
    """An untyped literal given a type: the parser runs the type's input
    function, so the value is normalised ('2020-1-1' -> '2020-01-01')."""
    text = const.text
    if not const.null:
        try:
            text = target.output(target.input(text))
        except Exception:
            pass
    return Expr("const", target, text, null=const.null)


def coerce(e: Expr, target: Any) -> Expr:
    """coerce_type(): retype an untyped literal, else an implicit cast node."""
    if target is None or e.type.oid == target.oid:
        return e
    if e.kind == "const" and e.type.oid == _UNKNOWN:
        return retype_const(e, target.base)
    return Expr("cast", target.base, args=[e])


# ---------------------------------------------------------------------------
# Printing: ruleutils.c's get_rule_expr in pretty mode

def _ident(name: str) -> str:
    """quote_identifier(): bare when lower-case letters, digits and _ only."""
    import re
    if re.fullmatch(r"[a-z_][a-z0-9_$]*", name):
        return name
    return '"' + name.replace('"', '""') + '"'


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _const(e: Expr) -> str:
    oid = e.type.oid
    text = e.text
    if e.null:
        return "NULL" if oid == _UNKNOWN else f"NULL::{e.type.name}"
    if oid == _BOOL:
        return text
    if oid == _UNKNOWN:
        return _quote(text)
    if oid == _INT4:
        return text if not text.startswith("-") else f"{_quote(text)}::integer"
    if oid in (_NUMERIC, _FLOAT4, _FLOAT8) and text and all(c in "0123456789+-eE." for c in text):
        shown = f"({text})" if text[0] in "+-" else text
        isfloat = any(c in "eE." for c in text)
        if oid == _NUMERIC and isfloat and e.type.typmod < 0:
            return shown
        return f"{shown}::{e.type.name}"
    return f"{_quote(text)}::{e.type.name}"


def _binary_priority(op: str) -> str | None:
    if op and op[0] in _ARITH_LO:
        return "lo"
    if op and op[0] in _ARITH_HI:
        return "hi"
    return None


def _simple(child: Expr, parent: Expr, first: bool) -> bool:
    """isSimpleNode() with PRETTYFLAG_PAREN: may `child` go without parentheses?"""
    k, p = child.kind, parent.kind
    if k in ("const", "var", "func", "sqlvalue", "array", "cast"):
        return True
    if k == "op" and p == "op":
        mine, theirs = _binary_priority(child.text), _binary_priority(parent.text)
        if mine is None or theirs is None:
            return False
        if mine == "hi" and theirs == "lo":
            return True
        if mine == "lo" and theirs == "hi":
            return False
        return first
    if k in ("op", "prefix", "nulltest", "any"):
        if p == "prefix" or p == "op":
            return False
        return p in ("and", "or", "not", "func")
    if k in ("and", "or", "not"):
        if p in ("and", "or", "not"):
            if k in ("not", "and"):
                return p in ("and", "or")
            return p == "or"
        return p == "func"
    return False


def _paren(child: Expr, parent: Expr, first: bool = False) -> str:
    text = render(child)
    return text if _simple(child, parent, first) else f"({text})"


def render(e: Expr) -> str:
    k = e.kind
    if k == "const":
        return _const(e)
    if k in ("var", "sqlvalue"):
        return e.text
    if k == "func":
        return f"{e.text}(" + ", ".join(render(a) for a in e.args) + ")"
    if k == "cast":
        suffix = e.type.name + "[]" if e.text == "[]" else e.type.name
        return f"{_paren(e.args[0], e)}::{suffix}"
    if k == "op":
        left, right = e.args
        return f"{_paren(left, e, True)} {e.text} {_paren(right, e)}"
    if k == "prefix":
        return f"{e.text} {_paren(e.args[0], e)}"
    if k in ("and", "or"):
        return f" {k.upper()} ".join(_paren(a, e) for a in e.args)
    if k == "not":
        return f"NOT {_paren(e.args[0], e)}"
    if k == "nulltest":
        return f"{_paren(e.args[0], e)} {e.text}"
    if k == "any":
        left, array = e.args
        return f"{_paren(left, e, True)} {e.text} ANY ({render(array)})"
    if k == "array":
        return "ARRAY[" + ", ".join(render(a) for a in e.args) + "]"
    raise Unsupported(k)


def _top(e: Expr) -> Expr:
    """pg_get_expr hides an implicit coercion at the top of the expression."""
    while e.kind == "cast" and not e.explicit:
        e = e.args[0]
    return e


def _raw(node: dict) -> str:
    """Fallback: pglast's deparser, i.e. the expression as typed."""
    from pglast import ast, stream
    (kind, body), = node.items()
    try:
        return stream.RawStream()(ast.__dict__[kind](**_to_ast(body)))
    except Exception:
        return "(expression)"


def _to_ast(body: Any) -> Any:
    from pglast import ast
    if isinstance(body, dict):
        if len(body) == 1:
            (k, v), = body.items()
            if k in ast.__dict__ and isinstance(v, dict) and k[0].isupper():
                return ast.__dict__[k](**_to_ast(v))
        return {k: _to_ast(v) for k, v in body.items()}
    if isinstance(body, list):
        return tuple(_to_ast(x) for x in body)
    return body


def check_text(node: dict, column_type: Callable[[str], Any]) -> str:
    """The body of ``CHECK (...)`` as pg_get_constraintdef prints it."""
    try:
        return render(_top(Analyzer(column_type).expr(node)))
    except Unsupported:
        return _raw(node)


def default_text(node: dict, target: Any, column_type: Callable[[str], Any]) -> str:
    """A column DEFAULT as ``pg_get_expr(adbin, adrelid, true)`` prints it."""
    try:
        e = Analyzer(column_type).expr(node)
        if e.kind == "const" and e.type.oid == _UNKNOWN:
            e = retype_const(e, target.base)
        return render(_top(e))
    except Unsupported:
        return _raw(node)
