"""Session activity: idle-in-transaction timeouts and the rows of pg_stat_activity.

A session is `idle`, `active` (running or waiting), `idle in transaction`
or `idle in transaction (aborted)`, exactly PostgreSQL's states, with the
wait event of a waiting statement (Lock / transactionid, relation, tuple;
Timeout / PgSleep).  idle_in_transaction_session_timeout terminates a
session that sat in an open transaction too long, with PostgreSQL's FATAL.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from .errors import PgError


def state_of(session: Any) -> str:
    if session.wait is not None or session.running:
        return "active"
    xact = session.xact
    if xact is None or xact.implicit:
        return "idle"
    return "idle in transaction (aborted)" if xact.failed else "idle in transaction"


def _idle_limit(session: Any) -> datetime | None:
    ms = session.setting("idle_in_transaction_session_timeout")
    if not ms or state_of(session) not in ("idle in transaction", "idle in transaction (aborted)"):
        return None
    return session.state_change + timedelta(milliseconds=ms)


def idle_deadlines(engine: Any) -> list[datetime]:
    return [t for t in (_idle_limit(s) for s in engine.sessions.values()) if t is not None]


def idle_in_transaction_timeouts(engine: Any, now: datetime) -> None:
    for s in list(engine.sessions.values()):
        limit = _idle_limit(s)
        if limit is not None and limit <= now:
            s.terminate(PgError("25P03", "terminating connection due to idle-in-transaction timeout",
                                severity="FATAL"))
