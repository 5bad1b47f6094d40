-- name: rand-delete-outcome-2
-- about: a DELETE waiting for a DELETE that commits finds the row gone (DELETE 0), although an aborted UPDATE left a newer version of it (randomized differential test, seed 2100061, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (5, 50);
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
UPDATE t SET v = 54 WHERE id = 5;
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
DELETE FROM t WHERE v > 40;
-- step alice
ROLLBACK;
-- step alice
DELETE FROM t WHERE id = 5;
-- step bob
COMMIT;
