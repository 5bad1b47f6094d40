"""B-tree indexes: keys to heap tuples, for equality, ranges and order.

A PostgreSQL B-tree index entry points at a heap tuple, and an index scan
still has to ask the heap whether that version is visible: indexes carry no
visibility information.  Entries here point at the root of a HOT chain
(heap.py); the version a snapshot sees is found by walking the chain.

The structure is a hash from key to roots, for equality probes, unique
checks and foreign-key look-ups in O(1), plus a sorted list of the distinct
keys, kept only once a range or ordered scan has needed it, for `<`, `>`,
BETWEEN and ORDER BY ... LIMIT.  Keys are tuples of column values; NULLs
sort last as in PostgreSQL's default NULLS LAST, and never conflict in a
unique index (NULLs are distinct).
"""
from __future__ import annotations

from typing import Any, Callable, Iterator

from sortedcontainers import SortedKeyList

from .heap import HeapTuple


def _null_last(key: tuple) -> tuple:
    return tuple((v is None, v) if v is not None else (True, 0) for v in key)


class BTree:
    __slots__ = ("unique", "entries", "_sorted", "sort_key")

    def __init__(self, unique: bool, sort_key: Callable[[tuple], Any] | None = None) -> None:
        self.unique = unique
        self.entries: dict[tuple, list[HeapTuple]] = {}
        self._sorted: SortedKeyList | None = None
        self.sort_key = sort_key or _null_last

    def insert(self, key: tuple, root: HeapTuple) -> None:
        roots = self.entries.get(key)
        if roots is None:
            self.entries[key] = [root]
            if self._sorted is not None:
                self._sorted.add(key)
        else:
            roots.append(root)

    def lookup(self, key: tuple) -> list[HeapTuple]:
        return self.entries.get(key, ())

    def sorted_keys(self) -> SortedKeyList:
        if self._sorted is None:
            self._sorted = SortedKeyList(self.entries, key=self.sort_key)
        return self._sorted

    def range(self, lo: tuple | None, lo_incl: bool, hi: tuple | None, hi_incl: bool,
              reverse: bool = False) -> Iterator[tuple]:
        """Keys between lo and hi (None = unbounded), in order."""
        keys = self.sorted_keys()
        wrap = self.sort_key
        yield from keys.irange_key(
            None if lo is None else wrap(lo), None if hi is None else wrap(hi),
            (lo_incl, hi_incl), reverse=reverse)

    def set_roots(self, key: tuple, roots: list[HeapTuple]) -> None:
        """Replace the roots under `key` (VACUUM); no roots drops the key."""
        if roots:
            self.entries[key] = roots
        elif self.entries.pop(key, None) is not None and self._sorted is not None:
            self._sorted.remove(key)


def chain(root: HeapTuple) -> Iterator[HeapTuple]:
    """Members of the HOT chain rooted at `root`, newest first."""
    tup: HeapTuple | None = root.tail
    while tup is not None:
        yield tup
        if tup is root:
            return
        tup = tup.prev


def fill_from_heap(tree: BTree, columns: tuple[int, ...], heap: Any) -> None:
    """Index every chain root of `heap` under its key (index builds: after a
    table rewrite, and after crash recovery, since indexes are never logged)."""
    for page in heap.pages:
        for t in page.items:
            if t is None or t.root is not t:
                continue
            key = tuple(t.values[a - 1] if a - 1 < len(t.values) else None for a in columns)
            tree.insert(key, t)
