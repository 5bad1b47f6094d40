-- name: txn-aborted-end-and-abort
-- about: END of an aborted block also answers ROLLBACK; ABORT of an aborted block answers ROLLBACK; both leave no block behind
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
BEGIN;
SELECT nope FROM t;
END;
BEGIN;
SELECT nope FROM t;
ABORT;
COMMIT;
