"""Waiting: suspending a statement until a lock is free, and why it woke.

The engine is single-threaded, so a statement cannot block.  Instead each
session runs its statements in a greenlet; a statement that must wait
switches back to whoever called `execute()`, which returns at once with a
"waiting" result.  The statement's Python frame stays suspended exactly
where it stopped (inside an UPDATE's scan, half way through its rows), so
when it resumes it continues with PostgreSQL's semantics: a READ COMMITTED
UPDATE re-checks the row's newest version, a REPEATABLE READ one fails.

A wait is a predicate (`ready`), a function naming the transactions that
block it (`blockers`, for deadlock detection and pg_blocking_pids), a
description, and deadlines.  After every call that may have released
something (a transaction ended, a savepoint rolled back, a session closed,
the clock moved), the engine resumes each waiting session in the order its
wait began; the session re-checks its predicate and either goes on or
waits again.

Deadlocks are found when a wait begins: if following "waits for" edges
from the new waiter leads back to it, the cycle is closed by this
statement, which fails with 40P01 (PostgreSQL finds the cycle after
deadlock_timeout, from the process whose timer fires; at human speed that
is the one that closed the cycle).  Timeouts (lock_timeout,
statement_timeout) are deadlines on the engine clock fired by
`Engine.poll()`; a cancel or a termination wakes the statement with its
error.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Callable

from greenlet import getcurrent

from .errors import PgError


@dataclass
class Wait:
    ready: Callable[[], bool]
    blockers: Callable[[], list[Any]]      # transactions (or sessions) in the way
    lock: str                              # "ShareLock on transaction 745"
    event_type: str                        # pg_stat_activity.wait_event_type
    event: str                             # pg_stat_activity.wait_event
    seq: int = 0
    deadline: datetime | None = None
    deadline_error: PgError | None = None
    interrupt: PgError | None = None       # set by cancel / terminate / timeout
    context: str | None = None             # CONTEXT line of a deadlock report
    wake_at: datetime | None = None        # pg_sleep: when the wait ends by itself
    started: datetime | None = None


def lock_timeout_error() -> PgError:
    return PgError("55P03", "canceling statement due to lock timeout")


def statement_timeout_error() -> PgError:
    return PgError("57014", "canceling statement due to statement timeout")


def cancel_error() -> PgError:
    return PgError("57014", "canceling statement due to user request")


def deadlines(session: Any, now: datetime, wait: Wait) -> tuple[datetime | None, PgError | None]:
    """The earliest of lock_timeout (from now, for lock waits), statement_timeout
    (from the statement's start) and the wait's own end (pg_sleep), with the
    error that firing it raises (None: the wait is simply over)."""
    best: tuple[datetime | None, PgError | None] = (wait.wake_at, None)
    lock_ms = session.setting("lock_timeout") if wait.event_type == "Lock" else 0
    stmt_ms = session.setting("statement_timeout")
    if lock_ms and (best[0] is None or now + timedelta(milliseconds=lock_ms) < best[0]):
        best = (now + timedelta(milliseconds=lock_ms), lock_timeout_error())
    if stmt_ms and session.statement_started is not None:
        at = session.statement_started + timedelta(milliseconds=stmt_ms)
        if best[0] is None or at < best[0]:     # on a tie PostgreSQL reports the lock timeout
            best = (at, statement_timeout_error())
    return best


def suspend(session: Any, wait: Wait) -> None:
    """Wait until `wait.ready()`; raises the wait's interrupt if one is set."""
    engine = session.engine
    now = engine.clock()
    wait.started = now
    wait.deadline, wait.deadline_error = deadlines(session, now, wait)
    engine.wait_seq += 1
    wait.seq = engine.wait_seq
    session.wait = wait
    try:
        engine.check_deadlock(session, wait)
        engine.events.emit("lock_wait", session.name, lock=wait.lock,
                           holders=[s.name for s in engine.blocking_sessions(session)])
        while True:
            if wait.interrupt is not None:
                err = wait.interrupt
                if err.severity != "FATAL" and err.context is None:
                    err.context = wait.context    # PostgreSQL's error context callback of the wait
                raise err
            if wait.ready():
                break
            session.greenlet.parent.switch()
    finally:
        session.wait = None
    engine.events.emit("lock_grant", session.name, lock=wait.lock)


