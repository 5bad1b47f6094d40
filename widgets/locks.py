"""\\locks: who waits for whom, and deadlocks.

The wait-for graph has one node per connection and an arrow from each
waiting connection to each connection holding what it wants, labelled with
the lock mode and the lock ("ShareLock on transaction 745").  A cycle in
that graph is a deadlock: PostgreSQL cancels one statement of the cycle
(the victim gets 40P01) to break it.  The newest deadlock stays drawn after
it was broken, its arrows in red and the victim marked, because that is
the moment a learner wants to look at; older ones are listed in the text.

The graph is built from `lock_wait`, `lock_grant` and `deadlock` events
(see txlab.engine.inspect for the facts read).
"""
from __future__ import annotations

from typing import Any

from txlab.engine import inspect as I

from .dot import Diagram, digraph, node_id, plain
from .style import DEADLOCK, colours_for


def build(engine: Any, *, at: int | None = None) -> Diagram:
    lg = I.lock_graph(engine, at)
    title = f"lock waits at seq {lg.at}"
    colours = colours_for(I.known_connections(engine))
    return Diagram("locks", title, _text(lg, title), _dot(lg, title, colours))


def _edge_words(e: I.WaitEdge) -> str:
    what = e.what
    return f"{e.waiter} waits for {e.holder}" + (f": {what}" if what else "") + f" (since seq {e.since})"


def _text(lg: I.LockGraph, title: str) -> str:
    lines = [title]
    if lg.waits:
        lines.extend(f"  {_edge_words(e)}" for e in lg.waits)
    else:
        lines.append("  no connection is waiting")
    for d in lg.deadlocks:
        lines.append(f"deadlock at seq {d.seq}: {' -> '.join(d.cycle + d.cycle[:1])}; "
                     f"victim {d.victim} (40P01 deadlock detected)")
        lines.extend(f"  {_edge_words(e)}" for e in d.edges)
    return "\n".join(lines)


def _dot(lg: I.LockGraph, title: str, colours: dict[str, str]) -> str:
    g = digraph("locks", title, rankdir="LR")
    g.attr("node", shape="box", style="rounded,filled", fillcolor="#fafafa")
    last = lg.deadlocks[-1] if lg.deadlocks else None
    names = _names(lg, last)
    for name in names:
        victim = last is not None and name == last.victim
        label = name + ("\nvictim: 40P01" if victim else "")
        g.node(node_id("c", name), plain(label), color=colours.get(name, "#424242"), penwidth="2",
               fillcolor="#ffcdd2" if victim else "#fafafa", shape="doubleoctagon" if victim else "box")
    drawn = set()
    if last is not None:
        for e in last.edges:
            drawn.add((e.waiter, e.holder))
            g.edge(node_id("c", e.waiter), node_id("c", e.holder), label=plain(_short(e) + f"\ndeadlock at seq {last.seq}"),
                   color=DEADLOCK, fontcolor=DEADLOCK, penwidth="3")
    for e in lg.waits:
        if (e.waiter, e.holder) not in drawn:
            g.edge(node_id("c", e.waiter), node_id("c", e.holder), label=plain(_short(e)),
                   color=colours.get(e.waiter, "#424242"))
    if not names:
        g.node("n_none", "no lock waits", shape="plaintext", style="")
    return g.source


def _short(e: I.WaitEdge) -> str:
    return e.what.replace(" on ", "\non ", 1) or "waits for"


def _names(lg: I.LockGraph, last: I.Deadlock | None) -> list[str]:
    names: dict[str, None] = {}
    for e in (last.edges if last else ()) + lg.waits:
        names.setdefault(e.waiter, None)
        names.setdefault(e.holder, None)
    return list(names)
