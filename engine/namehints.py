"""The hints PostgreSQL gives for a misspelt column or table reference.

errorMissingColumn (parse_relation.c) searches every range entry in scope
for columns within a Levenshtein distance of three of the name given, and
never further than half the name's length; a qualifier that does not match
an entry exactly adds its own distance as a penalty.  One best candidate is
suggested; two equally good ones are both named; a third at the same
distance makes the search demand a closer match.  A table named by its real
name where the query gave it an alias is "invalid reference to FROM-clause
entry" with the alias as the hint.
"""
from __future__ import annotations

from typing import Any

from .errors import PgError, undefined_column

MAX_FUZZY_DISTANCE = 3


def levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def missing_column(scope: Any, qualifier: str | None, colname: str) -> PgError:
    distance = MAX_FUZZY_DISTANCE + 1
    first = second = None
    while scope is not None:
        for entry in scope.entries:
            if not entry.alias:            # a JOIN ... USING merge, like PostgreSQL's join RTE
                continue
            penalty = 0 if qualifier is None else levenshtein(qualifier, entry.alias)
            if penalty > distance:
                continue
            for col in entry.colnames:
                d = levenshtein(col, colname)
                if d > len(colname) // 2:
                    continue
                d += penalty
                if d < distance:
                    distance, first, second = d, (entry.alias, col), None
                elif d == distance:
                    if second is not None:
                        distance, first, second = distance - 1, None, None
                    elif first is not None:
                        second = (entry.alias, col)
        scope = scope.parent
    shown = f'"{colname}"' if qualifier is None else f"{qualifier}.{colname}"
    hint = None
    if first and second:
        hint = (f'Perhaps you meant to reference the column "{first[0]}.{first[1]}" '
                f'or the column "{second[0]}.{second[1]}".')
    elif first:
        hint = f'Perhaps you meant to reference the column "{first[0]}.{first[1]}".'
    return undefined_column(f"column {shown} does not exist", hint=hint)


def missing_entry(scope: Any, qualifier: str) -> PgError:
    while scope is not None:
        for entry in scope.entries:
            rel = entry.relation
            if rel is not None and rel.name == qualifier and entry.alias != qualifier:
                return PgError("42P01", f'invalid reference to FROM-clause entry for table "{qualifier}"',
                               hint=f'Perhaps you meant to reference the table alias "{entry.alias}".')
        scope = scope.parent
    return PgError("42P01", f'missing FROM-clause entry for table "{qualifier}"')
