-- name: cc-rr-delete-concurrent-delete
-- about: REPEATABLE READ: two DELETEs of the same row; the second waits and fails with 40001 'concurrent delete' after the first commits
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT count(*) FROM t;
-- step alice
BEGIN;
DELETE FROM t WHERE id = 1;
-- step bob
DELETE FROM t WHERE id = 1;
-- step alice
COMMIT;
-- step bob
ROLLBACK;
