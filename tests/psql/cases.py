"""The scripts recorded from real psql 15 for the formatter and splitter tests.

Each FORMAT case is a psql script; the recorder runs it on a fresh database
and stores psql's merged output together with the structured results psql
received.  Options:

* ``expanded``: run with ``\\x on`` (``-P expanded=on``, which prints nothing);
* ``title``: the script lists relations with a meta-command; the test prints
  the row sets with this title, as psql's describe commands do;
* a line ``-- @terminate`` in a script: the recorder stops feeding psql
  there, ends psql's backend with ``pg_terminate_backend`` from another
  session, then feeds the rest.

Each SCAN case is a script for the splitter: the recorder keeps the exact
query texts psql sent and what psql printed with ``-q -e -o /dev/null``
(queries echoed as sent, meta-command output, nothing else).
"""
from __future__ import annotations

ACCOUNTS = """DROP TABLE IF EXISTS accounts;
CREATE TABLE accounts (
account_id bigint PRIMARY KEY,
balance numeric(12,2) NOT NULL CHECK (balance >= 0)
);
INSERT INTO accounts (account_id, balance) VALUES
(1, 5000.00),
(2, 3000.00);
"""

CUSTOMERS = """CREATE TABLE customers (
  customer_id   integer PRIMARY KEY,
  customer_name varchar(50) NOT NULL,
  phone         char(8),
  birth_date    date,
  balance       decimal(7,2)
);
INSERT INTO customers VALUES
  (1, 'Jones, Henry', '555-1212', '1970-10-10', 0.00),
  (2, 'Rubin, William', '555-2211', '1972-07-10', 15.00),
  (3, 'Panky, Henry', '555-1221', '1968-01-21', 0.00),
  (4, 'Wonderland, Alice N.', '555-1122', '1969-03-05', 3.00),
  (8, 'Wink Wankel', '555-1000', '1988-12-25', 0.00);
"""

LONG = "SELECT 'abcdefghij' || 'klmnopqrstuvwxyz' AS first, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' AS second, "

