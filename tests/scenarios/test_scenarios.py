"""One test per scenario and recording run: the engine must do what PostgreSQL did.

`test_protocol[NAME]` compares statement outcomes field by field,
`test_psql[NAME]` compares the text psql printed.  A scenario whose header
says `-- needs: FEATURE` (a later issue's feature, e.g. locks) is xfailed,
with that reason, exactly while the engine does not list FEATURE in
`Engine.features`; once it does, the scenario passes or fails like any
other.  No other scenario is ever skipped or xfailed:
`python -m tests.scenarios.record --list` shows which scenarios need what.
"""
from __future__ import annotations

import signal
import traceback
from contextlib import contextmanager
from typing import Any, Callable, Iterator

import pytest

from . import golden as goldens
from .replay import replay_protocol, replay_psql
from .scenario import Scenario, all_paths, parse

# Engine capabilities a scenario may need (see Engine.features), and what
# TxLab knowingly does not model (docs/differences.md): VACUUM VERBOSE's
# buffer statistics.
KNOWN_FEATURES = {"locks", "clock", "vacuum-verbose"}
SHOWN = 6                 # mismatches printed per scenario
REPLAY_TIMEOUT = 60       # seconds: a runaway engine loop fails one test, not the whole run
SCENARIOS = {p.stem: p for p in all_paths()}


def _engine() -> Any:
    from txlab.engine import Engine
    return Engine


def missing_features(scn: Scenario, engine: Any) -> list[str]:
    supported = set(getattr(engine, "features", ()))
    return [n for n in scn.needs if n not in supported]


def _load(name: str) -> tuple[Scenario, dict[str, Any]]:
    scn = parse(SCENARIOS[name])
    gold = goldens.load(name)
    if gold["source_digest"] != scn.digest:
        pytest.fail(f"{name}.sql changed since its golden was recorded: "
                    f"python -m tests.scenarios.record {name}", pytrace=False)
    return scn, gold


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    def fire(_signum: int, _frame: Any) -> None:
        raise TimeoutError(f"the replay took longer than {seconds} s")
    previous = signal.signal(signal.SIGALRM, fire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _judge(scn: Scenario, run: Callable[[], list[str]]) -> None:
    engine = _engine()
    missing = missing_features(scn, engine)
    try:
        with _deadline(REPLAY_TIMEOUT):
            problems = run()
    except Exception:
        if not missing:
            raise
        problems = [traceback.format_exc()]
    if not problems:
        return
    if missing:
        pytest.xfail(f"needs: {', '.join(missing)} (not in Engine.features)")
    shown = problems[:SHOWN]
    if len(problems) > SHOWN:
        shown.append(f"... and {len(problems) - SHOWN} more mismatches (often consequences of the first)")
    pytest.fail(f"{scn.name}: the engine differs from PostgreSQL\n\n" + "\n\n".join(shown),
                pytrace=False)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_protocol(name: str) -> None:
    scn, gold = _load(name)
    _judge(scn, lambda: replay_protocol(scn, gold, _engine()))


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_psql(name: str) -> None:
    scn, gold = _load(name)

    def run() -> list[str]:
        from txlab.engine.psql import format_results
        return replay_psql(scn, gold, _engine(), format_results)
    _judge(scn, run)


def test_every_scenario_has_a_golden_and_vice_versa() -> None:
    stems = set(SCENARIOS)
    recorded = {p.stem for p in goldens.GOLDEN_DIR.glob("*.json")}
    assert stems - recorded == set(), "scenarios never recorded"
    assert recorded - stems == set(), "goldens without a scenario"


def test_needs_are_known_features() -> None:
    """The only reason a scenario may be xfailed is a known, named feature."""
    for name, path in SCENARIOS.items():
        unknown = set(parse(path).needs) - KNOWN_FEATURES
        assert not unknown, f"{name}: unknown needs {unknown}"
