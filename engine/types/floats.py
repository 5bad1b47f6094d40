"""real and double precision: Python float (float.c).

double precision is a Python float.  real is a Python float that always
holds a value representable in IEEE single precision: every real result is
rounded through struct's 'f' format, which is what C's (float4) cast does,
and single-precision +, -, *, / computed in double and rounded once give
the correctly rounded single result, so float4 arithmetic is exact.

Output is PostgreSQL 15's default (extra_float_digits = 1): the shortest
digit string that reads back to the same value (Ryu in PostgreSQL; Python's
repr finds the same digits for doubles, a short search finds them for
singles), printed in fixed notation when the decimal exponent is in
[-4, 15) for double and [-4, 6) for real, else as 1.5e+15 / 1e-05.  NaN,
Infinity, -Infinity and -0 print as PostgreSQL prints them.

Arithmetic raises what float.c raises: 22003 "value out of range:
overflow" when finite inputs give an infinity, "... underflow" when nonzero
inputs give zero, 22012 on division by zero.  Comparisons order NaN above
everything and equal to itself (float8_cmp_internal).
"""
from __future__ import annotations

import math
import random as _random
import re
import struct
from decimal import Decimal
from typing import Callable

from . import conditions
from .integer import IntRange
from .sqltype import TypeKind, register

_F32 = struct.Struct("f")
_FLOAT_TEXT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_SPECIAL = {"nan": math.nan, "infinity": math.inf, "+infinity": math.inf, "-infinity": -math.inf,
            "inf": math.inf, "+inf": math.inf, "-inf": -math.inf}
RADIANS_PER_DEGREE = 0.0174532925199432957692


def to_f32(x: float) -> float:
    """Round a double to the nearest single (infinity beyond FLT_MAX)."""
    return _F32.unpack(_F32.pack(x))[0]


def _reader(regtype: str, narrow: bool) -> Callable[[str], float]:
    def float_in(text: str) -> float:
        word = text.strip(" \t\n\r\v\f")
        if not _FLOAT_TEXT.fullmatch(word):
            special = _SPECIAL.get(word.lower())
            if special is None:
                raise conditions.invalid_syntax(regtype, text)
            return special
        x = to_f32(float(word)) if narrow else float(word)
        if math.isinf(x) or (x == 0 and any(c in "123456789" for c in word.split("e")[0].split("E")[0])):
            raise conditions.float_out_of_range(word, regtype)
        return x
    return float_in


float4_in = _reader("real", True)
float8_in = _reader("double precision", False)


def _digits(text: str) -> tuple[str, int]:
    """Significant digits of a decimal numeral and the exponent of the first one."""
    mantissa, _, exponent = text.partition("e")
    whole, _, fraction = mantissa.partition(".")
    allds = whole + fraction
    digits = allds.lstrip("0")
    exp10 = len(whole) - 1 - (len(allds) - len(digits)) + (int(exponent) if exponent else 0)
    return digits.rstrip("0"), exp10


def _layout(digits: str, exp10: int, fixed_below: int) -> str:
    """Place shortest digits as PostgreSQL's Ryu-based output does."""
    if -4 <= exp10 < fixed_below:
        if exp10 < 0:
            return "0." + "0" * (-exp10 - 1) + digits
        whole = digits[:exp10 + 1].ljust(exp10 + 1, "0")
        fraction = digits[exp10 + 1:]
        return whole + ("." + fraction if fraction else "")
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return f"{mantissa}e{'-' if exp10 < 0 else '+'}{abs(exp10):02d}"


def _special_out(x: float) -> str | None:
    if x != x:
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "-0" if math.copysign(1.0, x) < 0 else "0"
    return None


def _f32_neighbours(x: float) -> tuple[float, float]:
    bits = struct.unpack("<I", _F32.pack(x))[0]
    below, above = (struct.unpack("<f", struct.pack("<I", b))[0] for b in (bits - 1, bits + 1))
    return below, above


def _f64_neighbours(x: float) -> tuple[float, float]:
    return math.nextafter(x, 0.0), math.nextafter(x, math.inf)


def _open_interval(text: str, x: float, big: float, neighbours: Callable[[float], tuple[float, float]]) -> str:
    """Ryu as PostgreSQL builds it treats the rounding interval as open: a
    shortest string lying exactly halfway to a neighbour (which the reader's
    round-half-even would still map back to x) is not accepted, so one more
    digit is printed.  Such ties need an integral midpoint, i.e. x >= 2^53
    (doubles) or 2^24 (singles), where x and its neighbours are integers."""
    if x < big:
        return text
    ties = {int(x) + int(n) for n in neighbours(x) if math.isfinite(n)}
    precision = len(_digits(text)[0])
    while 2 * int(Decimal(text)) in ties:
        precision += 1
        text = f"{x:.{precision - 1}e}"
    return text


def float8_out(x: float) -> str:
    special = _special_out(x)
    if special is not None:
        return special
    text = _open_interval(repr(abs(x)), abs(x), 2.0 ** 53, _f64_neighbours)
    digits, exp10 = _digits(text)
    return ("-" if x < 0 else "") + _layout(digits, exp10, 15)


def float4_out(x: float) -> str:
    special = _special_out(x)
    if special is not None:
        return special
    for precision in range(1, 10):
        text = f"{abs(x):.{precision - 1}e}"
        if to_f32(float(text)) == abs(x):
            break
    text = _open_interval(text, abs(x), 2.0 ** 24, _f32_neighbours)
    digits, exp10 = _digits(text)
    return ("-" if x < 0 else "") + _layout(digits, exp10, 6)


