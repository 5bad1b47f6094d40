"""Writing rows: constraints, heap versions, index entries, foreign keys.

One RowWriter serves one target table for one statement.  It compiles the
table's NOT NULL and CHECK constraints once, knows its indexes in OID order
(the order PostgreSQL inserts index entries, hence the order in which two
violated unique constraints are reported) and the foreign keys pointing out
of and into the table.

Unique checks follow _bt_check_unique: every version under the key counts
unless its inserter aborted, or its deleter committed (or is this very
transaction).  A version whose inserter or deleter is another transaction
still in progress makes PostgreSQL wait for that transaction; that wait is
a wait on that transaction (rowlock.wait_for_xact).

Foreign-key checks are queued and run when the statement ends (they are
AFTER triggers in PostgreSQL), against a snapshot that sees the statement's
own writes: the parent must exist for an inserted child; a deleted or
re-keyed parent must not be referenced (NO ACTION / RESTRICT), or its
children are deleted (CASCADE) or nulled (SET NULL / SET DEFAULT).
"""
from __future__ import annotations

from typing import Any, Callable

from .clog import ABORTED, COMMITTED
from .errors import PgError, feature_not_supported
from .expr import Ctx, ExprCompiler, RangeEntry, Scope
from .index import chain
from .rowlock import (KEY_SHARE, NO_KEY_UPDATE, UPDATE, acquire, carry_key_share_locks, record_lock,
                      stamp_update, wait_for_xact)


def failing_row(table: Any, values: tuple) -> str:
    parts = []
    for c in table.live_columns:
        v = values[c.attnum - 1] if c.attnum - 1 < len(values) else None
        parts.append("null" if v is None else c.type.output(v))
    return "Failing row contains (" + ", ".join(parts) + ")."


def key_text(table: Any, attnums: tuple[int, ...], key: tuple) -> str:
    """`Key (a, b)=(1, x)` naming `table`'s columns `attnums` with values `key`."""
    cols = {c.attnum: c for c in table.columns}
    names_ = ", ".join(cols[a].name for a in attnums)
    vals = ", ".join("null" if v is None else cols[a].type.output(v) for a, v in zip(attnums, key))
    return f"Key ({names_})=({vals})"




def _row_targets(relname: str, ctid: tuple[int, int]) -> list[tuple]:
    """What an UPDATE or DELETE of one version checks for SIREAD locks, finest
    first: the tuple, its heap page, the relation."""
    return [("tuple", relname, ctid), ("page", relname, ctid[0]), ("rel", relname)]

def _dirty_first(root: Any, tup: Any, clog: Any) -> Any:
    """The version of `tup`'s HOT chain a SnapshotDirty search from the root
    stops at: while the transaction that made `tup` runs, the oldest version
    it replaced (its xmax still running), else `tup` itself."""
    while tup is not root and tup.prev.xmax == tup.xmin and clog.state_of(tup.xmin) not in (COMMITTED, ABORTED):
        tup = tup.prev
    return tup

