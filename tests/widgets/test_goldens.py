"""Every diagram kind, over small scenarios, against its golden text and DOT.

Regenerate with `python -m tests.widgets.golden` and review the diff."""
from __future__ import annotations

import pytest

from .golden import CASES, GOLDEN, case_name, render_case


@pytest.mark.parametrize("case", CASES, ids=[case_name(*c) for c in CASES])
def test_golden(case: tuple[str, str, str]) -> None:
    name = case_name(*case)
    text, dot = render_case(*case)
    assert text == (GOLDEN / f"{name}.txt").read_text(), f"{name}: text differs (python -m tests.widgets.golden)"
    assert dot == (GOLDEN / f"{name}.dot").read_text(), f"{name}: DOT differs (python -m tests.widgets.golden)"


def test_every_kind_has_a_golden() -> None:
    kinds = {command for _, command, _ in CASES}
    assert kinds == {"versions", "snapshot", "savepoints", "flow", "timeline", "locks"}


def test_no_stray_goldens() -> None:
    wanted = {case_name(*c) + suffix for c in CASES for suffix in (".txt", ".dot")}
    assert {p.name for p in GOLDEN.iterdir()} == wanted
