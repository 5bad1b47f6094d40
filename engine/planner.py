"""Planning and running queries (SELECT, VALUES, set operations, CTEs).

A query is compiled once into a tree of plan nodes; running it is a chain
of Python generators (scan -> join -> filter -> group -> project -> sort ->
limit), so rows stream and LIMIT stops the scans early, as in PostgreSQL's
executor.  The plan binds catalog descriptors, so it is valid for one
catalog version (see catalog.py); its literals come from parameter slots.

Access paths: a base table is read by a sequential scan that checks every
version against the snapshot, or, when the WHERE clause fixes every column
of an index with `=` (or bounds its single column with <, <=, >, >=,
BETWEEN), by an index scan that only visits the versions under those keys.
Joins are hash joins when an ON / WHERE conjunct equates one column of each
side, nested loops otherwise.  EXPLAIN is not offered yet, so the choice is
invisible but for speed.

PostgreSQL's name rules are kept: ORDER BY may name an output column or a
position or any input expression; GROUP BY items match target expressions;
ungrouped columns are 42803; output names follow FigureColname.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest
from typing import Any, Callable, Iterable, Iterator

from . import types as T
from .errors import PgError, feature_not_supported, undefined_table
from .expr import (AGGREGATES, SYSTEM_COLUMNS, Compiled, Ctx, ExprCompiler, Grouping,
                   RangeEntry, Scope, canonical, resolve_output_type)
from .index import chain
from .lock import ACCESS_SHARE, ROW_SHARE
from .lockrows import Locking, locking_clause
from .srf import compile_series, target_list_srfs
from .sysviews import system_view
from .parse import names, node_type, strval

RowIter = Iterator[tuple]


@dataclass
class Plan:
    columns: list[str]
    types: list[Any]
    run: Callable[[], Iterable[tuple]]


@dataclass
class Source:
    """A FROM item being planned: its range entries and how to produce rows."""
    entries: list[RangeEntry]
    width: int
    rows: Callable[[], Iterable[tuple]]
    table: Any = None                  # catalog Table, for base-table sources
    track: bool = False                # rows end with their HeapTuple (UPDATE/DELETE targets)


class QueryPlanner:
    def __init__(self, ctx: Ctx, parent: Scope | None = None,
                 ctes: dict[str, Plan] | None = None) -> None:
        self.ctx = ctx
        self.parent = parent
        self.ctes = dict(ctes or {})
        self.locking: Locking | None = None      # SELECT ... FOR UPDATE / SHARE

    # --- entry ------------------------------------------------------------------
    def plan(self, n: dict) -> Plan:
        """Plan a SelectStmt body."""
        if "withClause" in n:
            self._plan_ctes(n["withClause"])
        if "lockingClause" in n:
            self.locking = locking_clause(n)
        op = n.get("op", "SETOP_NONE")
        if self.locking and (op != "SETOP_NONE" or "valuesLists" in n):
            raise PgError("0A000", f"{self.locking.clause} is not allowed with UNION/INTERSECT/EXCEPT")
        if op != "SETOP_NONE":
            return self._finish(self._setop(n), n, None)
        if "valuesLists" in n:
            return self._finish(self._values(n["valuesLists"]), n, None)
        return self._select(n)

    def _plan_ctes(self, w: dict) -> None:
        if w.get("recursive"):
            raise feature_not_supported("WITH RECURSIVE")
        for cte_node in w["ctes"]:
            cte = cte_node["CommonTableExpr"]
            inner = cte["ctequery"]
            kind = node_type(inner)
            if kind == "SelectStmt":
                plan = QueryPlanner(self.ctx, self.parent, self.ctes).plan(inner["SelectStmt"])
            else:
                from .executor import plan_modify
                plan = plan_modify(self.ctx, kind, inner[kind], self.ctes, in_cte=True)
                self.ctx.modifying_ctes.append(plan)
            if "aliascolnames" in cte:
                plan = Plan(names(cte["aliascolnames"]) + plan.columns[len(cte["aliascolnames"]):],
                            plan.types, plan.run)
            self.ctes[cte["ctename"]] = materialize(plan, self.ctx)

    # --- FROM -------------------------------------------------------------------
    def from_clause(self, items: list[dict], quals: list[dict]) -> tuple[Source, list[dict]]:
        if not items:
            return Source([], 0, lambda: ((),)), quals
        sources = [self.from_item(i) for i in items]
        seen: set[str] = set()
        for s in sources:
            for e in s.entries:
                if e.alias in seen:
                    raise PgError("42712", f'table name "{e.alias}" specified more than once')
                seen.add(e.alias)
        src = sources[0]
        src, quals = self._push_down(src, quals)
        for right in sources[1:]:
            right, quals = self._push_down(right, quals)
            src, quals = self._join_sources(src, right, "JOIN_INNER", None, quals)
        return src, quals

    def from_item(self, item: dict) -> Source:
        kind = node_type(item)
        n = item[kind]
        if kind == "RangeVar":
            return self._range_var(n)
        if kind == "JoinExpr":
            return self._join_expr(n)
        if kind == "RangeFunction":
            return self._range_function(n)
        if kind == "RangeSubselect":
            if n.get("lateral"):
                raise feature_not_supported("LATERAL")
            plan = QueryPlanner(self.ctx, self.parent, self.ctes).plan(n["subquery"]["SelectStmt"])
            alias = n.get("alias", {}).get("Alias", n.get("alias", {}))
            return self._plan_source(plan, alias.get("aliasname", "unnamed_subquery"),
                                     alias.get("colnames"))
        raise feature_not_supported(f"{kind} in FROM")

    def _range_function(self, n: dict) -> Source:
        """A set-returning function in FROM (generate_series)."""
        calls = n["functions"]
        if n.get("lateral") or n.get("ordinality") or n.get("is_rowsfrom") or len(calls) != 1:
            raise feature_not_supported("LATERAL, WITH ORDINALITY and ROWS FROM")
        call = calls[0]["List"]["items"][0]
        if node_type(call) != "FuncCall":
            raise feature_not_supported("this function in FROM")
        typ, values = compile_series(ExprCompiler(self.ctx, Scope([], self.parent)), call["FuncCall"])
        alias = n.get("alias", {})
        name = alias.get("aliasname", "generate_series")
        colnames = names(alias["colnames"]) if "colnames" in alias else [name]
        return Source([RangeEntry(name, colnames[:1], [typ])], 1, lambda: ((v,) for v in values(())))

    def _plan_source(self, plan: Plan, alias: str, colnames: list | None) -> Source:
        cols = list(plan.columns)
        if colnames:
            given = names(colnames)
            cols[:len(given)] = given
        entry = RangeEntry(alias, cols, list(plan.types))
        return Source([entry], len(cols), plan.run)

    def _range_var(self, n: dict) -> Source:
        name = n["relname"]
        alias = n.get("alias", {}).get("aliasname", name) if "alias" in n else name
        if "schemaname" in n and n["schemaname"] not in ("public", "pg_catalog"):
            raise self.ctx.error_at(undefined_table(f'{n["schemaname"]}.{name}'), n.get("location"))
        if name in self.ctes and "schemaname" not in n:
            plan = self.ctes[name]
            return self._plan_source(plan, alias, n.get("alias", {}).get("colnames"))
        if n.get("schemaname", "pg_catalog") == "pg_catalog":
            view = system_view(self.ctx, name)
            if view is not None:
                return self._plan_source(view, alias, n.get("alias", {}).get("colnames"))
        shown = f'{n["schemaname"]}.{name}' if "schemaname" in n else name
        mode = ROW_SHARE if self.locking else ACCESS_SHARE
        table = self.ctx.session.lookup_relation(name, n.get("location"), self.ctx, shown, mode)
        return self.table_source(table, alias, n.get("alias", {}).get("colnames"), track=bool(self.locking))

    def table_source(self, table: Any, alias: str, colnames: list | None = None,
                     track: bool = False) -> Source:
        """A base table; `track` appends each row's heap tuple (DML targets)."""
        cols = table.live_columns
        given = names(colnames) if colnames else []
        colnames_ = [given[i] if i < len(given) else c.name for i, c in enumerate(cols)]
        width = len(table.columns)
        sys_offset = width if self.ctx.wants_system_columns else None
        entry = RangeEntry(alias, colnames_, [c.type for c in cols],
                           positions=[c.attnum - 1 for c in cols],
                           sys_offset=sys_offset, relation=table)
        total = width + (6 if sys_offset is not None else 0)
        if track:                         # the heap tuple rides in the row's last slot
            entry.tuple_at = total
            total += 1
        src = Source([entry], total, None, table, track)
        src.rows = self._seq_scan(table, sys_offset is not None, track)
        return src

    def _seq_scan(self, table: Any, with_sys: bool, track: bool) -> Callable[[], RowIter]:
        run = self.ctx.run
        heap = table.heap
        width = len(table.columns)
        missing = table_missing(table)

        def scan() -> RowIter:
            state = run[0]
            sees = state.snapshot.sees
            if state.sx is not None:
                yield from serializable_scan(state, table, heap.scan(), width, missing, with_sys, track)
                return
            for tup in heap.scan():
                if sees(tup):
                    yield row_of(tup, width, missing, with_sys, table.oid, track)
        return scan

    def _push_down(self, src: Source, quals: list[dict]) -> tuple[Source, list[dict]]:
        """Apply the conjuncts that only mention `src` to it (index scans here)."""
        mine, rest = [], []
        for q in quals:
            (mine if refs_only(q, src.entries) else rest).append(q)
        if not mine:
            return src, rest
        if src.table is not None and len(src.entries) == 1:
            src, mine = self._index_path(src, mine)
        if mine:
            scope = Scope(src.entries, self.parent)
            comp = ExprCompiler(self.ctx, scope)
            preds = [comp.boolean(q, "WHERE").fn for q in mine]
            src = Source(src.entries, src.width, filtered(src.rows, preds), src.table, src.track)
        return src, rest

    def _index_path(self, src: Source, quals: list[dict]) -> tuple[Source, list[dict]]:
        from .indexscan import choose_index_scan
        return choose_index_scan(self, src, quals)

    def _join_expr(self, n: dict) -> Source:
        if n.get("isNatural"):
            raise feature_not_supported("NATURAL JOIN")
        left = self.from_item(n["larg"])
        right = self.from_item(n["rarg"])
        quals = conjuncts(n["quals"]) if "quals" in n else []
        using = names(n["usingClause"]) if "usingClause" in n else []
        src, rest = self._join_sources(left, right, n["jointype"], n, quals, using)
        if rest:
            raise feature_not_supported("join conditions referencing other FROM items")
        alias = n.get("alias")
        if alias:
            raise feature_not_supported("aliases on JOIN expressions")
        return src

    def _join_sources(self, left: Source, right: Source, jointype: str, n: dict | None,
                      quals: list[dict], using: list[str] = ()) -> tuple[Source, list[dict]]:
        for e in right.entries:
            e.offset += left.width
        entries = left.entries + right.entries
        width = left.width + right.width
        mine, rest = [], []
        for q in quals:
            (mine if refs_only(q, entries) else rest).append(q)
        scope = Scope(entries, self.parent)
        comp = ExprCompiler(self.ctx, scope)
        hash_keys = equi_keys(comp, mine, left, right)
        preds = [comp.boolean(q, "JOIN/ON" if n else "WHERE").fn for q in mine]
        if using:
            merged, using_preds, keys = self._using(comp, left, right, jointype, using)
            entries = [merged] + entries
            preds += using_preds
            hash_keys = keys if hash_keys is None else (hash_keys[0] + keys[0], hash_keys[1] + keys[1])
        from .joins import join_rows
        rows = join_rows(jointype, left, right, preds, hash_keys)
        return Source(entries, width, rows), rest

    def _using(self, comp: ExprCompiler, left: Source, right: Source, jointype: str,
               using: list[str]) -> tuple[RangeEntry, list, tuple[list, list]]:
        """JOIN ... USING: one merged column per name (the left side's value,
        the right side's for a RIGHT JOIN), equality conditions between the
        two sides, and the sides' own columns hidden from unqualified use."""
        if jointype == "JOIN_FULL":
            raise feature_not_supported("FULL JOIN ... USING")
        preds, lkeys, rkeys, positions, types_ = [], [], [], [], []
        for name in using:
            lc, li = self._using_side(left, name, "left")
            rc, ri = self._using_side(right, name, "right")
            eq = comp.binary("=", lc, rc, None)
            preds.append(eq.fn)
            if lc.type == rc.type and T.sort_key(lc.type) is None:
                lkeys.append(lc.fn)
                rkeys.append(rc.fn)
            keep, at = (rc, ri) if jointype == "JOIN_RIGHT" else (lc, li)
            positions.append(at)
            types_.append(keep.type)
        for side in (left, right):
            for e in side.entries:
                e.hidden = e.hidden | {c for c in using if c in e.colnames}
        merged = RangeEntry("", list(using), types_, positions=positions)
        return merged, preds, (lkeys, rkeys)

    @staticmethod
    def _using_side(side: Source, name: str, which: str) -> tuple[Compiled, int]:
        hits = [(e, e.colnames.index(name)) for e in side.entries
                if name in e.colnames and name not in e.hidden]
        if not hits:
            raise PgError("42703", f'column "{name}" specified in USING clause does not exist in {which} table')
        if len(hits) > 1:
            raise PgError("42702", f'common column name "{name}" appears more than once in {which} table')
        e, i = hits[0]
        idx = e.index_of(i)
        return Compiled(lambda row: row[idx], e.types[i]), idx

    # --- SELECT -------------------------------------------------------------------
    def _select(self, n: dict) -> Plan:
        if n.get("distinctClause") and n["distinctClause"] != [{}]:
            raise feature_not_supported("DISTINCT ON")
        if "windowClause" in n:
            raise feature_not_supported("window functions")
        quals = conjuncts(n["whereClause"]) if "whereClause" in n else []
        for q in quals:
            if has_aggregate(q):
                raise self.ctx.error_at(PgError("42803", "aggregate functions are not allowed in WHERE"),
                                        first_aggregate_location(q))
        src, rest = self.from_clause(n.get("fromClause", []), quals)
        scope = Scope(src.entries, self.parent)
        if rest:
            comp = ExprCompiler(self.ctx, scope)
            src = Source(src.entries, src.width,
                         filtered(src.rows, [comp.boolean(q, "WHERE").fn for q in rest]))
        targets = expand_targets(n.get("targetList", []), scope, self.ctx)
        grouped = "groupClause" in n or "havingClause" in n or any(
            has_aggregate(t["val"]) for t in targets)
        if not quals and not grouped and "sortClause" in n and src.table is not None and len(src.entries) == 1:
            from .indexscan import choose_ordered_scan
            src = choose_ordered_scan(self, src, n["sortClause"])
        if self.locking:
            self.locking.check_allowed(n, grouped, src)
            self.locking.prepare(self, src, quals)
        if grouped:
            return self._finish_grouped(n, src, scope, targets)
        comp = ExprCompiler(self.ctx, scope)
        rows, srf_outs = self._target_srfs(comp, targets, src.rows)
        outs = [srf_outs.get(i) or resolve_output_type(comp.value(t["val"]), comp, t.get("location"))
                for i, t in enumerate(targets)]
        names_ = [t.get("name") or figure_colname(t["val"]) for t in targets]
        return self._project(n, rows, comp, targets, outs, names_)

    def _target_srfs(self, comp: ExprCompiler, targets: list[dict],
                     rows: Callable) -> tuple[Callable, dict[int, Compiled]]:
        """SELECT-list set-returning calls: each input row repeats once per
        value, the calls advancing together (PostgreSQL's ProjectSet)."""
        positions = target_list_srfs(targets)
        if not positions:
            return rows, {}
        cell: list = [()]
        outs, makers = {}, []
        for k, i in enumerate(positions):
            typ, values = compile_series(comp, targets[i]["val"]["FuncCall"])
            outs[i] = Compiled(lambda row, k=k: cell[0][k], typ)
            makers.append(values)

        def expanded() -> RowIter:
            for row in rows():
                for combo in zip_longest(*[m(row) for m in makers]):
                    cell[0] = combo
                    yield row
        return expanded, outs

    def _project(self, n: dict, rows: Callable, comp: ExprCompiler, targets: list[dict],
                 outs: list[Compiled], names_: list[str]) -> Plan:
        ncols = len(outs)
        types_ = [o.type for o in outs]
        sort = self._sort_keys(n, comp, targets, outs, names_)   # may append junk columns
        locking = self.locking
        if locking:                       # the whole input row rides along, last
            outs.append(Compiled(lambda row: row, None))
        fns = [o.fn for o in outs]
        distinct = bool(n.get("distinctClause"))

        def project() -> RowIter:
            for row in rows():
                yield tuple([f(row) for f in fns])
        plan = Plan(names_, types_, project)
        if distinct:
            plan = distinct_plan(plan, ncols)
        if sort:
            plan = sort_plan(plan, sort, len(outs) if locking else ncols)
        if locking:                       # LockRows sits above Sort and below Limit
            plan = locking.lock_rows_plan(plan, fns)
        return limit_plan(plan, n, comp)

    def _sort_keys(self, n: dict, comp: ExprCompiler, targets: list[dict], outs: list[Compiled],
                   names_: list[str]) -> list[tuple[int, bool, bool, Any]]:
        keys = []
        for item in n.get("sortClause", ()):
            sb = item["SortBy"]
            node = sb["node"]
            idx = output_reference(node, names_, self.ctx, targets)
            if idx is None:
                if n.get("distinctClause"):
                    raise self.ctx.error_at(PgError(
                        "42P10", "for SELECT DISTINCT, ORDER BY expressions must appear in select list"),
                        node[node_type(node)].get("location"))
                c = resolve_output_type(comp.value(node), comp, None)
                outs.append(c)
                idx = len(outs) - 1
            if sb.get("useOp"):
                raise feature_not_supported("ORDER BY ... USING")
            desc = sb.get("sortby_dir") == "SORTBY_DESC"
            nulls = sb.get("sortby_nulls", "SORTBY_NULLS_DEFAULT")
            nulls_first = desc if nulls == "SORTBY_NULLS_DEFAULT" else nulls == "SORTBY_NULLS_FIRST"
            keys.append((idx, desc, nulls_first, T.sort_key(outs[idx].type)))
        return keys

    def _finish_grouped(self, n: dict, src: Source, scope: Scope, targets: list[dict]) -> Plan:
        group_nodes = []
        for g in n.get("groupClause", ()):
            if node_type(g) == "ColumnRef" and refs_only(g, scope.entries):
                group_nodes.append(g)      # an input column wins over an output name
                continue
            idx = output_reference(g, [t.get("name") or figure_colname(t["val"]) for t in targets],
                                   self.ctx, targets, group=True)
            group_nodes.append(targets[idx]["val"] if idx is not None else g)
        input_comp = ExprCompiler(self.ctx, scope)
        key_c = [input_comp.value(g) for g in group_nodes]
        grouping = Grouping({}, [c.type for c in key_c], input_scope=scope)
        for i, g in enumerate(group_nodes):
            grouping.keys.setdefault(canonical(g), i)
        gscope = Scope([], self.parent)
        comp = ExprCompiler(self.ctx, gscope, grouping, allow_aggs=True)
        outs = [resolve_output_type(comp.value(t["val"]), comp, t.get("location")) for t in targets]
        names_ = [t.get("name") or figure_colname(t["val"]) for t in targets]
        having = comp.boolean(n["havingClause"], "HAVING").fn if "havingClause" in n else None
        from .aggregate import grouped_rows
        rows = grouped_rows(src.rows, [c.fn for c in key_c], grouping, having,
                            implicit="groupClause" not in n)
        return self._project(n, rows, comp, targets, outs, names_)

    # --- VALUES and set operations ---------------------------------------------------
    def _values(self, lists: list[dict]) -> Plan:
        scope = Scope([], self.parent)
        comp = ExprCompiler(self.ctx, scope)
        rows_c = [[comp.value(v) for v in lst["List"]["items"]] for lst in lists]
        width = len(rows_c[0])
        for r, lst in zip(rows_c, lists):
            if len(r) != width:
                raise self.ctx.error_at(PgError("42601", "VALUES lists must all be the same length"),
                                        lst["List"]["items"][0][node_type(lst["List"]["items"][0])].get("location"))
        types_ = [T.common_type([r[i].type for r in rows_c], "VALUES") for i in range(width)]
        fns = [[comp.coerce(r[i], types_[i], "implicit", None).fn for i in range(width)] for r in rows_c]

        def values() -> RowIter:
            for row_fns in fns:
                yield tuple([f(()) for f in row_fns])
        return Plan([f"column{i + 1}" for i in range(width)], types_, values)

    def _setop(self, n: dict) -> Plan:
        left = QueryPlanner(self.ctx, self.parent, self.ctes).plan(n["larg"])   # set-op arms are bare
        right = QueryPlanner(self.ctx, self.parent, self.ctes).plan(n["rarg"])
        word = n["op"][6:]
        if len(left.columns) != len(right.columns):
            wider = n["larg"] if len(left.columns) > len(right.columns) else n["rarg"]
            first = wider["targetList"][0]["ResTarget"].get("location") if wider.get("targetList") else None
            raise self.ctx.error_at(PgError("42601", f"each {word} query must have the same number of columns"),
                                    first)
        types_ = [T.common_type([a, b], word) for a, b in zip(left.types, right.types)]
        lconv = converters(left.types, types_)
        rconv = converters(right.types, types_)
        from .setops import setop_rows
        rows = setop_rows(word, bool(n.get("all")), conv_rows(left.run, lconv), conv_rows(right.run, rconv))
        return Plan(left.columns, types_, rows)

    def _finish(self, plan: Plan, n: dict, _unused: Any) -> Plan:
        """ORDER BY / LIMIT on a VALUES list or a set operation (output columns only)."""
        keys = []
        for item in n.get("sortClause", ()):
            sb = item["SortBy"]
            idx = output_reference(sb["node"], plan.columns, self.ctx, None)
            if idx is None:
                raise feature_not_supported("ORDER BY expressions on set operations")
            desc = sb.get("sortby_dir") == "SORTBY_DESC"
            nulls = sb.get("sortby_nulls", "SORTBY_NULLS_DEFAULT")
            nulls_first = desc if nulls == "SORTBY_NULLS_DEFAULT" else nulls == "SORTBY_NULLS_FIRST"
            keys.append((idx, desc, nulls_first, T.sort_key(plan.types[idx])))
        if keys:
            plan = sort_plan(plan, keys, len(plan.columns))
        return limit_plan(plan, n, ExprCompiler(self.ctx, Scope([], self.parent)))