FORMAT_CASES: list[dict] = [
    # -- the seed tutorials ------------------------------------------------------
    dict(name="seed3-example1-setup", script=ACCOUNTS + """SELECT account_id, balance
FROM accounts
ORDER BY account_id;
"""),
    dict(name="seed3-example1-rollback", script=ACCOUNTS + """BEGIN;
UPDATE accounts SET balance = balance - 100 WHERE account_id = 1;
UPDATE accounts SET balance = balance + 100 WHERE account_id = 2;
ROLLBACK;
SELECT account_id, balance
FROM accounts
ORDER BY account_id;
"""),
    dict(name="seed3-example2-savepoint", script="""DROP TABLE IF EXISTS emails;
CREATE TABLE emails (
email text PRIMARY KEY
);
INSERT INTO emails (email) VALUES ('a@example.com');
BEGIN;
SAVEPOINT s1;
-- This will fail (duplicate primary key)
INSERT INTO emails (email) VALUES ('a@example.com');
-- Recover without losing the whole transaction
ROLLBACK TO SAVEPOINT s1;
-- Continue doing useful work
INSERT INTO emails (email) VALUES ('b@example.com');
COMMIT;
SELECT email FROM emails ORDER BY email;
"""),
    dict(name="seed3-example3-orders", script="""DROP TABLE IF EXISTS order_items;
DROP TABLE IF EXISTS orders;
CREATE TABLE orders (
order_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
status text NOT NULL,
created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE order_items (
order_id bigint NOT NULL REFERENCES orders(order_id),
sku text NOT NULL,
qty integer NOT NULL CHECK (qty > 0)
);
BEGIN;
WITH new_order AS (
INSERT INTO orders (status)
VALUES ('pending')
RETURNING order_id
)
INSERT INTO order_items (order_id, sku, qty)
SELECT order_id, 'A1', 2 FROM new_order
UNION ALL
SELECT order_id, 'B2', 1 FROM new_order;
SELECT o.order_id, o.status, COUNT(*) AS item_count
FROM orders o
JOIN order_items i ON i.order_id = o.order_id
GROUP BY o.order_id, o.status
ORDER BY o.order_id;
COMMIT;
"""),
    dict(name="seed3-example4-timeouts", script="""BEGIN;
SET LOCAL lock_timeout = '1s';
SET LOCAL statement_timeout = '5s';
-- your statements here
COMMIT;
"""),
    dict(name="seed3-vacuum-in-transaction", script="""CREATE TABLE orders (order_id int);
BEGIN;
VACUUM public.orders;
COMMIT;
"""),
    dict(name="seed3-aborted-transaction", script="""BEGIN;
SELECT * FROM some_table_that_does_not_exist;
SELECT 1;
ROLLBACK;
"""),
    dict(name="seed3-idle-in-transaction-query", script="""SELECT pid, usename, state, xact_start, query
FROM pg_stat_activity
WHERE state = 'idle in transaction'
ORDER BY xact_start;
"""),
    dict(name="seed2-customers-check-constraint", script=CUSTOMERS + """ALTER TABLE customers ADD CONSTRAINT
  balance_exceeded CHECK( balance <= 50 );
UPDATE CUSTOMERS SET balance = 100 where customer_id = 1;
SELECT * FROM customers;
UPDATE customers SET balance = balance + 40;
SELECT * FROM customers;
"""),
    dict(name="seed2-savepoint-with-nulls", script=CUSTOMERS + """SELECT customer_id, customer_name FROM customers;
START TRANSACTION;
INSERT INTO customers VALUES( 5, 'Kemp, Hans' );
SELECT * FROM customers;
SAVEPOINT P1;
INSERT INTO customers VALUES( 6, 'Falkstein, Gerhard' );
ROLLBACK TO SAVEPOINT P1;
SELECT * FROM customers;
COMMIT;
"""),
    dict(name="seed2-isolation-statements", script="""SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
BEGIN TRANSACTION;
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;
SHOW transaction_isolation;
BEGIN;
COMMIT TRANSACTION;
ROLLBACK;
SET SESSION CHARACTERISTICS AS
    TRANSACTION ISOLATION LEVEL READ COMMITTED;
"""),

    # -- values and alignment -----------------------------------------------------
    dict(name="numeric-types-right-aligned", script="""SELECT 1::int2 AS i2, -22::int4 AS i4, 333::int8 AS i8,
       1.5::float4 AS f4, -2.25::float8 AS f8, 3.14159::numeric AS num,
       26::oid AS o, 12.34::money AS m, '5'::xid AS x, '7'::cid AS c, '9'::xid8 AS x8;
"""),
    dict(name="other-types-left-aligned", script="""SELECT true AS t, false AS f, 'text' AS txt, 'ch'::char(4) AS ch,
       DATE '2024-02-29' AS d, TIMESTAMP '2024-02-29 13:45:00.5' AS ts,
       TIMESTAMPTZ '2024-02-29 13:45:00+02' AS tstz, INTERVAL '1 day 02:03:04' AS iv,
       '{1,2,3}'::int[] AS arr, '{"a": [1, 2]}'::jsonb AS js, '\\x00ff'::bytea AS b,
       'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS u, 'abc'::name AS nm,
       '42'::regclass::oid AS oid_of_42, 1::bigint::text AS int_as_text;
"""),
    dict(name="nulls-everywhere", script="""SELECT * FROM (VALUES (NULL::int, 'x', NULL::text), (2, NULL, 'z'),
  (NULL, NULL, NULL), (4, '', '')) AS v(a, b, c);
"""),
    dict(name="header-wider-than-data", script="""SELECT 1 AS a_very_long_column_name, 'x' AS another_long_header,
       NULL::numeric AS empty_numeric, 10 AS n;
"""),
    dict(name="data-wider-than-header", script="""SELECT 1234567890123::bigint AS n, 'a much longer text value' AS t, -0.000001::numeric AS x;
"""),
    dict(name="header-odd-even-centring", script="""SELECT 1 AS a, 22 AS bb, 333 AS ccc, 4444 AS dddd, 'eeeee' AS e,
       'ffffff' AS ff, 'g' AS ggggggg, '' AS "", 1 AS "?column?";
"""),
    dict(name="long-values", script="""SELECT repeat('x', 150) AS long_text, length(repeat('x', 150)) AS len,
       repeat('ab ', 40) AS words;
"""),
    dict(name="wide-unicode", script="""SELECT '日本語' AS jp, 'héllo' AS accented, 'e' || U&'\\0301' AS combining,
       '😀 ok' AS emoji, 'ｆｕｌｌ' AS fullwidth, U&'\\00AD' AS soft_hyphen, 'Ω' AS "Ωμέγα";
SELECT * FROM (VALUES ('中文字符', 1), ('a', 22), ('한국어 텍스트', 333)) AS t(name, n);
"""),
    dict(name="multiline-values", script="""SELECT 'one
two
three' AS lines, 7 AS n, 'short' AS s;
SELECT 1 AS n, 'a
bb' AS last_col;
SELECT E'first\\nline' AS a, E'x\\ny\\nz' AS b, 'single' AS c;
SELECT E'trailing newline\\n' AS t, E'\\nleading' AS l;
"""),
    dict(name="multiline-header", script="""SELECT 1 AS "two
lines", 'abc' AS "x", 'a
b' AS "also
two";
"""),
    dict(name="tabs-and-control-characters", script="""SELECT E'a\\tb' AS tab, E'12345678\\tx' AS tab8, E'cr\\rhere' AS cr,
       E'bell\\x07' AS ctl, E'del\\x7f' AS del, U&'c1\\0085x' AS c1, E'\\t' AS only_tab,
       E'日本\\tx' AS wide_tab;
"""),
    dict(name="empty-result", script="""CREATE TABLE t (id int, name text, price numeric(6,2));
SELECT * FROM t;
SELECT id FROM t WHERE false;
"""),
    dict(name="zero-columns", script="""SELECT;
SELECT FROM generate_series(1, 3);
CREATE TABLE nocols ();
SELECT * FROM nocols;
TABLE nocols;
"""),
    dict(name="many-columns", script="SELECT " + ", ".join(f"{i} AS c{i}" for i in range(1, 21))
         + ", 'end' AS last;\n"),
    dict(name="many-rows", script="""SELECT g AS n, g * g AS square, repeat('*', g % 7) AS bar
FROM generate_series(1, 25) AS g;
"""),

    # -- command tags -------------------------------------------------------------
    dict(name="command-tags", script="""CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'a'), (2, 'b');
UPDATE t SET v = 'c' WHERE id = 1;
DELETE FROM t WHERE id = 2;
CREATE INDEX t_v ON t (v);
ALTER TABLE t ADD COLUMN w int;
CREATE VIEW tv AS SELECT * FROM t;
CREATE SEQUENCE s;
SELECT nextval('s');
CREATE TABLE t2 AS SELECT * FROM t;
SELECT * INTO t3 FROM t;
TRUNCATE t3;
LOCK TABLE t IN SHARE MODE;
BEGIN;
LOCK TABLE t IN SHARE MODE;
SAVEPOINT a;
RELEASE SAVEPOINT a;
SAVEPOINT b;
ROLLBACK TO b;
DECLARE c CURSOR FOR SELECT id, v FROM t;
FETCH 1 FROM c;
CLOSE c;
COMMIT;
DO $$ BEGIN END $$;
VALUES (1, 'one'), (2, 'two');
TABLE t;
PREPARE p AS SELECT $1::int + 1;
EXECUTE p(41);
DEALLOCATE p;
DROP VIEW tv;
DROP TABLE t, t2, t3;
"""),
    dict(name="returning", script="""CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v text);
INSERT INTO t (v) VALUES ('a'), ('b') RETURNING *;
UPDATE t SET v = v || '!' RETURNING id, v;
UPDATE t SET v = 'none' WHERE false RETURNING *;
DELETE FROM t WHERE id = 1 RETURNING v;
WITH moved AS (DELETE FROM t RETURNING *) SELECT count(*) FROM moved;
"""),
    dict(name="explain", script="""CREATE TABLE t (id int PRIMARY KEY, v text);
EXPLAIN SELECT * FROM t WHERE id = 1;
EXPLAIN (COSTS OFF) SELECT * FROM t ORDER BY v;
"""),
    dict(name="show-and-set", script="""SHOW lock_timeout;
SET lock_timeout = '2s';
SHOW lock_timeout;
RESET lock_timeout;
SHOW DateStyle;
"""),
    dict(name="multiple-statements-one-query", script="""SELECT 1 AS a\\; SELECT 2 AS b\\; CREATE TABLE t (x int);
SELECT 'after' AS c;
"""),
    dict(name="empty-queries", script=""";
SELECT 1 AS one;
/* only a comment */
"""),

    # -- errors ---------------------------------------------------------------------
    dict(name="errors-positions-single-line", script="""SELEC 1;
SELECT 1 +;
SELECT * FROM nowhere;
SELECT 1 FROM (SELECT 2) s WHERE missing_col = 1;
SELECT 'abc'::int;
SELECT 1/0;
SELECT (1
"""),
    dict(name="errors-multiline-statements", script="""SELECT a,
       b,
       c
FROM nowhere_table
WHERE x = 1;
SELECT 1,

  2 +
  ;
SELECT 'a string
spanning lines' || nope;
"""),
    dict(name="errors-long-lines", script="""SELECT 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' AS a FROM nope_near_end;
SELECT * FROM nope_near_start WHERE 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' = 'b';
SELECT 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' AS a, nope_in_middle, 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' AS b;
SELECT 1 AS x,
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', nope_second_line, 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
""" + LONG + """'cccccccccccccccccccccc' AS third, nope_exactly_here;
SELECT '0123456789012345678901234567890123456789012345678' AS x, n FROM t;
"""),
    dict(name="errors-tabs-unicode-crlf", script="SELECT\t1,\tnope_after_tabs;\n"
         "SELECT '日本語日本語' AS j, nope_after_wide;\n"
         "SELECT '" + "日本" * 20 + "' AS j, nope_after_long_wide;\n"
         "SELECT 'é' AS e, 1 +;\n"
         "SELECT 1\r\nFROM nope_crlf;\n"
         "SELECT 'e\u0301e\u0301e\u0301' AS combining, nope_after_combining;\n"
         "SELECT 'c1\u0085c1' AS control, nope_after_control;\n"),
    dict(name="errors-detail-hint", script="""CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent(id),
                    qty int NOT NULL CHECK (qty > 0));
INSERT INTO parent VALUES (1);
INSERT INTO parent VALUES (1);
INSERT INTO child VALUES (1, 2, 1);
INSERT INTO child VALUES (2, 1, 0);
INSERT INTO child VALUES (3, 1, NULL);
DELETE FROM parent;
SELECT idd FROM parent;
SELECT length(1, 2);
SELECT * FROM parent p JOIN child c ON p.id = c.parent_id WHERE parent_idd = 1;
"""),
    dict(name="error-context-and-notices", script="""DO $$
BEGIN
  RAISE NOTICE 'first notice';
  RAISE WARNING 'a warning' USING DETAIL = 'some detail', HINT = 'some hint';
  RAISE INFO 'info message';
  RAISE EXCEPTION 'boom: %', 42 USING DETAIL = 'the detail', HINT = 'the hint';
END
$$;
SELECT 'still running' AS status;
"""),
    dict(name="notices-and-warnings", script="""DROP TABLE IF EXISTS missing_table;
DROP TABLE IF EXISTS a, b;
COMMIT;
ROLLBACK;
BEGIN;
BEGIN;
COMMIT;
CREATE TABLE t (id int);
CREATE TABLE IF NOT EXISTS t (id int);
DO $$ BEGIN RAISE NOTICE 'line one
line two'; END $$;
"""),
    dict(name="aborted-transaction-errors", script="""CREATE TABLE t (id int PRIMARY KEY);
BEGIN;
INSERT INTO t VALUES (1);
INSERT INTO t VALUES (1);
SELECT * FROM t;
COMMIT;
SELECT count(*) FROM t;
"""),

    # -- expanded mode ----------------------------------------------------------------
    dict(name="expanded-basic", expanded=True, script=ACCOUNTS + """SELECT account_id, balance
FROM accounts
ORDER BY account_id;
SELECT 1 AS a, 'hello' AS longer_name, NULL AS nothing;
"""),
    dict(name="expanded-empty-and-zero-columns", expanded=True, script="""SELECT 1 AS a WHERE false;
SELECT;
SELECT FROM generate_series(1, 2);
CREATE TABLE t (x int);
INSERT INTO t VALUES (1);
"""),
    dict(name="expanded-multiline-and-wide", expanded=True, script="""SELECT 'one
two' AS lines, '日本語' AS jp, 'e' || U&'\\0301' AS c, E'a\\tb' AS tab;
SELECT 'a' AS "multi
line header", 'x
y
z' AS v, 1 AS n;
SELECT repeat('r', 30) AS wide_value, 1 AS an_extremely_long_column_name_here;
"""),
    dict(name="expanded-returning-and-errors", expanded=True, script="""CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'a'), (2, 'b') RETURNING *;
UPDATE t SET v = 'zz' WHERE id = 7 RETURNING *;
INSERT INTO t VALUES (1, 'dup');
DROP TABLE IF EXISTS nope;
"""),
    dict(name="expanded-many-records", expanded=True, script="""SELECT g AS n, repeat('#', g) AS bar FROM generate_series(1, 12) AS g;
"""),

    # -- describe listings (title) ----------------------------------------------------------
    dict(name="describe-title", title="List of relations", script="""CREATE TABLE t (a int PRIMARY KEY, b text);
CREATE TABLE a_much_longer_table_name (x int);
\\dt
"""),
    dict(name="describe-title-narrow", title="List of relations", script="""CREATE TABLE t (a int);
\\dt
"""),
    dict(name="describe-title-expanded", title="List of relations", expanded=True, script="""CREATE TABLE t (a int);
\\dt
"""),

    dict(name="describe-title-wider-than-table", title="List of access methods", script="""\\dA
"""),
    dict(name="describe-empty-listing", title="List of functions", script="""\\df nosuchfunction
"""),
    dict(name="describe-empty-listing-expanded", title="List of functions", expanded=True,
         script="""\\df nosuchfunction
"""),

    # -- a terminated connection ----------------------------------------------------------------
    dict(name="fatal-terminated-connection", script="""CREATE TABLE t (id int);
BEGIN;
INSERT INTO t VALUES (1);
-- @terminate
SELECT * FROM t;
SELECT 'never runs';
"""),
]


