"""DDL: CREATE / DROP / ALTER TABLE, CREATE INDEX, sequences, VACUUM.

Every catalog change is made under the transaction's xid (DDL consumes an
xid as it writes catalog rows in PostgreSQL) and is visible to others only
once that transaction commits (catalog.py).  Names of implicit objects are
PostgreSQL's ChooseRelationName / ChooseConstraintName choices:
`t_pkey`, `t_col_key`, `t_col_check`, `t_col_fkey`, `t_col_seq`, with a
number appended on collision.
"""
from __future__ import annotations

from typing import Any

from . import types as T
from .catalog import Column, Constraint, Index, Sequence, SequenceState, Table
from .errors import PgError, feature_not_supported, undefined_table
from .expr import Ctx, ExprCompiler, Scope
import time

from .index import BTree
from .lock import ACCESS_EXCLUSIVE, MODE_BY_NUMBER, SHARE, SHARE_UPDATE_EXCLUSIVE
from .parse import names, node_type, strval
from .result import Notice, Result

_SERIAL = {"serial": "int4", "serial4": "int4", "bigserial": "int8", "serial8": "int8",
           "smallserial": "int2", "serial2": "int2"}


def run_ddl(session: Any, kind: str, n: dict, text: str, xact: Any) -> Result:
    handler = _HANDLERS.get(kind)
    if kind == "CreatedbStmt" and not xact.implicit:
        raise PgError("25001", "CREATE DATABASE cannot run inside a transaction block")
    if handler is None:
        raise feature_not_supported(_describe(kind))
    return handler(DDL(session, xact, text), n)


def _describe(kind: str) -> str:
    words = {"CreateStmt": "CREATE TABLE", "ViewStmt": "CREATE VIEW",
             "TruncateStmt": "TRUNCATE", "ExplainStmt": "EXPLAIN", "CreatedbStmt": "CREATE DATABASE",
             "PrepareStmt": "PREPARE", "ExecuteStmt": "EXECUTE", "CopyStmt": "COPY",
             "CreateFunctionStmt": "CREATE FUNCTION", "CreateTrigStmt": "CREATE TRIGGER",
             "DoStmt": "DO", "CreateSchemaStmt": "CREATE SCHEMA", "RenameStmt": "ALTER ... RENAME"}
    return words.get(kind, kind.replace("Stmt", " statements"))


class DDL:
    def __init__(self, session: Any, xact: Any, text: str) -> None:
        self.session = session
        self.engine = session.engine
        self.catalog = session.engine.catalog
        self.xact = xact
        self.text = text
        self.notices: list[Notice] = []
        self.pending_names: set[str] = set()

    def xid(self) -> int:
        self.xact.catalog_changed = True
        return self.engine.xacts.assign_xid(self.xact)

    def get(self, name: str) -> Any:
        return self.catalog.get(name, self.xact)

    def locked(self, name: str, mode: str = ACCESS_EXCLUSIVE) -> Any:
        """The relation `name` after taking `mode` on it (waiting for others'
        conflicting locks); None if it does not exist (any more)."""
        if self.get(name) is not None:
            self.session.lock_relation(name, mode)
        return self.get(name)

    def ctx(self) -> Ctx:
        ctx = Ctx(self.text, {}, self.session)
        ctx.wants_system_columns = False
        ctx.modifying_ctes = []
        return ctx

    def free_name(self, base: str) -> str:
        name, i = base, 0
        while self.get(name) is not None or name in self.pending_names:
            i += 1
            name = f"{base}{i}"
        return name

    def check_new_relation(self, name: str) -> None:
        if self.get(name) is not None:
            raise PgError("42P07", f'relation "{name}" already exists')
        if self.catalog.uncommitted_by_other(name, self.xact):
            self.session_wait(name)

    def session_wait(self, name: str) -> None:
        raise feature_not_supported(f'waiting for another transaction creating or dropping "{name}" '
                                    "(lock waits arrive with concurrency control)")


# --- CREATE TABLE ---------------------------------------------------------------------------

