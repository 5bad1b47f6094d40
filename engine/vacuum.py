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


class VacuumReport:
    """What VACUUM VERBOSE reports, counted before the versions go."""

    def __init__(self, pages: int, recently_dead: int, dead_pages: int) -> None:
        self.pages = pages
        self.recently_dead = recently_dead
        self.dead_pages = dead_pages

    def text(self, engine: Any, table: Any, indexes: list, removed: int, horizon: int,
             wal: tuple[int, int], cpu: float) -> str:
        """PostgreSQL 15's "finished vacuuming" message.  Buffer usage counts
        the heap and index pages this VACUUM visited: TxLab has no buffer
        manager, catalog or visibility-map pages, and does no I/O."""
        name = f"{engine.database_name}.public.{table.name}"
        remain = sum(1 for p in table.heap.pages for t in p.items if t is not None and not t.removed)
        pct = lambda n: f"{100.0 * n / self.pages if self.pages else 100.0:.2f}%"  # noqa: E731
        lines = [f'finished vacuuming "{name}": index scans: {1 if removed and indexes else 0}',
                 f"pages: 0 removed, {self.pages} remain, {self.pages} scanned ({pct(self.pages)} of total)",
                 f"tuples: {removed} removed, {remain} remain, {self.recently_dead} are dead but not yet removable",
                 f"removable cutoff: {horizon}, which was {engine.xacts.next_xid - horizon} XIDs old when "
                 "operation ended"]
        if removed and indexes:
            lines.append(f"index scan needed: {self.dead_pages} pages from table ({pct(self.dead_pages)} of total) "
                         f"had {removed} dead item identifiers removed")
            for idx in indexes:
                lines.append(f'index "{idx.name}": pages: {index_pages(idx)} in total, 0 newly deleted, '
                             "0 currently deleted, 0 reusable")
        else:
            lines.append("index scan not needed: 0 pages from table (0.00% of total) had 0 dead item "
                         "identifiers removed")
        visited = self.pages + (sum(index_pages(i) for i in indexes) if removed else 0)
        lines += ["avg read rate: 0.000 MB/s, avg write rate: 0.000 MB/s",
                  f"buffer usage: {visited} hits, 0 misses, 0 dirtied",
                  f"WAL usage: {wal[0]} records, 0 full page images, {wal[1]} bytes",
                  f"system usage: CPU: user: {cpu:.2f} s, system: 0.00 s, elapsed: {cpu:.2f} s"]
        return "\n".join(lines)


def vacuum_report(table: Any, is_dead: Callable[[Any], bool]) -> VacuumReport:
    """Counts taken before VACUUM removes anything: versions whose deleter
    committed after the horizon are dead, but not yet removable."""
    recently_dead = 0
    dead_pages = 0
    for page in table.heap.pages:
        has_dead = False
        for t in page.items:
            if t is None or t.removed:
                continue
            if is_dead(t):
                has_dead = True
            elif t.xmax and not t.lock_only and is_dead.committed(t.xmax):
                recently_dead += 1
        dead_pages += has_dead
    return VacuumReport(len(table.heap.pages), recently_dead, dead_pages)


def index_pages(idx: Any) -> int:
    """A B-tree's pages: its metapage and about 400 keys per leaf."""
    return 1 + max(1, (len(idx.tree.entries) + 399) // 400)
