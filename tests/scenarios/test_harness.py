"""Tests of the harness itself: splitting, scenario files, golden consistency."""
from __future__ import annotations

from pathlib import Path

import pytest

from . import golden as goldens
from .scenario import Scenario, ScenarioError, load_all, parse
from .split import _engine_splitter, split_like_psql

SCENARIOS = load_all()


@pytest.mark.parametrize("text, expected", [
    ("SELECT 1;", ["SELECT 1;"]),
    ("-- lead\n  SELECT 1; -- tail\n", ["SELECT 1;"]),
    ("SELECT 1 -- inside\nFROM t;", ["SELECT 1 -- inside\nFROM t;"]),
    ("/* kept */ SELECT 1;", ["/* kept */ SELECT 1;"]),
    ("/* a /* nested; */ b */ SELECT 1;", ["/* a /* nested; */ b */ SELECT 1;"]),
    ("SELECT 'a;b', \"c;d\"; SELECT 2;", ["SELECT 'a;b', \"c;d\";", "SELECT 2;"]),
    ("SELECT 'it''s;';", ["SELECT 'it''s;';"]),
    ("SELECT E'\\';' ;", ["SELECT E'\\';' ;"]),
    ("SELECT $$a;b$$, $x$;$x$;", ["SELECT $$a;b$$, $x$;$x$;"]),
    ("SELECT a$b, $1;", ["SELECT a$b, $1;"]),
    ("SELECT (1;2); SELECT 3)", ["SELECT (1;2);", "SELECT 3)"]),
    ("SELECT 1)); SELECT 2;", ["SELECT 1));", "SELECT 2;"]),
    ("BEGIN;COMMIT;", ["BEGIN;", "COMMIT;"]),
    ("SELECT 1", ["SELECT 1"]),
    ("  \n-- only a comment\n", []),
])
def test_split_like_psql(text: str, expected: list[str]) -> None:
    assert split_like_psql(text) == expected


def test_split_rejects_meta_commands() -> None:
    with pytest.raises(ValueError):
        split_like_psql("\\d t\n")


@pytest.mark.skipif(_engine_splitter() is None, reason="txlab.engine.psqlscan not written yet")
def test_engine_splitter_agrees_on_every_scenario() -> None:
    engine_split = _engine_splitter()
    assert engine_split is not None
    for scn in SCENARIOS:
        for step in scn.steps:
            assert engine_split(step.text) == split_like_psql(step.text), (scn.name, step.conn)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.sql"
    path.write_text(text)
    return path


def test_parse_header_steps_and_needs(tmp_path: Path) -> None:
    scn = parse(_write(tmp_path, "x", "-- name: x\n-- about: demo\n-- needs: locks\n"
                       "-- setup\nCREATE TABLE t (i int);\n-- step a\nBEGIN;\n-- step b\nSELECT 1;\n"
                       "-- step a\nCOMMIT;\n"))
    assert (scn.name, scn.about, scn.needs) == ("x", "demo", ["locks"])
    assert [(s.conn, s.text) for s in scn.steps] == [
        ("setup", "CREATE TABLE t (i int);\n"), ("a", "BEGIN;\n"), ("b", "SELECT 1;\n"), ("a", "COMMIT;\n")]
    assert scn.connections() == ["setup", "a", "b"]


def test_parse_without_setup_gets_an_empty_one(tmp_path: Path) -> None:
    scn = parse(_write(tmp_path, "y", "-- name: y\n-- about: demo\n-- step a\nSELECT 1;\n"))
    assert [s.conn for s in scn.steps] == ["setup", "a"] and scn.steps[0].text == ""


@pytest.mark.parametrize("text, complaint", [
    ("-- name: other\n-- about: a\n-- step a\nSELECT 1;\n", "differs from the file name"),
    ("-- name: z\n-- step a\nSELECT 1;\n", "about"),
    ("-- name: z\n-- about: a\n-- step a\nSELECT 1\n", "lacks ';'"),
    ("-- name: z\n-- about: a\nSELECT 1;\n-- step a\nSELECT 1;\n", "SQL before"),
    ("-- name: z\n-- about: a\n-- step a\nSELECT 1;\n-- setup\nSELECT 2;\n", "setup"),
    ("-- name: z\n-- about: a\n", "no '-- setup'"),
])
def test_parse_rejects_malformed_files(tmp_path: Path, text: str, complaint: str) -> None:
    with pytest.raises(ScenarioError, match=complaint):
        parse(_write(tmp_path, "z", text))


def _queries_by_connection(scn: Scenario, run: dict) -> dict[str, list[str]]:
    """Every statement each connection finished, in order, wherever it was attributed."""
    done: dict[str, list[str]] = {}
    for step, rec in zip(scn.steps, run["steps"]):
        done.setdefault(step.conn, []).extend(
            o["query"] for o in rec["statements"] if o["status"] != "waiting")
        for name, outs in rec.get("resumed", {}).items():
            done.setdefault(name, []).extend(o["query"] for o in outs if o["status"] != "waiting")
    return done


@pytest.mark.parametrize("scn", SCENARIOS, ids=lambda s: s.name)
def test_golden_holds_every_statement_once_in_order(scn: Scenario) -> None:
    """The recorder ran each step's statements exactly as split, none lost or doubled."""
    run = goldens.load(scn.name)["protocol"]
    expected: dict[str, list[str]] = {}
    for step in scn.steps:
        expected.setdefault(step.conn, []).extend(step.statements())
    done = _queries_by_connection(scn, run)
    assert {k: v for k, v in done.items() if v} == {k: v for k, v in expected.items() if v}


def test_golden_dump_is_stable_and_readable() -> None:
    gold = goldens.load(SCENARIOS[0].name)
    text = goldens.dumps(gold)
    assert goldens.json.loads(text) == gold
    assert all(len(line) <= goldens.WIDTH or '"' in line for line in text.splitlines())


def test_normalized_makes_runs_comparable() -> None:
    run = {"first_xid": 900, "next_xid": 903, "pids": {"alice": 4242},
           "steps": [{"statements": [{"rows": [["901", "1960-04-02", "902.5", "903"]],
                                      "types": [28, 1082, 1700, 23],
                                      "detail": "Process 4242 waits for transaction 902."}]}]}
    step = goldens.normalized(run)[0]["statements"][0]
    assert step["rows"] == [["xid+1", "1960-04-02", "902.5", "903"]]
    assert step["types"] == [28, 1082, 1700, 23]
    assert step["detail"] == "Process pid:alice waits for transaction xid+2."
    lines = goldens.normalized({**run, "steps": ["     901 |  1", "  901"]})
    assert lines == [" xid+1 |  1", " xid+1"]
