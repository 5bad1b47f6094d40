"""\\versions: a table's tuple versions as chains, with what each connection sees.

Each chain is a row's history, oldest version first, linked by t_ctid
(PostgreSQL's forward pointer from an updated version to its successor),
drawn left to right.  A version shows its ctid, xmin and xmax each coloured
by what the commit log says of that xid (in progress, committed, aborted,
sub-committed), its values, and one line per connection: seen, or why not
in the engine's own words ("xmin 737 started after the snapshot").  A
version dead to every snapshot (VACUUM may remove it) has a dashed border;
one VACUUM already removed (in a view of the past) a dotted one, and the
line pointers VACUUM freed are listed.

Collapsing: a chain longer than `CHAIN_LIMIT` keeps its first version, its
newest ones and every version some connection sees or that is still in
progress; each run in between becomes one "... N older versions" box.  A
table with more than `CHAIN_COUNT` chains shows the chains with history
(more than one version, or anything not plainly committed) first.
"""
from __future__ import annotations

from typing import Any

from txlab.engine import inspect as I

from .dot import ELLIPSIS, Diagram, Omitted, cell, collapse, ctid_text, digraph, keep_order, node_id, plain, table
from .style import MUTED, STATUS_FILL, colours_for

CHAIN_LIMIT = 10
CHAIN_NEWEST = 6
CHAIN_COUNT = 30


def build(engine: Any, table: str, *, at: int | None = None, conn: str | None = None,
          viewer: str | None = None, full: bool = False, known_values: Any = None) -> Diagram:
    tv = I.versions(engine, table, at=at, conn=conn, viewer=viewer, known_values=known_values)
    chains, hidden = _pick_chains(tv.chains, 0 if full else CHAIN_COUNT)
    shown = [_collapse_chain(ch, 0 if full else CHAIN_LIMIT) for ch in chains]
    colours = colours_for(I.known_connections(engine))
    title = _title(tv)
    return Diagram("versions", title, _text(tv, shown, hidden, title), _dot(tv, shown, hidden, title, colours))


# --- choosing what to show ------------------------------------------------------------------------------
def _interesting(chain: I.Chain) -> bool:
    if len(chain.versions) > 1:
        return True
    v = chain.versions[0]
    return v.xmin_status != "committed" or bool(v.xmax) or v.removable or v.removed


def _pick_chains(chains: tuple[I.Chain, ...], limit: int) -> tuple[list[I.Chain], int]:
    if limit <= 0 or len(chains) <= limit:
        return list(chains), 0
    busy = [c for c in chains if _interesting(c)][:limit]
    rest = [c for c in chains if not _interesting(c)][:limit - len(busy)]
    keep = {id(c) for c in busy + rest}
    return [c for c in chains if id(c) in keep], len(chains) - len(keep)


def _collapse_chain(chain: I.Chain, limit: int) -> list[I.Version | Omitted]:
    def important(_: int, v: I.Version) -> bool:
        return any(s.visible for s in v.seen) or "in progress" in (v.xmin_status, v.xmax_status)
    return collapse(chain.versions, limit, important, newest=CHAIN_NEWEST, what="older versions")


# --- words --------------------------------------------------------------------------------------------
def _title(tv: I.TableVersions) -> str:
    n = sum(len(c.versions) for c in tv.chains)
    where = f"at seq {tv.at}" if tv.live else f"as of seq {tv.at} (reconstructed from the event log)"
    return (f"versions of {tv.table} ({', '.join(tv.columns)}) {where}: "
            f"{n} version{'s' if n != 1 else ''} in {len(tv.chains)} chain{'s' if len(tv.chains) != 1 else ''}")


def _values(v: I.Version) -> str:
    if v.values is None:
        return "(values unknown)"
    return "(" + ", ".join("NULL" if x is None else x for x in v.values) + ")"


def _xid_words(field: str, xid: int, status: str) -> str:
    return f"{field} {xid} {status}" if xid else f"{field} none"


def _flags(v: I.Version) -> list[str]:
    out = []
    if v.hot:
        out.append("HOT")
    if v.lock_only:
        who = ", ".join(f"{xid} for {mode}" for xid, mode in v.lockers)
        out.append("xmax only locks" + (f": {who}" if who else ""))
    if v.removable:
        out.append("dead to all: VACUUM may remove")
    if v.removed:
        out.append(f"removed by VACUUM at seq {v.removed_at}")
    return out


def _seen_words(v: I.Version) -> str:
    if v.removed:
        return "seen by nobody (removed)"
    return " | ".join(f"{s.conn} yes" if s.visible else f"{s.conn} no: {s.reason}" for s in v.seen)


def _removable_count(tv: I.TableVersions) -> int:
    return sum(1 for c in tv.chains for v in c.versions if v.removable)