# --- helpers shared by the planner's nodes ----------------------------------------------

def table_missing(table: Any) -> tuple:
    """Values for columns added after a tuple was written (attmissingval)."""
    return tuple(getattr(c, "missing", None) for c in table.columns)


def row_of(tup: Any, width: int, missing: tuple, with_sys: bool, oid: int,
           track: bool = False) -> tuple:
    values = tup.values
    if len(values) < width:
        values = values + missing[len(values):]
    if with_sys:
        values = values + (tup.xmin, tup.xmax, tup.ctid,
                           tup.cmin, tup.cmax, oid)
    if track:
        values = values + (tup,)
    return values


def serializable_scan(state: Any, table: Any, tuples: Iterable, width: int, missing: tuple,
                      with_sys: bool, track: bool) -> RowIter:
    """A sequential scan in a SERIALIZABLE transaction: a SIREAD lock on the
    relation, and a conflict-out check on every version looked at."""
    pl, sx, sees = state.engine.predicate, state.sx, state.snapshot.sees
    pl.lock(sx, ("rel", table.name))
    for tup in tuples:
        visible = sees(tup)
        pl.conflict_out(sx, tup, visible)
        if visible:
            yield row_of(tup, width, missing, with_sys, table.oid, track)


def visible_version(root: Any, sees: Callable) -> Any:
    for tup in chain(root):
        if sees(tup):
            return tup
    return None


