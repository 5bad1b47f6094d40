"""Which connection a cell runs on.

A notebook plays several connections, like psql windows side by side.  A
cell names its connection in one of two ways:

* the cell tag ``conn:NAME`` -- JupyterLab 4, Notebook 7 and VS Code send
  the cell's metadata (tags included) with every execute request;
* a first source line ``-- conn: NAME`` -- for clients that send no
  metadata (nbclient, papermill, jupyter console).  It is an ordinary SQL
  comment, so psql's scanner drops it before the first statement.

A cell with neither runs on the default connection (``main``).  A tag and a
directive that name different connections, or two different ``conn:`` tags,
are an error naming both: the cell runs nowhere rather than on a guess.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

__all__ = ["RoutingError", "DEFAULT_CONNECTION", "connection_of", "tag_connection",
           "directive_connection", "valid_name"]

DEFAULT_CONNECTION = "main"
_TAG_PREFIX = "conn:"
_DIRECTIVE = re.compile(r"^[ \t]*--[ \t]*conn[ \t]*:[ \t]*(?P<name>.*?)[ \t\r]*$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]{0,62}$")


class RoutingError(ValueError):
    """The cell's connection cannot be decided; the message says why."""


def valid_name(name: str) -> bool:
    return bool(_NAME.match(name))


def _checked(name: str, where: str) -> str:
    if not valid_name(name):
        raise RoutingError(f'invalid connection name "{name}" in {where}: use letters, digits, '
                           f'"_", "." or "-", starting with a letter or "_"')
    return name


def tag_connection(tags: Iterable[Any] | None) -> str | None:
    """The NAME of the cell's ``conn:NAME`` tag, None without one."""
    names: list[str] = []
    for tag in tags or ():
        if isinstance(tag, str) and tag.startswith(_TAG_PREFIX):
            name = _checked(tag[len(_TAG_PREFIX):].strip(), f'the tag "{tag}"')
            if name not in names:
                names.append(name)
    if len(names) > 1:
        raise RoutingError("the cell has tags for two connections, "
                           + " and ".join(f"conn:{n}" for n in names) + "; keep one")
    return names[0] if names else None


def directive_connection(code: str) -> str | None:
    """NAME from a first non-blank line ``-- conn: NAME``, None without one."""
    for line in code.splitlines():
        if not line.strip():
            continue
        m = _DIRECTIVE.match(line)
        if m is None:
            return None
        return _checked(m.group("name"), f'the first line "{line.strip()}"')
    return None


def connection_of(code: str, metadata: dict | None, default: str = DEFAULT_CONNECTION) -> str:
    """The connection a cell runs on (RoutingError when it cannot be decided)."""
    tags = (metadata or {}).get("tags") if isinstance(metadata, dict) else None
    tagged = tag_connection(tags if isinstance(tags, (list, tuple)) else None)
    directed = directive_connection(code)
    if tagged and directed and tagged != directed:
        raise RoutingError(f'the cell\'s tag conn:{tagged} and its first line "-- conn: {directed}" '
                           f"name different connections; make them agree or remove one")
    return tagged or directed or default
