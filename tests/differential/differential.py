"""The randomized differential test: generated cases, PostgreSQL vs the engine.

For each seed: generate a case (generate.py), record it against a
throwaway PostgreSQL 15 (pg.py), replay it on the engine and compare
statement by statement (compare.py).  Mismatches are grouped by signature;
one case per signature is shrunk (shrink.py) and can be kept as a
regression scenario `tests/scenarios/rand-<topic>-<n>.sql` with its golden.
`run.py` is the command line, `test_differential.py` the fixed-size CI run.
"""
from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.scenarios import golden as goldens
from tests.scenarios.scenario import SCENARIO_DIR

from .case import Case, Step, render
from .compare import Mismatch, compare
from .crosscheck import cross_check
from .generate import Shape, generate
from .pg import Recorders, Unsettled
from .shrink import same_mismatch, shrink, still_unsettled
from .statements import ROLLBACK

OIDS = re.compile(r"of relation \d+ of database \d+")
UNSETTLED = "unsettled: PostgreSQL waited where the engine did not"
TOPICS = {"40001": "serialization", "40P01": "deadlock", "23505": "duplicate-key",
          "55P03": "nowait", "25P02": "aborted"}


@dataclass
class Checked:
    """What happened to one seed."""
    seed: int
    case: Case
    verdict: str                          # "ok", "unsettled" or "mismatch"
    seconds: float
    mismatch: Mismatch | None = None
    reason: str = ""
    waits: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    fates: list[str] = field(default_factory=list)      # SERIALIZABLE cases: crosscheck.py


