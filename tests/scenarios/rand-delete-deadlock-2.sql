-- name: rand-delete-deadlock-2
-- about: a DELETE waiting behind FOR KEY SHARE + DELETE of a row its own transaction had updated closes a deadlock (randomized differential test, seed 1100294, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (4, 40);
-- step carol
START TRANSACTION ISOLATION LEVEL READ COMMITTED;
UPDATE t SET v = v - 2 WHERE v > 10 RETURNING id, v;
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT id, v FROM t WHERE id = 4 FOR KEY SHARE;
DELETE FROM t WHERE id = 4;
-- step carol
DELETE FROM t WHERE id = 4;
-- step carol
ROLLBACK;