def create_table(d: DDL, n: dict) -> Result:
    rel = n["relation"]
    name = rel["relname"]
    if n.get("inhRelations") or n.get("partspec") or rel.get("relpersistence") == "t":
        raise feature_not_supported("inheritance, partitioning and temporary tables")
    if d.get(name) is not None:
        if n.get("if_not_exists"):
            return Result("ok", "CREATE TABLE", notices=[Notice("NOTICE", f'relation "{name}" already exists, skipping', "42P07")])
        raise d.ctx().error_at(PgError("42P07", f'relation "{name}" already exists'), None)
    builder = TableBuilder(d, name)
    for elt in n.get("tableElts", []):
        kind = node_type(elt)
        if kind == "ColumnDef":
            builder.column(elt["ColumnDef"])
        elif kind == "Constraint":
            builder.table_constraint(elt["Constraint"])
        else:
            raise feature_not_supported(f"{kind} in CREATE TABLE")
    builder.create()
    return Result("ok", "CREATE TABLE", notices=d.notices)


class TableBuilder:
    """Collects columns and constraints, then creates table, sequences, indexes."""

    def __init__(self, d: DDL, name: str) -> None:
        self.d = d
        self.name = name
        self.columns: list[Column] = []
        self.constraints: list[dict] = []     # raw Constraint nodes with their column
        self.sequences: list[Sequence] = []

    def column(self, c: dict) -> None:
        colname = c["colname"]
        if any(x.name == colname for x in self.columns):
            raise PgError("42701", f'column "{colname}" specified more than once')
        tn = c["typeName"]
        tnames = names(tn["names"])
        serial = _SERIAL.get(tnames[-1]) if len(tnames) == 1 else None
        comp = ExprCompiler(self.d.ctx(), Scope([]))
        typ = comp.type_name({**tn, "names": [{"String": {"sval": serial}}]} if serial else tn)
        col = Column(colname, typ, len(self.columns) + 1)
        for con in c.get("constraints", []):
            col = self._column_constraint(col, con["Constraint"])
        if serial:
            seq = self._sequence_for(colname, typ)
            default = {"FuncCall": {"funcname": [{"String": {"sval": "nextval"}}],
                                    "args": [{"A_Const": {"sval": {"sval": seq.name}}}]}}
            col = Column(col.name, typ, col.attnum, True, default, f"nextval('{seq.name}'::regclass)",
                         None, seq.name)
        self.columns.append(col)

    def _sequence_for(self, colname: str, typ: Any) -> Sequence:
        seqname = self.d.free_name(f"{self.name}_{colname}_seq")
        self.d.pending_names.add(seqname)
        maxv = {"smallint": 32767, "integer": 2147483647}.get(typ.name, 9223372036854775807)
        seq = Sequence(seqname, self.d.catalog.new_oid(seqname), SequenceState(1), maxvalue=maxv,
                       type_name=typ.name, owned_by=(self.name, colname))
        self.sequences.append(seq)
        return seq

    def _column_constraint(self, col: Column, con: dict) -> Column:
        ct = con["contype"]
        if ct == "CONSTR_NOTNULL":
            return _replace(col, not_null=True)
        if ct == "CONSTR_NULL":
            return col
        if ct == "CONSTR_DEFAULT":
            expr = con["raw_expr"]
            return _replace(col, default=expr)
        if ct == "CONSTR_IDENTITY":
            seq = self._sequence_for(col.name, col.type)
            return _replace(col, identity=con.get("generated_when", "a"), sequence=seq.name, not_null=True)
        if ct in ("CONSTR_PRIMARY", "CONSTR_UNIQUE", "CONSTR_CHECK", "CONSTR_FOREIGN"):
            if ct == "CONSTR_PRIMARY":
                col = _replace(col, not_null=True)
            self.constraints.append({**con, "_column": col.name})
            return col
        raise feature_not_supported(f"column constraint {ct[7:]}")

    def table_constraint(self, con: dict) -> None:
        self.constraints.append(con)

    def create(self) -> None:
        d = self.d
        xid = d.xid()
        cat = d.catalog
        for seq in self.sequences:
            cat.add(seq, xid)
        table = Table(self.name, cat.new_oid(self.name), tuple(self.columns),
                      d.engine.new_heap([c.type.oid for c in self.columns]))
        cat.add(table, xid)
        for con in self._ordered_constraints():
            table = add_constraint(d, table, con, xid, new_table=True)

    def _ordered_constraints(self) -> list[dict]:
        """PostgreSQL makes index-backed constraints first (PK before UNIQUE), then the rest."""
        order = {"CONSTR_PRIMARY": 0, "CONSTR_UNIQUE": 1, "CONSTR_CHECK": 2, "CONSTR_FOREIGN": 3}
        return sorted(self.constraints, key=lambda c: order[c["contype"]])


