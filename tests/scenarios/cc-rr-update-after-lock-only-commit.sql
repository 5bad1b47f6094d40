-- name: cc-rr-update-after-lock-only-commit
-- about: REPEATABLE READ: a row alice only locked FOR UPDATE (not changed) makes bob wait, but after her COMMIT his UPDATE succeeds
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT value FROM t WHERE id = 1;
-- step alice
BEGIN;
SELECT value FROM t WHERE id = 1 FOR UPDATE;
-- step bob
UPDATE t SET value = value + 1 WHERE id = 1;
-- step alice
COMMIT;
-- step bob
COMMIT;
SELECT * FROM t ORDER BY id;
