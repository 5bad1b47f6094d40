-- name: cc-rr-for-update-concurrent-update
-- about: REPEATABLE READ: SELECT ... FOR UPDATE of a row alice is updating waits, then fails with 40001 when she commits
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT count(*) FROM t;
-- step alice
BEGIN;
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
SELECT * FROM t WHERE id = 1 FOR UPDATE;
-- step alice
COMMIT;
-- step bob
ROLLBACK;