def _replace(col: Column, **kw: Any) -> Column:
    from dataclasses import replace
    return replace(col, **kw)


def _key_columns(table: Table, con: dict, key: str = "keys") -> tuple[int, ...]:
    if "_column" in con and not con.get(key):
        return (table.column(con["_column"]).attnum,)
    out = []
    for k in con.get(key, []):
        colname = strval(k)
        col = table.column(colname)
        if col is None:
            raise PgError("42703", f'column "{colname}" named in key does not exist')
        out.append(col.attnum)
    return tuple(out)


def add_constraint(d: DDL, table: Table, con: dict, xid: int, new_table: bool = False) -> Table:
    ct = con["contype"]
    cols = {c.attnum: c for c in table.columns}
    if ct in ("CONSTR_PRIMARY", "CONSTR_UNIQUE"):
        attnums = _key_columns(table, con)
        primary = ct == "CONSTR_PRIMARY"
        if primary and any(c.kind == "p" for c in table.constraints):
            raise PgError("42P16", f'multiple primary keys for table "{table.name}" are not allowed')
        base = f"{table.name}_pkey" if primary else f"{table.name}_{'_'.join(cols[a].name for a in attnums)}_key"
        name = con.get("conname") or d.free_name(base)
        if con.get("conname") and d.get(name) is not None:
            raise PgError("42P07", f'relation "{name}" already exists')
        if primary:
            newcols = tuple(_replace(c, not_null=True) if c.attnum in attnums else c for c in table.columns)
            _check_not_null(d, table, attnums)
            table = table.with_changes(columns=newcols)
        idx = build_index(d, table, name, attnums, unique=True, primary=primary)
        d.catalog.add(idx, xid)
        table = table.with_changes(indexes=table.indexes + (name,),
                                   constraints=table.constraints + (Constraint(name, "p" if primary else "u", attnums, index=name),))
    elif ct == "CONSTR_CHECK":
        first = _only_column(con["raw_expr"])
        base = f"{table.name}_{first}_check" if first else f"{table.name}_check"
        name = con.get("conname") or _free_constraint_name(table, base)
        if any(c.name == name for c in table.constraints):
            raise PgError("42710", f'constraint "{name}" for relation "{table.name}" already exists')
        c = Constraint(name, "c", expr=con["raw_expr"])
        table = table.with_changes(constraints=table.constraints + (c,))
        if not new_table:
            _validate_check(d, table, c)
    elif ct == "CONSTR_FOREIGN":
        table = _add_foreign_key(d, table, con, new_table)
    else:
        raise feature_not_supported(f"constraint {ct[7:]}")
    d.catalog.replace(table, d.xact, xid)
    return table


def _only_column(expr: Any) -> str | None:
    """The column a CHECK expression uses, if it uses exactly one: PostgreSQL
    names it tab_col_check then, tab_check otherwise (wherever it was written)."""
    from .planner import column_refs
    refs: list = []
    column_refs(expr, refs)
    cols = {strval(f[-1]) for f in refs if node_type(f[-1]) == "String"}
    return cols.pop() if len(cols) == 1 else None


def _free_constraint_name(table: Table, base: str) -> str:
    name, i = base, 0
    while any(c.name == name for c in table.constraints):
        i += 1
        name = f"{base}{i}"
    return name


def _check_not_null(d: DDL, table: Table, attnums: tuple[int, ...]) -> None:
    snap = d.engine.xacts.statement_snapshot(d.xact)
    for tup in table.heap.scan():
        if snap.sees(tup):
            for a in attnums:
                if a - 1 >= len(tup.values) or tup.values[a - 1] is None:
                    col = next(c for c in table.columns if c.attnum == a)
                    raise PgError("23502", f'column "{col.name}" of relation "{table.name}" contains null values')


