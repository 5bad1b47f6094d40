"""PostgreSQL errors as the engine raises and reports them.

Every failure the engine reports is a `PgError` carrying the fields of a
PostgreSQL ErrorResponse (SQLSTATE, primary message, DETAIL, HINT, cursor
position).  Nothing else may escape a statement: the session turns any other
exception into XX000 "internal error" so a learner never sees a traceback.

The helpers below are named after the PostgreSQL condition names
(src/backend/utils/errcodes.txt) so call sites read like the C sources that
raise the same errors.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PgError(Exception):
    sqlstate: str
    message: str
    detail: str | None = None
    hint: str | None = None
    position: int | None = None      # 1-based character offset into the statement
    severity: str = "ERROR"          # ERROR or FATAL (a terminated connection)
    context: str | None = None       # CONTEXT: where it happened (e.g. the tuple a deadlock was on)

    def __str__(self) -> str:
        return f"{self.severity}:  {self.message}"


def feature_not_supported(what: str) -> PgError:
    return PgError("0A000", f"feature not supported: {what}")


def syntax_error(message: str, position: int | None = None) -> PgError:
    return PgError("42601", message, position=position)


def undefined_table(name: str, position: int | None = None) -> PgError:
    return PgError("42P01", f'relation "{name}" does not exist', position=position)


def undefined_column(message: str, position: int | None = None, hint: str | None = None) -> PgError:
    return PgError("42703", message, position=position, hint=hint)


def undefined_function(message: str, position: int | None = None, hint: str | None = None) -> PgError:
    return PgError("42883", message, position=position, hint=hint)


def datatype_mismatch(message: str, position: int | None = None, hint: str | None = None) -> PgError:
    return PgError("42804", message, position=position, hint=hint)


def invalid_text_representation(message: str, position: int | None = None) -> PgError:
    return PgError("22P02", message, position=position)


def in_failed_transaction() -> PgError:
    return PgError("25P02", "current transaction is aborted, commands ignored until end of transaction block")


def internal_error(message: str) -> PgError:
    return PgError("XX000", f"internal error: {message}")
