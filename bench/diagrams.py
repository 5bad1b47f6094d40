"""How long a diagram of a long version chain takes: facts, DOT, SVG.

    python -m bench.diagrams [--versions 1000] [--rounds 5]

Method.  One row of a table is updated in autocommit until its chain has
`--versions` versions (an open REPEATABLE READ reader keeps them all from
pruning and VACUUM), then
\\versions of that table is built the way the kernel builds it, timing
separately, as the median of `--rounds` runs:

* facts: txlab.engine.inspect.versions (heap scan, visibility of every
  version for every connection, the VACUUM horizon);
* DOT: facts plus the collapsed diagram (text form and DOT source);
* SVG: Graphviz laying out and drawing that DOT, with the render cache
  emptied first (`dot` on PATH, else pygraphviz);
* the same DOT and SVG with `--all`, nothing collapsed, for comparison.

The target is half a second each for the collapsed diagram.  A past view
(`--at`) adds one replay of the event log, timed last.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from typing import Callable

TARGET = 0.5


def _median(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _engine(versions: int):
    """A `versions`-long chain, kept alive by an open REPEATABLE READ reader
    (without one, pruning frees dead versions as pages fill)."""
    from txlab.engine import Engine
    eng = Engine()
    s, reader = eng.connect("psql"), eng.connect("reader")
    s.execute("CREATE TABLE counter (id int PRIMARY KEY, n int)")
    s.execute("INSERT INTO counter VALUES (1, 0)")
    reader.execute("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT * FROM counter")
    for _ in range(versions - 1):
        s.execute("UPDATE counter SET n = n + 1 WHERE id = 1")
    return eng


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--versions", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)

    from txlab.engine import inspect as I
    from txlab.widgets import render, versions

    eng = _engine(args.versions)
    chain = I.versions(eng, "counter").chains[0]
    assert len(chain.versions) == args.versions, len(chain.versions)
    renderer = render.renderer()

    def svg(full: bool) -> Callable[[], object]:
        def draw() -> object:
            render._CACHE.clear()
            return render.render(versions.build(eng, "counter", full=full).dot)
        return draw

    rows = [("facts (inspect.versions)", _median(lambda: I.versions(eng, "counter"), args.rounds)),
            ("DOT, collapsed", _median(lambda: versions.build(eng, "counter"), args.rounds))]
    if renderer:
        rows.append(("DOT + SVG, collapsed", _median(svg(False), args.rounds)))
    rows.append(("DOT, --all", _median(lambda: versions.build(eng, "counter", full=True), args.rounds)))
    if renderer:
        rows.append(("DOT + SVG, --all", _median(svg(True), max(1, args.rounds // 2))))
    at = I.last_seq(eng) - 1
    rows.append(("DOT of the past (--at, replay)",
                 _median(lambda: (I._CACHE.pop(eng, None), versions.build(eng, "counter", at=at)), args.rounds)))

    print(f"\\versions of a {args.versions}-version chain; median of {args.rounds} rounds; "
          f"SVG by {renderer or 'nothing (no dot, no pygraphviz)'}")
    for name, seconds in rows:
        verdict = "" if "--all" in name else ("  ok" if seconds < TARGET else f"  over {TARGET} s")
        print(f"  {name:<34} {seconds * 1000:8.1f} ms{verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
