"""What one statement produced, in the shape of a libpq result.

A `Result` is what PostgreSQL sends back for one statement: a command tag
(or an error), the column names with their type OIDs (psql right-aligns
numeric types), the rows as Python values, and the notices raised while the
statement ran.  `text_rows()` gives each value in PostgreSQL's text output
form, the form psql prints and psycopg's text protocol carries.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from .errors import PgError


@dataclass
class Notice:
    severity: str            # NOTICE, WARNING, INFO, DEBUG, LOG
    message: str
    sqlstate: str = "00000"
    detail: str | None = None
    hint: str | None = None


@dataclass
class Result:
    status: str                                  # "ok", "error" or "waiting"
    command_tag: str | None = None
    columns: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    error: PgError | None = None
    notices: list[Notice] = field(default_factory=list)
    column_types: list[int] = field(default_factory=list)   # type OIDs, as in RowDescription
    query: str = ""                              # the statement text as psql would have sent it
    connection: str = ""                         # name of the session that ran it
    # One output function per column: value -> PostgreSQL text form.
    outputs: Sequence[Callable[[Any], str]] = field(default_factory=tuple, repr=False)
    waiting_for: str | None = None               # human description of the lock waited for
    returns_rows: bool = False                   # a row set was sent (SELECT, ... RETURNING), even with 0 columns

    def text_rows(self) -> list[list[str | None]]:
        outs = self.outputs
        return [[None if v is None else outs[i](v) for i, v in enumerate(row)] for row in self.rows]
