"""txlab.engine.inspect: facts, the replay against the live engine, read-only-ness."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from txlab.engine import Engine
from txlab.engine import inspect as I
from txlab.engine.clog import STATUS_NAMES
from txlab.widgets import history
from txlab.widgets.commands import run

from .scenarios import SCENARIOS, _ok, seq_of


def _fingerprint(eng: Engine) -> tuple:
    """What the engine is: events, commit log, every stored version, sessions."""
    heaps = []
    for t in eng.catalog.all_visible(None):
        if getattr(t, "relkind", "") == "r":
            heaps.append((t.name, [(tup.ctid, tup.xmin, tup.xmax, tup.cmin, tup.cmax, tup.values, tup.next is None)
                                   for tup in t.heap.scan()]))
    return (len(eng.events.events), dict(eng.xacts.clog.status), eng.xacts.next_xid, heaps,
            sorted((n, s.xact is not None) for n, s in eng.sessions.items()))


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_diagrams_change_nothing(name: str) -> None:
    eng, conn = SCENARIOS[name]()
    before = _fingerprint(eng)
    for command, args in (("versions", ""), ("snapshot", "*"), ("savepoints", conn), ("flow", "*"),
                          ("timeline", ""), ("locks", ""), ("versions", "--at 5")):
        run(command, args, {"engine": eng, "connection": conn, "widgets": False})
    assert eng.events.listeners == [history.attach(eng)]      # the value recorder: it only reads
    for seq in range(-1, I.last_seq(eng) + 1):
        I.timeline(eng, seq), I.flows(eng, seq), I.snapshots(eng, seq), I.lock_graph(eng, seq)
    assert _fingerprint(eng) == before


# --- the replay agrees with the live engine ---------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_replayed_commit_log_matches(name: str) -> None:
    eng, _ = SCENARIOS[name]()
    r = I.replay(eng)
    for xid in eng.xacts.clog.status:
        if xid > 1:
            assert I.xid_status(r.clog, xid) == I.xid_status(eng.xacts.clog, xid), xid


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_replayed_snapshots_match_live(name: str) -> None:
    eng, _ = SCENARIOS[name]()
    for s in I.snapshots(eng):
        live = I.live_snapshot(eng, s.conn)
        assert (s.next.xmin, s.next.xmax, tuple(sorted(s.next.xip))) == (live.xmin, live.xmax, tuple(sorted(live.xip)))
        xact = eng.sessions[s.conn].xact
        if xact is not None and xact.snapshot is not None:
            assert s.held_kind == "transaction" and s.held.taken_at == xact.snapshot.taken_at


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_replayed_horizon_matches(name: str) -> None:
    eng, _ = SCENARIOS[name]()
    assert I.replay(eng).horizon() == eng.xacts.oldest_xmin()


@pytest.mark.parametrize("name", ["update_race", "savepoints", "vacuum", "engine_deadlock"])
def test_past_at_the_last_event_equals_the_present(name: str) -> None:
    """The reconstruction, asked for the present, says what the heap says."""
    eng, conn = SCENARIOS[name]()
    for table in I.table_names(eng, conn):
        live = I.versions(eng, table, conn=conn)
        eng.events.emit("probe", "")                  # the present is now one event later
        past = I.versions(eng, table, conn=conn, at=I.last_seq(eng) - 1, known_values=history.known_values(eng))
        strip = lambda tv: sorted((v.ctid, v.xmin, v.xmax, v.xmin_status, v.xmax_status, v.values, v.removable,
                                   tuple((s.conn, s.visible) for s in v.seen))
                                  for c in tv.chains for v in c.versions if not v.removed)
        assert strip(past) == strip(live)
        assert not past.notes or all("unknown" not in n for n in past.notes)


def test_savepoint_tree_matches_live_stack() -> None:
    eng, conn = SCENARIOS["savepoints"]()
    xact = eng.sessions[conn].xact

    def live(node):
        return (node.name, node.xid, node.state, tuple(live(c) for c in node.children))

    def replayed(node):
        return (node.name, node.xid, "active" if node.state == "in progress" else node.state,
                tuple(replayed(c) for c in node.children))
    tree = I.savepoint_tree(eng, conn)
    assert tree.open and replayed(tree.root) == live(xact.top)
    current = [n for n in _walk(tree.root) if n.current]
    assert [(n.name, n.xid) for n in current] == [(xact.current.name, xact.current.xid)]


def _walk(node):
    yield node
    for c in node.children:
        yield from _walk(c)


# --- facts ----------------------------------------------------------------------------------------------
def test_update_race_visibility_words() -> None:
    eng, _ = SCENARIOS["update_race"]()
    tv = I.versions(eng, "accounts")
    old, new = tv.chains[0].versions
    assert (old.ctid, new.ctid, old.next_ctid) == ((0, 1), (0, 3), (0, 3))
    seen = {s.conn: (s.visible, s.reason) for s in old.seen}
    assert seen == {"alice": (False, "deleted by committed 737"), "bob": (True, "visible")}
    seen = {s.conn: (s.visible, s.reason) for s in new.seen}
    assert seen == {"alice": (True, "visible"), "bob": (False, "xmin 737 started after the snapshot")}
    assert not old.removable                        # bob's snapshot (xmin 737) keeps it
    _ok(eng.sessions["bob"], "COMMIT")
    old = I.versions(eng, "accounts").chains[0].versions[0]
    assert old.removable and old.xmax_status == "committed"


def test_vacuum_reconstruction() -> None:
    eng, _ = SCENARIOS["vacuum"]()
    vacuum_seq = next(e.seq for e in eng.events.events if e.kind == "vacuum")
    before = I.versions(eng, "t", at=vacuum_seq - 1)
    after = I.versions(eng, "t", at=vacuum_seq, known_values=history.known_values(eng))
    removable = sorted(v.ctid for c in before.chains for v in c.versions if v.removable)
    removed = sorted(v.ctid for c in after.chains for v in c.versions if v.removed)
    assert removable == removed == [(0, 2), (0, 4)]
    assert {v.values for c in after.chains for v in c.versions if v.removed} == {("2", "b"), ("9", "never")}
    live = I.versions(eng, "t")
    assert live.freed == ((0, 4),) and [r.removed for r in live.vacuums] == [2]    # INSERT 4 reused (0,2)


def test_values_of_vacuumed_versions_unknown_without_recorder() -> None:
    eng, _ = _one_session("CREATE TABLE t (id int); INSERT INTO t VALUES (1); DELETE FROM t; VACUUM t")
    tv = I.versions(eng, "t", at=I.last_seq(eng) - 1)
    (v,) = [v for c in tv.chains for v in c.versions]
    assert v.values is None and v.removed and any("unknown" in n for n in tv.notes)


def test_unexplained_versions_after_truncate() -> None:
    eng, s = _one_session("CREATE TABLE t (id int); INSERT INTO t VALUES (1)")
    assert I.unexplained_versions(eng, "t") == 0
    _ok(s, "TRUNCATE t; INSERT INTO t VALUES (2)")
    tv = I.versions(eng, "t", at=I.last_seq(eng) - 1)
    assert any("TRUNCATE" in n for n in tv.notes)


def test_unknown_relation_and_connection() -> None:
    eng, _ = SCENARIOS["update_race"]()
    with pytest.raises(I.InspectError, match='relation "nope" does not exist'):
        I.versions(eng, "nope")
    with pytest.raises(I.InspectError, match='connection "carol" does not exist'):
        I.snapshot_of(eng, "carol")


def test_uncommitted_table_visible_only_to_its_creator() -> None:
    eng = Engine()
    a, b = eng.connect("a"), eng.connect("b")
    _ok(a, "BEGIN; CREATE TABLE t (id int); INSERT INTO t VALUES (1)")
    assert I.table_names(eng, "a") == ("t",) and I.table_names(eng, "b") == ()
    tv = I.versions(eng, "t", conn="a")
    assert [(s.conn, s.visible) for s in tv.chains[0].versions[0].seen] == [("a", True), ("b", False)]
    with pytest.raises(I.InspectError):
        I.versions(eng, "t", conn="b")


def test_status_words_are_the_commit_logs() -> None:
    eng, _ = SCENARIOS["savepoints"]()
    statuses = {v.xmin_status for c in I.versions(eng, "customers").chains for v in c.versions}
    assert statuses <= set(STATUS_NAMES.values())
    assert {"committed", "in progress", "aborted", "sub-committed"} <= statuses


# --- flows and timeline -------------------------------------------------------------------------------------
def _one_session(sql: str) -> tuple[Engine, object]:
    eng = Engine()
    s = eng.connect("s")
    _ok(s, sql)
    return eng, s


def test_failed_block_flow() -> None:
    eng, s = _one_session("CREATE TABLE t (id int PRIMARY KEY); BEGIN")
    s.execute("INSERT INTO t VALUES (1), (1)")
    assert I.flow_state(eng, "s") == "failed"
    assert I.savepoint_tree(eng, "s").root.state == "failed"
    _ok(s, "ROLLBACK")
    assert I.flow_state(eng, "s") == "idle"
    steps = [(st.src, st.dst, st.label) for st in I.flows(eng)["s"]][-4:]
    assert steps == [("idle", "in progress", "BEGIN (read committed)"), ("in progress", "failed", "ERROR 23505"),
                     ("failed", "rolled back", "ROLLBACK"), ("rolled back", "idle", "")]
    assert I.flows(eng)["s"][-1].seq == seq_of(eng, "end_failed", "s")      # closed when ROLLBACK ended it


def test_error_inside_savepoint_then_rollback_to() -> None:
    eng, s = _one_session("CREATE TABLE t (id int PRIMARY KEY); BEGIN; INSERT INTO t VALUES (1); "
                          "SAVEPOINT a; INSERT INTO t VALUES (2)")
    s.execute("INSERT INTO t VALUES (1)")
    tree = I.savepoint_tree(eng, "s")
    assert [(n.name, n.state) for n in _walk(tree.root)] == [(None, "failed"), ("a", "aborted")]
    _ok(s, "ROLLBACK TO a; COMMIT")
    tree = I.savepoint_tree(eng, "s")
    assert [(n.name, n.state) for n in _walk(tree.root)] == [
        (None, "committed"), ("a", "rolled back"), ("a", "committed with the parent")]
    labels = [st.label for st in I.flows(eng)["s"]]
    assert labels[-5:] == ["SAVEPOINT a", "ERROR 23505", "ROLLBACK TO a", "COMMIT", ""]


def test_autocommit_error_is_one_timeline_item() -> None:
    eng, s = _one_session("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1)")
    s.execute("INSERT INTO t VALUES (1)")
    last = I.timeline(eng).items[-1]
    assert (last.mark, last.status, last.sql) == ("error", "error", "INSERT INTO t VALUES (1)")
    assert last.outcome == 'ERROR 23505: duplicate key value violates unique constraint "t_pkey"'
    # the unique check fails before the insert is logged: the item knows the xid, not the INSERT
    assert last.details == ("snapshot 737:737:", "xid 737", "autocommit: rolled back")
    assert (last.seq, last.last_seq) == (seq_of(eng, "begin", "s"), seq_of(eng, "statement", "s"))
    assert [st.label for st in I.flows(eng)["s"]][-2:] == ["ERROR 23505 (autocommit)", ""]


def test_unknown_event_kinds_are_carried() -> None:
    eng = Engine()
    eng.connect("s")
    eng.events.emit("checkpoint", "", redo=42)
    item = I.timeline(eng).items[-1]
    assert (item.conn, item.mark, item.label) == ("", "other", "checkpoint (redo=42)")
    assert I.flows(eng) == {"s": ()}


def test_crash_terminates_everyone() -> None:
    eng = Engine()
    a = eng.connect("a")
    _ok(a, "CREATE TABLE t (id int); BEGIN; INSERT INTO t VALUES (1)")
    eng.events.emit("crash", "")
    assert I.flow_state(eng, "a") == "terminated"
    assert I.timeline(eng).items[-1].mark == "crash"


# --- locks (synthetic events, both fact shapes) ------------------------------------------------------------
def test_wait_graph_from_brief_facts() -> None:
    eng, _ = SCENARIOS["deadlock"]()
    wait_seq = next(e.seq for e in eng.events.events if e.kind == "lock_wait")
    lg = I.lock_graph(eng, wait_seq)
    assert [(e.waiter, e.holder, e.what) for e in lg.waits] == [("alice", "bob", "ShareLock on transaction 738")]
    lg = I.lock_graph(eng)
    assert lg.waits == ()
    (d,) = lg.deadlocks
    assert d.cycle == ("bob", "alice") and d.victim == "bob"
    assert [(e.waiter, e.holder) for e in d.edges] == [("bob", "alice"), ("alice", "bob")]


def test_wait_graph_from_lock_manager_facts() -> None:
    eng, _ = SCENARIOS["waiting"]()
    lg = I.lock_graph(eng)
    assert [(e.waiter, e.holder, e.mode) for e in lg.waits] == [
        ("alice", "bob", "ShareLock"), ("carol", "alice", "RowExclusiveLock"), ("carol", "bob", "RowExclusiveLock")]
    eng.events.emit("lock_grant", "carol", lock="RowExclusiveLock on relation accounts")
    assert [e.waiter for e in I.lock_graph(eng).waits] == ["alice"]
    eng.events.emit("deadlock", "bob", cycle=["bob", "alice"], victim="bob")
    (d,) = I.lock_graph(eng).deadlocks
    assert [(e.waiter, e.holder, e.what) for e in d.edges] == [
        ("bob", "alice", ""), ("alice", "bob", "ShareLock on transaction 740")]


def test_lock_timeout_inside_a_savepoint() -> None:
    """The engine logs no lock_grant when a timeout ends the wait: the error does."""
    now = [datetime(2024, 1, 1, tzinfo=timezone.utc)]
    eng = Engine(clock=lambda: now[0])
    a, b = eng.connect("alice"), eng.connect("bob")
    _ok(a, "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1); BEGIN; UPDATE t SET id = 1")
    assert b.execute("BEGIN; SAVEPOINT s; SET lock_timeout = '10ms'; UPDATE t SET id = 2")[-1].status == "waiting"
    assert [e.waiter for e in I.lock_graph(eng).waits] == ["bob"]
    now[0] += timedelta(seconds=1)
    eng.poll()
    assert I.lock_graph(eng).waits == ()
    assert [(s.src, s.dst, s.label) for s in I.flows(eng)["bob"]][-2:] == [
        ("in progress", "waiting", "waits for alice"), ("waiting", "failed", "ERROR 55P03")]
    tree = I.savepoint_tree(eng, "bob")
    assert [(n.name, n.state, n.current) for n in _walk(tree.root)] == [(None, "failed", False), ("s", "aborted", True)]


def test_engine_deadlock_is_seen() -> None:
    eng, _ = SCENARIOS["engine_deadlock"]()
    (d,) = I.lock_graph(eng).deadlocks
    assert d.victim == "bob" and set(d.cycle) == {"alice", "bob"}
    # the deadlock event names the victim's own lock and who holds it
    assert [(e.waiter, e.holder, e.what) for e in d.edges] == [
        ("bob", "alice", "ShareLock on transaction 737"), ("alice", "bob", "ShareLock on transaction 738")]
    items = {i.sql: i for i in I.timeline(eng).items}
    resumed = items["UPDATE accounts SET balance = 3 WHERE id = 2"]
    victim = items["UPDATE accounts SET balance = 4 WHERE id = 1"]
    assert (resumed.mark, resumed.outcome, resumed.waits_for) == ("resume", "UPDATE 1", ("bob",))
    assert resumed.wait_seq == seq_of(eng, "lock_wait", "alice")
    assert f"waited {resumed.wait_seq}-{seq_of(eng, 'lock_grant', 'alice')} for bob: ShareLock on transaction 738" \
        in resumed.details
    assert (victim.mark, victim.outcome, victim.waits_for) == ("deadlock", "ERROR 40P01: deadlock detected", ("alice",))
    assert items["ROLLBACK"].details == ("ends the failed block of xid 738",)


# --- the replay cache ---------------------------------------------------------------------------------------
def test_replay_cache_advances_and_goes_back() -> None:
    eng, _ = SCENARIOS["update_race"]()
    end = I.last_seq(eng)
    assert I.replay(eng).upto == end
    assert I.replay(eng, 5).upto == 5
    assert I.replay(eng, 9).upto == 9             # the past slot moves forward
    assert I.replay(eng, 3).upto == 3             # and replays afresh to go back
    assert I.replay(eng).upto == end
    eng.sessions["alice"].execute("SELECT 1 FROM accounts")
    assert I.replay(eng).upto == I.last_seq(eng) > end


# --- statements: what the statement events add ----------------------------------------------------------------
def test_statement_text_is_shortened() -> None:
    assert I.statement_text("  -- why\n/* note */ SELECT\n   1 ;  ") == "SELECT 1"
    long = "UPDATE accounts SET balance = balance - 100.00, note = 'transfer to savings' WHERE id = 1"
    short = I.statement_text(long)
    assert len(short) <= I.STATEMENT_WIDTH and short.endswith("\u2026") and long.startswith(short[:-1])


@pytest.mark.parametrize("name", ["update_race", "savepoints_ended", "vacuum", "engine_deadlock", "row_wait"])
def test_each_statement_is_one_item(name: str) -> None:
    eng, _ = SCENARIOS[name]()
    statements = [e for e in eng.events.events if e.kind == "statement"]
    items = sorted((i for i in I.timeline(eng).items if i.status in ("ok", "error")), key=lambda i: i.last_seq)
    assert [(i.last_seq, i.sql) for i in items] == [(e.seq, I.statement_text(e.facts["text"])) for e in statements]
    assert all(i.status == e.facts["status"] for i, e in zip(items, statements))


def test_a_waiting_statement_is_named_before_it_ends() -> None:
    eng, _ = SCENARIOS["engine_deadlock"]()
    wait = seq_of(eng, "lock_wait", "alice")
    item = [i for i in I.timeline(eng, wait).items if i.conn == "alice"][-1]      # named by its later event
    assert (item.sql, item.status, item.mark) == ("UPDATE accounts SET balance = 3 WHERE id = 2", "waiting", "wait")
    assert item.outcome == f"waiting since {wait} for bob: ShareLock on transaction 738"
    assert (item.waits_for, item.wait_seq) == (("bob",), wait)
    eng, _ = SCENARIOS["row_wait"]()
    item = I.timeline(eng).items[-1]                                               # named by its session
    assert (item.conn, item.sql, item.status) == ("bob", "UPDATE accounts SET balance = balance + 1 WHERE id = 1",
                                                  "waiting")
    assert item.details == ("snapshot 737:738:737", "xid 738")        # PostgreSQL takes the xid before it waits


def test_history_slider_names_the_statement_of_an_event() -> None:
    eng, _ = SCENARIOS["update_race"]()
    seq = seq_of(eng, "update", "alice")
    assert I.describe_event(eng, seq) == (f"seq {seq}: alice UPDATE accounts (0,1) -> (0,3) "
                                          "[UPDATE accounts SET balance = balance - 100.00 WHERE id = 1]")
    seq = seq_of(eng, "statement", "bob")
    assert I.describe_event(eng, seq) == f"seq {seq}: bob SELECT * FROM accounts WHERE id = 1 -> SELECT 1"


def test_flow_begin_says_the_isolation_the_block_got() -> None:
    eng, s = _one_session("SET default_transaction_isolation = 'repeatable read'; BEGIN; COMMIT; "
                          "BEGIN ISOLATION LEVEL SERIALIZABLE; COMMIT")
    begins = [st.label for st in I.flows(eng)["s"] if st.label.startswith("BEGIN")]
    assert begins == ["BEGIN (repeatable read)", "BEGIN (serializable)"]


def test_refused_statements_and_the_end_of_a_failed_block() -> None:
    eng, s = _one_session("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1); BEGIN")
    s.execute("INSERT INTO t VALUES (1)")
    s.execute("SELECT 1")                                       # 25P02: no error event, only its statement
    refused = seq_of(eng, "statement", "s")
    _ok(s, "COMMIT")                                            # answers ROLLBACK
    steps = [(st.seq, st.src, st.dst, st.label) for st in I.flows(eng)["s"]][-3:]
    end = seq_of(eng, "end_failed", "s")
    assert steps == [(refused, "failed", "failed", "ERROR 25P02"), (end, "failed", "rolled back", "COMMIT"),
                     (end, "rolled back", "idle", "")]
    last = I.timeline(eng).items[-1]
    assert (last.mark, last.label) == ("rollback", "COMMIT -> ROLLBACK (ends the failed block of xid 737)")


def test_error_in_a_savepoint_then_commit() -> None:
    eng, s = _one_session("BEGIN; SAVEPOINT a")
    s.execute("SELECT 1/0")
    _ok(s, "COMMIT")                            # end_failed, then the abort of the still running transaction
    labels = [(st.src, st.dst, st.label) for st in I.flows(eng)["s"]][-3:]
    assert labels == [("in progress", "failed", "ERROR 22012"), ("failed", "rolled back", "COMMIT"),
                      ("rolled back", "idle", "")]


def test_a_failed_commit_ends_the_block() -> None:
    eng = Engine()
    a, b = eng.connect("a"), eng.connect("b")
    _ok(a, "CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t VALUES (1, 0), (2, 0)")
    for s in (a, b):                                            # write skew: one of them cannot commit
        _ok(s, "BEGIN ISOLATION LEVEL SERIALIZABLE; SELECT sum(v) FROM t")
    _ok(a, "UPDATE t SET v = 1 WHERE id = 1")
    _ok(b, "UPDATE t SET v = 1 WHERE id = 2")
    _ok(a, "COMMIT")
    assert b.execute("COMMIT")[0].error.sqlstate == "40001"
    assert I.flow_state(eng, "b") == "idle"
    assert [(st.src, st.dst, st.label) for st in I.flows(eng)["b"]][-2:] == [
        ("in progress", "rolled back", "ERROR 40001 (COMMIT)"), ("rolled back", "idle", "")]
    last = I.timeline(eng).items[-1]
    assert last.details == ("xid 738 rolled back",) and last.outcome.startswith("ERROR 40001: ")


# --- row locks and table OIDs in views of the past -----------------------------------------------------------------
def _locks(tv: I.TableVersions) -> list[tuple]:
    return sorted((v.ctid, v.xmax, v.xmax_status, v.lock_only, v.lockers) for c in tv.chains for v in c.versions)


def test_row_locks_in_the_past() -> None:
    eng = Engine()
    a, b, c = eng.connect("a"), eng.connect("b"), eng.connect("c")
    _ok(a, "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (2)")
    before = I.last_seq(eng)
    _ok(a, "BEGIN; SELECT * FROM t WHERE id = 1 FOR UPDATE")
    _ok(b, "BEGIN; SELECT * FROM t WHERE id = 2 FOR SHARE")
    _ok(c, "BEGIN; SELECT * FROM t WHERE id = 2 FOR SHARE")       # two lockers: a MultiXactId
    live = I.versions(eng, "t")
    eng.events.emit("probe", "")
    past = I.versions(eng, "t", at=I.last_seq(eng) - 1)
    assert _locks(past) == _locks(live) == [((0, 1), 737, "in progress", True, ((737, "update"),)),
                                            ((0, 2), 1, "multixact", True, ((738, "share"), (739, "share")))]
    assert past.notes == ()
    assert [v.xmax for ch in I.versions(eng, "t", at=before).chains for v in ch.versions] == [0, 0]
    assert "FOR UPDATE t (0,1)" in [i for i in I.timeline(eng).items if i.conn == "a"][-1].details


def test_a_key_share_lock_moves_to_the_new_version() -> None:
    """A foreign-key check locks the parent FOR KEY SHARE; an update that keeps
    the key carries that lock to the new version (not logged: replayed)."""
    eng = Engine()
    a, b = eng.connect("a"), eng.connect("b")
    _ok(a, "CREATE TABLE p (id int PRIMARY KEY, v int); CREATE TABLE c (pid int REFERENCES p); "
           "INSERT INTO p VALUES (1, 0)")
    _ok(a, "BEGIN; INSERT INTO c VALUES (1)")
    _ok(b, "UPDATE p SET v = 1 WHERE id = 1")
    live = I.versions(eng, "p")
    eng.events.emit("probe", "")
    past = I.versions(eng, "p", at=I.last_seq(eng) - 1)
    assert _locks(past) == _locks(live)
    assert [(v.ctid, v.lock_only, v.lockers) for ch in live.chains for v in ch.versions][-1] == \
        ((0, 2), True, ((738, "key share"),))


def test_a_table_made_again_under_its_name_is_another_table() -> None:
    eng, s = _one_session("CREATE TABLE t (id int); INSERT INTO t VALUES (1); DROP TABLE t; "
                          "CREATE TABLE t (id int); INSERT INTO t VALUES (2)")
    eng.events.emit("probe", "")
    past = I.versions(eng, "t", at=I.last_seq(eng) - 1)
    assert [(v.ctid, v.values) for ch in past.chains for v in ch.versions] == [((0, 1), ("2",))]
    assert past.notes == ()
