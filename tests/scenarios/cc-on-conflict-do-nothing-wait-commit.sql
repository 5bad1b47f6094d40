-- name: cc-on-conflict-do-nothing-wait-commit
-- about: INSERT ... ON CONFLICT DO NOTHING of a key alice inserted waits; after her COMMIT it inserts nothing (INSERT 0 0), no error
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
INSERT INTO t VALUES (3, 30);
-- step bob
INSERT INTO t VALUES (3, 33) ON CONFLICT DO NOTHING;
-- step alice
COMMIT;
-- step bob
SELECT * FROM t ORDER BY id;
