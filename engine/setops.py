"""UNION, INTERSECT and EXCEPT, with and without ALL (nodeSetOp.c).

Without ALL the result has no duplicates; with ALL, INTERSECT keeps
min(m, n) copies of a row and EXCEPT keeps max(m - n, 0), as the SQL
standard and PostgreSQL define them.  NULLs compare equal here, as set
operations treat them as not distinct.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable, Iterator


def setop_rows(word: str, all_: bool, left: Callable, right: Callable) -> Callable[[], Iterator[tuple]]:
    def union() -> Iterator[tuple]:
        if all_:
            yield from left()
            yield from right()
            return
        seen = set()
        for part in (left, right):
            for row in part():
                if row not in seen:
                    seen.add(row)
                    yield row

    def intersect() -> Iterator[tuple]:
        counts = Counter(right())
        emitted = set()
        for row in left():
            if counts[row] > 0 and (all_ or row not in emitted):
                counts[row] -= 1 if all_ else 0
                emitted.add(row)
                yield row

    def except_() -> Iterator[tuple]:
        counts = Counter(right())
        emitted = set()
        for row in left():
            if all_:
                if counts[row] > 0:
                    counts[row] -= 1
                    continue
                yield row
            elif counts[row] == 0 and row not in emitted:
                emitted.add(row)
                yield row
    return {"UNION": union, "INTERSECT": intersect, "EXCEPT": except_}[word]
