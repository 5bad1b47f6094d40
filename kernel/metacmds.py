"""Meta-commands: psql's backslash commands, and TxLab's own.

Each handler takes the `Lab`, the cell's connection, the scanner's
`MetaItem` (name, argv with psql's quoting and ``:var`` expansion done) and
a sink, prints what psql prints, and returns False when psql would report
the command as failed (then the rest of the line is dropped and, with
``ON_ERROR_STOP``, the cell stops).

psql commands supported: ``\\?``, ``\\conninfo``, ``\\d`` (and ``\\d+``,
``\\dt``, ``\\di``, ``\\ds``, ``\\dv``), ``\\echo``, ``\\qecho``, ``\\warn``,
``\\encoding``, ``\\g``/``\\gx``/``\\gset`` (sent by the scanner), ``\\if``
... ``\\endif``, ``\\p``, ``\\q``, ``\\r``, ``\\set``, ``\\unset``, ``\\timing``,
``\\x`` (``\\x auto`` never expands: psql expands only when a table is
wider than the terminal, and a notebook has none, as psql writing to a
pipe has none).  Other psql commands answer that TxLab does not support them;
unknown ones get psql's ``invalid command \\foo`` plus, as in an interactive
psql (a notebook is one), ``Try \\? for help.``.

TxLab's own: ``\\connections``, ``\\terminate NAME``, ``\\crash``, ``\\reset``,
``\\clock``, and the diagram commands (``\\versions``, ``\\snapshot``,
``\\savepoints``, ``\\flow``, ``\\timeline``, ``\\locks``, ``\\explore``), which
are answered by ``txlab.widgets.commands.run(name, args, context)`` --
`args` the rest of the line as typed, `context` a `CommandContext` (see
there) -- imported only when first used; each MIME bundle it returns is
one display, and a bundle that is only ``text/plain`` ``ERROR:  ...`` is a
failed command.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .output import Piece
from .psqlvars import VariableError, parse_bool

__all__ = ["run_meta", "run_conditional", "CommandContext", "COMMAND_NAMES", "DIAGRAM_COMMANDS",
           "help_text"]

DIAGRAM_COMMANDS = ("versions", "snapshot", "savepoints", "flow", "timeline", "locks", "explore")

# psql 15's commands TxLab does not implement (so they are not "invalid").
_PSQL_OTHERS = frozenset(
    "a bind c cd connect copy copyright crosstabview da db dc dconfig dC dd dD ddp dE des det deu dew "
    "df dF dFd dFp dFt dg dl dL dm dn do dO dp dP drds dRp dRs dT du dx dX dy e ef ev errverbose f "
    "gdesc getenv gexec h help H html i include include_relative ir l list lo_export lo_import lo_list "
    "lo_unlink o out password prompt pset s setenv sf sv t T w watch write z ! restrict "
    "unrestrict".split())


@dataclass
class CommandContext:
    """What a diagram command gets (``txlab.widgets.commands.run(name, args, context)``).

    engine      the Engine (read it; widgets never change it)
    connection  the cell's connection name ([NAME] arguments default to it)
    session     that connection's Session, or None before its first statement
    sessions    every open connection: name -> Session
    args        the command's arguments, quotes and :variables resolved
    kernel      the Jupyter kernel (has ``comm_manager`` for ipywidgets), None outside Jupyter
    clock       the notebook clock (a callable, as the engine's)
    """
    engine: Any
    connection: str
    session: Any
    sessions: dict
    args: tuple
    kernel: Any
    clock: Any


def _out(sink: Any, text: str, kind: str = "psql") -> None:
    sink.add(Piece(text, kind))


def _fail(sink: Any, text: str) -> bool:
    _out(sink, text if text.endswith("\n") else text + "\n", "error")
    return False


# -- psql's formatting and variables -------------------------------------------------------------

def cmd_x(lab: Any, conn: Any, item: Any, sink: Any, home: Any) -> bool:
    arg = item.argv[0] if item.argv else None
    if arg is None:
        lab.expanded = "off" if lab.expanded != "off" else "on"
    elif arg.lower() == "auto":
        lab.expanded = "auto"
    else:
        try:
            lab.expanded = "on" if parse_bool(arg) else "off"
        except VariableError:
            return _fail(sink, f'unrecognized value "{arg}" for "expanded"\nAvailable values are: on, off, auto.')
    word = {"on": "on.", "off": "off.", "auto": "used automatically."}[lab.expanded]
    _out(sink, f"Expanded display is {word}\n")
    return True


def cmd_timing(lab: Any, conn: Any, item: Any, sink: Any, home: Any) -> bool:
    if item.argv:
        try:
            lab.timing = parse_bool(item.argv[0], "\\timing")
        except VariableError as e:
            _out(sink, f"{e}\n", "error")
            # psql reports the bad value and then the (unchanged) state
            _out(sink, f"Timing is {'on' if lab.timing else 'off'}.\n")
            return False
    else:
        lab.timing = not lab.timing
    _out(sink, f"Timing is {'on' if lab.timing else 'off'}.\n")
    return True


def cmd_echo(lab: Any, conn: Any, item: Any, sink: Any, home: Any) -> bool:
    args = list(item.argv)
    newline = "\n"
    if args and args[0] == "-n":
        args, newline = args[1:], ""
    _out(sink, " ".join(args) + newline, "error" if item.name == "warn" else "psql")
    return True


def cmd_set(lab: Any, conn: Any, item: Any, sink: Any, home: Any) -> bool:
    if not item.argv:
        _out(sink, lab.vars.listing())
        return True
    try:
        lab.vars.set(item.argv[0], "".join(item.argv[1:]))
    except VariableError as e:
        return _fail(sink, str(e))
    return True


def cmd_unset(lab: Any, conn: Any, item: Any, sink: Any, home: Any) -> bool:
    if not item.argv:
        return _fail(sink, "\\unset: missing required argument")
    lab.vars.unset(item.argv[0])
    for extra in item.argv[1:]:
        _out(sink, f'\\unset: extra argument "{extra}" ignored\n', "error")
    return True


def cmd_encoding(lab: Any, conn: Any, item: Any, sink: Any, home: Any) -> bool:
    if item.argv and item.argv[0].upper().replace("-", "") not in ("UTF8", "UNICODE"):
        return _fail(sink, f"{item.argv[0]}: invalid encoding name or conversion procedure not found")
    if not item.argv:
        _out(sink, "UTF8\n")
    return True


def cmd_p(lab: Any, conn: Any, item: Any, sink: Any, home: Any) -> bool:
    buf = item.buffer or item.previous
    _out(sink, buf + "\n" if buf else "Query buffer is empty.\n")
    return True


def cmd_r(lab: Any, conn: Any, item: Any, sink: Any, home: Any) -> bool:
    _out(sink, "Query buffer reset (cleared).\n")
    return True


def cmd_q(lab: Any, conn: Any, item: Any, sink: Any, home: Any) -> bool:
    for extra in item.argv:
        _out(sink, f'\\{item.name}: extra argument "{extra}" ignored\n', "error")
    return True


# -- connections ------------------------------------------------------------------------------------

def cmd_conninfo(lab: Any, conn: Any, item: Any, sink: Any, home: Any) -> bool:
    if conn.session is None:                   # connections are made on first use; this is one
        conn.session = lab.engine.connect(conn.name)
    s = conn.session
    pid = "connection lost" if getattr(s, "closed", False) or conn.lost is not None else f"backend pid {s.pid}"
    _out(sink, f'You are connected to database "txlab" as user "postgres" on connection "{conn.name}" '
               f"({pid}) of the in-process TxLab engine.\n")
    return True


def cmd_connections(lab: Any, conn: Any, item: Any, sink: Any, home: Any) -> bool:
    from txlab.engine.psql import format_table
    rows = []
    for st in lab.states():
        if st.pid is None:
            continue
        rows.append([st.name, str(st.pid), st.state, str(st.xid) if st.xid else None,
                     st.isolation or None, st.waiting_for])
    headers = ["name", "pid", "state", "xid", "isolation level", "waiting for"]
    _out(sink, format_table(headers, [25, 23, 25, 28, 25, 25], rows, title="Connections"))
    return True


def cmd_terminate(lab: Any, conn: Any, item: Any, sink: Any, home: Any) -> bool:
    from txlab.engine import PgError
    from txlab.engine.psql import format_error
    if len(item.argv) != 1:
        return _fail(sink, "\\terminate: give the name of one connection, e.g. \\terminate bob")
    name = item.argv[0]
    target = lab.conns.get(name)
    s = target.session if target else None
    if s is None or getattr(s, "closed", False) or target.lost is not None:
        return _fail(sink, f'\\terminate: there is no open connection named "{name}"')
    in_block = (s.xact is not None and not s.xact.implicit) or getattr(s, "busy", False)
    error = PgError("57P01", "terminating connection due to administrator command", severity="FATAL")
    terminate = getattr(s, "terminate", None)
    if callable(terminate):
        terminate(error)      # its waiting statement, or else its next one, fails with `error`
    else:
        s.close()
        target.lost = format_error(error)
    what = "its open transaction was rolled back and its locks released" if in_block \
        else "it had no open transaction"
    _out(sink, f'Connection "{name}" (pid {s.pid}) terminated, as pg_terminate_backend({s.pid}) would: {what}.\n'
               f"Its next statement reports the lost connection as psql would, then it connects again.\n")
    return True


def _report_to_waiting_cell(lab: Any, target: Any, fatal: str, home: Any) -> None:
    """A waiting statement's psql sees FATAL at once: show it in the waiting cell."""
    wait, target.wait = target.wait, None
    out = wait.script.home.output
    for p in list(out.pieces):
        if p.kind == "waiting":
            out.pieces.remove(p)
    out.add(Piece(fatal, "error"))
    lab._updates[wait.script.home.display_id] = out
    section = home.output.section(target.name, f"{target.name} (pid {target.session.pid}) was waiting")
    section.pieces.append(Piece(fatal, "error"))


def cmd_crash(lab: Any, conn: Any, item: Any, sink: Any, home: Any) -> bool:
    if "wal" not in lab.features():
        return _fail(sink, "\\crash: crash recovery is not available yet (the engine has no write-ahead log "
                           "yet); nothing happened.")
    from txlab.engine.psql import CONNECTION_LOST
    waiting = [c for c in lab.conns.values() if c.wait is not None]
    for c in waiting:
        _report_to_waiting_cell(lab, c, CONNECTION_LOST, home)
    lost = lab.crash()
    for c in waiting:
        c.lost = ""                     # its psql printed the lost connection already
    names = ", ".join(lost) if lost else "none"
    _out(sink, f"Power loss: every connection is gone ({names}); the database was recovered from its "
               "write-ahead log.\nCommitted transactions survived; the others never happened.\n")
    return True


def cmd_reset(lab: Any, conn: Any, item: Any, sink: Any, home: Any) -> bool:
    lab.replace_engine(None)
    lab.clock.restart()
    _out(sink, "A fresh, empty database: every connection was closed and reconnects on first use "
               "(xids and pids start again where a fresh server's do).\n")
    return True


def cmd_clock(lab: Any, conn: Any, item: Any, sink: Any, home: Any) -> bool:
    from .clock import ClockError, parse_duration, parse_instant
    args = list(item.argv)
    try:
        if not args:
            pass
        elif args[0] == "real":
            lab.clock.set_real()
        elif args[0].startswith("+"):
            if not lab.clock.is_fixed:
                return _fail(sink, "\\clock: the clock is real; fix it first (\\clock 2024-01-01 09:00:00+00)")
            lab.clock.advance(parse_duration(" ".join(args)[1:]))
        elif args[0] == "step":
            if not lab.clock.is_fixed:
                return _fail(sink, "\\clock: the clock is real; fix it first (\\clock 2024-01-01 09:00:00+00)")
            lab.clock.step = parse_duration(" ".join(args[1:]) or "0")
        else:
            step = None
            if "step" in args:
                k = args.index("step")
                step, args = parse_duration(" ".join(args[k + 1:]) or "0"), args[:k]
            lab.clock.fix(parse_instant(" ".join(args)), step)
    except ClockError as e:
        return _fail(sink, f"\\clock: {e}")
    _out(sink, lab.clock.describe() + "\n")
    return True


# -- help, describe, diagrams --------------------------------------------------------------------------

_HELP = [
    ("General", [
        ("\\g [(OPTIONS)]", "execute query; \\g with no arguments is equivalent to a semicolon"),
        ("\\gset [PREFIX]", "execute query and store result in psql variables"),
        ("\\gx", "as \\g, but forces expanded output mode"),
        ("\\q", "stop running this cell"),
    ]),
    ("Help", [("\\? [commands]", "show help on backslash commands")]),
    ("Query Buffer", [
        ("\\p", "show the contents of the query buffer"),
        ("\\r", "reset (clear) the query buffer"),
    ]),
    ("Input/Output", [
        ("\\echo [-n] [STRING]", "write string to standard output (-n for no newline)"),
        ("\\qecho [-n] [STRING]", "write string to the query output (-n for no newline)"),
        ("\\warn [-n] [STRING]", "write string to standard error (-n for no newline)"),
    ]),
    ("Conditional", [
        ("\\if EXPR", "begin conditional block"),
        ("\\elif EXPR", "alternative within current conditional block"),
        ("\\else", "final alternative within current conditional block"),
        ("\\endif", "end conditional block"),
    ]),
    ("Informational", [
        ("  (options: + = additional detail)", None),
        ("\\d[+]", "list tables, views, and sequences"),
        ("\\d[+]  NAME", "describe table, sequence, or index"),
        ("\\di    [PATTERN]", "list indexes"),
        ("\\ds    [PATTERN]", "list sequences"),
        ("\\dt    [PATTERN]", "list tables"),
        ("\\dv    [PATTERN]", "list views"),
    ]),
    ("Formatting", [("\\x [on|off|auto]", "toggle expanded output (currently {expanded})")]),
    ("Connection", [
        ("\\conninfo", "display information about the cell's connection"),
        ("\\encoding", "show client encoding"),
    ]),
    ("Operating System", [("\\timing [on|off]", "toggle timing of commands (currently {timing})")]),
    ("Variables", [
        ("\\set [NAME [VALUE]]", "set internal variable, or list all if no parameters"),
        ("\\unset NAME", "unset (delete) internal variable"),
        ("  (psql's special variables that act here: AUTOCOMMIT, ON_ERROR_ROLLBACK, ON_ERROR_STOP;\n"
         "   set after each query: ERROR, SQLSTATE, ROW_COUNT, LAST_ERROR_SQLSTATE, LAST_ERROR_MESSAGE)", None),
    ]),
    ("TxLab (a cell's connection: tag conn:NAME, or a first line -- conn: NAME)", [
        ("\\connections", "every connection: pid, state, xid, isolation level, what it waits for"),
        ("\\terminate NAME", "end connection NAME as pg_terminate_backend would"),
        ("\\crash", "power loss: every connection gone, the engine recovered from its WAL"),
        ("\\reset", "a fresh, empty database"),
        ("\\clock [TIMESTAMP [step DURATION] | +DURATION | step DURATION | real]",
         "show, fix, advance or free the clock now() reads"),
        ("\\versions [TABLE]", "version chains of TABLE, with what each connection sees"),
        ("\\snapshot [NAME]", "snapshots of one or all connections"),
        ("\\savepoints [NAME]", "savepoint tree of a connection's transaction"),
        ("\\flow [NAME]", "commit / rollback / abort path of a connection's transactions"),
        ("\\timeline", "all connections' statements in order, one lane each"),
        ("\\locks", "lock wait-for graph, deadlocks highlighted"),
        ("\\explore [TABLE]", "the interactive, live-updating explorer"),
    ]),
]


def help_text(expanded: str = "off", timing: bool = False) -> str:
    """``\\?`` in psql's layout: command in 23 columns, then its description."""
    lines: list[str] = []
    for title, entries in _HELP:
        lines.append(title)
        for cmd, desc in entries:
            if desc is None:
                lines.append(cmd)
                continue
            desc = desc.format(expanded=expanded, timing="on" if timing else "off")
            if len(cmd) > 22:
                lines.append(f"  {cmd}")
                lines.append(f"  {'':22} {desc}")
            else:
                lines.append(f"  {cmd:<22} {desc}")
        lines.append("")
    return "\n".join(lines) + "\n"


def cmd_help(lab: Any, conn: Any, item: Any, sink: Any, home: Any) -> bool:
    _out(sink, help_text(lab.expanded, lab.timing))
    return True


def cmd_describe(lab: Any, conn: Any, item: Any, sink: Any, home: Any) -> bool:
    from .describe import DescribeError, describe_command
    s = conn.session
    xact = s.xact if s is not None and not getattr(s, "closed", False) else None
    catalog = lab.engine.catalog
    try:
        text = describe_command(item.name, item.argv_trimmed, catalog.all_visible(xact),
                                lambda n: catalog.get(n, xact))
    except DescribeError as e:
        return _fail(sink, str(e))
    _out(sink, text)
    return True


def _widgets_run() -> Callable[..., Any] | None:
    try:
        from txlab.widgets import commands    # imported only when a diagram is asked for
    except Exception:
        return None
    run = getattr(commands, "run", None)
    return run if callable(run) else None


def cmd_diagram(lab: Any, conn: Any, item: Any, sink: Any, home: Any) -> bool:
    run = _widgets_run()
    if run is None:
        return _fail(sink, "diagram commands are not available yet")
    s = conn.session if conn.session is not None and not getattr(conn.session, "closed", False) else None
    engine = lab.engine
    ctx = CommandContext(engine, conn.name, s, dict(getattr(engine, "sessions", {})), tuple(item.argv),
                         lab.kernel, lab.clock)
    ok = True
    for bundle in _bundles(run(item.name, item.args, ctx)):
        text = str(bundle["data"].get("text/plain", ""))
        if list(bundle["data"]) == ["text/plain"] and text.startswith("ERROR:  "):
            ok = _fail(sink, text)          # a mistake in the command: psql-style error, no diagram
            continue
        sink.add(Piece(text if text.endswith("\n") or not text else text + "\n", "display", bundle=bundle))
    return ok


def _bundles(result: Any) -> list[dict]:
    """Whatever display data a diagram command returned, as mime bundles."""
    if result is None:
        return []
    if isinstance(result, list):
        return [b for r in result for b in _bundles(r)]
    if isinstance(result, str):
        return [{"data": {"text/plain": result}, "metadata": {}}]
    if isinstance(result, tuple) and len(result) == 2 and isinstance(result[0], dict):
        return [{"data": dict(result[0]), "metadata": dict(result[1] or {})}]
    if isinstance(result, dict):
        if "data" in result and isinstance(result["data"], dict):
            return [{"data": dict(result["data"]), "metadata": dict(result.get("metadata") or {})}]
        return [{"data": dict(result), "metadata": {}}]
    rich = getattr(result, "_repr_mimebundle_", None)
    if callable(rich):
        got = rich()
        return _bundles(got if isinstance(got, (tuple, dict)) else str(got))
    return [{"data": {"text/plain": repr(result)}, "metadata": {}}]


# -- conditionals -----------------------------------------------------------------------------------------

def run_conditional(lab: Any, script: Any, item: Any, sink: Any) -> bool:
    """\\if / \\elif / \\else / \\endif (psql's ConditionalStack)."""
    stack = script.conditions
    name = item.name
    if name == "if":
        outer = script.active()
        value = _condition(item, sink) if outer else False
        if value is None:
            stack.append([False, True, outer])
            return False
        stack.append([bool(value), bool(value), outer])
        return True
    if not stack:
        return _fail(sink, f"\\{name}: no matching \\if")
    top = stack[-1]
    if name == "endif":
        stack.pop()
        return True
    if name == "elif":
        if top[1] or not top[2]:
            top[0] = False
            return True
        value = _condition(item, sink)
        top[0] = top[1] = bool(value)
        return value is not None
    top[0] = top[2] and not top[1]          # \else
    top[1] = True
    return True


def _condition(item: Any, sink: Any) -> bool | None:
    expr = " ".join(item.argv)
    try:
        return parse_bool(expr, f"\\{item.name} expression")
    except VariableError as e:
        _fail(sink, str(e))
        return None


# -- dispatch -----------------------------------------------------------------------------------------------

_HANDLERS: dict[str, Callable[..., bool]] = {
    "x": cmd_x, "timing": cmd_timing, "echo": cmd_echo, "qecho": cmd_echo, "warn": cmd_echo,
    "set": cmd_set, "unset": cmd_unset, "encoding": cmd_encoding, "p": cmd_p, "print": cmd_p,
    "r": cmd_r, "q": cmd_q, "quit": cmd_q, "conninfo": cmd_conninfo, "connections": cmd_connections,
    "terminate": cmd_terminate, "crash": cmd_crash, "reset": cmd_reset, "clock": cmd_clock,
    "?": cmd_help,
}
for _name in DIAGRAM_COMMANDS:
    _HANDLERS[_name] = cmd_diagram

COMMAND_NAMES = tuple(sorted(set(_HANDLERS) | {"d", "d+", "dt", "di", "ds", "dv", "g", "gx", "gset",
                                               "if", "elif", "else", "endif"}))


def run_meta(lab: Any, conn: Any, item: Any, sink: Any, home: Any) -> bool:
    """Run one meta-command; False when psql would count it as failed."""
    from .describe import is_describe
    handler = _HANDLERS.get(item.name)
    if handler is None and is_describe(item.name):
        handler = cmd_describe
    if handler is None:
        return _unsupported(item, sink)
    try:
        return handler(lab, conn, item, sink, home)
    except Exception as e:    # a TxLab bug: psql-style error, the kernel goes on
        from .lab import _internal_error_text
        return _fail(sink, _internal_error_text(e))


def _unsupported(item: Any, sink: Any) -> bool:
    name = item.name
    if name in ("c", "connect"):
        return _fail(sink, f"\\{name}: in TxLab a cell picks its connection with the tag conn:NAME "
                           "or a first line -- conn: NAME")
    if name in _PSQL_OTHERS:
        return _fail(sink, f"\\{name}: not supported by TxLab")
    _out(sink, f"invalid command \\{name}\nTry \\? for help.\n", "error")
    return False
