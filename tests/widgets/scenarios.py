"""Small scenarios driven through the engine API, shared by the widget
tests and the golden generator.  Each returns (engine, cell connection).

`deadlock` and `waiting` append lock events to a real engine's log by hand,
in the brief fact shapes other lock managers use (waiter / holder / mode,
or holders and the mode inside `lock`), outside any statement: they test
how tolerantly the lock graph and flows read; `engine_deadlock` and
`row_wait` are the engine's own waits.

Tests name points in a scenario's history by event (`seq_of`), not by
number: how many events a statement logs is the engine's business.
"""
from __future__ import annotations

from typing import Any, Callable

from txlab.engine import Engine
from txlab.widgets import history


def seq_of(engine: Engine, kind: str, conn: str | None = None, **facts: Any) -> int:
    """The seq of the last event of `kind` (of connection `conn`, with these facts)."""
    seqs = [e.seq for e in engine.events.events if e.kind == kind and conn in (None, e.conn)
            and all(e.facts.get(k) == v for k, v in facts.items())]
    if not seqs:
        raise LookupError(f"no {kind} event" + (f" of {conn}" if conn else "") + (f" with {facts}" if facts else ""))
    return seqs[-1]


def _ok(session: Any, sql: str) -> None:
    for r in session.execute(sql):
        assert r.status == "ok", (sql, r.error and r.error.message)


def _accounts(rows: str = "(1, 5000.00), (2, 3000.00)") -> tuple[Engine, Any, Any]:
    """alice and bob, and the seed's accounts table."""
    eng = Engine()
    alice, bob = eng.connect("alice"), eng.connect("bob")
    _ok(alice, "CREATE TABLE accounts (id int PRIMARY KEY, balance numeric(12,2))")
    _ok(alice, f"INSERT INTO accounts VALUES {rows}")
    return eng, alice, bob


def _crossed_updates() -> tuple[Engine, Any, Any]:
    """alice has updated row 1 and bob row 2, both still in their blocks."""
    eng, alice, bob = _accounts()
    _ok(alice, "BEGIN; UPDATE accounts SET balance = 1 WHERE id = 1")
    _ok(bob, "BEGIN; UPDATE accounts SET balance = 2 WHERE id = 2")
    return eng, alice, bob


def update_race() -> tuple[Engine, str]:
    """alice updates and commits while bob's REPEATABLE READ snapshot still sees the old version."""
    eng, alice, bob = _accounts()
    _ok(bob, "BEGIN ISOLATION LEVEL REPEATABLE READ")
    _ok(bob, "SELECT * FROM accounts")
    _ok(alice, "BEGIN")
    _ok(alice, "UPDATE accounts SET balance = balance - 100.00 WHERE id = 1")
    _ok(alice, "COMMIT")
    _ok(bob, "SELECT * FROM accounts WHERE id = 1")
    return eng, "bob"


def savepoints() -> tuple[Engine, str]:
    """Nested P1/P2, a rolled-back P2, then a reused name P1 released; still open."""
    eng = Engine()
    movies = eng.connect("movies")
    _ok(movies, "CREATE TABLE customers (customer_id int PRIMARY KEY, customer_name varchar(50))")
    _ok(movies, "INSERT INTO customers VALUES (1, 'Jones, Henry'), (2, 'Rubin, William')")
    _ok(movies, "BEGIN")
    _ok(movies, "SAVEPOINT P1")
    _ok(movies, "INSERT INTO customers VALUES (5, 'Kemp, Hans')")
    _ok(movies, "SAVEPOINT P2")
    _ok(movies, "INSERT INTO customers VALUES (6, 'Falkstein, Gerhard')")
    _ok(movies, "ROLLBACK TO SAVEPOINT P2")
    _ok(movies, "SAVEPOINT P1")
    _ok(movies, "UPDATE customers SET customer_name = 'Jones, Indiana' WHERE customer_id = 1")
    _ok(movies, "RELEASE SAVEPOINT P1")
    return eng, "movies"


def savepoints_ended() -> tuple[Engine, str]:
    """The savepoint scenario committed, then a failed block rolled back."""
    eng, conn = savepoints()
    movies = eng.sessions[conn]
    _ok(movies, "COMMIT")
    _ok(movies, "BEGIN")
    movies.execute("INSERT INTO customers VALUES (1, 'duplicate')")
    movies.execute("SELECT 1")
    _ok(movies, "ROLLBACK")
    return eng, conn


