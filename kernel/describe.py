"""psql's describe commands: ``\\d``, ``\\d NAME``, ``\\d+ NAME``, ``\\dt``, ``\\di``, ``\\ds``, ``\\dv``.

psql answers these by querying the system catalogs and printing the rows
with its table printer (describe.c).  TxLab reads the engine's MVCC catalog
instead (`Catalog.all_visible(xact)`: what this connection's transaction
sees, so an uncommitted CREATE TABLE shows up only in its own connection,
as in PostgreSQL) and prints the same layout with the same printer
(`txlab.engine.psql.format_table`): titles such as ``Table "public.accounts"``,
the ``Indexes:`` / ``Check constraints:`` / ``Foreign-key constraints:`` /
``Referenced by:`` footers in psql's order, and psql's messages when nothing
matches.  Patterns follow psql's rules (``*`` and ``?`` wildcards, case
folded unless double-quoted, an optional ``public.`` schema).

Everything lives in schema ``public`` and is owned by ``postgres``.  What
the engine does not record is shown as PostgreSQL shows a default:
collation (the cluster's C collation is never printed), statistics target
and description (empty), compression (empty), access method (heap, btree).
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from .deparse import check_text, default_text

__all__ = ["describe_command", "DescribeError", "parse_pattern", "relation_description"]

_KIND_WORDS = {"r": "table", "i": "index", "S": "sequence", "v": "view", "m": "materialized view",
               "p": "partitioned table", "f": "foreign table"}
_LETTER_KINDS = {"t": "rp", "i": "i", "s": "S", "v": "v", "m": "m", "E": "f"}
_FK_ACTIONS = {"r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}
_PLAIN_STORAGE = frozenset({16, 20, 21, 23, 26, 28, 29, 700, 701, 1082, 1083, 1114, 1184, 1186, 1266, 2950, 5069})
_MAIN_STORAGE = frozenset({1700})
_INT8 = 20
_TEXT = 25


class DescribeError(Exception):
    """psql's message when a describe command finds nothing (the command fails)."""


# ---------------------------------------------------------------------------
# Patterns (processSQLNamePattern)

def parse_pattern(pattern: str) -> re.Pattern[str] | None:
    """A regex for the relation-name part of a psql pattern; None if the
    schema part cannot match ``public``."""
    parts: list[str] = [""]
    inquotes = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == '"':
            if inquotes and pattern[i + 1:i + 2] == '"':
                parts[-1] += re.escape('"')
                i += 1
            else:
                inquotes = not inquotes
        elif not inquotes and ch == ".":
            parts.append("")
        elif not inquotes and ch == "*":
            parts[-1] += ".*"
        elif not inquotes and ch == "?":
            parts[-1] += "."
        else:
            parts[-1] += re.escape(ch if inquotes else ch.lower())
        i += 1
    if len(parts) > 2:
        parts = parts[-2:]
    if len(parts) == 2 and not re.fullmatch(parts[0] or ".*", "public"):
        return None
    return re.compile(parts[-1] or ".*")


def _matching(objects: Iterable[Any], pattern: str | None, kinds: str) -> list[Any]:
    regex = parse_pattern(pattern) if pattern is not None else re.compile(".*")
    if regex is None:
        return []
    return [o for o in objects if getattr(o, "relkind", "") in kinds and regex.fullmatch(o.name)]


# ---------------------------------------------------------------------------
# Listings: \d, \dt, \di, \ds, \dv

def list_relations(objects: list[Any], kinds: str, pattern: str | None, fmt: Any) -> str:
    found = _matching(objects, pattern, kinds)
    if not found:
        if pattern is not None:
            raise DescribeError(f'Did not find any relation named "{pattern}".')
        raise DescribeError("Did not find any relations.")
    with_table = "i" in kinds
    headers = ["Schema", "Name", "Type", "Owner"] + (["Table"] if with_table else [])
    rows = []
    for o in sorted(found, key=lambda o: o.name):
        row = ["public", o.name, _KIND_WORDS.get(o.relkind, o.relkind), "postgres"]
        if with_table:
            row.append(getattr(o, "table", None) if o.relkind == "i" else None)
        rows.append(row)
    return fmt(headers, [_TEXT] * len(headers), rows, title="List of relations")


