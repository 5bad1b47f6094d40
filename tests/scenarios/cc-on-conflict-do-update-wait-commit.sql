-- name: cc-on-conflict-do-update-wait-commit
-- about: READ COMMITTED: INSERT ... ON CONFLICT DO UPDATE of a key alice inserted waits, then updates her committed row
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
COMMIT;
-- step bob
SELECT * FROM t ORDER BY id;
