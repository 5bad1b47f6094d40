"""Replay a scenario on the engine and compare it with PostgreSQL's golden.

The engine is driven through its public API only (DESIGN §3)::

    eng = Engine(first_xid=N)              # the xid PostgreSQL assigned first
    s = eng.connect(name, pid=P)           # one session per name, recorded pids
    results = s.execute(step_text)         # a step = one notebook cell
    other.take_results()                   # what other sessions finished meanwhile

Sessions are opened in the recorded order (setup first), each step's text is
executed on its connection, and afterwards every other session is asked
for what it finished during that step: that is the `resumed` part of the
golden (a statement released by this step, then its queued statements).

Two comparisons, one per recording run:

* `replay_protocol` - statement by statement: query text (the psql split),
  status, command tag, column names, type OIDs, text rows, error fields
  (severity, SQLSTATE, message, detail, hint, position; context too once
  the engine's errors carry it) and notices (severity, SQLSTATE, message,
  detail, hint).  A `waiting` statement is compared by status only: the
  engine describes the lock in its own words.
* `replay_psql` - each step rendered by `txlab.engine.psql.format_results`
  must be exactly psql's text.  Waiting results are left out: psql prints
  nothing for a statement that hangs.

Both return a list of mismatch descriptions, empty when the engine agrees.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import difflib
from typing import Any, Callable

from .scenario import Scenario

Outcome = dict[str, Any]
EngineFactory = Callable[..., Any]
Formatter = Callable[[list[Any]], str]
ERROR_FIELDS = ("severity", "sqlstate", "message", "detail", "hint", "position")
NOTICE_FIELDS = ("severity", "sqlstate", "message", "detail", "hint")


def _error_fields(error: Any) -> tuple[str, ...]:
    """Compared error fields: context only once the engine's errors carry it."""
    return ERROR_FIELDS + (("context",) if hasattr(error, "context") else ())


def outcome_of(result: Any) -> Outcome:
    """An engine Result in the golden's OUTCOME shape (see golden.py)."""
    out: Outcome = {"query": result.query, "status": result.status}
    if result.status == "ok":
        out["tag"] = result.command_tag
    if result.columns or getattr(result, "returns_rows", False):
        out["columns"] = list(result.columns)
        out["types"] = list(result.column_types)
        out["rows"] = [list(r) for r in result.text_rows()]
    if result.error is not None:
        out["error"] = {f: getattr(result.error, f, None) for f in _error_fields(result.error)}
    if result.notices:
        out["notices"] = [{f: getattr(n, f, None) for f in NOTICE_FIELDS} for n in result.notices]
    return out


def _comparable(expected: Outcome, got: Outcome) -> Outcome:
    """The expected outcome with every compared field present (None when absent)."""
    exp = {k: v for k, v in expected.items() if k != "waiting_for"}
    if "error" in exp:
        fields = got["error"].keys() if "error" in got else ERROR_FIELDS
        exp["error"] = {f: exp["error"].get(f) for f in fields}
    if "notices" in exp:
        exp["notices"] = [{f: n.get(f) for f in NOTICE_FIELDS} for n in exp["notices"]]
    return exp


def diff_outcome(expected: Outcome, got: Outcome) -> list[str]:
    """One line per differing field."""
    exp = _comparable(expected, got)
    lines = []
    for key in dict.fromkeys([*exp, *got]):
        if exp.get(key) != got.get(key):
            lines.append(f"    {key}: expected {exp.get(key)!r}\n    {' ' * len(key)}  got      {got.get(key)!r}")
    return lines


def diff_outcomes(where: str, expected: list[Outcome], results: list[Any]) -> list[str]:
    problems = []
    got = [outcome_of(r) for r in results]
    for i in range(max(len(expected), len(got))):
        head = f"{where}, statement {i + 1}"
        if i >= len(got):
            problems.append(f"{head}: missing, expected {expected[i]['query']!r} ({expected[i]['status']})")
        elif i >= len(expected):
            problems.append(f"{head}: unexpected extra result for {got[i]['query']!r}")
        else:
            lines = diff_outcome(expected[i], got[i])
            if lines:
                problems.append(f"{head} {expected[i]['query']!r}:\n" + "\n".join(lines))
    return problems


