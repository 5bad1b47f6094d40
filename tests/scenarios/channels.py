"""The recorder's connections to PostgreSQL: never block, always observable.

A scenario needs several connections whose statements may block on each
other, yet one recorder drives them all from a single thread.  Each
connection is a `Channel` that sends one unit of work at a time without
waiting for it and is polled for what finished:

* `LibpqChannel` - one libpq connection (psycopg's `pq` layer, simple query
  protocol as psql uses); a unit is one statement, and what finishes is that
  statement's OUTCOME (see golden.py) with the notices that arrived while
  it ran;
* `PsqlChannel` - one `psql -X` process reading a pipe, stdout and stderr
  on one pseudo-terminal (so both are line-buffered and merged in the order
  psql wrote them); a unit is a whole step followed by an `\\echo` marker,
  and what finishes is the text psql printed.

`Monitor` is an extra connection that tells which backends wait for a lock
and on whom (`pg_blocking_pids` plus `wait_event_type = 'Lock'`).  None of
these consumes a transaction id.
"""
from __future__ import annotations

import os
import pty
import select
import subprocess
import time
import tty
from collections import deque
from typing import Any, Protocol

import psycopg
from psycopg import pq

from .split import split_statements

F = pq.DiagnosticField
Outcome = dict[str, Any]


class Channel(Protocol):
    name: str
    pid: int

    def push(self, text: str) -> None: ...
    def busy(self) -> bool: ...
    def pending(self) -> bool: ...
    def start_next(self) -> None: ...
    def collect(self) -> list[Any]: ...
    def waiting_record(self, blockers: list[str]) -> Any: ...
    def fileno(self) -> int: ...
    def close(self) -> None: ...


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def _text(res: pq.PGresult, field: F) -> str | None:
    raw = res.error_field(field)
    return None if raw is None else raw.decode()


def notice_of(res: pq.PGresult) -> dict[str, Any]:
    return _drop_none({
        "severity": _text(res, F.SEVERITY_NONLOCALIZED), "sqlstate": _text(res, F.SQLSTATE),
        "message": _text(res, F.MESSAGE_PRIMARY), "detail": _text(res, F.MESSAGE_DETAIL),
        "hint": _text(res, F.MESSAGE_HINT)})


def error_of(res: pq.PGresult) -> dict[str, Any]:
    pos = _text(res, F.STATEMENT_POSITION)
    return _drop_none({**notice_of(res), "position": int(pos) if pos else None,
                       "context": _text(res, F.CONTEXT)})


def _rows_of(res: pq.PGresult) -> list[list[str | None]]:
    def cell(r: int, c: int) -> str | None:
        v = res.get_value(r, c)
        return None if v is None else bytes(v).decode()
    return [[cell(r, c) for c in range(res.nfields)] for r in range(res.ntuples)]


def outcome_of(query: str, res: pq.PGresult, notices: list[dict[str, Any]]) -> Outcome:
    out: Outcome = {"query": query}
    if res.status == pq.ExecStatus.FATAL_ERROR:
        out.update(status="error", error=error_of(res))
    else:
        out.update(status="ok", tag=res.command_status.decode() or None)
    if res.status == pq.ExecStatus.TUPLES_OK:
        out["columns"] = [res.fname(c).decode() for c in range(res.nfields)]
        out["types"] = [res.ftype(c) for c in range(res.nfields)]
        out["rows"] = _rows_of(res)
    if notices:
        out["notices"] = notices
    return out