def filtered(rows: Callable[[], Iterable[tuple]], preds: list[Callable]) -> Callable[[], RowIter]:
    if len(preds) == 1:
        p = preds[0]

        def filt1() -> RowIter:
            for row in rows():
                if p(row) is True:
                    yield row
        return filt1

    def filt() -> RowIter:
        for row in rows():
            for p in preds:
                if p(row) is not True:
                    break
            else:
                yield row
    return filt


def conjuncts(node: dict) -> list[dict]:
    if node_type(node) == "BoolExpr" and node["BoolExpr"]["boolop"] == "AND_EXPR":
        out = []
        for a in node["BoolExpr"]["args"]:
            out.extend(conjuncts(a))
        return out
    return [node]


def column_refs(node: Any, out: list, inside_sublink: bool = False) -> bool:
    """Collect ColumnRef field lists; returns True if a SubLink is present."""
    found = False
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "ColumnRef":
                out.append(v["fields"])
            elif k == "SubLink":
                found = True
                column_refs(v.get("testexpr"), out)
            else:
                found |= column_refs(v, out)
    elif isinstance(node, list):
        for v in node:
            found |= column_refs(v, out)
    return found


def refs_only(node: dict, entries: list[RangeEntry]) -> bool:
    """True when every column `node` mentions resolves within `entries`."""
    refs: list = []
    if column_refs(node, refs):
        return False
    for fields in refs:
        if node_type(fields[-1]) == "A_Star":
            return False
        parts = names(fields)
        if len(parts) >= 2:
            ok = any(e.alias == parts[-2] for e in entries)
        else:
            ok = any(parts[0] in e.colnames or (parts[0] in SYSTEM_COLUMNS and e.sys_offset is not None)
                     for e in entries)
        if not ok:
            return False
    return True