def _validate_check(d: DDL, table: Table, con: Constraint) -> None:
    from .rowwriter import RowWriter
    ctx = d.ctx()
    from .runstate import RunState
    ctx.run[0] = RunState(d.session, d.xact)
    writer = RowWriter(ctx, table)
    pred = dict(writer.checks)[con.name]
    snap = ctx.run[0].snapshot
    for tup in table.heap.scan():
        if snap.sees(tup) and pred(tup.values) is False:
            raise PgError("23514", f'check constraint "{con.name}" of relation "{table.name}" is violated by some row')


def _add_foreign_key(d: DDL, table: Table, con: dict, new_table: bool) -> Table:
    ref_name = con["pktable"]["relname"]
    ref = table if ref_name == table.name else d.get(ref_name)
    if ref is None or getattr(ref, "relkind", "") != "r":
        raise undefined_table(ref_name)
    attnums = _key_columns(table, con, "fk_attrs")
    if "pk_attrs" in con:
        ref_cols = []
        for k in con["pk_attrs"]:
            c = ref.column(strval(k))
            if c is None:
                raise PgError("42703", f'column "{strval(k)}" referenced in foreign key constraint does not exist')
            ref_cols.append(c.attnum)
        ref_attnums = tuple(ref_cols)
    else:
        pk = next((c for c in ref.constraints if c.kind == "p"), None)
        if pk is None:
            raise PgError("42830", f'there is no primary key for referenced table "{ref_name}"')
        ref_attnums = pk.columns
    if not any(c.kind in ("p", "u") and set(c.columns) == set(ref_attnums) for c in ref.constraints):
        raise PgError("42830", f'there is no unique constraint matching given keys for referenced table "{ref_name}"')
    if len(attnums) != len(ref_attnums):
        raise PgError("42830", "number of referencing and referenced columns for foreign key disagree")
    cols = {c.attnum: c for c in table.columns}
    base = f"{table.name}_{'_'.join(cols[a].name for a in attnums)}_fkey"
    name = con.get("conname") or _free_constraint_name(table, base)
    fk = Constraint(name, "f", attnums, ref_table=ref_name, ref_columns=ref_attnums,
                    on_delete=con.get("fk_del_action", "a"), on_update=con.get("fk_upd_action", "a"))
    return table.with_changes(constraints=table.constraints + (fk,))


def build_index(d: DDL, table: Table, name: str, attnums: tuple[int, ...], unique: bool,
                primary: bool = False) -> Index:
    """A new index over every version; the heap's HOT chains are split so each
    version is reachable from an index entry of its own key."""
    tree = BTree(unique)
    idx = Index(name, d.catalog.new_oid(name), table.name, attnums, unique, primary, tree)
    versions = [t for t in table.heap.scan() if not t.removed]
    if any(t.hot for t in versions):
        for t in versions:
            t.hot, t.prev, t.tail = False, None, t
        for other in table.indexes:
            o = d.get(other)
            o.tree.entries.clear()
            o.tree._sorted = None
            for t in versions:
                o.tree.insert(tuple(t.values[a - 1] if a - 1 < len(t.values) else None for a in o.columns), t)
    clog = d.engine.xacts.clog
    seen: dict[tuple, Any] = {}
    for t in versions:
        key = tuple(t.values[a - 1] if a - 1 < len(t.values) else None for a in attnums)
        tree.insert(key, t)
        if unique and None not in key and _counts_for_unique(t, clog, d.xact.own):
            if key in seen:
                from .rowwriter import key_text
                raise PgError("23505", f'could not create unique index "{name}"',
                              detail=f"{key_text(table, attnums, key)} is duplicated.")
            seen[key] = t
    return idx


def _counts_for_unique(t: Any, clog: Any, own: set) -> bool:
    if not (t.xmin in own or clog.did_commit(t.xmin)):
        return False
    return not (t.xmax and not t.lock_only and (t.xmax in own or clog.did_commit(t.xmax)))


# --- DROP --------------------------------------------------------------------------------------