# The recorder counts a statement as waiting only once it has been blocked this
# long; one that fails by itself sooner (a 100 ms lock_timeout) is the step's
# own result.  Scenarios that need the clock replay with the same patience.
RECORDER_PATIENCE = timedelta(seconds=0.4)


class ManualClock:
    """The engine clock of a `needs: clock` replay: time moves when told."""

    def __init__(self) -> None:
        self.now = datetime(2000, 1, 1, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def _sessions(run: dict[str, Any], engine_factory: EngineFactory,
              clock: ManualClock | None) -> dict[str, Any]:
    extra: dict[str, Any] = {"clock": clock} if clock is not None else {}
    if "oids" in run:                  # recordings before OIDs were kept have none
        extra["oids"] = run["oids"]
    eng = engine_factory(first_xid=run["first_xid"], **extra)
    return {name: eng.connect(name, pid=pid) for name, pid in run["pids"].items()}


def _settle(clock: ManualClock, session: Any, own: list[Any]) -> list[Any]:
    """Let the recorder's patience pass: a statement that times out within
    it reports its error in this step instead of waiting."""
    if not session.busy:
        return own
    clock.now += RECORDER_PATIENCE
    session.engine.poll()
    if session.busy:
        return own
    return [r for r in own if r.status != "waiting"] + session.take_results()


def _play(scn: Scenario, run: dict[str, Any], engine_factory: EngineFactory,
          check: Callable[[str, dict[str, Any], list[Any], dict[str, list[Any]]], list[str]]) -> list[str]:
    """Run every step; `check(where, golden_step, own, resumed)` finds the mismatches."""
    if len(run["steps"]) != len(scn.steps):
        return [f"{scn.name}: golden has {len(run['steps'])} steps, the file {len(scn.steps)}"
                " (re-record it)"]
    clock = ManualClock() if "clock" in scn.needs else None
    sessions = _sessions(run, engine_factory, clock)
    problems: list[str] = []
    for n, (step, gstep) in enumerate(zip(scn.steps, run["steps"]), start=1):
        own = sessions[step.conn].execute(step.text)
        if clock is not None:
            own = _settle(clock, sessions[step.conn], own)
        resumed = {name: s.take_results() for name, s in sessions.items() if name != step.conn}
        where = f"{scn.name}, step {n} ({step.conn})"
        problems += check(where, gstep, own, {k: v for k, v in resumed.items() if v})
    return problems


def _check_outcomes(where: str, gstep: dict[str, Any], own: list[Any],
                    resumed: dict[str, list[Any]]) -> list[str]:
    problems = diff_outcomes(where, gstep["statements"], own)
    expected_resumed = gstep.get("resumed", {})
    for name in dict.fromkeys([*expected_resumed, *resumed]):
        problems += diff_outcomes(f"{where}, resumed on {name}",
                                  expected_resumed.get(name, []), resumed.get(name, []))
    return problems


def replay_protocol(scn: Scenario, golden: dict[str, Any], engine_factory: EngineFactory) -> list[str]:
    return _play(scn, golden["protocol"], engine_factory, _check_outcomes)


def diff_text(where: str, expected: str, got: str) -> list[str]:
    if expected == got:
        return []
    diff = difflib.unified_diff(expected.split("\n"), got.split("\n"),
                                "psql", "engine", lineterm="", n=2)
    return [f"{where}: psql text differs\n" + "\n".join("    " + line for line in diff)]


def replay_psql(scn: Scenario, golden: dict[str, Any], engine_factory: EngineFactory,
                format_results: Formatter) -> list[str]:
    def render(results: list[Any]) -> str:
        return format_results([r for r in results if r.status != "waiting"])

    def check(where: str, gstep: dict[str, Any], own: list[Any],
              resumed: dict[str, list[Any]]) -> list[str]:
        problems = diff_text(where, "\n".join(gstep["lines"]), render(own))
        expected_resumed = gstep.get("resumed", {})
        for name in dict.fromkeys([*expected_resumed, *resumed]):
            problems += diff_text(f"{where}, resumed on {name}",
                                  "\n".join(expected_resumed.get(name, [""])),
                                  render(resumed.get(name, [])))
        return problems

    return _play(scn, golden["psql"], engine_factory, check)
