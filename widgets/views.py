"""ipywidgets views of the diagrams: selectors, a history slider, live updates.

A `DiagramView` is a diagram plus the controls that make sense for its
kind: a table and a connection selector (for \\versions the connection is
whose view to show, "everyone" by default), and a slider over the event
log (the point in the history; at its right end the view shows the
present, exactly, from the heap; further left it shows what the event log
reconstructs, and says so).  The explorer (\\explore) is a DiagramView
with a diagram-kind selector and live mode on.

Live mode: the view registers an event listener on the engine.  The
listener only notes that something changed (it runs inside the engine's
statement, so it does no work and never raises); the view is redrawn once
the cell that caused the events has finished: on the kernel's asyncio
loop when one is running, else when `after_cell()` is called (the kernel's
hook) or `flush()` is.  A redraw moves the slider's end to the newest
event and, while live, the slider with it; moving the slider by hand
leaves live mode, as pausing a video does.

Views never change the engine: they read it through txlab.engine.inspect.
"""
from __future__ import annotations

import asyncio
import html
import weakref
from typing import Any

from txlab.engine import inspect as I

from .diagrams import KINDS, NeedsArgument, Request, build
from .dot import Diagram
from .history import known_values
from .render import svg_for

EVERYONE = "everyone"
_LIVE: "weakref.WeakSet[DiagramView]" = weakref.WeakSet()

# which selectors each kind uses
_USES = {
    "versions": ("table", "connection"),
    "snapshot": ("connection",),
    "savepoints": ("connection",),
    "flow": ("connection",),
    "timeline": (),
    "locks": (),
}


