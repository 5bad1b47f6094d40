-- name: cc-pmp-write-predicate-rr
-- about: PMP with write predicates at REPEATABLE READ: bob's DELETE WHERE value = 20 waits and fails with 40001 when alice commits
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
UPDATE t SET value = value + 10;
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
DELETE FROM t WHERE value = 20;
-- step alice
COMMIT;
-- step bob
ROLLBACK;
SELECT * FROM t ORDER BY id;
