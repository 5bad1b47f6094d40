"""A generated case: connections running small transactions over one tiny table.

A `Case` is what the generator produces, the shrinker reduces and the
recorder and the engine both run: a setup (one table `t` with an integer
primary key `id` and a value `v`, a few rows), then `Step`s, each a few
`Stmt`s of one connection - one notebook cell, exactly a DESIGN §8 step.

A `Stmt` keeps, besides its SQL, what the generator meant by it (`kind`,
the keys its WHERE clause covers, the value predicate), because the
serializable history checker (history.py) needs to know what a statement
read and wrote without parsing SQL.  `render` writes the case in the
scenario format; `scenario` turns it into a parsed `Scenario` (through a
file, the only door `tests.scenarios.scenario` has) for the recorder and
`replay.py`.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from tests.scenarios.scenario import Scenario, parse

NAMES = ("alice", "bob", "carol", "dave")
KEYS = range(1, 6)                       # the key universe: ids 1..5 (not all present)


@dataclass(frozen=True)
class Stmt:
    """One statement and what it means.

    kind: begin, commit, rollback, savepoint, rollback_to, release, select,
    lock (SELECT ... FOR ...), update, insert, upsert, delete.
    keys: the ids the WHERE clause can match (None: any row of the table).
    v_above: the statement only matches rows with v > v_above (None: no
    value predicate).  name: the savepoint of savepoint statements.
    """
    sql: str
    kind: str
    keys: frozenset[int] | None = None
    v_above: int | None = None
    name: str = ""

    def covers(self) -> frozenset[int]:
        return frozenset(KEYS) if self.keys is None else self.keys


KINDS = (("BEGIN", "begin"), ("START", "begin"), ("COMMIT", "commit"),
         ("ROLLBACK TO", "rollback_to"), ("ROLLBACK", "rollback"), ("SAVEPOINT", "savepoint"),
         ("RELEASE", "release"), ("UPDATE", "update"), ("DELETE", "delete"))


def stmt_of(sql: str) -> Stmt:
    """A hand-written statement, its kind read off its text (keys unknown)."""
    upper = sql.upper()
    if upper.startswith("INSERT"):
        return Stmt(sql, "upsert" if "ON CONFLICT" in upper else "insert")
    if upper.startswith("SELECT"):
        return Stmt(sql, "lock" if " FOR " in upper else "select")
    kind = next((k for prefix, k in KINDS if upper.startswith(prefix)), "select")
    name = sql.rstrip(";").split()[-1] if kind in ("savepoint", "rollback_to", "release") else ""
    return Stmt(sql, kind, name=name)


@dataclass(frozen=True)
class Step:
    conn: str
    stmts: tuple[Stmt, ...]

    @property
    def text(self) -> str:
        return "".join(s.sql + "\n" for s in self.stmts)

    @classmethod
    def of(cls, conn: str, *sqls: str) -> "Step":
        return cls(conn, tuple(stmt_of(sql) for sql in sqls))


@dataclass
class Case:
    """A setup and the steps; `label` names the case in reports (seed/index)."""
    label: str
    rows: dict[int, int]                 # id -> v of the setup's rows
    steps: list[Step] = field(default_factory=list)

    def setup_sql(self) -> str:
        values = ", ".join(f"({k}, {v})" for k, v in sorted(self.rows.items()))
        return ("CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);\n"
                + (f"INSERT INTO t VALUES {values};\n" if values else ""))

    def with_steps(self, steps: list[Step]) -> "Case":
        return replace(self, steps=list(steps))

    def connections(self) -> list[str]:
        return list(dict.fromkeys(s.conn for s in self.steps))

    def statement_count(self) -> int:
        return sum(len(s.stmts) for s in self.steps)


def render(case: Case, name: str, about: str, needs: str = "locks") -> str:
    """The case as a scenario file (DESIGN §8)."""
    lines = [f"-- name: {name}", f"-- about: {about}"]
    if needs:
        lines.append(f"-- needs: {needs}")
    lines += ["-- setup", case.setup_sql().rstrip("\n")]
    for step in case.steps:
        lines += [f"-- step {step.conn}", step.text.rstrip("\n")]
    return "\n".join(lines) + "\n"


def scenario(case: Case, name: str = "rand-case", about: str = "a generated case",
             directory: Path | None = None) -> Scenario:
    """The case parsed as a Scenario; written under `directory` (a temporary
    one by default, removed at once: a parsed Scenario keeps its source)."""
    if directory is not None:
        path = directory / f"{name}.sql"
        path.write_text(render(case, name, about))
        return parse(path)
    with tempfile.TemporaryDirectory(prefix="txlab-rand-") as tmp:
        path = Path(tmp) / f"{name}.sql"
        path.write_text(render(case, name, about))
        return parse(path)
