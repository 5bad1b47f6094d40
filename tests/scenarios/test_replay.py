"""The replayer's own tests: a fake engine that plays a golden back.

Played back faithfully, a golden must compare clean; with any one field
changed, the comparison must name the scenario, step, statement and field.
This keeps the scenario tests able to fail before the real engine exists.
"""
from __future__ import annotations

import copy
from typing import Any

from txlab.engine.errors import PgError
from txlab.engine.result import Notice, Result

from . import golden as goldens
from .replay import replay_protocol, replay_psql
from .scenario import load

NAME = "lock-deadlock-two-rows"       # has errors, a wait and a resumed statement


def _result(o: dict[str, Any]) -> Result:
    err = o.get("error")
    columns = o.get("columns", [])
    return Result(
        status=o["status"], command_tag=o.get("tag"), columns=columns,
        rows=[tuple(r) for r in o.get("rows", [])], column_types=o.get("types", []),
        error=PgError(**err) if err else None,
        notices=[Notice(**n) for n in o.get("notices", [])], query=o["query"],
        outputs=(str,) * len(columns), returns_rows="columns" in o)


class FakeSession:
    def __init__(self, engine: "FakeEngine", name: str) -> None:
        self.engine, self.name, self.finished = engine, name, []

    def execute(self, text: str) -> list[Result]:
        step = self.engine.steps.pop(0)
        assert step["conn"] == self.name
        for other, outs in step.get("resumed", {}).items():
            self.engine.sessions[other].finished += [_result(o) for o in outs]
        return [_result(o) for o in step["statements"]]

    def take_results(self) -> list[Result]:
        out, self.finished = self.finished, []
        return out


class FakeEngine:
    def __init__(self, golden: dict[str, Any], first_xid: int) -> None:
        assert first_xid == golden["protocol"]["first_xid"]
        self.steps = copy.deepcopy(golden["protocol"]["steps"])
        self.sessions: dict[str, FakeSession] = {}

    def connect(self, name: str, pid: int) -> FakeSession:
        self.sessions[name] = FakeSession(self, name)
        return self.sessions[name]


def _factory(golden: dict[str, Any]):
    return lambda first_xid: FakeEngine(golden, first_xid)


def test_faithful_engine_compares_clean() -> None:
    gold = goldens.load(NAME)
    assert replay_protocol(load(NAME), gold, _factory(gold)) == []


def test_changed_field_is_reported_with_its_place() -> None:
    gold = goldens.load(NAME)
    played = copy.deepcopy(gold)
    played["protocol"]["steps"][4]["statements"][0]["error"]["sqlstate"] = "40001"
    problems = replay_protocol(load(NAME), gold, _factory(played))
    assert len(problems) == 1
    assert f"{NAME}, step 5 (bob), statement 1" in problems[0]
    assert "'40P01'" in problems[0] and "'40001'" in problems[0]


def test_missing_resumed_result_is_reported() -> None:
    gold = goldens.load(NAME)
    played = copy.deepcopy(gold)
    del played["protocol"]["steps"][4]["resumed"]
    problems = replay_protocol(load(NAME), gold, _factory(played))
    assert any("resumed on alice, statement 2" in p and "missing" in p for p in problems)


def test_extra_notice_and_rows_are_reported() -> None:
    gold = goldens.load(NAME)
    played = copy.deepcopy(gold)
    last = played["protocol"]["steps"][-1]["statements"]
    last[0]["notices"] = [{"severity": "WARNING", "sqlstate": "25P01",
                           "message": "there is no transaction in progress"}]
    last[1]["rows"][0][1] = "4900.01"
    problems = replay_protocol(load(NAME), gold, _factory(played))
    assert len(problems) == 2 and "notices" in problems[0] and "rows" in problems[1]


def test_psql_text_is_compared_exactly() -> None:
    gold = goldens.load(NAME)
    played = copy.deepcopy(gold)
    played["protocol"] = played["psql"]          # the fake replays the psql run's steps
    for step in played["protocol"]["steps"]:
        step["statements"] = [{"query": "\n".join(step["lines"]), "status": "ok"}]
        step["resumed"] = {n: [{"query": "\n".join(t), "status": "ok"}]
                           for n, t in step.get("resumed", {}).items()}

    def render(results: list[Result]) -> str:
        return "".join(r.query for r in results)

    scn = load(NAME)
    assert replay_psql(scn, gold, _factory(played), render) == []
    played["protocol"]["steps"][1]["statements"][0]["query"] = "BEGIN\nUPDATE 2\n"
    problems = replay_psql(scn, gold, _factory(played), render)
    assert len(problems) == 1 and "step 2 (alice)" in problems[0] and "+UPDATE 2" in problems[0]
