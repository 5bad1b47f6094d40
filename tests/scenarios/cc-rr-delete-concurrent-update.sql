-- name: cc-rr-delete-concurrent-update
-- about: REPEATABLE READ: bob's DELETE of a row alice is updating waits, then fails with 40001 'concurrent update' when she commits
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
DELETE FROM t WHERE id = 1;
-- step alice
COMMIT;
-- step bob
ROLLBACK;
SELECT * FROM t ORDER BY id;
