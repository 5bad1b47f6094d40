-- name: cc-on-conflict-do-nothing-rr-invisible-conflict
-- about: REPEATABLE READ: ON CONFLICT DO NOTHING against a row committed after bob's snapshot fails with 40001 too, instead of doing nothing
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
INSERT INTO t VALUES (3, 1) ON CONFLICT DO NOTHING;
ROLLBACK;
