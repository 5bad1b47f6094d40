"""\\timeline: every connection's statements in order, one lane each.

Time runs left to right; each connection is a horizontal lane (in the
order connections appeared), and every item sits in its own column (at the
statement's first event), so reading any two lanes top to bottom says what
began first; an item's seq range says when it ended.  Each statement is one
item: its text (shortened), its outcome (the command tag, the error with
its SQLSTATE, or how long it waited), and what it did on the way: snapshot,
xids, writes and row locks by ctid, waits, the commit or abort it caused.
Shape and colour mark the moments a teacher points at: BEGIN, COMMIT,
ROLLBACK, errors, waiting and resumed statements and deadlock victims
(with a dashed arrow to what the connection waited for was doing then),
crash and recovery.  Old items are collapsed into one "... N earlier
events" box at the start.
"""
from __future__ import annotations

import bisect
from typing import Any

from txlab.engine import inspect as I

from .dot import Diagram, digraph, node_id, older, plain
from .style import DEADLOCK, MARKS, MUTED, colours_for

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
    starts: dict[str, list[int]] = {}
    for item in items:
        starts.setdefault(item.conn, []).append(item.seq)
    for item in items:
        name = node_id("ev", item.seq)
        shape, fill = MARKS.get(item.mark, MARKS["other"])
        g.node(name, _node_label(item), shape=shape, fillcolor=fill, color=colours.get(item.conn, "#424242"))
        g.edge(last.get(item.conn, heads.get(item.conn, name)), name, color=colours.get(item.conn, "#424242"),
               arrowhead="none", weight="10")
        _wait_arrows(g, item, name, starts)
        last[item.conn] = name
        order.append(name)
    for a, b in zip(order, order[1:]):
        g.edge(a, b, style="invis", weight="0")
    with g.subgraph() as s:
        s.attr(rank="same")
        for head in heads.values():
            s.node(head)
    return g.source


_WAIT_WORDS = {"waiting": "waits for", "deadlock": "deadlock"}


def _wait_arrows(g: Any, item: I.TimelineItem, name: str, starts: dict[str, list[int]]) -> None:
    """A dashed arrow from a statement that waited to the item each connection
    it waited for was in when the wait began."""
    if item.wait_seq is None:
        return
    words = _WAIT_WORDS.get("deadlock" if item.mark == "deadlock" else item.status, "waited for")
    for holder in item.waits_for:
        seqs = starts.get(holder, [])
        i = bisect.bisect_right(seqs, item.wait_seq) - 1
        if i >= 0:
            g.edge(name, node_id("ev", seqs[i]), style="dashed", color=DEADLOCK, constraint="false", label=words)


def _node_label(item: I.TimelineItem) -> str:
    """The item's facts, a few words a line: text, outcome, then one detail a line."""
    if not item.sql:
        return plain(_wrap(f"{item.seq}: {item.label}"))
    lines = [_wrap(f"{item.seq}: {item.sql}")]
    if item.outcome:
        lines.append(_wrap(f"-> {item.outcome}"))
    lines.extend(_wrap(d) for d in item.details)
    return plain("\n".join(lines))


def _wrap(text: str) -> str:
    """Break text into lines of about LABEL_WIDTH characters."""
    words, lines, line = text.split(" "), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > LABEL_WIDTH:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    lines.append(line)
    return "\n".join(lines)
