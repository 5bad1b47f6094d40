"""Mangled SQL never reaches Python: statements of the scenario files, with
tokens dropped, repeated and swapped, run on two connections of one engine.
Each must answer as PostgreSQL would answer bad input, with an error that
has a SQLSTATE, never an internal error (XX000) or an exception.  The
mutations are seeded, so a failure names a reproducible statement."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from txlab.engine import Engine

SCENARIOS = Path(__file__).parent.parent / "scenarios"
TOKEN = re.compile(r"\w+|'[^']*'|\S")
SETUP = ("CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL); INSERT INTO t VALUES (1, 10), (2, 20);"
         "CREATE TABLE accounts (id int PRIMARY KEY, balance numeric(10,2) CHECK (balance >= 0));"
         "INSERT INTO accounts VALUES (1, 5000), (2, 3000);")


def corpus() -> list[str]:
    out = []
    for path in sorted(SCENARIOS.glob("*.sql")):
        for piece in path.read_text().split(";"):
            text = "\n".join(line for line in piece.splitlines() if not line.startswith("--")).strip()
            if text and not text.startswith("\\"):
                out.append(text)
    return out


def mutate(rng: random.Random, sql: str, vocabulary: list[str]) -> str:
    toks = TOKEN.findall(sql)
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(toks)) if toks else 0
        op = rng.random()
        if op < 0.3 and toks:
            del toks[i]
        elif op < 0.6:
            toks.insert(i, rng.choice(vocabulary))
        elif toks:
            toks[i] = rng.choice(vocabulary)
    return " ".join(toks)


@pytest.mark.parametrize("seed", range(4))
def test_mangled_statements_get_postgresql_errors(seed: int) -> None:
    statements = corpus()
    vocabulary = [tok for s in statements for tok in TOKEN.findall(s)]
    rng = random.Random(seed)
    for _ in range(60):
        eng = Engine()
        sessions = [eng.connect("a"), eng.connect("b")]
        sessions[0].execute(SETUP)
        for _ in range(30):
            sql = rng.choice(statements)
            if rng.random() < 0.8:
                sql = mutate(rng, sql, vocabulary)
            for r in rng.choice(sessions).execute(sql + ";"):
                assert r.status != "error" or (r.error.sqlstate != "XX000" and len(r.error.sqlstate) == 5), sql
            assert eng.last_internal_error is None, f"{sql}\n{eng.last_internal_error}"
