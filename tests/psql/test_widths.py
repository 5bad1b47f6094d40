"""Character widths and the odd corners of the formatter not reached by goldens."""
from __future__ import annotations

import ctypes.util

import pytest

from txlab.engine import psql
from txlab.engine.errors import PgError
from txlab.engine.result import Notice, Result
from tests.psql import gen_widths


@pytest.mark.skipif(ctypes.util.find_library("pq") is None, reason="libpq not installed")
def test_width_table_is_the_one_in_libpq() -> None:
    runs = gen_widths.libpq_widths()
    assert (psql._RUN_STARTS, psql._RUN_WIDTHS) == tuple(zip(*runs))


@pytest.mark.parametrize("text, width", [
    ("abc", 3), ("日本", 4), ("e\u0301", 1), ("😀", 2), ("ｆ", 2), ("\u00ad", 1), ("Ω", 1),
])
def test_display_width(text: str, width: int) -> None:
    assert psql.display_width(text) == width


def test_waiting_result_prints_only_its_notices() -> None:
    res = Result("waiting", notices=[Notice("NOTICE", "hello")])
    assert psql.format_result(res) == "NOTICE:  hello\n"


def test_position_without_query_text_is_appended_to_the_message() -> None:
    # libpq prints "at character N" when it does not know the query text.
    err = PgError("42601", 'syntax error at or near "x"', position=8)
    assert psql.format_error(err) == 'ERROR:  syntax error at or near "x" at character 8\n'
    assert psql.format_error(err, "SELECT x") == ('ERROR:  syntax error at or near "x"\n'
                                                  "LINE 1: SELECT x\n"
                                                  "               ^\n")


def test_position_past_the_end_prints_no_cursor() -> None:
    err = PgError("42601", "oops", position=50)
    assert psql.format_error(err, "SELECT 1") == "ERROR:  oops\n"


def test_alignment_by_type_oid() -> None:
    assert [psql.column_alignment(oid) for oid in (20, 21, 23, 700, 701, 1700, 26, 28, 5069, 29, 790)] \
        == ["r"] * 11
    assert [psql.column_alignment(oid) for oid in (25, 16, 1082, 1114, 1184, 2950, 3802, 19, 1043)] \
        == ["l"] * 9
