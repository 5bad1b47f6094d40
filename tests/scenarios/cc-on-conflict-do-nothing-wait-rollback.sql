-- name: cc-on-conflict-do-nothing-wait-rollback
-- about: INSERT ... ON CONFLICT DO NOTHING of a key alice inserted waits; she rolls back, so bob's row goes in (INSERT 0 1)
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
ROLLBACK;
-- step bob
SELECT * FROM t ORDER BY id;
