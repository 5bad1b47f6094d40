"""numeric: decimal.Decimal with PostgreSQL's display-scale rules (numeric.c).

A PostgreSQL numeric carries a display scale (dscale): the number of digits
after the point it prints, '1.50' keeps its trailing zero.  A Decimal's
exponent is exactly that, so the representation is a Decimal whose exponent
is <= 0 (exponent == -dscale); NaN, Infinity and -Infinity are the Decimal
specials.  Every value built here is in that canonical form.

Scale rules, each as numeric.c computes it:

* + and - keep the larger dscale, * adds them: exact Decimal arithmetic in a
  context whose precision never rounds (`_EXACT`; never use the thread's
  default 28-digit context, and never divide in it).
* / uses select_div_scale: at least NUMERIC_MIN_SIG_DIGITS (16) significant
  digits, counted in base-10000 "NBASE" digits as numeric.c counts them, and
  never less than either input's dscale; the quotient is rounded half away
  from zero, computed with integers so it is exact before rounding.
* ^, sqrt, exp, ln, log choose their result scale as power_var, numeric_sqrt,
  numeric_exp, numeric_ln and log_var do, compute with guard digits and round.
* round/trunc take a (possibly negative) scale; the result never has a
  negative dscale.  Typmod coercion rounds half away from zero and then
  checks the integer digits against precision - scale (22003 "numeric field
  overflow" with numeric.c's DETAIL).

Comparisons treat NaN as equal to itself and greater than everything,
as cmp_numerics does; the Decimal comparison operators would raise on NaN.
"""
from __future__ import annotations

import math
import re
from decimal import (MAX_EMAX, MAX_PREC, MIN_EMIN, ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR,
                     ROUND_HALF_UP, Context, Decimal)
from typing import Callable

from ..errors import PgError
from . import conditions
from .integer import IntRange
from .sqltype import TypeKind, register

# Precision that never rounds an addition or multiplication; traps off so
# that Infinity - Infinity is NaN, as in PostgreSQL.
_EXACT = Context(prec=MAX_PREC, rounding=ROUND_HALF_UP, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[])

MIN_SIG_DIGITS = 16          # NUMERIC_MIN_SIG_DIGITS
MAX_DISPLAY_SCALE = 1000     # NUMERIC_MAX_DISPLAY_SCALE
MAX_PRECISION = 1000         # NUMERIC_MAX_PRECISION
MAX_RESULT_SCALE = 2000      # NUMERIC_MAX_RESULT_SCALE
MAX_WEIGHT_DIGITS = 131072   # (NUMERIC_WEIGHT_MAX + 1) * DEC_DIGITS
MAX_DSCALE = 16383           # NUMERIC_DSCALE_MAX
ZERO = Decimal(0)
ONE = Decimal(1)
NAN = Decimal("NaN")
INF = Decimal("Infinity")
NEG_INF = Decimal("-Infinity")

_NUMERIC_TEXT = re.compile(r"[ \t\n\r\v\f]*([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+))(?:[eE]([+-]?[0-9]+))?[ \t\n\r\v\f]*")
_SPECIAL = {"nan": NAN, "infinity": INF, "+infinity": INF, "-infinity": NEG_INF,
            "inf": INF, "+inf": INF, "-inf": NEG_INF}


def numeric_in(text: str) -> Decimal:
    m = _NUMERIC_TEXT.fullmatch(text)
    if m is None:
        special = _SPECIAL.get(text.strip(" \t\n\r\v\f").lower())
        if special is None:
            raise conditions.invalid_syntax("numeric", text)
        return special
    if m.group(2) is not None and abs(int(m.group(2))) >= 2 ** 30:
        raise overflow()
    return checked(canonical(Decimal(m.group(1) + "e" + (m.group(2) or "0"))))


def overflow() -> PgError:
    return PgError("22003", "value overflows numeric format")


def checked(d: Decimal) -> Decimal:
    """make_result's limits: 131072 digits before the point, 16383 after."""
    if d.is_finite() and d and (d.adjusted() >= MAX_WEIGHT_DIGITS or dscale(d) > MAX_DSCALE):
        raise overflow()
    return d