# ---------------------------------------------------------------------------
# One relation: \d NAME and \d+ NAME

def _storage(oid: int) -> str:
    if oid in _PLAIN_STORAGE:
        return "plain"
    if oid in _MAIN_STORAGE:
        return "main"
    return "extended"


def _ident(name: str) -> str:
    if re.fullmatch(r"[a-z_][a-z0-9_$]*", name):
        return name
    return '"' + name.replace('"', '""') + '"'


def _column_names(table: Any, attnums: Iterable[int]) -> str:
    by_num = {c.attnum: c.name for c in table.columns}
    return ", ".join(_ident(by_num.get(a, "?")) for a in attnums)


def _column_type_lookup(table: Any):
    def lookup(name: str) -> Any:
        col = table.column(name)
        return col.type if col is not None else None
    return lookup


def column_default(table: Any, col: Any) -> str:
    if col.identity == "a":
        return "generated always as identity"
    if col.identity == "d":
        return "generated by default as identity"
    if col.default_text:
        return col.default_text
    if col.default is None:
        return ""
    return default_text(col.default, col.type, _column_type_lookup(table))


def _index_line(catalog_get: Any, table: Any, name: str) -> tuple[bool, str]:
    idx = catalog_get(name)
    if idx is None:
        return False, f'    "{name}" btree'
    con = next((c for c in table.constraints if c.index == name), None)
    if idx.primary:
        kind = "PRIMARY KEY, "
    elif idx.unique:
        kind = "UNIQUE CONSTRAINT, " if con is not None else "UNIQUE, "
    else:
        kind = ""
    return bool(idx.primary), f'    "{name}" {kind}btree ({_column_names(table, idx.columns)})'


def fk_definition(table: Any, con: Any, catalog_get: Any) -> str:
    ref = catalog_get(con.ref_table)
    ref_cols = _column_names(ref, con.ref_columns) if ref is not None else "?"
    text = (f"FOREIGN KEY ({_column_names(table, con.columns)}) "
            f"REFERENCES {_ident(con.ref_table)}({ref_cols})")
    if con.on_update in _FK_ACTIONS:
        text += f" ON UPDATE {_FK_ACTIONS[con.on_update]}"
    if con.on_delete in _FK_ACTIONS:
        text += f" ON DELETE {_FK_ACTIONS[con.on_delete]}"
    return text


def _table_footers(table: Any, objects: list[Any], catalog_get: Any, verbose: bool) -> list[str]:
    footers: list[str] = []
    indexes = sorted((_index_line(catalog_get, table, n) for n in table.indexes),
                     key=lambda pl: (not pl[0], pl[1]))
    if indexes:
        footers.append("Indexes:")
        footers.extend(line for _, line in indexes)
    checks = sorted((c for c in table.constraints if c.kind == "c"), key=lambda c: c.name)
    if checks:
        footers.append("Check constraints:")
        lookup = _column_type_lookup(table)
        footers.extend(f'    "{c.name}" CHECK ({c.expr_text or check_text(c.expr, lookup)})' for c in checks)
    fks = sorted((c for c in table.constraints if c.kind == "f"), key=lambda c: c.name)
    if fks:
        footers.append("Foreign-key constraints:")
        footers.extend(f'    "{c.name}" {fk_definition(table, c, catalog_get)}' for c in fks)
    refs = sorted(((o, c) for o in objects if getattr(o, "relkind", "") == "r"
                   for c in o.constraints if c.kind == "f" and c.ref_table == table.name),
                  key=lambda oc: oc[1].name)
    if refs:
        footers.append("Referenced by:")
        footers.extend(f'    TABLE "{o.name}" CONSTRAINT "{c.name}" {fk_definition(o, c, catalog_get)}'
                       for o, c in refs)
    if verbose:
        footers.append("Access method: heap")
    return footers


def describe_table(table: Any, objects: list[Any], catalog_get: Any, verbose: bool, fmt: Any) -> str:
    headers = ["Column", "Type", "Collation", "Nullable", "Default"]
    if verbose:
        headers += ["Storage", "Compression", "Stats target", "Description"]
    rows = []
    for col in table.live_columns:
        row = [col.name, col.type.name, "", "not null" if col.not_null else "", column_default(table, col)]
        if verbose:
            row += [_storage(col.type.oid), "", None, None]
        rows.append(row)
    return fmt(headers, [_TEXT] * len(headers), rows, title=f'Table "public.{table.name}"',
               footers=_table_footers(table, objects, catalog_get, verbose))


