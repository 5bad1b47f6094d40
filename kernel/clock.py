"""The notebook clock: where the engine's `now()` comes from.

A notebook must print the same thing on every run, so `now()` cannot follow
the wall clock there.  The kernel hands the engine a `NotebookClock`, which
runs in one of two modes:

* **real** (the default of a fresh kernel): the wall clock, in UTC;
* **fixed**: a chosen instant that moves only when TxLab moves it, so every
  run prints the same timestamps.  It moves

  - by ``step`` before each SQL statement the kernel sends (0 by default:
    the clock stands still; ``\\clock ... step 1s`` makes successive
    statements one second apart, which shows that ``now()`` stays put
    inside a transaction while ``statement_timestamp()`` does not);
  - by ``\\clock +5s`` (jump forward once);
  - while a statement waits for a lock with a finite ``lock_timeout`` or
    ``statement_timeout``: the cell really sleeps, and the clock advances by
    the time slept, never past the deadline, so the timeout fires at
    exactly the deadline and the result is the same on every run.

A notebook fixes the clock with its metadata (``metadata.txlab.clock =
"2024-01-01T09:00:00+00:00"``, optionally ``metadata.txlab.clock_step``
in seconds), which the kernel reads from the first execute request that
carries it, or with the meta-command ``\\clock 2024-01-01 09:00:00+00``.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

__all__ = ["NotebookClock", "parse_instant", "parse_duration", "ClockError"]


class ClockError(ValueError):
    """A clock argument that cannot be understood (the message says why)."""


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|secs|second|seconds|min|mins|minute|minutes|h|hour|hours|d|day|days)?\s*$")
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
                 "min": 60, "mins": 60, "minute": 60, "minutes": 60,
                 "h": 3600, "hour": 3600, "hours": 3600, "d": 86400, "day": 86400, "days": 86400}


def parse_duration(text: str) -> timedelta:
    """``1s``, ``250ms``, ``2 min``, ``1.5`` (seconds) -> timedelta."""
    m = _DURATION.match(text)
    if not m:
        raise ClockError(f'invalid duration "{text}" (examples: 1s, 250ms, 2min)')
    return timedelta(seconds=float(m.group(1)) * _UNIT_SECONDS[m.group(2) or "s"])


def parse_instant(text: str) -> datetime:
    """An ISO-8601-like timestamp with a zone; UTC when the zone is missing.

    Accepts what a notebook author types: ``2024-01-01T09:00:00+00:00``,
    ``2024-01-01 09:00:00+00``, ``2024-01-01 09:00``, ``2024-01-01``.
    """
    t = text.strip()
    if re.search(r"[+-]\d\d$", t):                # PostgreSQL's short zone form: +00
        t += ":00"
    if t.endswith(("Z", "z")):
        t = t[:-1] + "+00:00"
    try:
        value = datetime.fromisoformat(t)
    except ValueError:
        raise ClockError(f'invalid timestamp "{text}" (example: 2024-01-01 09:00:00+00)') from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value


class NotebookClock:
    """A callable returning a timezone-aware datetime, as `Engine(clock=...)` wants."""

    def __init__(self) -> None:
        self.fixed: datetime | None = None        # None: real mode
        self.start: datetime | None = None        # the instant the notebook asked for
        self.step = timedelta(0)

    def __call__(self) -> datetime:
        if self.fixed is None:
            return datetime.now(timezone.utc)
        return self.fixed

    @property
    def is_fixed(self) -> bool:
        return self.fixed is not None

    def fix(self, instant: datetime, step: timedelta | None = None) -> None:
        self.fixed = self.start = instant
        if step is not None:
            self.step = step

    def set_real(self) -> None:
        self.fixed = self.start = None
        self.step = timedelta(0)

    def restart(self) -> None:
        """Back to the instant the notebook asked for (a fresh database)."""
        self.fixed = self.start

    def advance(self, delta: timedelta) -> None:
        """Move a fixed clock forward; a real clock moves by itself."""
        if self.fixed is not None and delta > timedelta(0):
            self.fixed += delta

    def before_statement(self) -> None:
        if self.step:
            self.advance(self.step)

    def advance_towards(self, deadline: datetime, slept: timedelta) -> None:
        """After sleeping `slept` while waiting for `deadline`: never overshoot it."""
        if self.fixed is not None:
            self.fixed = min(deadline, self.fixed + slept) if self.fixed < deadline else self.fixed

    def describe(self) -> str:
        if self.fixed is None:
            return "The clock is real: now() follows the wall clock (UTC)."
        text = f"The clock is fixed at {self.fixed.isoformat(sep=' ')}"
        if self.step:
            text += f" and advances {_show(self.step)} before each statement"
        return text + "."


def _show(delta: timedelta) -> str:
    seconds = delta.total_seconds()
    if seconds < 1:
        return f"{seconds * 1000:g} ms"
    return f"{seconds:g} s"
