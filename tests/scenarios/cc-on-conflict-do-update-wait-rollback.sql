-- name: cc-on-conflict-do-update-wait-rollback
-- about: READ COMMITTED: INSERT ... ON CONFLICT DO UPDATE waits for alice's uncommitted insert of the key; she rolls back, so bob inserts
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
INSERT INTO t VALUES (3, 30);
-- step bob
INSERT INTO t VALUES (3, 1) ON CONFLICT (id) DO UPDATE SET value = t.value + excluded.value RETURNING *;
-- step alice
ROLLBACK;
-- step bob
SELECT * FROM t ORDER BY id;