class DiagramView:
    def __init__(self, engine: Any, request: Request, *, explorer: bool = False, live: bool = False) -> None:
        import ipywidgets as W
        self.engine = engine
        self.request = request
        self.explorer = explorer
        self.diagram: Diagram | None = None
        self.svg = ""
        self._dirty = self._scheduled = self._quiet = False
        last = max(I.last_seq(engine), 0)
        self.kind = W.Dropdown(options=list(KINDS), value=request.kind, description="diagram")
        self.table = W.Dropdown(options=self._tables(), description="table")
        self.connection = W.Dropdown(options=self._connections(request.kind), description="connection")
        self.at = W.IntSlider(min=0, max=last, value=last if request.at is None else min(request.at, last),
                              description="event", continuous_update=False)
        self.live = W.ToggleButton(value=False, description="live", tooltip="redraw after every cell")
        self.event, self.note, self.pane = W.HTML(), W.HTML(), W.HTML()
        self._select(self.table, request.table)
        self._select(self.connection, request.conn or (EVERYONE if request.kind != "savepoints" else None))
        selectors = W.HBox([self.kind, self.table, self.connection])
        self.widget = W.VBox([selectors, W.HBox([self.at, self.live]), self.event, self.pane, self.note])
        for control in (self.kind, self.table, self.connection):
            control.observe(self._on_control, names="value")
        self.at.observe(self._on_slider, names="value")
        self.live.observe(self._on_live, names="value")
        self._layout()
        self.refresh()
        if live:
            self.live.value = True

    # --- reading the controls ----------------------------------------------------------------
    @property
    def model_id(self) -> str:
        return self.widget.model_id

    @property
    def text(self) -> str:
        return self.diagram.text if self.diagram is not None else ""

    def current_request(self) -> Request:
        kind = self.kind.value
        conn = self.connection.value if "connection" in _USES[kind] else None
        at = None if self.at.value >= I.last_seq(self.engine) else self.at.value
        return self.request.but(kind=kind, table=self.table.value or None,
                                conn=None if conn in (None, "", EVERYONE) else conn, at=at)

    # --- drawing ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        req = self.current_request()
        try:
            diagram = build(self.engine, req, known_values(self.engine))
        except (I.InspectError, NeedsArgument) as e:
            diagram = Diagram(req.kind, "error", f"ERROR:  {e}", "digraph error {}")
        self.diagram = diagram
        self.svg = svg_for(diagram.dot, diagram.text)[0]
        self.pane.value = self.svg
        self.event.value = html.escape(self._position(req))
        self.note.value = html.escape(self._note(req))

    def _position(self, req: Request) -> str:
        where = I.describe_event(self.engine, self.at.value)
        return f"{where} (the present)" if req.at is None else f"{where} (the past)"

    def _note(self, req: Request) -> str:
        if req.kind == "versions" and req.table and req.at is not None:
            try:
                gaps = I.history_notes(self.engine, req.table, req.cell_conn)
            except I.InspectError:
                return ""
            if gaps:
                return "Only the live state (slider at the right end) is exact: " + "; ".join(gaps) + "."
            return "The past is reconstructed from the event log."
        return ""

    # --- controls ----------------------------------------------------------------------------------
    def _layout(self) -> None:
        uses = _USES[self.kind.value]
        self.kind.layout.display = None if self.explorer else "none"
        self.table.layout.display = None if "table" in uses else "none"
        self.connection.layout.display = None if "connection" in uses else "none"
        self.live.layout.display = None if self.explorer else "none"

    def _on_control(self, change: dict) -> None:
        if self._quiet:
            return
        if change["owner"] is self.kind:
            self._quietly(self._refill)
            self._layout()
        self.refresh()

    def _on_slider(self, change: dict) -> None:
        if self._quiet:
            return
        if self.live.value and change["new"] < self.at.max:
            self._quietly(lambda: setattr(self.live, "value", False))
            self._stop()
        self.refresh()

    def _on_live(self, change: dict) -> None:
        if self._quiet:
            return
        if change["new"]:
            self._start()
            self._dirty = True
            self.flush()
        else:
            self._stop()

    def _quietly(self, action: Any) -> None:
        self._quiet = True
        try:
            action()
        finally:
            self._quiet = False

    def _refill(self) -> None:
        """New options for the selectors (new tables, connections, events)."""
        table, conn = self.table.value, self.connection.value
        self.table.options = self._tables()
        self._select(self.table, table)
        self.connection.options = self._connections(self.kind.value)
        self._select(self.connection, conn)
        last = max(I.last_seq(self.engine), 0)
        follow = self.live.value or self.at.value >= self.at.max
        self.at.max = last
        if follow:
            self.at.value = last

    def _tables(self) -> list[str]:
        return list(I.table_names(self.engine, self.request.cell_conn))

    def _connections(self, kind: str) -> list[str]:
        names = list(I.known_connections(self.engine))
        return names if kind == "savepoints" else [EVERYONE] + names

    @staticmethod
    def _select(dropdown: Any, value: str | None) -> None:
        options = list(dropdown.options)
        if value in options:
            dropdown.value = value
        elif options:
            dropdown.value = options[0]

    # --- live ----------------------------------------------------------------------------------------
    def _start(self) -> None:
        if self._listen not in self.engine.events.listeners:
            self.engine.events.listeners.append(self._listen)
        _LIVE.add(self)

    def _stop(self) -> None:
        if self._listen in self.engine.events.listeners:
            self.engine.events.listeners.remove(self._listen)
        _LIVE.discard(self)

    def _listen(self, ev: Any) -> None:
        self._dirty = True
        if self._scheduled:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return                      # after_cell() / flush() will redraw
        self._scheduled = True
        loop.call_soon(self.flush)

    def flush(self) -> None:
        """Redraw if events came since the last drawing."""
        self._scheduled = False
        if not self._dirty:
            return
        self._dirty = False
        self._quietly(self._refill)
        self.refresh()

    def close(self) -> None:
        self._stop()
        self.widget.close()


def after_cell() -> None:
    """Redraw every live view whose engine changed (the kernel calls this after each cell)."""
    for view in list(_LIVE):
        view.flush()


def explore(engine: Any, table: str | None = None, cell_conn: str | None = None, *, kind: str = "versions",
            at: int | None = None, live: bool = True) -> DiagramView:
    """The \\explore view: every diagram kind, selectors, history slider, live mode."""
    return DiagramView(engine, Request(kind, table=table, at=at, cell_conn=cell_conn), explorer=True,
                       live=live and at is None)
