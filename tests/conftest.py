"""Make the repository root importable, so `tests.pg.server` and the
`tests.scenarios` package resolve the same way under pytest as under
`python -m tests.scenarios.record`."""
import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parent.parent)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
