"""One pool of throwaway PostgreSQL clusters for every test here that records.

A test that takes the `recorders` fixture is skipped only when PostgreSQL's
server binaries are not installed at all (.ci/run installs them, so in CI
these tests run)."""
from __future__ import annotations

from typing import Iterator

import pytest

from .pg import WORKERS, Recorders, server_available


@pytest.fixture(scope="session")
def recorders() -> Iterator[Recorders]:
    if not server_available():
        pytest.skip("no PostgreSQL server binaries (initdb) on this machine: install postgresql-15")
    with Recorders(WORKERS) as pool:
        yield pool
