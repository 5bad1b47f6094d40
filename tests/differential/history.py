"""Are the engine's committed SERIALIZABLE transactions serializable? A history checker.

Randomized interleavings where every transaction is SERIALIZABLE
(generate.HISTORY) run on the engine alone.  Every read shows the versions
it saw (`SELECT xmin, id, v`), every write says what it wrote (`RETURNING
xmin, id, v`), and from that alone the checker rebuilds the history:

* A multi-version model of table `t`: for each key the committed versions
  in commit order - for a key, PostgreSQL's version order *is* the commit
  order of its writers, since a second writer waits for the first and, at
  SERIALIZABLE, fails if the first commits.  A deletion is a version too
  (a tombstone), and so is a key's state before any write.
* Which version each read saw.  A transaction's snapshot is taken by its
  first statement that reads or writes; it sees its own latest write of a
  key (savepoints rolled back drop theirs), else the last version committed
  before its snapshot.  A statement reads every key its WHERE clause could
  match (a range: the keys in it, a scan or a value predicate: them all),
  present or not, which is what a predicate lock protects.  For the rows
  it returned the engine's answer is checked against the model - value and
  `xmin` - and for the keys it did not return, that the model has no
  matching row: a disagreement is a *read anomaly* (a snapshot that is not
  one, a dirty read), reported as such.  (A DELETE returns the version it
  removed: checked the same way.)
* The dependency graph between committed transactions (Adya): ww from a
  version's writer to the next version's writer, wr from a version's
  writer to its readers, rw (anti-dependency) from a reader of a version to
  the writer of the next version.  Committed SERIALIZABLE transactions
  are serializable exactly when this graph is acyclic; a cycle is reported
  with its edges and the case.

Only what a client sees is used: statement results through the public API.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from .case import KEYS, Case, Stmt
from .generate import HISTORY, Shape, generate, valid
from .runner import Done, EngineRun
from .shrink import shrink

SNAPSHOT_KINDS = ("select", "lock", "update", "insert", "upsert", "delete")


@dataclass(eq=False)
class Txn:
    """One transaction of one connection."""
    conn: str
    number: int                           # the connection's n-th transaction
    snapshot: int | None = None           # tick of its first reading/writing statement
    commit: int | None = None
    writes: list["Version"] = field(default_factory=list)      # in order, own versions
    marks: list[tuple[str, int]] = field(default_factory=list)  # savepoint, len(writes) then

    def __str__(self) -> str:
        return f"{self.conn}#{self.number}"

    def own(self, key: int) -> "Version | None":
        for version in reversed(self.writes):
            if version.key == key:
                return version
        return None


@dataclass(eq=False)
class Version:
    key: int
    value: int | None                     # None: the key has no row (deleted, never inserted)
    writer: Txn | None                    # None: the setup's state
    xmin: int | None = None


@dataclass(frozen=True)
class Read:
    txn: Txn
    version: Version


@dataclass
class History:
    """What the committed transactions did, and what went wrong reading."""
    txns: list[Txn] = field(default_factory=list)
    versions: dict[int, list[Version]] = field(default_factory=dict)   # committed, in order
    commits: dict[int, list[int]] = field(default_factory=dict)        # key -> commit ticks
    reads: list[Read] = field(default_factory=list)
    anomalies: list[str] = field(default_factory=list)

    def committed(self) -> list[Txn]:
        return [t for t in self.txns if t.commit is not None]


class Builder:
    """Replays the engine's results into a History."""

    def __init__(self, case: Case, setup_xmin: int | None) -> None:
        self.history = History()
        self.current: dict[str, Txn] = {}
        self.count: dict[str, int] = {}
        for key in KEYS:
            value = case.rows.get(key)
            self.history.versions[key] = [Version(key, value, None, setup_xmin if value is not None else None)]
            self.history.commits[key] = [0]

    def visible(self, txn: Txn, key: int) -> Version:
        own = txn.own(key)
        if own is not None:
            return own
        assert txn.snapshot is not None
        versions, ticks = self.history.versions[key], self.history.commits[key]
        return [v for v, tick in zip(versions, ticks) if tick < txn.snapshot][-1]

    def feed(self, done: Done) -> None:
        txn = self.current.get(done.conn)
        kind = done.stmt.kind
        if kind == "begin":
            if done.ok and txn is None:
                self._begin(done.conn)
            return
        if txn is None:
            return
        if kind in SNAPSHOT_KINDS and txn.snapshot is None:
            txn.snapshot = done.sent
        if kind in ("commit", "rollback"):
            self._end(txn, done)
        elif done.ok:
            self._statement(txn, done)

    def _begin(self, conn: str) -> None:
        self.count[conn] = self.count.get(conn, 0) + 1
        txn = Txn(conn, self.count[conn])
        self.current[conn] = txn
        self.history.txns.append(txn)

    def _end(self, txn: Txn, done: Done) -> None:
        del self.current[txn.conn]
        if done.stmt.kind == "commit" and done.ok and done.result.command_tag == "COMMIT":
            txn.commit = done.tick
            self._install(txn)

    def _install(self, txn: Txn) -> None:
        latest: dict[int, Version] = {}
        for version in txn.writes:
            latest[version.key] = version
        for key, version in latest.items():
            self.history.versions[key].append(version)
            self.history.commits[key].append(txn.commit or 0)

    def _statement(self, txn: Txn, done: Done) -> None:
        stmt, kind = done.stmt, done.stmt.kind
        if kind == "savepoint":
            txn.marks.append((stmt.name, len(txn.writes)))
        elif kind in ("rollback_to", "release"):
            self._savepoint_end(txn, stmt)
        elif kind in ("select", "lock", "delete"):
            self._read(txn, done, checked=True)
            if kind == "delete":
                txn.writes += [Version(int(row["id"]), None, txn) for row in done.rows()]
        elif kind == "update":
            self._read(txn, done, checked=False)
            txn.writes += [self._written(txn, row) for row in done.rows()]
        elif kind == "insert":
            txn.writes += [self._written(txn, row) for row in done.rows()]

    def _savepoint_end(self, txn: Txn, stmt: Stmt) -> None:
        names = [name for name, _ in txn.marks]
        if stmt.name not in names:
            return
        i = len(names) - 1 - names[::-1].index(stmt.name)
        if stmt.kind == "rollback_to":
            del txn.writes[txn.marks[i][1]:]
            del txn.marks[i + 1:]
        else:
            del txn.marks[i:]

    @staticmethod
    def _written(txn: Txn, row: dict[str, Any]) -> Version:
        return Version(int(row["id"]), int(row["v"]), txn, int(row["xmin"]))

    def _read(self, txn: Txn, done: Done, checked: bool) -> None:
        """Record what `done` read; check returned rows against the model.

        An UPDATE returns its new versions, so for it only which keys matched
        is checked; a SELECT or DELETE returns the versions it saw."""
        rows = {int(row["id"]): row for row in done.rows()}
        for key in sorted(done.stmt.covers()):
            version = self.visible(txn, key)
            if version.writer is not txn:
                self.history.reads.append(Read(txn, version))
            matches = version.value is not None and (
                done.stmt.v_above is None or version.value > done.stmt.v_above)
            self._check(txn, done, key, version if matches else None, rows.get(key), checked)

    def _check(self, txn: Txn, done: Done, key: int, expected: Version | None,
               row: dict[str, Any] | None, checked: bool) -> None:
        if expected is None and row is None:
            return
        if expected is not None and row is not None and (
                not checked or (int(row["v"]), int(row["xmin"])) == (expected.value, expected.xmin)):
            return
        want = "no row" if expected is None else f"v={expected.value} xmin={expected.xmin}"
        got = "no row" if row is None else f"v={row['v']} xmin={row['xmin']}"
        self.history.anomalies.append(
            f"read anomaly: {txn} {done.stmt.sql!r} for id={key}: the snapshot holds {want},"
            f" the engine answered {got}")


