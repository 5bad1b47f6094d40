"""Randomized tests of the engine's concurrency control.

* The differential test: seeded interleavings of 2-4 connections running
  small transactions at every isolation level, recorded against real
  PostgreSQL 15 with the scenario recorder and replayed on the engine,
  statement by statement; mismatches are shrunk and kept as
  `tests/scenarios/rand-*.sql` (differential.py).
* The SERIALIZABLE history checker: the same kind of interleavings, all
  SERIALIZABLE, on the engine alone; the committed transactions' dependency
  graph must be acyclic (history.py), and on a sample recorded against
  PostgreSQL the same transactions must commit (crosscheck.py).

    python -m pytest tests/differential                      the fixed-size CI runs
    python -m tests.differential.run --cases 500 --seed S    a larger differential run
    python -m tests.differential.run --history --cases 5000  a larger history run

Modules: case (the data), statements and generate (the generator),
runner (a case on the engine), pg (recording), compare, shrink,
differential, history, crosscheck, run (the command line).
"""
