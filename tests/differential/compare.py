"""Compare a recorded case with the engine, and name the difference.

The verdict is `tests/scenarios/replay.py`'s: `replay_protocol` replays the
case on a fresh engine started with PostgreSQL's first xid and backend
pids and lists every statement whose outcome differs (status, tag,
columns, types, rows, error fields, notices).

To tell one bug from another (and to shrink a case without drifting onto a
different bug), a mismatch also gets a `signature`: the first statement
that differs, as the kind of statement and what each side did with it -
"update: PostgreSQL error 40001, engine ok".  Two cases with the same
signature are counted as one distinct mismatch.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.scenarios.replay import diff_outcome, outcome_of, replay_protocol

from .case import Case, Stmt, scenario
from .runner import EngineRun, engine_class

Outcome = dict[str, Any]


@dataclass(frozen=True)
class Mismatch:
    signature: str
    step: int                             # 1-based, the setup is step 0
    problems: list[str]


def _said(outcome: Outcome | None) -> str:
    if outcome is None:
        return "nothing"
    status = outcome["status"]
    if status == "error":
        return f"error {outcome['error'].get('sqlstate')}"
    if status == "ok":
        return f"ok {outcome.get('tag')}".rstrip()
    return status


def _fields(expected: Outcome | None, got: Outcome | None) -> str:
    """The differing fields; of two errors, the differing error fields."""
    if expected is None or got is None:
        return "count"
    keys = [line.split(":")[0].strip() for line in diff_outcome(expected, got)]
    if keys == ["error"]:
        exp, eng = expected["error"], got["error"]
        keys = [f"error.{k}" for k in eng if exp.get(k) != eng.get(k)]
    if keys == ["rows"] and _only_xmin_differs(expected, got):
        keys = ["rows.xmin"]
    return ",".join(keys)


def _only_xmin_differs(expected: Outcome, got: Outcome) -> bool:
    if "xmin" not in expected.get("columns", []):
        return False
    i = expected["columns"].index("xmin")

    def strip(rows: list[list[str | None]]) -> list[list[str | None]]:
        return [row[:i] + row[i + 1:] for row in rows]
    return strip(expected["rows"]) == strip(got["rows"])


def _signature(stmt: Stmt | None, expected: Outcome | None, got: Outcome | None) -> str:
    kind = stmt.kind if stmt is not None else "setup"
    exp, eng = _said(expected), _said(got)
    if exp == eng or exp.startswith("error") and exp.split()[:2] == eng.split()[:2]:
        exp, eng = " ".join(exp.split()[:2]), " ".join(eng.split()[:2])
    return f"{kind}: PostgreSQL {exp}, engine {eng} [{_fields(expected, got)}]"


def _first_difference(expected: list[Outcome], got: list[Any]) -> tuple[int, Outcome | None, Outcome | None] | None:
    mine = [outcome_of(r) for r in got]
    for i in range(max(len(expected), len(mine))):
        exp = expected[i] if i < len(expected) else None
        eng = mine[i] if i < len(mine) else None
        if exp is None or eng is None or diff_outcome(exp, eng):
            return i, exp, eng
    return None


def _stmt_of(case: Case, conn: str, query: str | None) -> Stmt | None:
    for step in case.steps:
        for stmt in step.stmts:
            if step.conn == conn and stmt.sql == query:
                return stmt
    return None


def signature(case: Case, golden: dict[str, Any]) -> tuple[str, int]:
    """The first differing statement, named (see module doc), and its step."""
    run = golden["protocol"]
    engine = EngineRun(case, first_xid=run["first_xid"], pids=run["pids"])
    for n, (step, gstep) in enumerate(zip(case.steps, run["steps"][1:]), start=1):
        try:
            played = engine.play(step)
        except ValueError as e:               # the engine's own run went another way
            return f"engine replay diverged: {e}", n
        pairs = [(step.conn, gstep["statements"], played.own)]
        pairs += [(name, gstep.get("resumed", {}).get(name, []), played.resumed.get(name, []))
                  for name in dict.fromkeys([*gstep.get("resumed", {}), *played.resumed])]
        for conn, expected, got in pairs:
            found = _first_difference(expected, got)
            if found:
                i, exp, eng = found
                query = (exp or eng or {}).get("query")
                return _signature(_stmt_of(case, conn, query), exp, eng), n
    return "setup or step count differs", 0


def compare(case: Case, golden: dict[str, Any]) -> Mismatch | None:
    """None when the engine does what PostgreSQL did, else the mismatch."""
    problems = replay_protocol(scenario(case), golden, engine_class())
    if not problems:
        return None
    sig, step = signature(case, golden)
    return Mismatch(sig, step, problems)