def drop_stmt(d: DDL, n: dict) -> Result:
    kind = n["removeType"]
    word = {"OBJECT_TABLE": "table", "OBJECT_SEQUENCE": "sequence", "OBJECT_INDEX": "index"}.get(kind)
    if word is None:
        raise feature_not_supported(f"DROP {kind[7:]}")
    tag = f"DROP {word.upper()}"
    cascade = n.get("behavior") == "DROP_CASCADE"
    for obj in n["objects"]:
        objname = names(obj["List"]["items"])[-1]
        target = d.locked(objname)
        relkind = {"table": "r", "sequence": "S", "index": "i"}[word]
        if target is None or getattr(target, "relkind", "") != relkind:
            if n.get("missing_ok"):
                d.notices.append(Notice("NOTICE", f'{word} "{objname}" does not exist, skipping'))
                continue
            if target is not None:
                raise PgError("42809", f'"{objname}" is not a {word}')
            raise PgError("42P01", f'{word} "{objname}" does not exist')
        if word == "table":
            _drop_table(d, target, cascade)
        else:
            d.catalog.drop(objname, d.xact, d.xid())
    return Result("ok", tag, notices=d.notices)


def _drop_table(d: DDL, table: Table, cascade: bool) -> None:
    deps = [(o, c) for o, c in d.session.referencing_constraints(table.name) if o != table.name]
    if deps and not cascade:
        detail = "\n".join(f"constraint {c.name} on table {o} depends on table {table.name}" for o, c in deps)
        raise PgError("2BP01", f"cannot drop table {table.name} because other objects depend on it",
                      detail=detail, hint="Use DROP ... CASCADE to drop the dependent objects too.")
    xid = d.xid()
    for o, c in deps:
        d.notices.append(Notice("NOTICE", f"drop cascades to constraint {c.name} on table {o}"))
        child = d.get(o)
        d.catalog.replace(child.with_changes(constraints=tuple(x for x in child.constraints if x.name != c.name)),
                          d.xact, xid)
    for name in table.indexes:
        d.catalog.drop(name, d.xact, xid)
    for c in table.columns:
        if c.sequence and d.get(c.sequence) is not None:
            d.catalog.drop(c.sequence, d.xact, xid)
    d.catalog.drop(table.name, d.xact, xid)


# --- ALTER TABLE ---------------------------------------------------------------------------------

def alter_table(d: DDL, n: dict) -> Result:
    if n.get("objtype", "OBJECT_TABLE") != "OBJECT_TABLE":
        raise feature_not_supported("ALTER of this object type")
    name = n["relation"]["relname"]
    table = d.locked(name)
    if table is None or getattr(table, "relkind", "") != "r":
        if n.get("missing_ok"):
            return Result("ok", "ALTER TABLE", notices=[Notice("NOTICE", f'relation "{name}" does not exist, skipping')])
        raise undefined_table(name)
    for cmd in n["cmds"]:
        c = cmd["AlterTableCmd"]
        table = _alter_one(d, table, c)
    return Result("ok", "ALTER TABLE", notices=d.notices)


def _alter_one(d: DDL, table: Table, c: dict) -> Table:
    sub = c["subtype"]
    xid = d.xid()
    if sub == "AT_AddConstraint":
        return add_constraint(d, table, c["def"]["Constraint"], xid)
    if sub == "AT_DropConstraint":
        return _drop_constraint(d, table, c["name"], c.get("missing_ok", False), xid)
    if sub == "AT_AddColumn":
        return _add_column(d, table, c["def"]["ColumnDef"], xid)
    if sub == "AT_DropColumn":
        return _drop_column(d, table, c["name"], c.get("missing_ok", False), xid)
    if sub in ("AT_SetNotNull", "AT_DropNotNull", "AT_ColumnDefault"):
        col = table.column(c["name"])
        if col is None:
            raise PgError("42703", f'column "{c["name"]}" of relation "{table.name}" does not exist')
        if sub == "AT_SetNotNull":
            _check_not_null(d, table, (col.attnum,))
            new = _replace(col, not_null=True)
        elif sub == "AT_DropNotNull":
            new = _replace(col, not_null=False)
        else:
            new = _replace(col, default=c.get("def"))
        table = table.with_changes(columns=tuple(new if x is col else x for x in table.columns))
        d.catalog.replace(table, d.xact, xid)
        return table
    raise feature_not_supported(f"ALTER TABLE {sub[3:]}")


