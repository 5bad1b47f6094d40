"""The system types the engine itself needs: oid, xid, xid8, cid, tid, void, unknown.

* oid, xid and cid are unsigned 32-bit ints, xid8 an unsigned 64-bit int;
  they print as decimals.  oid input is checked but wraps negative numbers
  as oidin does ('-1' is 4294967295); xid, xid8 and cid input is C's
  strtoul(text, NULL, 0) as in PostgreSQL 15, which never fails: it reads
  a decimal, octal (0..) or hex (0x..) prefix and ignores the rest ('abc'
  is 0, ' 12abc' is 12, '-5' wraps).  xid, xid8 and cid are category U: no
  implicit casts from integers (the xid = int4 operator exists instead).
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
_STRTOUL = re.compile(r"[ \t\n\r\v\f]*([+-]?)(0[xX](?=[0-9a-fA-F])[0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)?")
_UINT_TEXT = re.compile(r"[ \t\n\r\v\f]*([+-]?[0-9]+)[ \t\n\r\v\f]*")
_TID_TEXT = re.compile(r"[ \t\n\r\v\f]*\([ \t\n\r\v\f]*([0-9]+)[ \t\n\r\v\f]*,[ \t\n\r\v\f]*([0-9]+)[ \t\n\r\v\f]*\)[ \t\n\r\v\f]*")


def oid_in(text: str) -> int:
    m = _UINT_TEXT.fullmatch(text)
    if m is None:
        raise conditions.invalid_syntax("oid", text)
    value = int(m.group(1))
    if -(1 << 31) <= value < 0:
        return value + UINT32 + 1
    if not 0 <= value <= UINT32:
        raise conditions.value_out_of_range(text, "oid")
    return value


def _strtoul_reader(bits: int) -> Callable[[str], int]:
    def strtoul_in(text: str) -> int:
        m = _STRTOUL.match(text)
        digits = m.group(2)
        if not digits:
            return 0
        base = 16 if digits[:2] in ("0x", "0X") else (8 if digits[0] == "0" else 10)
        value = min(int(digits, base), UINT64)
        if m.group(1) == "-":
            value = -value % (UINT64 + 1)
        return value & ((1 << bits) - 1)
    return strtoul_in


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


OID = register(TypeKind(26, "oid", "oid", "N", True, oid_in, str))
XID = register(TypeKind(28, "xid", "xid", "U", False, _strtoul_reader(32), str))
XID8 = register(TypeKind(5069, "xid8", "xid8", "U", False, _strtoul_reader(64), str))
CID = register(TypeKind(29, "cid", "cid", "U", False, _strtoul_reader(32), str))
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
