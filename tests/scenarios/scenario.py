"""Scenario files: the spec of TxLab as SQL a learner could type.

Format (DESIGN §8)::

    -- name: rc-nonrepeatable-read          file stem, required
    -- about: one line saying what it shows  required
    -- needs: locks                         optional: features of a later issue
    -- setup                                optional, autocommit, own connection
    CREATE TABLE ...;
    -- step alice                           one notebook cell on connection alice
    BEGIN;
    ...

Other `--` lines in the header are free comments.  A step is everything up
to the next `-- setup` / `-- step NAME` line; comments inside it are SQL
comments (psql drops leading ones).  Every statement of a step must end
with `;`, so a step can be piped to psql followed by a marker line.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .split import split_statements

SCENARIO_DIR = Path(__file__).resolve().parent
SETUP = "setup"
_HEADER = re.compile(r"^--\s*(name|about|needs):\s*(.*?)\s*$")
_STEP = re.compile(r"^--\s*step\s+([A-Za-z_][A-Za-z0-9_]*)\s*$")
_SETUP = re.compile(r"^--\s*setup\s*$")


@dataclass
class Step:
    conn: str
    text: str

    def statements(self) -> list[str]:
        return split_statements(self.text)


@dataclass
class Scenario:
    name: str
    about: str
    path: Path
    source: str
    needs: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)   # steps[0] is always the setup

    @property
    def digest(self) -> str:
        """Hash of the file, stored in the golden to catch stale recordings."""
        return hashlib.sha256(self.source.encode()).hexdigest()[:16]

    def connections(self) -> list[str]:
        """setup first, then the step connections in order of first use."""
        names = [SETUP]
        for step in self.steps:
            if step.conn not in names:
                names.append(step.conn)
        return names


class ScenarioError(ValueError):
    pass


def _parse_header(path: Path, lines: list[str]) -> tuple[dict[str, str], int]:
    header: dict[str, str] = {}
    for i, line in enumerate(lines):
        if _STEP.match(line) or _SETUP.match(line):
            return header, i
        m = _HEADER.match(line)
        if m:
            header[m.group(1)] = m.group(2)
        elif line.strip() and not line.startswith("--"):
            raise ScenarioError(f"{path.name}:{i + 1}: SQL before the first '-- setup'/'-- step'")
    raise ScenarioError(f"{path.name}: no '-- setup' or '-- step' section")


def _parse_steps(lines: list[str]) -> list[Step]:
    steps: list[Step] = []
    for line in lines:
        m = _STEP.match(line)
        if m or _SETUP.match(line):
            steps.append(Step(m.group(1) if m else SETUP, ""))
        else:
            steps[-1].text += line + "\n"
    return steps


def _check(scn: Scenario) -> None:
    if scn.name != scn.path.stem:
        raise ScenarioError(f"{scn.path.name}: name {scn.name!r} differs from the file name")
    if not scn.about:
        raise ScenarioError(f"{scn.path.name}: '-- about:' is missing")
    if [s.conn for s in scn.steps[1:]].count(SETUP):
        raise ScenarioError(f"{scn.path.name}: '-- setup' must come first and only once")
    for step in scn.steps:
        stmts = step.statements()
        if stmts and not stmts[-1].rstrip().endswith(";"):
            raise ScenarioError(f"{scn.path.name}: step {step.conn}: last statement lacks ';'")


def parse(path: Path) -> Scenario:
    source = path.read_text()
    lines = source.splitlines()
    header, start = _parse_header(path, lines)
    steps = _parse_steps(lines[start:])
    if steps[0].conn != SETUP:
        steps.insert(0, Step(SETUP, ""))
    needs = [n.strip() for n in header.get("needs", "").split(",") if n.strip()]
    scn = Scenario(header.get("name", ""), header.get("about", ""), path, source, needs, steps)
    _check(scn)
    return scn


def all_paths() -> list[Path]:
    return sorted(SCENARIO_DIR.glob("*.sql"))


def load(name: str) -> Scenario:
    return parse(SCENARIO_DIR / f"{name}.sql")


def load_all() -> list[Scenario]:
    return [parse(p) for p in all_paths()]