SCAN_CASES: list[dict] = [
    dict(name="simple-statements", script="SELECT 1;\nSELECT 2;\nSELECT 3;\n"),
    dict(name="several-per-line", script="SELECT 1; SELECT 2;SELECT 3 ;  \n"),
    dict(name="final-without-semicolon", script="SELECT 1;\nSELECT\n  2"),
    dict(name="final-with-trailing-newlines", script="SELECT 1\n\n\n"),
    dict(name="semicolon-in-single-quotes", script="SELECT 'a;b', 'it''s;';\nSELECT ';';\n"),
    dict(name="single-quote-spanning-lines", script="SELECT 'line one;\n\nline three;';\nSELECT 2;\n"),
    dict(name="e-strings", script="SELECT E'it\\'s; fine', E'back\\\\';\nSELECT e'\\\\\\';x';\n"
         "SELECT E'ends with backslash\\\n;still string';\n"
         "SELECT E'a\\'b\n;c';\n"),
    dict(name="string-prefixes", script="SELECT B'101', X'1F', N'n;', U&'d\\0061t;a';\n"
         "SELECT 1e'x'; SELECT me'x;y';\n"),
    dict(name="dollar-quotes", script="SELECT $$a;b$$;\nSELECT $tag$ $$;$$ ; $tag$;\n"
         "SELECT $a$x$b$;$a$, $_1$;$_1$;\nSELECT $1x$y$1x$ ;\n"),
    dict(name="dollar-quote-function-body", script="CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$\n"
         "BEGIN\n  RETURN 1;\n\nEND;\n$body$;\nSELECT f();\n"),
    dict(name="dollar-lookalikes", script="SELECT 1 AS a$b; SELECT $1; SELECT $abc;\nSELECT 2;\n"),
    dict(name="double-quoted-identifiers", script='SELECT 1 AS "a;b", 2 AS "say ""hi"";";\n'
         'SELECT 3 AS "multi\n\nline;";\n'),
    dict(name="line-comments", script="-- leading comment; with semicolon\nSELECT 1 -- trailing; comment\n;\n"
         "SELECT 2; -- after the statement\n  -- indented comment\nSELECT 3;\n"),
    dict(name="block-comments", script="/* leading; block */ SELECT 1;\nSELECT /* inner; */ 2;\n"
         "SELECT 3 /* nested /* deeper; */ still; */ ;\n/* multi\n\nline; */\nSELECT 4;\n"),
    dict(name="closed-tokens-on-one-line", script=r"""SELECT 'a''b;' ; SELECT 'x'''';';
SELECT E'a\'';b';
SELECT /* a **/ 1; SELECT /**/ 2; SELECT /*/ x */ 3;
SELECT 1ee'x;y';
SELECT "a""b;" ;
SELECT 'a'
'b;c';
SELECT $$;$$$$;$$;
"""),
    dict(name="comment-operators", script="SELECT 2 */*c;*/ 3;\nSELECT 4 --5;\n;\nSELECT 6 -+- 1;\n"),
    dict(name="parentheses", script="SELECT (1;\n2);\nSELECT ((3));\nSELECT 4);\nSELECT 5;\n"),
    dict(name="leading-whitespace-and-blank-lines", script="\n\n   \t SELECT 1;\n\n  SELECT\n\n\n  2\n\n;\n"),
    dict(name="whitespace-only-lines-inside", script="SELECT 1\n   \n\t\n;\n"),
    dict(name="crlf-lines", script="SELECT 1;\r\nSELECT\r\n2;\r\n"),
    dict(name="vertical-tab-is-not-whitespace", script="\x0bSELECT 1;\nSELECT 2;\x0b\n"),
    dict(name="unbalanced-parentheses-keep-trailing-space", script="SELECT (1;  \n"),
    dict(name="close-paren-before-open", script="SELECT )(;\nSELECT 2;\n"),
    dict(name="non-ascii-space-is-not-whitespace", script="SELECT 1;\u00a0\n\u00a0SELECT 2;\n"),
    dict(name="minus-and-slash-operators", script="SELECT 1 - 2 / 3;\nSELECT 4 --5;\n;\nSELECT 6 -- x\n"),
    dict(name="empty-statements", script=";\n;;\nSELECT 1;\n"),
    dict(name="begin-atomic-body", script="CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
         "  SELECT 1;\n  SELECT CASE WHEN true THEN 2 END;\nEND;\nSELECT f();\n"),
    dict(name="create-or-replace-procedure", script="CREATE OR REPLACE PROCEDURE p() LANGUAGE sql\n"
         "BEGIN ATOMIC\n  INSERT INTO t VALUES (1);\nEND;\nCALL p();\n"),
    dict(name="begin-is-not-a-body", script="BEGIN;\nSELECT 1;\nEND;\nCREATE TABLE t (begin int);\n"
         "CREATE TEMP FUNCTION x() BEGIN; SELECT 2;\n"),
    dict(name="meta-commands-on-own-lines", script="SELECT 1;\n\\echo hello world\n\\echo   spaced   out  \nSELECT 2;\n"),
    dict(name="meta-command-mid-statement", script="SELECT 1 \\echo mid\n, 2;\nSELECT 3\n\\echo own line\n;\n"),
    dict(name="meta-command-inside-parentheses", script="SELECT (1 \\echo inside\n);\n"
         "SELECT ('x;' \\echo q\n);\n"),
    dict(name="meta-command-after-statement", script="SELECT 1; \\echo after\nSELECT 2; \\echo a \\echo b\n"),
    dict(name="meta-double-backslash", script="\\echo x \\\\ SELECT 1;\n\\echo y\\\\SELECT 2; SELECT 3;\n"),
    dict(name="meta-quoting", script="\\echo 'a b' \"c d\" e'f g'h 'it''s' 'tab\\there'\n"
         "\\echo 'oct\\101' 'hex\\x41' 'esc\\q' ''\n\\echo semi; 'quoted;'\n"),
    dict(name="meta-go", script="SELECT 1 \\g\nSELECT 2\n\\g\n\\g\nSELECT (3\n\\g\nSELECT 4 \\gx\n"
         "SELECT (5\n\\g\nSELECT 6; SELECT 7;\n"),
    dict(name="meta-print-and-reset", script="\\p\nSELECT 1\n\\p\n\\r\n\\p\nSELECT 2;\n\\p\nSELECT (3 \\r\nSELECT 4;\n"),
    dict(name="meta-escaped-semicolon", script="SELECT 1\\; SELECT 2;\nSELECT '\\;';\nSELECT 3 \\:x;\n"),
    dict(name="meta-invalid-command-drops-line", script="SELECT 1 \\nosuchcommand SELECT 2;\n;\n"
         "\\\\ SELECT 3;\nSELECT 4;\n"),
    dict(name="meta-quit", script="SELECT 1;\nSELECT 2 \\q\nSELECT 3;\n"),
    dict(name="meta-inside-quotes-is-text", script="SELECT '\\echo no';\nSELECT $$ \\x $$;\n"
         "SELECT 1 /* \\echo no */;\nSELECT \"\\g\";\n"),
    dict(name="variables", variables=True, script="\\set n 42\n\\set t 'it''s'\n\\set id my col\n"
         "SELECT :n, :'t', :\"id\", :{?n}, :{?nope};\nSELECT :undefined, ':n', 1::int;\n"
         "\\set two 'SELECT 2; SELECT 3'\n:two;\n\\echo :n :'t' ':n'\n"),
    dict(name="unterminated-at-end", script="SELECT 1;\nSELECT 'open string;\nmore"),
    dict(name="unterminated-comment-at-end", script="SELECT 1;\nSELECT /* open comment;\n\nmore"),
]
