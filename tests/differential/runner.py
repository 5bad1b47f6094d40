"""Run a case on the engine, step by step, knowing which result is whose.

The engine is driven through its public API only (DESIGN §3): one session
per connection, `execute(step text)` for a step, `take_results()` on the
other sessions for what they finished meanwhile - the same calls
`tests/scenarios/replay.py` makes.  On top of that, `EngineRun` keeps:

* every connection's queue of statements sent but not finished, so each
  finished `Result` is paired with the `Stmt` it answers (results of one
  connection arrive in order; a "waiting" result is only a marker);
* a logical clock: one tick per step, so a statement's snapshot time and a
  transaction's commit time can be compared (history.py);
* every connection's transaction state as a client would track it
  (`ConnState`: in a block or not, failed or not, its savepoints, the
  values it last read) - what the generator needs to write the next step;
* optionally a `monitor` session asking `pg_blocking_pids` who waits for
  whom, as the recorder's monitor connection asks PostgreSQL.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from .case import Case, Stmt, Step

Blockers = dict[str, frozenset[str]]
BLOCKERS_SQL = ("SELECT a.application_name, b.application_name FROM pg_stat_activity a"
                " JOIN pg_stat_activity b ON b.pid = ANY(pg_blocking_pids(a.pid))"
                " WHERE a.wait_event_type = 'Lock'")


@dataclass
class ConnState:
    """A connection's transaction state, as its results tell it."""
    in_block: bool = False
    aborted: bool = False
    savepoints: list[str] = field(default_factory=list)
    last_read: dict[int, int] = field(default_factory=dict)
    done_in_block: int = 0                # statements since the block's BEGIN

    def copy(self) -> "ConnState":
        return ConnState(self.in_block, self.aborted, list(self.savepoints),
                         dict(self.last_read), self.done_in_block)

    def apply(self, stmt: Stmt, ok: bool, rows: list[dict[str, Any]]) -> None:
        """Update the state after `stmt` finished (ok or with an error)."""
        self.done_in_block += 1
        if stmt.kind in ("commit", "rollback"):
            self.in_block, self.aborted, self.savepoints = False, False, []
        elif not ok:
            self.aborted = self.aborted or self.in_block
        elif stmt.kind == "begin":
            if not self.in_block:
                self.done_in_block = 0
            self.in_block = True
        elif stmt.kind == "savepoint" and self.in_block:
            self.savepoints.append(stmt.name)
        elif stmt.kind in ("rollback_to", "release") and stmt.name in self.savepoints:
            cut = self.savepoints.index(stmt.name) + (stmt.kind == "rollback_to")
            del self.savepoints[cut:]
            self.aborted = False
        for row in rows:
            if row.get("id") is not None and row.get("v") is not None:
                self.last_read[int(row["id"])] = int(row["v"])


@dataclass
class Done:
    """A finished statement: its connection, statement, Result and tick."""
    conn: str
    stmt: Stmt
    result: Any
    tick: int                             # the step during which it finished
    sent: int                             # the step that sent it

    @property
    def ok(self) -> bool:
        return self.result.status == "ok"

    @property
    def sqlstate(self) -> str | None:
        return None if self.result.error is None else self.result.error.sqlstate

    def rows(self) -> list[dict[str, Any]]:
        return [dict(zip(self.result.columns, row)) for row in self.result.rows]


@dataclass
class Played:
    """One step on the engine: the step's own results, the other sessions'
    (what they finished meanwhile) and every finished statement paired."""
    own: list[Any]
    resumed: dict[str, list[Any]]
    done: list[Done]


def engine_class() -> Any:
    from txlab.engine import Engine
    return Engine


class EngineRun:
    """A case on a fresh engine; `play` runs one step."""

    def __init__(self, case: Case, *, first_xid: int | None = None,
                 pids: dict[str, int] | None = None, monitor: bool = False) -> None:
        engine = engine_class()
        self.engine = engine(first_xid=first_xid) if first_xid is not None else engine()
        self.pids = pids or {}
        self.sessions: dict[str, Any] = {}
        self.state: dict[str, ConnState] = {}
        self.queues: dict[str, deque[tuple[Stmt, int]]] = {}
        self.tick = 0
        self.history: list[Done] = []
        self.session("setup").execute(case.setup_sql())
        for name in case.connections():          # the recorder opens them all before step 1
            self.session(name)
        self.monitor = self.engine.connect("txlab-monitor") if monitor else None

    def session(self, name: str) -> Any:
        if name not in self.sessions:
            pid = self.pids.get(name)
            self.sessions[name] = (self.engine.connect(name, pid=pid) if pid is not None
                                   else self.engine.connect(name))
            self.state[name] = ConnState()
            self.queues[name] = deque()
        return self.sessions[name]

    def busy(self, name: str) -> bool:
        return name in self.sessions and self.sessions[name].busy

    def idle_names(self, names: list[str] | tuple[str, ...]) -> list[str]:
        return [n for n in names if not self.busy(n)]

    def play(self, step: Step) -> Played:
        """Run one step; raises ValueError if its connection still waits."""
        session = self.session(step.conn)
        if session.busy:
            raise ValueError(f"step {step.conn}: that connection still waits")
        self.tick += 1
        self.queues[step.conn].extend((s, self.tick) for s in step.stmts)
        own = session.execute(step.text)
        resumed = {n: s.take_results() for n, s in self.sessions.items()
                   if n != step.conn and n != "setup"}
        done = self._pair(step.conn, own)
        for name, results in resumed.items():
            done += self._pair(name, results)
        return Played(own, {n: r for n, r in resumed.items() if r}, done)

    def _pair(self, name: str, results: list[Any]) -> list[Done]:
        out = []
        for result in results:
            if result.status == "waiting":
                continue
            stmt, sent = self.queues[name].popleft()
            item = Done(name, stmt, result, self.tick, sent)
            self.state[name].apply(stmt, item.ok, item.rows() if item.ok else [])
            out.append(item)
        self.history += out
        return out

    def blockers(self) -> Blockers:
        """name -> names it waits for (the monitor session must exist)."""
        assert self.monitor is not None, "EngineRun(monitor=True) is needed"
        out: dict[str, set[str]] = {}
        for waiter, holder in self.monitor.execute(BLOCKERS_SQL)[0].rows:
            out.setdefault(waiter, set()).add(holder)
        return {name: frozenset(holders) for name, holders in out.items()}

