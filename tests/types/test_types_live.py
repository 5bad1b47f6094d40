"""The types package against a live PostgreSQL 15, on random and exhaustive inputs.

Goldens replay fixed cases offline; this test starts a throwaway cluster
(.ci installs PostgreSQL 15, so it does not skip there) and compares:

* seeded random expressions of five families (numeric arithmetic and
  scales, float text output, interval/timestamp arithmetic, to_char
  templates, date/time input strings), through the tiny evaluator;
* operator resolution for every operator name over every pair of modelled
  types, and the cast matrix in the three contexts, straight through the API.

A difference prints the expression with both answers.
"""
from __future__ import annotations

import itertools

import psycopg
import pytest

import txlab.engine.types as T
from tests.pg.server import Cluster, available
from tests.types.fuzz import EVAL_FUNCTION, FAMILIES, compare, sample
from txlab.engine.errors import PgError

pytestmark = pytest.mark.skipif(not available(), reason="PostgreSQL 15 is not installed")

TYPES = {"int2": T.INT2, "int4": T.INT4, "int8": T.INT8, "numeric": T.NUMERIC, "float4": T.FLOAT4,
         "float8": T.FLOAT8, "text": T.TEXT, "varchar": T.VARCHAR, "bpchar": T.BPCHAR, "name": T.NAME,
         "bool": T.BOOL, "date": T.DATE, "timestamp": T.TIMESTAMP, "timestamptz": T.TIMESTAMPTZ,
         "interval": T.INTERVAL, "oid": T.OID, "xid": T.XID, "tid": T.TID, "regtype": T.REGTYPE}
OPERATORS = ["+", "-", "*", "/", "%", "^", "=", "<>", "<", ">=", "||", "~~", "~~*", "~", "&", "#", "<<", "^@"]


@pytest.fixture(scope="module")
def conn():
    with Cluster() as cluster:
        with psycopg.connect(cluster.conninfo(), autocommit=True) as connection:
            connection.execute(EVAL_FUNCTION)
            yield connection


def _report(differences: list) -> str:
    return "\n".join(f"{e}\n    server: {want}\n    ours:   {got}" for e, want, got in differences[:20])


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_random_expressions(conn, family):
    differences = compare(conn, sample(family, seed=20240, count=800))
    assert not differences, _report(differences)


def _null(name: str) -> str:
    return f"NULL::{name}"


def _ours(left: T.SqlType, op: str, right: T.SqlType) -> str:
    try:
        return T.operator(op, left, right).result.regtype
    except PgError as e:
        return f"ERR {e.sqlstate}"


def test_operator_resolution_matrix(conn):
    cases = [(op, a, b) for op in OPERATORS for a, b in itertools.product(TYPES, repeat=2)]
    exprs = [f"pg_typeof({_null(a)} {op} {_null(b)})" for op, a, b in cases]
    rows = conn.execute("SELECT txlab_eval(q) FROM unnest(%s::text[]) q", (exprs,)).fetchall()
    differences = [(e, want, got) for e, (op, a, b), (want,) in zip(exprs, cases, rows)
                   if (got := _ours(TYPES[a], op, TYPES[b])) != want]
    assert not differences, _report(differences)


def test_cast_matrix(conn):
    for b in TYPES:
        conn.execute(f"CREATE OR REPLACE FUNCTION takes_{b}(x {b}) RETURNS int LANGUAGE sql AS 'SELECT 1'")
    differences = []
    for a, b in itertools.product(TYPES, repeat=2):
        probes = {"explicit": f"SELECT {_null(a)}::{b}", "implicit": f"SELECT takes_{b}({_null(a)})",
                  "assignment": f"INSERT INTO cast_probe_{b} VALUES ({_null(a)})"}
        conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS cast_probe_{b} (c {b})")
        for context, sql in probes.items():
            try:
                conn.execute(sql)
                server = True
            except psycopg.Error:
                server = False
            if server != (T.cast(TYPES[a], TYPES[b], context) is not None):
                differences.append((f"{a} -> {b} ({context})", server, not server))
    assert not differences, _report(differences)
