-- name: rand-upsert-serialization-1
-- about: SERIALIZABLE: ON CONFLICT DO NOTHING waiting for a concurrent UPDATE fails with 'concurrent update' once it commits (randomized differential test, seed 1100066, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (3, 30);
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
UPDATE t SET v = v + 5 WHERE id = 3;
-- step dave
BEGIN ISOLATION LEVEL SERIALIZABLE;
INSERT INTO t VALUES (3, 90) ON CONFLICT (id) DO NOTHING;
-- step alice
UPDATE t SET v = v + 5 WHERE id = 3;
-- step alice
COMMIT;
