-- name: cc-rr-update-holder-rolls-back
-- about: REPEATABLE READ: bob's UPDATE waits for alice's; she rolls back, so there is no conflict and bob's UPDATE succeeds
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT value FROM t WHERE id = 1;
-- step alice
BEGIN;
UPDATE t SET value = 100 WHERE id = 1;
-- step bob
UPDATE t SET value = value + 1 WHERE id = 1;
-- step alice
ROLLBACK;
-- step bob
COMMIT;
SELECT * FROM t ORDER BY id;
