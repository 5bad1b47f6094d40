-- name: rand-lock-wait-1
-- about: FOR KEY SHARE waits for a row that ON CONFLICT DO UPDATE updated and a DELETE of the same transaction then deleted (randomized differential test, seed 2100096, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (4, 40);
-- step bob
BEGIN;
INSERT INTO t VALUES (4, 80) ON CONFLICT (id) DO UPDATE SET v = t.v + excluded.v;
DELETE FROM t WHERE v > 40;
-- step alice
SELECT id, v FROM t WHERE id = 4 FOR KEY SHARE;
-- step bob
ROLLBACK;
