"""INSERT, UPDATE and DELETE (nodeModifyTable.c) with constraints.

The order of work per row is PostgreSQL's, because it decides which error a
learner sees and even which xids are consumed:

1. compute the new row (defaults, identity and serial values: sequences
   advance even if the row then fails, and are never rolled back);
2. coerce to the column types (assignment casts, typmods: numeric rounding,
   varchar length);
3. ExecConstraints: NOT NULL in column order, then CHECK constraints in name
   order, each failing with `Failing row contains (...)`;
4. the heap write, which is the first moment the transaction needs an xid;
5. index entries, with the unique check (PostgreSQL's _bt_check_unique
   treats a conflicting version whose inserter is still running as a
   reason to wait; that wait arrives with concurrency control);
6. foreign-key checks are AFTER triggers in PostgreSQL: they run when the
   statement has finished, against a snapshot that sees the statement's own
   writes, so a data-modifying CTE can insert the parent the main statement
   references.

An UPDATE writes a new version and stamps the old one's xmax; a DELETE only
stamps xmax.  The statement's scans use the command id current when it
began, so a statement never sees (or re-updates) its own new versions.
"""
from __future__ import annotations

from typing import Any, Callable, Iterator

from . import types as T
from .errors import PgError, feature_not_supported
from .expr import Compiled, Ctx, ExprCompiler, RangeEntry, Scope, resolve_output_type
from .index import chain
from .parse import node_type, strval
from .planner import (Plan, QueryPlanner, Source, conjuncts, expand_targets, figure_colname, filtered,
                      row_of, table_missing)
from .lock import ROW_EXCLUSIVE
from .onconflict import OnConflict
from .rowlock import NO_KEY_UPDATE, UPDATE, acquire


def plan_modify(ctx: Ctx, kind: str, n: dict, ctes: dict | None = None, in_cte: bool = False) -> Plan:
    planner = QueryPlanner(ctx, None, ctes)
    if "withClause" in n:
        planner._plan_ctes(n["withClause"])
    if kind == "InsertStmt":
        return InsertPlanner(ctx, planner, n).plan()
    if kind == "UpdateStmt":
        return UpdatePlanner(ctx, planner, n).plan()
    if kind == "DeleteStmt":
        return DeletePlanner(ctx, planner, n).plan()
    raise feature_not_supported(kind)


class ModifyPlanner:
    verb = ""

    def __init__(self, ctx: Ctx, planner: QueryPlanner, n: dict) -> None:
        self.ctx = ctx
        self.planner = planner
        self.n = n
        rel = n["relation"]
        self.table = ctx.session.lookup_relation(rel["relname"], rel.get("location"), ctx, mode=ROW_EXCLUSIVE)
        self.alias = rel.get("alias", {}).get("aliasname", rel["relname"])
        self.run = ctx.run
        self.count = [0]       # rows processed by this plan, for its command tag

    def target_source(self, track: bool = True) -> Source:
        return self.planner.table_source(self.table, self.alias, track=track)

    def _refetch(self, src: Source) -> Callable[[Any], tuple]:
        """A heap tuple as a row of the target scan (for a re-fetched version)."""
        table = self.table
        width = len(table.columns)
        missing = table_missing(table)
        with_sys = src.entries[0].sys_offset is not None
        return lambda t: row_of(t, width, missing, with_sys, table.oid)

    def _recheck(self, src: Source, quals: list[dict], refetch: Callable) -> Callable[[Any], bool]:
        """EvalPlanQual's test: does a newer version still satisfy WHERE?"""
        comp = ExprCompiler(self.ctx, Scope(src.entries))
        preds = [comp.boolean(q, "WHERE").fn for q in quals]
        return lambda t: all(p(refetch(t)) is True for p in preds)

    def _filter(self, src: Source, quals: list[dict]) -> Source:
        """The target scan restricted by WHERE (index scan where possible)."""
        if not quals:
            return src
        src, rest = self.planner._push_down(src, quals)
        if rest:
            comp = ExprCompiler(self.ctx, Scope(src.entries))
            preds = [comp.boolean(q, "WHERE").fn for q in rest]
            src = Source(src.entries, src.width, filtered(src.rows, preds), src.table, src.track)
        return src

    def returning(self, entry_scope: Scope) -> tuple[list[str], list[Any], list[Callable] | None]:
        rl = self.n.get("returningList")
        if not rl:
            return [], [], None
        comp = ExprCompiler(self.ctx, entry_scope)
        targets = expand_targets(rl, entry_scope, self.ctx)
        outs = [resolve_output_type(comp.value(t["val"]), comp, t.get("location")) for t in targets]
        return ([t.get("name") or figure_colname(t["val"]) for t in targets],
                [o.type for o in outs], [o.fn for o in outs])

    def finish(self, columns: list[str], types_: list[Any], produce: Callable[[], Iterator[tuple]]) -> Plan:
        plan = Plan(columns, types_, produce)
        plan.verb = self.verb
        plan.count = self.count
        return plan


