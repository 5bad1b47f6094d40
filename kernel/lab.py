"""The notebook's psql client: one engine, many connections, psql's rules.

`Lab` is everything the kernel does that is not Jupyter messaging, so it
can be tested without a kernel process.  It owns

* the engine (created on first use with the notebook clock, so xids, pids
  and ctids start where a fresh PostgreSQL cluster's do on every run);
* the connections, one `Conn` per name, each with its engine session;
* psql's client-side state: variables (`PsqlVariables`), ``\\x``,
  ``\\timing``.

A cell is run as psql runs a script: `PsqlScanner` yields its statements
and meta-commands lazily (a ``\\set`` changes how later ``:name`` expand),
and each statement goes through psql's SendQuery steps:

1. with ``AUTOCOMMIT off`` and no open block, an implicit ``BEGIN`` first
   (except before the statements psql exempts: ``command_no_begin``);
2. with ``ON_ERROR_ROLLBACK on`` (or ``interactive``: a notebook counts as
   an interactive session) inside a block, an implicit
   ``SAVEPOINT pg_psql_temporary_savepoint`` first, and afterwards
   ``ROLLBACK TO`` it if the statement failed or ``RELEASE`` it if not
   (unless the statement was COMMIT, ROLLBACK, SAVEPOINT or RELEASE);
3. the psql variables ERROR, SQLSTATE, ROW_COUNT, LAST_ERROR_* are set;
4. ``Time: ... ms`` with ``\\timing on``.

The hidden statements print nothing unless they fail, exactly as in psql.

Lock waits.  The engine never blocks: a statement that must wait comes
back as a "waiting" result.  Then

* if a finite ``lock_timeout`` / ``statement_timeout`` is pending
  (`Engine.next_deadline()`), the cell blocks like psql, sleeping in short
  slices and advancing a fixed clock by the time slept, until the wait is
  resolved or the deadline fires (`Engine.poll()`);
* otherwise the cell ends with a waiting notice, and the rest of the cell
  (the scanner, still lazy) is kept on the connection.  After every cell
  the Lab asks every session for results that finished meanwhile
  (`Session.take_results()`): a statement resumed by this cell's COMMIT is
  reported in this cell (a "resumed" section), its own cell's display is
  updated in place, and the rest of its cell runs on.

A cell sent to a connection that is still waiting runs nothing and says so.
A KeyboardInterrupt (the kernel's interrupt) cancels the waiting or running
statement with psql's ``ERROR:  canceling statement due to user request``
and stops the cell, as psql stops a script.
"""
from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Callable, Iterator

from .clock import NotebookClock
from .output import CellOutput, ConnState, Piece, Section
from .psqlvars import PsqlVariables

__all__ = ["Lab", "CellRun", "Interrupted", "command_no_begin"]

TEMP_SAVEPOINT = "pg_psql_temporary_savepoint"
_BLOCK_SLICE = 0.05          # seconds between polls while a cell blocks on a timeout
_ROW_COUNT_TAGS = ("SELECT", "INSERT", "UPDATE", "DELETE", "MOVE", "FETCH", "COPY", "MERGE")
_SVPT_GONE_TAGS = ("COMMIT", "SAVEPOINT", "RELEASE", "ROLLBACK")


class Interrupted(Exception):
    """The user interrupted the kernel: the cell stops here."""


@dataclass
class Home:
    """The display a statement prints into: its cell's output and display id."""
    display_id: str
    output: CellOutput


@dataclass
class Script:
    """What is left of a cell: psql's lazy scanner and its \\if stack."""
    scanner: Any
    items: Iterator[Any]
    home: Home
    conditions: list[list[bool]] = field(default_factory=list)   # [active, taken, parent_active]

    def active(self) -> bool:
        return all(c[0] for c in self.conditions)


@dataclass
class Statement:
    """One statement on its way through psql's SendQuery."""
    query: str
    via: Any = None                # \g-style meta-command that sent it (\gx, \gset)
    savepoint: bool = False        # ON_ERROR_ROLLBACK wrapped it
    svpt_gone: bool = False
    failed: bool = False
    fatal: bool = False            # the server ended the connection
    started: float = 0.0


@dataclass
class Wait:
    statement: Statement
    script: Script
    first_shown: dict | None = None    # the display's bundle when first shown (for nbval)


