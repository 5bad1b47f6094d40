"""VACUUM: removing the versions no snapshot can see any more.

A version is dead to everyone when its inserter aborted, or when its deleter
committed before the horizon: the oldest xmin of every running transaction
and open snapshot (TransactionManager.oldest_xmin).  That is why one idle
REPEATABLE READ transaction keeps every version deleted after it began
alive, the seed's "keep transactions short".  A version whose deleter
committed after the horizon is RECENTLY DEAD and stays.

Removing a version frees its space and its line pointer for reuse, and
drops index entries that lead only to removed versions.  When the root of a
HOT chain dies but later members live, the oldest survivor becomes the
chain's root (PostgreSQL keeps a redirecting line pointer instead; the ctid
a learner sees is the same).
"""
from __future__ import annotations

from typing import Any, Callable

from .clog import ABORTED, COMMITTED, CommitLog
from .index import chain


def is_dead(tup: Any, clog: CommitLog, horizon: int) -> bool:
    st = clog.state_of(tup.xmin)
    if st == ABORTED:
        return True
    if st != COMMITTED:
        return False
    xmax = tup.xmax
    if not xmax or tup.lock_only:
        return False
    return clog.state_of(xmax) == COMMITTED and xmax < horizon


def vacuum_table(table: Any, indexes: list[Any], is_dead: Callable[[Any], bool]) -> tuple[int, int]:
    """Remove dead versions of `table`; returns (removed, remaining).

    Three phases, because chains must be walked before they are unlinked:
    find the dead, give each HOT chain a surviving root (and repoint the
    index entries), then free the dead versions' space and line pointers."""
    heap = table.heap
    dead = []
    kept = 0
    for page in heap.pages:
        for tup in page.items:
            if tup is None:
                continue
            if is_dead(tup):
                dead.append(tup.ctid)
            elif not tup.removed:
                kept += 1
    if not dead:
        return 0, kept
    if heap.wal is not None:
        heap.wal.log("vac", heap.relfilenode, dead)
    remap = remove_versions(heap, set(dead))
    for idx in indexes:
        _repoint_index(idx, remap)
    return len(dead), kept


def remove_versions(heap: Any, ctids: set) -> dict[int, Any]:
    """Remove the versions at `ctids` (VACUUM, and its replay in recovery).
    Returns, by id of each chain root that changed, its new root (None: the
    whole chain is gone)."""
    remap: dict[int, Any] = {}
    for page in heap.pages:
        for root in page.items:
            if root is None or root.root is not root:
                continue
            live = [t for t in chain(root) if t.ctid not in ctids and not t.removed]   # newest first
            if not live:
                remap[id(root)] = None
                continue
            oldest = live[-1]
            if oldest is not root or live[0] is not root.tail:
                oldest.prev = None
                oldest.tail = live[0]
                for t in live:
                    t.root = oldest
                remap[id(root)] = oldest
    for blk, off in sorted(ctids):
        heap.pages[blk].remove(off)
    return remap


def _repoint_index(idx: Any, remap: dict[int, Any]) -> None:
    tree = idx.tree
    for key in list(tree.entries):
        roots = []
        for r in tree.entries[key]:
            new = remap.get(id(r), r)
            if new is not None and new not in roots:
                roots.append(new)
        tree.set_roots(key, roots)
