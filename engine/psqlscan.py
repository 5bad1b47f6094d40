"""Split a script into statements and meta-commands exactly as psql does.

A notebook cell is a psql script, so TxLab must cut it where psql cuts it and
send the server (the engine) the very text psql would send: error positions
(``LINE 2: ...`` with its caret) are counted in that text, and a learner
comparing a cell with a real psql session must see the same statements run.
This module models psql 15's input loop (``MainLoop`` in mainloop.c) and its
lexers (``psqlscan.l`` for SQL, ``psqlscanslash.l`` for backslash commands).

What psql does, and this scanner reproduces:

* Input is read line by line.  An empty line is skipped entirely unless a
  quoted string or comment is open, so ``SELECT\\n\\n1;`` is sent as
  ``SELECT\\n1;``.  Lines of one statement are joined with ``\\n``.
* Whitespace and ``--`` comments before a statement are dropped; everything
  from the first other token on is sent as typed, ``--`` and ``/* */``
  comments included (psql 15 sends comments), through the terminating ``;``.
  Only space, tab, CR, LF and form feed are whitespace (a vertical tab is not).
* A ``;`` ends the statement unless it is inside a quoted string
  (``'...'``, ``E'...'`` with backslash escapes, ``"..."``, ``$tag$...$tag$``),
  a comment (``/* */`` nests), parentheses, or the ``BEGIN ... END`` body of a
  ``CREATE [OR REPLACE] FUNCTION|PROCEDURE`` (psql's heuristic: it watches the
  first identifiers of the statement).  Tokens that merely look like string
  prefixes are lexed as psql lexes them (``1e'x'`` is a number with trailing
  junk, not an E-string).
* Text left at the end of input is sent without a semicolon.
* A backslash outside quotes and comments starts a meta-command, anywhere
  in a line.  Its name runs to whitespace or the next backslash; its
  arguments run to the end of the line or to the next unquoted backslash
  (``\\\\`` ends them and lets SQL follow on the same line).  SQL typed
  before it on the same statement stays in the query buffer.  ``\\;`` and
  ``\\:`` put a literal ``;`` / ``:`` into the buffer.
* ``\\g`` and its relatives send the query buffer (or, if it is empty, the
  previous query) and reset the lexer; ``\\r`` clears the buffer; ``\\q`` stops
  reading, after which psql still sends a non-empty buffer.
* psql variables (``:name``, ``:'name'``, ``:"name"``, ``:{?name}``) are
  interpolated in SQL and in meta-command arguments when a `variables`
  mapping is given; an undefined variable is left as typed, as in psql.

Invariants: items come out in the order psql acts on them; ``SqlItem.text``
is exactly what psql sends; offsets index the input text.  Because psql
executes a meta-command before it reads further (``\\set`` changes how later
``:name`` references expand; a failed command makes psql drop the rest of
its line), `PsqlScanner` is lazy: iterate it, run each item, and call
`PsqlScanner.discard_line` after a meta-command that failed.

Not modelled: ``\\if`` branches are not evaluated (every item is yielded;
the consumer skips those of an inactive branch), backquoted arguments are
not run as shell commands, ``\\i`` files are not read, and a meta-command
inside an interpolated variable ends where the value ends.

Speed: the engine calls this on every execute(), so the lexer never loops
per character in Python.  Regular expressions swallow whole runs of tokens
that cannot change the lexer state (words, numbers, operators, whitespace,
and strings, quoted names, dollar quotes and comments that close on the same
line); Python code runs only at ``;``, parentheses, backslashes, and where a
quote or comment stays open past the end of its line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Mapping, Union

__all__ = ["SqlItem", "MetaItem", "Item", "PsqlScanner", "scan", "split_sql",
           "quote_literal", "quote_ident"]


@dataclass(frozen=True)
class MetaItem:
    """A backslash command, e.g. ``\\x on`` -> name ``x``, argv ``('on',)``."""
    name: str                      # command name without the backslash ("x", "echo", "d+")
    args: str                      # argument text as typed, surrounding whitespace removed
    argv: tuple[str, ...]          # arguments as psql parses them (quotes resolved, variables expanded)
    argv_trimmed: tuple[str, ...]  # the same, unquoted trailing semicolons removed (psql does this for \d & co)
    offset: int                    # index of the backslash in the input
    end: int                       # index just past the arguments (and a following \\)
    buffer: str = ""               # query buffer when the command runs (what \p prints)
    previous: str = ""             # the last query sent (what \g re-sends on an empty buffer)


@dataclass(frozen=True)
class SqlItem:
    """One query, as psql sends it to the server."""
    text: str                      # exactly the text psql sends
    offset: int                    # index in the input of its first character
    end: int                       # index just past its terminator (';', end of input, or \g)
    via: MetaItem | None = None    # the \g-style command that sent it, if any


Item = Union[SqlItem, MetaItem]

# ---------------------------------------------------------------------------
# Token patterns (psqlscan.l).  psql lexes bytes; every byte >= 0x80 is an
# identifier character, so here every non-ASCII character is.

_IDENT_START = r"A-Za-z_\x80-\U0010ffff"
_IDENT_CONT = r"A-Za-z0-9_$\x80-\U0010ffff"
_DOLQ_CONT = r"A-Za-z0-9_\x80-\U0010ffff"          # like identifiers, without '$'
_VAR_CHAR = r"A-Za-z0-9_\x80-\U0010ffff"

_IDENT = re.compile(f"[{_IDENT_START}][{_IDENT_CONT}]*")
# A number, with PostgreSQL 15's "trailing junk" rules: one identifier
# character glued to a number belongs to the number token.
_NUMBER = (rf"(?:\d*\.\d+|\d+\.?\d*)"
           rf"(?:[Ee][-+]?\d+[{_IDENT_START}]?|[Ee][-+]|[{_IDENT_START}])?")
_PARAM = rf"\$\d+[{_IDENT_START}]?"
# '$word' not closed by '$' is not a dollar quote; the lookahead stops the
# regex engine from backtracking into a shorter word that would be.
_DOLQ_FAILED = rf"\$[{_IDENT_START}][{_DOLQ_CONT}]*(?![{_DOLQ_CONT}$])"
_DOLQ = re.compile(rf"\$(?:[{_IDENT_START}][{_DOLQ_CONT}]*)?\$")


# Quoted tokens and comments that close on the same line leave the lexer
# state as they found it, so runs swallow them too.  Each body is written
# so that it cannot backtrack into a shorter, wrong token: a closing quote
# must not be the first half of a doubled quote.
_SQ_CLOSED = r"'[^']*(?:''[^']*)*'(?!')"
_E_CLOSED = r"[Ee]'[^'\\]*(?:(?:\\.|'')[^'\\]*)*'(?!')"
_DQ_CLOSED = r'"[^"]*(?:""[^"]*)*"(?!")'
_DOLQ_CLOSED = rf"\$(?P<tag>(?:[{_IDENT_START}][{_DOLQ_CONT}]*)?)\$.*?\$(?P=tag)\$"
_C_CLOSED = r"/\*[^*/]*(?:(?:\*+(?![*/])|/(?!\*))[^*/]*)*\*+/"     # not nested


def _run_pattern(words: bool, colon: bool) -> re.Pattern[str]:
    """Runs of tokens that cannot change the lexer state.

    `words`: identifiers are part of the run (not needed one by one).
    `colon`: ':' is plain (no variables to interpolate).
    A word ``e``/``E`` right before a quote starts an E'' string, so it is
    never swallowed as a word.  Nothing follows the repetition, so the regex
    engine never backtracks through it.
    """
    specials = ";()'\"$\\\\/\\-" + _IDENT_START + "0-9" + ("" if colon else ":")
    alts = [f"[^{specials}]+", _E_CLOSED, _SQ_CLOSED, _DQ_CLOSED, _NUMBER, _PARAM,
            _DOLQ_CLOSED, _DOLQ_FAILED, _C_CLOSED, r"/(?!\*)", r"--.*", r"-(?!-)"]
    if words:
        alts.insert(2, rf"(?![Ee]')[{_IDENT_START}][{_IDENT_CONT}]*")
    return re.compile("(?:" + "|".join(alts) + ")*")


_RUNS = {(w, c): _run_pattern(w, c) for w in (True, False) for c in (True, False)}
_LEADING = re.compile(r"(?:[ \t\n\r\f]+|--.*)*")       # dropped before a statement
_XQ_BODY = re.compile(r"[^']*(?:''[^']*)*")
_XE_BODY = re.compile(r"[^'\\]*(?:(?:\\.?|'')[^'\\]*)*")
_XD_BODY = re.compile(r'[^"]*(?:""[^"]*)*')
_XC_MARK = re.compile(r"/\*|\*+/")
_VARIABLE = re.compile(rf"::|:[{_VAR_CHAR}]+|:'[{_VAR_CHAR}]+'|:\"[{_VAR_CHAR}]+\"|:\{{\?[{_VAR_CHAR}]+\}}")

# Lexer states that psql carries from one line to the next.
_INITIAL, _XC, _XQ, _XE, _XD, _XDOLQ = range(6)

# ---------------------------------------------------------------------------
# Meta-commands (psqlscanslash.l and command.c).

_META_NAME = re.compile(r"[^ \t\n\r\f\\]*")
_SPACE = re.compile(r"[ \t\n\r\f]*")
_ARG_PIECE = re.compile(
    rf"""(?P<plain>[^ \t\n\r\f\\'"`:]+)
      | (?P<sq>'(?:[^'\\]|''|\\.)*(?P<sq_close>')?)
      | (?P<dq>"[^"]*(?P<dq_close>")?)
      | (?P<bq>`[^`]*(?P<bq_close>`)?)
      | (?P<var>:[{_VAR_CHAR}]+|:'[{_VAR_CHAR}]+'|:"[{_VAR_CHAR}]+"|:\{{\?[{_VAR_CHAR}]+\}})
      | (?P<colon>:)""", re.X)
_SQ_ESCAPE = re.compile(r"''|\\(?:[0-7]{1,3}|x[0-9A-Fa-f]{1,2}|.)")
_SQ_SIMPLE = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f"}

# Commands whose single argument is the rest of the line, unparsed.
_WHOLE_LINE = frozenset({"!", "copy", "ef", "ev", "h", "help", "sf", "sf+", "sv", "sv+"})
# Commands taking a file name where "|command" takes the rest of the line.
_FILE_PIPE = frozenset({"g", "gx", "o", "out", "w", "write"})
# Commands that send the query buffer (or the previous query) to the server.
_SENDS = frozenset({"g", "gx", "gset", "gexec", "gdesc", "crosstabview"})
# Commands after which the query buffer is empty and the lexer reset.
_RESETS = frozenset({"r", "reset", "watch"})


def _sq_unescape(body: str) -> str:
    def one(m: re.Match[str]) -> str:
        esc = m.group()
        if esc == "''":
            return "'"
        c = esc[1]
        if c in _SQ_SIMPLE:
            return _SQ_SIMPLE[c]
        if c in "01234567":
            return chr(int(esc[1:], 8) & 0xFF)
        if c == "x" and len(esc) > 2:
            return chr(int(esc[2:], 16))
        return c
    return _SQ_ESCAPE.sub(one, body)


def quote_literal(value: str) -> str:
    """libpq's PQescapeLiteral, as psql uses it for ``:'name'``."""
    body = value.replace("'", "''")
    if "\\" in value:
        return " E'" + body.replace("\\", "\\\\") + "'"
    return "'" + body + "'"


def quote_ident(value: str) -> str:
    """libpq's PQescapeIdentifier, as psql uses it for ``:"name"``."""
    return '"' + value.replace('"', '""') + '"'


def _expand(token: str, variables: Mapping[str, str] | None) -> str | None:
    """Value of a quoted or tested variable reference, None to leave it as typed."""
    if variables is None:
        return None
    if token.startswith(":{?"):
        return "TRUE" if token[3:-1] in variables else "FALSE"
    value = variables.get(token[2:-1])
    if value is None:
        return None
    return quote_literal(value) if token[1] == "'" else quote_ident(value)


# ---------------------------------------------------------------------------
# The scanner.

class PsqlScanner:
    """Lazily yields the items of `text` in the order psql executes them.

    `variables` (optional) are psql variables for ``:name`` interpolation; it
    is read as scanning proceeds, so a ``\\set`` run by the consumer before
    it asks for the next item affects later references, as in psql.  Without
    it, ``:name`` is left as typed.  A scanner is iterated once.
    """

    def __init__(self, text: str, variables: Mapping[str, str] | None = None) -> None:
        self._text = text
        self._vars = variables
        self._buf: list[str] = []          # the query buffer, in pieces
        self._start = 0                    # input offset of the buffer's first character
        self._nl_piece: int | None = None  # index of the newline added at this line's start
        self._previous = ""
        self._discard = False
        self._expanding: list[str] = []    # variables being interpolated (no recursion)
        self._reset_lexer()

    # -- state ----------------------------------------------------------------
    def _reset_lexer(self) -> None:
        """psql_scan_reset(): after \\g, \\r and at the start."""
        self._state = _INITIAL
        self._paren = 0
        self._xcdepth = 0
        self._dolq = ""
        self._begin = 0                    # depth of BEGIN ... END in a function body
        self._reset_words()

    def _reset_words(self) -> None:
        # psql remembers the first four identifiers of a statement to spot
        # CREATE [OR REPLACE] FUNCTION|PROCEDURE ... BEGIN ATOMIC ... END.
        self._words = 0
        self._word_marks: list[str] = []
        self._watch_words = True           # False once the pattern cannot match

    def discard_line(self) -> None:
        """Drop the rest of the current line, as psql does after a failed meta-command."""
        self._discard = True

    def _append(self, piece: str, offset: int) -> None:
        if piece:
            if not self._buf:
                self._start = offset
            self._buf.append(piece)

    def _send(self, end: int, via: MetaItem | None = None, text: str | None = None) -> SqlItem:
        if text is None:
            text = "".join(self._buf)
        item = SqlItem(text, self._start if self._buf else (via.offset if via else end), end, via)
        self._previous = text
        self._buf.clear()
        self._nl_piece = None
        self._reset_words()
        return item

    # -- driver ---------------------------------------------------------------
    def __iter__(self) -> Iterator[Item]:
        text = self._text
        pos, n = 0, len(text)
        while pos < n:
            nl = text.find("\n", pos)
            stop = n if nl < 0 else nl
            line, base = text[pos:stop], pos
            pos = stop + 1
            if not line and self._state == _INITIAL:
                continue                   # psql ignores empty lines outside quotes
            if self._buf:
                self._buf.append("\n")
                self._nl_piece = len(self._buf) - 1
            else:
                self._nl_piece = None
            self._discard = False
            quit_seen = yield from self._scan(line, base)
            if quit_seen:
                break
        if self._buf:
            yield self._send(n)

    def _scan(self, line: str, base: int) -> Iterator[Item]:
        """Lex one line (or one interpolated value) from the current state.

        Returns True when \\q was seen.  Text between `seg` and `pos` is
        pending: it goes into the buffer unless something intervenes.
        """
        pos = seg = 0
        n = len(line)
        while pos < n:
            state = self._state
            if state == _INITIAL:
                if seg == pos and not self._buf:
                    pos = seg = _LEADING.match(line, pos).end()
                    if pos >= n:
                        break
                pos = _RUNS[not self._watch_words, self._vars is None].match(line, pos).end()
                if pos >= n:
                    break
                ch = line[pos]
                if ch == ";":
                    pos += 1
                    if self._paren == 0 and self._begin == 0:
                        self._append(line[seg:pos], base + seg)
                        seg = pos
                        yield self._send(base + pos)
                elif ch == "(":
                    self._paren += 1
                    pos += 1
                elif ch == ")":
                    self._paren = max(0, self._paren - 1)
                    pos += 1
                elif ch == "'":
                    self._state = _XQ
                    pos += 1
                elif ch == '"':
                    self._state = _XD
                    pos += 1
                elif ch == "$":
                    pos = self._dollar(line, pos)
                elif ch == "/":                      # the run stops at '/' only for "/*"
                    self._state, self._xcdepth = _XC, 0
                    pos += 2
                elif ch == "\\" or ch == ":":
                    # A meta-command, or a variable whose value may hold
                    # whole statements: both can yield items, and a failed
                    # meta-command or \q ends the line here.
                    self._append(line[seg:pos], base + seg)
                    step = self._backslash if ch == "\\" else self._variable
                    pos, quit_seen = yield from step(line, pos, base)
                    seg = pos
                    if quit_seen or self._discard:
                        return quit_seen
                else:
                    pos = self._word(line, pos)
            elif state == _XQ:
                pos = self._close(line, _XQ_BODY.match(line, pos).end())
            elif state == _XE:
                pos = self._close(line, _XE_BODY.match(line, pos).end())
            elif state == _XD:
                pos = self._close(line, _XD_BODY.match(line, pos).end())
            elif state == _XDOLQ:
                found = line.find(self._dolq, pos)
                if found < 0:
                    pos = n
                else:
                    pos = found + len(self._dolq)
                    self._state = _INITIAL
            else:
                pos = self._comment(line, pos)
        self._append(line[seg:pos], base + seg)
        return False

    # -- SQL tokens -----------------------------------------------------------
    def _close(self, line: str, pos: int) -> int:
        """After a quoted body: consume the closing quote if the line has it."""
        if pos < len(line):
            self._state = _INITIAL
            return pos + 1
        return pos

    def _comment(self, line: str, pos: int) -> int:
        for m in _XC_MARK.finditer(line, pos):
            if m.group() == "/*":
                self._xcdepth += 1
            elif self._xcdepth:
                self._xcdepth -= 1
            else:
                self._state = _INITIAL
                return m.end()
        return len(line)

    def _dollar(self, line: str, pos: int) -> int:
        m = _DOLQ.match(line, pos)
        if m is None:
            return pos + 1                       # a lone '$'
        self._state, self._dolq = _XDOLQ, m.group()
        return m.end()

    def _word(self, line: str, pos: int) -> int:
        """An identifier (seen one by one while watching for CREATE FUNCTION)."""
        if line.startswith("'", pos + 1) and line[pos] in "eE":
            self._state = _XE
            return pos + 2
        m = _IDENT.match(line, pos)
        if m is None:                            # cannot happen; never stall
            return pos + 1
        self._track_word(m.group().lower())
        return m.end()

    def _track_word(self, word: str) -> None:
        if self._words == 0 and word != "create":
            self._watch_words = False              # the usual case: not CREATE ...
            self._words = 1
            return
        marks = self._word_marks
        if self._words < 4:
            marks.append({"create": "c", "function": "f", "procedure": "p",
                          "or": "o", "replace": "r"}.get(word, ""))
        self._words += 1
        # The patterns psql accepts: c f, c p, c o r f, c o r p.
        shape = "".join(m or "." for m in marks)
        possible = ("cf", "cp", "corf", "corp")
        if not any(p.startswith(shape[:len(p)]) for p in possible):
            self._watch_words = False
            return
        if any(shape.startswith(p) for p in possible) and self._paren == 0:
            if word == "begin":
                self._begin += 1
            elif word == "case":
                if self._begin >= 1:
                    self._begin += 1
            elif word == "end" and self._begin > 0:
                self._begin -= 1

    def _variable(self, line: str, pos: int, base: int) -> Iterator[Item]:
        """``:name`` and friends (only reached when variables are given)."""
        m = _VARIABLE.match(line, pos)
        if m is None:
            self._append(":", base + pos)
            return pos + 1, False
        token = m.group()
        if token == "::" or token[1] in "'\"{":
            value = _expand(token, self._vars) if token != "::" else None
            self._append(token if value is None else value, base + pos)
            return m.end(), False
        name = token[1:]
        value = self._vars.get(name)
        if value is None or name in self._expanding:
            self._append(token, base + pos)
            return m.end(), False
        # The value is lexed as if typed here: it may hold quotes or ';'.
        self._expanding.append(name)
        try:
            quit_seen = yield from self._scan(value, base + pos)
        finally:
            self._expanding.pop()
        return m.end(), quit_seen

    # -- meta-commands --------------------------------------------------------
    def _backslash(self, line: str, pos: int, base: int) -> Iterator[Item]:
        nxt = line[pos + 1:pos + 2]
        if nxt == ";" or nxt == ":":
            self._append(nxt, base + pos)
            if nxt == ";":
                self._reset_words()
            return pos + 2, False
        # A command alone on its line does not leave the newline in the buffer.
        if self._nl_piece is not None and self._nl_piece == len(self._buf) - 1:
            self._buf.pop()
            if not self._buf:
                self._start = 0
        self._nl_piece = None
        name_end = _META_NAME.match(line, pos + 1).end()
        name = line[pos + 1:name_end]
        argv, trimmed, args_end = self._arguments(name, line, name_end)
        end = args_end + 2 if line.startswith("\\\\", args_end) else args_end
        meta = MetaItem(name, line[name_end:args_end].strip(" \t\n\r\f"), argv, trimmed,
                        base + pos, base + end, "".join(self._buf), self._previous)
        if name in _SENDS:
            yield self._send(base + end, via=meta, text=meta.buffer or self._previous)
            self._reset_lexer()
        else:
            self._discard = False
            yield meta
            if name in _RESETS:
                self._buf.clear()
                self._reset_lexer()
        return end, name == "q"

    def _arguments(self, name: str, line: str, pos: int) -> tuple[tuple[str, ...], tuple[str, ...], int]:
        """psql's OT_NORMAL argument lexing; returns (argv, argv_trimmed, end)."""
        n = len(line)
        if name in _WHOLE_LINE:
            rest = line[_SPACE.match(line, pos).end():]
            return ((rest,), (rest,), n) if rest else ((), (), n)
        argv: list[str] = []
        trimmed: list[str] = []
        while True:
            pos = _SPACE.match(line, pos).end()
            if pos >= n or line[pos] == "\\":
                return tuple(argv), tuple(trimmed), pos
            if name in _FILE_PIPE and not argv and line[pos] == "|":
                argv.append(line[pos:])
                trimmed.append(line[pos:])
                return tuple(argv), tuple(trimmed), n
            pos = self._argument(line, pos, argv, trimmed)

    def _argument(self, line: str, pos: int, argv: list[str], trimmed: list[str]) -> int:
        """One argument: pieces up to unquoted whitespace or backslash."""
        pieces: list[str] = []
        unquoted = 0           # trailing characters not protected by quotes
        quoted = False
        for m in _ARG_PIECE.finditer(line, pos):
            if m.start() != pos:
                break
            kind, text = m.lastgroup, m.group()
            pos = m.end()
            if kind == "plain" or kind == "colon":
                pieces.append(text)
                unquoted += len(text)
                continue
            quoted = True
            unquoted = 0
            if kind == "var":
                value = (self._vars or {}).get(text[1:]) if text[1] not in "'\"{" else _expand(text, self._vars)
                pieces.append(text if value is None else value)
            elif m.group(kind + "_close") is None:
                return len(line)                  # unterminated quote: psql drops the argument
            elif kind == "sq":
                pieces.append(_sq_unescape(text[1:-1]))
            else:
                pieces.append(text)               # "..." stays quoted; `...` is not evaluated
        value = "".join(pieces)
        if value or quoted:
            argv.append(value)
            cut = value
            while unquoted > 0 and cut.endswith(";"):
                cut = cut[:-1]
                unquoted -= 1
            trimmed.append(cut)
        return pos


def scan(text: str, variables: Mapping[str, str] | None = None) -> list[Item]:
    """All items of `text` (no consumer feedback: every meta-command succeeds)."""
    return list(PsqlScanner(text, variables))


def split_sql(text: str) -> list[str]:
    """Only the queries psql would send, in order."""
    return [item.text for item in PsqlScanner(text) if isinstance(item, SqlItem)]
