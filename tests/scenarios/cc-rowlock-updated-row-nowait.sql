-- name: cc-rowlock-updated-row-nowait
-- about: a row changed by an uncommitted UPDATE of a non-key column is locked FOR NO KEY UPDATE: FOR UPDATE NOWAIT fails, FOR KEY SHARE NOWAIT gets it
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
BEGIN;
SELECT * FROM t WHERE id = 1 FOR KEY SHARE NOWAIT;
SAVEPOINT s;
SELECT * FROM t WHERE id = 1 FOR UPDATE NOWAIT;
ROLLBACK TO SAVEPOINT s;
SELECT * FROM t WHERE id = 1;
COMMIT;
-- step alice
COMMIT;