def vacuum() -> tuple[Engine, str]:
    """Dead versions, one kept alive by an old snapshot, then VACUUM and a reused line pointer."""
    eng = Engine()
    history.attach(eng)                 # as the kernel does: values of versions VACUUM removes
    psql, old = eng.connect("psql"), eng.connect("old")
    _ok(psql, "CREATE TABLE t (id int, v text)")
    _ok(psql, "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')")
    _ok(psql, "DELETE FROM t WHERE id = 2")
    _ok(psql, "BEGIN; INSERT INTO t VALUES (9, 'never'); ROLLBACK")
    _ok(old, "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM t")
    _ok(psql, "UPDATE t SET v = 'c2' WHERE id = 3")
    _ok(psql, "VACUUM t")
    _ok(psql, "INSERT INTO t VALUES (4, 'd')")
    return eng, "psql"


def deadlock() -> tuple[Engine, str]:
    """alice and bob each update a row, then wait for each other (synthetic lock
    events in the brief fact shape: waiter, holder, mode)."""
    eng, alice, bob = _crossed_updates()
    xa, xb = alice.xact.xid, bob.xact.xid
    ev = eng.events
    ev.emit("lock_wait", "alice", waiter="alice", holder="bob", mode="ShareLock", lock=f"transaction {xb}")
    ev.emit("deadlock", "bob", waiter="bob", holder="alice", mode="ShareLock", lock=f"transaction {xa}")
    ev.emit("error", "bob", sqlstate="40P01", message="deadlock detected")
    bob.execute("ROLLBACK")
    ev.emit("lock_grant", "alice", waiter="alice", lock=f"transaction {xb}")
    _ok(alice, "COMMIT")
    return eng, "alice"


def waiting() -> tuple[Engine, str]:
    """carol waits for alice, who waits for bob: a chain of waits, no cycle (synthetic,
    in the lock manager's own fact names: `holders`, and the mode inside `lock`)."""
    eng = Engine()
    for name in ("alice", "bob", "carol"):
        eng.connect(name)
    ev = eng.events
    ev.emit("lock_wait", "alice", lock="ShareLock on transaction 740", holders=["bob"])
    ev.emit("lock_wait", "carol", lock="RowExclusiveLock on relation accounts", holders=["alice", "bob"])
    return eng, "carol"


def engine_deadlock() -> tuple[Engine, str]:
    """The same deadlock, with the engine's own lock waits: bob closes the cycle
    and gets 40P01, alice's UPDATE resumes when bob's transaction is gone."""
    eng, alice, bob = _crossed_updates()
    assert [r.status for r in alice.execute("UPDATE accounts SET balance = 3 WHERE id = 2")] == ["waiting"]
    assert [r.error.sqlstate for r in bob.execute("UPDATE accounts SET balance = 4 WHERE id = 1")] == ["40P01"]
    _ok(bob, "ROLLBACK")
    _ok(alice, "COMMIT")
    return eng, "alice"


def row_wait() -> tuple[Engine, str]:
    """bob's autocommit UPDATE waits for alice's open transaction (still waiting)."""
    eng, alice, bob = _accounts("(1, 5000.00)")
    _ok(alice, "BEGIN; UPDATE accounts SET balance = balance - 100 WHERE id = 1")
    assert [r.status for r in bob.execute("UPDATE accounts SET balance = balance + 1 WHERE id = 1")] == ["waiting"]
    return eng, "bob"


def row_locks() -> tuple[Engine, str]:
    """alice locks row 1 FOR UPDATE; bob and carol share row 2 (a MultiXactId)."""
    eng, alice, bob = _accounts()
    carol = eng.connect("carol")
    _ok(alice, "BEGIN; SELECT * FROM accounts WHERE id = 1 FOR UPDATE")
    _ok(bob, "BEGIN; SELECT * FROM accounts WHERE id = 2 FOR SHARE")
    _ok(carol, "BEGIN; SELECT * FROM accounts WHERE id = 2 FOR SHARE")
    return eng, "alice"


def long_chain(versions: int = 1000, rows: int = 1) -> tuple[Engine, str]:
    """`rows` rows, the first updated until it has `versions` versions (autocommit),
    while a REPEATABLE READ reader's snapshot keeps every version alive (else
    pruning would free them)."""
    eng = Engine()
    s, reader = eng.connect("psql"), eng.connect("reader")
    _ok(s, "CREATE TABLE counter (id int PRIMARY KEY, n int)")
    _ok(s, "INSERT INTO counter VALUES " + ", ".join(f"({i}, 0)" for i in range(1, rows + 1)))
    _ok(reader, "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM counter")
    for _ in range(versions - 1):
        _ok(s, "UPDATE counter SET n = n + 1 WHERE id = 1")
    return eng, "psql"


SCENARIOS: dict[str, Callable[[], tuple[Engine, str]]] = {
    "update_race": update_race,
    "savepoints": savepoints,
    "savepoints_ended": savepoints_ended,
    "vacuum": vacuum,
    "deadlock": deadlock,
    "waiting": waiting,
    "engine_deadlock": engine_deadlock,
    "row_wait": row_wait,
    "row_locks": row_locks,
}