@dataclass
class Conn:
    name: str
    session: Any = None
    lost: str | None = None        # psql's text for the lost connection, "" once shown
    wait: Wait | None = None


@dataclass
class CellRun:
    """The outcome of one cell, for the kernel to publish."""
    output: CellOutput
    status: str = "ok"                          # ok | error
    ename: str = ""
    evalue: str = ""
    updates: dict[str, CellOutput] = field(default_factory=dict)   # display_id -> new content
    waiting: bool = False                       # this cell's display may be updated later


class Sink:
    """Where a statement's output goes: one display, or two (its own cell's
    display and the resumed section of the cell that released it)."""

    def __init__(self, *targets: list[Piece]) -> None:
        self.targets = targets

    def add(self, piece: Piece) -> None:
        for t in self.targets:
            t.append(piece)

    def remove(self, piece: Piece) -> None:
        for t in self.targets:
            if piece in t:
                t.remove(piece)


class StopCell(Exception):
    """ON_ERROR_STOP (or a lost connection) ends the cell."""

    def __init__(self, error: str = "") -> None:
        super().__init__(error)
        self.error = error


def command_no_begin(query: str) -> bool:
    """psql's command_no_begin: statements before which AUTOCOMMIT off sends no BEGIN."""
    words = _leading_words(query, 4)
    if not words:
        return False
    w = words[0]
    if w in ("abort", "begin", "start", "commit", "end", "rollback", "vacuum", "discard"):
        return w != "discard" or words[1:2] == ["all"]
    if w == "prepare":
        return words[1:2] == ["transaction"]
    if w == "cluster":
        return len(words) == 1
    rest = words[1:]
    if w == "create":
        if rest[:1] in (["database"], ["tablespace"]):
            return True
        if rest[:1] == ["unique"]:
            rest = rest[1:]
        return rest[:2] == ["index", "concurrently"]
    if w == "alter":
        return rest[:1] == ["system"]
    if w in ("drop", "reindex"):
        if rest[:1] in (["database"], ["system"], ["tablespace"]):
            return True
        return rest[:1] in (["index"], ["table"]) and rest[1:2] == ["concurrently"] and (
            w == "reindex" or rest[0] == "index")
    return False


def _leading_words(query: str, n: int) -> list[str]:
    """The first alphabetic words, skipping whitespace and comments (skip_white_space)."""
    import re
    words: list[str] = []
    pos = 0
    skip = re.compile(r"(?:\s+|--[^\n]*(?:\n|$)|/\*(?:[^*]|\*(?!/))*\*/)*")
    word = re.compile(r"[A-Za-z]+")
    while len(words) < n:
        pos = skip.match(query, pos).end()
        m = word.match(query, pos)
        if m is None:
            break
        words.append(m.group().lower())
        pos = m.end()
    return words


def _row_count(tag: str | None) -> str:
    if not tag:
        return ""
    parts = tag.split()
    return parts[-1] if parts[0] in _ROW_COUNT_TAGS and parts[-1].isdigit() else ""


