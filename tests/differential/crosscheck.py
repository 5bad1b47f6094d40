"""Do the same SERIALIZABLE transactions commit on the engine as on PostgreSQL?

The history checker (history.py) shows the engine's committed transactions
are serializable; it cannot show that the engine aborts the same ones as
PostgreSQL, whose SSI has false positives the engine must reproduce, not
improve on.  So a sample of the same generated interleavings is recorded
against PostgreSQL, and each transaction's fate - committed, rolled back,
or failed with the SQLSTATE that doomed it - is compared with the
engine's, connection by connection.  (The full statement-by-statement
comparison of compare.py runs on the same recordings too.)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.scenarios.replay import outcome_of

from .case import Case, Stmt
from .compare import Mismatch, compare
from .runner import EngineRun

Outcome = dict[str, Any]


@dataclass(frozen=True)
class Fates:
    """Per connection, the fate of each of its transactions, in order."""
    by_conn: dict[str, list[str]]


def _per_connection(case: Case, steps: list[tuple[str, list[Outcome], dict[str, list[Outcome]]]]
                    ) -> dict[str, list[tuple[Stmt, Outcome]]]:
    """Each connection's statements paired with their outcomes, in order."""
    stmts = {name: [s for step in case.steps if step.conn == name for s in step.stmts]
             for name in case.connections()}
    outcomes: dict[str, list[Outcome]] = {name: [] for name in stmts}
    for conn, own, resumed in steps:
        outcomes[conn] += [o for o in own if o["status"] != "waiting"]
        for name, done in resumed.items():
            outcomes[name] += done
    return {name: list(zip(stmts[name], outcomes[name])) for name in stmts}


def fates_of(pairs: list[tuple[Stmt, Outcome]]) -> list[str]:
    """'committed', 'rolled back', 'failed SQLSTATE' (the first error) or 'open'."""
    fates: list[str] = []
    error: str | None = None
    open_ = False
    for stmt, out in pairs:
        if stmt.kind == "begin" and not open_:
            open_, error = out["status"] == "ok", None
        elif not open_:
            continue
        elif stmt.kind in ("commit", "rollback"):
            committed = stmt.kind == "commit" and out.get("tag") == "COMMIT"
            failure = error or (out["error"]["sqlstate"] if out["status"] == "error" else None)
            fates.append("committed" if committed else f"failed {failure}" if failure else "rolled back")
            open_ = False
        elif out["status"] == "error" and error is None:
            error = out["error"].get("sqlstate")
    return fates + (["open"] if open_ else [])


def postgres_fates(case: Case, golden: dict[str, Any]) -> Fates:
    steps = [(step["conn"], step["statements"], step.get("resumed", {}))
             for step in golden["protocol"]["steps"][1:]]
    return Fates({n: fates_of(p) for n, p in _per_connection(case, steps).items()})


def engine_fates(case: Case, golden: dict[str, Any]) -> Fates:
    run = golden["protocol"]
    engine = EngineRun(case, first_xid=run["first_xid"], pids=run["pids"])
    steps = []
    for step in case.steps:
        played = engine.play(step)
        steps.append((step.conn, [outcome_of(r) for r in played.own],
                      {n: [outcome_of(r) for r in rs] for n, rs in played.resumed.items()}))
    return Fates({n: fates_of(p) for n, p in _per_connection(case, steps).items()})


def differences(pg: Fates, engine: Fates) -> list[str]:
    out = []
    for name in pg.by_conn:
        theirs, ours = pg.by_conn[name], engine.by_conn.get(name, [])
        for i in range(max(len(theirs), len(ours))):
            a = theirs[i] if i < len(theirs) else "absent"
            b = ours[i] if i < len(ours) else "absent"
            if a != b:
                out.append(f"{name}#{i + 1}: PostgreSQL {a}, engine {b}")
    return out


def cross_check(case: Case, golden: dict[str, Any]) -> tuple[list[str], Mismatch | None]:
    """The differing transaction fates, and the statement-level mismatch."""
    try:
        fates = differences(postgres_fates(case, golden), engine_fates(case, golden))
    except ValueError as e:                   # the engine's run diverged from its generation
        fates = [f"the engine could not replay the case: {e}"]
    return fates, compare(case, golden)
