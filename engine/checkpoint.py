"""Checkpoints: the whole database as one image, the start of replay.

A checkpoint writes everything the log would otherwise have to rebuild:
the commit log, the counters (next xid, OID, multixact), every catalog
version (committed or not; recovery decides what survives), and every heap
page with its versions, line pointers and HOT-chain links.  Index trees
are not stored: they are derived data, rebuilt from the heap when the image
is loaded (every chain root indexed under its key).

Versions are stored as flat rows with their links as ctids rather than as
the linked objects themselves, so an image of a long update chain does not
recurse, and its bytes do not depend on Python object identity.

After a checkpoint, the first nextval of each sequence logs again (its
log-ahead counter is reset), as PostgreSQL's does when the page predates
the checkpoint's redo point.
"""
from __future__ import annotations

import pickle
from dataclasses import replace
from typing import Any

from .heap import Heap, HeapTuple, Page
from .index import BTree

IMAGE_FORMAT = "txlab-image-3"


def _ctid(t: HeapTuple | None) -> tuple | None:
    return None if t is None else t.ctid


def _heap_state(heap: Heap) -> dict:
    pages = []
    for page in heap.pages:
        items = []
        for t in page.items:
            if t is None:
                items.append(None)
                continue
            items.append((t.values, t.xmin, t.xmax, t.cmin, t.cmax, t.lock_only, t.hot, t.removed,
                          t.size, t.locks, _ctid(t.next), _ctid(t.prev), _ctid(t.tail), _ctid(t.root)))
        pages.append((page.free, list(page.unused), items, sorted(page.candidates)))
    return {"type_oids": list(heap.type_oids), "ntuples": heap.ntuples, "pages": pages,
            "relpages": heap.relpages}


def _load_heap(state: dict, relfilenode: int) -> Heap:
    heap = Heap(state["type_oids"], relfilenode=relfilenode)
    heap.ntuples = state["ntuples"]
    heap.relpages = state.get("relpages", 0)
    links = []
    for blkno, (free, unused, items, candidates) in enumerate(state["pages"]):
        page = Page()
        page.free, page.unused, page.candidates = free, list(unused), set(candidates)
        for off, row in enumerate(items, start=1):
            if row is None:
                page.items.append(None)
                continue
            (values, xmin, xmax, cmin, cmax, lock_only, hot, removed, size, locks,
             nxt, prev, tail, root) = row
            t = HeapTuple(values, xmin, cmin, size)
            t.xmax, t.cmax, t.lock_only, t.hot, t.removed, t.locks = xmax, cmax, lock_only, hot, removed, locks
            t.ctid = (blkno, off)
            page.items.append(t)
            links.append((t, nxt, prev, tail, root))
        heap.pages.append(page)
    for t, nxt, prev, tail, root in links:
        t.next, t.prev = heap.fetch(nxt) if nxt else None, heap.fetch(prev) if prev else None
        t.tail, t.root = heap.fetch(tail) if tail else None, heap.fetch(root) if root else None
    return heap


def describe(obj: Any) -> Any:
    """A catalog object without its storage (heap, index tree) or caches."""
    if getattr(obj, "relkind", "") == "r":
        return replace(obj, heap=obj.heap.relfilenode, cache={})
    if getattr(obj, "relkind", "") == "i":
        return replace(obj, tree=None)
    return obj


def attach(obj: Any, heaps: dict[int, Heap], trees: dict[int, BTree]) -> Any:
    """The catalog object with its storage found (or made) again."""
    if getattr(obj, "relkind", "") == "r":
        return replace(obj, heap=heaps[obj.heap], cache={})
    if getattr(obj, "relkind", "") == "i":
        return replace(obj, tree=trees.setdefault(obj.oid, BTree(obj.unique)))
    return obj


def make_image(engine: Any, redo_lsn: int) -> bytes:
    heaps: dict[int, Heap] = {}
    relations = {}
    for name, entries in engine.catalog.relations.items():
        rows = []
        for e in entries:
            if getattr(e.obj, "relkind", "") == "r":
                heaps[e.obj.heap.relfilenode] = e.obj.heap
            if getattr(e.obj, "relkind", "") == "S":
                e.obj.state.log_cnt = 0            # the next nextval logs again
            rows.append((describe(e.obj), e.xmin, e.xmax))
        relations[name] = rows
    clog = engine.xacts.clog
    state = {
        "format": IMAGE_FORMAT, "redo_lsn": redo_lsn, "next_xid": engine.xacts.next_xid,
        "next_oid": engine.catalog.next_oid, "next_multixact": engine.next_multixact,
        "clog": (dict(clog.status), dict(clog.parent)), "relations": relations,
        "heaps": {rfn: _heap_state(h) for rfn, h in heaps.items()},
    }
    return pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)


def load_image(engine: Any, image: bytes) -> int:
    """Restore `engine` from a checkpoint image; returns its redo LSN."""
    from .catalog import Entry
    state = pickle.loads(image)
    if state.get("format") != IMAGE_FORMAT:
        from .errors import PgError
        raise PgError("XX001", f"checkpoint image has format {state.get('format')!r}, "
                               f"this TxLab reads {IMAGE_FORMAT!r}")
    engine.xacts.next_xid = state["next_xid"]
    engine.catalog.next_oid = state["next_oid"]
    engine.next_multixact = state["next_multixact"]
    status, parent = state["clog"]
    engine.xacts.clog.status.update(status)
    engine.xacts.clog.parent.update(parent)
    heaps = {rfn: _load_heap(h, rfn) for rfn, h in state["heaps"].items()}
    engine.heaps = heaps
    for name, rows in state["relations"].items():
        entries = []
        for obj, xmin, xmax in rows:
            e = Entry(attach(obj, heaps, engine.trees), xmin)
            e.xmax = xmax
            entries.append(e)
        engine.catalog.relations[name] = entries
    return state["redo_lsn"]
