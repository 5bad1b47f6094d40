"""Shrink a mismatching case to a minimal one that still mismatches the same way.

Greedy reduction, re-recording every candidate against PostgreSQL: try
dropping a whole connection, then runs of steps (halves, quarters, ...,
single steps), then single statements of multi-statement steps, then rows
of the setup, then merge consecutive steps of one connection; keep the first candidate that still fails with the same
signature (compare.py) and start over, until no candidate does or the time
budget is spent.  A candidate must still be a valid recording (generate.py's
rules, checked on the engine first, then PostgreSQL must settle it), so a
shrunk case is always a scenario the recorder can record again.
"""
from __future__ import annotations

import time
from dataclasses import replace
from typing import Callable, Iterator

from .case import Case, Step
from .compare import compare
from .generate import valid
from .pg import Recorders, Unsettled

Predicate = Callable[[Case], bool]


def _without_connections(case: Case) -> Iterator[Case]:
    for name in case.connections():
        yield case.with_steps([s for s in case.steps if s.conn != name])


def _without_step_runs(case: Case) -> Iterator[Case]:
    n = len(case.steps)
    size = n // 2
    while size >= 1:
        for start in range(0, n, size):
            yield case.with_steps(case.steps[:start] + case.steps[start + size:])
        size //= 2


def _without_statements(case: Case) -> Iterator[Case]:
    for i, step in enumerate(case.steps):
        for j in range(len(step.stmts)) if len(step.stmts) > 1 else ():
            shorter = Step(step.conn, step.stmts[:j] + step.stmts[j + 1:])
            yield case.with_steps(case.steps[:i] + [shorter] + case.steps[i + 1:])


def _merged_steps(case: Case) -> Iterator[Case]:
    """Two consecutive steps of one connection as one (fewer cells to read)."""
    for i in range(len(case.steps) - 1):
        a, b = case.steps[i], case.steps[i + 1]
        if a.conn == b.conn:
            yield case.with_steps(case.steps[:i] + [Step(a.conn, a.stmts + b.stmts)] + case.steps[i + 2:])


def _without_rows(case: Case) -> Iterator[Case]:
    for key in sorted(case.rows):
        yield replace(case, rows={k: v for k, v in case.rows.items() if k != key})


def candidates(case: Case) -> Iterator[Case]:
    """Smaller cases, the biggest cuts first."""
    yield from _without_connections(case)
    yield from _without_step_runs(case)
    yield from _without_statements(case)
    yield from _without_rows(case)
    yield from _merged_steps(case)


def shrink(case: Case, fails: Predicate, budget: float) -> Case:
    """The smallest case reached within `budget` seconds for which `fails` holds."""
    deadline = time.monotonic() + budget
    current, progress = case, True
    while progress and time.monotonic() < deadline:
        progress = False
        for candidate in candidates(current):
            if time.monotonic() > deadline:
                break
            if candidate.steps and fails(candidate):
                current, progress = candidate, True
                break
    return current


def still_unsettled(recorders: Recorders) -> Predicate:
    """The predicate for a case PostgreSQL could not settle although the
    engine, which guided its generation, saw no problem."""
    def fails(case: Case) -> bool:
        return valid(case) and isinstance(recorders.protocol(case), Unsettled)
    return fails


def same_mismatch(recorders: Recorders, signature: str) -> Predicate:
    """The predicate: still a valid case, and it mismatches with `signature`."""
    def fails(case: Case) -> bool:
        if not valid(case):
            return False
        golden = recorders.protocol(case)
        if isinstance(golden, Unsettled):
            return False
        found = compare(case, golden)
        return found is not None and found.signature == signature
    return fails
