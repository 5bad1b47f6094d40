"""commands.run, as the kernel calls it: bundles, arguments, errors, collapsing."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from txlab.engine import Engine
from txlab.widgets.commands import is_error, parse_args, run, widgets_wanted
from txlab.widgets.diagrams import DOT_MIME, WIDGET_MIME

from .scenarios import SCENARIOS, _ok, long_chain, seq_of


def _run(eng: Engine, command: str, args: str = "", conn: str | None = "alice", **extra) -> list[dict]:
    return run(command, args, {"engine": eng, "connection": conn, "widgets": False, **extra})


@pytest.fixture(scope="module")
def race() -> Engine:
    return SCENARIOS["update_race"]()[0]


@pytest.mark.parametrize("command", ["versions", "snapshot", "savepoints", "flow", "timeline", "locks", "explore"])
def test_every_command_gives_text_dot_and_svg(race: Engine, command: str) -> None:
    (data,) = _run(race, command, "accounts" if command in ("versions", "explore") else "")
    assert set(data) == {"text/plain", DOT_MIME, "image/svg+xml"}
    assert data[DOT_MIME].startswith("digraph ")
    assert "<svg" in data["image/svg+xml"]
    assert not re.search(r"0x[0-9a-f]{6,}", data["text/plain"] + data[DOT_MIME])    # no addresses


def test_text_is_deterministic() -> None:
    first = [_run(SCENARIOS["vacuum"]()[0], c, "", "psql")[0] for c in ("versions", "timeline", "flow")]
    second = [_run(SCENARIOS["vacuum"]()[0], c, "", "psql")[0] for c in ("versions", "timeline", "flow")]
    assert [(d["text/plain"], d[DOT_MIME]) for d in first] == [(d["text/plain"], d[DOT_MIME]) for d in second]


def test_widget_view_in_the_bundle(race: Engine) -> None:
    (data,) = _run(race, "versions", "accounts", widgets=True)
    view = data[WIDGET_MIME]
    assert view["version_major"] == 2 and re.fullmatch(r"[0-9a-f]{32}", view["model_id"])
    (data,) = _run(race, "explore", "", widgets=True)
    assert WIDGET_MIME in data


def test_context_as_an_object(race: Engine) -> None:
    (data,) = run("snapshot", "", SimpleNamespace(engine=race, connection="bob", widgets=False))
    assert data["text/plain"].startswith("snapshots of bob at seq")


@pytest.mark.parametrize("command,args,message", [
    ("versions", "nope", 'relation "nope" does not exist'),
    ("versions", '"Accounts"', 'relation "Accounts" does not exist'),
    ("explore", "nope", 'relation "nope" does not exist'),
    ("snapshot", "carol", 'connection "carol" does not exist'),
    ("flow", "carol", 'connection "carol" does not exist'),
    ("savepoints", "carol", 'connection "carol" does not exist'),
    ("versions", "accounts extra", '\\versions: extra argument "extra"'),
    ("timeline", "alice", '\\timeline: extra argument "alice"'),
    ("locks", "--verbose", '\\locks: invalid option "--verbose"'),
    ("versions", "accounts --at soon", '\\versions: --at needs an event number, not "soon"'),
    ("frobnicate", "", 'unknown diagram command "\\frobnicate"'),
])
def test_errors_read_like_psql(race: Engine, command: str, args: str, message: str) -> None:
    (data,) = _run(race, command, args)
    assert data == {"text/plain": f"ERROR:  {message}"} and is_error(data)


def test_savepoints_needs_a_connection(race: Engine) -> None:
    (data,) = _run(race, "savepoints", "", conn=None)
    assert data["text/plain"] == "ERROR:  \\savepoints needs a connection name (this cell has none)"


def test_names_fold_like_psql(race: Engine) -> None:
    assert not is_error(_run(race, "versions", "ACCOUNTS")[0])
    assert parse_args("versions", '"My ""Table""" --all --at=3').names == [('My "Table"', True)]


def test_defaults_and_star(race: Engine) -> None:
    assert _run(race, "snapshot", conn="bob")[0]["text/plain"].startswith("snapshots of bob ")
    assert _run(race, "snapshot", "*")[0]["text/plain"].startswith("snapshots of every connection ")
    assert _run(race, "flow", "*")[0]["text/plain"].startswith("transaction flow of every connection ")
    assert _run(race, "flow", "bob")[0]["text/plain"].startswith("transaction flow of bob ")


def test_versions_of_every_table() -> None:
    eng = Engine()
    s = eng.connect("s")
    assert _run(eng, "versions", conn="s") == [{"text/plain": "Did not find any relations."}]
    _ok(s, "CREATE TABLE b (x int); CREATE TABLE a (x int)")
    titles = [d["text/plain"].split(" (", 1)[0] for d in _run(eng, "versions", conn="s")]
    assert titles == ["versions of a", "versions of b"]


def test_at_shows_the_past(race: Engine) -> None:
    seeded = seq_of(race, "commit", "alice", xid=736)            # the two rows are in, not yet updated
    text = _run(race, "versions", f"accounts --at {seeded}")[0]["text/plain"]
    assert f"as of seq {seeded} (reconstructed from the event log): 2 versions in 2 chains" in text


# --- collapsing ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def chain() -> Engine:
    return long_chain(200, rows=40)[0]


def test_long_chain_is_collapsed_with_a_count(chain: Engine) -> None:
    text = _run(chain, "versions", "counter", "psql")[0]["text/plain"]
    assert "239 versions in 40 chains" in text
    assert "\u2026 193 older versions" in text                  # 200 = first + 193 + newest 6
    assert "\u2026 10 more rows (chains of one committed version)" in text
    dot = _run(chain, "versions", "counter", "psql")[0][DOT_MIME]
    assert "\u2026 193 older versions" in dot and dot.count("t_ctid") == 5     # among the newest 6


def test_all_shows_everything(chain: Engine) -> None:
    data = _run(chain, "versions", "counter --all", "psql")[0]
    assert "older versions" not in data["text/plain"] and "more rows" not in data["text/plain"]
    assert data[DOT_MIME].count("t_ctid") == 199


def test_timeline_collapses_old_events(chain: Engine) -> None:
    text = _run(chain, "timeline", "", "psql")[0]["text/plain"]
    lines = text.splitlines()
    assert re.fullmatch(r"  \u2026 \d+ earlier events", lines[1]) and len(lines) == 2 + 60
    n = int(lines[1].split()[1])
    assert n + 60 == len(_run(chain, "timeline", "--all", "psql")[0]["text/plain"].splitlines()) - 1


def test_flow_collapses_old_steps(chain: Engine) -> None:
    text = _run(chain, "flow", "", "psql")[0]["text/plain"]
    assert "\u2026 161 earlier steps" in text                   # 201 transactions, the newest 40 shown


def test_no_widgets_outside_a_kernel() -> None:
    assert widgets_wanted({}) is False
    assert widgets_wanted({"widgets": True}) is True
    assert widgets_wanted({"kernel": SimpleNamespace(shell_handlers={"comm_open": print})}) is True
    assert widgets_wanted({"kernel": SimpleNamespace(shell_handlers={})}) is False
