"""Nothing a cell contains reaches the user as a Python traceback.

A kernel with faults injected into the engine call, the HTML view and a
meta-command (tests/kernel/faulty_kernel.py) must answer each with
PostgreSQL's ``ERROR:  internal error: ...`` and keep every connection
working; odd input must be answered as psql would."""
from __future__ import annotations

import pytest

from .harness import KernelHarness


@pytest.fixture(scope="module")
def faulty():
    k = KernelHarness("txlab-faulty")
    yield k
    k.close()


def _clean(run) -> None:
    assert run.status == "ok"
    assert not run.streams
    assert not run.errors
    for shown in run.displays:
        assert "Traceback" not in shown["data"]["text/plain"]


def test_engine_fault_is_an_internal_error_and_the_session_goes_on(faulty):
    faulty.execute("CREATE TABLE rob_t (a int); INSERT INTO rob_t VALUES (1);")
    run = faulty.execute("SELECT 'fault_in_engine';\nSELECT count(*) FROM rob_t;", tags=["conn:rob_a"])
    _clean(run)
    assert run.text.startswith("ERROR:  internal error: RuntimeError: injected engine fault\n")
    assert run.text.endswith("(1 row)\n\n")               # the next statement ran
    other = faulty.execute("SELECT count(*) FROM rob_t;", tags=["conn:rob_b"])
    assert "     1\n" in other.text


def test_fault_while_rendering_still_answers(faulty):
    run = faulty.execute("SELECT 'fault_in_render';", tags=["conn:rob_a"])
    _clean(run)
    assert run.text == "ERROR:  internal error: ValueError: injected render fault\n"
    assert "rob_a" in faulty.execute("\\conninfo", tags=["conn:rob_a"]).text


def test_fault_in_a_meta_command(faulty):
    run = faulty.execute("\\fault\nSELECT 2 AS two;")
    _clean(run)
    assert run.text.startswith("ERROR:  internal error: KeyError: 'injected meta-command fault'\n")
    assert " two \n" in run.text


@pytest.mark.parametrize("code", [
    "SELECT 'unterminated",
    "SELECT $$never closed",
    "/* open comment",
    "SELECT (((1",
    "SELECT '\x00';",
    "\\set",
    "\\d \"",
    ";;;",
    "SELECT " + "1 + " * 3000 + "1;",
    "\\x maybe\n\\timing whenever",
    "SELECT 'é' || repeat('x', 100000) AS long;",
])
def test_odd_input_never_shows_a_traceback(faulty, code):
    run = faulty.execute(code)
    _clean(run)
    assert "internal error" not in run.text or "RecursionError" in run.text


def test_stray_prints_and_warnings_never_reach_the_notebook(faulty):
    run = faulty.execute("SELECT 'fault_print';")
    _clean(run)
    assert run.text.endswith("\n fault_print\n(1 row)\n\n")
