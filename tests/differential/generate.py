"""Seeded, deterministic generation of interleavings that PostgreSQL replays exactly.

A case is written step by step while it runs on the engine, which says
which connections wait (a psql window cannot type while its statement
hangs, and the recorder refuses such a step).  Where the engine is wrong
about a wait, PostgreSQL's recording refuses the case and it is counted as
*unsettled*, never silently used.

Recording must also be deterministic, so a step is only kept when what it
sets off in PostgreSQL has one possible order:

1. a step goes to a connection that does not wait;
2. while any connection waits, a step is a single statement - a statement
   that ends a transaction (or fails, which releases its locks too) lets
   the waiter run at once, concurrently with anything after it in the step;
3. a step may set at most one other connection going again: two waiters
   released together race each other in PostgreSQL (their deadlock checks,
   the order of their retried inserts).  A waiter that goes on waiting for
   the connection the step released is no second runner;
4. no two connections wait for the same one: ending that one would set
   both going, so the case could never be closed under rule 3.

The engine is asked who waits for whom (`pg_blocking_pids` on a monitor
session) before and after each step.  A step that breaks a rule is
dropped: the engine is rebuilt by replaying the kept steps (it is
deterministic, so that is the same state) and another step is drawn.  At
the end every open transaction is committed or rolled back one by one,
backing off kept steps if no order satisfies rule 3, and one connection
reads the final table.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from .case import NAMES, KEYS, Case, Step, Stmt
from .runner import Blockers, EngineRun
from .statements import COMMIT, FINAL_SELECT, LEVELS, ROLLBACK, Style, expect, hot_keys, next_stmt

ATTEMPTS = 4                      # draws for one step before giving up on it


@dataclass(frozen=True)
class Shape:
    """Sizes and dialect of generated cases.  `history`: every transaction
    at `level` (SERIALIZABLE; REPEATABLE READ shows the checker finding
    anomalies), the history checker's statements (statements.Style), one
    statement a step (so a statement starts when its step does), no final
    read outside a transaction."""
    connections: tuple[int, ...] = (2, 2, 3, 3, 4)
    steps: tuple[int, int] = (8, 16)
    statements: tuple[int, ...] = (1, 1, 2, 2, 3)
    history: bool = False
    level: str = "SERIALIZABLE"


HISTORY = Shape(connections=(2, 3, 3, 4), steps=(16, 30), statements=(1,), history=True)


def moved(before: Blockers, after: Blockers, finished: set[str]) -> int:
    """How many connections a step set going (rule 3): those that finished a
    statement, and waiters now waiting for others than those."""
    changed = {n for n, b in after.items() if n in before and before[n] != b and not b <= finished}
    return len(finished) + len(changed)


def try_step(run: EngineRun, step: Step) -> bool:
    """Play `step` if it keeps recording deterministic (rules 1-4); False
    means the run is spoiled and must be rebuilt."""
    if run.busy(step.conn):
        return False
    before = run.blockers()
    if before and len(step.stmts) > 1:
        return False
    played = run.play(step)
    finished = {d.conn for d in played.done if d.conn != step.conn}
    after = run.blockers()
    return moved(before, after, finished) <= 1 and not shared_holder(after)


def shared_holder(blockers: Blockers) -> bool:
    """Do two waiters wait for one and the same connection (rule 4)?"""
    held = [h for holders in blockers.values() for h in holders]
    return len(held) != len(set(held))


def replay(case: Case) -> EngineRun:
    run = EngineRun(case, monitor=True)
    for step in case.steps:
        run.play(step)
    return run


def valid(case: Case) -> bool:
    """Does every step of `case` keep the rules, and does it end with nobody waiting?"""
    run = EngineRun(case, monitor=True)
    return all(try_step(run, step) for step in case.steps) and not run.blockers()


class Generator:
    """Writes one case from one seed."""

    def __init__(self, seed: int, shape: Shape | None = None) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.shape = shape or Shape()
        self.names = NAMES[:self.rng.choice(self.shape.connections)]
        present = self.rng.sample(list(KEYS), self.rng.randint(2, 4))
        self.style = self._style(present)
        self.case = Case(f"seed {seed}", {k: k * 10 for k in sorted(present)})
        self.run = EngineRun(self.case.with_steps([]), monitor=True)
        for name in self.names:
            self.run.session(name)

    def _style(self, present: list[int]) -> Style:
        mix = self.rng.choice(("one", "one", "mixed"))
        levels = LEVELS if mix == "mixed" else (self.rng.choice(LEVELS),)
        if self.shape.history:
            levels = (self.shape.level,)
        free = tuple(k for k in KEYS if k not in present)
        return Style(levels, self.shape.history, hot_keys(self.rng, present), free)

    def _rebuild(self) -> None:
        self.run = replay(self.case)
        for name in self.names:
            self.run.session(name)

    def _statements(self, name: str, single: bool) -> tuple[Stmt, ...]:
        state = self.run.state[name]
        count = 1 if single else self.rng.choice(self.shape.statements)
        out: list[Stmt] = []
        for _ in range(count):
            stmt = next_stmt(self.rng, state, self.style)
            out.append(stmt)
            state = expect(state, stmt)
            if stmt.kind in ("commit", "rollback"):
                break
        return tuple(out)

    def _keep(self, step: Step) -> bool:
        if try_step(self.run, step):
            self.case.steps.append(step)
            return True
        self._rebuild()
        return False

    def _one_step(self) -> None:
        for _ in range(ATTEMPTS):
            idle = self.run.idle_names(self.names)
            name = self.rng.choice(idle)
            single = any(self.run.busy(n) for n in self.names)
            if self._keep(Step(name, self._statements(name, single))):
                return

    def _open(self) -> list[str]:
        return [n for n in self.names if self.run.busy(n) or self.run.state[n].in_block]

    def _close_one(self) -> bool:
        candidates = [n for n in self._open() if not self.run.busy(n)]
        self.rng.shuffle(candidates)
        for name in candidates:
            end = COMMIT if self.rng.random() < 0.7 else ROLLBACK
            if self._keep(Step(name, (end,))):
                return True
        return False

    def _close(self) -> None:
        """End every transaction; drop more and more of the last steps
        written before the closing began until that is possible."""
        written = len(self.case.steps)
        while self._open():
            if not self._close_one():
                written -= 1
                del self.case.steps[written:]
                self._rebuild()

    def generate(self) -> Case:
        low, high = self.shape.steps
        for _ in range(self.rng.randint(low, high)):
            self._one_step()
        self._close()
        if not self.shape.history:
            self._keep(Step(self.rng.choice(self.names), (FINAL_SELECT,)))
        return self.case


def generate(seed: int, shape: Shape | None = None) -> Case:
    return Generator(seed, shape).generate()
