"""Built-in functions: the pg_proc rows TxLab models and parse_func.c's resolution.

`function(name, args)` follows func_get_detail:

1. the rows named `name` that can take len(args) arguments (a VARIADIC
   "any" row is expanded to the call's length);
2. an exact match wins;
3. otherwise, if `name` is a type name and there is one argument, the call
   is a cast when PostgreSQL would treat it as one: an unknown literal, a
   binary-coercible type, or an I/O conversion (text(1), int4('42'),
   date('2024-01-05')), while casts implemented by a function are found in
   step 4 as that function (int4(numeric), date(timestamp), ...);
4. otherwise func_select_candidate (resolve.choose).

The name may be qualified as the grammar qualifies the SQL-syntax forms
(trim -> pg_catalog.btrim, extract -> pg_catalog.extract): lookup ignores
pg_catalog, and errors repeat the name as written, as PostgreSQL's do.

Functions that need engine state (now(), nextval(), txid_current(), ...)
are registered by the engine, not here.  Volatility is reported only as
volatile/not: random() is the one volatile built-in here.  Functions
with defaulted parameters (make_interval) are registered once per arity,
which is how they behave for positional calls.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence

from ..errors import PgError
from . import floats, formatting, integer, interval, numeric, strings, timefuncs
from .boolean import BOOL
from .casts import cast, cast_functions, coercion_pathway
from .datetimes import DATE, TIMESTAMP, TIMESTAMPTZ
from .floats import FLOAT4, FLOAT8
from .integer import INT2, INT4, INT8, RANGES
from .interval import INTERVAL
from .numeric import NUMERIC
from .record import RECORD
from .resolve import Candidate, exact, pick
from .sqltype import ANY, SqlType, stand_in, type_by_name
from .system import UNKNOWN
from .text import BPCHAR, TEXT


@dataclass(frozen=True)
class Function:
    """A resolved function call: coerce the arguments to `args`, call fn.

    A strict function returns NULL for any NULL argument, so the caller may
    skip calling fn then; a non-strict fn is called with None values.
    """

    result: SqlType
    args: list[SqlType]
    fn: Callable
    strict: bool
    volatile: bool


_FUNCTIONS: dict[str, list[Candidate]] = defaultdict(list)


def _define(names: str, args: Sequence[SqlType], result: SqlType, impl: Callable | None, *, strict: bool = True,
            volatile: bool = False, variadic: bool = False, generic: bool = False) -> None:
    for name in names.split():
        _FUNCTIONS[name].append(Candidate(tuple(args), result, impl, variadic, strict, volatile, generic))


def _math() -> None:
    for t in (INT2, INT4, INT8):
        _define("abs", [t], t, integer.absolute(RANGES[t]))
        _define("mod", [t, t], t, integer.int_mod)
    for t in (FLOAT4, FLOAT8):
        _define("abs", [t], t, floats.float_abs)
    one_arg = (("abs", numeric.numeric_abs, None), ("round", numeric.numeric_round, floats.rint),
               ("trunc", numeric.numeric_trunc, floats.trunc), ("ceil ceiling", numeric.numeric_ceil, floats.ceil),
               ("floor", numeric.numeric_floor, floats.floor), ("sqrt", numeric.sqrt, floats.sqrt),
               ("exp", numeric.exp, floats.exp), ("ln", numeric.ln, floats.ln),
               ("log log10", numeric.log10, floats.log10), ("sign", numeric.numeric_sign, floats.sign))
    for names, on_numeric, on_float in one_arg:
        _define(names, [NUMERIC], NUMERIC, on_numeric)
        if on_float is not None:
            _define(names, [FLOAT8], FLOAT8, on_float)
    _define("round", [NUMERIC, INT4], NUMERIC, numeric.numeric_round)
    _define("trunc", [NUMERIC, INT4], NUMERIC, numeric.numeric_trunc)
    _define("mod", [NUMERIC, NUMERIC], NUMERIC, numeric.mod)
    _define("div", [NUMERIC, NUMERIC], NUMERIC, numeric.div_trunc)
    _define("log", [NUMERIC, NUMERIC], NUMERIC, numeric.log)
    _define("power pow", [NUMERIC, NUMERIC], NUMERIC, numeric.power)
    _define("power pow", [FLOAT8, FLOAT8], FLOAT8, floats.power)
    _define("scale", [NUMERIC], INT4, numeric.scale)
    for macaddr in (stand_in(829, "macaddr", "U"), stand_in(774, "macaddr8", "U")):
        _define("trunc", [macaddr], macaddr, None)      # resolution reports the type instead
    _define("cbrt", [FLOAT8], FLOAT8, floats.cbrt)
    _define("degrees", [FLOAT8], FLOAT8, floats.degrees)
    _define("radians", [FLOAT8], FLOAT8, floats.radians)
    _define("pi", [], FLOAT8, floats.pi)
    _define("random", [], FLOAT8, floats.random, volatile=True)


def _count_nulls(wanted: bool) -> Callable[..., int]:
    def count_nulls(*values: object) -> int:
        return sum((v is None) == wanted for v in values)
    return count_nulls


def _text() -> None:
    for names, args, result, fn in (
            ("length char_length character_length", [TEXT], INT4, strings.length),
            ("length char_length character_length", [BPCHAR], INT4, strings.bpchar_length),
            ("octet_length", [TEXT], INT4, strings.octet_length),
            ("octet_length", [BPCHAR], INT4, strings.octet_length),
            ("lower", [TEXT], TEXT, strings.lower), ("upper", [TEXT], TEXT, strings.upper),
            ("initcap", [TEXT], TEXT, strings.initcap),
            ("substr substring", [TEXT, INT4], TEXT, strings.substr),
            ("substr substring", [TEXT, INT4, INT4], TEXT, strings.substr),
            ("substring", [TEXT, TEXT], TEXT, strings.regex_substring),
            ("position strpos", [TEXT, TEXT], INT4, strings.strpos),
            ("btrim", [TEXT], TEXT, strings.btrim), ("btrim", [TEXT, TEXT], TEXT, strings.btrim),
            ("ltrim", [TEXT], TEXT, strings.ltrim), ("ltrim", [TEXT, TEXT], TEXT, strings.ltrim),
            ("rtrim", [TEXT], TEXT, strings.rtrim), ("rtrim", [TEXT, TEXT], TEXT, strings.rtrim),
            ("replace", [TEXT, TEXT, TEXT], TEXT, strings.replace),
            ("left", [TEXT, INT4], TEXT, strings.left), ("right", [TEXT, INT4], TEXT, strings.right),
            ("repeat", [TEXT, INT4], TEXT, strings.repeat),
            ("split_part", [TEXT, TEXT, INT4], TEXT, strings.split_part),
            ("md5", [TEXT], TEXT, strings.md5), ("reverse", [TEXT], TEXT, strings.reverse),
            ("lpad", [TEXT, INT4], TEXT, strings.lpad), ("lpad", [TEXT, INT4, TEXT], TEXT, strings.lpad),
            ("rpad", [TEXT, INT4], TEXT, strings.rpad), ("rpad", [TEXT, INT4, TEXT], TEXT, strings.rpad),
            ("ascii", [TEXT], INT4, strings.ascii_code), ("chr", [INT4], TEXT, strings.chr_),
            ("starts_with", [TEXT, TEXT], BOOL, strings.starts_with),
            ("translate", [TEXT, TEXT, TEXT], TEXT, strings.translate),
            ("overlay", [TEXT, TEXT, INT4], TEXT, strings.overlay),
            ("overlay", [TEXT, TEXT, INT4, INT4], TEXT, strings.overlay),
            ("like_escape", [TEXT, TEXT], TEXT, strings.like_escape),
            ("similar_to_escape", [TEXT], TEXT, strings.similar_to_escape),
            ("similar_to_escape", [TEXT, TEXT], TEXT, strings.similar_to_escape)):
        _define(names, args, result, fn)
    _define("concat", [ANY], TEXT, strings.concat, strict=False, variadic=True, generic=True)
    _define("concat_ws", [TEXT, ANY], TEXT, strings.concat_ws, strict=False, variadic=True, generic=True)
    _define("num_nulls", [ANY], INT4, _count_nulls(True), strict=False, variadic=True)
    _define("num_nonnulls", [ANY], INT4, _count_nulls(False), strict=False, variadic=True)


def _always_finite(value: object) -> bool:
    return True


def _datetime() -> None:
    for t, trunc, extract in ((TIMESTAMP, timefuncs.trunc_timestamp, timefuncs.extract_timestamp),
                              (TIMESTAMPTZ, timefuncs.trunc_timestamptz, timefuncs.extract_timestamptz),
                              (INTERVAL, timefuncs.trunc_interval, timefuncs.extract_interval)):
        _define("date_trunc", [TEXT, t], t, trunc)
        _define("extract", [TEXT, t], NUMERIC, extract)
        _define("date_part", [TEXT, t], FLOAT8, timefuncs.date_part(extract))
    _define("extract", [TEXT, DATE], NUMERIC, timefuncs.extract_date)
    _define("date_part", [TEXT, DATE], FLOAT8, timefuncs.date_part_date)
    for t in (TIMESTAMP, TIMESTAMPTZ):
        _define("age", [t, t], INTERVAL, timefuncs.age)
    for t in (DATE, TIMESTAMP, TIMESTAMPTZ, INTERVAL):
        _define("isfinite", [t], BOOL, _always_finite)
    _define("make_date", [INT4] * 3, DATE, timefuncs.make_date)
    _define("make_timestamp", [INT4] * 5 + [FLOAT8], TIMESTAMP, timefuncs.make_timestamp)
    _define("make_timestamptz", [INT4] * 5 + [FLOAT8], TIMESTAMPTZ, timefuncs.make_timestamptz)
    make_interval_args = [INT4] * 6 + [FLOAT8]
    for arity in range(len(make_interval_args) + 1):
        _define("make_interval", make_interval_args[:arity], INTERVAL, timefuncs.make_interval)
    for name, fn in (("justify_days", interval.justify_days), ("justify_hours", interval.justify_hours),
                     ("justify_interval", interval.justify_interval)):
        _define(name, [INTERVAL], INTERVAL, fn)
    _define("to_timestamp", [FLOAT8], TIMESTAMPTZ, timefuncs.to_timestamp)


def _to_char() -> None:
    for t, fn in ((INT4, formatting.int_to_char), (INT8, formatting.int_to_char),
                  (FLOAT4, formatting.float_to_char(6)), (FLOAT8, formatting.float_to_char(15)),
                  (NUMERIC, formatting.numeric_to_char), (TIMESTAMP, formatting.timestamp_to_char),
                  (TIMESTAMPTZ, formatting.timestamptz_to_char), (INTERVAL, formatting.interval_to_char)):
        _define("to_char", [t, TEXT], TEXT, fn)


def _casts() -> None:
    for name, src, dst, fn in cast_functions():
        _define(name, [src], dst, fn)


for _build in (_math, _text, _datetime, _to_char, _casts):
    _build()


def signature(name: str, args: Sequence[SqlType]) -> str:
    return f"{name}({', '.join(t.regtype for t in args)})"


def candidates(table: dict[str, list[Candidate]], name: str, nargs: int) -> list[Candidate]:
    expanded = (c.expanded(nargs) for c in table.get(name, ()))
    return [c for c in expanded if c is not None]


def select(table: dict[str, list[Candidate]], name: str, args: Sequence[SqlType]) -> Candidate:
    """exact match, else func_select_candidate, with ParseFuncOrColumn's errors."""
    sig = signature(name, args)
    return pick(candidates(table, builtin_name(name), len(args)), args, args,
                lambda: PgError("42883", f"function {sig} does not exist", hint=_MISSING_HINT),
                lambda: PgError("42725", f"function {sig} is not unique", hint=_AMBIGUOUS_HINT))


