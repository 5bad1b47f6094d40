"""Record what PostgreSQL 15 does with each scenario: the goldens.

    python -m tests.scenarios.record [NAMES...] [--out DIR]   (all scenarios by default)
    python -m tests.scenarios.record --list                   names, needs, about

One throwaway cluster per recording run (tests/pg/server.py); every
scenario is run twice, each time in a freshly created database:

1. the *protocol* run - one libpq connection per name (application_name =
   the name), statements split as psql splits them and sent one by one with
   the simple query protocol; each statement's outcome is recorded field by
   field (tag, columns, type OIDs, text rows, error fields, notices), which
   is what the engine's `Result`s are compared with;
2. the *psql* run - one `psql -X` process per name, each step piped to it
   followed by an `\\echo` marker; what psql printed (stdout and stderr
   merged on a pseudo-terminal) is what the psql formatter and the kernel
   are compared with.

Two runs because neither can stand in for the other: psql's text cannot be
parsed back into exact fields (a NULL and an empty string look alike, the
position of an error is only a caret), and rebuilding psql's text from the
fields would test our formatter against itself.

Each run stores the first xid it will assign (`pg_snapshot_xmax` of a
snapshot taken in the fresh database right before setup; opening
connections and watching them takes no xid), the next xid after its last
step (so [first_xid, next_xid) is every xid the scenario used) and every
connection's backend pid, so the engine is started with the same xid and pids and every output,
xmin and txid_current() included, is compared without masking.

Lock waits.  Statements are never waited for blindly: after sending, the
recorder polls every connection and asks a monitor connection which
backends wait for a lock (`pg_blocking_pids`, `wait_event_type = 'Lock'`).
A statement that has waited for STABLE_WAIT (longer than the cluster's
deadlock_timeout of 100 ms) is recorded as `waiting` on the names that
block it; the rest of its step stays queued on that connection and the
scenario goes on with the next step.  The wait being that long also means
the waiter's own deadlock check has run and found nothing, so when a later
step closes a cycle, that later statement is the victim, as it is when a
human types the steps.  Whatever a waiting connection finishes while a later
step runs - the resumed statement, then its queued ones - is recorded under
that later step as `resumed`, which is what a notebook shows: the cell that
released the lock reports what the other connection then printed.  A step
ends when every connection is idle or waits; a connection that was already
waiting when the step began must be seen waiting STABLE_WAIT into the step,
since a step may end a wait by a signal (pg_cancel_backend,
pg_terminate_backend) that takes effect only after its own statement returns.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import psycopg

from . import golden as goldens
from .channels import Channel, LibpqChannel, Monitor, PsqlChannel, wait_readable
from .scenario import Scenario, ScenarioError, Step, load, load_all

STABLE_WAIT = 0.4         # seconds a lock wait must last to count as waiting (4x deadlock_timeout)
STEP_TIMEOUT = 30.0       # a step that neither finishes nor waits is a recorder bug
DBNAME = "txlab"
FIRST_XID_SQL = "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint"
NEXT_XID_SQL = "SELECT pg_current_xact_id()::text::bigint"     # after the last step
# OIDs the run's objects got (they differ between recordings; a replay gives the engine the same)
OIDS_SQL = ("SELECT json_build_object('database', (SELECT oid FROM pg_database WHERE datname = current_database()))"
            "::jsonb || coalesce((SELECT jsonb_object_agg(relname, oid) FROM pg_class"
            " WHERE relnamespace = 'public'::regnamespace), '{}')")
Sink = Callable[[str, Any], None]


@dataclass
class Watch:
    """Lock-wait state of one connection's current unit of work."""
    since: float | None = None
    blockers: list[int] = field(default_factory=list)
    parked: list[int] | None = None       # recorded as waiting on these pids


