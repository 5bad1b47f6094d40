"""Join execution: hash joins for equality, nested loops for the rest.

Inner, LEFT, RIGHT and FULL joins are PostgreSQL's: an outer join emits the
unmatched rows of its preserved side padded with NULLs, and the ON clause
(unlike WHERE) decides matching only.  The inner side is materialized once
per execution.  A hash join is used when the ON/WHERE conjuncts equate a
column of each side with the same type; NULL keys never match.
"""
from __future__ import annotations

from typing import Any, Callable, Iterator


def join_rows(jointype: str, left: Any, right: Any, preds: list[Callable],
              hash_keys: tuple[list, list] | None) -> Callable[[], Iterator[tuple]]:
    lrows, rrows = left.rows, right.rows
    lnull = (None,) * left.width
    rnull = (None,) * right.width

    def matches(row: tuple) -> bool:
        for p in preds:
            if p(row) is not True:
                return False
        return True

    def candidates_factory() -> Callable[[tuple], list]:
        inner = list(rrows())
        if hash_keys is None:
            return lambda lrow: inner
        lk, rk = hash_keys
        table: dict[tuple, list] = {}
        for r in inner:
            probe = lnull + r
            key = tuple([f(probe) for f in rk])
            if None not in key:
                table.setdefault(key, []).append(r)

        def probe(lrow: tuple) -> list:
            full = lrow + rnull
            key = tuple([f(full) for f in lk])
            return table.get(key, ()) if None not in key else ()
        return probe

    def inner_join() -> Iterator[tuple]:
        cands = candidates_factory()
        for l in lrows():
            for r in cands(l):
                row = l + r
                if matches(row):
                    yield row

    def left_join() -> Iterator[tuple]:
        cands = candidates_factory()
        for l in lrows():
            hit = False
            for r in cands(l):
                row = l + r
                if matches(row):
                    hit = True
                    yield row
            if not hit:
                yield l + rnull

    def full_join(emit_left: bool) -> Iterator[tuple]:
        inner = list(rrows())
        seen = [False] * len(inner)
        for l in lrows():
            hit = False
            for i, r in enumerate(inner):
                row = l + r
                if matches(row):
                    hit = True
                    seen[i] = True
                    yield row
            if not hit and emit_left:
                yield l + rnull
        for i, r in enumerate(inner):
            if not seen[i]:
                yield lnull + r

    if jointype == "JOIN_INNER":
        return inner_join
    if jointype == "JOIN_LEFT":
        return left_join
    if jointype == "JOIN_RIGHT":
        return lambda: full_join(False)
    return lambda: full_join(True)
