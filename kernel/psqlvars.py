"""psql's variables: ``\\set``, ``\\unset``, ``:name`` and the special ones.

psql keeps a table of variables.  Most are plain text for ``:name``
interpolation; some steer psql itself and are checked when assigned, with
psql's own messages (startup.c's hooks):

* boolean ones (``AUTOCOMMIT``, ``ON_ERROR_STOP``, ...): ``\\set X`` means on,
  ``\\unset X`` means off, a value that is no boolean prefix is refused
  (``unrecognized value "x" for "AUTOCOMMIT": Boolean expected``);
* ``ON_ERROR_ROLLBACK`` is ``on``, ``off`` or ``interactive``;
* after each query psql sets ``ERROR``, ``SQLSTATE``, ``ROW_COUNT`` and, on
  failure, ``LAST_ERROR_SQLSTATE`` / ``LAST_ERROR_MESSAGE``.

In TxLab the variables belong to the notebook (one psql client driving all
of its connections), so ``\\set ON_ERROR_STOP on`` in the first cell holds
for every connection.  The values TxLab's psql reports about itself (DBNAME,
USER, VERSION, ...) are those of the in-process engine.
"""
from __future__ import annotations

import re
from typing import Callable, Iterator

__all__ = ["PsqlVariables", "parse_bool", "VariableError"]

SERVER_VERSION = "15.18 (TxLab)"
SERVER_VERSION_NUM = "150018"

_DEFAULTS = {
    "AUTOCOMMIT": "on",
    "COMP_KEYWORD_CASE": "preserve-upper",
    "DBNAME": "txlab",
    "ECHO": "none",
    "ECHO_HIDDEN": "off",
    "ENCODING": "UTF8",
    "ERROR": "false",
    "FETCH_COUNT": "0",
    "HIDE_TABLEAM": "off",
    "HIDE_TOAST_COMPRESSION": "off",
    "HISTCONTROL": "none",
    "HISTSIZE": "500",
    "IGNOREEOF": "0",
    "LASTOID": "0",
    "LAST_ERROR_MESSAGE": "",
    "LAST_ERROR_SQLSTATE": "00000",
    "ON_ERROR_ROLLBACK": "off",
    "ON_ERROR_STOP": "off",
    "PROMPT1": "%/%R%x%# ",
    "PROMPT2": "%/%R%x%# ",
    "PROMPT3": ">> ",
    "QUIET": "off",
    "ROW_COUNT": "0",
    "SERVER_VERSION_NAME": SERVER_VERSION,
    "SERVER_VERSION_NUM": SERVER_VERSION_NUM,
    "SHOW_ALL_RESULTS": "on",
    "SHOW_CONTEXT": "errors",
    "SINGLELINE": "off",
    "SINGLESTEP": "off",
    "SQLSTATE": "00000",
    "USER": "postgres",
    "VERBOSITY": "default",
    "VERSION": f"PostgreSQL {SERVER_VERSION} in-process engine, pure Python",
    "VERSION_NAME": SERVER_VERSION,
    "VERSION_NUM": SERVER_VERSION_NUM,
}

_BOOLEANS = frozenset({"AUTOCOMMIT", "ON_ERROR_STOP", "QUIET", "SINGLELINE", "SINGLESTEP",
                       "HIDE_TABLEAM", "HIDE_TOAST_COMPRESSION"})
_VALID_NAME = re.compile(r"^[A-Za-z0-9_\x80-\U0010ffff]+$")


class VariableError(ValueError):
    """An assignment psql refuses; str() is psql's message (one or more lines)."""


def parse_bool(value: str, name: str | None = None) -> bool:
    """psql's ParseVariableBool: unique prefixes of true/false/yes/no, on/off, 1/0."""
    v = value.lower()
    n = len(v)
    if n and "true".startswith(v):
        return True
    if n and "false".startswith(v):
        return False
    if n and "yes".startswith(v):
        return True
    if n and "no".startswith(v):
        return False
    if n >= 2 and "on".startswith(v):
        return True
    if n >= 2 and "off".startswith(v):
        return False
    if v == "1":
        return True
    if v == "0":
        return False
    raise VariableError(f'unrecognized value "{value}" for "{name}": Boolean expected')


def _check_on_error_rollback(value: str) -> None:
    if value.lower() == "interactive":
        return
    try:
        parse_bool(value, "ON_ERROR_ROLLBACK")
    except VariableError:
        raise VariableError(f'unrecognized value "{value}" for "ON_ERROR_ROLLBACK"\n'
                            "Available values are: on, off, interactive.") from None


class PsqlVariables:
    """The variable table, with psql's substitute and assign hooks."""

    def __init__(self) -> None:
        self.values: dict[str, str] = dict(_DEFAULTS)
        self._checks: dict[str, Callable[[str], None]] = {
            name: (lambda v, n=name: parse_bool(v, n) and None) for name in _BOOLEANS}
        self._checks["ON_ERROR_ROLLBACK"] = _check_on_error_rollback

    # -- the mapping the scanner reads for :name interpolation --------------------
    def get(self, name: str, default: str | None = None) -> str | None:
        return self.values.get(name, default)

    def __getitem__(self, name: str) -> str:
        return self.values[name]

    def __contains__(self, name: object) -> bool:
        return name in self.values

    def __iter__(self) -> Iterator[str]:
        return iter(self.values)

    # -- \set and \unset ---------------------------------------------------------------
    def set(self, name: str, value: str) -> None:
        """Assign as ``\\set name value`` does; VariableError when psql would refuse."""
        if not _VALID_NAME.match(name):
            raise VariableError(f'invalid variable name: "{name}"')
        if value == "" and (name in _BOOLEANS):
            value = "on"                       # "\set FOO" means on for booleans
        check = self._checks.get(name)
        if check is not None:
            check(value)
        self.values[name] = value

    def unset(self, name: str) -> None:
        if name in _BOOLEANS or name == "ON_ERROR_ROLLBACK":
            self.values[name] = "off"          # psql substitutes off for a boolean
        else:
            self.values.pop(name, None)

    def listing(self) -> str:
        """``\\set`` without arguments: every variable, sorted, quoted as psql does."""
        return "".join(f"{k} = '{v}'\n" for k, v in sorted(self.values.items()))

    # -- what psql's behaviour depends on -------------------------------------------------
    def flag(self, name: str) -> bool:
        try:
            return parse_bool(self.values.get(name, "off"), name)
        except VariableError:
            return False

    @property
    def autocommit(self) -> bool:
        return self.flag("AUTOCOMMIT")

    @property
    def on_error_stop(self) -> bool:
        return self.flag("ON_ERROR_STOP")

    @property
    def on_error_rollback(self) -> bool:
        """A notebook is an interactive psql session: 'interactive' counts as on."""
        value = self.values.get("ON_ERROR_ROLLBACK", "off")
        return value.lower() == "interactive" or self.flag("ON_ERROR_ROLLBACK")

    # -- after each query (SetResultVariables) ----------------------------------------------
    def query_succeeded(self, row_count: str) -> None:
        v = self.values
        v["ERROR"] = "false"
        v["SQLSTATE"] = "00000"
        v["ROW_COUNT"] = row_count or "0"

    def query_failed(self, sqlstate: str, message: str) -> None:
        v = self.values
        v["ERROR"] = "true"
        v["SQLSTATE"] = sqlstate
        v["ROW_COUNT"] = "0"
        v["LAST_ERROR_SQLSTATE"] = sqlstate
        v["LAST_ERROR_MESSAGE"] = message
