"""The TxLab kernel over the Jupyter protocol: routing, psql's text, HTML,
errors, meta-commands, editor help.  One kernel process for the module;
each test uses its own connection names and tables."""
from __future__ import annotations

import re

import pytest

from txlab.engine import Engine
from txlab.engine.psql import format_results


def _no_stderr(run) -> None:
    assert not run.streams, run.streams          # nothing on stdout/stderr streams, ever
    for e in run.errors:
        assert e["traceback"] == []


# -- routing -----------------------------------------------------------------------------------------

def test_default_connection_is_main(kernel):
    run = kernel.execute("\\conninfo")
    assert run.status == "ok"
    assert 'on connection "main"' in run.text
    assert ">main</span>" in run.html


def test_tag_picks_the_connection(kernel):
    run = kernel.execute("\\conninfo", tags=["conn:routing_tag", "other-tag"])
    assert 'on connection "routing_tag"' in run.text
    assert ">routing_tag</span>" in run.html


def test_directive_picks_the_connection(kernel):
    run = kernel.execute("-- conn: routing_dir\n\\conninfo")
    assert 'on connection "routing_dir"' in run.text


def test_tag_and_directive_agreeing(kernel):
    run = kernel.execute("-- conn: routing_both\n\\conninfo", tags=["conn:routing_both"])
    assert run.status == "ok" and 'connection "routing_both"' in run.text


def test_tag_and_directive_disagreeing_is_an_error_naming_both(kernel):
    run = kernel.execute("-- conn: bob\nSELECT 1;", tags=["conn:alice"])
    assert run.status == "error"
    assert run.reply["ename"] == "ConnectionError"
    assert "conn:alice" in run.reply["evalue"] and "bob" in run.reply["evalue"]
    assert not run.displays            # nothing ran
    assert run.errors and run.errors[0]["traceback"] == []


def test_connections_are_separate_sessions(kernel):
    kernel.execute("CREATE TABLE route_t (id int);")
    kernel.execute("BEGIN; INSERT INTO route_t VALUES (1);", tags=["conn:route_a"])
    other = kernel.execute("SELECT count(*) FROM route_t;", tags=["conn:route_b"])
    assert "     0\n" in other.text                     # not committed yet
    kernel.execute("COMMIT;", tags=["conn:route_a"])
    other = kernel.execute("SELECT count(*) FROM route_t;", tags=["conn:route_b"])
    assert "     1\n" in other.text


# -- psql's exact text ---------------------------------------------------------------------------------

CELLS = [
    "CREATE TABLE exact_accounts (account_id bigint PRIMARY KEY, balance numeric(12,2) NOT NULL "
    "CHECK (balance >= 0), owner text);",
    "INSERT INTO exact_accounts VALUES (1, 5000.00, 'alice'), (2, 3000.00, NULL);",
    "SELECT * FROM exact_accounts ORDER BY account_id;",
    "SELECT * FROM exact_accounts WHERE account_id > 10;",
    "BEGIN;\nUPDATE exact_accounts SET balance = balance - 100 WHERE account_id = 1;\n"
    "SAVEPOINT p1;\nDELETE FROM exact_accounts WHERE account_id = 2 RETURNING *;\n"
    "ROLLBACK TO p1;\nRELEASE p1;\nCOMMIT;",
    "UPDATE exact_accounts SET balance = -1 WHERE account_id = 1;",
    "INSERT INTO exact_accounts VALUES (1, 1.00, 'dup');",
    "SELECT *\nFROM exact_acounts;",
    "SELECT 1/0;",
    "DROP TABLE IF EXISTS exact_nothing;",
    "SET lock_timeout = '60s'; SHOW lock_timeout;",
    "SELECT 'multi\nline' AS v, 'ünï' AS u, NULL AS n, 1.5::float8 AS f;",
    "BEGIN; SELECT nosuch; SELECT 1; ROLLBACK;",
    "SELECT;",
]


def test_text_is_what_the_engine_formatter_prints(kernel):
    reference = Engine().connect("x")          # fresh engine, same statements in the same order
    kernel.execute("\\reset")
    for cell in CELLS:
        run = kernel.execute(cell, tags=["conn:exact"])
        assert run.status == "ok"
        expected = format_results(reference.execute(cell))
        assert run.text == expected, cell
        _no_stderr(run)


