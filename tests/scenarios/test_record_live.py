"""The recorder, run for real: it must still produce the committed goldens.

Three scenarios are re-recorded in a fresh throwaway cluster (PostgreSQL 15
must be installed; .ci/run installs it, so this test never skips) and
compared with their goldens run by run, after writing pids and xids
relative to each run (golden.normalized): one with errors and notices, one
with a lock wait and a resumed statement, one printing xids.
"""
from __future__ import annotations

import difflib
from pathlib import Path

from . import golden as goldens
from .record import record_all
from .scenario import load

LIVE = ["acid-emails-savepoint-duplicate", "lock-book-duplicate-key-commit",
        "savepoint-subtransaction-xids"]


def _diff(expected: object, got: object) -> str:
    return "\n".join(difflib.unified_diff(goldens.dumps(expected).splitlines(),
                                          goldens.dumps(got).splitlines(),
                                          "committed", "re-recorded", lineterm=""))


def test_recorder_reproduces_committed_goldens(tmp_path: Path) -> None:
    record_all([load(n) for n in LIVE], tmp_path, log=lambda _msg: None)
    problems = []
    for name in LIVE:
        old, new = goldens.load(name), goldens.load(name, tmp_path)
        assert new["source_digest"] == old["source_digest"], f"{name}: golden is stale"
        for run in ("protocol", "psql"):
            a, b = goldens.normalized(old[run]), goldens.normalized(new[run])
            if a != b:
                problems.append(f"{name} ({run} run):\n{_diff(a, b)}")
    assert not problems, "\n\n".join(problems)
