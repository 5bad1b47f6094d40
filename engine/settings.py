"""Run-time settings (GUCs): SET, SET LOCAL, RESET, SHOW, current_setting.

Settings are transactional in PostgreSQL: a SET inside a transaction that
rolls back is undone, and SET LOCAL lasts until the end of the transaction.
Values are kept in their internal unit (milliseconds for timeouts) and
shown as PostgreSQL shows them, in the largest unit that divides the value
(`SET lock_timeout = '60s'` then `SHOW lock_timeout` prints `1min`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from .errors import PgError

_UNITS = [("d", 86400000), ("h", 3600000), ("min", 60000), ("s", 1000), ("ms", 1)]
_UNIT_IN = {"us": 0.001, "ms": 1, "s": 1000, "min": 60000, "h": 3600000, "d": 86400000}
_TIME_HINT = 'Valid units for this parameter are "us", "ms", "s", "min", "h", and "d".'


def _parse_ms(name: str, text: str) -> int:
    m = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*([a-z]*)\s*", text)
    if not m:
        raise PgError("22023", f'invalid value for parameter "{name}": "{text}"', hint=_TIME_HINT if
                      re.match(r"\s*-?\d", text) else None)
    unit = m.group(2) or "ms"
    if unit not in _UNIT_IN:
        raise PgError("22023", f'invalid value for parameter "{name}": "{text}"', hint=_TIME_HINT)
    value = round(float(m.group(1)) * _UNIT_IN[unit])
    if value < 0 or value > 2147483647:
        raise PgError("22023", f'{value} ms is outside the valid range for parameter "{name}" (0 .. 2147483647)')
    return value


def _show_ms(ms: int) -> str:
    if ms == 0:
        return "0"
    for unit, size in _UNITS:
        if ms % size == 0:
            return f"{ms // size}{unit}"
    return f"{ms}ms"


def _parse_bool(name: str, text: str) -> bool:
    t = text.strip().lower()
    if t in ("on", "true", "yes", "1", "t", "y", "tr", "tru", "ye"):
        return True
    if t in ("off", "false", "no", "0", "f", "n", "of", "fa", "fal", "fals"):
        return False
    raise PgError("22023", f'parameter "{name}" requires a Boolean value')


def _enum(*allowed: str) -> Callable[[str, str], str]:
    def parse(name: str, text: str) -> str:
        t = text.strip().lower()
        if t not in allowed:
            raise PgError("22023", f'invalid value for parameter "{name}": "{text}"',
                          hint="Available values: " + ", ".join(allowed) + ".")
        return t
    return parse


def _text(name: str, text: str) -> str:
    return text


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    parse: Callable[[str, str], Any]
    show: Callable[[Any], str]
    settable: bool = True


_ISO = ("serializable", "repeatable read", "read committed", "read uncommitted")


def _defs() -> dict[str, Setting]:
    ms = lambda n, d: Setting(n, d, _parse_ms, _show_ms)  # noqa: E731
    onoff = lambda n, d: Setting(n, d, _parse_bool, lambda v: "on" if v else "off")  # noqa: E731
    txt = lambda n, d: Setting(n, d, _text, str)  # noqa: E731
    defs = [
        ms("lock_timeout", 0), ms("statement_timeout", 0),
        ms("idle_in_transaction_session_timeout", 0), ms("deadlock_timeout", 1000),
        Setting("default_transaction_isolation", "read committed", _enum(*_ISO), str),
        onoff("default_transaction_read_only", False), onoff("default_transaction_deferrable", False),
        Setting("synchronous_commit", "on", _enum("local", "remote_write", "remote_apply", "on", "off"), str),
        txt("search_path", '"$user", public'), Setting("timezone", "UTC", _text, str),
        Setting("datestyle", "ISO, MDY", _text, str), txt("application_name", ""),
        Setting("client_encoding", "UTF8", _text, str), txt("server_encoding", "UTF8"),
        Setting("server_version", "15.18", _text, str, settable=False),
        Setting("server_version_num", "150018", _text, str, settable=False),
        Setting("client_min_messages", "notice", _enum("debug5", "debug4", "debug3", "debug2", "debug1",
                                                       "log", "notice", "warning", "error"), str),
        onoff("standard_conforming_strings", True), Setting("extra_float_digits", 1, lambda n, t: int(t), str),
        txt("work_mem", "4MB"), onoff("enable_seqscan", True), onoff("enable_indexscan", True),
        Setting("intervalstyle", "postgres", _text, str), txt("lc_messages", "C"),
        Setting("max_connections", "100", _text, str, settable=False),
    ]
    return {d.name: d for d in defs}


DEFS = _defs()
ALIASES = {"time zone": "timezone"}
TRANSACTION_SETTINGS = ("transaction_isolation", "transaction_read_only", "transaction_deferrable")


def lookup(name: str) -> Setting:
    name = ALIASES.get(name.lower(), name.lower())
    d = DEFS.get(name)
    if d is None:
        raise PgError("42704", f'unrecognized configuration parameter "{name}"')
    return d
