"""The event log: every change of state, in order, for the diagrams.

Widgets never look inside the engine's live structures to learn what
happened; they read this log (and the read-only inspection API).  Each event
has a sequence number, a kind (begin, xid, snapshot, insert, update, delete,
lock_wait, lock_grant, savepoint, release, rollback_to, commit, abort,
statement, error, vacuum, crash, recovery, ...), the connection it belongs
to and a small dict of facts.  The log is append-only and deterministic: the
same calls give the same events.
"""
from __future__ import annotations

from typing import Any


class Event:
    """One change of state.  Read-only by convention (a plain slotted class:
    events are made on every statement, so their cost matters)."""

    __slots__ = ("seq", "kind", "conn", "facts")

    def __init__(self, seq: int, kind: str, conn: str, facts: dict[str, Any]) -> None:
        self.seq = seq
        self.kind = kind
        self.conn = conn
        self.facts = facts

    def __repr__(self) -> str:
        return f"Event({self.seq}, {self.kind!r}, {self.conn!r}, {self.facts!r})"


class EventLog:
    __slots__ = ("events", "listeners")

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.listeners: list = []

    @property
    def seq(self) -> int:
        return len(self.events)

    def emit(self, kind: str, conn: str, **facts: Any) -> None:
        ev = Event(len(self.events), kind, conn, facts)
        self.events.append(ev)
        if self.listeners:
            for listener in self.listeners:
                listener(ev)
