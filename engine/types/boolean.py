"""boolean: Python bool, PostgreSQL's bool.c.

Input follows parse_bool_with_len: surrounding whitespace is ignored and
any case-insensitive prefix of true/false/yes/no is accepted, 'on'/'off'
need two letters to be told apart, '1'/'0' must stand alone.  Output is
't'/'f' (the text *cast* says 'true'/'false', see casts.py).  Python's
False < True is PostgreSQL's order, so no sort key is needed.
"""
from __future__ import annotations

from . import conditions
from .sqltype import TypeKind, register

_WHITESPACE = " \t\n\r\v\f"
_WORDS = (("true", True, 1), ("false", False, 1), ("yes", True, 1), ("no", False, 1),
          ("on", True, 2), ("off", False, 2))


def parse_bool(text: str) -> bool | None:
    """parse_bool: the bool named by `text`, or None when it names none."""
    word = text.strip(_WHITESPACE).lower()
    if word in ("1", "0"):
        return word == "1"
    for full, value, least in _WORDS:
        if len(word) >= least and full.startswith(word):
            return value
    return None


def bool_in(text: str) -> bool:
    value = parse_bool(text)
    if value is None:
        raise conditions.invalid_syntax("boolean", text)
    return value


def bool_out(value: bool) -> str:
    return "t" if value else "f"


def bool_text(value: bool) -> str:
    """booltext, the bool -> text cast: spelled out, unlike the output function."""
    return "true" if value else "false"


BOOL = register(TypeKind(16, "bool", "boolean", "B", True, bool_in, bool_out))
