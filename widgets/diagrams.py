"""One entry point for every diagram kind, and the MIME bundle of a diagram.

A `Request` names a diagram completely (kind, table, connection, point in
the history, collapsed or not), so a command, a widget's selectors and a
test all describe the same picture the same way, and `build` turns it into
a `Diagram` (text + DOT).  `bundle` adds the SVG and, when given, the
widget view: the dict of MIME types a Jupyter display carries.

Connections in a Request: for \\versions `conn` is whose view to show
(None: everyone's) and `cell_conn` whose catalog names the table; for
\\snapshot and \\flow `conn` is the subject (None: every connection); for
\\savepoints it is required.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Mapping

from . import flow, locks, savepoints, snapshots, timeline, versions
from .dot import Diagram
from .render import svg_for

KINDS = ("versions", "snapshot", "savepoints", "flow", "timeline", "locks")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
DOT_MIME = "text/vnd.graphviz"


@dataclass(frozen=True)
class Request:
    kind: str
    table: str | None = None
    conn: str | None = None
    at: int | None = None
    full: bool = False
    cell_conn: str | None = None

    def but(self, **changes: Any) -> "Request":
        return replace(self, **changes)


class NeedsArgument(ValueError):
    """A request without what its kind cannot do without (a table, a connection)."""


def build(engine: Any, req: Request, known_values: Mapping[tuple, tuple] | None = None) -> Diagram:
    """The Diagram `req` names.  Raises txlab.engine.inspect.InspectError for
    an unknown table or connection, NeedsArgument for a missing one."""
    if req.kind == "versions":
        if not req.table:
            raise NeedsArgument("\\versions needs a table name")
        return versions.build(engine, req.table, at=req.at, conn=req.cell_conn, viewer=req.conn,
                              full=req.full, known_values=known_values)
    if req.kind == "snapshot":
        return snapshots.build(engine, req.conn, at=req.at)
    if req.kind == "savepoints":
        if not req.conn:
            raise NeedsArgument("\\savepoints needs a connection name")
        return savepoints.build(engine, req.conn, at=req.at, full=req.full)
    if req.kind == "flow":
        return flow.build(engine, req.conn, at=req.at, full=req.full)
    if req.kind == "timeline":
        return timeline.build(engine, at=req.at, full=req.full)
    if req.kind == "locks":
        return locks.build(engine, at=req.at)
    raise NeedsArgument(f"unknown diagram kind {req.kind!r}")


def bundle(diagram: Diagram, widget: Any = None, svg: bool = True) -> dict[str, Any]:
    """The display data of `diagram`: text, DOT, SVG, and the widget view if given."""
    data: dict[str, Any] = {"text/plain": diagram.text, DOT_MIME: diagram.dot}
    if svg:
        data["image/svg+xml"] = svg_for(diagram.dot, diagram.text)[0]
    if widget is not None:
        data[WIDGET_MIME] = {"version_major": 2, "version_minor": 0, "model_id": widget.model_id}
    return data
