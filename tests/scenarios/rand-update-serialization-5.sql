-- name: rand-update-serialization-5
-- about: SERIALIZABLE: updating a row whose concurrent DELETE commits fails with 'concurrent delete', though an earlier transaction had locked it (history cross-check, seed 3100093, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (3, 30), (4, 40);
-- step bob
START TRANSACTION ISOLATION LEVEL SERIALIZABLE;
UPDATE t SET v = v + 1 WHERE id = 4 RETURNING xmin, id, v;
-- step carol
UPDATE t SET v = 32 WHERE id = 3 RETURNING xmin, id, v;
-- step bob
SELECT xmin, id, v FROM t WHERE id BETWEEN 1 AND 4 ORDER BY id FOR NO KEY UPDATE;
-- step bob
COMMIT;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
-- step bob
DELETE FROM t WHERE id = 4 RETURNING xmin, id, v;
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
-- step alice
UPDATE t SET v = 48 WHERE id = 4 RETURNING xmin, id, v;
-- step bob
COMMIT;
