-- name: cc-serializable-update-concurrent-delete
-- about: SERIALIZABLE: bob's UPDATE of a row alice deleted waits and fails with the same 40001 'concurrent delete' as REPEATABLE READ
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT count(*) FROM t;
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
DELETE FROM t WHERE id = 1;
-- step bob
UPDATE t SET value = 11 WHERE id = 1;
-- step alice
COMMIT;
-- step bob
ROLLBACK;