class Driver:
    """Runs steps on a set of channels, attributing what finishes to the step."""

    def __init__(self, channels: dict[str, Channel], monitor: Monitor) -> None:
        self.channels = channels
        self.monitor = monitor
        self.names = {ch.pid: name for name, ch in channels.items()}
        self.watch = {name: Watch() for name in channels}

    def run_step(self, step: Step) -> tuple[list[Any], dict[str, list[Any]]]:
        ch = self.channels[step.conn]
        if ch.busy() or ch.pending():
            raise ScenarioError(f"step {step.conn}: that connection still waits")
        ch.push(step.text)
        started = time.monotonic()
        for w in self.watch.values():      # waits parked earlier are re-confirmed (see _all_waiting)
            if w.parked is not None:
                w.since = started
        own: list[Any] = []
        resumed: dict[str, list[Any]] = {}

        def sink(name: str, item: Any) -> None:
            if item is not None:
                (own if name == step.conn else resumed.setdefault(name, [])).append(item)

        self._settle(sink)
        return own, resumed

    def _pump(self, sink: Sink) -> None:
        for name, ch in self.channels.items():
            if not ch.busy() and ch.pending():
                ch.start_next()
            for item in ch.collect():
                self.watch[name] = Watch()
                sink(name, item)

    def _settle(self, sink: Sink) -> None:
        deadline = time.monotonic() + STEP_TIMEOUT
        while True:
            self._pump(sink)
            if any(ch.pending() and not ch.busy() for ch in self.channels.values()):
                continue
            busy = {n: ch for n, ch in self.channels.items() if ch.busy()}
            if not busy or self._all_waiting(busy, sink):
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"step did not settle: {sorted(busy)} neither finish nor wait")
            wait_readable(list(busy.values()), 0.005)

    def _all_waiting(self, busy: dict[str, Channel], sink: Sink) -> bool:
        blocked = _blockers(self.monitor, [ch.pid for ch in busy.values()])
        now = time.monotonic()
        settled = True
        for name, ch in busy.items():
            w, pids = self.watch[name], blocked.get(ch.pid)
            if not pids:
                # running between two waits (a row waiter that got the tuple lock and now
                # waits for the row's transaction): a wait is recorded again only if its
                # blockers differ from the ones recorded, however briefly it ran between
                w.since, w.blockers = None, []
                settled = False
            elif w.parked != pids:
                if w.since is None or w.blockers != pids:
                    w.since, w.blockers, w.parked = now, pids, None
                if now - w.since < STABLE_WAIT:
                    settled = False
                    continue
                w.parked = pids
                sink(name, ch.waiting_record([self.names.get(p, str(p)) for p in pids]))
            elif w.since is not None and now - w.since < STABLE_WAIT:
                # parked before this step: a step can end such a wait without releasing
                # a lock (pg_cancel_backend, pg_terminate_backend), and the signal lands
                # after the step's own statements finish - keep watching for a while
                settled = False
        return settled


# SERIALIZABLE READ ONLY DEFERRABLE waits for a safe snapshot (wait event IPC/SafeSnapshot),
# not for a lock, so pg_blocking_pids does not see it: ask pg_safe_snapshot_blocking_pids.
SAFE_SNAPSHOT_SQL = ("SELECT pid, pg_safe_snapshot_blocking_pids(pid) FROM pg_stat_activity"
                     " WHERE pid = ANY(%s) AND wait_event = 'SafeSnapshot'")


def _blockers(monitor: Monitor, pids: list[int]) -> dict[int, list[int]]:
    """pid -> pids it waits for: lock waits and waits for a safe snapshot."""
    blocked = monitor.blockers(pids)
    for pid, b in monitor.conn.execute(SAFE_SNAPSHOT_SQL, (pids,)).fetchall():
        if b:
            blocked[pid] = sorted(b)
    return blocked


def _fresh(cluster: Any) -> tuple[str, Monitor]:
    db = cluster.fresh_database(DBNAME)
    return db, Monitor(cluster.conninfo(db, "txlab-monitor"))