class InsertPlanner(ModifyPlanner):
    verb = "INSERT"

    def plan(self) -> Plan:
        n, table, ctx = self.n, self.table, self.ctx
        cols = self._target_columns()
        override = n.get("override", "OVERRIDING_NOT_SET")
        source = n.get("selectStmt")
        if source is None:
            rows_fn = lambda: [()]  # noqa: E731   DEFAULT VALUES
            builders = self._row_builder([], cols[:0], override)
            producers = [(rows_fn, builders)]
        else:
            sel = source["SelectStmt"]
            if "valuesLists" in sel and sel.get("op", "SETOP_NONE") == "SETOP_NONE" and "withClause" not in sel:
                producers = [self._values_row(lst["List"]["items"], cols, override)
                             for lst in sel["valuesLists"]]
            else:
                producers = [self._select_rows(sel, cols, override)]
        entry = self._entry()
        rcols, rtypes, rfns = self.returning(Scope([entry]))
        writer = RowWriter(ctx, table)
        count = self.count
        conflict = OnConflict(self, n["onConflictClause"], entry) if "onConflictClause" in n else None

        def produce() -> Iterator[tuple]:
            count[0] = 0
            touched: set[int] = set()
            for rows_fn, build in producers:
                for src_row in rows_fn():
                    values = build(src_row)
                    if conflict is None:
                        tup = writer.insert(values)
                    else:
                        writer.check_row(values)
                        outcome, tup = conflict.handle(writer, values, touched)
                        if outcome == "skip":
                            continue
                        if outcome == "insert":
                            tup = writer.insert(values)
                            touched.add(id(tup))      # a later row of this command may not update it
                    count[0] += 1
                    if rfns is not None:
                        row = writer.row_for_returning(tup)
                        yield tuple([f(row) for f in rfns])
        return self.finish(rcols, rtypes, produce)

    def _entry(self) -> RangeEntry:
        cols = self.table.live_columns
        sys_offset = len(self.table.columns) if self.ctx.wants_system_columns else None
        return RangeEntry(self.alias, [c.name for c in cols], [c.type for c in cols],
                          positions=[c.attnum - 1 for c in cols], sys_offset=sys_offset, relation=self.table)

    def _target_columns(self) -> list[Any]:
        table = self.table
        if "cols" not in self.n:
            return table.live_columns
        out = []
        for rt in self.n["cols"]:
            r = rt["ResTarget"]
            if "indirection" in r:
                raise self.ctx.error_at(feature_not_supported("subscripted or field targets"), r.get("location"))
            col = table.column(r["name"])
            if col is None:
                raise self.ctx.error_at(PgError(
                    "42703", f'column "{r["name"]}" of relation "{table.name}" does not exist'), r.get("location"))
            if any(c.name == col.name for c in out):
                raise self.ctx.error_at(PgError(
                    "42701", f'column "{col.name}" specified more than once'), r.get("location"))
            out.append(col)
        return out

    def _values_row(self, items: list[dict], cols: list[Any], override: str) -> tuple[Callable, Callable]:
        if len(items) > len(cols):
            extra = items[len(cols)]
            raise self.ctx.error_at(PgError("42601", "INSERT has more expressions than target columns"),
                                    extra[node_type(extra)].get("location"))
        if len(items) < len(cols) and "cols" in self.n:
            missing = self.n["cols"][len(items)]["ResTarget"]
            raise self.ctx.error_at(PgError("42601", "INSERT has more target columns than expressions"),
                                    missing.get("location"))
        cols = cols[:len(items)]    # without a column list, missing trailing columns take defaults
        comp = ExprCompiler(self.ctx, Scope([]))
        exprs: list[Compiled | None] = []
        for item, col in zip(items, cols):
            if node_type(item) == "SetToDefault":
                exprs.append(None)
                continue
            loc = item[node_type(item)].get("location")
            if col.identity == "a" and override != "OVERRIDING_SYSTEM_VALUE":
                raise identity_always_error(col)
            exprs.append(assign(comp, comp.value(item), col, loc))
        build = self._row_builder([None if e is None else e.fn for e in exprs], cols, override)
        return (lambda: [()]), build

    def _select_rows(self, sel: dict, cols: list[Any], override: str) -> tuple[Callable, Callable]:
        plan = QueryPlanner(self.ctx, None, self.planner.ctes).plan(sel)
        if len(plan.columns) > len(cols):
            raise PgError("42601", "INSERT has more expressions than target columns")
        comp = ExprCompiler(self.ctx, Scope([]))
        fns = []
        for i, (typ, col) in enumerate(zip(plan.types, cols)):
            if col.identity == "a" and override != "OVERRIDING_SYSTEM_VALUE":
                raise identity_always_error(col)
            src = Compiled(lambda row, i=i: row[i], typ)
            fns.append(assign(comp, src, col, None).fn)
        build = self._row_builder(fns, cols[:len(plan.columns)], override)
        return plan.run, build

    def _row_builder(self, fns: list[Callable | None], cols: list[Any], override: str) -> Callable:
        """A function: source row -> stored values tuple (defaults filled in)."""
        table = self.table
        slots = []            # (attnum-1, fn) in the order PostgreSQL evaluates them
        given = {c.attnum: f for c, f in zip(cols, fns)}
        defaults = default_fns(self.ctx, table)
        for c in table.columns:
            if c.dropped:
                continue
            f = given.get(c.attnum)
            if f is None:
                f = defaults.get(c.attnum)
            slots.append((c.attnum - 1, f))
        width = len(table.columns)

        def build(src_row: tuple) -> tuple:
            values = [None] * width
            for i, f in slots:
                if f is not None:
                    values[i] = f(src_row)
            return tuple(values)
        return build