def float_sort_key(x: float) -> tuple:
    return (1, 0.0) if x != x else (0, x)


FLOAT4 = register(TypeKind(700, "float4", "real", "N", False, float4_in, float4_out, float_sort_key))
FLOAT8 = register(TypeKind(701, "float8", "double precision", "N", True, float8_in, float8_out, float_sort_key))


# --- comparison (NaN = NaN, NaN above all) -------------------------------------

def eq(a: float, b: float) -> bool:
    return a == b or (a != a and b != b)


def ne(a: float, b: float) -> bool:
    return not (a == b or (a != a and b != b))


def lt(a: float, b: float) -> bool:
    return a < b or (b != b and a == a)


def le(a: float, b: float) -> bool:
    return a <= b or b != b


def gt(a: float, b: float) -> bool:
    return a > b or (a != a and b == b)


def ge(a: float, b: float) -> bool:
    return a >= b or a != a


# --- arithmetic -----------------------------------------------------------------

def narrowing(fn: Callable[..., float]) -> Callable[..., float]:
    """The real (float4) version of a double operation: one rounding to single."""
    def float4_op(*args: float) -> float:
        return to_float4(fn(*args))
    return float4_op


def to_float4(x: float) -> float:
    """float8 -> float4 as float8_to_float4 does, with its overflow checks."""
    r = to_f32(x)
    if math.isinf(r) and not math.isinf(x):
        raise conditions.float_overflow()
    if r == 0 and x != 0:
        raise conditions.float_underflow()
    return r


def _overflow_checked(r: float, a: float, b: float) -> float:
    if math.isinf(r) and not (math.isinf(a) or math.isinf(b)):
        raise conditions.float_overflow()
    return r


def add(a: float, b: float) -> float:
    return _overflow_checked(a + b, a, b)


def sub(a: float, b: float) -> float:
    return _overflow_checked(a - b, a, b)


def mul(a: float, b: float) -> float:
    r = _overflow_checked(a * b, a, b)
    if r == 0 and a != 0 and b != 0:
        raise conditions.float_underflow()
    return r


def div(a: float, b: float) -> float:
    if b == 0:
        if a != a:
            return a
        raise conditions.division_by_zero()
    r = a / b
    if math.isinf(r) and not math.isinf(a):
        raise conditions.float_overflow()
    if r == 0 and a != 0 and not math.isinf(b):
        raise conditions.float_underflow()
    return r


def negate(a: float) -> float:
    return -a


def uplus(a: float) -> float:
    return a


def float_abs(a: float) -> float:
    return abs(a)


def power(a: float, b: float) -> float:
    """dpow: POSIX pow with float.c's SQL-standard errors."""
    if a == 0 and b < 0:
        raise conditions.invalid_power("zero raised to a negative power is undefined")
    if a < 0 and math.isfinite(b) and math.floor(b) != b:
        raise conditions.invalid_power("a negative number raised to a non-integer power yields a complex result")
    try:
        r = math.pow(a, b)
    except OverflowError:
        raise conditions.float_overflow() from None
    if r == 0 and a != 0 and math.isfinite(a) and math.isfinite(b):
        raise conditions.float_underflow()
    return r


def sqrt(a: float) -> float:
    if a < 0:
        raise conditions.invalid_power("cannot take square root of a negative number")
    return math.sqrt(a)


def _cbrt_by_power(a: float) -> float:
    return math.copysign(abs(a) ** (1.0 / 3.0), a) if math.isfinite(a) and a else a


# dcbrt calls the C library's cbrt (glibc's gives 3.0000000000000004 for 27);
# math.cbrt (Python 3.11+) is that same function.
cbrt = getattr(math, "cbrt", _cbrt_by_power)


def exp(a: float) -> float:
    try:
        r = math.exp(a)
    except OverflowError:
        raise conditions.float_overflow() from None
    if r == 0 and not math.isinf(a):
        raise conditions.float_underflow()
    return r


def _log_checked(a: float) -> None:
    if a == 0:
        raise conditions.invalid_log("cannot take logarithm of zero")
    if a < 0:
        raise conditions.invalid_log("cannot take logarithm of a negative number")


def ln(a: float) -> float:
    _log_checked(a)
    return math.log(a)


def log10(a: float) -> float:
    _log_checked(a)
    return math.log10(a)


def _signed_zero(r: float, a: float) -> float:
    """C's rint/ceil/floor/trunc keep the sign of a zero result; Python's do not."""
    return math.copysign(0.0, a) if r == 0 else r


def _integral(fn: Callable[[float], int]) -> Callable[[float], float]:
    def float_integral(a: float) -> float:
        if not math.isfinite(a):
            return a
        return _signed_zero(float(fn(a)), a)
    return float_integral


rint = _integral(round)          # round half to even, as rint() does
ceil = _integral(math.ceil)
floor = _integral(math.floor)
trunc = _integral(math.trunc)


def sign(a: float) -> float:
    return a if a != a else float((a > 0) - (a < 0))


def degrees(a: float) -> float:
    return a / RADIANS_PER_DEGREE


def radians(a: float) -> float:
    return a * RADIANS_PER_DEGREE


def pi() -> float:
    return math.pi


def random() -> float:
    return _random.random()


# --- conversions ------------------------------------------------------------------

def to_int(r: IntRange) -> Callable[[float], int]:
    """float -> integer types: rint, then the range check (NaN is out of range)."""
    def float_int(x: float) -> int:
        if not math.isfinite(x):
            raise conditions.out_of_range(r.regtype)
        return r.check(round(x))
    return float_int


def from_int(i: int) -> float:
    return float(i)


int_to_float4 = narrowing(from_int)
