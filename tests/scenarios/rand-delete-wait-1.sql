-- name: rand-delete-wait-1
-- about: a DELETE waiting for an UPDATE that rolls back goes on waiting, now for a FOR KEY SHARE holder (recorded as waiting again) (randomized differential test, seed 4100197, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (4, 40);
-- step bob
BEGIN ISOLATION LEVEL READ COMMITTED;
UPDATE t SET v = v + 4 WHERE id = 4;
-- step carol
BEGIN;
SELECT id, v FROM t WHERE id = 4 FOR KEY SHARE;
-- step alice
DELETE FROM t WHERE id = 4;
-- step bob
ROLLBACK;
-- step carol
COMMIT;
