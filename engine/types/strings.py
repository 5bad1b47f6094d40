"""String functions and pattern matching (varlena.c, oracle_compat.c, like.c, regexp.c).

Semantics are those of a database created with the C locale (which TxLab
models and its recordings use): upper/lower/initcap and ILIKE fold ASCII
letters only, regular expressions classify characters as ASCII
(re.ASCII), comparisons are by code point.  Positions and lengths count
characters, octet_length counts UTF-8 bytes.

LIKE patterns become anchored Python regexes ('%' -> '.*', '_' -> '.',
backslash escapes the next character); regular expressions are
PostgreSQL's ARE syntax, which Python's re shares for everything learners
write; the POSIX bracket classes ([[:digit:]]) and the word-boundary
escapes (\\m, \\M, \\y, \\Y) are translated.  Compiled patterns are cached,
so a pattern costs one compilation however many rows it tests.
"""
from __future__ import annotations

import hashlib
import re
import string
from functools import lru_cache
from typing import Callable, Iterator, Sequence

from ..errors import PgError
from . import conditions
from .sqltype import SqlType

_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_UPPER = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)
_ALNUM = frozenset(string.ascii_letters + string.digits)


def lower(s: str) -> str:
    return s.translate(_LOWER)


def upper(s: str) -> str:
    return s.translate(_UPPER)


def initcap(s: str) -> str:
    out = []
    after_alnum = False
    for ch in s:
        out.append(ch.translate(_LOWER if after_alnum else _UPPER))
        after_alnum = ch in _ALNUM
    return "".join(out)


def length(s: str) -> int:
    return len(s)


def bpchar_length(s: str) -> int:
    return len(s.rstrip(" "))


def octet_length(s: str) -> int:
    return len(s.encode())


def substr(s: str, start: int, count: int | None = None) -> str:
    """text_substr: characters start .. start+count-1, 1-based, clipped to the string."""
    if count is None:
        return s[max(start, 1) - 1:]
    if count < 0:
        raise PgError("22011", "negative substring length not allowed")
    end = start + count - 1
    return s[max(start, 1) - 1:end] if end >= 1 else ""


def left(s: str, n: int) -> str:
    return s[:n]


def right(s: str, n: int) -> str:
    return s[-n:] if n else ""


MAX_ALLOC = (1 << 30) - 1          # MaxAllocSize: no text value is longer


def _fits(chars: int) -> None:
    if chars > MAX_ALLOC:
        raise PgError("54000", "requested length too large")


def repeat(s: str, n: int) -> str:
    _fits(len(s) * n)
    return s * n


def split_part(s: str, delimiter: str, n: int) -> str:
    if n == 0:
        raise conditions.invalid_argument("field position must not be zero")
    parts = s.split(delimiter) if delimiter else [s]
    if not s:
        return ""
    index = n - 1 if n > 0 else n
    return parts[index] if -len(parts) <= index < len(parts) else ""


def replace(s: str, old: str, new: str) -> str:
    return s.replace(old, new) if old else s


def md5(s: str) -> str:
    return hashlib.md5(s.encode()).hexdigest()


def reverse(s: str) -> str:
    return s[::-1]


