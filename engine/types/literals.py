"""Numeric literals as the parser hands them over (parse_node.c's make_const).

The grammar gives an integer literal that fits int4 as an Integer node and
every other number ('1.5', '1e3', '9223372036854775808', and after the
grammar folds a leading minus, '-1.5') as a Float node holding its text.
make_const types them: an integral text that fits int4 is integer, one that
fits int8 is bigint, anything else is numeric read by numeric_in, so '1e3'
is the numeric 1000 and '1.50' keeps its scale.
"""
from __future__ import annotations

import re
from decimal import Decimal

from .integer import BIGINT, INT4, INT8, INTEGER
from .numeric import NUMERIC, numeric_in
from .sqltype import SqlType

_INTEGRAL = re.compile(r"[+-]?[0-9]+")


def literal_type(text_of_number: str) -> tuple[SqlType, int | Decimal]:
    if _INTEGRAL.fullmatch(text_of_number):
        value = int(text_of_number)
        if INTEGER.lo <= value <= INTEGER.hi:
            return INT4, value
        if BIGINT.lo <= value <= BIGINT.hi:
            return INT8, value
    return NUMERIC, numeric_in(text_of_number)