def identity_always_error(col: Any) -> PgError:
    return PgError("428C9", f'cannot insert a non-DEFAULT value into column "{col.name}"',
                   detail=f'Column "{col.name}" is an identity column defined as GENERATED ALWAYS.',
                   hint="Use OVERRIDING SYSTEM VALUE to override.")


def assign(comp: ExprCompiler, c: Compiled, col: Any, loc: Any) -> Compiled:
    """Coerce a value for storing in `col` (assignment cast + typmod)."""
    if c.type == col.type:
        if col.type.typmod >= 0:
            apply = col.type.apply_typmod
            f = c.fn
            return Compiled(lambda row: None if (v := f(row)) is None else apply(v), col.type, c.const)
        return c

    def mismatch() -> PgError:
        return PgError("42804", f'column "{col.name}" is of type {col.type.name} but expression is of type {c.type.name}',
                       hint="You will need to rewrite or cast the expression.")
    return comp.coerce(c, col.type, "assignment", loc, mismatch)


def default_fns(ctx: Ctx, table: Any) -> dict[int, Callable]:
    """Compiled DEFAULT expressions (and identity nextvals) by attnum."""
    comp = ExprCompiler(ctx, Scope([]))
    out = {}
    for c in table.columns:
        if c.dropped:
            continue
        if c.identity:
            seq = c.sequence
            run = ctx.run
            out[c.attnum] = (lambda row, seq=seq: run[0].sequence_call("nextval", [seq]))
            ctx.volatile = True
        elif c.default is not None:
            out[c.attnum] = assign(comp, comp.value(c.default), c, None).fn
    return out


