-- name: cc-insert-dup-key-serializable-both-read
-- about: SERIALIZABLE: both look for key 3, find none and insert it; bob's INSERT waits and, after alice's COMMIT, fails with 40001 instead of 23505
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT * FROM t WHERE id = 3;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT * FROM t WHERE id = 3;
-- step alice
INSERT INTO t VALUES (3, 30);
-- step bob
INSERT INTO t VALUES (3, 33);
-- step alice
COMMIT;
-- step bob
ROLLBACK;
SELECT * FROM t ORDER BY id;
