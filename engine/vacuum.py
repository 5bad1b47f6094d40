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

from typing import Any

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


def vacuum_table(table: Any, indexes: list[Any], clog: CommitLog, horizon: int) -> tuple[int, int]:
    """Remove dead versions of `table`; returns (removed, remaining).

    Three phases, because chains must be walked before they are unlinked:
    find the dead, repoint index entries to surviving chain members, then
    free the dead versions' space and line pointers."""
    dead = []
    kept = 0
    for blk, page in enumerate(table.heap.pages):
        for off, tup in enumerate(page.items, start=1):
            if tup is None:
                continue
            if is_dead(tup, clog, horizon):
                dead.append((page, off, tup))
            else:
                kept += 1
    if not dead:
        return 0, kept
    doomed = {id(t) for _, _, t in dead}
    for idx in indexes:
        _clean_index(idx, doomed)
    for page, off, _ in dead:
        page.remove(off)
    return len(dead), kept


def _clean_index(idx: Any, doomed: set[int]) -> None:
    tree = idx.tree
    for key in list(tree.entries):
        new_roots = []
        for root in tree.entries[key]:
            live = [t for t in chain(root) if id(t) not in doomed and not t.removed]    # newest first
            if not live:
                continue
            oldest = live[-1]
            oldest.prev = None
            oldest.tail = live[0]
            for t in live:
                t.root = oldest
            new_roots.append(oldest)
        tree.set_roots(key, new_roots)