class RowWriter:
    def __init__(self, ctx: Ctx, table: Any) -> None:
        self.ctx = ctx
        self.table = table
        self.run = ctx.run
        session = ctx.session
        self.indexes = sorted((session.lookup_index(n) for n in table.indexes), key=lambda i: i.oid)
        self.indexed_attnums = {a for i in self.indexes for a in i.columns}
        self.key_attnums = {a for i in self.indexes if i.unique for a in i.columns}
        self._index_context: str | None = None
        self.not_null = [c for c in table.live_columns if c.not_null]
        self.checks = self._compile_checks()
        self.fks_out = [c for c in table.constraints if c.kind == "f"]
        self.fks_in = session.referencing_constraints(table.name)

    def _compile_checks(self) -> list[tuple[str, Callable]]:
        cached = self.table.cache.get("checks")
        if cached is not None:
            return cached
        cols = self.table.live_columns
        entry = RangeEntry(self.table.name, [c.name for c in cols], [c.type for c in cols],
                           positions=[c.attnum - 1 for c in cols])
        comp = ExprCompiler(self.ctx, Scope([entry]))
        out = []
        for con in sorted((c for c in self.table.constraints if c.kind == "c"), key=lambda c: c.name):
            out.append((con.name, comp.boolean(con.expr, "CHECK").fn))
        return out

    # --- constraints ---------------------------------------------------------------
    def check_row(self, values: tuple) -> None:
        for c in self.not_null:
            if values[c.attnum - 1] is None:
                raise PgError("23502", f'null value in column "{c.name}" of relation "{self.table.name}" '
                                       "violates not-null constraint", detail=failing_row(self.table, values))
        for name, pred in self.checks:
            if pred(values) is False:
                raise PgError("23514", f'new row for relation "{self.table.name}" violates check constraint "{name}"',
                              detail=failing_row(self.table, values))

    def check_unique(self, idx: Any, key: tuple, new: Any) -> None:
        self._index_context = f'while inserting index tuple ({new.ctid[0]},{new.ctid[1]}) in relation "{idx.name}"'
        if self.conflicting(idx, key, new) is not None:
            # _bt_check_unique reports an SSI conflict before the violation it would mask
            self.run[0].conflict_in([("index", idx.name)])
            raise PgError("23505", f'duplicate key value violates unique constraint "{idx.name}"',
                          detail=f"{key_text(self.table, idx.columns, key)} already exists.")

    def conflicting(self, idx: Any, key: tuple, new: Any = None, precheck: bool = False) -> Any:
        """The version holding `key` in unique index `idx` for good, or None.
        After waiting for a transaction that might have held it, the search
        starts over, as _bt_check_unique does: that transaction may have
        written newer versions meanwhile."""
        clog = self.run[0].engine.xacts.clog
        own = self.run[0].xact.own
        while True:
            restart = False
            for root in list(idx.tree.lookup(key)):
                for tup in chain(root):
                    if tup is new or tup.removed:
                        continue
                    if precheck:      # ON CONFLICT's check_exclusion_or_unique_constraint names the tuple
                        seen = _dirty_first(root, tup, clog)
                        self._index_context = (f"while inserting index tuple ({seen.ctid[0]},{seen.ctid[1]}) "
                                               f'in relation "{self.table.name}"')
                    live = self.live_for_unique(tup, clog, own)
                    if live is None:
                        restart = True
                        break
                    if live:
                        return tup
                if restart:
                    break
            if not restart:
                return None

    def live_for_unique(self, tup: Any, clog: Any, own: set) -> bool | None:
        """Does `tup` hold its key for good?  None: a transaction that could
        change the answer was waited for, so the search must start over."""
        xmin = tup.xmin
        if xmin not in own:
            st = clog.state_of(xmin)
            if st == ABORTED:
                return False
            if st != COMMITTED:
                wait_for_xact(self.run[0], xmin, self._index_context)
                return None
        xmax = tup.xmax
        if not xmax or tup.lock_only:
            return True
        if xmax in own:
            return False
        st = clog.state_of(xmax)
        if st == COMMITTED:
            return False
        if st == ABORTED:
            return True
        wait_for_xact(self.run[0], xmax, self._index_context)
        return None

    # --- writes ------------------------------------------------------------------------
    def insert(self, values: tuple) -> Any:
        self.check_row(values)
        run = self.run[0]
        xid = run.assign_xid()
        tup = self.table.heap.insert(values, xid, run.use_cid())
        run.conflict_in([("rel", self.table.name)])
        self._index(tup, values)
        for fk in self.fks_out:
            run.after(lambda fk=fk, values=values: self._check_parent(fk, values))
        run.emit("insert", table=self.table.name, oid=self.table.oid, ctid=tup.ctid, xmin=xid)
        return tup

    def _index(self, tup: Any, values: tuple) -> None:
        """Index entries, in _bt_doinsert's order: the unique check (which may
        wait), then the SSI conflict-in check on the index, then the entry."""
        run = self.run[0]
        for idx in self.indexes:
            key = tuple([values[a - 1] for a in idx.columns])
            if idx.unique and None not in key:
                self.check_unique(idx, key, tup)
            run.conflict_in([("index", idx.name)])
            idx.tree.insert(key, tup)

    def key_changed(self, old: Any, values: tuple) -> bool:
        """Does the update change a column of a unique index (FOR UPDATE
        instead of FOR NO KEY UPDATE)?"""
        ov = old.values
        return any((ov[a - 1] if a - 1 < len(ov) else None) != values[a - 1] for a in self.key_attnums)

    def update(self, old: Any, values: tuple, indexed: set[int], checked: bool = False) -> Any:
        """Write the new version of `old`, which the caller has acquired (rowlock.acquire)."""
        if not checked:
            self.check_row(values)
        run = self.run[0]
        xid = run.assign_xid()
        cid = run.use_cid()
        run.conflict_in(_row_targets(self.table.name, old.ctid))
        key_changed = self.key_changed(old, values)
        stamp_update(run, self.table.heap, old, xid, cid, UPDATE if key_changed else NO_KEY_UPDATE)
        keys_same = all(values[a - 1] == old.values[a - 1] if a - 1 < len(old.values) else values[a - 1] is None
                        for a in indexed)
        new = self.table.heap.update(old, values, xid, cid, keys_same)
        if not key_changed:
            carry_key_share_locks(run, self.table.heap, old, new)
        if not new.hot:
            self._index(new, values)
        for fk in self.fks_out:
            if _key(values, fk.columns) != _key(old.values, fk.columns):
                run.after(lambda fk=fk, values=values: self._check_parent(fk, values))
        for owner, fk in self.fks_in:
            old_key = _key(old.values, fk.ref_columns)
            if old_key != _key(values, fk.ref_columns) and None not in old_key:
                run.after(lambda o=owner, fk=fk, k=old_key: self._referenced_gone(o, fk, k, "update"))
        run.emit("update", table=self.table.name, oid=self.table.oid, old_ctid=old.ctid, ctid=new.ctid,
                 xid=xid, hot=new.hot)
        return new

    def delete(self, old: Any) -> None:
        """Stamp `old` deleted; the caller has acquired it (rowlock.acquire)."""
        run = self.run[0]
        xid = run.assign_xid()
        run.conflict_in(_row_targets(self.table.name, old.ctid))
        stamp_update(run, self.table.heap, old, xid, run.use_cid(), UPDATE)
        for owner, fk in self.fks_in:
            key = _key(old.values, fk.ref_columns)
            if None not in key:
                run.after(lambda o=owner, fk=fk, k=key: self._referenced_gone(o, fk, k, "delete"))
        run.emit("delete", table=self.table.name, oid=self.table.oid, ctid=old.ctid, xid=xid)

    def row_for_returning(self, tup: Any) -> tuple:
        """The version as RETURNING sees it: its columns, and the system
        columns when the statement names any (RETURNING xmin, ctid, ...)."""
        from .planner import row_of, table_missing
        table = self.table
        return row_of(tup, len(table.columns), table_missing(table), self.ctx.wants_system_columns, table.oid)

    # --- foreign keys (after the statement) --------------------------------------------
    def _check_parent(self, fk: Any, values: tuple) -> None:
        key = _key(values, fk.columns)
        if None in key:
            return
        run = self.run[0]
        parent = run.session.catalog_get(fk.ref_table)
        if parent is None or not self._lock_parent(parent, fk.ref_columns, key):
            raise PgError("23503", f'insert or update on table "{self.table.name}" violates foreign key '
                                   f'constraint "{fk.name}"',
                          detail=f'{key_text(self.table, fk.columns, key)} is not present in table "{fk.ref_table}".')

    def _lock_parent(self, parent: Any, attnums: tuple[int, ...], key: tuple) -> bool:
        """The referenced row exists; lock it FOR KEY SHARE so that no one
        deletes it or changes its key before this transaction ends."""
        run = self.run[0]
        for tup in run.rows_with_key(parent, attnums, key, first_only=True):
            got = acquire(run, tup, KEY_SHARE, "locking", parent.name,
                          lambda t: all(t.values[a - 1] == k for a, k in zip(attnums, key)))
            if got is not None:
                record_lock(run, parent.heap, got, KEY_SHARE)
                return True
        return False

    def _referenced_gone(self, owner: str, fk: Any, key: tuple, why: str) -> None:
        run = self.run[0]
        if run.visible_key_exists(self.table, fk.ref_columns, key):
            return      # a new version still carries the key
        child = run.session.catalog_get(owner)
        rows = run.referencing_rows(child, fk.columns, key)
        if not rows:
            return
        action = fk.on_delete if why == "delete" else fk.on_update
        if action in ("a", "r"):
            raise PgError("23503", f'update or delete on table "{self.table.name}" violates foreign key '
                                   f'constraint "{fk.name}" on table "{owner}"',
                          detail=f'{key_text(self.table, fk.ref_columns, key)} is still referenced from table "{owner}".')
        writer = RowWriter(self.ctx, child)
        for tup in rows:
            tup = acquire(run, tup, UPDATE, "deleting" if why == "delete" else "updating", child.name, None)
            if tup is None:
                continue
            if action == "c" and why == "delete":
                writer.delete(tup)
            elif action in ("n", "c"):
                if action == "c":
                    raise feature_not_supported("ON UPDATE CASCADE")
                new = list(tup.values)
                for a in fk.columns:
                    new[a - 1] = None
                writer.update(tup, tuple(new), writer.indexed_attnums)
            else:
                raise feature_not_supported("ON DELETE SET DEFAULT")


def _key(values: tuple, attnums: tuple[int, ...]) -> tuple:
    return tuple([values[a - 1] if a - 1 < len(values) else None for a in attnums])
