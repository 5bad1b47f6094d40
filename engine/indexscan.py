"""Choosing and running B-tree index scans.

An index scan is chosen when WHERE conjuncts fix every column of an index
with `=` against row-independent values (a literal, a parameter slot, an
expression of them), or bound the single column of an index with <, <=, >,
>=.  The key values are computed once per execution; the scan visits only
the HOT chains under those keys and returns the version the snapshot sees.
Conjuncts the index does not answer stay as filters.

Which path PostgreSQL's cost model picks decides the order of rows a query
without ORDER BY returns, so the choice follows it where it matters: an
equality on a unique key always uses the index (PostgreSQL does, even on a
tiny table); other index paths are used only from SMALL_TABLE_PAGES pages
(as PostgreSQL's estimate_rel_size, a table never vacuumed or analyzed
counts as at least 10 pages, so on a fresh table the index is used)
up, below which PostgreSQL's sequential scan is cheaper.  On a table never
vacuumed or analyzed PostgreSQL has no statistics and uses its default
selectivities: a range bounded on both sides (0.005) is read with a bitmap
heap scan, which returns rows in heap (ctid) order, and a range bounded on
one side only (0.333) with a sequential scan; and a whole table read in
the ascending order of an index's first column is read through that index
rather than scanned and sorted.  Keys are converted to
the column's type with the same implicit cast the comparison would use, and
a key value that is NULL matches nothing, as `col = NULL` never is true.
"""
from __future__ import annotations

from typing import Any, Callable, Iterator

from .expr import ExprCompiler, Scope
from .index import chain
from .parse import names, node_type, strval

