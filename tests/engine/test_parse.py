"""Statement shapes: literal lifting must agree with PostgreSQL's own parse tree."""
from __future__ import annotations

import pytest

from txlab.engine.errors import PgError
from txlab.engine.parse import ParseCache, lift_literals


def test_same_shape_shares_tree():
    c = ParseCache()
    a = c.get("UPDATE t SET x = x + 5 WHERE id = 7")
    b = c.get("UPDATE t SET x = x + 9 WHERE id = 10")
    assert a.shape == b.shape and a.tree is b.tree
    assert b.params == (9, 10)


@pytest.mark.parametrize("sql", [
    "SELECT -2147483648",                 # folded into a numeric literal the lexer typed otherwise
    "SELECT E'a\\nb'",                    # escape string: lexical lift would be wrong
    "SELECT 'a'\n'b'",                    # adjacent literals concatenate
    "SELECT $$x$$",
])
def test_unliftable_statements_have_no_shape(sql):
    assert ParseCache().get(sql).shape is None


def test_literal_classes_are_part_of_the_shape():
    small = lift_literals("SELECT 1")
    big = lift_literals("SELECT 3000000000")
    num = lift_literals("SELECT 1.5")
    assert len({small[0], big[0], num[0]}) == 3


def test_syntax_error_position_is_one_based_characters():
    with pytest.raises(PgError) as e:
        ParseCache().get("SELECT * FORM t")
    assert e.value.sqlstate == "42601"
    assert e.value.message == 'syntax error at or near "FORM"'
    assert e.value.position == 10
    with pytest.raises(PgError) as e:
        ParseCache().get("SELECT 'é' FORM t")
    assert e.value.position == 17


def test_signed_literals_share_the_plan_of_unsigned_ones():
    c = ParseCache()
    a = c.get("SELECT x - -5 FROM t")
    b = c.get("SELECT x - 5 FROM t")
    binary = c.get("SELECT x -5 FROM t")          # binary minus: a different tree
    assert a.shape == b.shape and a.params == (-5,) and b.params == (5,)
    assert binary.shape != a.shape


def test_signed_literals_compute_right_values():
    from txlab.engine import Engine
    s = Engine().connect("a")
    out = [s.execute(q)[0].text_rows() for q in
           ("SELECT 10 - -5", "SELECT 10 - 5", "SELECT 10 -5", "SELECT - 5 * 2", "SELECT 10 + -2147483648")]
    assert out == [[["15"]], [["5"]], [["5"]], [["-10"]], [["-2147483638"]]]


def test_single_statement_fast_path_agrees_with_psql_scanner():
    """Engine.split's shortcut must send exactly what psql's scanner sends."""
    import random
    from txlab.engine import Engine
    from txlab.engine.psqlscan import split_sql
    eng = Engine()
    rnd = random.Random(7)
    alphabet = list("abcXYZ019 _=<>+*,.%&|!?@#:~^") + ["-", "--", "'", '"', "$", "\\", "/*", "(", ")",
                                                         ";", "\n", "\t", "\x0b", "\xa0", "é", "[", "]"]
    for _ in range(20000):
        body = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14)))
        text = rnd.choice(["", " ", "  "]) + body + rnd.choice([";", " ;", "; ", ";\n", ";  \n", ""])
        assert eng.split(text) == split_sql(text), repr(text)
    for text in ("UPDATE pgbench_accounts SET abalance = abalance + -5 WHERE aid = 7;", "BEGIN;", " END; \n",
                 "INSERT INTO h (a, b) VALUES (1, -2);"):
        assert eng.split(text) == split_sql(text) == [text.strip()]
