"""Durability: crash at every point of the log, a real SIGKILL, what learners see.

The oracle is simple and strict: after recovering from any prefix of the
flushed log, the database must equal exactly the state right after some
number k of commits, where k is the number of commit records inside the
prefix; in particular every COMMIT that returned under synchronous_commit
(its record was flushed) survives, and nothing uncommitted ever does.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from txlab.engine import Engine, PgError
from txlab.engine.wal import MemoryStorage, read_records, split_log

TABLES = ("accounts", "audit")


def state(engine: Engine) -> dict:
    """Every table's rows as a fresh connection sees them (plus a sequence)."""
    s = engine.connect(f"probe{len(engine.sessions)}")
    out = {}
    for t in TABLES:
        r = s.execute(f"SELECT * FROM {t} ORDER BY 1, 2")[0]
        out[t] = r.text_rows() if r.status == "ok" else r.error.sqlstate
    s.close()
    return out


def _workload(seed: int, n: int = 60) -> tuple[Engine, list[tuple[int, dict]]]:
    """A random mix of transactions on two connections; returns the engine and,
    for each commit, (end LSN of its commit record, state right after it)."""
    rnd = random.Random(seed)
    eng = Engine()
    commits = [(eng.wal.insert_lsn, state(eng))]          # before anything: no tables
    setup = eng.connect("setup")
    for stmt in ("CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL)",
                 "CREATE TABLE audit (n serial PRIMARY KEY, note text)",
                 "INSERT INTO accounts VALUES (1, 100), (2, 100), (3, 100)"):
        setup.execute(stmt)
        commits.append((eng.wal.insert_lsn, state(eng)))
    conns = [eng.connect("a"), eng.connect("b")]
    for i in range(n):
        s = rnd.choice(conns)
        if rnd.random() < 0.3:
            s.execute("SET synchronous_commit = " + rnd.choice(["on", "off"]))
        s.execute("BEGIN")
        for _ in range(rnd.randint(1, 4)):
            op = rnd.random()
            k = rnd.randint(1, 6)
            if op < 0.4:
                s.execute(f"UPDATE accounts SET balance = balance + {rnd.randint(-5, 5)} WHERE id = {k}")
            elif op < 0.6:
                s.execute(f"INSERT INTO accounts VALUES ({k + 10 * i}, {k})")
            elif op < 0.75:
                s.execute(f"DELETE FROM accounts WHERE id = {k}")
            elif op < 0.9:
                s.execute(f"INSERT INTO audit (note) VALUES ('t{i}')")
            else:
                s.execute("SAVEPOINT p; UPDATE accounts SET balance = 0; ROLLBACK TO p")
        if rnd.random() < 0.75:
            before = eng.wal.insert_lsn
            s.execute("COMMIT")
            if eng.wal.insert_lsn != before:           # a transaction that wrote: a commit record
                commits.append((eng.wal.insert_lsn, state(eng)))
        else:
            s.execute("ROLLBACK")
        if rnd.random() < 0.1:
            eng.poll()
    return eng, commits


def _recover_prefix(log: bytes, cut: int) -> Engine:
    storage = MemoryStorage()
    storage.wal = bytearray(log[:cut])
    return Engine(_storage=storage)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_crash_after_every_record_and_inside_records(seed: int) -> None:
    eng, commits = _workload(seed)
    eng.wal.flush()
    log = bytes(eng.storage.wal)
    start, records = split_log(log)
    header = len(log) - len(records)
    ends = [header + (lsn - start) for lsn, _, _ in read_records(records, start)]
    rnd = random.Random(seed)
    cuts = [header] + ends + [rnd.randrange(header, len(log)) for _ in range(25)]
    for cut in cuts:
        recovered = _recover_prefix(log, cut)
        lsn_cut = start + cut - header
        done = [st for lsn, st in commits if lsn <= lsn_cut]
        assert state(recovered) == done[-1], f"cut at byte {cut}"


def test_synchronous_commits_survive_and_asynchronous_may_not() -> None:
    eng = Engine()
    s = eng.connect("a")
    s.execute("CREATE TABLE t (v int)")
    s.execute("INSERT INTO t VALUES (1)")                          # flushed
    s.execute("SET synchronous_commit = off; INSERT INTO t VALUES (2)")
    after = eng.crash()
    rows = after.connect("b").execute("SELECT v FROM t ORDER BY v")[0].text_rows()
    assert rows == [["1"]]                                           # the async commit was never flushed


def test_wal_writer_flushes_async_commits_after_its_delay() -> None:
    from datetime import datetime, timedelta, timezone
    now = [datetime(2024, 1, 1, tzinfo=timezone.utc)]
    eng = Engine(clock=lambda: now[0])
    s = eng.connect("a")
    s.execute("CREATE TABLE t (v int); SET synchronous_commit = off; INSERT INTO t VALUES (2)")
    now[0] += timedelta(milliseconds=250)
    eng.poll()                                                       # the WAL writer runs
    rows = eng.crash().connect("b").execute("SELECT v FROM t")[0].text_rows()
    assert rows == [["2"]]