def equi_keys(comp: ExprCompiler, quals: list[dict], left: Source,
              right: Source) -> tuple[list, list] | None:
    """Column pairs `l = r` usable as hash-join keys, one side per input."""
    lkeys, rkeys = [], []
    for q in quals:
        if node_type(q) != "A_Expr" or q["A_Expr"]["kind"] != "AEXPR_OP":
            continue
        e = q["A_Expr"]
        if strval(e["name"][-1]) != "=" or "lexpr" not in e:
            continue
        a, b = e["lexpr"], e["rexpr"]
        if refs_only(a, right.entries) and refs_only(b, left.entries):
            a, b = b, a
        if refs_only(a, left.entries) and refs_only(b, right.entries) \
                and not refs_only(a, right.entries) and not refs_only(b, left.entries):
            ca, cb = comp.compile(a), comp.compile(b)
            if ca.type == cb.type and T.sort_key(ca.type) is None:
                lkeys.append(ca.fn)
                rkeys.append(cb.fn)
    return (lkeys, rkeys) if lkeys else None


def has_aggregate(node: Any) -> bool:
    return first_aggregate_location(node) is not None


def first_aggregate_location(node: Any) -> int | None:
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "SubLink":
                continue
            if k == "FuncCall" and "over" not in v and (
                    v.get("agg_star") or (len(v["funcname"]) == 1 and strval(v["funcname"][0]) in AGGREGATES)):
                return v.get("location", -1)
            found = first_aggregate_location(v)
            if found is not None:
                return found
    elif isinstance(node, list):
        for v in node:
            found = first_aggregate_location(v)
            if found is not None:
                return found
    return None


