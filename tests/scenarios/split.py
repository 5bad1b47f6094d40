"""Statement splitting exactly as psql does it.

A scenario step is a piece of a psql script; psql cuts it into statements
and sends each one on its own, so error positions, the `query` of a result
and the number of results all depend on where the cuts fall.  The rules
(psql's lexer, src/fe_utils/psqlscan.l) that matter here:

* whitespace and `--` comments before the first token of a statement are
  dropped; after it they are part of the statement text;
* `/* ... */` comments (nested) are always kept, even leading ones;
* a `;` outside quotes, comments and parentheses ends the statement and is
  sent with it;
* text left over at the end of the input is sent as a last statement.

The engine has its own implementation (`txlab.engine.psqlscan.split_sql`);
when it exists `split_statements` uses it, and the scenario unit tests check
that both agree on every scenario file.  Backslash meta-commands are not
scenario material: the stand-in rejects them.
"""
from __future__ import annotations

from typing import Callable

_IDENT = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$")


def _engine_splitter() -> Callable[[str], list[str]] | None:
    try:
        from txlab.engine.psqlscan import split_sql  # type: ignore[import-not-found]
    except ImportError:
        return None
    return split_sql


def split_statements(text: str) -> list[str]:
    """The statements psql would send for `text`, in order."""
    engine_split = _engine_splitter()
    return engine_split(text) if engine_split else split_like_psql(text)


def _skip_block_comment(text: str, i: int) -> int:
    """Index just past the (nested) comment opened at text[i:i+2] == '/*'."""
    depth, i = 1, i + 2
    while i < len(text) and depth:
        if text.startswith("/*", i):
            depth, i = depth + 1, i + 2
        elif text.startswith("*/", i):
            depth, i = depth - 1, i + 2
        else:
            i += 1
    return i


def _skip_quoted(text: str, i: int, quote: str, backslash: bool) -> int:
    """Index just past the literal opened by text[i] == quote (doubled quotes escape)."""
    i += 1
    while i < len(text):
        c = text[i]
        if backslash and c == "\\":
            i += 2
            continue
        if c == quote:
            if text.startswith(quote * 2, i):
                i += 2
                continue
            return i + 1
        i += 1
    return i


def _dollar_tag(text: str, i: int) -> str | None:
    """The `$tag$` opening a dollar-quoted string at text[i], if any."""
    if i > 0 and text[i - 1] in _IDENT:
        return None
    j = i + 1
    while j < len(text) and text[j] != "$":
        if text[j] not in _IDENT or text[j] == "$" or (j == i + 1 and text[j].isdigit()):
            return None
        j += 1
    return text[i:j + 1] if j < len(text) else None


def _token_end(text: str, i: int) -> int:
    """Index just past the quoted/commented token starting at text[i], or i if none."""
    c = text[i]
    if text.startswith("/*", i):
        return _skip_block_comment(text, i)
    if c == "'":
        escaped = i > 0 and text[i - 1] in "eE" and (i < 2 or text[i - 2] not in _IDENT)
        return _skip_quoted(text, i, "'", escaped)
    if c == '"':
        return _skip_quoted(text, i, '"', False)
    if c == "$":
        tag = _dollar_tag(text, i)
        if tag:
            end = text.find(tag, i + len(tag))
            return len(text) if end < 0 else end + len(tag)
    return i


def split_like_psql(text: str) -> list[str]:
    """Stand-in for psql's lexer (see the module docstring)."""
    statements: list[str] = []
    buf: list[str] = []
    depth, i = 0, 0
    while i < len(text):
        c = text[i]
        if text.startswith("--", i):
            end = text.find("\n", i)
            end = len(text) if end < 0 else end
            if buf:
                buf.append(text[i:end])
            i = end
            continue
        if c.isspace() and not buf:
            i += 1
            continue
        if c == "\\":
            raise ValueError(f"psql meta-command in scenario text at offset {i}")
        end = _token_end(text, i)
        if end > i:
            buf.append(text[i:end])
            i = end
            continue
        buf.append(c)
        i += 1
        if c == "(":
            depth += 1
        elif c == ")" and depth:
            depth -= 1      # psql never lets the depth go below zero
        if c == ";" and not depth:
            statements.append("".join(buf))
            buf, depth = [], 0
    if buf:
        statements.append("".join(buf))
    return statements