def test_what_a_learner_sees_across_a_crash() -> None:
    eng = Engine()
    a, b = eng.connect("alice"), eng.connect("bob")
    a.execute("CREATE TABLE accounts (id serial PRIMARY KEY, balance numeric(12,2));"
              "INSERT INTO accounts (balance) VALUES (5000.00), (3000.00)")
    a.execute("BEGIN; UPDATE accounts SET balance = balance - 100 WHERE id = 1")   # never committed
    b.execute("INSERT INTO accounts (balance) VALUES (1.00)")
    after = eng.crash()
    assert after.recovery_log[-1] == "database system is ready to accept connections"
    assert any(line.startswith("redo starts at 0/") for line in after.recovery_log)
    c = after.connect("carol")
    rows = c.execute("SELECT id, balance FROM accounts ORDER BY id")[0].text_rows()
    assert rows == [["1", "5000.00"], ["2", "3000.00"], ["3", "1.00"]]
    new_id = c.execute("INSERT INTO accounts (balance) VALUES (2.00) RETURNING id")[0].text_rows()
    assert new_id == [["34"]]                 # nextval had logged 32 values ahead: the sequence jumps
    lost = a.execute("SELECT 1")[0]
    assert lost.status == "error" and lost.error.severity == "FATAL"


def test_checkpoint_then_more_work_then_crash() -> None:
    eng = Engine()
    s = eng.connect("a")
    s.execute("CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'x'), (2, 'y')")
    s.execute("UPDATE t SET v = 'xx' WHERE id = 1; CHECKPOINT; DELETE FROM t WHERE id = 2")
    s.execute("BEGIN; INSERT INTO t VALUES (3, 'uncommitted')")
    after = eng.crash().connect("b")
    assert after.execute("SELECT * FROM t ORDER BY id")[0].text_rows() == [["1", "xx"]]
    assert after.execute("SELECT ctid FROM t")[0].text_rows() == [["(0,3)"]]   # same ctids as before


def test_vacuum_and_pruning_replay_to_the_same_ctids() -> None:
    eng = Engine()
    s = eng.connect("a")
    s.execute("CREATE TABLE t (id int PRIMARY KEY, v int)")
    s.execute("INSERT INTO t SELECT 1, 0")
    for i in range(400):                        # fills the page: pruning must run and be replayed
        s.execute(f"UPDATE t SET v = {i} WHERE id = 1")
    s.execute("DELETE FROM t WHERE id = 1; INSERT INTO t VALUES (2, 2); VACUUM t; INSERT INTO t VALUES (3, 3)")
    before = s.execute("SELECT ctid, xmin, * FROM t ORDER BY id")[0].text_rows()
    after = eng.crash().connect("b").execute("SELECT ctid, xmin, * FROM t ORDER BY id")[0].text_rows()
    assert after == before


def test_not_a_data_directory_is_refused_and_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(PgError) as e:
        Engine(tmp_path)
    assert "is not a TxLab data directory" in e.value.message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    other = tmp_path / "old"
    other.mkdir()
    (other / "TXLAB_VERSION").write_text("txlab-wal-0\n")
    with pytest.raises(PgError) as e:
        Engine(other)
    assert "has format" in e.value.message


def test_data_directory_survives_a_restart(tmp_path: Path) -> None:
    eng = Engine(tmp_path / "db")
    eng.connect("a").execute("CREATE TABLE t (v int); INSERT INTO t VALUES (7)")
    eng.storage.close()
    again = Engine(tmp_path / "db")
    assert again.connect("b").execute("SELECT v FROM t")[0].text_rows() == [["7"]]


_CHILD = """
import sys
from txlab.engine import Engine
eng = Engine(sys.argv[1])
s = eng.connect("writer")
s.execute("CREATE TABLE IF NOT EXISTS t (n int PRIMARY KEY)")
n = 0
while True:
    n += 1
    r = s.execute(f"BEGIN; INSERT INTO t VALUES ({n}); COMMIT")
    assert r[-1].command_tag == "COMMIT", r
    print(n, flush=True)                   # acknowledged: COMMIT returned
"""


def test_sigkill_of_a_writer_keeps_every_acknowledged_commit(tmp_path: Path) -> None:
    db = tmp_path / "db"
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(db)], stdout=subprocess.PIPE, text=True)
    acknowledged = 0
    deadline = time.monotonic() + 30
    while acknowledged < 150 and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        acknowledged = int(line)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert acknowledged >= 150, "the writer did not get going"
    rows = Engine(db).connect("check").execute("SELECT count(*), min(n), max(n) FROM t")[0].rows[0]
    count, low, high = rows
    assert low == 1 and count == high and high >= acknowledged    # a prefix, with every acknowledged commit


def test_a_long_log_triggers_a_checkpoint(monkeypatch) -> None:
    import txlab.engine.engine as engine_module
    monkeypatch.setattr(engine_module, "CHECKPOINT_WAL_BYTES", 4096)
    eng = Engine()
    s = eng.connect("a")
    s.execute("CREATE TABLE t (v int)")
    for i in range(100):
        s.execute(f"INSERT INTO t VALUES ({i})")
    assert len(eng.wal.buffer) < 4096 + 1024                 # checkpoints kept the log short
    assert eng.crash().connect("b").execute("SELECT count(*) FROM t")[0].rows == [(100,)]
