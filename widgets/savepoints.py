"""\\savepoints: the savepoint tree of a connection's transaction.

A savepoint is a subtransaction: a level of the stack that gets its own xid
(a subxid) when it first writes.  The tree shows every level the
transaction ever had, not only the stack now: RELEASE merges a level into
its parent (released: its writes now share the parent's fate), ROLLBACK TO
aborts the levels above the savepoint and starts the savepoint afresh (a
new node with the same name, next to the rolled-back one), a reused name
hides the older savepoint until the newer is released.  When the
transaction ends, what was not rolled back is committed with the parent or
aborted.  Each node lists what it wrote, from the event log.
"""
from __future__ import annotations

from typing import Any

from txlab.engine import inspect as I

from .dot import Diagram, Omitted, cell, collapse, digraph, node_id, plain, table
from .style import SAVEPOINT_FILL

WRITES_SHOWN = 4
CHILDREN_SHOWN = 12


def build(engine: Any, conn: str, *, at: int | None = None, full: bool = False) -> Diagram:
    tree = I.savepoint_tree(engine, conn, at)
    seq = I.replay(engine, at).upto
    if tree is None:
        title = f"savepoints of {conn} at seq {seq}: no transaction block yet"
        g = digraph("savepoints", title, rankdir="TB")
        return Diagram("savepoints", title, title, g.source)
    title = _title(tree, seq)
    lines = [title] + _lines(tree.root, 0, full)
    g = digraph("savepoints", title, rankdir="TB")
    g.attr("node", shape="plain")
    _draw(g, tree.root, None, full)
    return Diagram("savepoints", title, "\n".join(lines), g.source)


def _title(tree: I.SavepointTree, seq: int) -> str:
    kind = "autocommit statement" if tree.implicit else "transaction"
    if tree.open:
        when = f"began at seq {tree.began_at}, still open"
    else:
        when = f"seq {tree.began_at} to {tree.ended_at}, {tree.root.state}"
    iso = f", {tree.isolation}" if tree.isolation else ""
    return f"savepoints of {tree.conn} at seq {seq}: {kind} {when}{iso}"


def _name(node: I.SavepointNode) -> str:
    return "(transaction)" if node.name is None else f"SAVEPOINT {node.name}"


def _xid(node: I.SavepointNode) -> str:
    if not node.xid:
        return "no xid (wrote nothing)"
    return f"xid {node.xid}" if node.name is None else f"subxid {node.xid}"


def _children(node: I.SavepointNode, full: bool) -> list[I.SavepointNode | Omitted]:
    return collapse(node.children, 0 if full else CHILDREN_SHOWN, what="earlier savepoints")


def _writes(node: I.SavepointNode, full: bool) -> list[str]:
    items = collapse(node.writes, 0 if full else WRITES_SHOWN, newest=WRITES_SHOWN - 1, what="more writes")
    return [w.text if isinstance(w, Omitted) else w for w in items]


# --- words --------------------------------------------------------------------------------------------
def _lines(node: I.SavepointNode | Omitted, depth: int, full: bool) -> list[str]:
    pad = "  " * (depth + 1)
    if isinstance(node, Omitted):
        return [f"{pad}{node.text}"]
    head = f"{pad}{_name(node)}: {_xid(node)}, {node.state} (seq {node.started_at})"
    if node.current:
        head += "  <- current"
    out = [head]
    writes = _writes(node, full)
    if writes:
        out.append(f"{pad}  wrote: " + "; ".join(writes))
    for child in _children(node, full):
        out.extend(_lines(child, depth + 1, full))
    return out


# --- picture ------------------------------------------------------------------------------------------
def _draw(g: Any, node: I.SavepointNode | Omitted, parent: str | None, full: bool, index: int = 0) -> None:
    if isinstance(node, Omitted):
        name = node_id("gap", parent, index)
        g.node(name, plain(node.text), shape="box", style="dashed")
    else:
        name = node_id("sp", node.level, node.started_at)
        g.node(name, _label(node, full))
        for i, child in enumerate(_children(node, full)):
            _draw(g, child, name, full, i)
    if parent is not None:
        g.edge(parent, name)


def _label(node: I.SavepointNode, full: bool) -> str:
    fill = SAVEPOINT_FILL.get(node.state, "#f5f5f5")
    head = _name(node) + ("  \u25c0 current" if node.current else "")
    rows = [[cell(head, bold=True, bgcolor=fill, align="CENTER")],
            [cell(f"{_xid(node)}\n{node.state}\nstarted at seq {node.started_at}", align="CENTER")]]
    writes = _writes(node, full)
    if writes:
        rows.append([cell("\n".join(writes))])
    style = "dashed" if node.state == "rolled back" else None
    return table(rows, border=2 if node.current else 1, style=style)
