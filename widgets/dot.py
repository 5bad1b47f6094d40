"""Building DOT with the `graphviz` package, and the Diagram every view returns.

A Diagram is the pair every output is made of: the deterministic text form
(what nbval compares, so it carries every fact and nothing that varies
between runs) and the DOT source (compared too, so it is built in a fixed
order from the same facts).  Nodes whose contents are tables use
Graphviz's HTML-like labels; everything put in them goes through `esc`.

Long things are collapsed, never silently cut: `collapse` keeps the items a
view marks as important plus the newest, and replaces each run of the rest
with a count that both the text and the picture show.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence, TypeVar

import graphviz

from .style import FONT

T = TypeVar("T")
ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class Diagram:
    kind: str
    title: str
    text: str
    dot: str


@dataclass(frozen=True)
class Omitted:
    """A run of `count` items left out of a collapsed sequence."""
    count: int
    what: str = "items"

    @property
    def text(self) -> str:
        return f"{ELLIPSIS} {self.count} {self.what}"


def collapse(items: Sequence[T], limit: int, keep: Callable[[int, T], bool] | None = None,
             newest: int | None = None, what: str = "items") -> list[T | Omitted]:
    """`items` with runs of unimportant ones replaced by Omitted(count).

    Kept: the first item, the `newest` last ones (default: enough to fill
    `limit`), and every item `keep(index, item)` says is important."""
    n = len(items)
    if limit <= 0 or n <= limit:
        return list(items)
    tail = max(1, limit - 1) if newest is None else newest
    kept = {0} | set(range(max(0, n - tail), n))
    if keep is not None:
        kept |= {i for i, item in enumerate(items) if keep(i, item)}
    out: list[T | Omitted] = []
    run = 0
    for i, item in enumerate(items):
        if i in kept:
            if run:
                out.append(Omitted(run, what))
                run = 0
            out.append(item)
        else:
            run += 1
    if run:
        out.append(Omitted(run, what))
    return out


def older(items: Sequence[T], limit: int, what: str) -> tuple[Omitted | None, Sequence[T]]:
    """The newest `limit` items and, if any were left out, their count."""
    if limit <= 0 or len(items) <= limit:
        return None, items
    return Omitted(len(items) - limit, what), items[len(items) - limit:]


# --- graphs ------------------------------------------------------------------------------------------
def digraph(name: str, title: str, rankdir: str = "LR", **graph_attr: str) -> graphviz.Digraph:
    g = graphviz.Digraph(name)
    label = plain(title, "\\l")
    g.attr("graph", rankdir=rankdir, fontname=FONT, fontsize="11", label=label, labelloc="t",
           labeljust="l", nodesep="0.25", ranksep="0.35", **graph_attr)
    g.attr("node", fontname=FONT, fontsize="10")
    g.attr("edge", fontname=FONT, fontsize="9")
    return g


def plain(text: str, end: str = "\\n") -> str:
    """A plain (non-HTML) DOT label: backslashes kept, lines broken with `end`
    ('\\n' centred, '\\l' left-justified)."""
    body = text.replace("\\", "\\\\").replace("\n", end)
    if end != "\\n":
        body += end
    return graphviz.nohtml(body)


def esc(text: object) -> str:
    """Text safe inside an HTML-like label."""
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\n", "<BR/>"))


def cell(text: str, *, bgcolor: str | None = None, colspan: int = 1, align: str = "LEFT",
         bold: bool = False, color: str | None = None, raw: bool = False) -> str:
    """One <TD>; `text` is escaped unless `raw`."""
    body = text if raw else esc(text)
    if align == "LEFT" and not raw and "<BR/>" in body:
        body = body.replace("<BR/>", '<BR ALIGN="LEFT"/>') + '<BR ALIGN="LEFT"/>'
    if bold:
        body = f"<B>{body}</B>"
    if color:
        body = f'<FONT COLOR="{color}">{body}</FONT>'
    attrs = f' ALIGN="{align}"'
    if colspan > 1:
        attrs += f' COLSPAN="{colspan}"'
    if bgcolor:
        attrs += f' BGCOLOR="{bgcolor}"'
    return f"<TD{attrs}>{body}</TD>"


def table(rows: Sequence[Sequence[str]], *, border: int = 1, color: str = "#424242",
          style: str | None = None) -> str:
    """An HTML-like label made of rows of cells (see `cell`)."""
    extra = f' STYLE="{style}"' if style else ""
    body = "".join("<TR>" + "".join(r) + "</TR>" for r in rows)
    return (f'<<TABLE BORDER="{border}" CELLBORDER="1" CELLSPACING="0" CELLPADDING="3" '
            f'COLOR="{color}"{extra}>{body}</TABLE>>')


def node_id(*parts: object) -> str:
    """A DOT identifier from parts (ctids, names): letters, digits and underscores."""
    raw = "_".join(str(p) for p in parts)
    return "n_" + "".join(ch if ch.isalnum() else "_" for ch in raw)


def keep_order(g: graphviz.Digraph, names: Sequence[str]) -> None:
    """Stack `names` in this order across the rank direction (rows of an LR graph)."""
    if len(names) < 2:
        return
    with g.subgraph() as s:
        s.attr(rank="same")
        for a, b in zip(names, names[1:]):
            s.edge(a, b, style="invis")


def ctid_text(ctid: Sequence[int] | None) -> str:
    if ctid is None:
        return "-"
    return f"({ctid[0]},{ctid[1]})"
