-- name: rand-update-deadlock-3
-- about: three connections around one row: a range UPDATE closes a deadlock with a waiting FOR SHARE (randomized differential test, seed 1100348, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (2, 20), (4, 40);
-- step bob
BEGIN;
SELECT id, v FROM t WHERE id = 2 FOR KEY SHARE;
-- step alice
SELECT id, v FROM t WHERE id BETWEEN 2 AND 2 ORDER BY id FOR UPDATE;
-- step carol
BEGIN;
-- step carol
UPDATE t SET v = 24 WHERE id = 2;
-- step bob
DELETE FROM t WHERE id = 4;
-- step bob
SELECT id, v FROM t WHERE id = 2 FOR SHARE;
-- step carol
UPDATE t SET v = v + 2 WHERE id BETWEEN 2 AND 4;
-- step bob
COMMIT;
