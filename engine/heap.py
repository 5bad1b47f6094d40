"""Heap tables: tuple versions on 8 kB pages, addressed by ctid.

PostgreSQL never updates a row in place.  An UPDATE stamps the old version's
xmax with the updater's xid and writes a new version whose xmin is that xid;
the old version's t_ctid points forward to the new one.  A DELETE only sets
xmax.  Whether a version "exists" is never stored: it is computed from
xmin/xmax against the commit log and a snapshot (snapshot.py).  Rolling back
is therefore free: the aborted xid makes its versions invisible, and VACUUM
removes them later.

Versions live on pages so that ctids are those PostgreSQL shows for small
tables: a page holds 8192 bytes minus its header, each version costs its
MAXALIGNed size plus a 4-byte line pointer, inserts go to the last page and
extend the table when it is full, and an update puts the new version on the
old version's page when it fits (that is what makes a HOT update possible).
Sizes follow PostgreSQL's tuple layout (23-byte header, null bitmap,
per-type length and alignment, short varlena headers); the few bytes by
which a numeric's estimate may differ only matter for tables spanning pages.

HOT (heap-only tuple) chains: when an update keeps every indexed column and
stays on the page, the new version gets no index entries; index entries
point at the chain's root and readers walk the chain.  Each root keeps a
pointer to its newest member, and members point back, so a reader walks
from the newest version backwards and usually stops at the first one.
"""
from __future__ import annotations

from typing import Any, Callable, Iterator

BLCKSZ = 8192
PAGE_HEADER = 24
LINE_POINTER = 4
TUPLE_HEADER = 23
MAX_TUPLES_PER_PAGE = 291

# typlen, typalign by type OID (PostgreSQL's pg_type); -1 = varlena
_LAYOUT = {
    16: (1, 1), 21: (2, 2), 23: (4, 4), 20: (8, 8), 700: (4, 4), 701: (8, 8),
    1082: (4, 4), 1114: (8, 8), 1184: (8, 8), 1186: (16, 8), 26: (4, 4), 28: (4, 4),
    5069: (8, 8), 27: (6, 2), 19: (64, 1), 1083: (8, 8),
}


def maxalign(n: int) -> int:
    return (n + 7) & ~7