class LibpqChannel:
    """One autocommit libpq connection running one statement at a time."""

    def __init__(self, name: str, conninfo: str) -> None:
        self.name = name
        self.pg = pq.PGconn.connect(conninfo.encode())
        if self.pg.status != pq.ConnStatus.OK:
            raise RuntimeError(self.pg.error_message.decode())
        self.pid = self.pg.backend_pid
        self.queue: deque[str] = deque()
        self.current: str | None = None
        self.results: list[pq.PGresult] = []
        self.notices: list[dict[str, Any]] = []
        self.pg.notice_handler = lambda res: self.notices.append(notice_of(res))

    def push(self, text: str) -> None:
        self.queue.extend(split_statements(text))

    def busy(self) -> bool:
        return self.current is not None

    def pending(self) -> bool:
        return bool(self.queue)

    def start_next(self) -> None:
        self.current = self.queue.popleft()
        self.results, self.notices = [], []
        self.pg.send_query(self.current.encode())

    def collect(self) -> list[Outcome]:
        if self.current is None:
            return []
        self.pg.consume_input()
        while not self.pg.is_busy():
            res = self.pg.get_result()
            if res is None:
                return [self._finish()]
            self.results.append(res)
        return []

    def _finish(self) -> Outcome:
        if len(self.results) != 1:
            raise RuntimeError(f"{self.name}: {len(self.results)} results for {self.current!r}")
        out = outcome_of(self.current or "", self.results[0], self.notices)
        self.current = None
        return out

    def waiting_record(self, blockers: list[str]) -> Outcome:
        return {"query": self.current, "status": "waiting", "waiting_for": blockers}

    def fileno(self) -> int:
        return self.pg.socket

    def close(self) -> None:
        self.pg.finish()


class PsqlChannel:
    """One `psql -X` process; a unit of work is one step's text."""

    MARK = "@@txlab-step-end-{}@@"

    def __init__(self, name: str, args: list[str], env: dict[str, str]) -> None:
        self.name = name
        master, slave = pty.openpty()
        tty.setraw(slave)            # no \n -> \r\n, no echo: bytes as psql wrote them
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=slave, stderr=slave,
                                     env={**env, "PGAPPNAME": name}, close_fds=True)
        os.close(slave)
        os.set_blocking(master, False)
        self.master = master
        self.pid = 0
        self.queue: deque[str] = deque()
        self.marker: str | None = None
        self.buffer = ""
        self.count = 0

    def push(self, text: str) -> None:
        self.queue.append(text if text.endswith("\n") else text + "\n")

    def busy(self) -> bool:
        return self.marker is not None

    def pending(self) -> bool:
        return bool(self.queue)

    def start_next(self) -> None:
        self.count += 1
        self.marker = self.MARK.format(self.count)
        assert self.proc.stdin is not None
        self.proc.stdin.write((self.queue.popleft() + f"\\echo {self.marker}\n").encode())
        self.proc.stdin.flush()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except (BlockingIOError, OSError):
                return
            if not chunk:
                return
            self.buffer += chunk.decode()

    def collect(self) -> list[str]:
        """Text printed since the last call (up to the marker, if it came)."""
        self._read()
        if self.marker and (self.marker + "\n") in self.buffer:
            text, self.buffer = self.buffer.split(self.marker + "\n", 1)
            self.marker = None
            return [text] if text else []
        if self.marker:              # keep a partial line: it may be the marker
            cut = self.buffer.rfind("\n") + 1
            text, self.buffer = self.buffer[:cut], self.buffer[cut:]
            return [text] if text else []
        text, self.buffer = self.buffer, ""
        return [text] if text else []

    def waiting_record(self, blockers: list[str]) -> None:
        return None

    def fileno(self) -> int:
        return self.master

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


class Monitor:
    """Observes the other backends; its own queries take no xid."""

    def __init__(self, conninfo: str) -> None:
        self.conn = psycopg.connect(conninfo, autocommit=True)

    def scalar(self, sql: str, *params: Any) -> Any:
        row = self.conn.execute(sql, params or None).fetchone()
        return row[0] if row else None

    def blockers(self, pids: list[int]) -> dict[int, list[int]]:
        """pid -> pids it waits for, for the pids that wait for a lock."""
        rows = self.conn.execute(
            "SELECT pid, pg_blocking_pids(pid) FROM pg_stat_activity"
            " WHERE pid = ANY(%s) AND wait_event_type = 'Lock'", (pids,)).fetchall()
        return {pid: sorted(b) for pid, b in rows if b}

    def pid_of(self, application_name: str, timeout: float = 10.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid = self.scalar("SELECT pid FROM pg_stat_activity WHERE application_name = %s"
                              " AND datname = current_database()", application_name)
            if pid:
                return int(pid)
            time.sleep(0.01)
        raise RuntimeError(f"connection {application_name!r} never showed up")

    def close(self) -> None:
        self.conn.close()


def wait_readable(channels: list[Channel], timeout: float) -> None:
    fds = [ch.fileno() for ch in channels]
    if fds:
        select.select(fds, [], [], timeout)
    else:
        time.sleep(timeout)