def expand_targets(target_list: list[dict], scope: Scope, ctx: Ctx) -> list[dict]:
    """ResTargets with `*` and `t.*` expanded into column references."""
    out = []
    for t in target_list:
        rt = t["ResTarget"]
        val = rt.get("val")
        if val and node_type(val) == "ColumnRef" and node_type(val["ColumnRef"]["fields"][-1]) == "A_Star":
            fields = val["ColumnRef"]["fields"]
            qual = strval(fields[0]) if len(fields) == 2 else None
            entries = [e for e in scope.entries if qual is None or e.alias == qual]
            if qual is not None and not entries:
                raise ctx.error_at(PgError("42P01", f'missing FROM-clause entry for table "{qual}"'),
                                   val["ColumnRef"].get("location"))
            if not scope.entries and qual is None:
                raise ctx.error_at(PgError("42601", "SELECT * with no tables specified is not valid"),
                                   val["ColumnRef"].get("location"))
            for e in entries:
                for c in e.colnames:
                    if qual is None and c in e.hidden:
                        continue
                    out.append({"val": {"ColumnRef": {"fields": [{"String": {"sval": e.alias}},
                                                                 {"String": {"sval": c}}],
                                                      "location": rt.get("location")}},
                                "name": c, "location": rt.get("location")})
        else:
            out.append(rt)
    return out


