-- name: cc-on-conflict-do-update-rr-wait-commit
-- about: REPEATABLE READ: an upsert of a key alice inserted waits, and fails with 40001 after her COMMIT
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT count(*) FROM t;
-- step alice
BEGIN;
INSERT INTO t VALUES (3, 30);
-- step bob
INSERT INTO t VALUES (3, 1) ON CONFLICT (id) DO UPDATE SET value = t.value + excluded.value;
-- step alice
COMMIT;
-- step bob
ROLLBACK;
