"""The parts of the types API that goldens cannot show: identity of types,
the shapes handed to the compiler, and the deliberate, documented gaps
(features PostgreSQL has and TxLab reports as 0A000)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import txlab.engine.types as T
from txlab.engine.errors import PgError


def test_types_compare_by_oid_and_typmod():
    a = T.type_from_name(["pg_catalog", "numeric"], [12, 2])
    b = T.NUMERIC.with_typmod(a.typmod)
    assert a == b and hash(a) == hash(b) and a is not b
    assert a != T.NUMERIC and a.base == T.NUMERIC
    assert (a.name, a.regtype, a.category, a.preferred) == ("numeric(12,2)", "numeric", "N", False)
    assert T.BPCHAR.name == "bpchar" and T.BPCHAR.regtype == "character"
    assert T.type_by_oid(1043, 24) == T.VARCHAR.with_typmod(24)


def test_real_oids():
    oids = {T.BOOL: 16, T.INT2: 21, T.INT4: 23, T.INT8: 20, T.NUMERIC: 1700, T.FLOAT4: 700,
            T.FLOAT8: 701, T.TEXT: 25, T.VARCHAR: 1043, T.BPCHAR: 1042, T.NAME: 19, T.DATE: 1082,
            T.TIMESTAMP: 1114, T.TIMESTAMPTZ: 1184, T.INTERVAL: 1186, T.OID: 26, T.XID: 28,
            T.XID8: 5069, T.TID: 27, T.VOID: 2278, T.RECORD: 2249, T.UNKNOWN: 705, T.CID: 29, T.REGTYPE: 2206}
    assert {t: t.oid for t in oids} == oids


def test_casts_that_change_nothing_are_the_shared_identity():
    assert T.cast(T.VARCHAR, T.TEXT, "implicit") is T.identity
    assert T.cast(T.INT4, T.INT4, "implicit") is T.identity
    assert T.cast(T.INT4, T.INT8, "implicit") is T.identity
    assert T.cast(T.TEXT, T.INT4, "implicit") is None
    assert T.cast(T.TEXT, T.INT4, "assignment") is None
    assert T.cast(T.TEXT, T.INT4, "explicit")("7") == 7


def test_operator_and_function_shapes():
    op = T.operator("||", T.UNKNOWN, T.INT4)
    assert (op.left, op.right, op.result) == (T.TEXT, T.INT4, T.TEXT) and op.fn("a", 1) == "a1"
    fn = T.function("concat", [T.UNKNOWN, T.INT4, T.BOOL])
    assert fn.args == [T.TEXT, T.INT4, T.BOOL] and not fn.strict
    assert fn.fn("a", None, True) == "at"
    assert T.function("random", []).volatile and not T.function("abs", [T.INT4]).volatile
    assert T.aggregate("lower", [T.TEXT]) is None


def test_aggregate_state_machine():
    agg = T.aggregate("avg", [T.INT4])
    state = agg.init()
    for v in (1, 2, 4):
        state = agg.step(state, v)
    assert agg.strict and agg.final(state) == Decimal("2.3333333333333333")
    assert agg.final(agg.init()) is None
    count = T.aggregate("count", [])
    assert count.final(count.step(count.step(count.init()))) == 2


def test_sort_keys():
    key = T.sort_key(T.NUMERIC)
    values = [Decimal("NaN"), Decimal("1"), Decimal("-Infinity"), Decimal("Infinity")]
    assert [str(v) for v in sorted(values, key=key)] == ["-Infinity", "1", "Infinity", "NaN"]
    assert sorted(["a ", "a", "a!"], key=T.sort_key(T.BPCHAR))[:2] in (["a ", "a"], ["a", "a "])
    assert T.sort_key(T.INT4) is None and T.sort_key(T.TEXT) is None and T.sort_key(T.INTERVAL) is None


def test_interval_equality_folds_months_and_days():
    month, days = T.INTERVAL.input("1 mon"), T.INTERVAL.input("30 days")
    assert month == days and hash(month) == hash(days) and T.INTERVAL.output(month) == "1 mon"


def test_varchar_typmod_semantics():
    v3 = T.VARCHAR.with_typmod(3 + 4)
    assert v3.apply_typmod("ab   ") == "ab " and v3.apply_typmod("abcd", explicit=True) == "abc"
    with pytest.raises(PgError) as e:
        v3.apply_typmod("abcd")
    assert (e.value.sqlstate, e.value.message) == ("22001", "value too long for type character varying(3)")


@pytest.mark.parametrize("call", [
    lambda: T.type_from_name(["json"], []),
    lambda: T.type_from_name(["pg_catalog", "time"], []),
    lambda: T.DATE.input("today"),
    lambda: T.TIMESTAMP.input("infinity"),
    lambda: T.DATE.input("2024-01-01 BC"),
    lambda: T.DATE.input("10000-01-01"),
    lambda: T.operator("+", T.DATE, T.INT4).fn(date(9999, 12, 31), 1),
    lambda: T.aggregate("array_agg", [T.INT4]),
    lambda: T.function("to_char", [T.INT4, T.TEXT]).fn(12, "99V9"),
    lambda: T.operator("-", T.UNKNOWN, T.TEXT),
], ids=["json", "time", "today", "infinity", "BC", "year 10000", "date overflow", "array_agg", "to_char V",
        "jsonb - text"])
def test_deliberate_gaps_are_0A000(call):
    with pytest.raises(PgError) as e:
        call()
    assert e.value.sqlstate == "0A000" and e.value.position is None


def test_resolution_is_remembered_but_errors_are_fresh():
    assert T.operator("<", T.NUMERIC, T.FLOAT8) is T.operator("<", T.NUMERIC, T.FLOAT8)
    first, second = T.function("sqrt", [T.INT4]), T.function("sqrt", [T.INT4])
    assert first == second and first.args is not second.args
    errors = []
    for _ in range(2):
        with pytest.raises(PgError) as e:
            T.operator("+", T.INT4, T.BOOL)
        errors.append(e.value)
    assert errors[0] is not errors[1]
