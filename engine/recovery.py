"""Crash recovery: the last checkpoint image plus a replay of the log after it.

Recovery (StartupXLOG) loads the checkpoint image, then applies every
intact WAL record after the image's redo point, in order, by doing again
exactly what the record describes (the same inserts place versions at the
same ctids, because the pruning and VACUUM that freed space are logged
too).  Replay stops at the end of the log or at the first torn or corrupt
record.  Then:

* every transaction with no commit record is aborted (it was in progress
  when the power went, or its commit was never flushed);
* the next xid is past every xid the log mentions;
* index trees are rebuilt from the heaps (they are never logged);
* an end-of-recovery checkpoint makes the recovered state the new start.

What happened is reported the way PostgreSQL's server log reports it, and
recorded as events for the diagrams.
"""
from __future__ import annotations

from typing import Any

from .checkpoint import attach, load_image
from .clog import COMMITTED, IN_PROGRESS, SUB_COMMITTED
from .heap import Heap
from .index import fill_from_heap
from .vacuum import remove_versions
from .wal import LSN_BASE, WriteAheadLog, format_lsn, read_records, split_log


def recover(engine: Any, storage: Any) -> list[str]:
    """Rebuild `engine` from `storage`; returns the recovery's log lines."""
    image, raw = storage.read()
    start_lsn, records = split_log(raw)
    redo = load_image(engine, image) if image is not None else LSN_BASE
    wal = WriteAheadLog(storage, start_lsn)
    wal.replaying = True
    engine.attach_wal(wal)
    lines = ["database system was interrupted; last known up at the last checkpoint",
             "database system was not properly shut down; automatic recovery in progress"]
    applied, last = 0, redo
    for end_lsn, kind, payload in read_records(records, start_lsn):
        if end_lsn <= redo:
            continue
        if applied == 0:
            lines.append(f"redo starts at {format_lsn(last)}")
        REDO[kind](engine, *payload)
        applied += 1
        last = end_lsn
    lines.append(f"redo done at {format_lsn(last)}" if applied else "redo is not required")
    _abort_unfinished(engine)
    _rebuild_indexes(engine)
    wal.replaying = False
    engine.checkpoint()
    lines.append("checkpoint complete: end-of-recovery")
    lines.append("database system is ready to accept connections")
    engine.events.emit("recovery", "", records=applied, redo_start=format_lsn(redo),
                       redo_end=format_lsn(last), lines=list(lines))
    return lines


# --- redo of each record kind ------------------------------------------------------------

def _heap(engine: Any, relfilenode: int) -> Heap:
    return engine.heaps[relfilenode]


def _redo_cat_add(engine: Any, obj: Any, xid: int) -> None:
    if getattr(obj, "relkind", "") == "r" and obj.heap not in engine.heaps:
        engine.heaps[obj.heap] = Heap([c.type.oid for c in obj.columns], relfilenode=obj.heap)
    if getattr(obj, "relkind", "") == "r":
        heap = engine.heaps[obj.heap]
        if len(heap.type_oids) < len(obj.columns):        # ALTER TABLE ADD COLUMN
            heap.type_oids.extend(c.type.oid for c in obj.columns[len(heap.type_oids):])
    engine.catalog.add(attach(obj, engine.heaps, engine.trees), xid)
    _saw_xid(engine, xid)


def _redo_cat_xmax(engine: Any, name: str, position: int, xid: int) -> None:
    engine.catalog.relations[name][position].xmax = xid
    engine.catalog.version += 1


def _redo_ins(engine: Any, rfn: int, values: tuple, xmin: int, cmin: int) -> None:
    _heap(engine, rfn).insert(values, xmin, cmin)
    _saw_xid(engine, xmin)


def _redo_upd(engine: Any, rfn: int, old_ctid: tuple, values: tuple, xid: int, cid: int,
              keys_unchanged: bool) -> None:
    heap = _heap(engine, rfn)
    heap.update(heap.fetch(old_ctid), values, xid, cid, keys_unchanged)
    _saw_xid(engine, xid)


def _redo_stamp(engine: Any, rfn: int, ctid: tuple, xmax: int, cmax: int, lock_only: bool,
                locks: dict | None) -> None:
    heap = _heap(engine, rfn)
    heap.stamp(heap.fetch(ctid), xmax, cmax, lock_only, locks)
    for x in (locks or {}):
        _saw_xid(engine, x)
    if lock_only and locks and len(locks) > 1:
        engine.next_multixact = max(engine.next_multixact, xmax + 1)
    elif not lock_only:
        _saw_xid(engine, xmax)


def _redo_prune(engine: Any, rfn: int, blk: int, offsets: list[int]) -> None:
    _heap(engine, rfn).pages[blk].prune(offsets)


def _redo_vac(engine: Any, rfn: int, ctids: list[tuple]) -> None:
    remove_versions(_heap(engine, rfn), set(map(tuple, ctids)))


def _redo_commit(engine: Any, xids: list[int]) -> None:
    engine.xacts.clog.set_committed(xids)
    for x in xids:
        _saw_xid(engine, x)


def _redo_abort(engine: Any, xids: list[int]) -> None:
    engine.xacts.clog.set_aborted(xids)
    for x in xids:
        _saw_xid(engine, x)


def _redo_xid(engine: Any, xid: int, parent: int) -> None:
    engine.xacts.clog.begin(xid, parent)
    _saw_xid(engine, xid)


def _redo_seq(engine: Any, oid: int, last_value: int, is_called: bool) -> None:
    for entries in engine.catalog.relations.values():
        for e in entries:
            if getattr(e.obj, "relkind", "") == "S" and e.obj.oid == oid:
                e.obj.state.last_value, e.obj.state.is_called, e.obj.state.log_cnt = last_value, is_called, 0


REDO = {
    "cat_add": _redo_cat_add, "cat_xmax": _redo_cat_xmax, "ins": _redo_ins, "upd": _redo_upd,
    "stamp": _redo_stamp, "prune": _redo_prune, "vac": _redo_vac, "commit": _redo_commit,
    "abort": _redo_abort, "xid": _redo_xid, "seq": _redo_seq,
}


# --- end of recovery ---------------------------------------------------------------------------

def _saw_xid(engine: Any, xid: int) -> None:
    if xid and xid >= engine.xacts.next_xid:
        engine.xacts.next_xid = xid + 1


def _abort_unfinished(engine: Any) -> None:
    clog = engine.xacts.clog
    unfinished = [x for x, st in clog.status.items()
                  if st == IN_PROGRESS or (st == SUB_COMMITTED and clog.state_of(x) != COMMITTED)]
    clog.set_aborted(unfinished)


def _rebuild_indexes(engine: Any) -> None:
    """Index entries for every chain root, from the heap: indexes are derived data."""
    for entries in engine.catalog.relations.values():
        for e in entries:
            table = e.obj
            if getattr(table, "relkind", "") != "r":
                continue
            for name in table.indexes:
                for ie in engine.catalog.relations.get(name, ()):
                    if not ie.obj.tree.entries:          # shared by several catalog versions: once
                        fill_from_heap(ie.obj.tree, ie.obj.columns, table.heap)
