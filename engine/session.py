"""A session: one connection, as a psql window is one connection.

A session runs the statements of a text one by one, as psql sends them.
Outside a transaction block every statement is wrapped in its own implicit
transaction (autocommit), committed when it succeeds and rolled back when
it fails, so a failing multi-row UPDATE changes nothing.  Inside a block a
failing statement leaves the block aborted: every later statement but
ROLLBACK / COMMIT / ROLLBACK TO answers 25P02, as in PostgreSQL.

Plans are cached per session, by statement shape (parse.py) and catalog
version, so a repeated statement costs one dictionary look-up, the literal
extraction and the execution itself.  Any Python exception escaping a
statement is a bug; it is reported as XX000 "internal error", only that
statement is rolled back (like any failing statement), and the session
stays usable.
"""
from __future__ import annotations

import traceback
from collections import deque

from greenlet import getcurrent, greenlet
from typing import Any

from . import memory
from . import settings as S
from .errors import PgError, internal_error, undefined_table
from .expr import Ctx, run_consts
from .indexscan import size_classes_hold
from .parse import node_type
from .result import Notice, Result
from .runstate import RunState
from .lock import ACCESS_SHARE
from .waits import Wait, cancel_error, suspend
from .xact import Transaction

_UNSET = object()
_TXN_OK_WHEN_FAILED = ("TRANS_STMT_ROLLBACK", "TRANS_STMT_COMMIT", "TRANS_STMT_ROLLBACK_TO")
_SYSCOLS = ("xmin", "xmax", "ctid", "cmin", "cmax", "tableoid")


def _stack_depth_exceeded() -> PgError:
    """What PostgreSQL says of an expression nested too deeply (TxLab's limit
    is Python's recursion limit, reached sooner than PostgreSQL's 2 MB stack)."""
    return PgError("54001", "stack depth limit exceeded",
                   hint='Increase the configuration parameter "max_stack_depth" (currently 2048kB), '
                        "after ensuring the platform's stack depth limit is adequate.")


class Compiled:
    __slots__ = ("version", "ctx", "plan", "verb", "cached")

    def __init__(self, version: int, ctx: Ctx, plan: Any, verb: str) -> None:
        self.version = version
        self.ctx = ctx
        self.plan = plan
        self.verb = verb


