-- name: cc-gsingle-write-rr
-- about: G-single with a write at REPEATABLE READ: alice's DELETE of a row bob changed after her snapshot fails with 40001 at once, no wait
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT value FROM t WHERE id = 1;
-- step bob
BEGIN;
UPDATE t SET value = 12 WHERE id = 1;
UPDATE t SET value = 18 WHERE id = 2;
COMMIT;
-- step alice
DELETE FROM t WHERE value = 20;
ROLLBACK;