def canonical(d: Decimal) -> Decimal:
    """The same number with a non-negative display scale (exponent <= 0)."""
    if d.is_finite() and d.as_tuple().exponent > 0:
        return d.quantize(ONE, context=_EXACT)
    return d


def numeric_out(d: Decimal) -> str:
    if not d.is_finite():
        return "NaN" if d.is_nan() else ("Infinity" if d > 0 else "-Infinity")
    if not d:
        d = d.copy_abs()          # PostgreSQL has no negative zero
    return format(d, "f")


def dscale(d: Decimal) -> int:
    return -d.as_tuple().exponent


def numeric_sort_key(d: Decimal) -> tuple:
    return (1, ZERO) if d.is_nan() else (0, d)


# --- typmod: numeric(p, s) -------------------------------------------------

def _typmod_in(mods: list[int]) -> int:
    if len(mods) > 2:
        raise conditions.invalid_argument("invalid NUMERIC type modifier")
    precision, scale = mods[0], (mods[1] if len(mods) == 2 else 0)
    if not 1 <= precision <= MAX_PRECISION:
        raise conditions.invalid_argument(
            f"NUMERIC precision {precision} must be between 1 and {MAX_PRECISION}")
    if not -MAX_PRECISION <= scale <= MAX_PRECISION:
        raise conditions.invalid_argument(
            f"NUMERIC scale {scale} must be between {-MAX_PRECISION} and {MAX_PRECISION}")
    return ((precision << 16) | (scale & 0x7FF)) + 4


def _decode_typmod(typmod: int) -> tuple[int, int]:
    packed = typmod - 4
    return (packed >> 16) & 0xFFFF, ((packed & 0x7FF) ^ 1024) - 1024


def _typmod_out(typmod: int) -> str:
    precision, scale = _decode_typmod(typmod)
    return f"numeric({precision},{scale})"


def _field_overflow(precision: int, scale: int, detail_end: str) -> PgError:
    return PgError("22003", "numeric field overflow",
                   detail=f"A field with precision {precision}, scale {scale} {detail_end}.")


def _coercer(typmod: int, explicit: bool) -> Callable[[Decimal], Decimal]:
    precision, scale = _decode_typmod(typmod)
    maxdigits = precision - scale
    limit = f"10^{maxdigits}" if maxdigits else "1"

    def apply_numeric_typmod(d: Decimal) -> Decimal:
        if not d.is_finite():
            if d.is_nan():
                return d
            raise _field_overflow(precision, scale, "cannot hold an infinite value")
        r = round_to(d, scale, ROUND_HALF_UP)
        if r and r.adjusted() + 1 > maxdigits:
            raise _field_overflow(precision, scale, f"must round to an absolute value less than {limit}")
        return r
    return apply_numeric_typmod


NUMERIC = register(TypeKind(1700, "numeric", "numeric", "N", False, numeric_in, numeric_out,
                            numeric_sort_key, None, _typmod_in, _typmod_out, _coercer))


# --- comparison ---------------------------------------------------------------

def eq(a: Decimal, b: Decimal) -> bool:
    return a == b or (a.is_nan() and b.is_nan())


def ne(a: Decimal, b: Decimal) -> bool:
    return not eq(a, b)


def lt(a: Decimal, b: Decimal) -> bool:
    if a.is_nan() or b.is_nan():
        return not a.is_nan()
    return a < b


def le(a: Decimal, b: Decimal) -> bool:
    if a.is_nan() or b.is_nan():
        return b.is_nan()
    return a <= b


def gt(a: Decimal, b: Decimal) -> bool:
    return lt(b, a)


def ge(a: Decimal, b: Decimal) -> bool:
    return le(b, a)


# --- rounding -----------------------------------------------------------------