class Lab:
    """One notebook's engine, connections and psql state."""

    def __init__(self, engine_factory: Callable[[NotebookClock], Any] | None = None) -> None:
        self.clock = NotebookClock()
        self.vars = PsqlVariables()
        self.expanded = "off"            # on | off | auto (auto never expands: no terminal width)
        self.timing = False
        self.conns: dict[str, Conn] = {}
        self.kernel: Any = None          # the Jupyter kernel, for diagram commands (comms)
        self.on_block: Callable[[Home], None] | None = None   # publish a display before blocking
        self._engine_factory = engine_factory or _default_engine
        self._engine: Any = None
        self._updates: dict[str, CellOutput] = {}
        self._interrupted = False
        self.clock_from_metadata_done = False

    # -- the engine ---------------------------------------------------------------------------
    @property
    def engine(self) -> Any:
        if self._engine is None:
            self._engine = self._engine_factory(self.clock)
        return self._engine

    def features(self) -> frozenset:
        return frozenset(getattr(self.engine, "features", frozenset()))

    def replace_engine(self, engine: Any | None) -> None:
        """A fresh database (\\reset): every connection is forgotten."""
        self._engine = engine
        self.conns.clear()

    def crash(self) -> list[str]:
        """Power loss (\\crash): the engine recovered from its WAL replaces this
        one; every open connection is lost and says so on its next statement."""
        from txlab.engine.psql import CONNECTION_LOST
        self._engine = self.engine.crash()
        lost = []
        for c in self.conns.values():
            c.wait = None
            if c.session is not None and c.lost is None:
                c.lost = CONNECTION_LOST
                lost.append(c.name)
        return sorted(lost)

    # -- cells ------------------------------------------------------------------------------------
    def run_cell(self, code: str, conn_name: str, display_id: str = "") -> CellRun:
        out = CellOutput(conn_name)
        run = CellRun(out)
        self._updates = run.updates
        self._interrupted = False
        try:
            self._poll()                   # timeouts that expired since the last cell
            self.collect_resumed(out)      # ... and what they let run, before this cell runs
            self._run_script(code, conn_name, Home(display_id, out), run)
        except Interrupted:
            run.status, run.ename, run.evalue = "error", "KeyboardInterrupt", "canceling statement due to user request"
        except KeyboardInterrupt:
            out.add(Piece("ERROR:  canceling statement due to user request\n", "error"))
            run.status, run.ename, run.evalue = "error", "KeyboardInterrupt", "canceling statement due to user request"
        except Exception as e:   # a bug of TxLab: never a traceback, the kernel goes on
            out.add(Piece(_internal_error_text(e), "error"))
        self._collect_guarded(out)
        conn = self.conns.get(conn_name)
        run.waiting = bool(conn and conn.wait and conn.wait.script.home.output is out)
        out.state = self.conn_state(conn_name)
        for o in run.updates.values():
            o.state = self.conn_state(o.conn)
        return run

    def _collect_guarded(self, out: CellOutput) -> None:
        try:
            self.collect_resumed(out)
        except KeyboardInterrupt:
            pass
        except Exception as e:
            out.add(Piece(_internal_error_text(e), "error"))

    def _run_script(self, code: str, conn_name: str, home: Home, run: CellRun) -> None:
        from txlab.engine.psqlscan import PsqlScanner
        conn = self.conn(conn_name)
        if self._still_waiting(conn, home.output):
            return
        scanner = PsqlScanner(code, self.vars)
        script = Script(scanner, iter(scanner), home)
        try:
            self.run_items(conn, script, Sink(home.output.pieces))
        except StopCell as stop:
            if stop.error:
                run.status, run.ename, run.evalue = "error", "ON_ERROR_STOP", stop.error

    def _still_waiting(self, conn: Conn, out: CellOutput) -> bool:
        s = conn.session
        if conn.wait is None or s is None or not getattr(s, "busy", False):
            return False
        what = self._waiting_for(conn) or "a lock"
        out.add(Piece(f"-- {conn.name} is still waiting for {what}: nothing in this cell was run.\n"
                      f"-- End the transaction that holds the lock (or interrupt the kernel to cancel "
                      f"the waiting statement), then run this cell again.\n", "remark"))
        return True

    def conn(self, name: str) -> Conn:
        c = self.conns.get(name)
        if c is None:
            c = self.conns[name] = Conn(name)
        return c

    # -- the script loop ----------------------------------------------------------------------------
    def run_items(self, conn: Conn, script: Script, sink: Sink) -> str:
        """Run what is left of `script` on `conn`; 'done' or 'waiting'."""
        from txlab.engine.psqlscan import MetaItem
        from .metacmds import run_conditional, run_meta
        for item in script.items:
            if isinstance(item, MetaItem):
                if item.name in ("if", "elif", "else", "endif"):
                    if not run_conditional(self, script, item, sink):
                        self._meta_failed(script)
                    continue
                if not script.active():
                    continue
                if not run_meta(self, conn, item, sink, script.home):
                    self._meta_failed(script)
                continue
            if not script.active():
                continue
            status = self.run_statement(conn, Statement(item.text, item.via), script, sink)
            if status == "waiting":
                return "waiting"
            if status == "error" and self.vars.on_error_stop:
                raise StopCell(self._last_error_line())
        return "done"

    def _meta_failed(self, script: Script) -> None:
        script.scanner.discard_line()
        if self.vars.on_error_stop:
            raise StopCell("a meta-command failed")

    def _last_error_line(self) -> str:
        msg = self.vars.get("LAST_ERROR_MESSAGE") or ""
        return f"ERROR:  {msg}" if msg else "ERROR"

    # -- one statement: psql's SendQuery -------------------------------------------------------------
    def run_statement(self, conn: Conn, st: Statement, script: Script, sink: Sink) -> str:
        s = self._session_for(conn, sink)
        if not getattr(s, "closed", False) and not self._prepare(s, st, sink):
            return "error"
        self.clock.before_statement()
        st.started = time.perf_counter()
        results = self._execute(s, st.query)
        return self._consume(conn, s, results, st, script, sink)

    def _session_for(self, conn: Conn, sink: Sink) -> Any:
        """The connection's session, connecting on first use.  A connection
        lost meanwhile (\\crash) is reported and replaced, and the cell stops."""
        if conn.lost is not None:
            if conn.lost:
                sink.add(Piece(conn.lost, "error"))
            self._reconnect(conn, sink)
            raise StopCell()
        if conn.session is None:
            conn.session = self.engine.connect(conn.name)
        return conn.session

    def _reconnect(self, conn: Conn, sink: Sink) -> None:
        """psql would need \\connect; here the connection's next use gets a new one."""
        conn.session = self.engine.connect(conn.name)
        conn.lost, conn.wait = None, None
        sink.add(Piece(f"-- {conn.name} is connected again: a new connection (pid {conn.session.pid}); "
                       f"the rest of this cell was not run.\n", "remark"))

    def _prepare(self, s: Any, st: Statement, sink: Sink) -> bool:
        """The implicit BEGIN (AUTOCOMMIT off) and SAVEPOINT (ON_ERROR_ROLLBACK)."""
        status = txn_status(s)
        if status == "idle" and not self.vars.autocommit and not command_no_begin(st.query):
            if not self._hidden(s, "BEGIN", sink):
                return False
            status = txn_status(s)
        if status == "intrans" and self.vars.on_error_rollback:
            if not self._hidden(s, f"SAVEPOINT {TEMP_SAVEPOINT}", sink):
                return False
            st.savepoint = True
        return True

    def _hidden(self, s: Any, sql: str, sink: Sink) -> bool:
        """A statement psql sends on its own; only a failure is printed."""
        from txlab.engine.psql import format_error
        for r in self._execute(s, sql):
            if r.status == "error" and r.error is not None:
                sink.add(Piece(format_error(r.error, r.query), "error", r))
                return False
        return True

    def _execute(self, s: Any, query: str) -> list[Any]:
        from txlab.engine import PgError, Result
        try:
            return s.execute(query)
        except KeyboardInterrupt:
            _abandon_statement(s)
            self._interrupted = True
            return [Result("error", error=PgError("57014", "canceling statement due to user request"),
                           query=query)]
        except Exception as e:   # the engine's own guard failed: still no traceback
            _abandon_statement(s)
            return [Result("error", error=PgError("XX000", f"internal error: {type(e).__name__}: {e}"),
                           query=query)]

    def _consume(self, conn: Conn, s: Any, results: list[Any], st: Statement, script: Script,
                 sink: Sink) -> str:
        for r in results:
            if r.status == "waiting":
                return self._waiting(conn, s, r, st, script, sink)
            self._show(conn, r, st, sink)
        return self._complete(conn, s, st, sink)

    def _show(self, conn: Conn, r: Any, st: Statement, sink: Sink) -> None:
        from txlab.engine.psql import format_result
        expanded = self.expanded == "on" or (st.via is not None and st.via.name == "gx")
        if r.status == "error" and r.error is not None:
            st.failed = True
            self.vars.query_failed(r.error.sqlstate, r.error.message)
            st.fatal = st.fatal or getattr(r.error, "severity", "ERROR") in ("FATAL", "PANIC")
        else:
            self.vars.query_succeeded(_row_count(r.command_tag))
            if st.savepoint and r.command_tag in _SVPT_GONE_TAGS:
                st.svpt_gone = True
            if st.via is not None and st.via.name == "gset" and r.status == "ok":
                self._gset(r, st.via, sink)
                return
        sink.add(Piece(format_result(r, expanded=expanded), "result", r, expanded))

    def _gset(self, r: Any, via: Any, sink: Sink) -> None:
        from txlab.engine.psql import format_result
        if not (r.returns_rows or r.columns):
            sink.add(Piece(format_result(r), "result", r))
            return
        if len(r.rows) != 1:
            what = "no rows" if not r.rows else "more than one row"
            sink.add(Piece(f"{what} returned for \\gset\n", "error"))
            return
        prefix = via.argv[0] if via.argv else ""
        for name, value in zip(r.columns, r.text_rows()[0]):
            if value is None:
                self.vars.unset(prefix + name)
            else:
                self.vars.set(prefix + name, value)

    def _complete(self, conn: Conn, s: Any, st: Statement, sink: Sink) -> str:
        if st.fatal:                    # the connection is gone (terminated, timed out)
            self._reconnect(conn, sink)
            raise StopCell()
        if st.savepoint:
            status = txn_status(s)
            if status == "inerror":
                self._hidden(s, f"ROLLBACK TO {TEMP_SAVEPOINT}", sink)
            elif status == "intrans" and not st.svpt_gone:
                self._hidden(s, f"RELEASE {TEMP_SAVEPOINT}", sink)
        if self.timing:
            sink.add(Piece(timing_text((time.perf_counter() - st.started) * 1000.0), "psql"))
        if self._interrupted:
            self._interrupted = False
            raise Interrupted()
        return "error" if st.failed else "ok"

    # -- waiting -------------------------------------------------------------------------------------
    def _waiting(self, conn: Conn, s: Any, r: Any, st: Statement, script: Script, sink: Sink) -> str:
        from txlab.engine.psql import format_result
        if r.notices:
            sink.add(Piece(format_result(r), "psql", r))
        piece = Piece(f"-- {conn.name} is waiting for {r.waiting_for or 'a lock'}\n", "waiting", r)
        sink.add(piece)
        if self._deadline() is not None:
            if self.on_block is not None:
                self.on_block(script.home)
            self._block(s)
            if not getattr(s, "busy", False) or self._interrupted:
                sink.remove(piece)
                return self._consume(conn, s, s.take_results(), st, script, sink)
        conn.wait = Wait(st, script)
        return "waiting"

    def _deadline(self) -> Any:
        nd = getattr(self.engine, "next_deadline", None)
        return nd() if callable(nd) else None

    def _block(self, s: Any) -> None:
        """Sleep until the wait ends or its timeout fires, like a blocked psql."""
        try:
            while getattr(s, "busy", False):
                deadline = self._deadline()
                if deadline is None:
                    return
                remaining = (deadline - self.clock()).total_seconds()
                if remaining > 0:
                    step = min(remaining, _BLOCK_SLICE)
                    time.sleep(step)
                    self.clock.advance_towards(deadline, timedelta(seconds=step))
                self._poll()
        except KeyboardInterrupt:
            s.cancel()
            self._interrupted = True

    def _poll(self) -> None:
        if self._engine is not None:
            poll = getattr(self._engine, "poll", None)
            if callable(poll):
                poll()

    def collect_resumed(self, out: CellOutput) -> None:
        """Report what waiting statements printed since they resumed, and run on."""
        progress = True
        while progress:
            progress = False
            for conn in list(self.conns.values()):
                s = conn.session
                if s is None:
                    continue
                results = s.take_results()
                if results:
                    progress = True
                    self._resume(conn, s, results, out)

    def _resume(self, conn: Conn, s: Any, results: list[Any], out: CellOutput) -> None:
        section = out.section(conn.name, f"{conn.name} (pid {s.pid}) resumed")
        wait, conn.wait = conn.wait, None
        if wait is None:                      # results nobody waited for: show them here
            sink = Sink(section.pieces)
            for r in results:
                self._show(conn, r, Statement(r.query), sink)
            return
        home = wait.script.home
        self._settle_waiting_piece(home.output, section)
        sink = Sink(home.output.pieces, section.pieces)
        self._updates[home.display_id] = home.output
        try:
            if self._consume(conn, s, results, wait.statement, wait.script, sink) != "waiting":
                self.run_items(conn, wait.script, sink)
        except StopCell:
            pass
        except Interrupted:
            self._interrupted = False

    @staticmethod
    def _settle_waiting_piece(home: CellOutput, section: Section) -> None:
        for p in list(home.pieces):
            if p.kind == "waiting":
                home.pieces.remove(p)
                note = p.text.replace(" is waiting for ", " waited for ").rstrip("\n")
                home.pieces.append(Piece("", "note", p.result, bundle={"note": note.lstrip("- ")}))

    def cancel_waiting(self) -> dict[str, CellOutput]:
        """An interrupt while no cell runs: cancel every waiting statement."""
        self._updates = {}
        scratch = CellOutput("")
        for conn in self.conns.values():
            s = conn.session
            if conn.wait is not None and s is not None and getattr(s, "busy", False):
                s.cancel()
        self._collect_guarded(scratch)
        for o in self._updates.values():
            o.state = self.conn_state(o.conn)
        return self._updates

    # -- connection states -----------------------------------------------------------------------------
    def _waiting_for(self, conn: Conn) -> str | None:
        if conn.wait is None:
            return None
        live = getattr(conn.session, "waiting_for", None)
        if live:                       # what it waits for now: a row waiter moves from tuple lock to xid
            return live
        for p in conn.wait.script.home.output.pieces:
            if p.kind == "waiting" and p.result is not None:
                return p.result.waiting_for or "a lock"
        return "a lock"

    def conn_state(self, name: str) -> ConnState:
        conn = self.conns.get(name)
        s = conn.session if conn else None
        if s is None:
            return ConnState(name, None, "not connected yet")
        if getattr(s, "closed", False) or (conn and conn.lost is not None):
            return ConnState(name, s.pid, "closed")
        x = s.xact
        iso = x.isolation if x is not None else _show(s, "default_transaction_isolation")
        xid = (x.xid or None) if x is not None else None
        if conn.wait is not None and getattr(s, "busy", False):
            return ConnState(name, s.pid, "waiting", xid, iso, self._waiting_for(conn))
        status = txn_status(s)
        state = {"idle": "idle", "intrans": "idle in transaction",
                 "inerror": "idle in transaction (aborted)"}[status]
        return ConnState(name, s.pid, state, xid if status != "idle" else None, iso)

    def states(self) -> list[ConnState]:
        return [self.conn_state(n) for n in sorted(self.conns)]


