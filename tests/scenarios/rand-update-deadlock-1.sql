-- name: rand-update-deadlock-1
-- about: an UPDATE of a range locks its rows in index order, so a later UPDATE of the first row closes a deadlock (randomized differential test, seed 1100001, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (4, 40), (5, 50);
-- step alice
BEGIN;
SELECT id, v FROM t WHERE id = 5 FOR SHARE SKIP LOCKED;
-- step bob
UPDATE t SET v = v + 5 WHERE id = 4 RETURNING id, v;
UPDATE t SET v = v + 4 WHERE id BETWEEN 4 AND 5;
-- step alice
UPDATE t SET v = 50 WHERE id = 4;
-- step alice
COMMIT;
