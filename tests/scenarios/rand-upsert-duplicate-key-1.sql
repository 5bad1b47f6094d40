-- name: rand-upsert-duplicate-key-1
-- about: ON CONFLICT DO UPDATE waits for a row its transaction updates twice; after COMMIT it updates the newest version (randomized differential test, seed 1100329, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (3, 30);
-- step alice
BEGIN ISOLATION LEVEL READ COMMITTED;
UPDATE t SET v = v + 1 WHERE id = 3;
-- step bob
INSERT INTO t VALUES (3, 30) ON CONFLICT (id) DO UPDATE SET v = t.v + excluded.v;
-- step alice
UPDATE t SET v = 35 WHERE id = 3;
-- step alice
COMMIT;
