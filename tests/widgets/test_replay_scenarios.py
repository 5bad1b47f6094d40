"""The event-log replay against the live engine, over every scenario file.

Each scenario (tests/scenarios/*.sql) is played on a fresh engine; then
what the diagrams reconstruct from the event log must agree with the live
engine: the commit log, the VACUUM horizon, each connection's next
snapshot, whether each connection is in a transaction, and the versions of
every table, seen from the event just before the present.  Where the log
cannot know (writes that failed before they were logged, DDL that swaps
heaps), the reconstruction must say so in its notes; row locks it must
replay exactly.  The timeline has one item for each statement the engine
ran, ending at that statement's event.
"""
from __future__ import annotations

import pytest

from txlab.engine import Engine
from txlab.engine import inspect as I
from txlab.widgets import history

from tests.scenarios.scenario import load_all

SCENARIOS = [s for s in load_all() if set(s.needs) <= Engine.features]


def _play(scn) -> tuple[Engine, list[str]]:
    eng = Engine()
    history.attach(eng)
    sessions: dict = {}
    for step in scn.steps:
        if step.conn not in sessions:
            sessions[step.conn] = eng.connect(step.conn)
        sessions[step.conn].execute(step.text)
        eng.poll()
    return eng, list(sessions)


def _facts(tv: I.TableVersions) -> list[tuple]:
    return sorted((v.ctid, v.xmin, v.xmax, v.xmin_status, v.xmax_status, v.values, v.removable,
                   tuple((s.conn, s.visible) for s in v.seen))
                  for c in tv.chains for v in c.versions if not v.removed)


@pytest.mark.parametrize("scn", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_replay_agrees_with_the_engine(scn) -> None:
    eng, conns = _play(scn)
    r = I.replay(eng)
    for xid in eng.xacts.clog.status:
        if xid > 1:
            assert I.xid_status(r.clog, xid) == I.xid_status(eng.xacts.clog, xid), f"xid {xid}"
    assert r.horizon() == eng.xacts.oldest_xmin()
    for s in I.snapshots(eng):
        live = I.live_snapshot(eng, s.conn)
        assert (s.next.xmin, s.next.xmax, sorted(s.next.xip)) == (live.xmin, live.xmax, sorted(live.xip)), s.conn
    for c in conns:
        session = eng.sessions.get(c)
        in_xact = session is not None and session.xact is not None
        assert in_xact == (I.flow_state(eng, c) not in ("idle", "terminated")), c
    statements = [e.seq for e in eng.events.events if e.kind == "statement"]
    assert sorted(i.last_seq for i in I.timeline(eng).items if i.status in ("ok", "error")) == statements
    for table in I.table_names(eng, None):
        live = I.versions(eng, table)
        eng.events.emit("probe", "")
        past = I.versions(eng, table, at=I.last_seq(eng) - 1, known_values=history.known_values(eng))
        assert _facts(past) == _facts(live) or past.notes, f"{table}: the past differs and says nothing"
        assert not any("row lock" in n for n in past.notes), f"{table}: {past.notes}"