def round_to(d: Decimal, scale: int, rounding: str) -> Decimal:
    """round_var/trunc_var: `scale` digits after the point (negative: before it)."""
    if not d.is_finite():
        return d
    scale = max(-MAX_RESULT_SCALE, min(scale, MAX_RESULT_SCALE))
    r = d.quantize(Decimal((0, (1,), -scale)), rounding=rounding, context=_EXACT)
    return r.quantize(ONE, context=_EXACT) if scale < 0 else r


def numeric_round(d: Decimal, scale: int = 0) -> Decimal:
    return round_to(d, scale, ROUND_HALF_UP)


def numeric_trunc(d: Decimal, scale: int = 0) -> Decimal:
    return round_to(d, scale, ROUND_DOWN)


def numeric_ceil(d: Decimal) -> Decimal:
    return round_to(d, 0, ROUND_CEILING)


def numeric_floor(d: Decimal) -> Decimal:
    return round_to(d, 0, ROUND_FLOOR)


# --- arithmetic ---------------------------------------------------------------

add = _EXACT.add              # exact: the larger display scale survives
sub = _EXACT.subtract


def mul(a: Decimal, b: Decimal) -> Decimal:
    return checked(_EXACT.multiply(a, b))


def negate(a: Decimal) -> Decimal:
    return a.copy_negate()


def numeric_abs(a: Decimal) -> Decimal:
    return a.copy_abs()


def uplus(a: Decimal) -> Decimal:
    return a


def numeric_sign(a: Decimal) -> Decimal:
    if a.is_nan():
        return a
    return Decimal((a > 0) - (a < 0))


def _nbase_head(d: Decimal) -> tuple[int, int]:
    """Weight and value of the leading base-10000 digit, as a NumericVar has them."""
    if not d:
        return 0, 0
    weight = d.adjusted() // 4
    return weight, int(d.copy_abs().scaleb(-4 * weight, _EXACT))


def select_div_scale(a: Decimal, b: Decimal) -> int:
    weight1, first1 = _nbase_head(a)
    weight2, first2 = _nbase_head(b)
    qweight = weight1 - weight2
    if first1 <= first2:
        qweight -= 1
    rscale = MIN_SIG_DIGITS - qweight * 4
    return min(max(rscale, dscale(a), dscale(b), 0), MAX_DISPLAY_SCALE)


_TRUNCATING: dict[int, Context] = {}
_SCALES: dict[int, Decimal] = {}


def _truncating(prec: int) -> Context:
    ctx = _TRUNCATING.get(prec)
    if ctx is None:
        ctx = _TRUNCATING[prec] = Context(prec=prec, rounding=ROUND_DOWN, Emax=MAX_EMAX, Emin=MIN_EMIN)
    return ctx


def _scale(rscale: int) -> Decimal:
    unit = _SCALES.get(rscale)
    if unit is None:
        unit = _SCALES[rscale] = Decimal((0, (1,), -rscale))
    return unit


def div_round(a: Decimal, b: Decimal, rscale: int) -> Decimal:
    """a / b rounded half away from zero to rscale digits, exactly.

    The quotient is first truncated one digit below rscale: the halfway
    point lies on that grid, so rounding the truncation is rounding the
    exact quotient (what div_var's long division achieves)."""
    digits = a.adjusted() - b.adjusted() + 2 + rscale
    q = _truncating(max(digits, 1)).divide(a, b)
    return q.quantize(_scale(rscale), rounding=ROUND_HALF_UP, context=_EXACT)


def _special_div(a: Decimal, b: Decimal) -> Decimal:
    """numeric_div for NaN and infinite operands."""
    if a.is_nan() or b.is_nan() or (a.is_infinite() and b.is_infinite()):
        return NAN
    if a.is_infinite():
        if not b:
            raise conditions.division_by_zero()
        return a if b > 0 else a.copy_negate()
    return ZERO


def div(a: Decimal, b: Decimal) -> Decimal:
    if not (a.is_finite() and b.is_finite()):
        return _special_div(a, b)
    if not b:
        raise conditions.division_by_zero()
    return div_round(a, b, select_div_scale(a, b))


