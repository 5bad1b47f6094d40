"""The system types the engine itself needs: oid, xid, xid8, tid, void, unknown.

* oid and xid are unsigned 32-bit ints, xid8 an unsigned 64-bit int; they
  print as decimals.  oid input wraps negative numbers as oidin's strtoul
  does ('-1' is 4294967295).  xid and xid8 are category U: no implicit casts
  from integers (the xid = int4 operator exists instead, as in pg_operator).
* tid is a (block, offset) tuple printing as '(0,1)'; tuple order is
  PostgreSQL's tid order.
* void is the result of functions that return nothing; it prints as ''.
* unknown is the type of an untyped string literal: the value is the
  literal's text, and the expression compiler replaces it with the input
  function of whatever type context decides (casts.py, resolve.py).
"""
from __future__ import annotations

import re
from typing import Callable

from . import conditions
from .sqltype import TypeKind, register

UINT32 = (1 << 32) - 1
UINT64 = (1 << 64) - 1
_UINT_TEXT = re.compile(r"[ \t\n\r\v\f]*([+-]?[0-9]+)[ \t\n\r\v\f]*")
_TID_TEXT = re.compile(r"[ \t\n\r\v\f]*\([ \t\n\r\v\f]*([0-9]+)[ \t\n\r\v\f]*,[ \t\n\r\v\f]*([0-9]+)[ \t\n\r\v\f]*\)[ \t\n\r\v\f]*")


def _unsigned_reader(regtype: str, top: int, allow_negative: bool) -> Callable[[str], int]:
    def uint_in(text: str) -> int:
        m = _UINT_TEXT.fullmatch(text)
        if m is None or (m.group(1)[0] == "-" and not allow_negative):
            raise conditions.invalid_syntax(regtype, text)
        value = int(m.group(1))
        if allow_negative and -(top + 1) // 2 <= value < 0:
            return value + top + 1
        if not 0 <= value <= top:
            raise conditions.value_out_of_range(text, regtype)
        return value
    return uint_in


def tid_in(text: str) -> tuple[int, int]:
    m = _TID_TEXT.fullmatch(text)
    if m is None:
        raise conditions.invalid_syntax("tid", text)
    block, offset = int(m.group(1)), int(m.group(2))
    if block > UINT32 or offset > 0xFFFF:
        raise conditions.invalid_syntax("tid", text)
    return block, offset


def tid_out(value: tuple[int, int]) -> str:
    return f"({value[0]},{value[1]})"


def void_in(text: str) -> None:
    return None


def void_out(value: object) -> str:
    return ""


def unknown_in(text: str) -> str:
    return text


def unknown_out(value: str) -> str:
    return value


OID = register(TypeKind(26, "oid", "oid", "N", True, _unsigned_reader("oid", UINT32, True), str))
XID = register(TypeKind(28, "xid", "xid", "U", False, _unsigned_reader("xid", UINT32, False), str))
XID8 = register(TypeKind(5069, "xid8", "xid8", "U", False, _unsigned_reader("xid8", UINT64, False), str))
TID = register(TypeKind(27, "tid", "tid", "U", False, tid_in, tid_out))
VOID = register(TypeKind(2278, "void", "void", "P", False, void_in, void_out))
UNKNOWN = register(TypeKind(705, "unknown", "unknown", "X", False, unknown_in, unknown_out))


def int4_to_oid(value: int) -> int:
    """The binary-coercible int4 -> oid cast: reinterpret the 32 bits."""
    return value & UINT32


def oid_to_int4(value: int) -> int:
    return value - (1 << 32) if value > 0x7FFFFFFF else value


def int8_to_oid(value: int) -> int:
    if not 0 <= value <= UINT32:
        raise conditions.out_of_range("OID")
    return value


def xid8_to_xid(value: int) -> int:
    return value & UINT32


def xid_eq_int4(xid: int, value: int) -> bool:
    """xideqint4: the int4 is read as the xid with the same bits."""
    return xid == value & UINT32