def figure_colname(node: dict) -> str:
    """PostgreSQL's FigureColname: the default name of an output column."""
    kind = node_type(node)
    n = node[kind]
    if kind == "ColumnRef":
        last = n["fields"][-1]
        return "?column?" if node_type(last) == "A_Star" else strval(last)
    if kind == "FuncCall":
        return strval(n["funcname"][-1])
    if kind == "TypeCast":
        inner = figure_colname(n["arg"])
        if inner != "?column?":
            return inner
        return names(n["typeName"]["names"])[-1]
    if kind == "CaseExpr":
        return "case"
    if kind == "CoalesceExpr":
        return "coalesce"
    if kind == "MinMaxExpr":
        return "greatest" if n["op"] == "IS_GREATEST" else "least"
    if kind == "NullIfExpr" or (kind == "A_Expr" and n["kind"] == "AEXPR_NULLIF"):
        return "nullif"
    if kind == "SubLink":
        if n["subLinkType"] == "EXISTS_SUBLINK":
            return "exists"
        if n["subLinkType"] == "EXPR_SUBLINK":
            tl = n["subselect"]["SelectStmt"].get("targetList", [])
            if tl:
                rt = tl[0]["ResTarget"]
                return rt.get("name") or figure_colname(rt["val"])
        return "?column?"
    if kind == "SQLValueFunction":
        return _SVF_NAMES.get(n["op"], "?column?")
    return "?column?"


