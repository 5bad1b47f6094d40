"""Golden text and DOT of every diagram kind over the scenarios.

    python -m tests.widgets.golden        # rewrite tests/widgets/golden/ from the current code

Each case is (scenario, command, arguments); its outputs are
`golden/<scenario>.<command>[.<args>].txt` (the text/plain form) and
`.dot` (the DOT source).  Review the diff before committing: a golden that
changes is a diagram that changed.  SVG is not kept: it depends on the
Graphviz version, and the DOT already fixes what is drawn.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from txlab.widgets.commands import run

from .scenarios import SCENARIOS

GOLDEN = Path(__file__).resolve().parent / "golden"

CASES: list[tuple[str, str, str]] = [
    ("update_race", "versions", "accounts"),
    ("update_race", "versions", "accounts --at 17"),
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
    ("savepoints_ended", "savepoints", "movies --at 27"),
    ("savepoints_ended", "savepoints", "movies --at 28"),
    ("savepoints_ended", "flow", ""),
    ("vacuum", "versions", "t"),
    ("vacuum", "versions", "t --at 29"),
    ("vacuum", "versions", "t --at 30"),
    ("vacuum", "snapshot", "*"),
    ("deadlock", "locks", ""),
    ("deadlock", "locks", "--at 20"),
    ("deadlock", "flow", "*"),
    ("deadlock", "timeline", ""),
    ("engine_deadlock", "locks", ""),
    ("engine_deadlock", "flow", "*"),
    ("engine_deadlock", "timeline", ""),
    ("engine_deadlock", "versions", "accounts"),
    ("waiting", "locks", ""),
    ("row_wait", "locks", ""),
    ("row_wait", "flow", "*"),
    ("row_wait", "timeline", ""),
    ("row_wait", "snapshot", "*"),
]


def case_name(scenario: str, command: str, args: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", args.replace("*", "all")).strip("-")
    return f"{scenario}.{command}" + (f".{slug}" if slug else "")


def render_case(scenario: str, command: str, args: str) -> tuple[str, str]:
    """(text, dot) of one case, from a fresh run of its scenario."""
    engine, conn = SCENARIOS[scenario]()
    (data,) = run(command, args, {"engine": engine, "connection": conn, "widgets": False})
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
