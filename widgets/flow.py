"""\\flow: the states of a transaction block, and the path a connection took.

The machine is PostgreSQL's, as a learner meets it in psql: idle; BEGIN
opens a block (in progress); an error makes it failed (every statement but
ROLLBACK, COMMIT, ROLLBACK TO answers 25P02); COMMIT commits (and COMMIT of
a failed block rolls back); ROLLBACK rolls back; a lock wait parks the
statement (waiting) until the lock is granted, or a deadlock, timeout or
cancel fails it.  A statement outside a block is its own transaction
(autocommit), committed or rolled back at once.  A closed connection is
terminated.  The whole machine is always drawn, in grey; the transitions a
connection took are drawn in its colour, labelled with what caused them
and how often.
"""
from __future__ import annotations

from typing import Any

from txlab.engine import inspect as I

from .dot import Diagram, digraph, node_id, older, plain
from .style import FLOW_FILL, MUTED, colours_for

STEPS_SHOWN = 40

# The machine: (from, to, what causes it).
MACHINE = (
    ("idle", "in progress", "BEGIN"),
    ("idle", "committed", "autocommit"),
    ("idle", "rolled back", "autocommit error"),
    ("idle", "waiting", "lock wait"),
    ("in progress", "in progress", "SAVEPOINT / RELEASE / ROLLBACK TO"),
    ("in progress", "committed", "COMMIT"),
    ("in progress", "rolled back", "ROLLBACK"),
    ("in progress", "failed", "error"),
    ("in progress", "waiting", "lock wait"),
    ("waiting", "in progress", "lock granted"),
    ("waiting", "idle", "lock granted"),
    ("waiting", "failed", "deadlock / timeout / cancel"),
    ("waiting", "rolled back", "error (autocommit)"),
    ("failed", "failed", "error 25P02"),
    ("failed", "in progress", "ROLLBACK TO"),
    ("failed", "rolled back", "ROLLBACK / COMMIT"),
    ("committed", "idle", ""),
    ("rolled back", "idle", ""),
    ("idle", "terminated", "disconnect"),
)


def build(engine: Any, conn: str | None, *, at: int | None = None, full: bool = False) -> Diagram:
    """The path of `conn`, or of every connection when `conn` is None."""
    every = I.flows(engine, at)
    if conn is not None:
        I.require_connection(engine, conn, at)
        every = {conn: every.get(conn, ())}
    seq = I.replay(engine, at).upto
    who = "every connection" if conn is None else conn
    title = f"transaction flow of {who} at seq {seq}"
    colours = colours_for(I.known_connections(engine))
    text = "\n".join([title] + [line for name, steps in every.items() for line in _lines(engine, name, steps, at, full)])
    return Diagram("flow", title, text, _dot(title, every, colours))


# --- words --------------------------------------------------------------------------------------------
def _merged(steps: tuple[I.FlowStep, ...]) -> list[tuple[I.FlowStep, str]]:
    """Steps with the automatic return to idle folded into the step before it."""
    out: list[tuple[I.FlowStep, str]] = []
    for s in steps:
        if s.label == "" and out and out[-1][0].seq == s.seq:
            out[-1] = (out[-1][0], s.dst)
        else:
            out.append((s, ""))
    return out


def _lines(engine: Any, name: str, steps: tuple[I.FlowStep, ...], at: int | None, full: bool) -> list[str]:
    state = I.flow_state(engine, name, at)
    out = [f"{name}: now {state}"]
    gone, shown = older(_merged(steps), 0 if full else STEPS_SHOWN, "earlier steps")
    if gone is not None:
        out.append(f"  {gone.text}")
    for s, then in shown:
        back = f", then {then}" if then else ""
        label = f": {s.label}" if s.label else ""
        out.append(f"  seq {s.seq}: {s.src} -> {s.dst}{label}{back}")
    if not steps:
        out.append("  (no transaction yet)")
    return out


# --- picture ------------------------------------------------------------------------------------------
def _dot(title: str, every: dict[str, tuple[I.FlowStep, ...]], colours: dict[str, str]) -> str:
    g = digraph("flow", title, rankdir="LR")
    g.attr("node", shape="box", style="rounded,filled")
    current = {steps[-1].dst for steps in every.values() if steps}
    for state in I.FLOW_STATES:
        g.node(node_id(state), plain(state), fillcolor=FLOW_FILL[state],
               penwidth="2.5" if state in current else "1")
    with g.subgraph() as s:
        s.attr(rank="same")
        s.node(node_id("committed"))
        s.node(node_id("rolled back"))
    taken = _taken(every)
    for src, dst, why in MACHINE:
        if not any(k[1] == src and k[2] == dst for k in taken):
            g.edge(node_id(src), node_id(dst), label=plain(why), color=MUTED, fontcolor=MUTED, style="dashed",
                   constraint="false" if dst == "idle" or src == dst else "true")
    for (name, src, dst), labels in taken.items():
        colour = colours.get(name, "#424242")
        g.edge(node_id(src), node_id(dst), label=plain(_edge_label(name, labels, len(every) > 1)), color=colour,
               fontcolor=colour, penwidth="2", constraint="false" if dst == "idle" or src == dst else "true")
    return g.source


def _taken(every: dict[str, tuple[I.FlowStep, ...]]) -> dict[tuple[str, str, str], list[str]]:
    taken: dict[tuple[str, str, str], list[str]] = {}
    for name, steps in every.items():
        for s in steps:
            taken.setdefault((name, s.src, s.dst), []).append(s.label)
    return taken


def _edge_label(name: str, labels: list[str], prefix: bool) -> str:
    """'BEGIN x2, ROLLBACK TO p1' (at most three causes); '' for the automatic return to idle."""
    counts: dict[str, int] = {}
    for label in labels:
        if label:
            counts[label] = counts.get(label, 0) + 1
    words = [w + (f" x{n}" if n > 1 else "") for w, n in counts.items()]
    text = ", ".join(words[:3]) + (f", +{len(words) - 3} more" if len(words) > 3 else "")
    return f"{name}: {text}" if prefix and text else text
