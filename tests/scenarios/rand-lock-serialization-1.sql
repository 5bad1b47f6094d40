-- name: rand-lock-serialization-1
-- about: REPEATABLE READ: FOR KEY SHARE of a row whose DELETE commits meanwhile fails with 'concurrent update' (randomized differential test, seed 1100137, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (5, 50);
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
DELETE FROM t WHERE id = 5;
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT id, v FROM t WHERE id = 5 FOR KEY SHARE;
-- step bob
COMMIT;
