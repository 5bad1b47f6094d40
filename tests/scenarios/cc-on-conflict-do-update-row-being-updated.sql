-- name: cc-on-conflict-do-update-row-being-updated
-- about: READ COMMITTED: an upsert hitting a row alice is updating waits, then updates her newest committed version
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
INSERT INTO t VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET value = t.value + excluded.value RETURNING *;
-- step alice
COMMIT;
-- step bob
SELECT * FROM t ORDER BY id;