# ---------------------------------------------------------------------------------------------------
# Helpers

def txn_status(s: Any) -> str:
    """PQtransactionStatus: idle, intrans (in a block) or inerror (block aborted)."""
    x = s.xact
    if x is None or x.implicit:
        return "idle"
    return "inerror" if x.failed else "intrans"


def _show(s: Any, name: str) -> str:
    try:
        return s.show(name)
    except Exception:
        return ""


def timing_text(ms: float) -> str:
    """psql's PrintTiming."""
    if ms < 1000.0:
        return f"Time: {ms:.3f} ms\n"
    seconds = ms / 1000.0
    minutes = int(seconds // 60)
    seconds -= 60 * minutes
    if minutes < 60:
        return f"Time: {ms:.3f} ms ({minutes:02d}:{seconds:06.3f})\n"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"Time: {ms:.3f} ms ({hours:02d}:{minutes:02d}:{seconds:06.3f})\n"
    days, hours = divmod(hours, 24)
    return f"Time: {ms:.3f} ms ({days:.0f} d {hours:02d}:{minutes:02d}:{seconds:06.3f})\n"


def _abandon_statement(s: Any) -> None:
    """After an exception escaped the engine mid-statement: fail it as PostgreSQL
    fails a cancelled statement (implicit transaction rolled back, a block aborted)."""
    try:
        if getattr(s, "greenlet", None) is not None:
            s.greenlet = None            # the statement's coroutine died with the exception
        queue = getattr(s, "queue", None)
        if queue:
            queue.clear()
        x = getattr(s, "xact", None)
        if x is not None and x.implicit:
            s.end_block(commit=False)
        elif x is not None:
            x.failed = True
    except Exception:
        pass


def _internal_error_text(e: BaseException) -> str:
    detail = "".join(traceback.format_exception_only(type(e), e)).strip().splitlines()[-1]
    return f"ERROR:  internal error: {detail}\n"


def _default_engine(clock: NotebookClock) -> Any:
    from txlab.engine import Engine
    return Engine(clock=clock)