def _pad(s: str, n: int, fill: str, on_left: bool) -> str:
    if n <= 0:
        return ""
    _fits(n)
    if len(s) >= n or not fill:
        return s[:n]
    padding = (fill * ((n - len(s)) // len(fill) + 1))[:n - len(s)]
    return padding + s if on_left else s + padding


def lpad(s: str, n: int, fill: str = " ") -> str:
    return _pad(s, n, fill, True)


def rpad(s: str, n: int, fill: str = " ") -> str:
    return _pad(s, n, fill, False)


def btrim(s: str, chars: str = " ") -> str:
    return s.strip(chars)


def ltrim(s: str, chars: str = " ") -> str:
    return s.lstrip(chars)


def rtrim(s: str, chars: str = " ") -> str:
    return s.rstrip(chars)


def strpos(s: str, sub: str) -> int:
    return s.find(sub) + 1


def ascii_code(s: str) -> int:
    return ord(s[0]) if s else 0


def chr_(code: int) -> str:
    if code == 0:
        raise PgError("54000", "null character not permitted")
    if code < 0:
        raise conditions.invalid_argument("character number must be positive")
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise PgError("54000", f"requested character too large for encoding: {code}")
    return chr(code)


def starts_with(s: str, prefix: str) -> bool:
    return s.startswith(prefix)


def translate(s: str, source: str, target: str) -> str:
    table: dict[int, str | None] = {}
    for i, ch in enumerate(source):
        table.setdefault(ord(ch), target[i] if i < len(target) else None)
    return s.translate(table)


def overlay(s: str, replacement: str, start: int, count: int | None = None) -> str:
    if count is None:
        count = len(replacement)
    if start < 1 or count < 0:
        raise PgError("22011", "negative substring length not allowed")
    return s[:start - 1] + replacement + s[start - 1 + count:]


def concat(arg_types: Sequence[SqlType]) -> Callable[..., str]:
    outputs = [t.output for t in arg_types]

    def concat_any(*values: object) -> str:
        return "".join(out(v) for out, v in zip(outputs, values) if v is not None)
    return concat_any


def concat_ws(arg_types: Sequence[SqlType]) -> Callable[..., str | None]:
    outputs = [t.output for t in arg_types[1:]]

    def concat_ws_any(separator: str | None, *values: object) -> str | None:
        if separator is None:
            return None
        return separator.join(out(v) for out, v in zip(outputs, values) if v is not None)
    return concat_ws_any


# --- LIKE ----------------------------------------------------------------------

def _like_trailing_escape() -> PgError:
    return PgError("22025", "LIKE pattern must not end with escape character")


def _similar_bad_escape() -> PgError:
    return PgError("2201B", "invalid escape string")


def _scan(pattern: str, escape: str, trailing: Callable[[], PgError]) -> Iterator[tuple[str, bool]]:
    """The pattern's characters, each with whether the escape character
    preceded it; an escape character at the very end is `trailing()`."""
    chars = iter(pattern)
    for ch in chars:
        if escape and ch == escape:
            nxt = next(chars, None)
            if nxt is None:
                raise trailing()
            yield nxt, True
        else:
            yield ch, False


def _one_character(escape: str, sqlstate: str) -> None:
    if len(escape) > 1:
        raise PgError(sqlstate, "invalid escape string", hint="Escape string must be empty or one character.")


_LIKE_WILDCARDS = {"%": ".*", "_": "."}


@lru_cache(maxsize=1024)
def _like_regex(pattern: str) -> re.Pattern:
    out = [re.escape(ch) if escaped else _LIKE_WILDCARDS.get(ch) or re.escape(ch)
           for ch, escaped in _scan(pattern, "\\", _like_trailing_escape)]
    return re.compile("".join(out), re.DOTALL)


def like(s: str, pattern: str) -> bool:
    return _like_regex(pattern).fullmatch(s) is not None


def not_like(s: str, pattern: str) -> bool:
    return _like_regex(pattern).fullmatch(s) is None


def ilike(s: str, pattern: str) -> bool:
    return _like_regex(pattern.translate(_LOWER)).fullmatch(s.translate(_LOWER)) is not None


def not_ilike(s: str, pattern: str) -> bool:
    return not ilike(s, pattern)


def like_escape(pattern: str, escape: str) -> str:
    """Rewrite a LIKE pattern with ESCAPE `escape` to the backslash convention."""
    _one_character(escape, "22019")
    return "".join("\\" + ch if escaped else ("\\\\" if ch == "\\" else ch)
                   for ch, escaped in _scan(pattern, escape, _like_trailing_escape))


def similar_to_escape(pattern: str, escape: str = "\\") -> str:
    """similar_escape: a SQL regular expression (SIMILAR TO) as a POSIX one."""
    _one_character(escape, "2201B")
    out, in_brackets = [], False
    for ch, escaped in _scan(pattern, escape, _similar_bad_escape):
        if escaped:
            out.append("\\" + ch)
        elif in_brackets or ch == "[":
            in_brackets = ch != "]"
            out.append(ch)
        elif ch in _LIKE_WILDCARDS:
            out.append(_LIKE_WILDCARDS[ch])
        else:
            out.append("\\" + ch if ch in ".\\^$" else ch)
    return "^(?:" + "".join(out) + ")$"


# --- regular expressions ----------------------------------------------------------

_CLASSES = {"[:alpha:]": "a-zA-Z", "[:digit:]": "0-9", "[:alnum:]": "a-zA-Z0-9",
            "[:upper:]": "A-Z", "[:lower:]": "a-z", "[:space:]": " \\t\\n\\r\\f\\v",
            "[:xdigit:]": "0-9A-Fa-f", "[:word:]": "\\w",
            "[:punct:]": re.escape(string.punctuation).replace("]", "\\]")}
# Python's re complaint -> the words of PostgreSQL's regerror() for it.
_REGEX_ERRORS = (("missing )", "parentheses () not balanced"), ("unbalanced parenthesis", "parentheses () not balanced"),
                 ("unterminated character set", "brackets [] not balanced"),
                 ("nothing to repeat", "quantifier operand invalid"), ("multiple repeat", "quantifier operand invalid"),
                 ("bad escape (end of pattern)", "trailing backslash (\\)"),
                 ("bad character range", "invalid character range"))
_ESCAPES = {"y": r"\b", "Y": r"\B", "m": r"\b(?=\w)", "M": r"\b(?<=\w)"}


@lru_cache(maxsize=1024)
def compile_regex(pattern: str, ignore_case: bool) -> re.Pattern:
    for cls, body in _CLASSES.items():
        pattern = pattern.replace(cls, body)
    pattern = re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group()), pattern)
    try:
        return re.compile(pattern, re.ASCII | (re.IGNORECASE if ignore_case else 0))
    except re.error as e:
        reason = next((pg for py, pg in _REGEX_ERRORS if py in e.msg), e.msg)
        raise PgError("2201B", f"invalid regular expression: {reason}") from None


def regex_match(s: str, pattern: str) -> bool:
    return compile_regex(pattern, False).search(s) is not None


def regex_imatch(s: str, pattern: str) -> bool:
    return compile_regex(pattern, True).search(s) is not None


def regex_not_match(s: str, pattern: str) -> bool:
    return compile_regex(pattern, False).search(s) is None


def regex_not_imatch(s: str, pattern: str) -> bool:
    return compile_regex(pattern, True).search(s) is None


def regex_substring(s: str, pattern: str) -> str | None:
    """substring(text from pattern): the first parenthesised group, else the match."""
    m = compile_regex(pattern, False).search(s)
    if m is None:
        return None
    return m.group(1) if m.re.groups else m.group()