def test_expanded_text(kernel):
    kernel.execute("CREATE TABLE exp_t (a int, b text); INSERT INTO exp_t VALUES (1, 'x'), (2, NULL);")
    run = kernel.execute("\\x on\nSELECT * FROM exp_t ORDER BY a;\n\\x off")
    reference = Engine().connect("r")
    reference.execute("CREATE TABLE exp_t (a int, b text); INSERT INTO exp_t VALUES (1, 'x'), (2, NULL);")
    expected = ("Expanded display is on.\n" + format_results(reference.execute("SELECT * FROM exp_t ORDER BY a;"),
                                                              expanded=True) + "Expanded display is off.\n")
    assert run.text == expected


# -- the HTML view ----------------------------------------------------------------------------------------

def test_html_has_tables_badge_state_and_styled_errors(kernel):
    kernel.execute("CREATE TABLE html_t (a int); INSERT INTO html_t VALUES (1);")
    run = kernel.execute("BEGIN; UPDATE html_t SET a = 2; SELECT * FROM html_t; SELECT nosuch;",
                         tags=["conn:html_alice"])
    html = run.html
    assert "<table" in html and "<th" in html and ">2</td>" in html
    assert ">html_alice</span>" in html
    assert "transaction aborted" in html                    # state after the cell
    assert "background:#fdecea" in html                     # the error, styled as one
    assert 'column &quot;nosuch&quot; does not exist' in html
    kernel.execute("ROLLBACK;", tags=["conn:html_alice"])
    again = kernel.execute("SELECT 1;", tags=["conn:html_alice"])
    assert "idle" in again.html
    # the colour of a connection is the same in every cell
    colour = re.search(r"background:(#[0-9a-f]{6});color:#fff", html).group(1)
    assert f"background:{colour};color:#fff" in again.html


def test_in_transaction_badge_shows_the_xid(kernel):
    kernel.execute("CREATE TABLE xid_t (a int);")
    run = kernel.execute("BEGIN; INSERT INTO xid_t VALUES (1); SELECT txid_current();", tags=["conn:xid_c"])
    xid = run.text.split("\n")[4].strip()
    assert f"in transaction, xid {xid}" in run.html
    kernel.execute("ROLLBACK;", tags=["conn:xid_c"])


def test_large_results_are_cut_in_html_only(kernel):
    values = ", ".join(f"({i})" for i in range(120))
    kernel.execute(f"CREATE TABLE big_t (i int); INSERT INTO big_t VALUES {values};")
    run = kernel.execute("SELECT * FROM big_t;")
    assert run.text.count("\n") == 120 + 4                  # psql prints every row
    assert run.html.count("<tr>") == 50 + 1
    assert "70 more (120 rows in all" in run.html


# -- errors ---------------------------------------------------------------------------------------------------

def test_sql_errors_do_not_fail_the_cell_and_are_not_on_stderr(kernel):
    run = kernel.execute("SELECT * FROM nowhere; SELECT 2;")
    assert run.status == "ok"
    assert run.text.startswith('ERROR:  relation "nowhere" does not exist\nLINE 1: SELECT * FROM nowhere;\n')
    assert run.text.endswith("(1 row)\n\n")
    assert not run.errors
    _no_stderr(run)


def test_on_error_stop_fails_the_cell_without_traceback(kernel):
    run = kernel.execute("\\set ON_ERROR_STOP on\nSELECT 1/0;\nSELECT 'not reached';", tags=["conn:stop"])
    try:
        assert run.status == "error"
        assert run.reply["ename"] == "ON_ERROR_STOP"
        assert run.reply["evalue"] == "ERROR:  division by zero"
        assert run.reply["traceback"] == []
        assert run.text == "ERROR:  division by zero\n"
        assert run.errors == [{"ename": "ON_ERROR_STOP", "evalue": "ERROR:  division by zero", "traceback": []}]
        assert not run.streams
    finally:
        kernel.execute("\\set ON_ERROR_STOP off")


