"""smallint, integer, bigint: Python int with PostgreSQL's ranges (int.c, int8.c).

A value is a plain int that always lies inside its type's range; every
operation that could leave the range checks its result and raises 22003
"<type> out of range" exactly as int.c does.  Division truncates toward
zero and % takes the dividend's sign (C semantics, not Python's floor).

Cross-width operators (int4 + int8, int2 < int4, ...) are, as in
pg_operator, separate entries whose result is the wider type; they share
these same functions, parameterised by the result's range, so every
returned callable is one small closure with no type dispatch at run time.

Input follows pg_strtoint16/32/64: optional surrounding whitespace, an
optional sign and ASCII digits only (no underscores, no hex: that is
PostgreSQL 16).
"""
from __future__ import annotations

import operator
import re
from typing import Callable

from . import conditions
from .sqltype import SqlType, TypeKind, register

IntFn = Callable[[int, int], int]

_INT_TEXT = re.compile(r"[ \t\n\r\v\f]*[+-]?[0-9]+[ \t\n\r\v\f]*")


class IntRange:
    """The range of one integer type and the errors that guard it."""

    def __init__(self, bits: int, regtype: str) -> None:
        self.lo = -(1 << (bits - 1))
        self.hi = (1 << (bits - 1)) - 1
        self.bits = bits
        self.regtype = regtype

    def check(self, value: int) -> int:
        if self.lo <= value <= self.hi:
            return value
        raise conditions.out_of_range(self.regtype)

    def wrap(self, value: int) -> int:
        """Two's-complement wraparound, what C's shifts do to an int of this width."""
        span = 1 << self.bits
        return (value - self.lo) % span + self.lo


SMALLINT = IntRange(16, "smallint")
INTEGER = IntRange(32, "integer")
BIGINT = IntRange(64, "bigint")


def _reader(r: IntRange) -> Callable[[str], int]:
    def int_in(text: str) -> int:
        if not _INT_TEXT.fullmatch(text):
            raise conditions.invalid_syntax(r.regtype, text)
        value = int(text)
        if r.lo <= value <= r.hi:
            return value
        raise conditions.value_out_of_range(text, r.regtype)
    return int_in


int2_in = _reader(SMALLINT)
int4_in = _reader(INTEGER)
int8_in = _reader(BIGINT)

INT2 = register(TypeKind(21, "int2", "smallint", "N", False, int2_in, str))
INT4 = register(TypeKind(23, "int4", "integer", "N", False, int4_in, str))
INT8 = register(TypeKind(20, "int8", "bigint", "N", False, int8_in, str))

RANGES: dict[SqlType, IntRange] = {INT2: SMALLINT, INT4: INTEGER, INT8: BIGINT}


def checked(r: IntRange, combine: IntFn) -> IntFn:
    """combine(a, b) with the result checked against r, as int4pl & co. do."""
    lo, hi = r.lo, r.hi

    def int_op(a: int, b: int) -> int:
        v = combine(a, b)
        if lo <= v <= hi:
            return v
        raise conditions.out_of_range(r.regtype)
    return int_op


def add(r: IntRange) -> IntFn:
    return checked(r, operator.add)


def sub(r: IntRange) -> IntFn:
    return checked(r, operator.sub)


def mul(r: IntRange) -> IntFn:
    return checked(r, operator.mul)


def trunc_div(a: int, b: int) -> int:
    """C integer division: the quotient truncated toward zero."""
    q = a // b
    if q < 0 and q * b != a:
        q += 1
    return q


def div(r: IntRange) -> IntFn:
    hi = r.hi

    def int_div(a: int, b: int) -> int:
        if b == 0:
            raise conditions.division_by_zero()
        q = trunc_div(a, b)
        if q > hi:
            raise conditions.out_of_range(r.regtype)
        return q
    return int_div


def int_mod(a: int, b: int) -> int:
    """% with the sign of the dividend; MIN % -1 is 0 as int.c special-cases it."""
    if b == 0:
        raise conditions.division_by_zero()
    m = abs(a) % abs(b)
    return -m if a < 0 else m


def negate(r: IntRange) -> Callable[[int], int]:
    def int_um(a: int) -> int:
        return r.check(-a)
    return int_um


def absolute(r: IntRange) -> Callable[[int], int]:
    def int_abs(a: int) -> int:
        return r.check(abs(a))
    return int_abs


def shift_left(r: IntRange) -> IntFn:
    mask = 31 if r.bits < 64 else 63

    def int_shl(a: int, b: int) -> int:
        return r.wrap(a << (b & mask))
    return int_shl


def shift_right(r: IntRange) -> IntFn:
    mask = 31 if r.bits < 64 else 63

    def int_shr(a: int, b: int) -> int:
        return a >> (b & mask)
    return int_shr


def bit_not(a: int) -> int:
    return ~a