def build(case: Case) -> History:
    """Run `case` on a fresh engine and rebuild its history."""
    run = EngineRun(case)
    builder = Builder(case, _setup_xmin(run))
    for step in case.steps:
        for done in run.play(step).done:
            builder.feed(done)
    return builder.history


def _setup_xmin(run: EngineRun) -> int | None:
    """The xid of the setup's INSERT, which every initial row carries."""
    rows = run.sessions["setup"].execute("SELECT DISTINCT xmin FROM t")[0].rows
    return int(rows[0][0]) if len(rows) == 1 else None


# --- the dependency graph -----------------------------------------------------------------
Edge = tuple[Txn, Txn, str]


def edges(history: History) -> Iterator[Edge]:
    """ww, wr and rw edges between committed transactions."""
    for versions in history.versions.values():
        for older, newer in zip(versions, versions[1:]):
            if older.writer is not None and newer.writer is not None and older.writer is not newer.writer:
                yield older.writer, newer.writer, f"ww id={older.key}"
    for read in history.reads:
        if read.txn.commit is None:
            continue
        version, versions = read.version, history.versions[read.version.key]
        if version.writer is not None and version.writer is not read.txn:
            yield version.writer, read.txn, f"wr id={version.key}"
        if version in versions[:-1]:
            newer = versions[versions.index(version) + 1]
            if newer.writer is not None and newer.writer is not read.txn:
                yield read.txn, newer.writer, f"rw id={version.key}"