# -- meta-commands --------------------------------------------------------------------------------------------

def test_meta_commands(kernel):
    run = kernel.execute("\\x\n\\x\n\\x auto\n\\x off\n\\echo hello   'two  spaces'\n\\echo -n no newline")
    assert run.text == ("Expanded display is on.\nExpanded display is off.\nExpanded display is used automatically.\n"
                        "Expanded display is off.\nhello two  spaces\nno newline")
    run = kernel.execute("\\set who world\n\\echo hello :who :'who' :\"who\"\nSELECT :'who' AS w;\n\\unset who\n\\echo :who")
    assert run.text == 'hello world \'world\' "world"\n   w   \n-------\n world\n(1 row)\n\n:who\n'
    run = kernel.execute("\\foo")
    assert run.text == "invalid command \\foo\nTry \\? for help.\n"
    run = kernel.execute("\\?")
    for cmd in ("\\connections", "\\terminate NAME", "\\crash", "\\reset", "\\versions [TABLE]", "\\d[+]  NAME"):
        assert cmd in run.text


def test_timing(kernel):
    run = kernel.execute("\\timing on\nSELECT 1;\n\\timing off")
    assert re.fullmatch(r"Timing is on\.\n \?column\? \n----------\n        1\n\(1 row\)\n\n"
                        r"Time: \d+\.\d{3} ms\nTiming is off\.\n", run.text)


def test_describe_commands(kernel):
    kernel.execute("CREATE TABLE d_accounts (account_id bigint PRIMARY KEY, balance numeric(12,2) "
                   "NOT NULL CHECK (balance >= 0));")
    run = kernel.execute("\\d d_accounts")
    assert run.text == (
        '                  Table "public.d_accounts"\n'
        "   Column   |     Type      | Collation | Nullable | Default \n"
        "------------+---------------+-----------+----------+---------\n"
        " account_id | bigint        |           | not null | \n"
        " balance    | numeric(12,2) |           | not null | \n"
        "Indexes:\n"
        '    "d_accounts_pkey" PRIMARY KEY, btree (account_id)\n'
        "Check constraints:\n"
        '    "d_accounts_balance_check" CHECK (balance >= 0::numeric)\n\n')
    assert kernel.execute("\\d no_such_relation").text == 'Did not find any relation named "no_such_relation".\n'


def test_connections_listing(kernel):
    kernel.execute("BEGIN; SELECT 1;", tags=["conn:list_a"])
    run = kernel.execute("\\connections")
    line = next(l for l in run.text.splitlines() if l.startswith(" list_a "))
    assert "idle in transaction" in line and "read committed" in line
    kernel.execute("ROLLBACK;", tags=["conn:list_a"])


def test_crash_says_it_is_not_available_until_the_wal_exists(kernel):
    if "wal" in Engine.features:
        pytest.skip("the engine has crash recovery")
    run = kernel.execute("\\crash")
    assert "crash recovery is not available yet" in run.text


@pytest.mark.skipif("wal" not in Engine.features, reason="the engine has no crash recovery yet")
def test_crash_keeps_what_was_committed(kernel):
    kernel.execute("CREATE TABLE crash_t (a int); INSERT INTO crash_t VALUES (1);", tags=["conn:crash_a"])
    kernel.execute("BEGIN; INSERT INTO crash_t VALUES (2);", tags=["conn:crash_b"])
    run = kernel.execute("\\crash")
    assert run.text.startswith("Power loss: every connection is gone (")
    lost = kernel.execute("SELECT 1;", tags=["conn:crash_b"])
    assert lost.text.startswith("server closed the connection unexpectedly\n")
    assert "-- crash_b is connected again: a new connection (pid " in lost.text
    after = kernel.execute("SELECT a FROM crash_t;", tags=["conn:crash_b"])
    assert after.text == " a \n---\n 1\n(1 row)\n\n"
    kernel.execute("\\reset")             # the other connections of this module start afresh


# -- editor help ---------------------------------------------------------------------------------------------------

