-- name: cc-on-conflict-do-update-rr-invisible-conflict
-- about: REPEATABLE READ: an upsert whose conflicting row was committed after bob's snapshot fails with 40001 at once
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT count(*) FROM t;
-- step alice
INSERT INTO t VALUES (3, 30);
-- step bob
INSERT INTO t VALUES (3, 1) ON CONFLICT (id) DO UPDATE SET value = t.value + excluded.value;
ROLLBACK;
