"""Print a golden as a notebook would show it: each step's SQL, then psql's text.

    python -m tests.scenarios.show NAME [NAME...]
"""
from __future__ import annotations

import sys

from . import golden as goldens
from .scenario import load


def render(name: str) -> str:
    scn, gold = load(name), goldens.load(name)
    out = [f"=== {name}: {scn.about}"]
    for step, rec in zip(scn.steps, gold["psql"]["steps"]):
        out.append(f"--- [{step.conn}]\n{step.text.rstrip()}\n>>>")
        out.append("\n".join(rec["lines"]).rstrip("\n"))
        for other, lines in rec.get("resumed", {}).items():
            out.append(f">>> resumed on {other}:\n" + "\n".join(lines).rstrip("\n"))
    return "\n".join(out)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(render(arg.removesuffix(".sql").split("/")[-1]) + "\n")