def describe_index(idx: Any, catalog_get: Any, verbose: bool, fmt: Any) -> str:
    table = catalog_get(idx.table)
    headers = ["Column", "Type", "Key?", "Definition"] + (["Storage", "Stats target"] if verbose else [])
    rows = []
    by_num = {c.attnum: c for c in table.columns} if table is not None else {}
    for a in idx.columns:
        col = by_num.get(a)
        if col is None:
            continue
        row = [col.name, col.type.name, "yes", _ident(col.name)]
        if verbose:
            row += [_storage(col.type.oid), None]
        rows.append(row)
    kind = "primary key, " if idx.primary else ("unique, " if idx.unique else "")
    footer = f'{kind}btree, for table "public.{idx.table}"'
    return fmt(headers, [_TEXT] * len(headers), rows, title=f'Index "public.{idx.name}"', footers=[footer])


def describe_sequence(seq: Any, catalog_get: Any, fmt: Any) -> str:
    headers = ["Type", "Start", "Minimum", "Maximum", "Increment", "Cycles?", "Cache"]
    types = [_TEXT, _INT8, _INT8, _INT8, _INT8, _TEXT, _INT8]
    row = [seq.type_name, str(seq.start), str(seq.minvalue), str(seq.maxvalue), str(seq.increment),
           "yes" if seq.cycle else "no", "1"]
    footers = []
    if seq.owned_by:
        tname, cname = seq.owned_by
        table = catalog_get(tname)
        col = table.column(cname) if table is not None else None
        if col is not None and col.identity:
            footers.append(f"Sequence for identity column: public.{tname}.{cname}")
        else:
            footers.append(f"Owned by: public.{tname}.{cname}")
    return fmt(headers, types, [row], title=f'Sequence "public.{seq.name}"', footers=footers)


def relation_description(obj: Any, objects: list[Any], catalog_get: Any, verbose: bool, fmt: Any) -> str:
    kind = getattr(obj, "relkind", "")
    if kind == "r":
        return describe_table(obj, objects, catalog_get, verbose, fmt)
    if kind == "i":
        return describe_index(obj, catalog_get, verbose, fmt)
    if kind == "S":
        return describe_sequence(obj, catalog_get, fmt)
    return ""


# ---------------------------------------------------------------------------
# Entry point

def describe_command(name: str, args: tuple[str, ...], objects: list[Any], catalog_get: Any) -> str:
    """Text of a ``\\d``-family command; DescribeError when psql reports nothing found.

    `name` is the command without the backslash (``d``, ``d+``, ``dt``,
    ``di+`` ...), `args` its (semicolon-trimmed) arguments, `objects` the
    relations the connection sees, `catalog_get` looks one up by name.
    """
    from txlab.engine.psql import format_table
    verbose = name.endswith("+")
    letters = name[1:].rstrip("+").replace("S", "")     # S: system objects (TxLab shows none)
    pattern = args[0] if args else None
    if letters == "":
        if pattern is None:
            return list_relations(objects, "rpvmSf", None, format_table)
        found = sorted(_matching(objects, pattern, "rpviSmf"), key=lambda o: o.name)
        if not found:
            raise DescribeError(f'Did not find any relation named "{pattern}".')
        return "".join(relation_description(o, objects, catalog_get, verbose, format_table) for o in found)
    if verbose:
        raise DescribeError(f"\\{name}: sizes and access methods of a listing are not modelled by TxLab; "
                            f"use \\{name[:-1]}")
    kinds = "".join(_LETTER_KINDS[ch] for ch in letters)
    return list_relations(objects, kinds, pattern, format_table)


def is_describe(name: str) -> bool:
    """Whether `name` is a describe command this module handles."""
    letters = name[1:].rstrip("+").replace("S", "") if name.startswith("d") else None
    return letters is not None and name.count("+") <= 1 and all(ch in _LETTER_KINDS for ch in letters)