class UpdatePlanner(ModifyPlanner):
    verb = "UPDATE"

    def plan(self) -> Plan:
        n, table, ctx = self.n, self.table, self.ctx
        if "fromClause" in n:
            raise feature_not_supported("UPDATE ... FROM")
        src = self.target_source()
        quals = conjuncts(n["whereClause"]) if "whereClause" in n else []
        scope = Scope(src.entries)
        comp = ExprCompiler(ctx, scope)
        sets = self._set_targets(comp)
        src = self._filter(src, quals)
        rcols, rtypes, rfns = self.returning(Scope(self.target_source(False).entries))
        writer = RowWriter(ctx, table)
        rows = src.rows
        width = len(table.columns)
        indexed = writer.indexed_attnums
        count = self.count
        refetch = self._refetch(src)
        recheck = self._recheck(src, quals, refetch)
        run = ctx.run

        def compute(old: tuple) -> tuple:
            new = list(old[:width])
            if len(new) < width:
                new += [None] * (width - len(new))
            for i, f in sets:
                new[i] = f(old)
            return tuple(new)

        def produce() -> Iterator[tuple]:
            count[0] = 0
            for tup, old in list(_target_tuples(rows)):
                new = compute(old)
                writer.check_row(new)       # ExecConstraints comes before heap_update takes the xid
                mode = UPDATE if writer.key_changed(tup, new) else NO_KEY_UPDATE
                got = acquire(run[0], tup, mode, "updating", table.name, recheck)
                if got is None:
                    continue
                checked = got is tup
                if not checked:             # READ COMMITTED: the newest version, re-checked
                    new = compute(refetch(got))
                new_t = writer.update(got, new, indexed, checked)
                count[0] += 1
                if rfns is not None:
                    out = writer.row_for_returning(new_t)
                    yield tuple([f(out) for f in rfns])
        return self.finish(rcols, rtypes, produce)

    def _set_targets(self, comp: ExprCompiler) -> list[tuple[int, Callable]]:
        out = []
        defaults = None
        for rt in self.n["targetList"]:
            r = rt["ResTarget"]
            if "indirection" in r:
                raise self.ctx.error_at(feature_not_supported("subscripted or field targets"), r.get("location"))
            col = self.table.column(r["name"])
            if col is None:
                raise self.ctx.error_at(PgError(
                    "42703", f'column "{r["name"]}" of relation "{self.table.name}" does not exist'),
                    r.get("location"))
            val = r["val"]
            if node_type(val) == "MultiAssignRef":
                raise self.ctx.error_at(feature_not_supported("multiple-column UPDATE SET"), r.get("location"))
            if node_type(val) == "SetToDefault":
                if col.identity == "a" or col.identity == "d" or col.default is not None:
                    defaults = defaults or default_fns(self.ctx, self.table)
                    out.append((col.attnum - 1, defaults[col.attnum]))
                else:
                    out.append((col.attnum - 1, lambda row: None))
                continue
            if col.identity == "a":
                raise PgError("428C9", f'column "{col.name}" can only be updated to DEFAULT',
                              detail=f'Column "{col.name}" is an identity column defined as GENERATED ALWAYS.')
            loc = val[node_type(val)].get("location")
            out.append((col.attnum - 1, assign(comp, comp.value(val), col, loc).fn))
        return out


class DeletePlanner(ModifyPlanner):
    verb = "DELETE"

    def plan(self) -> Plan:
        n, table, ctx = self.n, self.table, self.ctx
        if "usingClause" in n:
            raise feature_not_supported("DELETE ... USING")
        src = self.target_source()
        quals = conjuncts(n["whereClause"]) if "whereClause" in n else []
        src = self._filter(src, quals)
        rcols, rtypes, rfns = self.returning(Scope(self.target_source(False).entries))
        writer = RowWriter(ctx, table)
        rows = src.rows
        count = self.count
        recheck = self._recheck(src, quals, self._refetch(src))
        run = ctx.run

        def produce() -> Iterator[tuple]:
            count[0] = 0
            for tup, _ in list(_target_tuples(rows)):
                got = acquire(run[0], tup, UPDATE, "deleting", table.name, recheck)
                if got is None:
                    continue
                writer.delete(got)
                count[0] += 1
                if rfns is not None:
                    yield tuple([f(writer.row_for_returning(got)) for f in rfns])
        return self.finish(rcols, rtypes, produce)


def _target_tuples(rows: Callable) -> Iterator[tuple[Any, tuple]]:
    """Rows of a tracking target-table scan split into (heap tuple, values)."""
    for row in rows():
        yield row[-1], row[:-1]


from .rowwriter import RowWriter  # noqa: E402  (after the planners it serves)