_MISSING_HINT = "No function matches the given name and argument types. You might need to add explicit type casts."
_AMBIGUOUS_HINT = "Could not choose a best candidate function. You might need to add explicit type casts."


def _type_coercion(name: str, args: Sequence[SqlType]) -> Function | None:
    """func_get_detail's "function call that is really a cast" rule."""
    target = type_by_name(name)
    if len(args) != 1 or target is None or target.category == "P":
        return None
    src = args[0]
    path = "io" if src.oid == UNKNOWN.oid else coercion_pathway(src, target)
    if path == "relabel" or (path == "io" and not (src.oid == RECORD.oid and target.category == "S")):
        return Function(target, [src], cast(src, target, "explicit"), True, False)
    return None


def builtin_name(name: str) -> str:
    """The catalog name of a possibly qualified name: 'pg_catalog.btrim' is
    'btrim'; a name in another schema names nothing built in."""
    schema, _, base = name.rpartition(".")
    return base if schema in ("", "pg_catalog") else name


def function(name: str, args: list[SqlType]) -> Function:
    """Resolve a call of the built-in function `name` (lower-cased, possibly
    qualified as the grammar qualifies trim/extract: errors repeat it as written)."""
    result, bound, fn, strict, volatile = _function(name, tuple(args))
    return Function(result, list(bound), fn, strict, volatile)


@lru_cache(maxsize=4096)
def _function(name: str, args: tuple[SqlType, ...]) -> tuple[SqlType, tuple[SqlType, ...], Callable, bool, bool]:
    """The resolution, remembered per signature (a fresh Function is built
    around it for each caller, whose `args` list is its own)."""
    lookup = builtin_name(name)
    found = candidates(_FUNCTIONS, lookup, len(args))
    hit = exact(found, args)
    if hit is None:
        coercion = _type_coercion(lookup, args)
        if coercion is not None:
            return coercion.result, tuple(coercion.args), coercion.fn, True, False
        hit = select(_FUNCTIONS, name, args)
    bound, fn = hit.bound(args)
    return hit.result, tuple(bound), fn, hit.strict, hit.volatile