def _statements(golden: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for step in golden["protocol"]["steps"][1:]:
        out += step["statements"]
        for resumed in step.get("resumed", {}).values():
            out += resumed
    return out


def check_seed(recorders: Recorders, seed: int, shape: Shape | None = None) -> Checked:
    """Generate, record and compare the case of one seed (of `shape`; the
    history checker's SERIALIZABLE cases also compare transaction fates)."""
    started = time.monotonic()
    case = generate(seed, shape)
    golden = recorders.protocol(case)
    elapsed = time.monotonic() - started
    if isinstance(golden, Unsettled):
        return Checked(seed, case, "unsettled", elapsed, reason=golden.reason)
    outcomes = _statements(golden)
    waits = sum(o["status"] == "waiting" for o in outcomes)
    errors = Counter(o["error"].get("sqlstate") for o in outcomes if o["status"] == "error")
    fates, found = cross_check(case, golden) if shape and shape.history else ([], compare(case, golden))
    return Checked(seed, case, "ok" if found is None else "mismatch", time.monotonic() - started,
                   found, waits=waits, errors=errors, fates=fates)


def check_seeds(recorders: Recorders, seeds: list[int], shape: Shape | None = None) -> list[Checked]:
    return list(recorders.map(lambda s: check_seed(recorders, s, shape), seeds))


def problem(checked: Checked) -> str | None:
    """The kind of problem a seed showed: its signature, UNSETTLED or None."""
    if checked.verdict == "unsettled":
        return UNSETTLED
    return None if checked.mismatch is None else checked.mismatch.signature


def by_signature(checked: list[Checked]) -> dict[str, list[Checked]]:
    """Seeds with a problem grouped by its kind, the smallest case first."""
    groups: dict[str, list[Checked]] = {}
    for c in checked:
        kind = problem(c)
        if kind is not None:
            groups.setdefault(kind, []).append(c)
    for group in groups.values():
        group.sort(key=lambda c: (c.case.statement_count(), c.seed))
    return groups


def minimize(recorders: Recorders, checked: Checked, budget: float) -> tuple[Case, Mismatch] | None:
    """Shrink a case with a problem; returns a small recordable case and its
    mismatch, or None for an unsettled case no recordable form was found for."""
    if checked.mismatch is None:
        return minimize_unsettled(recorders, checked, budget)
    small = shrink(checked.case, same_mismatch(recorders, checked.mismatch.signature), budget)
    golden = recorders.protocol(small)
    found = None if isinstance(golden, Unsettled) else compare(small, golden)
    return (small, found) if found is not None else (checked.case, checked.mismatch)


def _settled_mismatch(recorders: Recorders, case: Case) -> Mismatch | None:
    """The mismatch of `case` if PostgreSQL settles it, the same way twice."""
    first, second = recorders.protocol(case), recorders.protocol(case)
    if isinstance(first, Unsettled) or isinstance(second, Unsettled):
        return None
    if goldens.normalized(first["protocol"]) != goldens.normalized(second["protocol"]):
        return None
    return compare(case, first)


def repair(recorders: Recorders, case: Case, deadline: float) -> tuple[Case, Mismatch] | None:
    """A recordable case showing why PostgreSQL could not settle `case`.

    Such a case ends with a step sent to a connection that PostgreSQL has
    waiting (the engine did not): cut the case before that step and end it
    with one connection's ROLLBACK, which releases the waiter - trying each
    connection, and shorter cuts, until PostgreSQL settles it.  The engine's
    rules no longer vouch for a deterministic recording, so it must record
    the same way twice.  Gives up at `deadline` (time.monotonic())."""
    for cut in range(len(case.steps), 0, -1):
        for name in case.connections():
            if time.monotonic() > deadline:
                return None
            candidate = case.with_steps(case.steps[:cut] + [Step(name, (ROLLBACK,))])
            found = _settled_mismatch(recorders, candidate)
            if found is not None:
                return candidate, found
    return None


def minimize_unsettled(recorders: Recorders, checked: Checked,
                       budget: float) -> tuple[Case, Mismatch] | None:
    """Shrink a case PostgreSQL could not settle, then make it recordable."""
    deadline = time.monotonic() + budget
    small = shrink(checked.case, still_unsettled(recorders), budget * 0.7)
    return repair(recorders, small, deadline)


def topic(signature: str) -> str:
    """A file-name topic for a signature: the statement and what went wrong."""
    kind = signature.split(":")[0]
    codes = [TOPICS[c] for c in re.findall(r"\b[0-9A-Z]{5}\b", signature) if c in TOPICS]
    fields = signature.rsplit("[", 1)[-1]
    what = (codes[0] if codes else "wait" if "waiting" in signature
            else "xmin" if "rows.xmin" in fields else "rows" if "rows" in fields else "outcome")
    return f"{kind}-{what}".replace("_", "-")


def free_name(stem: str, directory: Path = SCENARIO_DIR) -> str:
    n = 1
    while (directory / f"rand-{stem}-{n}.sql").exists():
        n += 1
    return f"rand-{stem}-{n}"


def keep(recorders: Recorders, case: Case, mismatch: Mismatch, seed: int,
         directory: Path = SCENARIO_DIR, stem: str | None = None) -> Path | None:
    """Write the case as regression scenario rand-<stem>-<n> with its golden;
    returns the .sql, or None (nothing written) when PostgreSQL's output names
    OIDs, which differ from one recording to the next."""
    name = free_name(stem or topic(mismatch.signature), directory)
    about = f"found by the randomized differential test (seed {seed}, shrunk): {mismatch.signature}"
    golden = recorders.keep(case, name, about, directory)
    if OIDS.search(golden.read_text()):
        golden.unlink()
        (directory / f"{name}.sql").unlink()
        return None
    return directory / f"{name}.sql"


def describe(case: Case, mismatch: Mismatch | None, shown: int = 6) -> str:
    """A mismatch for a human: the case as a scenario, then the differences."""
    if mismatch is None:
        return f"{UNSETTLED}\n\n" + render(case, "rand-case", case.label)
    problems = mismatch.problems[:shown]
    if len(mismatch.problems) > shown:
        problems.append(f"... and {len(mismatch.problems) - shown} more")
    return (f"{mismatch.signature}\n\n" + render(case, "rand-case", case.label)
            + "\n" + "\n\n".join(problems))


def summary(checked: list[Checked], seconds: float) -> str:
    verdicts = Counter(c.verdict for c in checked)
    errors: Counter[str] = sum((c.errors for c in checked), Counter())
    lines = [f"{len(checked)} cases in {seconds:.0f} s: {verdicts['ok']} agree,"
             f" {verdicts['mismatch']} mismatch, {verdicts['unsettled']} unsettled",
             f"  {sum(c.case.statement_count() for c in checked)} statements,"
             f" {sum(c.waits for c in checked)} lock waits in PostgreSQL,"
             f" errors: {dict(sorted(errors.items()))}"]
    for c in checked:
        for fate in c.fates:
            lines.append(f"  seed {c.seed}: transaction {fate}")
    for sig, group in by_signature(checked).items():
        lines.append(f"  x{len(group)} {sig} (seeds {', '.join(str(c.seed) for c in group[:8])})")
    return "\n".join(lines)
