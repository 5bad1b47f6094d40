"""The types package against PostgreSQL 15's recorded answers.

Every case of cases.py was run on a real server (python -m tests.types.record)
and its result type, text output or error stored in golden.json; here the
same case goes through the tiny evaluator, i.e. through type_from_name,
literal_type, cast, operator, function, aggregate, common_type and sort_key,
and must give the same answer.  Rows are compared in order: only ORDER BY
and UNION ALL cases have several rows, and both have a defined order.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.types.cases import CASES
from tests.types.evaluator import evaluate
from tests.types.record import split_assign

GOLDEN = json.loads((Path(__file__).parent / "golden.json").read_text())


def test_golden_file_matches_the_case_list():
    assert [g["sql"] for g in GOLDEN] == CASES, "re-record: python -m tests.types.record"


@pytest.mark.parametrize("golden", GOLDEN, ids=[g["sql"] for g in GOLDEN])
def test_case(golden):
    expected = {k: v for k, v in golden.items() if k != "sql"}
    assert evaluate(golden["sql"], split_assign(golden["sql"])) == expected
