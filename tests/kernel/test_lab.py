"""The notebook's psql client without a kernel process: routing, psql's
SendQuery steps, variables, the clock, and lock waits driven by a small
fake engine (so the kernel's side of waits is pinned down whatever the
engine does)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from txlab.engine import PgError, Result
from txlab.kernel.clock import ClockError, NotebookClock, parse_duration, parse_instant
from txlab.kernel.lab import Lab, command_no_begin
from txlab.kernel.routing import RoutingError, connection_of


def cell(lab: Lab, code: str, conn: str = "main", display_id: str = "d"):
    return lab.run_cell(code, conn, display_id)


# -- routing ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("code,meta,expected", [
    ("SELECT 1;", None, "main"),
    ("SELECT 1;", {"tags": ["conn:alice"]}, "alice"),
    ("-- conn: bob\nSELECT 1;", None, "bob"),
    ("\n  --conn:bob  \nSELECT 1;", {}, "bob"),
    ("-- conn: bob\nSELECT 1;", {"tags": ["conn:bob", "x"]}, "bob"),
    ("SELECT 1;\n-- conn: bob", None, "main"),            # only a first line names a connection
])
def test_connection_of(code, meta, expected):
    assert connection_of(code, meta) == expected


@pytest.mark.parametrize("code,meta,words", [
    ("-- conn: bob\nSELECT 1;", {"tags": ["conn:alice"]}, ["conn:alice", "bob"]),
    ("SELECT 1;", {"tags": ["conn:alice", "conn:bob"]}, ["conn:alice", "conn:bob"]),
    ("-- conn: no way\nSELECT 1;", None, ["no way"]),
])
def test_routing_errors_name_both(code, meta, words):
    with pytest.raises(RoutingError) as e:
        connection_of(code, meta)
    assert all(w in str(e.value) for w in words)


# -- psql's SendQuery steps ---------------------------------------------------------------------------

def test_on_error_rollback_interactive_acts_in_a_notebook():
    lab = Lab()
    cell(lab, "CREATE TABLE t (id int PRIMARY KEY); \\set ON_ERROR_ROLLBACK interactive")
    out = cell(lab, "BEGIN;\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES (2);\n"
                    "COMMIT;\nSELECT count(*) FROM t;").output.text()
    assert out.startswith("BEGIN\nINSERT 0 1\nERROR:  duplicate key value violates unique constraint")
    assert out.endswith("INSERT 0 1\nCOMMIT\n count \n-------\n     2\n(1 row)\n\n")


def test_hidden_savepoint_statements_reach_the_engine():
    lab = Lab()
    cell(lab, "CREATE TABLE t (id int); \\set ON_ERROR_ROLLBACK on")
    cell(lab, "BEGIN; INSERT INTO t VALUES (1);")
    kinds = [e.kind for e in lab.engine.events.events]
    assert "savepoint" in kinds or any("savepoint" in k for k in kinds)


def test_autocommit_off_opens_a_block_but_not_before_vacuum():
    lab = Lab()
    cell(lab, "CREATE TABLE t (id int);\n\\set AUTOCOMMIT off")
    assert cell(lab, "INSERT INTO t VALUES (1);").output.state.state == "idle in transaction"
    assert cell(lab, "ROLLBACK;").output.state.state == "idle"
    assert cell(lab, "VACUUM t;").output.text() == "VACUUM\n"


@pytest.mark.parametrize("query,no_begin", [
    ("begin", True), ("  /* c */ -- x\n COMMIT", True), ("vacuum t", True), ("VACUUM", True),
    ("create index concurrently i on t (a)", True), ("create unique index concurrently i on t (a)", True),
    ("create index i on t (a)", False), ("drop index concurrently i", True), ("drop table t", False),
    ("create database x", True), ("alter system set x = 1", True), ("alter table t add c int", False),
    ("prepare transaction 'x'", True), ("prepare p as select 1", False), ("discard all", True),
    ("discard plans", False), ("cluster", True), ("cluster t", False), ("savepoint a", False),
    ("select 1", False), ("reindex table concurrently t", True),
])
def test_command_no_begin(query, no_begin):
    assert command_no_begin(query) is no_begin


def test_on_error_stop_stops_the_cell_and_reports():
    lab = Lab()
    run = cell(lab, "\\set ON_ERROR_STOP on\nSELECT 1/0;\n\\echo never")
    assert (run.status, run.ename, run.evalue) == ("error", "ON_ERROR_STOP", "ERROR:  division by zero")
    assert run.output.text() == "ERROR:  division by zero\n"
    run = cell(lab, "\\nosuch\n\\echo never")
    assert run.status == "error" and "never" not in run.output.text()


def test_conditionals_nest():
    lab = Lab()
    text = cell(lab, "\\if false\n\\if true\n\\echo a\n\\endif\n\\elif yes\n\\echo b\n"
                     "\\else\n\\echo c\n\\endif\n\\if on\n\\echo d\n\\endif").output.text()
    assert text == "b\nd\n"
    assert "unrecognized value" in cell(lab, "\\if maybe\n\\endif").output.text()


def test_variables_listing_has_txlab_values():
    listing = cell(Lab(), "\\set").output.text()
    assert "DBNAME = 'txlab'\n" in listing and "AUTOCOMMIT = 'on'\n" in listing
    assert listing.splitlines() == sorted(listing.splitlines())


def test_unknown_and_unsupported_commands():
    lab = Lab()
    assert cell(lab, "\\foo").output.text() == "invalid command \\foo\nTry \\? for help.\n"
    assert cell(lab, "\\l").output.text() == "\\l: not supported by TxLab\n"
    assert "conn:NAME" in cell(lab, "\\c other").output.text()


def test_diagram_commands_go_to_the_widgets_package(monkeypatch):
    from txlab.kernel import metacmds
    seen = {}

    def run(name, args, context):
        seen.update(name=name, args=args, conn=context.connection, engine=context.engine)
        return [{"text/plain": "diagram", "image/svg+xml": "<svg/>"}, {"text/plain": "ERROR:  bad"}]

    monkeypatch.setattr(metacmds, "_widgets_run", lambda: run)
    lab = Lab()
    result = cell(lab, "\\versions accounts --all", "alice")
    assert seen == {"name": "versions", "args": "accounts --all", "conn": "alice", "engine": lab.engine}
    (display,) = result.output.displays()
    assert display.bundle["data"]["image/svg+xml"] == "<svg/>"
    assert result.output.text() == "ERROR:  bad\n"
    monkeypatch.setattr(metacmds, "_widgets_run", lambda: None)
    assert cell(lab, "\\locks").output.text() == "diagram commands are not available yet\n"


# -- the clock -------------------------------------------------------------------------------------------

def test_fixed_clock_is_deterministic_and_steps():
    def run():
        lab = Lab()
        return cell(lab, "\\clock 2024-01-01 09:00:00+00 step 1s\nSELECT now();\nSELECT now();\n"
                         "BEGIN; SELECT now(); SELECT now(); COMMIT;").output.text()
    first = run()
    assert first == run()
    stamps = [line.strip() for line in first.splitlines() if line.startswith(" 2024")]
    # one second per statement; now() is the transaction's start inside BEGIN ... COMMIT
    assert stamps == ["2024-01-01 09:00:01+00", "2024-01-01 09:00:02+00",
                      "2024-01-01 09:00:03+00", "2024-01-01 09:00:03+00"]


def test_clock_commands():
    lab = Lab()
    assert "real" in cell(lab, "\\clock").output.text()
    assert cell(lab, "\\clock 2024-01-01 09:00").output.text() == "The clock is fixed at 2024-01-01 09:00:00+00:00.\n"
    assert "09:05:00" in cell(lab, "\\clock +5min").output.text()
    assert "invalid timestamp" in cell(lab, "\\clock yesterday-ish").output.text()
    assert "real" in cell(lab, "\\clock real").output.text()


def test_clock_parsing():
    assert parse_instant("2024-01-01 09:00:00+00") == datetime(2024, 1, 1, 9, tzinfo=timezone.utc)
    assert parse_duration("250ms") == timedelta(milliseconds=250)
    with pytest.raises(ClockError):
        parse_duration("soon")
    clock = NotebookClock()
    clock.fix(datetime(2024, 1, 1, tzinfo=timezone.utc))
    deadline = clock() + timedelta(seconds=1)
    clock.advance_towards(deadline, timedelta(seconds=5))
    assert clock() == deadline                    # never past a deadline


def test_reset_gives_a_fresh_database_with_the_same_numbers():
    lab = Lab()
    first = cell(lab, "CREATE TABLE t (a int); INSERT INTO t VALUES (1); SELECT xmin, pg_backend_pid() FROM t;")
    cell(lab, "\\reset")
    again = cell(lab, "CREATE TABLE t (a int); INSERT INTO t VALUES (1); SELECT xmin, pg_backend_pid() FROM t;")
    assert first.output.text() == again.output.text()


# -- waits, with a fake engine ---------------------------------------------------------------------------

class FakeSession:
    """Just enough of Session: a statement containing 'LOCKED' waits until released."""

    def __init__(self, engine, name, pid):
        self.engine, self.name, self.pid = engine, name, pid
        self.xact, self.closed, self.busy = None, False, False
        self.pending: list[Result] = []
        self.waiting_text = ""

    def execute(self, sql):
        if "LOCKED" in sql:
            self.busy, self.waiting_text = True, sql
            return [Result("waiting", query=sql, waiting_for="a lock held by holder (pid 1)")]
        if sql.upper().startswith("RELEASE_ALL"):
            for s in self.engine.sessions.values():
                if s.busy:
                    s.busy = False
                    s.pending.append(Result("ok", "UPDATE 1", query=s.waiting_text))
        return [Result("ok", sql.split()[0].rstrip(";").upper(), query=sql)]

    def take_results(self):
        out, self.pending = self.pending, []
        return out

    def cancel(self):
        if self.busy:
            self.busy = False
            self.pending.append(Result("error", error=PgError("57014", "canceling statement due to user request"),
                                       query=self.waiting_text))

    def show(self, name):
        return "read committed"


class FakeEngine:
    features = frozenset({"locks"})

    def __init__(self, clock):
        self.clock, self.sessions, self.next_pid, self.deadline = clock, {}, 101, None
        self.polls = 0

    def connect(self, name):
        s = self.sessions[name] = FakeSession(self, name, self.next_pid)
        self.next_pid += 1
        return s

    def next_deadline(self):
        return self.deadline

    def poll(self):
        self.polls += 1
        if self.deadline is not None and self.clock() >= self.deadline:
            for s in self.sessions.values():
                if s.busy:
                    s.busy = False
                    s.pending.append(Result("error", error=PgError("55P03", "canceling statement due to lock timeout"),
                                            query=s.waiting_text))
            self.deadline = None


def fake_lab() -> Lab:
    return Lab(engine_factory=FakeEngine)


def test_waiting_cell_resumes_in_the_releasing_cell():
    lab = fake_lab()
    waiting = cell(lab, "begin;\nupdate LOCKED;\n\\echo after", "bob", "bob-cell")
    assert waiting.waiting and waiting.output.text() == "BEGIN\n-- bob is waiting for a lock held by holder (pid 1)\n"
    assert waiting.output.state.state == "waiting"
    stuck = cell(lab, "select 1;", "bob", "bob-2")
    assert "still waiting" in stuck.output.text()
    release = cell(lab, "release_all;", "alice", "alice-cell")
    assert release.output.text() == "RELEASE_ALL\n-- bob (pid 101) resumed:\nUPDATE 1\nafter\n"
    assert list(release.updates) == ["bob-cell"]
    assert release.updates["bob-cell"].text() == "BEGIN\nUPDATE 1\nafter\n"


def test_finite_deadline_blocks_until_it_fires():
    lab = fake_lab()
    lab.clock.fix(datetime(2024, 1, 1, tzinfo=timezone.utc))
    lab.engine.deadline = lab.clock() + timedelta(milliseconds=120)
    blocked = []
    lab.on_block = blocked.append
    run = cell(lab, "update LOCKED;\nselect 2;", "bob")
    assert blocked and not run.waiting
    assert run.output.text() == "ERROR:  canceling statement due to lock timeout\nSELECT\n"
    assert lab.clock() == datetime(2024, 1, 1, 0, 0, 0, 120000, tzinfo=timezone.utc)


def test_keyboard_interrupt_while_blocked_cancels(monkeypatch):
    lab = fake_lab()
    lab.engine.deadline = lab.clock() + timedelta(seconds=30)

    def interrupt(seconds):
        raise KeyboardInterrupt

    monkeypatch.setattr("txlab.kernel.lab.time.sleep", interrupt)
    run = cell(lab, "update LOCKED;\nselect 'not reached';", "bob")
    assert (run.status, run.ename) == ("error", "KeyboardInterrupt")
    assert run.output.text() == "ERROR:  canceling statement due to user request\n"


def test_idle_interrupt_cancels_waiting_statements():
    lab = fake_lab()
    cell(lab, "update LOCKED;", "bob", "bob-cell")
    updates = lab.cancel_waiting()
    assert updates["bob-cell"].text() == "ERROR:  canceling statement due to user request\n"
    assert cell(lab, "select 1;", "bob").output.text() == "SELECT\n"


def test_internal_error_in_the_engine_call_is_xx000():
    lab = fake_lab()
    lab.engine.connect("main").execute = lambda sql: 1 / 0
    lab.conn("main").session = lab.engine.sessions["main"]
    run = cell(lab, "select 1;")
    assert run.status == "ok"
    assert run.output.text() == "ERROR:  internal error: ZeroDivisionError: division by zero\n"


def test_a_timeout_that_expired_between_cells_is_reported_first():
    lab = fake_lab()
    lab.clock.fix(datetime(2024, 1, 1, tzinfo=timezone.utc))
    cell(lab, "update LOCKED;\n\\echo rest of the cell", "bob", "bob-cell")
    lab.engine.deadline = lab.clock() + timedelta(seconds=1)      # e.g. an idle-session timeout elsewhere
    lab.clock.advance(timedelta(seconds=2))
    run = cell(lab, "select 'next';", "bob", "bob-next")
    assert run.output.text() == ("SELECT\n-- bob (pid 101) resumed:\n"
                                 "ERROR:  canceling statement due to lock timeout\nrest of the cell\n")
    assert run.output.resumed and run.updates["bob-cell"].text().startswith("ERROR:  canceling")


def test_a_waiting_connection_shows_what_it_waits_for_now():
    """The third writer of a row first queues on the tuple lock the second holds,
    then, once the first commits, waits for the second's transaction: the
    connection's state follows, though its cell printed the first wait."""
    lab = Lab()
    cell(lab, "CREATE TABLE t (id int PRIMARY KEY, v int);\nINSERT INTO t VALUES (1, 0);", "setup")
    cell(lab, "BEGIN;\nUPDATE t SET v = 1 WHERE id = 1;", "alice")
    cell(lab, "BEGIN;\nUPDATE t SET v = 2 WHERE id = 1;", "bob", "bob-cell")
    carol = cell(lab, "BEGIN;\nUPDATE t SET v = 3 WHERE id = 1;", "carol", "carol-cell")
    assert "ExclusiveLock on tuple (0,1)" in carol.output.text()
    assert lab.conn_state("carol").waiting_for.startswith("ExclusiveLock on tuple (0,1)")
    cell(lab, "COMMIT;", "alice")
    bob = lab.conn_state("bob")
    assert lab.conn_state("carol").waiting_for == f"ShareLock on transaction {bob.xid}, held by bob (pid {bob.pid})"
