-- name: cc-p4-lost-update-rr
-- about: P4 at REPEATABLE READ: bob's UPDATE of the row alice changed waits, then fails with 40001 when she commits - no lost update
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT value FROM t WHERE id = 1;
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT value FROM t WHERE id = 1;
-- step alice
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
UPDATE t SET value = 11 WHERE id = 1;
-- step alice
COMMIT;
-- step bob
SELECT value FROM t WHERE id = 1;
ROLLBACK;