def _drop_constraint(d: DDL, table: Table, name: str, missing_ok: bool, xid: int) -> Table:
    con = next((c for c in table.constraints if c.name == name), None)
    if con is None:
        if missing_ok:
            d.notices.append(Notice("NOTICE", f'constraint "{name}" of relation "{table.name}" does not exist, skipping'))
            return table
        raise PgError("42704", f'constraint "{name}" of relation "{table.name}" does not exist')
    indexes = table.indexes
    if con.index:
        d.catalog.drop(con.index, d.xact, xid)
        indexes = tuple(i for i in indexes if i != con.index)
    table = table.with_changes(constraints=tuple(c for c in table.constraints if c.name != name), indexes=indexes)
    d.catalog.replace(table, d.xact, xid)
    return table


def _add_column(d: DDL, table: Table, cdef: dict, xid: int) -> Table:
    if table.column(cdef["colname"]) is not None:
        raise PgError("42701", f'column "{cdef["colname"]}" of relation "{table.name}" already exists')
    builder = TableBuilder(d, table.name)
    builder.columns = list(table.columns)
    builder.column(cdef)
    col = builder.columns[-1]
    missing = None
    if col.default is not None:
        from .executor import default_fns
        ctx = d.ctx()
        from .runstate import RunState
        ctx.run[0] = RunState(d.session, d.xact)
        from .expr import run_consts
        fn = default_fns(ctx, Table(table.name, table.oid, (col,), table.heap))[col.attnum]
        run_consts(ctx)
        missing = fn(())
    col = _replace(col, attnum=len(table.columns) + 1)
    object.__setattr__(col, "missing", missing)
    if col.not_null and missing is None and any(True for _ in table.heap.scan()):
        _check_not_null(d, table.with_changes(columns=table.columns + (col,)), (col.attnum,))
    for seq in builder.sequences:
        d.catalog.add(seq, xid)
    table = table.with_changes(columns=table.columns + (col,))
    table.heap.type_oids.append(col.type.oid)
    d.catalog.replace(table, d.xact, xid)
    for con in builder.constraints:
        table = add_constraint(d, table, con, xid)
    return table


def _drop_column(d: DDL, table: Table, name: str, missing_ok: bool, xid: int) -> Table:
    col = table.column(name)
    if col is None:
        if missing_ok:
            d.notices.append(Notice("NOTICE", f'column "{name}" of relation "{table.name}" does not exist, skipping'))
            return table
        raise PgError("42703", f'column "{name}" of relation "{table.name}" does not exist')
    keep = [c for c in table.constraints if col.attnum not in c.columns]
    dropped_idx = [i for i in table.indexes if col.attnum in d.get(i).columns]
    for i in dropped_idx:
        d.catalog.drop(i, d.xact, xid)
    table = table.with_changes(
        columns=tuple(_replace(c, dropped=True) if c is col else c for c in table.columns),
        constraints=tuple(keep), indexes=tuple(i for i in table.indexes if i not in dropped_idx))
    d.catalog.replace(table, d.xact, xid)
    return table


# --- indexes, sequences, vacuum ---------------------------------------------------------------

def create_index(d: DDL, n: dict) -> Result:
    if n.get("concurrent") and not d.xact.implicit:
        raise PgError("25001", "CREATE INDEX CONCURRENTLY cannot run inside a transaction block")
    table = d.locked(n["relation"]["relname"], SHARE)
    if table is None or getattr(table, "relkind", "") != "r":
        raise undefined_table(n["relation"]["relname"])
    attnums = []
    for p in n["indexParams"]:
        ie = p["IndexElem"]
        if "name" not in ie:
            raise feature_not_supported("expression indexes")
        col = table.column(ie["name"])
        if col is None:
            raise PgError("42703", f'column "{ie["name"]}" does not exist')
        attnums.append(col.attnum)
    cols = {c.attnum: c for c in table.columns}
    name = n.get("idxname") or d.free_name(f"{table.name}_{'_'.join(cols[a].name for a in attnums)}_idx")
    if d.get(name) is not None:
        if n.get("if_not_exists"):
            return Result("ok", "CREATE INDEX", notices=[Notice("NOTICE", f'relation "{name}" already exists, skipping', "42P07")])
        raise PgError("42P07", f'relation "{name}" already exists')
    xid = d.xid()
    idx = build_index(d, table, name, tuple(attnums), bool(n.get("unique")))
    d.catalog.add(idx, xid)
    d.catalog.replace(table.with_changes(indexes=table.indexes + (name,)), d.xact, xid)
    return Result("ok", "CREATE INDEX")