_SVF_NAMES = {"SVFOP_CURRENT_DATE": "current_date", "SVFOP_CURRENT_TIMESTAMP": "current_timestamp",
              "SVFOP_CURRENT_TIMESTAMP_N": "current_timestamp", "SVFOP_LOCALTIMESTAMP": "localtimestamp",
              "SVFOP_CURRENT_USER": "current_user", "SVFOP_SESSION_USER": "session_user",
              "SVFOP_USER": "current_user", "SVFOP_CURRENT_CATALOG": "current_catalog",
              "SVFOP_CURRENT_SCHEMA": "current_schema", "SVFOP_CURRENT_TIME": "current_time",
              "SVFOP_LOCALTIME": "localtime", "SVFOP_CURRENT_ROLE": "current_role"}

def output_reference(node: dict, names_: list[str], ctx: Ctx, targets: list[dict] | None,
                     group: bool = False) -> int | None:
    """ORDER BY / GROUP BY item naming an output column (by name or position)."""
    kind = node_type(node)
    n = node[kind]
    if kind == "A_Const" and "ival" in n:
        pos = n["ival"].get("ival", 0)
        slot = ctx.slot_at.get(n.get("location", -1))
        if slot is not None:
            pos = ctx.params[0][slot]
        if not 1 <= pos <= len(names_):
            clause = "GROUP BY" if group else "ORDER BY"
            raise ctx.error_at(PgError("42P10", f"{clause} position {pos} is not in select list"),
                               n.get("location"))
        return pos - 1
    if kind == "ColumnRef" and len(n["fields"]) == 1 and node_type(n["fields"][0]) == "String":
        name = strval(n["fields"][0])
        hits = [i for i, nm in enumerate(names_) if nm == name]
        if group:
            return hits[0] if hits else None
        if len(hits) > 1:
            raise ctx.error_at(PgError("42702", f'ORDER BY "{name}" is ambiguous'), n.get("location"))
        return hits[0] if hits else None
    if targets is not None:
        key = canonical(node)
        for i, t in enumerate(targets):
            if canonical(t["val"]) == key:
                return i
    return None


