-- name: rand-insert-duplicate-key-2
-- about: an INSERT waiting for an uncommitted insert of its key fails with 23505 even though the inserter updated that row again before COMMIT (randomized differential test, seed 1100245, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
-- step alice
START TRANSACTION ISOLATION LEVEL REPEATABLE READ;
INSERT INTO t VALUES (4, 70);
-- step bob
INSERT INTO t VALUES (4, 80);
-- step alice
UPDATE t SET v = v - 4 WHERE v > 30;
-- step alice
COMMIT;