def div_trunc(a: Decimal, b: Decimal) -> Decimal:
    """div(numeric, numeric): the integral quotient, truncated toward zero."""
    if not (a.is_finite() and b.is_finite()):
        return numeric_trunc(_special_div(a, b))
    if not b:
        raise conditions.division_by_zero()
    return _EXACT.divide_int(a, b).quantize(ONE, context=_EXACT)


def mod(a: Decimal, b: Decimal) -> Decimal:
    if a.is_nan() or b.is_nan():
        return NAN
    if a.is_infinite():
        if not b:
            raise conditions.division_by_zero()
        return NAN
    if b.is_infinite():
        return a
    if not b:
        raise conditions.division_by_zero()
    return _EXACT.remainder(a, b)


def _clamp_scale(rscale: int, *inputs: Decimal) -> int:
    for d in inputs:
        rscale = max(rscale, dscale(d))
    return min(max(rscale, 0), MAX_DISPLAY_SCALE)


def _rounded(value: Decimal, rscale: int) -> Decimal:
    return round_to(value, rscale, ROUND_HALF_UP)


def _working(result_weight: int, rscale: int) -> Context:
    """A context with enough digits for a result of this weight and scale."""
    return Context(prec=max(result_weight, 0) + rscale + 12, rounding=ROUND_HALF_UP,
                   Emax=MAX_EMAX, Emin=MIN_EMIN)


def _power_int(base: Decimal, exp: int) -> Decimal:
    """power_var_int: base ^ exp rounded to max(16, dscale(base)) digits,
    computed with only as many digits as the result can show."""
    rscale = _clamp_scale(MIN_SIG_DIGITS, base)
    if exp == 0:
        return _rounded(ONE, rscale)            # 0 ^ 0 is 1, as the SQL standard asks
    if not base:
        if exp < 0:
            raise conditions.division_by_zero()
        return _rounded(ZERO, rscale)
    weight = exp * (base.adjusted() + math.log10(float(base.copy_abs().scaleb(-base.adjusted()))))
    if weight > MAX_WEIGHT_DIGITS:
        raise overflow()
    if weight + 1 < -rscale:
        return _rounded(ZERO, rscale)
    return _rounded(_working(int(weight) + 1, rscale).power(base, exp), rscale)


def estimate_ln_dweight(d: Decimal) -> int:
    """estimate_ln_dweight: the decimal weight of ln(d), roughly."""
    if d <= 0:
        return 0
    if Decimal("0.9") <= d <= Decimal("1.1"):
        x = _EXACT.subtract(d, ONE)
        return x.adjusted() if x else 0
    ln = math.log(float(d.scaleb(-d.adjusted()))) + d.adjusted() * math.log(10)
    return int(math.log10(abs(ln)))


def power(a: Decimal, b: Decimal) -> Decimal:
    if a.is_nan() or b.is_nan():
        if (a.is_nan() and b.is_finite() and not b) or (b.is_nan() and a == ONE):
            return ONE
        return NAN
    if not a and b < 0:
        raise conditions.invalid_power("zero raised to a negative power is undefined")
    if not (a.is_finite() and b.is_finite()):
        return _special_power(a, b)
    if b == b.to_integral_value() and abs(b) <= 2147483647:
        return _power_int(a, int(b))
    if not a:
        return Decimal((0, (0,), -MIN_SIG_DIGITS))
    if a < 0:
        raise conditions.invalid_power("a negative number raised to a non-integer power yields a complex result")
    low = Context(prec=20)
    val = float(low.multiply(low.ln(a), b)) * 0.434294481903252
    if val > 3 * MAX_RESULT_SCALE:
        raise overflow()
    rscale = _clamp_scale(MIN_SIG_DIGITS - int(val), a, b)
    return _rounded(_working(int(val) + 1, rscale).power(a, b), rscale)


def _special_power(a: Decimal, b: Decimal) -> Decimal:
    """numeric_power with an infinite operand: pow(3)'s POSIX rules, which
    IEEE floats follow too, so the float result names the special value."""
    if a < 0 and not (b.is_finite() and b == b.to_integral_value()):
        raise conditions.invalid_power("a negative number raised to a non-integer power yields a complex result")
    return Decimal(math.pow(float(a), float(b)))


