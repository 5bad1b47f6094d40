"""\\timeline: every connection's statements in order, one lane each.

Time runs left to right; each connection is a horizontal lane (in the
order connections appeared), and every item sits in its own column, so
reading any two lanes top to bottom says what happened first.  Items are
statements as the event log tells them (an autocommit statement is one
item; inside a block a statement's snapshot, xid and writes are one item),
and the moments a teacher points at are marked by shape and colour: BEGIN,
COMMIT, ROLLBACK, errors, lock waits and resumes (with a dashed arrow to
the lane of the connection waited for), deadlocks, crash and recovery.
Old items are collapsed into one "... N earlier events" box at the start.
"""
from __future__ import annotations

from typing import Any

from txlab.engine import inspect as I

from .dot import Diagram, digraph, node_id, older, plain
from .style import MARKS, MUTED, colours_for

ITEMS_SHOWN = 60
LABEL_WIDTH = 28


def build(engine: Any, *, at: int | None = None, full: bool = False) -> Diagram:
    tl = I.timeline(engine, at)
    gone, items = older(tl.items, 0 if full else ITEMS_SHOWN, "earlier events")
    lanes = tuple(name for name in tl.connections if any(i.conn == name for i in tl.items)) or tl.connections
    title = f"timeline at seq {tl.at}: " + (", ".join(lane or "(engine)" for lane in lanes) or "no events")
    text = "\n".join([title] + ([f"  {gone.text}"] if gone else []) + [_line(i, lanes) for i in items])
    return Diagram("timeline", title, text, _dot(title, lanes, items, gone, colours_for(I.known_connections(engine))))


# --- words --------------------------------------------------------------------------------------------
def _line(item: I.TimelineItem, lanes: tuple[str, ...]) -> str:
    width = max((len(lane) for lane in lanes), default=0)
    seq = str(item.seq) if item.seq == item.last_seq else f"{item.seq}-{item.last_seq}"
    return f"  {seq:>7}  {(item.conn or '(engine)'):<{width}}  [{item.mark}] {item.label}"


# --- picture ------------------------------------------------------------------------------------------
def _dot(title: str, lanes: tuple[str, ...], items: Any, gone: Any, colours: dict[str, str]) -> str:
    g = digraph("timeline", title, rankdir="LR", newrank="true")
    g.attr("node", shape="box", style="rounded,filled", fontsize="9")
    heads = {}
    for lane in lanes:
        head = node_id("lane", lane)
        heads[lane] = head
        g.node(head, plain(lane or "(engine)"), shape="plaintext", style="", fontsize="11",
               fontcolor=colours.get(lane, "#424242"))
    order = list(heads.values())
    if gone is not None:
        g.node("n_gone", plain(gone.text), style="dashed", color=MUTED)
        order.append("n_gone")
    last: dict[str, str] = dict(heads)
    for item in items:
        name = node_id("ev", item.seq)
        shape, fill = MARKS.get(item.mark, MARKS["other"])
        g.node(name, _wrap(f"{item.seq}: {item.label}"), shape=shape, fillcolor=fill,
               color=colours.get(item.conn, "#424242"))
        g.edge(last.get(item.conn, heads.get(item.conn, name)), name, color=colours.get(item.conn, "#424242"),
               arrowhead="none", weight="10")
        _wait_arrows(g, item, name, last)
        last[item.conn] = name
        order.append(name)
    for a, b in zip(order, order[1:]):
        g.edge(a, b, style="invis", weight="0")
    with g.subgraph() as s:
        s.attr(rank="same")
        for head in heads.values():
            s.node(head)
    return g.source


def _wait_arrows(g: Any, item: I.TimelineItem, name: str, last: dict[str, str]) -> None:
    """A dashed arrow from a wait to the latest item of each connection it waits for."""
    if item.mark != "wait" or not item.label.startswith("waits for "):
        return
    holders = item.label[len("waits for "):].split(":", 1)[0]
    for holder in (h.strip() for h in holders.split(",")):
        if holder in last:
            g.edge(name, last[holder], style="dashed", color="#c62828", constraint="false", label="waits for")


def _wrap(text: str) -> str:
    """Break a label into lines of about LABEL_WIDTH characters (DOT \\n)."""
    words, lines, line = text.split(" "), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > LABEL_WIDTH:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    lines.append(line)
    return plain("\n".join(lines))
