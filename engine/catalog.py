"""The system catalog, versioned like any table (pg_class, pg_attribute, ...).

DDL in PostgreSQL is transactional because the catalog is stored in heap
tables with xmin/xmax like user data: CREATE TABLE inserts catalog rows,
DROP deletes them, ALTER updates them.  A rolled-back CREATE leaves rows no
one can see; another connection does not see a new table until its creator
commits.  This module keeps that model with one simplification: each
relation is one versioned entry (an immutable descriptor) instead of rows
spread over pg_class, pg_attribute and pg_constraint.

Catalog lookups do not use the transaction snapshot.  PostgreSQL reads the
catalog with a fresh catalog snapshot (the latest committed state plus the
transaction's own changes), so a REPEATABLE READ transaction sees a table
created and committed after it began, yet none of that table's rows.  The
`visible` rule below is exactly that.

Descriptors are immutable: ALTER TABLE makes a new descriptor sharing the
heap and indexes, and ends the old entry.  Storage (heap pages, index trees,
sequence counters) is shared by every version of a relation.  Sequences are
deliberately not transactional: nextval is never rolled back.

`version` increases with every catalog change (and with the end of a
transaction that changed the catalog), so compiled plans, which bind
descriptors, know when to recompile.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Callable

from .clog import CommitLog
from .errors import PgError

if TYPE_CHECKING:
    from .index import BTree
    from .heap import Heap
    from .xact import Transaction

BOOTSTRAP_XID = 1       # catalog entries that exist from the start


@dataclass(frozen=True)
class Column:
    name: str
    type: Any                       # types.SqlType
    attnum: int                     # position in the stored tuple (1-based); never reused
    not_null: bool = False
    default: Any = None             # parse tree (JSON dict) of the DEFAULT expression
    default_text: str | None = None # as \d shows it
    identity: str | None = None     # 'a' (ALWAYS), 'd' (BY DEFAULT) or None
    sequence: str | None = None     # owned sequence (identity / serial)
    dropped: bool = False


@dataclass(frozen=True)
class Constraint:
    name: str
    kind: str                       # 'p' primary key, 'u' unique, 'c' check, 'f' foreign key
    columns: tuple[int, ...] = ()   # attnums
    expr: Any = None                # CHECK parse tree
    expr_text: str | None = None
    index: str | None = None        # backing index name ('p', 'u')
    ref_table: str | None = None    # 'f': referenced table name
    ref_columns: tuple[int, ...] = ()
    on_delete: str = "a"            # a=no action, r=restrict, c=cascade, n=set null, d=set default
    on_update: str = "a"


@dataclass(frozen=True)
class Index:
    name: str
    oid: int
    table: str
    columns: tuple[int, ...]
    unique: bool
    primary: bool
    tree: "BTree" = field(compare=False, repr=False)
    relkind: str = "i"


@dataclass(frozen=True)
class Table:
    name: str
    oid: int
    columns: tuple[Column, ...]
    heap: "Heap" = field(compare=False, repr=False)
    constraints: tuple[Constraint, ...] = ()
    indexes: tuple[str, ...] = ()
    relkind: str = "r"
    cache: dict = field(default_factory=dict, compare=False, repr=False)  # compiled checks etc.

    @property
    def live_columns(self) -> list[Column]:
        return [c for c in self.columns if not c.dropped]

    def column(self, name: str) -> Column | None:
        for c in self.columns:
            if c.name == name and not c.dropped:
                return c
        return None

    def with_changes(self, **changes: Any) -> "Table":
        return replace(self, cache={}, **changes)


@dataclass
class SequenceState:
    """Non-transactional counter: what nextval has handed out."""
    last_value: int
    is_called: bool = False
    log_cnt: int = 0                # values logged ahead in the WAL (durability)


@dataclass(frozen=True)
class Sequence:
    name: str
    oid: int
    state: SequenceState = field(compare=False)
    increment: int = 1
    minvalue: int = 1
    maxvalue: int = 9223372036854775807
    start: int = 1
    cycle: bool = False
    type_name: str = "bigint"
    owned_by: tuple[str, str] | None = None   # (table, column)
    relkind: str = "S"


class Entry:
    __slots__ = ("obj", "xmin", "xmax")

    def __init__(self, obj: Any, xmin: int) -> None:
        self.obj = obj
        self.xmin = xmin
        self.xmax = 0


class Catalog:
    """Relations by name (one namespace: public), each a list of versions."""

    def __init__(self, clog: CommitLog) -> None:
        self.clog = clog
        self.relations: dict[str, list[Entry]] = {}
        self.next_oid = 16384          # FirstNormalObjectId
        self.pinned: dict[str, int] = {}   # name -> the OID its next creation gets (Engine(oids=...))
        self.version = 0
        self.wal = None                # every change is logged there (wal.py)

    def new_oid(self, name: str | None = None) -> int:
        if name in self.pinned:
            return self.pinned.pop(name)
        oid = self.next_oid
        self.next_oid += 1
        return oid

    def _visible(self, e: Entry, own: set[int] | frozenset) -> bool:
        if not (e.xmin in own or self.clog.did_commit(e.xmin)):
            return False
        return not (e.xmax and (e.xmax in own or self.clog.did_commit(e.xmax)))

    def _entry(self, name: str, own) -> Entry | None:
        for e in reversed(self.relations.get(name, ())):
            if self._visible(e, own):
                return e
        return None

    def get(self, name: str, xact: "Transaction | None") -> Any:
        """The descriptor of relation `name` as `xact` sees the catalog, or None."""
        e = self._entry(name, xact.own if xact else frozenset())
        return e.obj if e else None

    def uncommitted_by_other(self, name: str, xact: "Transaction") -> int:
        """xid of another transaction that is creating or dropping `name`, or 0."""
        for e in self.relations.get(name, ()):
            for x in (e.xmin, e.xmax):
                if x and x not in xact.own and self.clog.state_of(x) in (0, 3):
                    return x
        return 0

    def all_visible(self, xact: "Transaction | None") -> list[Any]:
        own = xact.own if xact else frozenset()
        out = []
        for name in sorted(self.relations):
            e = self._entry(name, own)
            if e:
                out.append(e.obj)
        return out

    def add(self, obj: Any, xid: int) -> None:
        self.relations.setdefault(obj.name, []).append(Entry(obj, xid))
        self.version += 1
        if self.wal is not None:
            from .checkpoint import describe
            self.wal.log("cat_add", describe(obj), xid)

    def drop(self, name: str, xact: "Transaction", xid: int) -> None:
        e = self._entry(name, xact.own)
        if e is None:
            raise PgError("XX000", f'internal error: relation "{name}" vanished')
        e.xmax = xid
        self.version += 1
        if self.wal is not None:
            self.wal.log("cat_xmax", name, self.relations[name].index(e), xid)

    def replace(self, obj: Any, xact: "Transaction", xid: int) -> None:
        """A new version of relation `obj.name` (ALTER)."""
        self.drop(obj.name, xact, xid)
        self.add(obj, xid)

    def bootstrap(self, obj: Any) -> None:
        self.add(obj, BOOTSTRAP_XID)


def check_name_free(catalog: Catalog, name: str, xact: "Transaction") -> None:
    if catalog.get(name, xact) is not None:
        raise PgError("42P07", f'relation "{name}" already exists')


