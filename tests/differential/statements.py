"""The statements a generated transaction may run, as weighted templates.

Each template is a small function `(rng, state, style) -> Stmt`: point and
range SELECTs (some showing `xmin`), SELECT ... FOR UPDATE / NO KEY UPDATE
/ SHARE / KEY SHARE (sometimes NOWAIT or SKIP LOCKED), UPDATEs (relative,
read-modify-write with a value the connection read earlier, over a range,
over a value predicate, of the key itself), INSERTs (keys 1..5 over a
table that holds some of them, so duplicates are frequent), INSERT ... ON
CONFLICT, DELETEs, savepoints.  `next_stmt` picks one that makes sense in
the connection's state (outside a block, inside one, in a failed one).

Nothing here is timing-dependent or outside the engine's scope: no now(),
no timeouts, no OIDs, no multixact ids (xmax is never shown).

`Style.history` is the serializable history checker's dialect: every read
shows `xmin, id, v`, every write returns `xmin, id, v`, and only
statements whose reads and writes history.py can account for are used.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable

from .case import KEYS, Stmt
from .runner import ConnState

LEVELS = ("READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE")
STRENGTHS = ("UPDATE", "NO KEY UPDATE", "SHARE", "KEY SHARE")


@dataclass(frozen=True)
class Style:
    """How a case's transactions look.

    levels: the isolation levels a BEGIN may choose (one level, or several:
    a mix).  history: the history checker's dialect (see module doc).
    keys: the ids statements pick from, repeated to make some of them hot.
    new_keys: the ids the setup leaves free, which INSERTs prefer.
    """
    levels: tuple[str, ...] = LEVELS
    history: bool = False
    keys: tuple[int, ...] = tuple(KEYS)
    new_keys: tuple[int, ...] = ()

    @property
    def cols(self) -> str:
        return "xmin, id, v" if self.history else "id, v"


def _returning(rng: random.Random, style: Style) -> str:
    """RETURNING of a write: always for the history checker, sometimes
    otherwise (a few times showing xmin too)."""
    if style.history:
        return " RETURNING xmin, id, v"
    roll = rng.random()
    return " RETURNING id, v" if roll < 0.1 else " RETURNING xmin, id, v" if roll < 0.11 else ""


Template = Callable[[random.Random, ConnState, Style], Stmt]


def hot_keys(rng: random.Random, present: list[int]) -> tuple[int, ...]:
    """The key universe with a few keys made hot (picked more often): the
    rows the setup inserts first, so that most writes find a row."""
    absent = [k for k in KEYS if k not in present]
    order = rng.sample(present, len(present)) + rng.sample(absent, len(absent))
    return tuple(k for rank, k in enumerate(order) for _ in range((6, 3, 1, 1, 1)[rank]))


def _key(rng: random.Random, style: Style) -> int:
    return rng.choice(style.keys)


def _span(rng: random.Random, style: Style) -> tuple[int, int]:
    a, b = sorted((_key(rng, style), _key(rng, style)))
    return a, b


def _cols(rng: random.Random, style: Style) -> str:
    return style.cols if style.history or rng.random() > 0.25 else "xmin, id, v"


# --- reads ---------------------------------------------------------------------------------
def point_select(rng: random.Random, st: ConnState, style: Style) -> Stmt:
    k = _key(rng, style)
    return Stmt(f"SELECT {_cols(rng, style)} FROM t WHERE id = {k};", "select", frozenset({k}))


def range_select(rng: random.Random, st: ConnState, style: Style) -> Stmt:
    a, b = _span(rng, style)
    return Stmt(f"SELECT {_cols(rng, style)} FROM t WHERE id BETWEEN {a} AND {b} ORDER BY id;",
                "select", frozenset(range(a, b + 1)))


def scan_select(rng: random.Random, st: ConnState, style: Style) -> Stmt:
    if rng.random() < 0.5:
        return Stmt(f"SELECT {_cols(rng, style)} FROM t ORDER BY id;", "select")
    x = rng.choice((10, 20, 30, 40))
    return Stmt(f"SELECT {_cols(rng, style)} FROM t WHERE v > {x} ORDER BY id;", "select", None, x)


def aggregate_select(rng: random.Random, st: ConnState, style: Style) -> Stmt:
    return Stmt("SELECT count(*), sum(v) FROM t;", "select")


def locking_select(rng: random.Random, st: ConnState, style: Style) -> Stmt:
    strength = rng.choice(STRENGTHS)
    option = "" if style.history else rng.choice(("", "", "", "", " NOWAIT", " SKIP LOCKED"))
    if rng.random() < 0.7:
        k = _key(rng, style)
        return Stmt(f"SELECT {style.cols} FROM t WHERE id = {k} FOR {strength}{option};",
                    "lock", frozenset({k}))
    a, b = _span(rng, style)
    return Stmt(f"SELECT {style.cols} FROM t WHERE id BETWEEN {a} AND {b} ORDER BY id"
                f" FOR {strength}{option};", "lock", frozenset(range(a, b + 1)))


# --- writes --------------------------------------------------------------------------------
def update_point(rng: random.Random, st: ConnState, style: Style) -> Stmt:
    k = _key(rng, style)
    if k in st.last_read and rng.random() < 0.6:        # read-modify-write with what it read
        value = st.last_read[k] + rng.randint(1, 5)
        return Stmt(f"UPDATE t SET v = {value} WHERE id = {k}{_returning(rng, style)};", "update",
                    frozenset({k}))
    return Stmt(f"UPDATE t SET v = v + {rng.randint(1, 5)} WHERE id = {k}{_returning(rng, style)};",
                "update", frozenset({k}))


def update_many(rng: random.Random, st: ConnState, style: Style) -> Stmt:
    d = rng.randint(1, 5)
    if rng.random() < 0.5:
        a, b = _span(rng, style)
        return Stmt(f"UPDATE t SET v = v + {d} WHERE id BETWEEN {a} AND {b}{_returning(rng, style)};",
                    "update", frozenset(range(a, b + 1)))
    x = rng.choice((10, 20, 30))
    return Stmt(f"UPDATE t SET v = v - {d} WHERE v > {x}{_returning(rng, style)};", "update", None, x)


def update_key(rng: random.Random, st: ConnState, style: Style) -> Stmt:
    old, new = rng.sample(sorted(set(style.keys)), 2)
    return Stmt(f"UPDATE t SET id = {new} WHERE id = {old};", "update", frozenset({old, new}))


def insert(rng: random.Random, st: ConnState, style: Style) -> Stmt:
    k = rng.choice(style.new_keys if style.new_keys and rng.random() < 0.6 else KEYS)
    return Stmt(f"INSERT INTO t VALUES ({k}, {rng.randint(1, 9) * 10}){_returning(rng, style)};",
                "insert", frozenset({k}))


def upsert(rng: random.Random, st: ConnState, style: Style) -> Stmt:
    k, v = _key(rng, style), rng.randint(1, 9) * 10
    action = rng.choice(("DO NOTHING", "DO UPDATE SET v = t.v + excluded.v"))
    return Stmt(f"INSERT INTO t VALUES ({k}, {v}) ON CONFLICT (id) {action};", "upsert",
                frozenset({k}))


def delete(rng: random.Random, st: ConnState, style: Style) -> Stmt:
    if rng.random() < 0.8:
        k = _key(rng, style)
        return Stmt(f"DELETE FROM t WHERE id = {k}{_returning(rng, style)};", "delete", frozenset({k}))
    x = rng.choice((30, 40, 50))
    return Stmt(f"DELETE FROM t WHERE v > {x}{_returning(rng, style)};", "delete", None, x)


# --- transaction control -------------------------------------------------------------------
def begin(rng: random.Random, st: ConnState, style: Style) -> Stmt:
    level = rng.choice(style.levels)
    if level == "READ COMMITTED" and rng.random() < 0.5:
        return Stmt("BEGIN;", "begin")
    verb = rng.choice(("BEGIN", "BEGIN", "START TRANSACTION"))
    return Stmt(f"{verb} ISOLATION LEVEL {level};", "begin")


def savepoint(rng: random.Random, st: ConnState, style: Style) -> Stmt:
    name = f"s{len(st.savepoints) + 1}"
    return Stmt(f"SAVEPOINT {name};", "savepoint", name=name)


def rollback_to(rng: random.Random, st: ConnState, style: Style) -> Stmt:
    name = rng.choice(st.savepoints)
    return Stmt(f"ROLLBACK TO SAVEPOINT {name};", "rollback_to", name=name)


def release(rng: random.Random, st: ConnState, style: Style) -> Stmt:
    name = rng.choice(st.savepoints)
    return Stmt(f"RELEASE SAVEPOINT {name};", "release", name=name)


COMMIT = Stmt("COMMIT;", "commit")
ROLLBACK = Stmt("ROLLBACK;", "rollback")
FINAL_SELECT = Stmt("SELECT id, v FROM t ORDER BY id;", "select")

READS: list[tuple[Template, int]] = [(point_select, 10), (range_select, 6), (scan_select, 5),
                                     (aggregate_select, 2), (locking_select, 8)]
WRITES: list[tuple[Template, int]] = [(update_point, 14), (update_many, 5), (update_key, 1),
                                      (insert, 8), (upsert, 3), (delete, 6)]
HISTORY_SKIPS = (aggregate_select, update_key, upsert)


def _weighted(rng: random.Random, table: list[tuple[Template, int]], style: Style) -> Template:
    allowed = [(t, w) for t, w in table if not (style.history and t in HISTORY_SKIPS)]
    return rng.choices([t for t, _ in allowed], [w for _, w in allowed])[0]


def _in_block(rng: random.Random, st: ConnState, style: Style) -> Stmt:
    roll = rng.random() if st.done_in_block else 0.3 + 0.7 * rng.random()   # BEGIN; COMMIT is dull
    if roll < 0.12:
        return COMMIT
    if roll < 0.16:
        return ROLLBACK
    if roll < 0.22:
        return savepoint(rng, st, style)
    if st.savepoints and roll < 0.27:
        return rollback_to(rng, st, style)
    if st.savepoints and roll < 0.29:
        return release(rng, st, style)
    table = READS if rng.random() < 0.35 else WRITES
    return _weighted(rng, table, style)(rng, st, style)


def _in_failed_block(rng: random.Random, st: ConnState, style: Style) -> Stmt:
    roll = rng.random()
    if st.savepoints and roll < 0.4:
        return rollback_to(rng, st, style)
    if roll < 0.85:
        return ROLLBACK
    if roll < 0.95:
        return COMMIT
    return point_select(rng, st, style)           # 25P02: commands ignored


def next_stmt(rng: random.Random, st: ConnState, style: Style) -> Stmt:
    """A statement that makes sense for a connection in state `st`."""
    if not st.in_block:
        if style.history or rng.random() < 0.75:
            return begin(rng, st, style)
        table = READS if rng.random() < 0.4 else WRITES
        return _weighted(rng, table, style)(rng, st, style)
    if st.aborted:
        return _in_failed_block(rng, st, style)
    return _in_block(rng, st, style)


def expect(st: ConnState, stmt: Stmt) -> ConnState:
    """The state after `stmt` if it succeeds (to write the rest of a step)."""
    after = st.copy()
    after.apply(stmt, True, [])
    return after