def create_sequence(d: DDL, n: dict) -> Result:
    name = n["sequence"]["relname"]
    if d.get(name) is not None:
        if n.get("if_not_exists"):
            return Result("ok", "CREATE SEQUENCE", notices=[Notice("NOTICE", f'relation "{name}" already exists, skipping', "42P07")])
        raise PgError("42P07", f'relation "{name}" already exists')
    opts = {}
    for o in n.get("options", []):
        de = o["DefElem"]
        arg = de.get("arg")
        val = None
        if arg is not None and node_type(arg) in ("Integer", "Float"):
            v = arg[node_type(arg)]
            val = int(v.get("ival", v.get("fval", 0)))
        opts[de["defname"]] = val
    inc = opts.get("increment", 1) or 1
    minv = opts.get("minvalue") or (1 if inc > 0 else -9223372036854775808)
    maxv = opts.get("maxvalue") or (9223372036854775807 if inc > 0 else -1)
    start = opts.get("start") if opts.get("start") is not None else (minv if inc > 0 else maxv)
    seq = Sequence(name, d.catalog.new_oid(name), SequenceState(start), inc, minv, maxv, start,
                   "cycle" in opts)
    d.catalog.add(seq, d.xid())
    return Result("ok", "CREATE SEQUENCE")


def vacuum(d: DDL, n: dict) -> Result:
    from .vacuum import vacuum_table
    word = "VACUUM" if n.get("is_vacuumcmd", True) else "ANALYZE"
    options = {o["DefElem"]["defname"] for o in n.get("options", [])}
    if word == "VACUUM" and not d.xact.implicit:
        raise PgError("25001", "VACUUM cannot run inside a transaction block")
    if "freeze" in options:
        raise feature_not_supported(f"{word} FREEZE")
    full = "full" in options
    verbose = "verbose" in options
    tables = []
    for rel in n.get("rels", []):
        rv = rel["VacuumRelation"]["relation"]
        t = d.locked(rv["relname"], ACCESS_EXCLUSIVE if full else SHARE_UPDATE_EXCLUSIVE)
        if t is None or getattr(t, "relkind", "") != "r":
            raise undefined_table(rv["relname"])
        tables.append(t)
    if not n.get("rels"):
        tables = [t for t in d.catalog.all_visible(d.xact) if getattr(t, "relkind", "") == "r"]
    if word == "VACUUM" and full:
        for t in tables:
            _rewrite(d, d.locked(t.name, ACCESS_EXCLUSIVE))
    elif word == "VACUUM":
        for t in tables:
            _vacuum_one(d, t, verbose)
    for t in tables:                      # pg_class.relpages, which the planner's size estimate uses
        current = d.get(t.name)
        if current is not None:
            current.heap.relpages = len(current.heap.pages)
    return Result("ok", word, notices=d.notices)


def _vacuum_one(d: DDL, t: Table, verbose: bool) -> None:
    from .vacuum import vacuum_report, vacuum_table
    engine = d.engine
    test = engine.dead_test()
    started, wal_before = time.process_time(), (len(engine.wal.buffer), engine.wal.records)
    indexes = [d.get(i) for i in t.indexes]
    if verbose:
        d.notices.append(Notice("INFO", f'vacuuming "{engine.database_name}.public.{t.name}"'))
    report = vacuum_report(t, test) if verbose else None
    removed, kept = vacuum_table(t, indexes, test)
    engine.events.emit("vacuum", d.session.name, table=t.name, removed=removed, remaining=kept,
                       horizon=test.horizon)
    if verbose:
        wal = (engine.wal.records - wal_before[1], len(engine.wal.buffer) - wal_before[0])
        d.notices.append(Notice("INFO", report.text(engine, t, indexes, removed, test.horizon, wal,
                                                    time.process_time() - started)))


