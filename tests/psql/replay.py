"""Turn recorded wire-level results back into engine `Result` objects."""
from __future__ import annotations

import json
from pathlib import Path

from txlab.engine.errors import PgError
from txlab.engine.result import Notice, Result

GOLDEN = Path(__file__).parent / "golden"


def load(name: str) -> list[dict]:
    return json.loads((GOLDEN / name).read_text(encoding="utf-8"))


# Fields the engine's PgError and Notice may not carry (yet); the formatter
# reads them with getattr, as libpq uses them when present.
EXTRA_FIELDS = ("context", "internal_query", "internal_position")


def _with_extras(obj, fields: dict):
    for extra in EXTRA_FIELDS:
        if extra in fields:
            setattr(obj, extra, fields[extra])
    return obj


def _error(fields: dict) -> PgError:
    return _with_extras(PgError(fields["sqlstate"], fields["message"], fields.get("detail"),
                                fields.get("hint"),
                                int(fields["position"]) if "position" in fields else None,
                                fields.get("severity", "ERROR")), fields)


def _notice(fields: dict) -> Notice:
    return _with_extras(Notice(fields["severity"], fields["message"], fields.get("sqlstate", "00000"),
                               fields.get("detail"), fields.get("hint")), fields)


def result(query: str, rec: dict) -> Result:
    """One recorded result; values are kept as the text psql received."""
    status = {"ok": "ok", "error": "error", "empty": "ok"}[rec["status"]]
    return Result(
        status=status,
        command_tag=rec.get("command_tag"),
        columns=list(rec["columns"]),
        rows=[tuple(r) for r in rec["rows"]],
        error=_error(rec["error"]) if "error" in rec else None,
        notices=[_notice(n) for n in rec["notices"]],
        column_types=list(rec["column_types"]),
        query=query,
        outputs=(str,) * len(rec["columns"]),
        returns_rows=rec["returns_rows"],
    )


def results(case: dict) -> list[Result]:
    return [result(stmt["query"], rec) for stmt in case["statements"] for rec in stmt["results"]]
