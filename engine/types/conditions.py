"""The SQL-level failures of the type system, spelled as PostgreSQL spells them.

Every error a type's input function, an operator or a cast can raise is a
`PgError` built here, so that the wording lives in one place and call sites
read like the C sources that raise the same error (int.c's "integer out of
range", numeric.c's "division by zero", the input functions' "invalid input
syntax for type %s").  `position` is always left None: the expression
compiler knows the AST node and fills it in.
"""
from __future__ import annotations

from ..errors import PgError


def invalid_syntax(type_name: str, text: str) -> PgError:
    """22P02, what every scalar input function says about text it cannot read."""
    return PgError("22P02", f'invalid input syntax for type {type_name}: "{text}"')


def value_out_of_range(text: str, type_name: str) -> PgError:
    """22003 from an input function: the text is a number, but too big for the type."""
    return PgError("22003", f'value "{text}" is out of range for type {type_name}')


def float_out_of_range(text: str, type_name: str) -> PgError:
    """22003 from float input: the text is a number the type cannot hold."""
    return PgError("22003", f'"{text}" is out of range for type {type_name}')


def out_of_range(what: str) -> PgError:
    """22003 from arithmetic: "integer out of range", "date out of range", ..."""
    return PgError("22003", f"{what} out of range")


def float_overflow() -> PgError:
    return PgError("22003", "value out of range: overflow")


def float_underflow() -> PgError:
    return PgError("22003", "value out of range: underflow")


def division_by_zero() -> PgError:
    return PgError("22012", "division by zero")


def invalid_argument(message: str) -> PgError:
    """22023 invalid_parameter_value, e.g. a bad field position or unit."""
    return PgError("22023", message)


def invalid_power(message: str) -> PgError:
    return PgError("2201F", message)


def invalid_log(message: str) -> PgError:
    return PgError("2201E", message)


def datetime_syntax(type_name: str, text: str) -> PgError:
    """22007, what date/time input says about text it cannot parse."""
    return PgError("22007", f'invalid input syntax for type {type_name}: "{text}"')


def datetime_field_overflow(text: str, hint: str | None = None) -> PgError:
    return PgError("22008", f'date/time field value out of range: "{text}"', hint=hint)


def interval_field_overflow(text: str) -> PgError:
    return PgError("22015", f'interval field value out of range: "{text}"')


def datetime_overflow(what: str) -> PgError:
    """22008 from date/time arithmetic, e.g. "date out of range"."""
    return PgError("22008", f"{what} out of range")


def string_too_long(type_name: str) -> PgError:
    return PgError("22001", f"value too long for type {type_name}")


def not_supported(what: str) -> PgError:
    return PgError("0A000", f"feature not supported: {what}")


def undefined_object(message: str) -> PgError:
    return PgError("42704", message)


def syntax(message: str) -> PgError:
    return PgError("42601", message)