class Session:
    def __init__(self, engine: Any, name: str, pid: int) -> None:
        self.engine = engine
        self.name = name
        self.pid = pid
        self.user = "postgres"
        self.xact: Transaction | None = None
        self.settings: dict[str, Any] = {}
        self.plans: dict[str, Compiled] = {}
        self.pending: list[Result] = []
        self.closed = False
        self.queue: deque[str] = deque()
        self.greenlet: greenlet | None = None
        self.running = False                      # a statement is executing (or waiting)
        self.interrupted = False                  # a KeyboardInterrupt cancelled the running statement
        self.wait: Wait | None = None             # what the running statement waits for
        # who the running statement was last reported "waiting" for: a wait reports
        # again only when they change, as pg_blocking_pids would show it
        self.reported_blockers: list[str] | None = None
        self.current_text = ""
        self.statement_started: Any = None
        self.state_change: Any = engine.clock()
        self.backend_start = self.state_change
        self.fatal: PgError | None = None          # why the connection was terminated
        self.run_snapshot: Any = None              # the running statement's snapshot
        self.backend_id = 0
        self.transactions = 0                      # local transaction counter (virtual xids)
        self.currvals: dict[str, int] = {}
        self.lastval: int | None = None
        self.current_verb = ""
        self.settings["application_name"] = name

    # --- public API ----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while a statement of this session waits (for a lock, or in pg_sleep)."""
        return self.wait is not None

    @property
    def waiting_for(self) -> str | None:
        return self.describe_wait() if self.wait is not None else None

    def execute(self, sql: str) -> list[Result]:
        """Run the statements of `sql`; returns at once if one of them must wait.

        Statements behind a waiting one stay queued and run when it resumes;
        what they produce is collected with take_results()."""
        if self.fatal is not None or self.closed:
            return [self._lost_connection()]
        self.queue.extend(self.engine.split(sql))
        if not self.busy:
            self._drive()
        if self.interrupted:
            # The statement was cancelled cleanly; its caller was interrupted, so
            # it hears KeyboardInterrupt (earlier results stay for take_results()).
            self.interrupted = False
            self.engine.resume_waiters()
            raise KeyboardInterrupt
        out = self.take_results()
        self.engine.resume_waiters()
        return out

    def take_results(self) -> list[Result]:
        out, self.pending = self.pending, []
        return out

    def cancel(self) -> None:
        """pg_cancel_backend: the waiting statement fails with 57014."""
        if self.wait is not None and self.wait.interrupt is None:
            self.wait.interrupt = cancel_error()
            self.engine.resume_waiters()

    def close(self) -> None:
        """The connection is lost: roll back, release locks, wake waiters."""
        if self.closed:
            return
        self.queue.clear()
        if self.wait is not None:
            if self.wait.interrupt is None:
                self.wait.interrupt = PgError("57P01", "terminating connection due to administrator command",
                                              severity="FATAL")
            self._resume()
        if self.xact is not None:
            self.end_block(commit=False)
        self.closed = True
        self.engine.session_closed(self)
        self.engine.resume_waiters()

    def terminate(self, error: PgError) -> None:
        """pg_terminate_backend / a timeout: close, and tell why: a waiting
        statement fails with `error`, otherwise the next statement does."""
        if self.closed:
            return
        if self.wait is not None:
            self.wait.interrupt = error
        else:
            self.fatal = error
        self.close()

    def _lost_connection(self) -> Result:
        err = self.fatal or PgError("08003", "connection is closed", severity="FATAL")
        self.fatal = None
        self.closed = True
        return Result("error", error=err, connection=self.name)

    # --- the statement greenlet ---------------------------------------------------------------
    def _drive(self) -> None:
        if self.greenlet is None or self.greenlet.dead:
            self.greenlet = greenlet(self._serve)
        self._resume()

    def _resume(self) -> None:
        """Run this session's greenlet until its queue is empty or it waits."""
        g = self.greenlet
        if g is None:
            return
        g.parent = getcurrent()
        g.switch()
        if self.wait is None:
            return
        blockers = [s.name for s in self.engine.blocking_sessions(self)]
        if blockers != self.reported_blockers:
            self.reported_blockers = blockers
            self.pending.append(Result("waiting", query=self.current_text, connection=self.name,
                                       waiting_for=self.describe_wait()))

    def _serve(self) -> None:
        """The session's greenlet: run queued statements, then park until the
        next execute() (a long-lived greenlet is far cheaper than a new one)."""
        while True:
            while self.queue:
                text = self.queue.popleft()
                self.current_text = text
                self.running = True
                self.reported_blockers = None
                result = self.run_statement(text)     # may suspend: read self.pending only after
                self.running = False
                if self.interrupted:                  # the caller hears KeyboardInterrupt instead
                    self.queue.clear()
                    break
                self.pending.append(result)
            self.greenlet.parent.switch()

    def describe_wait(self) -> str:
        wait = self.wait
        holders = self.engine.blocking_sessions(self)
        who = ", ".join(f"{s.name} (pid {s.pid})" for s in holders)
        return f"{wait.lock}" + (f", held by {who}" if who else "")

    def setting(self, name: str) -> Any:
        return self._setting(name)

    # --- statements --------------------------------------------------------------------------
    def run_statement(self, text: str) -> Result:
        self.statement_started = self.state_change = self.engine.clock()
        try:
            parsed = self.engine.parse_cache.get(text)
        except PgError as e:
            return self._failed(e, text)
        except RecursionError:
            return self._failed(_stack_depth_exceeded(), text)
        tree = parsed.tree
        if not tree:
            return Result("ok", None, query=text)   # empty query (only comments)
        kind = node_type(tree)
        node = tree[kind]
        if self.xact is not None and self.xact.failed:
            if not (kind == "TransactionStmt" and node["kind"] in _TXN_OK_WHEN_FAILED):
                return self._result(Result("error", error=PgError(
                    "25P02", "current transaction is aborted, commands ignored until end of transaction block")), text)
        if kind == "TransactionStmt":
            try:
                return self._result(self._utility(kind, node), text)
            except PgError as e:
                if self.xact is not None and not self.xact.failed:
                    self.xact.failed = True
                    self.engine.abort_after_error(self.xact)
                return self._failed(e, text)
        implicit = self.xact is None
        xact = self.begin_block(implicit=True) if implicit else self.xact
        try:
            result = self._dispatch(kind, node, parsed, text, xact)
        except PgError as e:
            return self._fail_statement(e, text, implicit)
        except RecursionError:
            return self._fail_statement(_stack_depth_exceeded(), text, implicit)
        except KeyboardInterrupt:        # a kernel interrupt while the statement runs: a cancel
            self.interrupted = True
            return self._fail_statement(PgError("57014", "canceling statement due to user request"),
                                        text, implicit)
        except Exception as e:   # a bug: never show a traceback to a learner
            self.engine.last_internal_error = traceback.format_exc()
            return self._fail_statement(internal_error(f"{type(e).__name__}: {e}"), text, implicit)
        if implicit and self.xact is xact:
            try:
                self.end_block(commit=True)
            except PgError as e:            # a serialization failure at commit
                return self._failed(e, text)
        elif self.xact is xact:
            self.engine.xacts.command_counter_increment(xact)
        return self._result(result, text)

    def _fail_statement(self, e: PgError, text: str, implicit: bool) -> Result:
        if e.severity == "FATAL":            # this very connection was terminated
            self.queue.clear()
            if self.xact is not None:
                self.end_block(commit=False)
            self.closed = True
            return self._failed(e, text)
        if self.xact is not None:
            if implicit or self.xact.implicit:
                self.end_block(commit=False)
            else:
                self.xact.failed = True
                self.engine.abort_after_error(self.xact)
        return self._failed(e, text)

    def _failed(self, e: PgError, text: str) -> Result:
        # Results keep the error, not the frames it was raised through (a cycle).
        e.__traceback__ = e.__context__ = e.__cause__ = None
        self.engine.events.emit("error", self.name, sqlstate=e.sqlstate, message=e.message)
        return self._result(Result("error", error=e), text)

    def _result(self, r: Result, text: str) -> Result:
        r.query = text
        r.connection = self.name
        self.state_change = self.engine.clock()
        self.engine.events.emit("statement", self.name, text=text, status=r.status, tag=r.command_tag,
                                sqlstate=r.error.sqlstate if r.error else None)
        return r

    def _utility(self, kind: str, node: dict) -> Result:
        from .utility import set_stmt, show_stmt, transaction_stmt
        if kind == "TransactionStmt":
            return transaction_stmt(self, node)
        if kind == "VariableSetStmt":
            return set_stmt(self, node)
        return show_stmt(self, node)

    def _dispatch(self, kind: str, node: dict, parsed: Any, text: str, xact: Transaction) -> Result:
        if kind in ("SelectStmt", "InsertStmt", "UpdateStmt", "DeleteStmt"):
            return self._run_plan(kind, node, parsed, text, xact)
        if kind in ("VariableSetStmt", "VariableShowStmt"):
            return self._utility(kind, node)
        from .ddl import run_ddl
        return run_ddl(self, kind, node, text, xact)

    # --- planned statements ------------------------------------------------------------------
    def _compile(self, kind: str, node: dict, parsed: Any, text: str) -> Compiled:
        from .executor import plan_modify
        from .planner import QueryPlanner
        key = parsed.shape or text
        cached = self.plans.get(key)
        version = self.engine.catalog.version
        if cached is not None:
            if cached.version == version and size_classes_hold(cached.ctx.size_classes):
                return cached
            del self.plans[key]
            memory.discard_plan(cached.ctx)
        ctx = Ctx(text, parsed.slot_at, self)
        ctx.wants_system_columns = any(c in text.lower() for c in _SYSCOLS)
        ctx.modifying_ctes = []
        ctx.params[0] = parsed.params
        if kind == "SelectStmt":
            plan = QueryPlanner(ctx).plan(node)
            verb = "SELECT"
        else:
            plan = plan_modify(ctx, kind, node)
            verb = plan.verb
        compiled = Compiled(version, ctx, plan, verb)
        compiled.cached = ctx.all_consumed
        if compiled.cached:
            if len(self.plans) > 5000:
                for old in self.plans.values():
                    memory.discard_plan(old.ctx)
                self.plans.clear()
            self.plans[key] = compiled
        return compiled

    def _run_plan(self, kind: str, node: dict, parsed: Any, text: str, xact: Transaction) -> Result:
        compiled = self._compile(kind, node, parsed, text)
        version = self.engine.catalog.version
        waited = False
        for name, mode in compiled.ctx.relation_locks:
            waited |= self.lock_relation(name, mode)
        if waited and self.engine.catalog.version != version:
            compiled = self._compile(kind, node, parsed, text)     # the catalog changed meanwhile
        try:
            return self._execute(compiled, parsed, xact)
        finally:
            if not compiled.cached:
                memory.discard_plan(compiled.ctx)

    def _execute(self, compiled: Compiled, parsed: Any, xact: Transaction) -> Result:
        ctx = compiled.ctx
        self.current_verb = compiled.verb
        ctx.params[0] = parsed.params
        run = RunState(self, xact)
        ctx.run[0] = run
        run_consts(ctx)
        plan = compiled.plan
        rows = list(plan.run())
        for cte in ctx.modifying_ctes:
            cte.run()
        run.run_after_checks()
        if compiled.verb == "SELECT":
            tag = f"SELECT {len(rows)}"
        elif compiled.verb == "INSERT":
            tag = f"INSERT 0 {plan.count[0]}"
        else:
            tag = f"{compiled.verb} {plan.count[0]}"
        returns = compiled.verb == "SELECT" or bool(plan.columns)
        return Result("ok", tag, notices=run.notices, columns=list(plan.columns) if returns else [], rows=rows if returns else [],
                      column_types=[t.oid for t in plan.types] if returns else [],
                      outputs=tuple(t.output for t in plan.types) if returns else (),
                      returns_rows=returns)

    # --- transactions ---------------------------------------------------------------------
    def begin_block(self, implicit: bool = False, announce: bool = True) -> Transaction:
        iso = self._setting("default_transaction_isolation")
        xact = Transaction(self.name, iso, self._setting("default_transaction_read_only"),
                           self._setting("default_transaction_deferrable"), implicit, self.engine.clock(),
                           self.engine.events.seq)
        self.transactions += 1
        xact.vxid = self.transactions
        self.engine.xacts.begin(xact)
        self.xact = xact
        if announce:
            self.announce_begin(xact)
        return xact

    def announce_begin(self, xact: Transaction) -> None:
        """The begin event, once the block's isolation level is final."""
        self.engine.events.emit("begin", self.name, implicit=xact.implicit, isolation=xact.isolation)

    def end_block(self, commit: bool) -> None:
        xact = self.xact
        self.xact = None
        if xact is None:
            return
        if xact.failed:                       # already aborted at the error: say the block is over
            self.engine.events.emit("end_failed", self.name, xid=xact.xid)
        if commit:
            try:
                self.engine.commit(xact, self._setting("synchronous_commit") != "off")
            except PgError:
                self.engine.abort(xact)      # a failed COMMIT rolls the transaction back
                self.settings.update(xact.saved_settings)
                raise
        else:
            self.engine.abort(xact)
            self.settings.update(xact.saved_settings)
        xact.local_settings.clear()

    def rollback_settings_to(self, level: int) -> None:
        """Settings changed after a rolled-back savepoint are not undone (simplification)."""

    # --- settings ------------------------------------------------------------------------------
    def _setting(self, name: str) -> Any:
        """A setting's value by its canonical (lower-case) name."""
        xact = self.xact
        if xact is not None and name in xact.local_settings:
            return xact.local_settings[name]
        value = self.settings.get(name, _UNSET)
        return S.DEFS[name].default if value is _UNSET else value

    def show(self, name: str) -> str:
        name = name.lower()
        if name == "transaction_isolation":
            return self.xact.isolation if self.xact else self.show("default_transaction_isolation")
        if name == "transaction_read_only":
            return "on" if (self.xact.read_only if self.xact else self._setting("default_transaction_read_only")) else "off"
        if name == "transaction_deferrable":
            return "on" if (self.xact.deferrable if self.xact else False) else "off"
        d = S.lookup(name)
        return d.show(self._setting(d.name))

    def set_setting(self, name: str, text: str, local: bool) -> None:
        d = S.lookup(name)
        if not d.settable:
            raise PgError("55P02", f'parameter "{d.name}" cannot be changed')
        value = d.parse(d.name, text)
        xact = self.xact
        if local:
            if xact is not None and not xact.implicit:
                xact.local_settings[d.name] = value
            return
        if xact is not None:
            xact.saved_settings.setdefault(d.name, self.settings.get(d.name, d.default))
            xact.local_settings.pop(d.name, None)
        self.settings[d.name] = value

    def reset_setting(self, name: str, local: bool) -> None:
        d = S.lookup(name)
        default = d.default if d.name != "application_name" else self.name
        if local:
            if self.xact is not None and not self.xact.implicit:
                self.xact.local_settings[d.name] = default
            return
        if self.xact is not None:
            self.xact.saved_settings.setdefault(d.name, self.settings.get(d.name, d.default))
        self.settings[d.name] = default

    def reset_all(self) -> None:
        for name in list(self.settings):
            if name != "application_name":
                self.reset_setting(name, False)

    # --- catalog access ---------------------------------------------------------------------
    def catalog_get(self, name: str) -> Any:
        return self.engine.catalog.get(name, self.xact)

    def lock_relation(self, name: str, mode: str, nowait: bool = False) -> bool:
        """Take a table lock for the current transaction, waiting if another
        transaction holds a conflicting one.  Returns True if it had to wait."""
        xact = self.xact
        locks = self.engine.locks
        if xact is None or locks.holds(name, xact, mode):
            return False
        waited = False
        if locks.blockers(name, xact, mode):
            if nowait:
                raise PgError("55P03", f'could not obtain lock on relation "{name}"')
            locks.enqueue(name, xact, mode)
            rel = self.catalog_get(name)
            oid = getattr(rel, "oid", 0)
            try:
                suspend(self, Wait(lambda: not locks.blockers(name, xact, mode),
                                   lambda: locks.blockers(name, xact, mode),
                                   f"{mode} on relation {oid} of database {self.engine.database_oid}",
                                   "Lock", "relation"))
            finally:
                locks.dequeue(name, xact)
            waited = True
        locks.grant(name, xact, mode, len(xact.stack) - 1)
        return waited

    def lookup_relation(self, name: str, location: Any, ctx: Ctx | None, shown: str | None = None,
                        mode: str = ACCESS_SHARE) -> Any:
        """Resolve a table name, locking it first (PostgreSQL locks, then
        re-reads the catalog, so a table dropped meanwhile is not found)."""
        if self.catalog_get(name) is not None:
            try:
                self.lock_relation(name, mode)
            except PgError as e:          # waiting during parse analysis: errors point at the name
                raise ctx.error_at(e, location) if ctx is not None and e.severity != "FATAL" else e
            if ctx is not None:
                ctx.relation_locks.append((name, mode))
        obj = self.catalog_get(name)
        for index in getattr(obj, "indexes", ()):     # the executor opens them all, in the same mode
            self.lock_relation(index, mode)
            if ctx is not None:
                ctx.relation_locks.append((index, mode))
        if obj is None or getattr(obj, "relkind", "") != "r":
            err = undefined_table(shown or name)
            if ctx is not None:
                raise ctx.error_at(err, location)
            raise err
        return obj

    def lookup_index(self, name: str) -> Any:
        return self.catalog_get(name)

    def referencing_constraints(self, table: str) -> list[tuple[str, Any]]:
        out = []
        for obj in self.engine.catalog.all_visible(self.xact):
            if getattr(obj, "relkind", "") == "r":
                for c in obj.constraints:
                    if c.kind == "f" and c.ref_table == table:
                        out.append((obj.name, c))
        return out

    def notice(self, message: str) -> Notice:
        return Notice("NOTICE", message)
