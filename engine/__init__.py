"""TxLab's engine: an in-process MVCC database that behaves like PostgreSQL 15.

    from txlab.engine import Engine
    eng = Engine()
    s = eng.connect("alice")
    results = s.execute("SELECT 1")
"""
from .engine import Engine
from .errors import PgError
from .result import Notice, Result
from .session import Session

__all__ = ["Engine", "Session", "Result", "Notice", "PgError"]