def _text(tv: I.TableVersions, chains: list[list[I.Version | Omitted]], hidden: int, title: str) -> str:
    lines = [title,
             f"VACUUM horizon (oldest xmin) {tv.horizon}; dead to all now: {_removable_count(tv)}",
             "connections: " + (", ".join(tv.connections) or "none")]
    for i, chain in enumerate(chains, 1):
        lines.append(f"chain {i}:")
        for item in chain:
            lines.extend(_version_lines(item))
    if hidden:
        lines.append(f"{ELLIPSIS} {hidden} more rows (chains of one committed version)")
    lines.extend(_footer(tv))
    return "\n".join(lines)


def _version_lines(item: I.Version | Omitted) -> list[str]:
    if isinstance(item, Omitted):
        return [f"  {item.text}"]
    v = item
    head = f"  {ctid_text(v.ctid)} {_xid_words('xmin', v.xmin, v.xmin_status)}, " \
           f"{_xid_words('xmax', v.xmax, v.xmax_status)}: {_values(v)}"
    flags = _flags(v)
    if flags:
        head += " [" + "; ".join(flags) + "]"
    if v.next_ctid is not None:
        head += f" -> {ctid_text(v.next_ctid)}"
    seen = _seen_words(v)
    return [head] + ([f"      {seen}"] if seen else [])


def _footer(tv: I.TableVersions) -> list[str]:
    out = []
    if tv.freed:
        out.append("line pointers freed by VACUUM: " + ", ".join(ctid_text(c) for c in tv.freed))
    for run in tv.vacuums:
        if run.seq <= tv.at:
            out.append(f"{run.kind.upper()} at seq {run.seq} ({run.conn}): removed {run.removed}, "
                       f"kept {run.remaining}, horizon {run.horizon}")
    out.extend(f"note: {n}" for n in tv.notes)
    return out


# --- picture ------------------------------------------------------------------------------------------
def _dot(tv: I.TableVersions, chains: list[list[I.Version | Omitted]], hidden: int, title: str,
         colours: dict[str, str]) -> str:
    g = digraph("versions", title + "\n" + f"VACUUM horizon {tv.horizon}")
    g.attr("node", shape="plain")
    roots = []
    for i, chain in enumerate(chains, 1):
        prev = None
        roots.append(_node_name(i, 0, chain[0]))
        for j, item in enumerate(chain):
            name = _node_name(i, j, item)
            if isinstance(item, Omitted):
                g.node(name, plain(item.text), shape="box", style="dashed", color=MUTED, fontcolor="#616161")
            else:
                g.node(name, _label(item, tv.columns, colours))
            if prev is not None and (isinstance(item, Omitted) or prev.startswith("n_gap")):
                g.edge(prev, name, style="dashed", color=MUTED)
            elif prev is not None:
                g.edge(prev, name, label="t_ctid", color="#616161")
            prev = name
    keep_order(g, roots)
    if hidden:
        g.node("n_more", plain(f"{ELLIPSIS} {hidden} more rows (one committed version each)"), shape="box",
               style="dashed", color=MUTED)
    extra = _footer(tv)
    if extra:
        g.node("n_footer", plain("\n".join(extra), "\\l"), shape="note", color=MUTED, fontsize="9")
    return g.source


def _node_name(chain: int, index: int, item: I.Version | Omitted) -> str:
    if isinstance(item, Omitted):
        return node_id("gap", chain, index)
    return node_id("v", item.ctid[0], item.ctid[1], item.xmin)


def _label(v: I.Version, columns: tuple[str, ...], colours: dict[str, str]) -> str:
    head = ctid_text(v.ctid) + ("  HOT" if v.hot else "")
    rows = [[cell(head, colspan=2, bold=True, align="CENTER")],
            [cell(_xid_words("xmin", v.xmin, v.xmin_status), bgcolor=STATUS_FILL.get(v.xmin_status)),
             cell(_xid_words("xmax", v.xmax, v.xmax_status) + (" (lock)" if v.lock_only else ""),
                  bgcolor=STATUS_FILL.get(v.xmax_status if v.xmax else ""))],
            [cell(_values_lines(v, columns), colspan=2)]]
    for s in v.seen:
        mark = "\u2713 sees" if s.visible else f"\u2717 {s.reason}"
        rows.append([cell(f"{s.conn}: {mark}", colspan=2, color=colours.get(s.conn) if s.visible else MUTED)])
    for flag in _flags(v)[1 if v.hot else 0:]:
        rows.append([cell(flag, colspan=2, color="#616161")])
    style = "dotted" if v.removed else "dashed" if v.removable else None
    return table(rows, style=style, border=1 if (v.removable or v.removed) else 2)


def _values_lines(v: I.Version, columns: tuple[str, ...]) -> str:
    if v.values is None:
        return "(values unknown)"
    return "\n".join(f"{c} = {'NULL' if x is None else x}" for c, x in zip(columns, v.values))
