"""The ``text/html`` view of a cell: the same results, as styled tables.

JupyterLab shows this view; ``text/plain`` (psql's exact text) is what
console clients, nbval and graders read.  The view adds what psql cannot
show: a coloured badge with the connection's name (the colour is a pure
function of the name, so alice is the same colour in every cell and every
run) and its transaction state after the cell (idle, in transaction with
its xid, aborted, waiting and for what).  Errors are red, notices amber,
a statement waiting for a lock orange.  Large results show their first
`MAX_ROWS` rows and say how many more there are.

The HTML is deterministic (no ids, no timestamps) because nbval compares it.
Styles are inline: JupyterLab keeps inline styles of trusted outputs.
"""
from __future__ import annotations

import zlib
from html import escape
from typing import Any

from .output import CellOutput, ConnState, Piece

__all__ = ["render_html", "conn_colour", "MAX_ROWS"]

MAX_ROWS = 50
_PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b",
            "#e377c2", "#17becf", "#bcbd22", "#ff7f0e", "#7f7f7f")
_RIGHT = frozenset({20, 21, 23, 26, 28, 29, 700, 701, 790, 1700, 5069})
_MONO = "font-family:var(--jp-code-font-family,monospace);font-size:var(--jp-code-font-size,13px)"
_BOX = "margin:2px 0;padding:2px 6px;white-space:pre-wrap;border-radius:3px;" + _MONO
_STYLES = {
    "error": _BOX + ";background:#fdecea;color:#a61b1b;border-left:3px solid #d32f2f",
    "notice": _BOX + ";background:#fff8e1;color:#6d4c00;border-left:3px solid #f9a825",
    "waiting": _BOX + ";background:#fff3e0;color:#8a4b00;border-left:3px solid #ef6c00",
    "remark": _BOX + ";color:#555;font-style:italic",
    "note": "margin:2px 0;color:#777;font-style:italic;font-size:90%",
    "psql": _BOX,
    "tag": "margin:2px 0;color:#444;" + _MONO,
}
_TABLE = "border-collapse:collapse;margin:4px 0;" + _MONO
_CELL = "border:1px solid #d0d0d0;padding:1px 6px;white-space:pre;vertical-align:top"
_HEAD = _CELL + ";background:#f2f4f7;font-weight:600;text-align:center"


def conn_colour(name: str) -> str:
    """A stable colour per connection name (CRC-32, not Python's salted hash)."""
    return _PALETTE[zlib.crc32(name.encode("utf-8")) % len(_PALETTE)]


def _badge(name: str) -> str:
    return (f'<span style="background:{conn_colour(name)};color:#fff;border-radius:3px;'
            f'padding:1px 6px;font-weight:600;{_MONO}">{escape(name)}</span>')


def _state_text(st: ConnState) -> tuple[str, str]:
    if st.state == "idle":
        return "idle", "#555"
    if st.state == "idle in transaction":
        return f"in transaction, xid {st.xid}" if st.xid else "in transaction (no xid yet)", "#1565c0"
    if st.state == "idle in transaction (aborted)":
        return "transaction aborted: only ROLLBACK (or ROLLBACK TO a savepoint) works now", "#c62828"
    if st.state == "waiting":
        return f"waiting for {st.waiting_for or 'a lock'}", "#ef6c00"
    if st.state == "closed":
        return "connection closed (a new one opens on its next cell)", "#555"
    return st.state, "#555"


def _header(name: str, st: ConnState | None, suffix: str = "") -> str:
    parts = [_badge(name)]
    if st is not None and st.pid is not None:
        text, colour = _state_text(st)
        parts.append(f'<span style="color:#777;{_MONO}">pid {st.pid}</span>')
        parts.append(f'<span style="color:{colour}">{escape(text)}</span>')
    if suffix:
        parts.append(f'<span style="color:#555">{escape(suffix)}</span>')
    return '<div style="margin:0 0 3px 0;display:flex;gap:8px;align-items:center">' + "".join(parts) + "</div>"


def _table(result: Any) -> str:
    rows = result.text_rows()
    types = list(result.column_types) + [0] * (len(result.columns) - len(result.column_types))
    head = "".join(f'<th style="{_HEAD}">{escape(c)}</th>' for c in result.columns)
    body = []
    for row in rows[:MAX_ROWS]:
        cells = []
        for value, oid in zip(row, types):
            align = "right" if oid in _RIGHT else "left"
            cells.append(f'<td style="{_CELL};text-align:{align}">{"" if value is None else escape(value)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    html = f'<table style="{_TABLE}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    n = len(rows)
    if n > MAX_ROWS:
        html += (f'<div style="{_STYLES["note"]}">first {MAX_ROWS} rows shown; {n - MAX_ROWS} more '
                 f'({n} rows in all; the text view has every row)</div>')
    else:
        html += f'<div style="{_STYLES["tag"]}">({n} {"row" if n == 1 else "rows"})</div>'
    return html


def _records(result: Any) -> str:
    """Expanded display (\\x on): one small two-column table per row."""
    rows = result.text_rows()
    out = []
    for k, row in enumerate(rows[:MAX_ROWS], 1):
        cells = "".join(f'<tr><th style="{_HEAD};text-align:left">{escape(c)}</th>'
                        f'<td style="{_CELL}">{"" if v is None else escape(v)}</td></tr>'
                        for c, v in zip(result.columns, row))
        out.append(f'<div style="{_STYLES["tag"]}">record {k}</div><table style="{_TABLE}">{cells}</table>')
    if len(rows) > MAX_ROWS:
        out.append(f'<div style="{_STYLES["note"]}">first {MAX_ROWS} records shown; '
                   f'{len(rows) - MAX_ROWS} more</div>')
    if not rows:
        out.append(f'<div style="{_STYLES["tag"]}">(0 rows)</div>')
    return "".join(out)


def _block(kind: str, text: str) -> str:
    return f'<div style="{_STYLES[kind]}">{escape(text.rstrip(chr(10)))}</div>' if text else ""


def _result(piece: Piece) -> str:
    from txlab.engine.psql import format_error, format_notice
    r = piece.result
    parts = [_block("notice", format_notice(n, r.query)) for n in r.notices]
    if r.status == "error" and r.error is not None:
        parts.append(_block("error", format_error(r.error, r.query)))
    elif r.returns_rows or r.columns:
        parts.append(_records(r) if piece.expanded else _table(r))
        if r.command_tag and r.command_tag.startswith(("INSERT", "UPDATE", "DELETE")):
            parts.append(_block("tag", r.command_tag))
    elif r.command_tag:
        parts.append(_block("tag", r.command_tag))
    return "".join(parts)


def _piece(piece: Piece) -> str:
    if piece.kind == "result" and piece.result is not None:
        return _result(piece)
    if piece.kind == "note":
        return _block("note", (piece.bundle or {}).get("note", ""))
    if piece.kind == "display":
        return ""
    kind = piece.kind if piece.kind in _STYLES else "psql"
    text = piece.text[3:] if kind in ("remark", "waiting") and piece.text.startswith("-- ") else piece.text
    return _block(kind, text.replace("\n-- ", "\n"))


def render_html(output: CellOutput) -> str:
    parts = [_header(output.conn, output.state)]
    parts.extend(_piece(p) for p in output.pieces)
    for section in output.resumed:
        parts.append('<div style="margin-top:6px;border-top:1px dashed #bbb;padding-top:3px">'
                     + _header(section.conn, None, section.header.split(" ", 1)[1]
                               if " " in section.header else "")
                     + "".join(_piece(p) for p in section.pieces) + "</div>")
    return '<div class="txlab-output">' + "".join(parts) + "</div>"
