"""Engine bugs found by the kernel and diagrams work, each checked against
PostgreSQL 15 by hand on a throwaway cluster before being fixed."""
from __future__ import annotations

from txlab.engine import Engine


def _one(s, sql):
    r = s.execute(sql)[-1]
    assert r.status == "ok", r.error
    return r.text_rows()


def test_negative_constants_in_stored_expressions():
    s = Engine().connect("a")
    s.execute("CREATE TABLE t (a int DEFAULT -1, b int CHECK (b > -10))")
    assert _one(s, "INSERT INTO t (b) VALUES (-5) RETURNING a, b") == [["-1", "-5"]]
    err = s.execute("INSERT INTO t (b) VALUES (-11)")[0].error
    assert err.sqlstate == "23514" and err.message.endswith('constraint "t_b_check"')


def test_check_constraint_names_follow_the_columns_used():
    s = Engine().connect("a")
    s.execute("CREATE TABLE t (c int, d int CHECK (c > d), e int, CHECK (e > 0))")
    names = {c.name for c in s.catalog_get("t").constraints}
    assert names == {"t_check", "t_e_check"}


def test_update_rejected_by_check_takes_no_xid():
    s = Engine().connect("a")
    s.execute("CREATE TABLE t (v int CHECK (v < 10)); INSERT INTO t VALUES (1)")
    before = _one(s, "SELECT txid_current()")
    s.execute("UPDATE t SET v = 100")                            # fails before heap_update
    after = _one(s, "SELECT txid_current()")
    assert int(after[0][0]) == int(before[0][0]) + 1


def test_very_deep_expression_is_a_postgresql_error():
    s = Engine().connect("a")
    r = s.execute("SELECT " + " + ".join(["1"] * 5000))[0]
    assert r.status == "ok" or r.error.sqlstate == "54001"
    assert s.execute("SELECT 1")[0].status == "ok"
