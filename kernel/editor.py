"""Editor help: completion (Tab), inspection (Shift+Tab) and is_complete.

Completion looks at the word before the cursor:

* after a backslash: meta-command names (``\\d``, ``\\connections``, ...);
* in the arguments of a meta-command: relation names for ``\\d``-style
  commands and ``\\versions`` / ``\\explore``, connection names for
  ``\\terminate``, ``\\snapshot``, ``\\savepoints``, ``\\flow``;
* on a first line ``-- conn: ``: connection names;
* after ``name.``: the columns of relation ``name``;
* elsewhere: columns, tables, functions and SQL keywords, keywords in the
  case the user is typing (psql's COMP_KEYWORD_CASE preserve-upper).

Relations are those the catalog shows to some connection (committed ones,
plus any connection's own uncommitted DDL).  Inspection shows a relation's
``\\d`` (``\\d+`` at detail level 1), a meta-command's help line, a
connection's state, or what a keyword does in transactions.  ``is_complete``
follows psql: a statement is complete at its semicolon, a meta-command at
the end of its line; an open quote, comment or parenthesis keeps it going.
"""
from __future__ import annotations

import re
from typing import Any

__all__ = ["complete", "inspect", "is_complete"]

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*$")
_META = re.compile(r"\\[A-Za-z?+!]*$")
_QUALIFIED = re.compile(r"([A-Za-z_][A-Za-z0-9_$]*)\.([A-Za-z_][A-Za-z0-9_$]*)?$")
_DIRECTIVE = re.compile(r"^[ \t]*--[ \t]*conn[ \t]*:[ \t]*([A-Za-z0-9_.\-]*)$")
_RELATION_ARGS = re.compile(r"\\(d[tisv]*\+?|versions|explore)[ \t]+(\S*)$")
_CONNECTION_ARGS = re.compile(r"\\(terminate|snapshot|savepoints|flow)[ \t]+(\S*)$")
_ENGINE_FUNCTIONS = ("now", "transaction_timestamp", "statement_timestamp", "clock_timestamp",
                     "txid_current", "txid_current_if_assigned", "pg_current_xact_id",
                     "pg_current_xact_id_if_assigned", "pg_backend_pid", "nextval", "currval",
                     "setval", "lastval", "pg_terminate_backend", "pg_blocking_pids", "current_setting",
                     "set_config", "pg_sleep")

_KEYWORD_HELP = {
    "begin": ("BEGIN", "start a transaction block: until COMMIT or ROLLBACK, statements share one "
              "transaction (a private workspace others cannot see into)", "sql-begin"),
    "start": ("START TRANSACTION", "start a transaction block (same as BEGIN)", "sql-start-transaction"),
    "commit": ("COMMIT", "make the transaction's changes permanent and visible to others", "sql-commit"),
    "end": ("END", "commit the current transaction (same as COMMIT)", "sql-end"),
    "rollback": ("ROLLBACK", "undo everything the transaction did; ROLLBACK TO name undoes back to a "
                 "savepoint", "sql-rollback"),
    "abort": ("ABORT", "roll back the current transaction (same as ROLLBACK)", "sql-abort"),
    "savepoint": ("SAVEPOINT", "mark a point inside a transaction to roll back to (a subtransaction)",
                  "sql-savepoint"),
    "release": ("RELEASE SAVEPOINT", "forget a savepoint, keeping what was done after it",
                "sql-release-savepoint"),
    "isolation": ("ISOLATION LEVEL", "READ COMMITTED (a snapshot per statement), REPEATABLE READ (one "
                  "per transaction), SERIALIZABLE (as if transactions ran one at a time)",
                  "transaction-iso"),
    "lock": ("LOCK", "take a table lock explicitly, in one of PostgreSQL's eight modes", "sql-lock"),
    "vacuum": ("VACUUM", "remove row versions no snapshot can see any more; not inside a "
               "transaction block", "sql-vacuum"),
    "select": ("SELECT", "read rows as the statement's (or transaction's) snapshot sees them",
               "sql-select"),
    "update": ("UPDATE", "write a new version of each matching row (the old one gets xmax)", "sql-update"),
    "delete": ("DELETE", "mark each matching row version deleted (sets its xmax)", "sql-delete"),
    "insert": ("INSERT", "add row versions with xmin = this transaction's xid", "sql-insert"),
}


def _keywords() -> list[str]:
    import pglast.keywords as k
    return sorted(k.RESERVED_KEYWORDS | k.UNRESERVED_KEYWORDS | k.COL_NAME_KEYWORDS | k.TYPE_FUNC_NAME_KEYWORDS)


def _functions() -> list[str]:
    names = set(_ENGINE_FUNCTIONS)
    try:
        from txlab.engine.types import aggregates, functions
        names |= set(getattr(functions, "_FUNCTIONS", {}))
        names |= set(getattr(aggregates, "_AGGREGATES", {}))
    except Exception:
        pass
    return sorted(n for n in names if re.fullmatch(r"[a-z_][a-z0-9_]*", n))


def _relations(lab: Any) -> dict[str, Any]:
    """Every relation some connection can see, by name."""
    catalog = lab.engine.catalog
    found = {o.name: o for o in catalog.all_visible(None)}
    for conn in lab.conns.values():
        s = conn.session
        if s is not None and not getattr(s, "closed", False) and s.xact is not None:
            for o in catalog.all_visible(s.xact):
                found.setdefault(o.name, o)
    return found


def _connection_names(lab: Any) -> list[str]:
    return sorted(lab.conns)


def _meta_names() -> list[str]:
    from .metacmds import COMMAND_NAMES
    return ["\\" + n for n in COMMAND_NAMES]


