-- name: rand-upsert-deadlock-1
-- about: ON CONFLICT DO UPDATE closes a deadlock: the CONTEXT names the index tuple (randomized differential test, seed 1100250, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (2, 20), (3, 30);
-- step dave
BEGIN;
SELECT id, v FROM t WHERE id = 2 FOR NO KEY UPDATE NOWAIT;
-- step carol
BEGIN;
UPDATE t SET id = 1 WHERE id = 3;
UPDATE t SET v = v - 3 WHERE v > 10 RETURNING id, v;
-- step dave
INSERT INTO t VALUES (1, 80) ON CONFLICT (id) DO UPDATE SET v = t.v + excluded.v;
