"""A protocol-level tap between psql and the throwaway cluster.

To record what psql really does we need three facts from one and the same
session: the exact text psql sent for each statement, the exact messages the
server answered with, and what psql printed.  A server log can give the first
only approximately (statements that fail to parse are logged differently from
those that run, and multi-line texts are ambiguous in a text log), and a
second session run through a driver could see different values (now(),
pids, identity counters).  So the recorders put this small proxy in front of
the cluster: psql connects to the proxy's Unix socket, the proxy relays every
byte unchanged and decodes the v3 protocol on the way:

* frontend ``Q`` (simple query) messages give the statement texts, byte for
  byte as psql sent them;
* backend ``T``/``D``/``C``/``E``/``N``/``I``/``Z`` messages give the
  structured results (column names and type OIDs, text values, command tags,
  error and notice fields) that psql received and formatted.

`Conversation.query_results()` pairs each sent query with the results the
server returned for it, in the shape libpq hands to psql.
"""
from __future__ import annotations

import os
import socket
import struct
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

# ErrorResponse / NoticeResponse field codes we keep (protocol docs, "Error and
# Notice Message Fields").  Others (file, line, routine, schema...) psql does
# not print with default verbosity.
FIELD_NAMES = {
    "S": "severity", "V": "severity_nonlocalized", "C": "sqlstate", "M": "message",
    "D": "detail", "H": "hint", "P": "position", "p": "internal_position",
    "q": "internal_query", "W": "context",
}


def _cstr(buf: bytes, pos: int) -> tuple[str, int]:
    end = buf.index(b"\0", pos)
    return buf[pos:end].decode("utf-8"), end + 1


def _fields(payload: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    pos = 0
    while payload[pos] != 0:
        code = chr(payload[pos])
        value, pos = _cstr(payload, pos + 1)
        if code in FIELD_NAMES:
            out[FIELD_NAMES[code]] = value
    return out


@dataclass
class Conversation:
    """Everything that crossed one client connection, in order per direction."""
    sent: list[tuple[str, bytes]] = field(default_factory=list)       # frontend (type, payload)
    received: list[tuple[str, bytes]] = field(default_factory=list)   # backend (type, payload)
    closed: threading.Event = field(default_factory=threading.Event)

    def queries(self) -> list[str]:
        return [p[:-1].decode("utf-8") for t, p in self.sent if t == "Q"]

    def query_results(self) -> list[dict]:
        """One entry per sent query: its text and the results the server sent back."""
        cycles = _split_cycles(self.received)
        queries = self.queries()
        return [{"query": q, "results": cycles[i] if i < len(cycles) else []}
                for i, q in enumerate(queries)]


def _split_cycles(messages: list[tuple[str, bytes]]) -> list[list[dict]]:
    """Group backend messages into query cycles (ended by ReadyForQuery).

    The first cycle is the connection start-up and is dropped.  Messages after
    the last ReadyForQuery (an asynchronous FATAL when the backend was
    terminated) form a last, unterminated cycle: libpq hands them to psql as
    the outcome of the next query it sends.
    """
    cycles: list[list[dict]] = []
    results: list[dict] = []
    current: dict | None = None
    notices: list[dict] = []
    started = False

    def finish(status: str, **extra) -> None:
        nonlocal current, notices
        res = current or {"columns": [], "types": [], "rows": [], "returns_rows": False}
        res.update(status=status, notices=notices, **extra)
        results.append(res)
        current, notices = None, []

    for mtype, payload in messages:
        if not started:
            started = mtype == "Z"
            continue
        if mtype == "N":
            notices.append(_fields(payload))
        elif mtype == "T":
            current = {"columns": [], "types": [], "rows": [], "returns_rows": True}
            (n,) = struct.unpack_from("!h", payload, 0)
            pos = 2
            for _ in range(n):
                name, pos = _cstr(payload, pos)
                _table, _att, typoid = struct.unpack_from("!ihI", payload, pos)
                pos += 18
                current["columns"].append(name)
                current["types"].append(typoid)
        elif mtype == "D":
            (n,) = struct.unpack_from("!h", payload, 0)
            pos, row = 2, []
            for _ in range(n):
                (ln,) = struct.unpack_from("!i", payload, pos)
                pos += 4
                if ln < 0:
                    row.append(None)
                else:
                    row.append(payload[pos:pos + ln].decode("utf-8"))
                    pos += ln
            current["rows"].append(row)
        elif mtype == "C":
            finish("ok", command_tag=_cstr(payload, 0)[0])
        elif mtype == "E":
            current = None
            finish("error", error=_fields(payload))
        elif mtype == "I":
            finish("empty")
        elif mtype == "Z":
            if notices:
                raise AssertionError(f"notices after the last result of a query: {notices}")
            cycles.append(results)
            results = []
    if results or notices:
        if notices:
            finish("notices-only")
        cycles.append(results)
    return cycles


class WireTap:
    """Unix-socket proxy in front of `cluster`; use as a context manager."""

    def __init__(self, cluster) -> None:
        self.cluster = cluster
        self.dir = tempfile.mkdtemp(prefix="txlab-tap-")
        self.port = cluster.port + 1
        self.conversations: list[Conversation] = []
        self._lock = threading.Lock()
        self._listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._listener.bind(os.path.join(self.dir, f".s.PGSQL.{self.port}"))
        self._listener.listen(8)
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)

    def __enter__(self) -> "WireTap":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._listener.close()
        for name in os.listdir(self.dir):
            os.unlink(os.path.join(self.dir, name))
        os.rmdir(self.dir)

    def psql_args(self, dbname: str) -> list[str]:
        args = self.cluster.psql_args(dbname)
        args[args.index("-h") + 1] = self.dir
        args[args.index("-p") + 1] = str(self.port)
        return args

    def _accept_loop(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            server.connect(str(Path(self.cluster.socket_dir) / f".s.PGSQL.{self.cluster.port}"))
            conv = Conversation()
            with self._lock:
                self.conversations.append(conv)
            threading.Thread(target=self._pump, args=(client, server, conv.sent, True, conv),
                             daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, conv.received, False, conv),
                             daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket, log: list, frontend: bool,
              conv: Conversation) -> None:
        """Relay bytes src -> dst, decoding complete messages into `log`."""
        pending = b""
        startup = frontend              # the first frontend message has no type byte
        try:
            while True:
                chunk = src.recv(65536)
                if not chunk:
                    break
                # Decode before forwarding, so the log is complete by the time
                # the peer can react to these bytes.
                pending += chunk
                while True:
                    if startup:
                        if len(pending) < 4:
                            break
                        (ln,) = struct.unpack_from("!i", pending, 0)
                        if len(pending) < ln:
                            break
                        pending = pending[ln:]
                        startup = False
                        continue
                    if len(pending) < 5:
                        break
                    (ln,) = struct.unpack_from("!i", pending, 1)
                    if len(pending) < 1 + ln:
                        break
                    log.append((chr(pending[0]), pending[5:1 + ln]))
                    pending = pending[1 + ln:]
                try:
                    dst.sendall(chunk)
                except OSError:
                    pass
        except OSError:
            pass
        finally:
            # Half-close, as a direct connection would behave: the peer sees
            # end-of-file, but what it still writes (psql's next query after
            # its backend was terminated) is read and recorded.
            try:
                dst.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            if not frontend:
                conv.closed.set()
