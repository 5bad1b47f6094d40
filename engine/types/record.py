"""record: row values, a Python tuple of field values (rowtypes.c).

A row value prints as record_out prints it: '(1,abc,)' with NULL fields
empty and a field quoted when it is empty or contains a quote, backslash,
parenthesis, comma or white space (quotes and backslashes doubled inside).
`record_output(field_types)` builds the output function of a row whose
field types are known, which is what the expression compiler should use;
RECORD.output, for an anonymous record, chooses each field's output
function by the field's Python type, which cannot tell real from double
precision nor varchar from text (both print the same but for real).
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable, Sequence

from ..errors import PgError
from .boolean import bool_out
from .datetimes import date_out, timestamp_out, timestamptz_out
from .floats import float8_out
from .interval import Interval, interval_out
from .numeric import numeric_out
from .sqltype import SqlType, TypeKind, register

_NEEDS_QUOTES = set('"\\(),') | set(" \t\n\r\v\f")


def _quoted(text: str) -> str:
    if text and not any(ch in _NEEDS_QUOTES for ch in text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '""') + '"'


def _join(texts: Sequence[str | None]) -> str:
    return "(" + ",".join("" if t is None else _quoted(t) for t in texts) + ")"


def record_output(field_types: Sequence[SqlType]) -> Callable[[tuple], str]:
    outputs = [t.output for t in field_types]

    def record_out(row: tuple) -> str:
        return _join([None if v is None else out(v) for out, v in zip(outputs, row)])
    return record_out


def _guess_output(value: Any) -> str:
    if isinstance(value, bool):
        return bool_out(value)
    if isinstance(value, datetime):
        return timestamp_out(value) if value.tzinfo is None else timestamptz_out(value)
    by_type: dict[type, Callable[[Any], str]] = {
        int: str, Decimal: numeric_out, float: float8_out, str: str, date: date_out,
        Interval: interval_out, tuple: anonymous_record_out}
    return by_type.get(type(value), str)(value)


def anonymous_record_out(row: tuple) -> str:
    return _join([None if v is None else _guess_output(v) for v in row])


def _record_in(text: str) -> tuple:
    raise PgError("0A000", "input of anonymous composite types is not implemented")


RECORD = register(TypeKind(2249, "record", "record", "P", False, _record_in, anonymous_record_out))
