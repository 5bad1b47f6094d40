"""Colours and shapes shared by every diagram.

One meaning, one colour, everywhere: a transaction's status (the commit
log's words) colours xmin/xmax cells, savepoint levels and flow states
alike, and each connection keeps one colour in every diagram (by the order
in which it connected, the order the kernel can use for its own output).
Colours are light fills with dark text, readable when printed in grey.
"""
from __future__ import annotations

FONT = "Helvetica"

STATUS_FILL = {
    "committed": "#c8e6c9",
    "in progress": "#ffe0a3",
    "aborted": "#ffcdd2",
    "sub-committed": "#bbdefb",
    "multixact": "#ede7f6",         # a lock-only xmax shared by several lockers
    "": "#f5f5f5",
}

SAVEPOINT_FILL = {
    "active": "#ffe0a3",
    "in progress": "#ffe0a3",
    "failed": "#ffcdd2",
    "released": "#bbdefb",
    "rolled back": "#e0e0e0",
    "committed": "#c8e6c9",
    "committed with the parent": "#c8e6c9",
    "aborted": "#ffcdd2",
}

FLOW_FILL = {
    "idle": "#f5f5f5",
    "in progress": "#ffe0a3",
    "waiting": "#fff59d",
    "failed": "#ffcdd2",
    "committed": "#c8e6c9",
    "rolled back": "#e0e0e0",
    "terminated": "#bdbdbd",
}

# timeline marks: (shape, fill)
MARKS = {
    "begin": ("box", "#e3f2fd"),
    "commit": ("box", "#c8e6c9"),
    "rollback": ("box", "#e0e0e0"),
    "error": ("octagon", "#ffcdd2"),
    "wait": ("hexagon", "#fff59d"),
    "resume": ("hexagon", "#dcedc8"),
    "deadlock": ("doubleoctagon", "#ef9a9a"),
    "crash": ("Msquare", "#9e9e9e"),
    "recovery": ("Msquare", "#e0e0e0"),
    "connect": ("ellipse", "#fafafa"),
    "disconnect": ("ellipse", "#bdbdbd"),
    "savepoint": ("box", "#ede7f6"),
    "write": ("box", "#ffffff"),
    "read": ("box", "#ffffff"),
    "vacuum": ("box", "#eeeeee"),
    "statement": ("box", "#ffffff"),
    "other": ("box", "#fafafa"),
}

CONNECTION_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
                      "#e377c2", "#17becf", "#7f7f7f", "#bcbd22")
MUTED = "#9e9e9e"
DEADLOCK = "#c62828"


def connection_colour(index: int) -> str:
    """The colour of the connection that connected `index`-th (0-based)."""
    return CONNECTION_COLOURS[index % len(CONNECTION_COLOURS)]


def colours_for(names: tuple[str, ...] | list[str]) -> dict[str, str]:
    return {name: connection_colour(i) for i, name in enumerate(names)}