def converters(src: list[Any], dst: list[Any]) -> list[Callable | None]:
    out = []
    for s, d in zip(src, dst):
        if s == d:
            out.append(None)
        else:
            fn = T.cast(s, d, "implicit")
            if fn is None:
                raise T.cast_error(s, d)
            out.append(fn)
    return out


def conv_rows(rows: Callable, conv: list[Callable | None]) -> Callable[[], RowIter]:
    if not any(conv):
        return rows

    def converted() -> RowIter:
        for row in rows():
            yield tuple([v if c is None or v is None else c(v) for v, c in zip(row, conv)])
    return converted


def distinct_plan(plan: Plan, ncols: int) -> Plan:
    inner = plan.run

    def distinct() -> RowIter:
        seen = set()
        for row in inner():
            key = row[:ncols]
            if key not in seen:
                seen.add(key)
                yield row
    return Plan(plan.columns, plan.types, distinct)


def sort_plan(plan: Plan, keys: list[tuple[int, bool, bool, Any]], ncols: int) -> Plan:
    inner = plan.run

    def sort() -> RowIter:
        rows = list(inner())
        for idx, desc, nulls_first, sk in reversed(keys):
            null_low = nulls_first != desc      # where NULLs go before reversing
            if sk is None:
                rows.sort(key=lambda r: (r[idx] is not None, r[idx]) if null_low else
                          (r[idx] is None, r[idx] if r[idx] is not None else 0), reverse=desc)
            else:
                rows.sort(key=lambda r: (r[idx] is not None, sk(r[idx]) if r[idx] is not None else 0)
                          if null_low else (r[idx] is None, sk(r[idx]) if r[idx] is not None else 0),
                          reverse=desc)
        for row in rows:
            yield row[:ncols] if len(row) > ncols else row
    return Plan(plan.columns, plan.types, sort)


def limit_plan(plan: Plan, n: dict, comp: ExprCompiler) -> Plan:
    count = n.get("limitCount")
    offset = n.get("limitOffset")
    ncols = len(plan.columns)
    if count is None and offset is None:
        inner = plan.run

        def trimmed() -> RowIter:
            for row in inner():
                yield row[:ncols] if len(row) > ncols else row
        return Plan(plan.columns, plan.types, trimmed)
    cfn = _limit_value(count, comp, "LIMIT") if count is not None else None
    ofn = _limit_value(offset, comp, "OFFSET") if offset is not None else None
    inner = plan.run

    def limited() -> RowIter:
        lim = cfn() if cfn else None
        off = ofn() if ofn else 0
        if lim is not None and lim < 0:
            raise PgError("2201W", "LIMIT must not be negative")
        if off is not None and off < 0:
            raise PgError("2201X", "OFFSET must not be negative")
        if lim == 0:
            return
        produced = 0
        for i, row in enumerate(inner()):
            if i < (off or 0):
                continue
            yield row[:ncols] if len(row) > ncols else row
            produced += 1
            if lim is not None and produced >= lim:
                return
    return Plan(plan.columns, plan.types, limited)


def _limit_value(node: dict, comp: ExprCompiler, word: str) -> Callable[[], Any]:
    if node_type(node) == "A_Const" and node["A_Const"].get("isnull"):
        return lambda: None
    c = comp.value(node)
    c = comp.coerce(c, T.INT8, "assignment", node[node_type(node)].get("location"))
    fn = c.fn
    return lambda: fn(())


def materialize(plan: Plan, ctx: Ctx) -> Plan:
    """A CTE: computed at most once per execution, then rescanned."""
    inner = plan.run
    key = object()

    def rows() -> list:
        cache = ctx.run[0].cte_cache
        if key not in cache:
            cache[key] = list(inner())
        return cache[key]
    return Plan(plan.columns, plan.types, rows)
