"""Record cases against real PostgreSQL 15, several throwaway clusters at once.

Recording is the scenario recorder's own (`tests.scenarios.record`):
`protocol_run` for the comparison (one libpq connection per name, each
statement's outcome field by field), `record` for a case kept as a
regression scenario (both runs, the golden the scenario suite replays).

A recording spends most of its time waiting - every lock wait is watched
for 0.4 s before it counts - so `Recorders` runs one cluster per worker
thread (each in its own socket directory, so they share nothing) and
records cases concurrently.  A case the recorder cannot settle (a step sent
to a connection PostgreSQL still has waiting, a case ending while one
waits) is returned as `Unsettled`: the engine, which guided the
generation, disagreed with PostgreSQL about a wait.
"""
from __future__ import annotations

import queue
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from tests.pg.server import Cluster, available
from tests.scenarios import golden as goldens
from tests.scenarios.record import protocol_run, record
from tests.scenarios.scenario import ScenarioError

from .case import Case, scenario

T = TypeVar("T")
WORKERS = 4                   # clusters recording at once, by default


@dataclass(frozen=True)
class Unsettled:
    """PostgreSQL could not run the case as written (see module doc)."""
    reason: str


def server_available() -> bool:
    """Are PostgreSQL's server binaries installed at all?"""
    return available()


class Recorders:
    """A pool of running clusters; use as a context manager."""

    def __init__(self, workers: int = WORKERS) -> None:
        self.workers = workers
        self.free: queue.Queue[Cluster] = queue.Queue()
        self.started: list[Cluster] = []
        self.lock = threading.Lock()

    def __enter__(self) -> "Recorders":
        with ThreadPoolExecutor(self.workers) as pool:
            for cluster in pool.map(lambda _: self._start(), range(self.workers)):
                self.free.put(cluster)
        return self

    def _start(self) -> Cluster:
        cluster = Cluster()
        with self.lock:
            self.started.append(cluster)
        cluster.start()
        cluster.wait_ready()
        return cluster

    def __exit__(self, *exc: Any) -> None:
        for cluster in self.started:
            cluster.stop()

    @contextmanager
    def cluster(self) -> Iterator[Cluster]:
        cluster = self.free.get()
        try:
            yield cluster
        finally:
            self.free.put(cluster)

    def protocol(self, case: Case) -> dict[str, Any] | Unsettled:
        """The protocol run of `case`, as a golden replay.py accepts."""
        scn = scenario(case)
        with self.cluster() as cluster:
            try:
                return {"name": scn.name, "protocol": protocol_run(cluster, scn)}
            except (ScenarioError, RuntimeError) as e:
                return Unsettled(str(e))

    def keep(self, case: Case, name: str, about: str, directory: Path) -> Path:
        """Write `case` as scenario `name` under `directory` with its golden."""
        scn = scenario(case, name, about, directory)
        with self.cluster() as cluster:
            return goldens.save(record(cluster, scn), directory / "golden")

    def map(self, fn: Callable[[T], Any], items: list[T]) -> Iterator[Any]:
        """fn over items, as many at once as there are clusters, in order."""
        with ThreadPoolExecutor(self.workers) as pool:
            yield from pool.map(fn, items)
