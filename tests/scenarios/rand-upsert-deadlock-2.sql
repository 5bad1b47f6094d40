-- name: rand-upsert-deadlock-2
-- about: ON CONFLICT DO UPDATE closes a deadlock while waiting on an updated row: the CONTEXT names the tuple the index points to (randomized differential test, seed 2100373, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (5, 50);
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
UPDATE t SET v = v - 1 WHERE v > 30;
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
INSERT INTO t VALUES (4, 40) RETURNING id, v;
-- step bob
INSERT INTO t VALUES (4, 50);
-- step alice
INSERT INTO t VALUES (5, 40) ON CONFLICT (id) DO UPDATE SET v = t.v + excluded.v;
