"""GROUP BY and aggregates (nodeAgg.c's hashed and plain strategies).

Input rows are grouped by the GROUP BY key values in first-seen order
(PostgreSQL's HashAggregate emits groups in hash order, which psql users
learn never to rely on; ORDER BY is the only promise).  Each group keeps
one transition state per aggregate; DISTINCT aggregates keep the set of
values seen; FILTER skips rows.  A query with aggregates and no GROUP BY
forms exactly one group, even over no rows (`SELECT count(*) FROM empty`
is 0, `sum` is NULL).  The group row is the key values followed by the
aggregate results, which the compiled target list reads by position.
"""
from __future__ import annotations

from typing import Any, Callable, Iterator


def grouped_rows(rows: Callable, keyfns: list[Callable], grouping: Any,
                 having: Callable | None, implicit: bool) -> Callable[[], Iterator[tuple]]:
    aggs = grouping.aggs

    def new_states() -> list:
        return [[agg.init(), set() if distinct else None] for agg, _, distinct, _ in aggs]

    def run() -> Iterator[tuple]:
        groups: dict[tuple, list] = {}
        if implicit:
            groups[()] = new_states()
        for row in rows():
            key = tuple([f(row) for f in keyfns])
            states = groups.get(key)
            if states is None:
                states = groups[key] = new_states()
            for (agg, argfns, distinct, filt), st in zip(aggs, states):
                if filt is not None and filt(row) is not True:
                    continue
                vals = [f(row) for f in argfns]
                if agg.strict and None in vals:
                    continue
                if distinct:
                    k = tuple(vals)
                    if k in st[1]:
                        continue
                    st[1].add(k)
                st[0] = agg.step(st[0], *vals)
        for key, states in groups.items():
            out = key + tuple([agg.final(st[0]) for (agg, _, _, _), st in zip(aggs, states)])
            if having is None or having(out) is True:
                yield out
    return run
