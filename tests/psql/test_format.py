"""The psql formatter against psql 15's own output (tests/psql/golden/format.json).

Each case was run by real psql; the recorded structured results are turned
back into `Result` objects, formatted, and must equal psql's text byte for
byte.  Re-record with ``python -m tests.psql.record``.
"""
from __future__ import annotations

import pytest

from txlab.engine.psql import format_result, format_results, format_table
from tests.psql import replay

CASES = replay.load("format.json")


def _render(case: dict) -> str:
    results = replay.results(case)
    title = case.get("title")
    if not title:
        return format_results(results, expanded=case["expanded"])
    # A describe command: psql titles the row set of its catalog query.
    return "".join(
        format_table(r.columns, r.column_types, r.text_rows(), expanded=case["expanded"], title=title)
        if r.returns_rows else format_result(r, expanded=case["expanded"])
        for r in results)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_output_matches_psql(case: dict) -> None:
    assert _render(case) == case["output"]


def test_enough_cases_recorded() -> None:
    assert len(CASES) >= 40
    assert sum(c["expanded"] for c in CASES) >= 5
