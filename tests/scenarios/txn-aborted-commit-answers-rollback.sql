-- name: txn-aborted-commit-answers-rollback
-- about: COMMIT of an aborted block answers ROLLBACK and keeps nothing, not even what succeeded before the error
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
BEGIN;
INSERT INTO t VALUES (3, 'three');
UPDATE t SET v = 'uno' WHERE id = 1;
INSERT INTO t VALUES (1, 'again');
COMMIT;
SELECT * FROM t ORDER BY id;
