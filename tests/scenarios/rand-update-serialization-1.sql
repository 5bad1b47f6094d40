-- name: rand-update-serialization-1
-- about: REPEATABLE READ: re-inserting a key whose concurrent DELETE commits, then updating it, fails with 40001 (randomized differential test, seed 1100323, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (4, 40);
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
DELETE FROM t WHERE id = 4 RETURNING id, v;
-- step carol
START TRANSACTION ISOLATION LEVEL REPEATABLE READ;
INSERT INTO t VALUES (4, 60);
UPDATE t SET v = v + 2 WHERE id = 4;
-- step bob
COMMIT;
