"""Re-record the psql goldens from a real PostgreSQL 15 server and psql 15.

    python -m tests.psql.record

writes tests/psql/golden/format.json and tests/psql/golden/scan.json.  The
tests replay them without a server.

Every case runs psql on its own fresh database, through `WireTap`, so one
session gives all three facts: psql's printed text, the queries it sent, and
the results it received.  psql writes results to stdout and messages to
stderr; both go into one pipe and `stdbuf` makes psql's stdio unbuffered, so
the pipe holds them in the order psql wrote them, as a terminal would show.
"""
from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import psycopg

from tests.pg.server import Cluster
from tests.psql.cases import FORMAT_CASES, SCAN_CASES
from tests.psql.wiretap import Conversation, WireTap

GOLDEN = Path(__file__).parent / "golden"
TERMINATE = "-- @terminate\n"
SYNC = "@@txlab-sync@@"
# psql's own messages in English, its output in UTF-8 (widths depend on it).
PSQL_ENV = {"LC_ALL": "C.UTF-8", "PGCLIENTENCODING": "UTF8", "PAGER": "", "PSQL_PAGER": ""}


def _psql(tap: WireTap, db: str, extra: list[str], app: str,
          stderr=subprocess.STDOUT) -> subprocess.Popen:
    env = dict(os.environ, **PSQL_ENV, PGAPPNAME=app)
    return subprocess.Popen(["stdbuf", "-o0", "-e0", *tap.psql_args(db), *extra],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, env=env)


def _conversation(tap: WireTap, before: int) -> Conversation:
    """The one connection psql opened for a case, once it is fully closed."""
    deadline = time.monotonic() + 10
    while len(tap.conversations) <= before or not tap.conversations[before].closed.is_set():
        if time.monotonic() > deadline:
            raise TimeoutError("psql's connection did not close")
        time.sleep(0.01)
    assert len(tap.conversations) == before + 1, "a case must use exactly one connection"
    return tap.conversations[before]


def _read_until(stream, marker: bytes) -> bytes:
    data = b""
    while not data.endswith(marker):
        chunk = stream.read1(65536)
        if not chunk:
            raise RuntimeError(f"psql ended before printing {marker!r}: {data!r}")
        data += chunk
    return data[:-len(marker)]


def _terminate_backend(cluster: Cluster, db: str, app: str) -> None:
    with psycopg.connect(cluster.conninfo(db), autocommit=True) as conn:
        pid = conn.execute("SELECT pid FROM pg_stat_activity WHERE application_name = %s",
                           (app,)).fetchone()[0]
        conn.execute("SELECT pg_terminate_backend(%s)", (pid,))
        while conn.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone():
            time.sleep(0.01)


def _run_format_case(cluster: Cluster, tap: WireTap, case: dict) -> tuple[str, Conversation]:
    db = cluster.fresh_database("fmt")
    app = "txlab-" + case["name"]
    extra = ["-P", "expanded=on"] if case.get("expanded") else []
    before = len(tap.conversations)
    proc = _psql(tap, db, extra, app)
    script = case["script"]
    if TERMINATE in script:
        head, tail = script.split(TERMINATE)
        # \echo runs only after every statement before it finished.
        proc.stdin.write((head + f"\\echo {SYNC}\n").encode())
        proc.stdin.flush()
        out = _read_until(proc.stdout, (SYNC + "\n").encode())
        _terminate_backend(cluster, db, app)
        proc.stdin.write(tail.encode())
        proc.stdin.close()
        out += proc.stdout.read()
    else:
        out, _ = proc.communicate(script.encode())
    proc.wait()
    return out.decode("utf-8"), _conversation(tap, before)


def _result_record(res: dict) -> dict:
    """A wire-level result in the shape of txlab.engine.result.Result."""
    keep = ("severity", "sqlstate", "message", "detail", "hint", "position",
            "internal_position", "internal_query", "context")
    out = {
        "status": res["status"],
        "command_tag": res.get("command_tag"),
        "columns": res["columns"],
        "column_types": res["types"],
        "rows": res["rows"],
        "returns_rows": res["returns_rows"],
        "notices": [{k: n[k] for k in keep if k in n} for n in res["notices"]],
    }
    if "error" in res:
        out["error"] = {k: res["error"][k] for k in keep if k in res["error"]}
    return out


def record_format_case(cluster: Cluster, tap: WireTap, case: dict) -> dict:
    output, conv = _run_format_case(cluster, tap, case)
    statements = [{"query": q["query"], "results": [_result_record(r) for r in q["results"]]}
                  for q in conv.query_results()]
    return {**case, "expanded": bool(case.get("expanded")), "output": output,
            "statements": statements}


def record_scan_case(cluster: Cluster, tap: WireTap, case: dict) -> dict:
    db = cluster.fresh_database("scan")
    before = len(tap.conversations)
    # -e echoes each query as sent, -o sends results away, -q silences the
    # informational messages: stdout keeps the queries and \echo output.
    proc = _psql(tap, db, ["-q", "-e", "-o", "/dev/null"], "txlab-scan", stderr=subprocess.PIPE)
    out, err = proc.communicate(case["script"].encode())
    conv = _conversation(tap, before)
    return {**case, "sent": conv.queries(), "stream": out.decode("utf-8"),
            "stderr": err.decode("utf-8")}


def _write(name: str, data: list[dict]) -> None:
    GOLDEN.mkdir(exist_ok=True)
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    (GOLDEN / name).write_text(text, encoding="utf-8")


def main() -> None:
    with Cluster() as cluster:
        cluster.wait_ready()
        with WireTap(cluster) as tap:
            fmt = [record_format_case(cluster, tap, c) for c in FORMAT_CASES]
            scn = [record_scan_case(cluster, tap, c) for c in SCAN_CASES]
    _write("format.json", fmt)
    _write("scan.json", scn)
    print(f"recorded {len(fmt)} format cases and {len(scn)} scan cases into {GOLDEN}")


if __name__ == "__main__":
    main()