def _reply(matches: list[tuple[str, str]], start: int, end: int) -> dict:
    seen: dict[str, str] = {}
    for text, kind in matches:
        seen.setdefault(text, kind)
    return {"status": "ok", "matches": list(seen), "cursor_start": start, "cursor_end": end,
            "metadata": {"_jupyter_types_experimental": [
                {"text": t, "type": k, "start": start, "end": end} for t, k in seen.items()]}}


def complete(lab: Any, code: str, cursor_pos: int | None) -> dict:
    pos = len(code) if cursor_pos is None else cursor_pos
    before = code[:pos]
    line = before.rsplit("\n", 1)[-1]
    for pattern, source, kind in ((_RELATION_ARGS, lambda: sorted(_relations(lab)), "table"),
                                  (_CONNECTION_ARGS, lambda: _connection_names(lab), "connection")):
        m = pattern.search(line)
        if m:
            prefix = m.group(2)
            return _reply([(n, kind) for n in source() if n.startswith(prefix)], pos - len(prefix), pos)
    m = _DIRECTIVE.match(line)
    if m and "\n" not in before.lstrip("\n"):
        prefix = m.group(1)
        return _reply([(n, "connection") for n in _connection_names(lab) if n.startswith(prefix)],
                      pos - len(prefix), pos)
    m = _META.search(line)
    if m:
        prefix = m.group()
        return _reply([(n, "magic") for n in _meta_names() if n.startswith(prefix)], pos - len(prefix), pos)
    m = _QUALIFIED.search(line)
    if m:
        rel = _relations(lab).get(m.group(1).lower())
        prefix = m.group(2) or ""
        cols = [c.name for c in getattr(rel, "live_columns", [])] if rel is not None else []
        return _reply([(c, "column") for c in cols if c.startswith(prefix)], pos - len(prefix), pos)
    m = _WORD.search(line)
    prefix = m.group() if m else ""
    if not prefix:
        return _reply([], pos, pos)
    return _reply(_word_matches(lab, prefix), pos - len(prefix), pos)


def _word_matches(lab: Any, prefix: str) -> list[tuple[str, str]]:
    low = prefix.lower()
    relations = _relations(lab)
    matches: list[tuple[str, str]] = []
    for rel in relations.values():
        for c in getattr(rel, "live_columns", []):
            if c.name.startswith(low):
                matches.append((c.name, "column"))
    matches += [(n, "table") for n in sorted(relations) if n.startswith(low)]
    matches += [(n, "function") for n in _functions() if n.startswith(low)]
    upper = not prefix.islower()
    matches += [(k.upper() if upper else k, "keyword") for k in _keywords() if k.startswith(low)]
    return sorted(set(matches), key=lambda m: (("column", "table", "function", "keyword").index(m[1]), m[0]))


# -- inspection ---------------------------------------------------------------------------------

def _word_at(code: str, pos: int) -> str:
    left = re.search(r"[\\A-Za-z0-9_$+?]*$", code[:pos]).group()
    right = re.match(r"[A-Za-z0-9_$+]*", code[pos:]).group()
    return left + right


def inspect(lab: Any, code: str, cursor_pos: int | None, detail_level: int = 0) -> dict:
    pos = len(code) if cursor_pos is None else cursor_pos
    word = _word_at(code, pos)
    text = _inspect_text(lab, word, detail_level) if word else None
    if text is None:
        return {"status": "ok", "found": False, "data": {}, "metadata": {}}
    return {"status": "ok", "found": True, "data": {"text/plain": text}, "metadata": {}}


def _inspect_text(lab: Any, word: str, detail_level: int) -> str | None:
    if word.startswith("\\"):
        return _meta_help(word[1:])
    name = word.lower()
    relations = _relations(lab)
    if name in relations:
        from txlab.engine.psql import format_table
        from .describe import relation_description
        objs = list(relations.values())
        return relation_description(relations[name], objs, relations.get, detail_level > 0, format_table)
    if word in lab.conns:
        st = lab.conn_state(word)
        text = f"connection {st.name}: {st.state}"
        if st.pid is not None:
            text += f", pid {st.pid}"
        if st.xid:
            text += f", xid {st.xid}"
        if st.waiting_for:
            text += f", waiting for {st.waiting_for}"
        return text + "\n"
    if name in _KEYWORD_HELP:
        title, what, page = _KEYWORD_HELP[name]
        return f"{title}: {what}.\nhttps://www.postgresql.org/docs/15/{page}.html\n"
    if name in _keywords():
        return f"{word.upper()}: SQL key word\nhttps://www.postgresql.org/docs/15/sql-keywords-appendix.html\n"
    if name in _functions():
        return f"{name}(): built-in function\nhttps://www.postgresql.org/docs/15/functions.html\n"
    return None


def _meta_help(name: str) -> str | None:
    from .metacmds import help_text
    for line in help_text().splitlines():
        stripped = line.strip()
        if stripped.startswith(f"\\{name} ") or stripped == f"\\{name}" or stripped.startswith(f"\\{name}["):
            return stripped + "\n"
    return None


# -- is_complete ------------------------------------------------------------------------------------

def is_complete(code: str) -> dict:
    """psql's rule: complete at a semicolon; a meta-command at the end of its line.

    Probe: append a line holding only ``;``.  If psql's scanner sends that
    ``;`` on its own, nothing was left open (statement, quote, comment,
    parenthesis); otherwise it joined unfinished text, which is incomplete.
    """
    from txlab.engine.psqlscan import SqlItem, scan
    if not code.strip():
        return {"status": "complete"}
    probe = scan(code + "\n;")
    last = probe[-1] if probe else None
    if isinstance(last, SqlItem) and last.offset == len(code) + 1 and last.text == ";":
        return {"status": "complete"}
    return {"status": "incomplete", "indent": ""}