def find_cycle(history: History) -> list[Edge] | None:
    """One cycle of the dependency graph, as its edges, or None (depth-first
    search; a back edge to a node on the current path closes a cycle)."""
    graph: dict[Txn, list[Edge]] = {t: [] for t in history.committed()}
    for edge in edges(history):
        if edge[0] in graph and edge[1] in graph:
            graph[edge[0]].append(edge)
    on_path: list[Txn] = []
    path: list[Edge] = []                   # path[i] leads from on_path[i] to on_path[i + 1]
    finished: set[Txn] = set()

    def visit(node: Txn) -> list[Edge] | None:
        on_path.append(node)
        for edge in graph[node]:
            target = edge[1]
            if target in on_path:
                return path[on_path.index(target):] + [edge]
            if target not in finished:
                path.append(edge)
                found = visit(target)
                if found:
                    return found
                path.pop()
        on_path.pop()
        finished.add(node)
        return None

    for node in graph:
        if node not in finished:
            found = visit(node)
            if found:
                return found
    return None


def check(case: Case) -> list[str]:
    """Everything wrong with the engine's history of `case` (empty: serializable)."""
    return problems_of(build(case))


def problems_of(history: History) -> list[str]:
    problems = list(history.anomalies)
    cycle = find_cycle(history)
    if cycle:
        problems.append("dependency cycle among committed transactions: "
                        + ", ".join(f"{a} -{label}-> {b}" for a, b, label in cycle))
    return problems


@dataclass
class Verdict:
    """The history checker on one seed."""
    seed: int
    case: Case
    problems: list[str]
    committed: int = 0
    rw_edges: int = 0
    diverged: str = ""                      # the engine did not replay its own generation


def check_seed(seed: int, shape: Shape = HISTORY) -> Verdict:
    case = generate(seed, shape)
    try:
        history = build(case)
    except ValueError as e:
        return Verdict(seed, case, [], diverged=str(e))
    committed = set(history.committed())
    rw = sum(1 for a, b, label in edges(history)
             if label.startswith("rw") and a in committed and b in committed)
    return Verdict(seed, case, problems_of(history), len(committed), rw)


def _kind(problems: list[str]) -> str:
    return problems[0].split(":")[0] if problems else ""


def shrink_verdict(verdict: Verdict, budget: float) -> Case:
    """The smallest valid case (generate.valid) whose history still has the
    same kind of problem - engine only, so shrinking is quick."""
    kind = _kind(verdict.problems)

    def fails(case: Case) -> bool:
        try:
            return valid(case) and _kind(check(case)) == kind
        except ValueError:
            return False
    return shrink(verdict.case, fails, budget)


def summary(verdicts: list[Verdict], seconds: float) -> str:
    bad = [v for v in verdicts if v.problems]
    diverged = [v for v in verdicts if v.diverged]
    lines = [f"{len(verdicts)} SERIALIZABLE histories on the engine in {seconds:.1f} s:"
             f" {len(bad)} not serializable or with read anomalies,"
             f" {sum(v.committed for v in verdicts)} committed transactions,"
             f" {sum(v.rw_edges for v in verdicts)} rw anti-dependencies between them"]
    if diverged:
        lines.append(f"  {len(diverged)} cases ran differently than when generated (the engine is"
                     f" not deterministic): seeds {', '.join(str(v.seed) for v in diverged[:10])}")
    for v in bad:
        lines += [f"  seed {v.seed}: {p}" for p in v.problems]
    return "\n".join(lines)
