-- name: txn-begin-inside-block
-- about: BEGIN inside a transaction block only warns (25001); the block and its changes go on
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
BEGIN;
INSERT INTO t VALUES (3, 'three');
BEGIN;
START TRANSACTION;
SELECT count(*) FROM t;
COMMIT;
COMMIT;
SELECT count(*) FROM t;
