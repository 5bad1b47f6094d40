-- name: rand-delete-outcome-1
-- about: delete: PostgreSQL ok DELETE 0, engine ok DELETE 1 [tag] (randomized differential test, seed 1100189, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (3, 30);
-- step carol
BEGIN;
SELECT id, v FROM t WHERE id = 3 FOR KEY SHARE SKIP LOCKED;
-- step alice
BEGIN;
-- step bob
DELETE FROM t WHERE id = 3;
-- step alice
UPDATE t SET v = v + 4 WHERE id = 3;
-- step carol
DELETE FROM t WHERE id = 3;
-- step alice
ROLLBACK;
-- step carol
COMMIT;