def _drop(cluster: Any, db: str) -> None:
    with psycopg.connect(cluster.conninfo(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def _run(cluster: Any, scn: Scenario, open_channel: Callable[[str, str, Monitor], Channel],
         to_step: Callable[[Step, list[Any], dict[str, list[Any]]], dict[str, Any]]) -> dict[str, Any]:
    db, monitor = _fresh(cluster)
    channels: dict[str, Channel] = {}
    try:
        for name in scn.connections():
            channels[name] = open_channel(name, db, monitor)
        first_xid = int(monitor.scalar(FIRST_XID_SQL))
        driver = Driver(channels, monitor)
        steps = [to_step(step, *driver.run_step(step)) for step in scn.steps]
        waiting = sorted(n for n, ch in channels.items() if ch.busy())
        if waiting:
            raise ScenarioError(f"{scn.name}: ends while {', '.join(waiting)} still wait(s)")
        next_xid = int(monitor.scalar(NEXT_XID_SQL))
        oids = {k: int(v) for k, v in monitor.scalar(OIDS_SQL).items()}
    finally:
        monitor.close()
        _drop(cluster, db)
        for ch in channels.values():
            ch.close()
    return {"first_xid": first_xid, "next_xid": next_xid,
            "pids": {n: ch.pid for n, ch in channels.items()}, "oids": oids, "steps": steps}


def _outcome_step(step: Step, own: list[Any], resumed: dict[str, list[Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {"conn": step.conn, "statements": own}
    if resumed:
        out["resumed"] = resumed
    return out


def _text_step(step: Step, own: list[str], resumed: dict[str, list[str]]) -> dict[str, Any]:
    out: dict[str, Any] = {"conn": step.conn, "lines": "".join(own).split("\n")}
    if resumed:
        out["resumed"] = {n: "".join(chunks).split("\n") for n, chunks in resumed.items()}
    return out


def protocol_run(cluster: Any, scn: Scenario) -> dict[str, Any]:
    def open_channel(name: str, db: str, monitor: Monitor) -> Channel:
        return LibpqChannel(name, cluster.conninfo(db, name))
    return _run(cluster, scn, open_channel, _outcome_step)


def psql_env() -> dict[str, str]:
    """psql as a learner's terminal runs it: UTF-8, English, no pager, no psqlrc."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PG", "LC_", "PSQL"))}
    return {**env, "PGCLIENTENCODING": "UTF8", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}


def psql_run(cluster: Any, scn: Scenario) -> dict[str, Any]:
    def open_channel(name: str, db: str, monitor: Monitor) -> Channel:
        ch = PsqlChannel(name, cluster.psql_args(db) + ["-P", "pager=off"], psql_env())
        ch.pid = monitor.pid_of(name)
        return ch
    return _run(cluster, scn, open_channel, _text_step)


def record(cluster: Any, scn: Scenario) -> dict[str, Any]:
    """Both runs of one scenario, as a golden (see golden.py)."""
    with psycopg.connect(cluster.conninfo(), autocommit=True) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0].split()[0]
    return {"name": scn.name, "about": scn.about, "needs": scn.needs,
            "source_digest": scn.digest, "server_version": version,
            "protocol": protocol_run(cluster, scn), "psql": psql_run(cluster, scn)}


def record_all(scenarios: list[Scenario], out: Path = goldens.GOLDEN_DIR,
               log: Callable[[str], None] = print) -> list[Path]:
    from tests.pg.server import Cluster
    paths = []
    with Cluster() as cluster:
        cluster.wait_ready()
        for scn in scenarios:
            started = time.monotonic()
            paths.append(goldens.save(record(cluster, scn), out))
            log(f"recorded {scn.name} ({time.monotonic() - started:.1f}s)")
    return paths


def _listing(scenarios: list[Scenario]) -> str:
    width = max(len(s.name) for s in scenarios)
    return "\n".join(f"{s.name:<{width}}  {','.join(s.needs) or '-':<6}  {s.about}"
                     for s in scenarios)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.scenarios.record", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help="scenario names (default: all)")
    ap.add_argument("--out", type=Path, default=goldens.GOLDEN_DIR, help="golden directory")
    ap.add_argument("--list", action="store_true", help="list the scenarios and exit")
    args = ap.parse_args(argv)
    scenarios = [load(Path(n).name.removesuffix(".sql")) for n in args.names] if args.names else load_all()
    if args.list:
        print(_listing(scenarios))
        return 0
    record_all(scenarios, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