def sqrt(a: Decimal) -> Decimal:
    if a.is_nan() or a == INF:
        return a
    if a < 0:
        raise conditions.invalid_power("cannot take square root of a negative number")
    weight = _nbase_head(a)[0]
    rscale = _clamp_scale(MIN_SIG_DIGITS - (2 * (weight + 1) - 1), a)
    return _rounded(_working(a.adjusted() // 2 + 1, rscale).sqrt(a), rscale)


def exp(a: Decimal) -> Decimal:
    if not a.is_finite():
        return a if a.is_nan() or a > 0 else ZERO
    val = max(-MAX_RESULT_SCALE, min(float(a) * 0.434294481903252, MAX_RESULT_SCALE))
    if val > 3 * MAX_RESULT_SCALE / 2:
        raise overflow()
    rscale = _clamp_scale(MIN_SIG_DIGITS - int(val), a)
    return _rounded(_working(int(val) + 1, rscale).exp(a), rscale)


def _check_log_arg(a: Decimal) -> None:
    if not a:
        raise conditions.invalid_log("cannot take logarithm of zero")
    if a < 0:
        raise conditions.invalid_log("cannot take logarithm of a negative number")


def ln(a: Decimal) -> Decimal:
    if a.is_nan() or a == INF:
        return a
    _check_log_arg(a)
    rscale = _clamp_scale(MIN_SIG_DIGITS - estimate_ln_dweight(a), a)
    return _rounded(_working(7, rscale).ln(a), rscale)


def log(base: Decimal, a: Decimal) -> Decimal:
    """log(b, x) as log_var computes it: ln(x) / ln(b) with log_var's scale."""
    if base.is_nan() or a.is_nan():
        return NAN
    if not (base.is_finite() and a.is_finite()):
        raise conditions.not_supported("logarithm of an infinite value")
    _check_log_arg(base)
    _check_log_arg(a)
    if base == ONE:
        raise conditions.division_by_zero()
    weight = estimate_ln_dweight(a) - estimate_ln_dweight(base)
    rscale = _clamp_scale(MIN_SIG_DIGITS - weight, base, a)
    ctx = _working(weight + 1, rscale + 8)
    return _rounded(ctx.divide(ctx.ln(a), ctx.ln(base)), rscale)


TEN = Decimal(10)


def log10(a: Decimal) -> Decimal:
    return log(TEN, a)


def scale(a: Decimal) -> int | None:
    return dscale(a) if a.is_finite() else None


# --- conversions --------------------------------------------------------------

def to_int(r: IntRange) -> Callable[[Decimal], int]:
    """numeric -> smallint/integer/bigint: round half away from zero, range check."""
    def numeric_int(d: Decimal) -> int:
        if not d.is_finite():
            what = "NaN" if d.is_nan() else "infinity"
            raise PgError("0A000", f"cannot convert {what} to {r.regtype}")
        return r.check(int(d.to_integral_value(rounding=ROUND_HALF_UP, context=_EXACT)))
    return numeric_int


def from_float(digits: int) -> Callable[[float], Decimal]:
    """float -> numeric through %.{DBL_DIG|FLT_DIG}g, as float8_numeric does."""
    def float_numeric(x: float) -> Decimal:
        if x != x:
            return NAN
        if x in (math.inf, -math.inf):
            return INF if x > 0 else NEG_INF
        return canonical(Decimal(f"{x:.{digits}g}"))
    return float_numeric


def to_float(d: Decimal) -> float:
    """numeric_float8: the text of the numeric read by float8in (same errors)."""
    x = float(d)
    if d.is_finite() and (x in (math.inf, -math.inf) or (x == 0 and d)):
        raise conditions.float_out_of_range(numeric_out(d), "double precision")
    return x


def from_int(i: int) -> Decimal:
    return Decimal(i)
