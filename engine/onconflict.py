"""INSERT ... ON CONFLICT DO NOTHING / DO UPDATE (speculative insertion).

Before inserting a row, PostgreSQL looks for a row that already holds its
key in the arbiter indexes (the unique indexes the conflict target names,
or all of them for a bare DO NOTHING), seeing every version that counts for
uniqueness, committed or not:

* a conflicting version whose inserter (or deleter) is still running makes
  the statement wait for that transaction, then look again;
* DO NOTHING skips the row; DO UPDATE locks the existing row (waiting if
  needed; READ COMMITTED starts over if it was changed meanwhile), then
  applies its SET list, where EXCLUDED is the row proposed for insertion,
  if its WHERE clause holds;
* under REPEATABLE READ and SERIALIZABLE a conflicting row the snapshot
  cannot see is a serialization failure (40001), whichever the action;
* one command may not update the same row twice (21000).
"""
from __future__ import annotations

from typing import Any, Callable

from .errors import PgError
from .expr import ExprCompiler, RangeEntry, Scope
from .rowlock import NO_KEY_UPDATE, UPDATE, acquire


class OnConflict:
    def __init__(self, planner: Any, clause: dict, entry: RangeEntry) -> None:
        self.ctx = planner.ctx
        self.table = planner.table
        self.nothing = clause["action"] == "ONCONFLICT_NOTHING"
        self.arbiters = self._arbiters(planner, clause.get("infer"), clause.get("location"))
        self.sets: list[tuple[int, Callable]] = []
        self.where: Callable | None = None
        if not self.nothing:
            self._compile_update(planner, clause, entry)

    def _arbiters(self, planner: Any, infer: dict | None, location: Any) -> list[Any]:
        session = self.ctx.session
        indexes = [session.lookup_index(n) for n in self.table.indexes]
        unique = [i for i in indexes if i.unique]
        if infer is None:
            if not self.nothing:
                raise self.ctx.error_at(PgError(
                    "42601", "ON CONFLICT DO UPDATE requires inference specification or constraint name",
                    hint="For example, ON CONFLICT (column_name)."), location)
            return unique
        if "conname" in infer:
            con = next((c for c in self.table.constraints if c.name == infer["conname"]), None)
            if con is None:
                raise PgError("42704", f'constraint "{infer["conname"]}" for table "{self.table.name}" does not exist')
            return [i for i in unique if i.name == con.index]
        wanted = set()
        for e in infer.get("indexElems", []):
            col = self.table.column(e["IndexElem"]["name"])
            if col is None:
                raise PgError("42703", f'column "{e["IndexElem"]["name"]}" does not exist')
            wanted.add(col.attnum)
        found = [i for i in unique if set(i.columns) == wanted]
        if not found:
            raise PgError("42P10", "there is no unique or exclusion constraint matching the ON CONFLICT specification")
        return found

    def _compile_update(self, planner: Any, clause: dict, entry: RangeEntry) -> None:
        width = len(self.table.columns)
        excluded = RangeEntry("excluded", entry.colnames, entry.types,
                              offset=width, positions=entry.positions)
        comp = ExprCompiler(self.ctx, Scope([entry, excluded]))
        from .executor import assign
        for rt in clause.get("targetList", []):
            r = rt["ResTarget"]
            col = self.table.column(r["name"])
            if col is None:
                raise self.ctx.error_at(PgError(
                    "42703", f'column "{r["name"]}" of relation "{self.table.name}" does not exist'), r.get("location"))
            self.sets.append((col.attnum - 1, assign(comp, comp.value(r["val"]), col, r.get("location")).fn))
        if "whereClause" in clause:
            self.where = comp.boolean(clause["whereClause"], "WHERE").fn

    # --- per row ----------------------------------------------------------------------
    def handle(self, writer: Any, values: tuple, touched: set) -> tuple[str, Any]:
        """("insert", None) to insert normally, ("skip", None), or ("updated", new version)."""
        run = self.ctx.run[0]
        while True:
            existing = self._conflict(writer, values)
            if existing is None:
                return "insert", None
            if run.xact.uses_transaction_snapshot and not run.snapshot.sees(existing):
                raise PgError("40001", "could not serialize access due to concurrent update")
            if self.nothing:
                return "skip", None
            if id(existing) in touched:
                raise PgError("21000", "ON CONFLICT DO UPDATE command cannot affect row a second time",
                              hint="Ensure that no rows proposed for insertion within the same command "
                                   "have duplicate constrained values.")
            new = self._updated_values(existing, values)
            mode = UPDATE if writer.key_changed(existing, new) else NO_KEY_UPDATE
            got = acquire(run, existing, mode, "updating", self.table.name, None)
            if got is not existing:
                continue                  # changed meanwhile: READ COMMITTED starts over
            if self.where is not None and self.where(self._row(existing) + values) is not True:
                return "skip", None
            touched.add(id(existing))
            new_t = writer.update(existing, new, writer.indexed_attnums)
            touched.add(id(new_t))
            return "updated", new_t

    def _row(self, tup: Any) -> tuple:
        width = len(self.table.columns)
        v = tup.values
        return v if len(v) >= width else v + (None,) * (width - len(v))

    def _updated_values(self, existing: Any, proposed: tuple) -> tuple:
        row = self._row(existing) + proposed
        new = list(self._row(existing))
        for i, f in self.sets:
            new[i] = f(row)
        return tuple(new)

    def _conflict(self, writer: Any, values: tuple) -> Any:
        for idx in self.arbiters:
            key = tuple([values[a - 1] for a in idx.columns])
            if None in key:
                continue
            found = writer.conflicting(idx, key, precheck=True)
            if found is not None:
                return found
        return None
