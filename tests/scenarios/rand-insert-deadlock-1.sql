-- name: rand-insert-deadlock-1
-- about: an INSERT waits for a key inserted by a transaction that itself waits in ON CONFLICT: the deadlock DETAIL and CONTEXT (randomized differential test, seed 1100321, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (3, 30), (4, 40);
-- step alice
BEGIN ISOLATION LEVEL READ COMMITTED;
DELETE FROM t WHERE id = 3;
-- step carol
SELECT id, v FROM t WHERE id BETWEEN 3 AND 3 ORDER BY id FOR KEY SHARE;
-- step bob
BEGIN ISOLATION LEVEL READ COMMITTED;
-- step bob
UPDATE t SET v = v - 5 WHERE v > 30;
-- step alice
INSERT INTO t VALUES (2, 40);
-- step alice
INSERT INTO t VALUES (4, 10) ON CONFLICT (id) DO UPDATE SET v = t.v + excluded.v;
-- step bob
INSERT INTO t VALUES (2, 30) RETURNING id, v;
-- step alice
COMMIT;
