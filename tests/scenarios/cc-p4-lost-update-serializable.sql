-- name: cc-p4-lost-update-serializable
-- about: P4 at SERIALIZABLE: the same wait and 40001 'concurrent update' as REPEATABLE READ; the failed transaction only accepts ROLLBACK
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT value FROM t WHERE id = 1;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT value FROM t WHERE id = 1;
-- step alice
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
UPDATE t SET value = 11 WHERE id = 1;
-- step alice
COMMIT;
-- step bob
SELECT value FROM t WHERE id = 1;
COMMIT;
SELECT value FROM t WHERE id = 1;
