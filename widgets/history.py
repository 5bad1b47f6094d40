"""Remembering the values of versions, for views of the past.

The event log says which versions were written and when, not what they
held; the heap holds the values of every version until VACUUM removes it.
A `ValueRecorder` listens to the log and copies the values of each new
version as it is written (reading the heap, changing nothing), so a
history slider can still show a version VACUUM has since removed.  It only
knows what was written after it was attached: the kernel attaches it when
it creates an engine (`attach`), and every diagram command attaches it at
the latest.  It keeps at most `LIMIT` versions, forgetting the oldest.

A listener runs inside the engine's statement, so it never raises.
"""
from __future__ import annotations

import weakref
from typing import Any

LIMIT = 50_000

_RECORDERS: "weakref.WeakKeyDictionary[Any, ValueRecorder]" = weakref.WeakKeyDictionary()


class ValueRecorder:
    def __init__(self, engine: Any) -> None:
        self._engine = weakref.ref(engine)      # the engine's listener list holds us
        self.values: dict[tuple, tuple] = {}    # (table OID, ctid, xmin) -> raw values

    def __call__(self, ev: Any) -> None:
        if ev.kind not in ("insert", "update"):
            return
        try:
            self._record(ev)
        except Exception:                       # never break the statement that emitted it
            pass

    def _record(self, ev: Any) -> None:
        engine = self._engine()
        if engine is None:
            return
        f = ev.facts
        xmin = f.get("xmin", 0) if ev.kind == "insert" else f.get("xid", 0)
        session = engine.sessions.get(ev.conn)
        table = engine.catalog.get(f["table"], session.xact if session is not None else None)
        if table is None:
            return
        tup = table.heap.fetch(tuple(f["ctid"]))
        if tup is None or tup.xmin != xmin:
            return
        self.values[(f.get("oid") or f["table"], tuple(f["ctid"]), xmin)] = tup.values
        if len(self.values) > LIMIT:
            del self.values[next(iter(self.values))]


def attach(engine: Any) -> ValueRecorder:
    """The engine's recorder, attached on first use."""
    rec = _RECORDERS.get(engine)
    if rec is None:
        rec = _RECORDERS[engine] = ValueRecorder(engine)
        engine.events.listeners.append(rec)
    return rec


def known_values(engine: Any) -> dict[tuple, tuple]:
    rec = _RECORDERS.get(engine)
    return rec.values if rec is not None else {}