def test_completion(kernel):
    kernel.execute("CREATE TABLE comp_orders (order_id int, comp_total numeric);", tags=["conn:comp_conn"])
    def matches(code, pos=None):
        return kernel.request("complete", code, len(code) if pos is None else pos)
    got = matches("SELECT * FROM comp_o")
    assert "comp_orders" in got["matches"] and got["cursor_start"] == len("SELECT * FROM ")
    assert "comp_total" in matches("SELECT comp_t")["matches"]
    assert "comp_total" in matches("SELECT comp_orders.comp")["matches"]
    assert "ROLLBACK" in matches("ROLLB")["matches"]
    assert "rollback" in matches("rollb")["matches"]
    assert "txid_current" in matches("SELECT txid_cur")["matches"]
    assert "\\connections" in matches("\\conn")["matches"]
    assert "comp_conn" in matches("-- conn: comp_")["matches"]
    assert "comp_orders" in matches("\\d comp_")["matches"]


def test_inspect(kernel):
    kernel.execute("CREATE TABLE insp_t (a int PRIMARY KEY);")
    got = kernel.request("inspect", "SELECT * FROM insp_t", 16)
    assert got["found"] and got["data"]["text/plain"].lstrip().startswith('Table "public.insp_t"\n Column |')
    got = kernel.request("inspect", "BEGIN;", 2)
    assert got["found"] and "BEGIN" in got["data"]["text/plain"]
    assert not kernel.request("inspect", "xyzzy", 2)["found"]


@pytest.mark.parametrize("code,status", [
    ("SELECT 1", "incomplete"), ("SELECT 1;", "complete"), ("SELECT 'a;", "incomplete"),
    ("SELECT (1;", "incomplete"), ("\\d", "complete"), ("", "complete"), ("BEGIN;\nSELECT 1", "incomplete"),
    ("SELECT 1; -- done", "complete"),
])
def test_is_complete(kernel, code, status):
    assert kernel.request("is_complete", code)["status"] == status


def test_kernel_info(kernel):
    info = kernel.request("kernel_info")
    assert info["implementation"] == "txlab"
    lang = info["language_info"]
    assert lang["pygments_lexer"] == "postgresql" and lang["mimetype"] == "text/x-pgsql"
    assert lang["file_extension"] == ".sql" and lang["codemirror_mode"]["name"] == "sql"
    assert "TxLab" in info["banner"]


def test_notebook_clock_from_request_metadata(kernel):
    run = kernel.execute("SELECT now() AS t;", metadata={"txlab": {"clock": "2024-01-01T09:00:00+00:00"}})
    assert "2024-01-01 09:00:00+00" in run.text
    assert "2024-01-01 09:00:00+00" in kernel.execute("SELECT now() AS t;").text   # fixed, not ticking
    kernel.execute("\\clock real")


def test_cell_metadata_from_the_parent_message_as_with_ipykernel_6():
    from txlab.kernel.kernel import TxLabKernel

    class Parent:
        def get_parent(self, channel):
            return {"metadata": {"tags": ["conn:six"]}}

    assert TxLabKernel._parent_metadata(Parent()) == {"tags": ["conn:six"]}


def test_widget_comms_are_wired(kernel):
    pytest.importorskip("ipywidgets")
    from txlab.kernel.metacmds import _widgets_run
    if _widgets_run() is None:
        pytest.skip("txlab.widgets has no diagram commands yet")
    kernel.execute("CREATE TABLE widget_t (id int PRIMARY KEY); INSERT INTO widget_t VALUES (1);")
    run = kernel.execute("\\explore widget_t")
    opened = [m["content"] for m in run.of_type("comm_open")]
    if not opened:
        pytest.skip("the explorer offered no widget")
    info = kernel.request("comm_info")
    assert {c["comm_id"] for c in opened} <= set(info["comms"])
    # a frontend asks a widget model for its state: the kernel's comm manager answers
    comm_id = opened[-1]["comm_id"]
    msg = kernel.kc.session.msg("comm_msg", {"comm_id": comm_id, "data": {"method": "request_state"}})
    kernel.kc.shell_channel.send(msg)
    answers = kernel.iopub_until_idle(msg["header"]["msg_id"])
    assert any(m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == comm_id for m in answers)
