-- name: cc-rc-for-update-returns-newest
-- about: READ COMMITTED: SELECT ... FOR UPDATE waits for alice's uncommitted UPDATE and then returns her committed version, not the one in its snapshot
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
BEGIN;
SELECT * FROM t ORDER BY id FOR UPDATE;
-- step alice
COMMIT;
-- step bob
SELECT * FROM t ORDER BY id;
COMMIT;
