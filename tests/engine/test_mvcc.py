"""Unit tests of the MVCC core: commit log, snapshots, subtransactions, heap."""
from __future__ import annotations

from txlab.engine.clog import ABORTED, COMMITTED, IN_PROGRESS, SUB_COMMITTED, CommitLog
from txlab.engine.events import EventLog
from txlab.engine.heap import BLCKSZ, Heap, tuple_size
from txlab.engine.snapshot import Snapshot
from txlab.engine.xact import REPEATABLE_READ, Transaction, TransactionManager


def _xact(tm: TransactionManager, name: str = "a", iso: str = "read committed") -> Transaction:
    x = Transaction(name, iso, False, False, False, None, 0)
    tm.begin(x)
    return x


def test_subcommitted_follows_parent():
    clog = CommitLog()
    clog.begin(10)
    clog.begin(11, parent=10)
    clog.set_subcommitted(11)
    assert clog.state_of(11) == SUB_COMMITTED
    assert not clog.did_commit(11)
    clog.set_committed([10, 11])
    assert clog.did_commit(11)
    clog2 = CommitLog()
    clog2.begin(20)
    clog2.begin(21, parent=20)
    clog2.set_subcommitted(21)
    clog2.set_aborted([20])
    assert clog2.did_abort(21) and not clog2.did_commit(21)


def test_xids_are_lazy_and_parents_first():
    tm = TransactionManager(700, EventLog())
    x = _xact(tm)
    assert x.xid == 0
    tm.savepoint(x, "p1", 0)
    sub = tm.assign_xid(x)          # writing inside the savepoint
    assert x.xid == 700 and sub == 701
    assert tm.clog.parent[701] == 700
    assert tm.clog.status[700] == IN_PROGRESS


def test_snapshot_excludes_running_and_future():
    tm = TransactionManager(100, EventLog())
    writer = _xact(tm, "w")
    xw = tm.assign_xid(writer)
    reader = _xact(tm, "r")
    snap = tm.take_snapshot(reader)
    assert snap.xmin == xw and snap.xmax == xw + 1 and xw in snap.xip
    tm.commit(writer)
    assert not snap.xid_visible(xw)               # committed after the snapshot
    assert tm.take_snapshot(reader).xid_visible(xw)


def test_visibility_by_command_id():
    tm = TransactionManager(100, EventLog())
    x = _xact(tm)
    xid = tm.assign_xid(x)
    heap = Heap([23])
    t = heap.insert((1,), xid, 0)
    snap = tm.take_snapshot(x)
    snap.curcid = 0
    assert not snap.sees(t)                        # the inserting command does not see it
    snap.curcid = 1
    assert snap.sees(t)
    t.xmax, t.cmax = xid, 1
    assert snap.sees(t)                            # deleted by a later command
    snap.curcid = 2
    assert not snap.sees(t)


def test_rollback_to_savepoint_hides_its_writes():
    tm = TransactionManager(100, EventLog())
    x = _xact(tm)
    tm.assign_xid(x)
    tm.savepoint(x, "p1", 0)
    sub = tm.assign_xid(x)
    heap = Heap([23])
    t = heap.insert((1,), sub, 0)
    snap = tm.take_snapshot(x)
    snap.curcid = 1
    assert snap.sees(t)
    tm.rollback_to(x, 1, 0)
    assert tm.clog.status[sub] == ABORTED
    assert not snap.sees(t)
    assert [lv.name for lv in x.stack] == [None, "p1"]   # the savepoint is kept


def test_release_then_rollback_to_outer_aborts_released_child():
    tm = TransactionManager(100, EventLog())
    x = _xact(tm)
    tm.savepoint(x, "p1", 0)
    tm.assign_xid(x)
    tm.savepoint(x, "p2", 0)
    p2 = tm.assign_xid(x)
    tm.release(x, 2)
    assert tm.clog.status[p2] == SUB_COMMITTED
    tm.rollback_to(x, 1, 0)
    assert tm.clog.status[p2] == ABORTED and p2 not in x.own


def test_repeatable_read_keeps_one_snapshot():
    tm = TransactionManager(100, EventLog())
    r = _xact(tm, "r", REPEATABLE_READ)
    first = tm.statement_snapshot(r)
    w = _xact(tm, "w")
    tm.assign_xid(w)
    tm.commit(w)
    assert tm.statement_snapshot(r) is first
    assert tm.oldest_xmin() <= first.xmin


def test_ctids_fill_pages_in_order():
    heap = Heap([23, 25])
    tups = [heap.insert((i, "x" * 100), 5, 0) for i in range(200)]
    assert tups[0].ctid == (0, 1)
    per_page = sum(1 for t in tups if t.ctid[0] == 0)
    size = tuple_size((1, "x" * 100), [23, 25])
    assert per_page == (BLCKSZ - 24) // (((size + 7) & ~7) + 4)
    assert tups[per_page].ctid == (1, 1)


def test_hot_update_stays_on_page_and_chains():
    heap = Heap([23])
    old = heap.insert((1,), 5, 0)
    new = heap.update(old, (2,), 6, 0, keys_unchanged=True)
    assert new.ctid == (0, 2) and new.hot and old.next is new and old.tail is new
    cold = heap.update(new, (3,), 7, 0, keys_unchanged=False)
    assert not cold.hot and new.next is cold


def test_commit_does_not_resurrect_rolled_back_savepoint():
    tm = TransactionManager(100, EventLog())
    x = _xact(tm)
    tm.assign_xid(x)
    tm.savepoint(x, "s1", 0)
    sub = tm.assign_xid(x)
    tm.rollback_to(x, 1, 0)
    tm.commit(x)
    assert tm.clog.status[sub] == ABORTED and tm.clog.status[x.top.xid] == COMMITTED
