-- name: cc-rr-row-lock-after-committed-update
-- about: REPEATABLE READ, row changed (not its key) and committed after bob's snapshot: FOR KEY SHARE still locks his old version, FOR SHARE fails with 40001
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT count(*) FROM t;
-- step alice
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
SELECT * FROM t WHERE id = 1 FOR KEY SHARE;
SELECT * FROM t WHERE id = 1 FOR SHARE;
ROLLBACK;
