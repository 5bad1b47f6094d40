"""How the engine keeps Python's cyclic garbage collector out of the way.

A database is a large graph of long-lived objects: every tuple version,
index entry and compiled plan.  CPython's cyclic collector re-walks such a
graph in its full collections, which made a point UPDATE on a 100k-row
table cost twice its median on average.  So when a transaction ends, the
engine moves every object that exists into the collector's permanent
generation (gc.freeze, O(1)): only objects younger than the current
transaction are ever scanned.

What that costs: a reference cycle created before a freeze and dropped
later is never collected.  So the engine breaks its own cycles when it
drops them: VACUUM unlinks removed versions from their chains
(heap.Page.remove), and a compiled plan that is replaced or was not cached
is taken apart (`discard_plan`: its closures point at its context, which
points back at its closures).  tests/engine/test_memory.py checks that
running statements and DDL in a loop does not grow memory.
"""
from __future__ import annotations

import gc
from typing import Any


def transaction_ended() -> None:
    gc.freeze()


def discard_plan(ctx: Any) -> None:
    """Break the cycle between a plan's compile context and its closures."""
    ctx.consts.clear()
    ctx.modifying_ctes.clear()
    ctx.run[0] = None
