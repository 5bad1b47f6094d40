"""Lock waits and interrupts through the kernel, on the real engine.

The wait tests need the engine's lock waits; they are skipped only while
``"locks" not in Engine.features``.  A running statement can be
interrupted whatever the engine supports."""
from __future__ import annotations

import time
from queue import Empty

import pytest

from txlab.engine import Engine

needs_locks = pytest.mark.skipif("locks" not in Engine.features, reason="the engine has no lock waits yet")


def _updates_for(kernel, display_id: str, timeout: float = 10.0) -> list[dict]:
    """update_display_data messages for `display_id`, whatever request they answer."""
    found, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline and not found:
        try:
            msg = kernel.kc.get_iopub_msg(timeout=0.2)
        except Empty:
            continue
        content = msg["content"]
        if msg["msg_type"] == "update_display_data" and content["transient"]["display_id"] == display_id:
            found.append(content)
    return found


def _row_locked_by(kernel, prefix: str) -> str:
    """A one-row table whose row connection PREFIX_alice holds locked (open
    transaction); returns the UPDATE that must wait for it."""
    kernel.execute(f"CREATE TABLE {prefix}_t (id int PRIMARY KEY); INSERT INTO {prefix}_t VALUES (1);")
    update = f"UPDATE {prefix}_t SET id = 1 WHERE id = 1;"
    kernel.execute("BEGIN; " + update, tags=[f"conn:{prefix}_alice"])
    return update


def test_interrupting_a_running_statement(kernel):
    rows = ", ".join(f"({i})" for i in range(300))
    kernel.execute(f"CREATE TABLE slow_t (i int); INSERT INTO slow_t VALUES {rows};", tags=["conn:slow"])
    msg_id = kernel.send_execute("SELECT count(*) FROM slow_t a, slow_t b, slow_t c;", tags=["conn:slow"])
    time.sleep(1.0)
    kernel.km.interrupt_kernel()
    reply = kernel.reply(msg_id, timeout=30)["content"]
    messages = kernel.iopub_until_idle(msg_id)
    assert reply["status"] == "error" and reply["ename"] == "KeyboardInterrupt" and reply["traceback"] == []
    shown = [m["content"]["data"]["text/plain"] for m in messages if m["msg_type"] == "display_data"]
    assert shown == ["ERROR:  canceling statement due to user request\n"]
    assert not [m for m in messages if m["msg_type"] == "stream"]
    after = kernel.execute("SELECT count(*) FROM slow_t;", tags=["conn:slow"])
    assert after.status == "ok" and "   300\n" in after.text
    assert "idle" in kernel.execute("\\connections").text


@needs_locks
def test_wait_resume_and_update_in_place(kernel):
    kernel.execute("CREATE TABLE w_accounts (id int PRIMARY KEY, balance numeric(12,2));"
                   "INSERT INTO w_accounts VALUES (1, 5000.00), (2, 3000.00);")
    kernel.execute("BEGIN; UPDATE w_accounts SET balance = balance - 100 WHERE id = 1;", tags=["conn:w_alice"])
    bob = kernel.execute("BEGIN; UPDATE w_accounts SET balance = balance + 100 WHERE id = 1; SELECT 'after';",
                         tags=["conn:w_bob"])
    assert bob.status == "ok"
    assert bob.text.startswith("BEGIN\n-- w_bob is waiting for ")
    assert "held by w_alice" in bob.text
    assert "waiting for" in bob.html
    waiting_id = bob.display_id
    assert waiting_id

    again = kernel.execute("SELECT 1;", tags=["conn:w_bob"])
    assert "w_bob is still waiting" in again.text and "nothing in this cell was run" in again.text

    alice = kernel.execute("COMMIT;", tags=["conn:w_alice"])
    assert alice.text.startswith("COMMIT\n-- w_bob (pid ")
    assert alice.text.endswith(" resumed:\nUPDATE 1\n ?column? \n----------\n after\n(1 row)\n\n")
    (update,) = alice.updates
    assert update["transient"]["display_id"] == waiting_id
    assert update["data"]["text/plain"] == "BEGIN\nUPDATE 1\n ?column? \n----------\n after\n(1 row)\n\n"
    assert update["metadata"]["txlab"]["first_shown"]["text/plain"] == bob.text
    done = kernel.execute("COMMIT; SELECT balance FROM w_accounts WHERE id = 1;", tags=["conn:w_bob"])
    assert " 5000.00\n" in done.text


@needs_locks
def test_lock_timeout_blocks_the_cell_until_the_deadline(kernel):
    update = _row_locked_by(kernel, "lt")
    started = time.monotonic()
    bob = kernel.execute("SET lock_timeout = '400ms';\n" + update, tags=["conn:lt_bob"])
    assert time.monotonic() - started >= 0.35
    assert bob.status == "ok"
    final = bob.updates[-1]["data"]["text/plain"] if bob.updates else bob.text
    assert final.startswith("SET\nERROR:  canceling statement due to lock timeout\n")
    assert bob.displays[0]["data"]["text/plain"].startswith("SET\n-- lt_bob is waiting for ")   # shown while blocked
    kernel.execute("ROLLBACK;", tags=["conn:lt_alice"])


@needs_locks
def test_interrupt_while_blocked_on_a_timeout(kernel):
    update = _row_locked_by(kernel, "ib")
    msg_id = kernel.send_execute("SET lock_timeout = '30s';\n" + update, tags=["conn:ib_bob"])
    time.sleep(0.8)
    kernel.km.interrupt_kernel()
    reply = kernel.reply(msg_id, timeout=20)["content"]
    messages = kernel.iopub_until_idle(msg_id)
    assert reply["status"] == "error" and reply["ename"] == "KeyboardInterrupt"
    final = [m["content"]["data"]["text/plain"] for m in messages
             if m["msg_type"] in ("display_data", "update_display_data")][-1]
    assert final.startswith("SET\nERROR:  canceling statement due to user request\n")
    kernel.execute("ROLLBACK;", tags=["conn:ib_alice"])


@needs_locks
def test_idle_interrupt_cancels_a_waiting_statement(kernel):
    update = _row_locked_by(kernel, "ii")
    bob = kernel.execute(update, tags=["conn:ii_bob"])
    assert "is waiting for" in bob.text
    kernel.drain_iopub()
    kernel.km.interrupt_kernel()
    (update,) = _updates_for(kernel, bob.display_id)
    assert update["data"]["text/plain"].startswith("ERROR:  canceling statement due to user request\n")
    assert "ii_bob" in update["data"]["text/html"]
    assert kernel.execute("SELECT 1;", tags=["conn:ii_bob"]).status == "ok"
    kernel.execute("ROLLBACK;", tags=["conn:ii_alice"])


@needs_locks
def test_terminate_a_waiting_connection(kernel):
    update = _row_locked_by(kernel, "tw")
    bob = kernel.execute(update, tags=["conn:tw_bob"])
    run = kernel.execute("\\terminate tw_bob")
    assert 'Connection "tw_bob"' in run.text
    assert "FATAL:  terminating connection due to administrator command\n" in run.text
    (update,) = run.updates
    assert update["transient"]["display_id"] == bob.display_id
    assert update["data"]["text/plain"].startswith("FATAL:  terminating connection due to administrator command\n"
                                                   "server closed the connection unexpectedly\n")
    fresh = kernel.execute("SELECT pg_backend_pid();", tags=["conn:tw_bob"])
    assert fresh.status == "ok" and "(1 row)" in fresh.text
    kernel.execute("ROLLBACK;", tags=["conn:tw_alice"])
