"""Parsing with PostgreSQL's own grammar, paid once per statement shape.

pglast wraps libpg_query, the parser of PostgreSQL 15 itself, so TxLab
accepts exactly the syntax PostgreSQL accepts and rejects the rest with the
same `syntax error at or near ...`.  Its JSON output keeps every node's
location (the Python object tree drops constants' locations), and costs a
few microseconds; the compiler works on those dicts directly.

Learners repeat statements with different literals (`... WHERE id = 1`,
`... WHERE id = 2`), and a benchmark does so thousands of times.  PostgreSQL
itself re-plans such text every time; TxLab cannot afford to, so a statement
is cached twice:

* by its exact text, with its parse tree;
* by its *shape*: the text with every literal lifted out into a slot (`?i`
  for an int4 literal, `?I` int8, `?n` numeric, `?s` a quoted string).
  The lifting is a lexical scan, so it is verified against the parse tree:
  the slots must be exactly the tree's constants, at the same offsets and of
  the same kinds.  Otherwise (a negative constant folded by the grammar, an
  escape string, adjacent string continuation, ...) the statement has no
  shape and is only cached by text.

A compiled plan of a shaped statement reads its literals from the slots, so
one plan serves every statement of that shape; the compiler refuses to
share a plan when a literal was needed at plan time (a type modifier, an
ORDER BY position), see `Slots.all_consumed`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from pglast import parser as pgparser

from .errors import PgError

Node = dict   # a JSON parse-tree node: {"NodeType": {fields...}}

# Literals only: quoted strings and digit-led words.  Text that could hide or
# fake a literal (comments, dollar quotes, quoted identifiers, backslashes)
# is not lifted at all, which keeps this scan a single regex pass.
_LITERAL = re.compile(r"'[^']*(?:''[^']*)*'|\b\d[\w.]*(?:[eE][+-]\d+)?|(?<![\w.])\.\d+")
_NUMBER = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_UNLIFTABLE = ("$", "/*", "--", '"', "\\")

# After these, a `-` can only be a sign, which the grammar folds into the constant.
_SIGN_AFTER = frozenset("=<>!+-*/%^(,[")
_SIGN_AFTER_WORDS = frozenset(("select", "where", "and", "or", "not", "then", "else", "when", "values",
                               "by", "returning", "limit", "offset", "between", "in", "is", "set",
                               "case", "having", "on"))


def _sign_start(text: str, start: int) -> int | None:
    """Offset of a sign `-` in front of the number at `start`, if the grammar
    would fold it into the constant (a guess the parse tree then confirms)."""
    j = start - 1
    while j >= 0 and text[j] in " \t\n\r":
        j -= 1
    if j < 0 or text[j] != "-":
        return None
    k = j - 1
    while k >= 0 and text[k] in " \t\n\r":
        k -= 1
    if k < 0 or text[k] in _SIGN_AFTER:
        return j
    if text[k].isalpha():
        w = k
        while w >= 0 and (text[w].isalnum() or text[w] == "_"):
            w -= 1
        if text[w + 1:k + 1].lower() in _SIGN_AFTER_WORDS:
            return j
    return None


_INT4_MAX = 2147483647
_INT8_MAX = 9223372036854775807


@dataclass
class Parsed:
    """A parsed statement: its tree, and its literals if it has a shape."""
    text: str
    tree: Node
    shape: str | None = None
    params: tuple = ()
    slot_at: dict[int, int] = field(default_factory=dict)   # char offset -> slot index


def _classify_number(tok: str) -> tuple[str, Any]:
    digits = tok[1:] if tok[0] == "-" else tok
    if digits.isdigit():
        n = int(tok)
        if -_INT4_MAX - 1 <= n <= _INT4_MAX:
            return "i", n
        if -_INT8_MAX - 1 <= n <= _INT8_MAX:
            return "I", n
    return "n", tok


def lift_literals(text: str) -> tuple[str, tuple, list[tuple[int, str]]] | None:
    """(shape, literal values, [(offset, kind)]) or None when not liftable."""
    for marker in _UNLIFTABLE:
        if marker in text:
            return None
    parts: list[str] = []
    params: list[Any] = []
    slots: list[tuple[int, str]] = []
    pos = 0
    for m in _LITERAL.finditer(text):
        start, tok = m.start(), m.group()
        if tok[0] == "'":
            if start and (text[start - 1].isalnum() or text[start - 1] == "&"):
                return None                       # E'', B'', X'', U&'' strings
            parts.append(text[pos:start])
            parts.append("?s")
            params.append(tok[1:-1].replace("''", "'"))
            slots.append((start, "s"))
        else:
            if not _NUMBER.fullmatch(tok):
                return None                       # 123abc, 1.2.3: let the parser decide
            sign = _sign_start(text, start)
            if sign is not None and sign >= pos:
                start, tok = sign, "-" + tok
            parts.append(text[pos:start])
            k, v = _classify_number(tok)
            parts.append("?" + k)
            params.append(v)
            slots.append((start, k))
        pos = m.end()
    parts.append(text[pos:])
    return "".join(parts), tuple(params), slots


def _const_kind(c: dict) -> str | None:
    if "sval" in c:
        return "s"
    if "ival" in c:
        return "int"
    if "fval" in c:
        return "num"
    return None          # NULL, TRUE/FALSE, bit strings: part of the shape text


def _constants(node: Any, out: list[tuple[int, str]]) -> None:
    if isinstance(node, dict):
        for key, val in node.items():
            if key == "A_Const":
                kind = _const_kind(val)
                if kind:
                    out.append((val.get("location", -1), kind))
            else:
                _constants(val, out)
    elif isinstance(node, list):
        for item in node:
            _constants(item, out)


def _matches(tree: Node, slots: list[tuple[int, str]]) -> bool:
    consts: list[tuple[int, str]] = []
    _constants(tree, consts)
    if len(consts) != len(slots):
        return False
    consts.sort()
    for (loc, ck), (off, sk) in zip(consts, slots):
        if loc != off:
            return False
        if ck == "s" and sk != "s" or ck == "int" and sk != "i" or ck == "num" and sk not in "In":
            return False
    return True


_SHAPED = ("SelectStmt", "InsertStmt", "UpdateStmt", "DeleteStmt")


def parse_one(text: str) -> Parsed:
    """Parse one statement (as psql sent it) into a `Parsed`."""
    try:
        raw = json.loads(pgparser.parse_sql_json(text))
    except pgparser.ParseError as e:
        raise PgError("42601", e.args[0], position=_error_position(text, e))
    stmts = raw.get("stmts", [])
    if not stmts:
        return Parsed(text, {})
    if len(stmts) > 1:
        raise PgError("42601", "cannot insert multiple commands into a prepared statement")
    tree = stmts[0]["stmt"]
    _restore_integers(tree, text)
    parsed = Parsed(text, tree)
    if next(iter(tree)) in _SHAPED and text.isascii():
        lifted = lift_literals(text)
        if lifted is not None and _matches(tree, lifted[2]):
            parsed.shape, parsed.params = lifted[0], lifted[1]
            parsed.slot_at = {off: i for i, (off, _) in enumerate(lifted[2])}
    return parsed


def _error_position(text: str, err: pgparser.ParseError) -> int | None:
    """1-based character position of a syntax error.

    pglast's error offset is only right for ASCII text, so for other text
    the position is taken from the same text with every non-ASCII character
    replaced by an ASCII letter (same tokens, one byte per character)."""
    if not text.isascii():
        try:
            pgparser.parse_sql_json(_NON_ASCII.sub("x", text))
        except pgparser.ParseError as e:
            err = e
        else:
            return None
    return err.args[1] + 1 if len(err.args) > 1 and err.args[1] is not None else None


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


_INT_AT = re.compile(r"-?\s*\d+")


def _restore_integers(node: Any, text: str) -> None:
    """libpg_query's JSON omits an integer constant's value when it is 0 or
    negative (the grammar folds `-5` into the constant); put it back from the
    source, so a stored tree (a DEFAULT, a CHECK) needs no source text."""
    if isinstance(node, dict):
        c = node.get("A_Const")
        if c is not None and "ival" in c and "ival" not in c["ival"]:
            m = _INT_AT.match(text, char_position(text, c.get("location", 0)))
            c["ival"]["ival"] = int(m.group().replace(" ", "")) if m else 0
        for v in node.values():
            _restore_integers(v, text)
    elif isinstance(node, list):
        for v in node:
            _restore_integers(v, text)


def char_position(text: str, byte_offset: int) -> int:
    """libpg_query reports byte offsets; PostgreSQL reports characters."""
    if text.isascii():
        return byte_offset
    return len(text.encode()[:byte_offset].decode(errors="ignore"))


class ParseCache:
    """Exact text -> Parsed, and shape -> a representative Parsed."""

    LIMIT = 20000

    def __init__(self) -> None:
        self.by_text: dict[str, Parsed] = {}
        self.by_shape: dict[str, Parsed] = {}

    def get(self, text: str) -> Parsed:
        hit = self.by_text.get(text)
        if hit is not None:
            return hit
        lifted = lift_literals(text) if text.isascii() else None
        if lifted is not None:
            rep = self.by_shape.get(lifted[0])
            if rep is not None:
                parsed = Parsed(text, rep.tree, rep.shape, lifted[1], rep.slot_at)
                self._remember(text, parsed)
                return parsed
        parsed = parse_one(text)
        if parsed.shape is not None:
            self.by_shape.setdefault(parsed.shape, parsed)
        self._remember(text, parsed)
        return parsed

    def _remember(self, text: str, parsed: Parsed) -> None:
        if len(self.by_text) >= self.LIMIT:
            self.by_text.clear()
        self.by_text[text] = parsed


def node_type(node: Node) -> str:
    return next(iter(node))


def strval(node: Node) -> str:
    """The string of a String node."""
    return node["String"]["sval"]


def names(nodes: list[Node]) -> list[str]:
    return [strval(n) for n in nodes]
