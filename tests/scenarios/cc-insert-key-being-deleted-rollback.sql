-- name: cc-insert-key-being-deleted-rollback
-- about: bob's INSERT of a key alice is deleting waits; she rolls back, the old row stays, and bob gets 23505
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
DELETE FROM t WHERE id = 1;
-- step bob
INSERT INTO t VALUES (1, 100);
-- step alice
ROLLBACK;
-- step bob
SELECT * FROM t ORDER BY id;
