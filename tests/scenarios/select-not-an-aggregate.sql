-- name: select-not-an-aggregate
-- about: (*), DISTINCT, ORDER BY and FILTER belong to aggregate calls: on an ordinary function they fail with 42809 if it exists, and with 42883 naming the call as written if it does not
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, -20);
-- step main
SELECT now(*);
SELECT txid_current_if_assigned(*);
SELECT lower(*) FROM t;
SELECT nosuchfunction(*) FROM t;
SELECT sum(*) FROM t;
SELECT lower(DISTINCT 'A');
SELECT abs(v ORDER BY v) FROM t;
SELECT abs(v) FILTER (WHERE v > 0) FROM t;
SELECT count(*), sum(abs(v)) FROM t;
