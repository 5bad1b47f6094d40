"""The engine's memory policy (engine/memory.py) must not leak.

Objects are frozen out of the cyclic collector at every transaction end, so
any reference cycle the engine drops afterwards would be leaked for good.
The test runs statements that drop plans, tables and versions, then thaws
the frozen objects and asks the collector how much unreachable garbage it
finds: every object it collects would have been leaked."""
from __future__ import annotations

import gc

from txlab.engine import Engine


def test_engine_drops_no_reference_cycles():
    eng = Engine()
    s = eng.connect("a")
    s.execute("CREATE TABLE t (id int PRIMARY KEY, v varchar(20))")
    gc.unfreeze()
    gc.collect()
    for i in range(200):
        s.execute(f"SELECT 'x{i}'::varchar(5) FROM t ORDER BY 1")      # uncacheable plan
        s.execute(f"CREATE TABLE tmp{i % 3} (a int); DROP TABLE tmp{i % 3}")   # drops cached plans
        s.execute(f"INSERT INTO t VALUES ({i}, 'a'); UPDATE t SET v = 'b' WHERE id = {i}")
        s.execute(f"DELETE FROM t WHERE id = {i}; VACUUM t")              # removes versions
        s.execute("SELECT * FROM nonexistent")                           # an error
    gc.unfreeze()
    leaked = gc.collect()
    assert leaked < 100, f"{leaked} objects in dropped reference cycles"