def _varlena_size(value) -> int:
    if isinstance(value, str):
        n = len(value.encode())
    else:  # numeric: 2-byte header + 2 bytes per base-10000 digit group
        digits = len(str(value).replace("-", "").replace(".", "").lstrip("0")) or 1
        n = 2 + 2 * ((digits + 3) // 4)
    return n + 1 if n + 1 <= 127 else n + 4


def tuple_size(values: tuple, type_oids: list[int]) -> int:
    """heap_compute_data_size + header, as heap_form_tuple lays a tuple out."""
    hoff = TUPLE_HEADER
    if None in values:
        hoff += (len(values) + 7) // 8
    size = maxalign(hoff)
    for value, oid in zip(values, type_oids):
        if value is None:
            continue
        typlen, align = _LAYOUT.get(oid, (-1, 4))
        if typlen == -1:
            vsize = _varlena_size(value)
            if vsize > 127:
                size = (size + 3) & ~3
            size += vsize
        else:
            size = (size + align - 1) & ~(align - 1)
            size += typlen
    return size


class HeapTuple:
    """One version of a row.  `values` is indexed by attribute number - 1."""

    __slots__ = ("xmin", "xmax", "cmin", "cmax", "ctid", "next", "prev", "tail", "root",
                 "values", "lock_only", "hot", "size", "removed", "locks")

    def __init__(self, values: tuple, xmin: int, cmin: int, size: int) -> None:
        self.values = values
        self.xmin = xmin
        self.cmin = cmin
        self.xmax = 0
        self.cmax = 0
        self.ctid: tuple[int, int] = (0, 0)
        self.next: HeapTuple | None = None    # t_ctid: the newer version, if any
        self.prev: HeapTuple | None = None    # the older version in the same HOT chain
        self.tail: HeapTuple = self           # on a chain root: its newest member
        self.root: HeapTuple = self           # the HOT chain's root (index entries point at it)
        self.lock_only = False                # xmax only locks the row (SELECT FOR ...)
        self.hot = False                      # heap-only: reached through the chain root
        self.size = size
        self.removed = False                  # pruned or vacuumed away
        self.locks = None                     # row lockers beyond xmax (multixact), later

    def __repr__(self) -> str:
        return f"<tuple ctid={self.ctid} xmin={self.xmin} xmax={self.xmax} {self.values}>"


class Page:
    """Line pointers (items) and the free space between them and the tuples.
    A line pointer freed by VACUUM is reused by the next tuple placed on the
    page, lowest offset first, as PageAddItem does."""

    __slots__ = ("items", "free", "unused", "candidates")

    def __init__(self) -> None:
        self.items: list[HeapTuple | None] = []
        self.free = BLCKSZ - PAGE_HEADER
        self.unused: list[int] = []      # offsets (1-based) of unused line pointers
        # What pruning may find dead (PostgreSQL keeps pd_prune_xid for this):
        # versions given a deleter, and versions inserted since the last prune
        # (their inserter may abort).  Pruning only tests these.
        self.candidates: set[int] = set()

    def fits(self, size: int) -> bool:
        pointer = 0 if self.unused else LINE_POINTER
        return ((self.unused or len(self.items) < MAX_TUPLES_PER_PAGE)
                and maxalign(size) + pointer <= self.free)

    def add(self, tup: HeapTuple, blkno: int) -> None:
        if self.unused:
            off = min(self.unused)
            self.unused.remove(off)
            self.items[off - 1] = tup
            self.free -= maxalign(tup.size)
        else:
            self.items.append(tup)
            self.free -= maxalign(tup.size) + LINE_POINTER
            off = len(self.items)
        tup.ctid = (blkno, off)
        self.candidates.add(off)

    def remove(self, off: int) -> None:
        """VACUUM: the tuple's space and line pointer become reusable."""
        tup = self.items[off - 1]
        if tup is not None:
            self.free += maxalign(tup.size)
            tup.size = 0
            tup.removed = True
            tup.next = tup.prev = tup.tail = tup.root = None     # no cycles outlive the version
            self.items[off - 1] = None
            self.unused.append(off)
            self.candidates.discard(off)

    def dead_candidates(self, is_dead: Callable[[HeapTuple], bool]) -> list[int]:
        """Offsets of the candidates that are dead; forgets those that never
        will be by their insert alone (committed, with no deleter)."""
        dead, keep = [], set()
        for off in sorted(self.candidates):
            tup = self.items[off - 1]
            if tup is None or tup.removed:
                continue
            if is_dead(tup):
                dead.append(off)
            elif (tup.xmax and not tup.lock_only) or not is_dead.committed(tup.xmin):
                keep.add(off)
        self.candidates = keep
        return dead

    def prune(self, offsets: list[int]) -> None:
        """heap_page_prune: free the space of the dead versions at `offsets`.

        A dead heap-only version gives back its line pointer too.  A dead
        chain root keeps its line pointer, since index entries lead to it:
        it stays as a stub whose `tail` still finds the chain's live
        members (PostgreSQL's LP_REDIRECT, or LP_DEAD when none is left),
        until VACUUM cleans the indexes."""
        for off in offsets:
            tup = self.items[off - 1]
            self.candidates.discard(off)
            nxt = tup.next
            if nxt is not None and nxt.prev is tup:
                nxt.prev = None
            if tup.hot:
                self.remove(off)
            else:
                self.free += maxalign(tup.size)
                tup.size = 0
                tup.removed = True


class Heap:
    """The storage of one table: pages of tuple versions, shared by every
    catalog version of the table (ALTER TABLE does not copy the heap).
    `dead_test`, set by the engine, gives page pruning a test for versions
    no snapshot can see any more (made once per pruning: it fixes the
    horizon)."""

    __slots__ = ("pages", "type_oids", "ntuples", "dead_test", "relfilenode", "wal", "relpages")

    def __init__(self, type_oids: list[int],
                 dead_test: Callable[[], Callable[[HeapTuple], bool]] | None = None,
                 relfilenode: int = 0, wal: Any = None) -> None:
        self.pages: list[Page] = []
        self.type_oids = type_oids
        self.ntuples = 0
        self.dead_test = dead_test
        self.relfilenode = relfilenode      # the storage's identity (TRUNCATE makes a new one)
        self.wal = wal                      # every change below is logged there
        self.relpages = 0                   # pg_class.relpages: the size VACUUM/ANALYZE last saw

    def _fits(self, blk: int, size: int) -> bool:
        """Does a version of `size` fit on page `blk`, after pruning it if needed
        (heap_page_prune_opt runs when a page is nearly full)?"""
        page = self.pages[blk]
        if page.fits(size):
            return True
        if self.dead_test is not None and page.candidates:
            dead = page.dead_candidates(self.dead_test())
            if dead:
                if self.wal is not None:
                    self.wal.log("prune", self.relfilenode, blk, dead)
                page.prune(dead)
                return page.fits(size)
        return False

    def _place(self, tup: HeapTuple, near: int | None = None) -> None:
        pages = self.pages
        if near is not None and self._fits(near, tup.size):
            pages[near].add(tup, near)
        elif pages and self._fits(len(pages) - 1, tup.size):
            pages[-1].add(tup, len(pages) - 1)
        else:
            pages.append(Page())
            pages[-1].add(tup, len(pages) - 1)
        self.ntuples += 1

    def insert(self, values: tuple, xmin: int, cmin: int) -> HeapTuple:
        tup = HeapTuple(values, xmin, cmin, tuple_size(values, self.type_oids))
        self._place(tup)
        if self.wal is not None:
            self.wal.log("ins", self.relfilenode, values, xmin, cmin)
        return tup

    def update(self, old: HeapTuple, values: tuple, xid: int, cid: int,
               keys_unchanged: bool) -> HeapTuple:
        """Write the new version of `old` (whose xmax the caller has set)."""
        new = HeapTuple(values, xid, cid, tuple_size(values, self.type_oids))
        old_ctid = old.ctid
        self._place(new, near=old.ctid[0])
        if self.wal is not None:
            self.wal.log("upd", self.relfilenode, old_ctid, values, xid, cid, keys_unchanged)
        old.next = new
        if keys_unchanged and new.ctid[0] == old.ctid[0] and old.root is not None:
            new.hot = True
            new.prev = old
            new.root = old.root
            old.root.tail = new
        return new

    def stamp(self, tup: HeapTuple, xmax: int, cmax: int, lock_only: bool, locks: dict | None) -> None:
        """Set a version's xmax: deleted, replaced, or locked (logged)."""
        tup.xmax, tup.cmax, tup.lock_only, tup.locks = xmax, cmax, lock_only, locks
        if not lock_only:                     # PageSetPrunable
            self.pages[tup.ctid[0]].candidates.add(tup.ctid[1])
        if self.wal is not None:
            self.wal.log("stamp", self.relfilenode, tup.ctid, xmax, cmax, lock_only, locks)

    def fetch(self, ctid: tuple[int, int]) -> HeapTuple | None:
        blk, off = ctid
        if blk < len(self.pages) and 0 < off <= len(self.pages[blk].items):
            return self.pages[blk].items[off - 1]
        return None

    def scan(self) -> Iterator[HeapTuple]:
        """Every stored version in ctid order (a sequential scan), but the
        stubs page pruning left behind."""
        for page in self.pages:
            for tup in page.items:
                if tup is not None and not tup.removed:
                    yield tup
