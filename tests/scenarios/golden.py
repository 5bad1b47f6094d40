"""Golden files: what PostgreSQL 15 did with one scenario.

`golden/<name>.json` holds two recordings of the same scenario file::

    {
      "name", "about", "needs",
      "source_digest":  hash of the .sql file (a stale golden fails the tests),
      "server_version": e.g. "15.18",
      "protocol": {                  # run 1: one libpq connection per name
        "first_xid": 735,            # pg_snapshot_xmax(pg_current_snapshot()) before setup
        "next_xid": 741,             # the xid after the last step: the scenario used 735..740
        "pids": {"setup": 4101, "alice": 4102, ...},
        "oids": {"database": 16384, "t": 16385, "t_pkey": 16388},   # after the last step
        "steps": [
          {"conn": "setup", "statements": [OUTCOME, ...]},
          {"conn": "bob", "statements": [...],
           "resumed": {"alice": [OUTCOME, ...]}}   # finished during this step
        ]},
      "psql": {                      # run 2: one `psql -X` process per name
        "first_xid": 790, "next_xid": 796, "pids": {...},
        "steps": [{"conn": "setup", "lines": [...], "resumed": {"alice": [...]}}]}
    }

OUTCOME is one statement as psql would have sent it::

    {"query": "...", "status": "ok" | "error" | "waiting",
     "tag": "UPDATE 1",                           # ok only
     "columns": [...], "types": [OIDs], "rows": [[text or null, ...]],
                                                  # only when a row set came back
     "error": {"severity", "sqlstate", "message", "detail", "hint",
               "position", "context"},            # error only; absent fields omitted
     "notices": [{"severity", "sqlstate", "message", "detail", "hint"}],
     "waiting_for": ["bob"]}                      # waiting only: who blocks it

psql `lines` are the text psql printed for that step (stdout and stderr
merged in order), split at newlines, so `"\\n".join(lines)` is the exact text.

The JSON is pretty-printed with small containers on one line, so a diff of
a re-recording reads statement by statement.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .scenario import SCENARIO_DIR

GOLDEN_DIR = SCENARIO_DIR / "golden"
WIDTH = 100


def path_for(name: str, directory: Path = GOLDEN_DIR) -> Path:
    return directory / f"{name}.json"


def load(name: str, directory: Path = GOLDEN_DIR) -> dict[str, Any]:
    return json.loads(path_for(name, directory).read_text())


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def dumps(value: Any, indent: int = 0) -> str:
    """JSON with one statement, notice or row per line where they fit."""
    flat = _compact(value)
    if not isinstance(value, (dict, list)) or indent + len(flat) <= WIDTH or not value:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        items = [f"{pad}{_compact(k)}: {dumps(v, indent + 2)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [pad + dumps(v, indent + 2) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def save(golden: dict[str, Any], directory: Path = GOLDEN_DIR) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = path_for(golden["name"], directory)
    path.write_text(dumps(golden) + "\n")
    return path


def _relative(value: Any, pids: dict[str, int], first: int, nxt: int) -> Any:
    if isinstance(value, dict):
        return {k: _relative(v, pids, first, nxt) for k, v in value.items()}
    if isinstance(value, list):
        return [_relative(v, pids, first, nxt) for v in value]
    if not isinstance(value, str):
        return value
    for name, pid in pids.items():
        value = re.sub(rf"\b{pid}\b", f"pid:{name}", value)

    def xid(m: re.Match[str]) -> str:
        n = int(m.group(2))
        if not first <= n < nxt:
            return m.group(0)
        return (" " if m.group(1) else "") + f"xid+{n - first}"   # padding depends on digits
    return re.sub(r"( *)(?<![\w:+-])(?<!\d\.)(\d+)(?![\w-]|\.\d)", xid, value)


def normalized(run: dict[str, Any]) -> list[Any]:
    """A run's steps with pids and xids written relative to the run.

    Two recordings of one scenario differ only in the backend pids and in
    the xids (which depend on what the cluster did before).  With pids in
    the texts replaced by `pid:NAME` and xids in [first_xid, next_xid) by
    `xid+K` (psql's padding before it reduced to one space, as it depends
    on the number of digits), they must be equal.  Numbers in the data
    that fall into that range would be rewritten too: compare scenarios
    whose data avoids it.
    """
    return _relative(run["steps"], run["pids"], run["first_xid"], run["next_xid"])
