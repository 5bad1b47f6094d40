"""\\snapshot: each connection's snapshot, as pg_current_snapshot() states it.

A snapshot is three facts, xmin, xmax and the in-progress list, plus the
transaction's own xids.  The picture adds the xid axis they cut: below
xmin every transaction had finished; from xmin to xmax each xid is visible
unless it was in progress (or aborted); from xmax on nothing is.  Each
connection's card says which snapshot it holds (REPEATABLE READ and
SERIALIZABLE: one for the whole transaction, taken at its first statement;
READ COMMITTED: a new one per statement), where it was taken (the seq of
its `snapshot` event), and what a statement starting now would take.
"""
from __future__ import annotations

from typing import Any

from txlab.engine import inspect as I

from .dot import ELLIPSIS, Diagram, cell, digraph, keep_order, node_id, table
from .style import STATUS_FILL, colours_for

AXIS_LIMIT = 12          # xids drawn between xmin and xmax before the middle is elided


def build(engine: Any, conn: str | None, *, at: int | None = None) -> Diagram:
    """One connection's snapshot, or every open connection's when `conn` is None."""
    if conn is None:
        snaps = I.snapshots(engine, at)
    else:
        snaps = (I.snapshot_of(engine, conn, at),)
    seq = I.replay(engine, at).upto
    who = "every connection" if conn is None else conn
    title = f"snapshots of {who} at seq {seq}"
    clog = I.replay(engine, at).clog
    colours = colours_for(I.known_connections(engine))
    lines = [title] + [line for s in snaps for line in _lines(s)]
    text = "\n".join(lines if snaps else lines + ["no connections"])
    g = digraph("snapshots", title, rankdir="LR")
    g.attr("node", shape="plain")
    for s in snaps:
        g.node(node_id("snap", s.conn), _card(s, clog, colours.get(s.conn, "#424242")))
    keep_order(g, [node_id("snap", s.conn) for s in snaps])
    return Diagram("snapshot", title, text, g.source)


# --- words --------------------------------------------------------------------------------------------
def _state(s: I.ConnectionSnapshot) -> str:
    if s.state == "terminated":
        return "terminated"
    if not s.isolation:
        return f"{s.state} (no transaction)"
    xid = f"xid {s.xid}" if s.xid else "no xid yet"
    return f"{s.isolation}, {s.state}, {xid}"


def _describe(snap: I.SnapshotData) -> str:
    xip = ", ".join(map(str, snap.xip)) or "none"
    return f"{snap.text} (xmin {snap.xmin}, xmax {snap.xmax}, in progress: {xip})"


def _lines(s: I.ConnectionSnapshot) -> list[str]:
    pid = f" (pid {s.pid})" if s.pid is not None else ""
    out = [f"snapshot of {s.conn}{pid}: {_state(s)}"]
    if s.state == "terminated":
        return out
    if s.held_kind == "aborted":
        out.append("  the transaction was aborted at the error and holds no snapshot; "
                   "every statement but ROLLBACK answers 25P02")
        out.append(f"  after ROLLBACK a statement would take {_describe(s.next)}")
        return out
    if s.own:
        out.append("  own xids: " + ", ".join(map(str, s.own)))
    if s.held_kind == "transaction":
        out.append(f"  transaction snapshot taken at seq {s.held.taken_at}: {_describe(s.held)}")
        out.append("  every statement of this transaction uses it")
        return out
    if s.held is not None:
        out.append(f"  last statement snapshot taken at seq {s.held.taken_at}: {_describe(s.held)}")
    out.append(f"  a statement starting now would take {_describe(s.next)}")
    return out


# --- picture ------------------------------------------------------------------------------------------
def _card(s: I.ConnectionSnapshot, clog: Any, colour: str) -> str:
    rows = [[cell(f"{s.conn}: {_state(s)}", colspan=3, bold=True, bgcolor=colour, color="white")]]
    if s.state == "terminated":
        return table(rows)
    snap, kind = _shown(s)
    rows.append([cell(kind, colspan=3)])
    rows.append([cell(h, bold=True, align="CENTER") for h in ("xmin", "xmax", "in progress")])
    rows.append([cell(str(snap.xmin), align="CENTER"), cell(str(snap.xmax), align="CENTER"),
                 cell(", ".join(map(str, snap.xip)) or "none", align="CENTER")])
    if s.own:
        rows.append([cell("own xids: " + ", ".join(map(str, s.own)), colspan=3)])
    rows.append([cell(_axis(snap, s.own, clog), colspan=3, raw=True)])
    return table(rows)


def _shown(s: I.ConnectionSnapshot) -> tuple[I.SnapshotData, str]:
    if s.held_kind == "aborted":
        return s.next, "aborted: no snapshot until ROLLBACK; then it would take"
    if s.held_kind == "transaction":
        return s.held, f"transaction snapshot, taken at seq {s.held.taken_at}"
    if s.held is not None:
        return s.next, (f"next statement's snapshot (the last one, taken at seq {s.held.taken_at}, "
                        f"was {s.held.text})")
    return s.next, "a statement starting now would take"


def _axis(snap: I.SnapshotData, own: tuple[int, ...], clog: Any) -> str:
    """A strip of cells along the xid axis: before xmin, each xid up to xmax, xmax on."""
    cells = [cell(f"&lt; {snap.xmin}<BR/>finished", raw=True, bgcolor="#eeeeee", align="CENTER")]
    xids = list(range(snap.xmin, snap.xmax))
    if len(xids) > AXIS_LIMIT:
        half = AXIS_LIMIT // 2
        xids = xids[:half] + [0] + xids[-half:]
    for x in xids:
        cells.append(_axis_cell(x, snap, own, clog))
    cells.append(cell(f"&#8805; {snap.xmax}<BR/>not yet started", raw=True, bgcolor="#eeeeee", align="CENTER"))
    return ('<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="2"><TR>'
            + "".join(cells) + "</TR></TABLE>")


def _axis_cell(x: int, snap: I.SnapshotData, own: tuple[int, ...], clog: Any) -> str:
    if x == 0:
        return cell(ELLIPSIS, align="CENTER")
    if x in own:
        return cell(f"{x}\nown", bgcolor="#bbdefb", align="CENTER")
    if x in snap.xip:
        return cell(f"{x}\nin progress", bgcolor=STATUS_FILL["in progress"], align="CENTER")
    status = I.xid_status(clog, x)
    word = "visible" if status == "committed" else status
    return cell(f"{x}\n{word}", bgcolor=STATUS_FILL.get(status, "#f5f5f5"), align="CENTER")
