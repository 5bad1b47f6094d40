-- name: txn-aborted-state
-- about: after an error in a block every statement, even SELECT 1 or SHOW, fails with 25P02 until the block ends
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
BEGIN;
SELECT 1 / 0;
SELECT 1;
SHOW transaction_isolation;
SAVEPOINT s;
RELEASE SAVEPOINT s;
SET lock_timeout = '1s';
SELECT * FROM t;
ROLLBACK;
SELECT 1;
