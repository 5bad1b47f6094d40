-- name: cc-insert-dup-key-serializable-one-reader
-- about: SERIALIZABLE: bob looked for key 3 first, alice did not; bob's INSERT waits and gets plain 23505 after her COMMIT - one reader makes no rw-cycle
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
INSERT INTO t VALUES (3, 30);
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT * FROM t WHERE id = 3;
INSERT INTO t VALUES (3, 33);
-- step alice
COMMIT;
-- step bob
ROLLBACK;
