"""Golden text and DOT of every diagram kind over the scenarios.

    python -m tests.widgets.golden        # rewrite tests/widgets/golden/ from the current code

Each case is (scenario, command, arguments); its outputs are
`golden/<scenario>.<command>[.<args>].txt` (the text/plain form) and
`.dot` (the DOT source).  A point in the history is named by an event, not
a number: `--at {update}` is the seq of the scenario's last `update` event,
`{vacuum}-1` the one before its last VACUUM, `{commit:alice}` alice's last
commit, so a change in how many events the engine logs moves the point with
the moment it names.  Review the diff before committing: a golden that
changes is a diagram that changed.  SVG is not kept: it depends on the
Graphviz version, and the DOT already fixes what is drawn.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from txlab.widgets.commands import run

from .scenarios import SCENARIOS, seq_of

GOLDEN = Path(__file__).resolve().parent / "golden"

CASES: list[tuple[str, str, str]] = [
    ("update_race", "versions", "accounts"),
    ("update_race", "versions", "accounts --at {update}"),       # alice's update, before her COMMIT
    ("update_race", "snapshot", "*"),
    ("update_race", "snapshot", ""),
    ("update_race", "savepoints", "alice"),
    ("update_race", "flow", "*"),
    ("update_race", "timeline", ""),
    ("update_race", "locks", ""),
    ("savepoints", "savepoints", ""),
    ("savepoints", "versions", "customers"),
    ("savepoints", "snapshot", ""),
    ("savepoints", "flow", ""),
    ("savepoints_ended", "savepoints", ""),
    ("savepoints_ended", "savepoints", "movies --at {release}"),  # the tree just before COMMIT
    ("savepoints_ended", "savepoints", "movies --at {commit}"),   # and at it
    ("savepoints_ended", "flow", ""),
    ("vacuum", "versions", "t"),
    ("vacuum", "versions", "t --at {vacuum}-1"),                # just before VACUUM removes anything
    ("vacuum", "versions", "t --at {vacuum}"),
    ("vacuum", "snapshot", "*"),
    ("deadlock", "locks", ""),
    ("deadlock", "locks", "--at {lock_wait}"),                   # alice waits, no cycle yet
    ("deadlock", "flow", "*"),          # no timeline: its hand-made events sit outside any statement
    ("engine_deadlock", "locks", ""),
    ("engine_deadlock", "flow", "*"),
    ("engine_deadlock", "timeline", ""),
    ("engine_deadlock", "versions", "accounts"),
    ("waiting", "locks", ""),
    ("row_wait", "locks", ""),
    ("row_wait", "flow", "*"),
    ("row_wait", "timeline", ""),
    ("row_wait", "snapshot", "*"),
    ("row_locks", "versions", "accounts --at {row_lock}"),       # the past shows lock-only xmax
    ("row_locks", "timeline", ""),
]


def case_name(scenario: str, command: str, args: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", args.replace("*", "all")).strip("-")
    return f"{scenario}.{command}" + (f".{slug}" if slug else "")


_POINT = re.compile(r"\{(\w+)(?::(\w+))?\}([+-]\d+)?")


def resolve(engine, args: str) -> str:
    """`args` with each {kind[:conn]}[+-n] replaced by that event's seq."""
    return _POINT.sub(lambda m: str(seq_of(engine, m[1], m[2]) + int(m[3] or 0)), args)


def render_case(scenario: str, command: str, args: str) -> tuple[str, str]:
    """(text, dot) of one case, from a fresh run of its scenario."""
    engine, conn = SCENARIOS[scenario]()
    (data,) = run(command, resolve(engine, args), {"engine": engine, "connection": conn, "widgets": False})
    return data["text/plain"] + "\n", data["text/vnd.graphviz"]


def main() -> int:
    GOLDEN.mkdir(exist_ok=True)
    wanted = set()
    for case in CASES:
        name = case_name(*case)
        text, dot = render_case(*case)
        for suffix, body in ((".txt", text), (".dot", dot)):
            path = GOLDEN / (name + suffix)
            wanted.add(path)
            if not path.exists() or path.read_text() != body:
                path.write_text(body)
                print(f"wrote {path.relative_to(GOLDEN.parent.parent.parent)}")
    for stale in set(GOLDEN.iterdir()) - wanted:
        stale.unlink()
        print(f"removed {stale.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
