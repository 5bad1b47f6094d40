"""The statement splitter against what psql 15 really sent (golden/scan.json).

For each recorded script two facts are compared:

* ``sent``: the exact query texts psql sent, captured on the wire;
* ``stream``: what psql printed with ``-q -e -o /dev/null``: every query as
  sent, interleaved with the output of ``\\echo`` and ``\\p``.  The scanner's
  items, played the way psql plays them, must print the same stream, which
  checks the order of SQL and meta-commands and how arguments are parsed.

Re-record with ``python -m tests.psql.record``.
"""
from __future__ import annotations

import pytest

from txlab.engine.psqlscan import MetaItem, PsqlScanner, SqlItem, scan, split_sql
from tests.psql import replay

CASES = replay.load("scan.json")
# The meta-commands the recorded scripts use that psql accepts; any other
# name is an invalid command, after which psql drops the rest of the line.
KNOWN = {"echo", "p", "r", "g", "gx", "set", "q", "x"}


def _play(script: str) -> tuple[list[str], str]:
    """Run the scanner as psql's main loop would: (queries sent, printed stream)."""
    variables: dict[str, str] = {}
    scanner = PsqlScanner(script, variables)
    sent: list[str] = []
    stream: list[str] = []
    for item in scanner:
        if isinstance(item, SqlItem):
            sent.append(item.text)
            stream.append(item.text + "\n")          # -e echoes the query as sent
        elif item.name not in KNOWN:
            scanner.discard_line()
        elif item.name == "echo":
            stream.append(" ".join(item.argv) + "\n")
        elif item.name == "p":
            shown = item.buffer or item.previous      # -q: nothing if both are empty
            if shown:
                stream.append(shown + "\n")
        elif item.name == "set" and item.argv:
            variables[item.argv[0]] = "".join(item.argv[1:])
    return sent, "".join(stream)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_sent_queries_match_psql(case: dict) -> None:
    sent, _ = _play(case["script"])
    assert sent == case["sent"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_printed_stream_matches_psql(case: dict) -> None:
    _, stream = _play(case["script"])
    assert stream == case["stream"]


@pytest.mark.parametrize("case", [c for c in CASES if "\\" not in c["script"]],
                         ids=lambda c: c["name"])
def test_split_sql_of_plain_sql(case: dict) -> None:
    assert split_sql(case["script"]) == case["sent"]


def test_offsets_point_into_the_input() -> None:
    text = "  SELECT 1;\n\\echo hi\nSELECT\n\n2"
    items = scan(text)
    assert [type(i) for i in items] == [SqlItem, MetaItem, SqlItem]
    first, meta, last = items
    assert text[first.offset:first.end] == "SELECT 1;"
    assert text[meta.offset:meta.end] == "\\echo hi"
    assert (last.text, text[last.offset:last.end]) == ("SELECT\n2", "SELECT\n\n2")


def test_go_sends_buffer_then_previous_query() -> None:
    items = scan("SELECT 1 \\gx\n\\g\n")
    assert [(i.text, i.via.name) for i in items] == [("SELECT 1 ", "gx"), ("SELECT 1 ", "g")]


def test_meta_command_arguments() -> None:
    (meta,) = scan("\\d  mytable;  'quoted;' \\\\")
    assert (meta.name, meta.args) == ("d", "mytable;  'quoted;'")
    assert meta.argv == ("mytable;", "quoted;")
    assert meta.argv_trimmed == ("mytable", "quoted;")


def test_whole_line_commands_ignore_backslashes() -> None:
    (meta,) = scan("\\! echo a \\echo b")
    assert meta.argv == ("echo a \\echo b",)


def test_variables_are_read_lazily() -> None:
    variables: dict[str, str] = {}
    out = []
    for item in PsqlScanner("\\set v 7\nSELECT :v;", variables):
        if isinstance(item, MetaItem):
            variables[item.argv[0]] = item.argv[1]
        else:
            out.append(item.text)
    assert out == ["SELECT 7;"]


def test_recursive_variable_is_not_expanded_forever() -> None:
    assert split_sql("SELECT :a;") == ["SELECT :a;"]
    items = scan("SELECT :a;", {"a": "1 + :a"})
    assert [i.text for i in items] == ["SELECT 1 + :a;"]

