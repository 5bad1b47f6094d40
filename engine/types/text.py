"""text, character varying(n), character(n), name: Python str (varlena.c, varchar.c).

All four are str values counted in characters (code points), compared in
the C collation, which for UTF-8 is code-point order, i.e. Python's own
string order.  The typmods are PostgreSQL's:

* varchar(n): a longer value is an error (22001) unless everything past n
  is spaces, which are cut; an explicit cast truncates silently.
* char(n) (bpchar): the same length rule, then blank-padded to n.  The
  padding is stored (output shows it) but is insignificant: comparisons,
  length() and the cast to text ignore trailing spaces (bpchareq,
  bpcharlen, rtrim1), which `bpchar_key` / `bpchar_text` implement.
  bpchar without a typmod keeps the value as typed.
* name: truncated to 63 bytes on input (NAMEDATALEN - 1).

The string functions themselves live in strings.py.
"""
from __future__ import annotations

from typing import Callable

from . import conditions
from .sqltype import TypeKind, register

MAX_VARCHAR = 10485760
NAMEDATALEN = 64


def text_in(text: str) -> str:
    return text


def text_out(value: str) -> str:
    return value


def _length_typmod_in(kind: str) -> Callable[[list[int]], int]:
    def typmod_in(mods: list[int]) -> int:
        if len(mods) != 1:
            raise conditions.invalid_argument("invalid type modifier")
        if mods[0] < 1:
            raise conditions.invalid_argument(f"length for type {kind} must be at least 1")
        if mods[0] > MAX_VARCHAR:
            raise conditions.invalid_argument(f"length for type {kind} cannot exceed {MAX_VARCHAR}")
        return mods[0] + 4
    return typmod_in


def _fit(value: str, maxlen: int, explicit: bool, type_name: str) -> str:
    """Cut `value` to maxlen characters, or fail as varchar()/bpchar() do."""
    if len(value) <= maxlen or explicit or not value[maxlen:].strip(" "):
        return value[:maxlen]
    raise conditions.string_too_long(type_name)


def _varchar_coercer(typmod: int, explicit: bool) -> Callable[[str], str]:
    maxlen = typmod - 4
    type_name = f"character varying({maxlen})"

    def varchar(value: str) -> str:
        return value if len(value) <= maxlen else _fit(value, maxlen, explicit, type_name)
    return varchar


def _bpchar_coercer(typmod: int, explicit: bool) -> Callable[[str], str]:
    maxlen = typmod - 4
    type_name = f"character({maxlen})"

    def bpchar(value: str) -> str:
        return _fit(value, maxlen, explicit, type_name).ljust(maxlen)
    return bpchar


def bpchar_key(value: str) -> str:
    return value.rstrip(" ")


def bpchar_text(value: str) -> str:
    """rtrim1: char(n) -> text/varchar drops the insignificant padding."""
    return value.rstrip(" ")


def name_in(text: str) -> str:
    encoded = text.encode()
    if len(encoded) < NAMEDATALEN:
        return text
    return encoded[:NAMEDATALEN - 1].decode(errors="ignore")


TEXT = register(TypeKind(25, "text", "text", "S", True, text_in, text_out))
VARCHAR = register(TypeKind(
    1043, "varchar", "character varying", "S", False, text_in, text_out, None, None,
    _length_typmod_in("varchar"), lambda typmod: f"character varying({typmod - 4})", _varchar_coercer))
BPCHAR = register(TypeKind(
    1042, "bpchar", "character", "S", False, text_in, text_out, bpchar_key, "bpchar",
    _length_typmod_in("char"), lambda typmod: f"character({typmod - 4})", _bpchar_coercer))
NAME = register(TypeKind(19, "name", "name", "S", False, name_in, text_out))