SMALL_TABLE_PAGES = 10
_FLIP = {"=": "=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}


def _column_of(node: dict, entry: Any) -> int | None:
    """attnum of `node` if it is a plain column of `entry`'s table."""
    if node_type(node) != "ColumnRef":
        return None
    fields = node["ColumnRef"]["fields"]
    if node_type(fields[-1]) != "String":
        return None
    parts = names(fields)
    if len(parts) > 1 and parts[-2] != entry.alias:
        return None
    if parts[-1] not in entry.colnames:
        return None
    return entry.positions[entry.colnames.index(parts[-1])] + 1


def _comparisons(quals: list[dict], entry: Any, comp: ExprCompiler) -> list[tuple[int, str, Any, dict]]:
    """(attnum, op, compiled constant side, qual) for `col op const` conjuncts."""
    out = []
    for q in quals:
        if node_type(q) == "A_Expr" and q["A_Expr"]["kind"] == "AEXPR_BETWEEN":
            out += _between_bounds(q, entry, comp)
            continue
        if node_type(q) != "A_Expr" or q["A_Expr"]["kind"] != "AEXPR_OP" or "lexpr" not in q["A_Expr"]:
            continue
        e = q["A_Expr"]
        op = strval(e["name"][-1])
        if op not in _FLIP:
            continue
        for col_side, other, oper in ((e["lexpr"], e["rexpr"], op), (e["rexpr"], e["lexpr"], _FLIP[op])):
            attnum = _column_of(col_side, entry)
            if attnum is None:
                continue
            c = comp.value(other)
            if c.const:
                out.append((attnum, oper, c, q))
                break
    return out


def _between_bounds(q: dict, entry: Any, comp: ExprCompiler) -> list[tuple[int, str, Any, dict]]:
    """`col BETWEEN lo AND hi` is `col >= lo AND col <= hi` to the planner."""
    from .expr import list_items
    e = q["A_Expr"]
    attnum = _column_of(e["lexpr"], entry)
    if attnum is None:
        return []
    lo, hi = (comp.value(x) for x in list_items(e["rexpr"]))
    if not (lo.const and hi.const):
        return []
    return [(attnum, ">=", lo, q), (attnum, "<=", hi, q)]


def choose_index_scan(planner: Any, src: Any, quals: list[dict]) -> tuple[Any, list[dict]]:
    table = src.table
    entry = src.entries[0]
    indexes = [planner.ctx.session.lookup_index(name) for name in table.indexes]
    if not indexes:
        return src, quals
    comp = ExprCompiler(planner.ctx, Scope(src.entries, planner.parent))
    comps = _comparisons(quals, entry, comp)
    if not comps:
        return src, quals
    coltype = {c.attnum: c.type for c in table.columns}
    small = is_small(table.heap)
    planner.ctx.size_classes.append((table.heap, small))   # replan when the table crosses it
    eq = {a: (c, q) for a, op, c, q in comps if op == "="}
    for idx in sorted(indexes, key=lambda i: (not i.unique, len(i.columns))):
        if (idx.unique or not small) and all(a in eq for a in idx.columns):
            keyfns = [comp.coerce(eq[a][0], coltype[a], "implicit", None).fn for a in idx.columns]
            used = {id(eq[a][1]) for a in idx.columns}
            rest = [q for q in quals if id(q) not in used]
            src.rows = _eq_scan(planner, table, idx, keyfns, src.entries[0].sys_offset is not None, src.track)
            return src, rest
    unanalyzed = table.heap.relpages == 0
    for idx in indexes:
        if len(idx.columns) != 1 or small:
            continue
        a = idx.columns[0]
        bounds = [(op, comp.coerce(c, coltype[a], "implicit", None).fn, q)
                  for att, op, c, q in comps if att == a and op != "="]
        two_sided = {op[0] for op, _, _ in bounds} == {"<", ">"}
        if bounds and (two_sided or not unanalyzed):
            used = {id(q) for _, _, q in bounds}
            src.rows = _range_scan(planner, table, idx, bounds, src.entries[0].sys_offset is not None, src.track,
                                   heap_order=unanalyzed)
            return src, [q for q in quals if id(q) not in used]
    return src, quals


def choose_ordered_scan(planner: Any, src: Any, sort_clause: list[dict]) -> Any:
    """A table without statistics, read whole with ORDER BY the first column
    of a B-tree index, ascending: PostgreSQL's estimate makes the full index
    scan cheaper than a sort, and SERIALIZABLE then locks the index page and
    the rows instead of the relation.  The rows come in the same order."""
    table = src.table
    first = sort_clause[0].get("SortBy", {})
    if table.heap.relpages or is_small(table.heap) or first.get("sortby_dir") == "SORTBY_DESC" \
            or first.get("sortby_nulls", "SORTBY_NULLS_DEFAULT") != "SORTBY_NULLS_DEFAULT" or "useOp" in first:
        return src
    attnum = _column_of(first.get("node", {}), src.entries[0])
    if attnum is None:
        return src
    for name in table.indexes:
        idx = planner.ctx.session.lookup_index(name)
        if idx.columns[0] == attnum:
            planner.ctx.size_classes.append((table.heap, False))
            src.rows = _range_scan(planner, table, idx, [], src.entries[0].sys_offset is not None, src.track,
                                   heap_order=False)
            return src
    return src


def _eq_scan(planner: Any, table: Any, idx: Any, keyfns: list[Callable], with_sys: bool,
             src_track: bool) -> Callable:
    from .planner import row_of, table_missing
    run = planner.ctx.run
    tree = idx.tree
    ncols = len(table.columns)
    missing = table_missing(table)
    track = src_track

    def scan() -> Iterator[tuple]:
        key = tuple([f(()) for f in keyfns])
        if None in key:
            return
        state = run[0]
        sees = state.snapshot.sees
        if state.sx is not None:
            sees = serializable_sees(state, idx, table)
        # Even a unique key can show two versions to one snapshot (a row deleted
        # after it was taken, and this transaction's own re-insert): all chains,
        # in TID order, as a B-tree returns equal keys.
        for root in tree.lookup(key):
            for tup in chain(root):
                if sees(tup):
                    yield row_of(tup, ncols, missing, with_sys, table.oid, track)
                    break
    return scan


def _range_scan(planner: Any, table: Any, idx: Any, bounds: list, with_sys: bool,
                src_track: bool, heap_order: bool) -> Callable:
    """An index range scan, or with `heap_order` a bitmap heap scan: the same
    entries, visited in ctid order."""
    from .planner import row_of, table_missing
    run = planner.ctx.run
    tree = idx.tree
    ncols = len(table.columns)
    missing = table_missing(table)
    track = src_track

    def scan() -> Iterator[tuple]:
        lo = hi = None
        lo_incl = hi_incl = True
        for op, fn, _ in bounds:
            v = fn(())
            if v is None:
                return
            if op in (">", ">=") and (lo is None or v > lo or (v == lo and op == ">")):
                lo, lo_incl = v, op == ">="
            elif op in ("<", "<=") and (hi is None or v < hi or (v == hi and op == "<")):
                hi, hi_incl = v, op == "<="
        state = run[0]
        sees = state.snapshot.sees
        if state.sx is not None:
            sees = serializable_sees(state, idx, table)
        roots = [root for key in tree.range(None if lo is None else (lo,), lo_incl,
                                            None if hi is None else (hi,), hi_incl)
                 if key[0] is not None for root in tree.lookup(key)]
        if heap_order:
            roots.sort(key=_ctid_of)
        for root in roots:
            for tup in chain(root):
                if sees(tup):
                    yield row_of(tup, ncols, missing, with_sys, table.oid, track)
                    break
    return scan


def _ctid_of(tup: Any) -> tuple[int, int]:
    return tup.ctid


def serializable_sees(state: Any, idx: Any, table: Any) -> Callable[[Any], bool]:
    """Visibility for a SERIALIZABLE index scan: a SIREAD lock on the index
    (its leaf page, for the small tables learners use) and on each version
    returned, and a conflict-out check on every version looked at."""
    pl, sx, sees, own = state.engine.predicate, state.sx, state.snapshot.sees, state.snapshot.own
    pl.lock(sx, ("index", idx.name))

    def check(tup: Any) -> bool:
        visible = sees(tup)
        pl.conflict_out(sx, tup, visible)
        if visible and tup.xmin not in own:     # PredicateLockTID: not what we wrote ourselves
            pl.lock(sx, ("tuple", table.name, tup.ctid))
        return visible
    return check


def size_classes_hold(size_classes: list) -> bool:
    """Are the tables a plan chose its paths for still on the same side of
    SMALL_TABLE_PAGES?"""
    return all(is_small(heap) == small for heap, small in size_classes)


def is_small(heap: Any) -> bool:
    """Does the planner see fewer than SMALL_TABLE_PAGES pages?  Until VACUUM
    or ANALYZE records a size (relpages), PostgreSQL assumes at least 10."""
    pages = len(heap.pages)
    if heap.relpages == 0:
        pages = max(pages, 10)
    return pages < SMALL_TABLE_PAGES