def truncate(d: DDL, n: dict) -> Result:
    """A new, empty heap and index trees in a new catalog version: PostgreSQL's
    new relfilenode.  Rolling back restores the old version with its rows;
    like PostgreSQL's, it is not MVCC-safe for older snapshots."""
    from dataclasses import replace
    tables = []
    for rel in n["relations"]:
        rv = rel["RangeVar"]
        t = d.locked(rv["relname"])
        if t is None or getattr(t, "relkind", "") != "r":
            raise undefined_table(rv["relname"])
        tables.append(t)
    names_ = {t.name for t in tables}
    for t in tables:
        for owner, fk in d.session.referencing_constraints(t.name):
            if owner not in names_:
                if n.get("behavior") == "DROP_CASCADE":
                    raise feature_not_supported("TRUNCATE ... CASCADE")
                raise PgError("0A000", "cannot truncate a table referenced in a foreign key constraint",
                              detail=f'Table "{owner}" references "{t.name}".',
                              hint=f'Truncate table "{owner}" at the same time, or use TRUNCATE ... CASCADE.')
    xid = d.xid()
    for t in tables:
        for name in t.indexes:
            idx = d.get(name)
            d.catalog.replace(replace(idx, tree=BTree(idx.unique)), d.xact, xid)
        d.catalog.replace(t.with_changes(heap=d.engine.new_heap([c.type.oid for c in t.columns])), d.xact, xid)
        if n.get("restart_seqs"):
            for c in t.columns:
                seq = d.get(c.sequence) if c.sequence else None
                if seq is not None:
                    seq.state.last_value, seq.state.is_called = seq.start, False
    return Result("ok", "TRUNCATE TABLE")


def _rewrite(d: DDL, table: Table) -> None:
    """VACUUM FULL: copy the versions some snapshot may still need into a new
    heap (new ctids, compacted) and rebuild the indexes, under ACCESS EXCLUSIVE.
    Update-chain links between copied versions are not kept."""
    from dataclasses import replace
    from .index import fill_from_heap
    dead = d.engine.dead_test()
    heap = d.engine.new_heap([c.type.oid for c in table.columns])
    for tup in table.heap.scan():
        if not dead(tup):
            new = heap.insert(tup.values, tup.xmin, tup.cmin)
            if tup.xmax:
                heap.stamp(new, tup.xmax, tup.cmax, tup.lock_only, tup.locks)
    xid = d.xid()
    for name in table.indexes:
        idx = d.get(name)
        fresh = replace(idx, tree=BTree(idx.unique))
        fill_from_heap(fresh.tree, fresh.columns, heap)
        d.catalog.replace(fresh, d.xact, xid)
    d.catalog.replace(table.with_changes(heap=heap), d.xact, xid)


def lock_table(d: DDL, n: dict) -> Result:
    """LOCK TABLE name [, ...] [IN mode MODE] [NOWAIT]."""
    if d.xact.implicit:
        raise PgError("25P01", "LOCK TABLE can only be used in transaction blocks")
    mode = MODE_BY_NUMBER[n.get("mode", 8)]
    for rel in n["relations"]:
        rv = rel["RangeVar"]
        t = d.get(rv["relname"])
        if t is None:
            raise undefined_table(rv["relname"])
        if getattr(t, "relkind", "") != "r":
            raise PgError("42809", f'"{rv["relname"]}" is not a table')
        d.session.lock_relation(rv["relname"], mode, bool(n.get("nowait")))
    return Result("ok", "LOCK TABLE")


def checkpoint(d: DDL, n: dict) -> Result:
    d.engine.checkpoint()
    return Result("ok", "CHECKPOINT")


_HANDLERS = {
    "CheckPointStmt": checkpoint,
    "LockStmt": lock_table,
    "TruncateStmt": truncate,
    "CreateStmt": create_table, "DropStmt": drop_stmt, "AlterTableStmt": alter_table,
    "IndexStmt": create_index, "CreateSeqStmt": create_sequence, "VacuumStmt": vacuum,
}
