"""The ipywidgets views, driven through their models (no browser, no kernel:
ipywidgets talks to a dummy comm)."""
from __future__ import annotations

import asyncio

import pytest

pytest.importorskip("ipywidgets")

from txlab.engine import inspect as I  # noqa: E402
from txlab.widgets.diagrams import Request  # noqa: E402
from txlab.widgets.views import EVERYONE, DiagramView, after_cell, explore  # noqa: E402

from .scenarios import SCENARIOS, _ok, seq_of  # noqa: E402


@pytest.fixture
def race():
    eng, conn = SCENARIOS["update_race"]()
    return eng, conn


def test_explorer_starts_live_on_the_present(race) -> None:
    eng, conn = race
    v = explore(eng, "accounts", conn)
    try:
        assert v.kind.value == "versions" and v.table.value == "accounts"
        assert v.connection.options == (EVERYONE, "alice", "bob") and v.connection.value == EVERYONE
        assert (v.at.min, v.at.max, v.at.value) == (0, I.last_seq(eng), I.last_seq(eng))
        assert v.live.value and v._listen in eng.events.listeners
        assert v.text.startswith(f"versions of accounts (id, balance) at seq {I.last_seq(eng)}")
        assert "(the present)" in v.event.value and "<svg" in v.pane.value
    finally:
        v.close()
    assert v._listen not in eng.events.listeners


def test_connection_selector_shows_one_view(race) -> None:
    eng, conn = race
    v = DiagramView(eng, Request("versions", table="accounts", cell_conn=conn))
    v.connection.value = "bob"
    assert "connections: bob" in v.text and "alice" not in v.text.split("\n", 3)[3]
    v.connection.value = EVERYONE
    assert "connections: alice, bob" in v.text


def test_slider_goes_back_in_time_and_leaves_live(race) -> None:
    eng, conn = race
    v = explore(eng, "accounts", conn)
    seeded = seq_of(eng, "commit", "alice", xid=736)            # the two rows are in
    v.at.value = seeded
    assert not v.live.value and v._listen not in eng.events.listeners
    assert f"as of seq {seeded} (reconstructed from the event log): 2 versions" in v.text
    assert v.event.value == (f"seq {seeded}: alice COMMIT (xid 736) [INSERT INTO accounts VALUES (1, 5000.00), "
                             "(2, 3000.00)] (the past)")
    assert v.note.value == "The past is reconstructed from the event log."
    v.at.value = v.at.max
    assert f"at seq {I.last_seq(eng)}: 3 versions" in v.text and v.note.value == ""
    v.close()


def test_live_view_follows_later_cells(race) -> None:
    eng, conn = race
    v = explore(eng, "accounts", conn)
    drawn = I.last_seq(eng)
    _ok(eng.sessions["alice"], "UPDATE accounts SET balance = 0 WHERE id = 2")
    assert f"at seq {drawn}:" in v.text              # redrawn after the cell, not during it
    after_cell()
    assert v.at.max == v.at.value == I.last_seq(eng) > drawn
    assert f"at seq {I.last_seq(eng)}: 4 versions" in v.text
    eng.connect("carol")
    after_cell()
    assert "carol" in v.connection.options
    v.close()


def test_live_redraw_is_scheduled_on_a_running_loop(race) -> None:
    eng, conn = race
    v = explore(eng, "accounts", conn)
    drawn = I.last_seq(eng)

    async def cell() -> tuple[str, str]:
        _ok(eng.sessions["alice"], "UPDATE accounts SET balance = 0 WHERE id = 2")
        during = v.text
        await asyncio.sleep(0)                        # the cell is over: the loop runs the redraw
        return during, v.text

    during, after = asyncio.run(cell())
    assert f"at seq {drawn}:" in during and f"at seq {I.last_seq(eng)}:" in after
    v.close()


def test_static_view_does_not_listen(race) -> None:
    eng, conn = race
    drawn = I.last_seq(eng)
    v = DiagramView(eng, Request("timeline"))
    assert v._listen not in eng.events.listeners
    _ok(eng.sessions["alice"], "SELECT 1 FROM accounts")
    after_cell()
    assert v.at.max == drawn < I.last_seq(eng)         # a stored output stays as it was drawn


def test_kind_selector_shows_the_right_controls(race) -> None:
    eng, conn = race
    v = explore(eng, "accounts", conn)
    shown = lambda: {name for name in ("table", "connection")
                     if getattr(v, name).layout.display != "none"}
    assert shown() == {"table", "connection"}
    v.kind.value = "timeline"
    assert shown() == set() and v.text.startswith("timeline at seq")
    v.kind.value = "savepoints"
    assert shown() == {"connection"} and v.connection.options == ("alice", "bob")
    assert v.text.startswith("savepoints of alice")
    v.connection.value = "bob"
    assert v.text.startswith("savepoints of bob")
    v.kind.value = "snapshot"
    assert v.connection.value == "bob" and EVERYONE in v.connection.options
    v.close()


def test_explorer_without_tables_still_draws() -> None:
    eng, _ = SCENARIOS["waiting"]()
    v = explore(eng, None, "carol", kind="locks")
    assert v.text.startswith("lock waits at seq")
    v.kind.value = "versions"
    assert v.text == "ERROR:  \\versions needs a table name"
    v.close()


def test_table_dropped_after_the_view_was_drawn(race) -> None:
    eng, conn = race
    v = DiagramView(eng, Request("versions", table="accounts", cell_conn=conn))
    _ok(eng.sessions["bob"], "COMMIT")
    _ok(eng.sessions["alice"], "DROP TABLE accounts")
    v.refresh()
    assert v.text == 'ERROR:  relation "accounts" does not exist'
