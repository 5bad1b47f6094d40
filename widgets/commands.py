"""The diagram meta-commands, as the kernel calls them.

    run(command, args, context) -> list[dict]

`command` is the name without its backslash ("versions", "snapshot",
"savepoints", "flow", "timeline", "locks", "explore"), `args` the rest of
the line, and `context` anything with `engine` and `connection` (the cell's
connection name) as attributes or keys, and optionally `widgets` (True /
False) or `kernel` (widgets are offered when ipywidgets is installed and
that kernel, else the running ipykernel, routes comm messages).  Each dict returned is one
display's MIME bundle: `text/plain` (deterministic, what nbval compares),
`text/vnd.graphviz` (the DOT), `image/svg+xml`, and the widget view when
widgets are on.  A mistake is one bundle with only `text/plain`, in
psql's form (`ERROR:  relation "x" does not exist`); `is_error` tells
them apart.

Arguments: `\\versions [TABLE]` (every table when omitted), `\\snapshot
[NAME|*]`, `\\savepoints [NAME]`, `\\flow [NAME|*]` (NAME defaults to the
cell's connection, `*` means every connection), `\\timeline`, `\\locks`,
`\\explore [TABLE]`.  Options anywhere: `--all` shows everything instead
of collapsing long chains and histories, `--at SEQ` shows the state after
event SEQ.  Table names fold to lower case unless double-quoted, as in
psql; connection names are taken as written.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from txlab.engine import inspect as I

from . import history
from .diagrams import NeedsArgument, Request, build, bundle

COMMANDS = ("versions", "snapshot", "savepoints", "flow", "timeline", "locks", "explore")
_NO_ARGUMENT = ("timeline", "locks")


class UsageError(ValueError):
    pass


@dataclass
class Args:
    names: list[tuple[str, bool]] = field(default_factory=list)   # (text, was quoted)
    at: int | None = None
    full: bool = False


def run(command: str, args: str, context: Any) -> list[dict]:
    engine = _get(context, "engine")
    cell = _get(context, "connection")
    name = command.lstrip("\\")
    try:
        if name not in COMMANDS:
            raise UsageError(f'unknown diagram command "\\{name}"')
        parsed = parse_args(name, args or "")
        history.attach(engine)
        if name == "explore":
            return [_explore(engine, parsed, cell, context)]
        requests = requests_for(engine, name, parsed, cell)
        if not requests:
            return [{"text/plain": "Did not find any relations."}]
        widgets = widgets_wanted(context)
        return [_display(engine, req, widgets) for req in requests]
    except (I.InspectError, NeedsArgument, UsageError) as e:
        return [error_bundle(str(e))]


def error_bundle(message: str) -> dict:
    return {"text/plain": f"ERROR:  {message}"}


def is_error(data: dict) -> bool:
    return list(data) == ["text/plain"] and str(data["text/plain"]).startswith("ERROR:  ")


# --- arguments -----------------------------------------------------------------------------------------
def parse_args(command: str, text: str) -> Args:
    out = Args()
    tokens = _tokens(text)
    while tokens:
        word, quoted = tokens.pop(0)
        if quoted or not word.startswith("--"):
            out.names.append((word, quoted))
        elif word == "--all":
            out.full = True
        elif word == "--at" or word.startswith("--at="):
            value = word[5:] if "=" in word else (tokens.pop(0)[0] if tokens else "")
            if not value.lstrip("-").isdigit():
                raise UsageError(f'\\{command}: --at needs an event number, not "{value}"')
            out.at = int(value)
        else:
            raise UsageError(f'\\{command}: invalid option "{word}"')
    limit = 0 if command in _NO_ARGUMENT else 1
    if len(out.names) > limit:
        extra = " ".join(n for n, _ in out.names[limit:])
        raise UsageError(f'\\{command}: extra argument "{extra}"')
    return out


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Words, double-quoted identifiers kept whole ("" inside is one quote)."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
        elif text[i] == '"':
            j, word = i + 1, []
            while j < n:
                if text[j] == '"' and j + 1 < n and text[j + 1] == '"':
                    word.append('"')
                    j += 2
                elif text[j] == '"':
                    break
                else:
                    word.append(text[j])
                    j += 1
            out.append(("".join(word), True))
            i = j + 1
        else:
            j = i
            while j < n and not text[j].isspace():
                j += 1
            out.append((text[i:j], False))
            i = j
    return out


def _table_name(name: tuple[str, bool]) -> str:
    return name[0] if name[1] else name[0].lower()


def requests_for(engine: Any, command: str, args: Args, cell: str | None) -> list[Request]:
    base = Request(command, at=args.at, full=args.full, cell_conn=cell)
    given = args.names[0] if args.names else None
    if command == "versions":
        if given is not None:
            return [base.but(table=_table_name(given))]
        return [base.but(table=t) for t in I.table_names(engine, cell)]
    if command in _NO_ARGUMENT:
        return [base]
    conn = given[0] if given is not None else cell
    if conn == "*" and command in ("snapshot", "flow"):
        conn = None
    elif conn is None and command == "savepoints":
        raise UsageError("\\savepoints needs a connection name (this cell has none)")
    if conn is not None:
        I.require_connection(engine, conn, args.at)
    return [base.but(conn=conn)]


# --- displays ----------------------------------------------------------------------------------------
def _display(engine: Any, req: Request, widgets: bool) -> dict:
    diagram = build(engine, req, history.known_values(engine))
    view = None
    if widgets:
        from .views import DiagramView
        view = DiagramView(engine, req)
    return bundle(diagram, view.widget if view is not None else None)


def _explore(engine: Any, args: Args, cell: str | None, context: Any) -> dict:
    table = _table_name(args.names[0]) if args.names else None
    tables = I.table_names(engine, cell)
    if table is not None and table not in tables:
        raise I.InspectError(f'relation "{table}" does not exist')
    table = table or (tables[0] if tables else None)
    req = Request("versions" if table else "timeline", table=table, at=args.at, full=args.full, cell_conn=cell)
    diagram = build(engine, req, history.known_values(engine))
    if not widgets_wanted(context):
        return bundle(diagram)
    from .views import explore
    view = explore(engine, table, cell, kind=req.kind, at=args.at)
    return bundle(diagram, view.widget)


def widgets_wanted(context: Any) -> bool:
    """context.widgets if given; else whether ipywidgets is installed and the
    kernel (context.kernel, else the running ipykernel) routes comm messages."""
    flag = _get(context, "widgets", None)
    if flag is not None:
        return bool(flag)
    try:
        import ipywidgets  # noqa: F401
    except ImportError:
        return False
    kernel = _get(context, "kernel", None)
    if kernel is None:
        try:
            from ipykernel.kernelbase import Kernel
        except ImportError:
            return False
        if not Kernel.initialized():
            return False
        kernel = Kernel.instance()
    return "comm_open" in getattr(kernel, "shell_handlers", {})


def _get(context: Any, name: str, default: Any = None) -> Any:
    if isinstance(context, dict):
        return context.get(name, default)
    return getattr(context, name, default)
