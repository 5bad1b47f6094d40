"""What a cell shows, before it becomes a Jupyter display.

A cell's output is a list of `Piece` objects in the order psql would print
them: a statement's result (kept with the `Result`, so the HTML view can
draw a table), the text of a meta-command (stdout or an error line), and
TxLab's own remarks (a statement waiting for a lock, a connection that was
reconnected), which psql has no words for.  `text()` joins them into the
display's ``text/plain``: the psql pieces exactly as psql prints them, and
each remark on a line of its own starting with ``-- `` (a SQL comment, so
it never looks like psql output).

When a statement of another connection resumes during this cell (this
cell released the lock it waited for), what it printed goes into a
`Section` of this cell's output headed by the connection's name.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Piece", "Section", "CellOutput", "ConnState"]


@dataclass
class Piece:
    text: str                       # psql's text for this piece (or the remark's line)
    kind: str = "psql"              # result | psql | error | remark | waiting | display
    result: Any = None              # the engine Result of a statement
    expanded: bool = False          # \x was on when it was printed
    bundle: dict | None = None      # display: a mime bundle from a diagram command


@dataclass
class ConnState:
    """A connection's state as the badge and \\connections show it."""
    name: str
    pid: int | None
    state: str                      # idle | idle in transaction | idle in transaction (aborted) | waiting | closed
    xid: int | None = None
    isolation: str = ""
    waiting_for: str | None = None


@dataclass
class Section:
    conn: str
    header: str
    pieces: list[Piece] = field(default_factory=list)


@dataclass
class CellOutput:
    conn: str
    pieces: list[Piece] = field(default_factory=list)
    resumed: list[Section] = field(default_factory=list)
    state: ConnState | None = None

    def add(self, piece: Piece) -> None:
        self.pieces.append(piece)

    def section(self, conn: str, header: str) -> Section:
        for s in self.resumed:
            if s.conn == conn:
                return s
        s = Section(conn, header)
        self.resumed.append(s)
        return s

    def text(self) -> str:
        out = [p.text for p in self.pieces if p.kind != "display"]
        for s in self.resumed:
            out.append(f"-- {s.header}:\n")
            out.extend(p.text for p in s.pieces if p.kind != "display")
        return "".join(out)

    def displays(self) -> list[Piece]:
        """Rich outputs (diagrams) of this cell, in order."""
        return [p for p in self.pieces if p.kind == "display"]

    def has_psql_output(self) -> bool:
        return any(p.kind != "display" for p in self.pieces) or bool(self.resumed)
