"""Re-record the type-system goldens from a real PostgreSQL 15 server.

    python -m tests.types.record

runs every case of tests/types/cases.py on a throwaway cluster and writes
tests/types/golden.json: for each case the result column's type as
format_type(oid, typmod) prints it and the rows in PostgreSQL's text output
form, or the error's SQLSTATE, message, detail and hint.  The tests replay
the file without a server.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import psycopg

from tests.pg.server import Cluster
from tests.types.cases import CASES

GOLDEN = Path(__file__).parent / "golden.json"


def split_assign(case: str) -> tuple[str, str] | None:
    """`ASSIGN <type> := <expr>` -> (type, expr); None for a plain SELECT."""
    if not case.startswith("ASSIGN "):
        return None
    target, _, expr = case[len("ASSIGN "):].partition(" := ")
    return target, expr


def _result(conn: psycopg.Connection, cur: psycopg.Cursor) -> dict[str, Any]:
    res = cur.pgresult
    rows = [None if res.get_value(i, 0) is None else res.get_value(i, 0).decode()
            for i in range(res.ntuples)]
    type_name = conn.execute("SELECT format_type(%s, %s)", (res.ftype(0), res.fmod(0))).fetchone()[0]
    return {"type": type_name, "rows": rows}


def run_case(conn: psycopg.Connection, case: str) -> dict[str, Any]:
    assign = split_assign(case)
    try:
        with conn.transaction(force_rollback=True):
            if assign is None:
                return _result(conn, conn.execute(case))
            conn.execute(f"CREATE TEMP TABLE t (c {assign[0]})")
            conn.execute(f"INSERT INTO t VALUES ({assign[1]})")
            return _result(conn, conn.execute("SELECT c FROM t"))
    except psycopg.Error as e:
        d = e.diag
        return {"error": {"sqlstate": d.sqlstate, "message": d.message_primary,
                          "detail": d.message_detail, "hint": d.message_hint}}


def main() -> None:
    with Cluster() as cluster:
        with psycopg.connect(cluster.conninfo(), autocommit=True) as conn:
            golden = [dict(sql=case, **run_case(conn, case)) for case in CASES]
    GOLDEN.write_text(json.dumps(golden, indent=1, ensure_ascii=False) + "\n")
    print(f"recorded {len(golden)} cases into {GOLDEN}")


if __name__ == "__main__":
    main()
