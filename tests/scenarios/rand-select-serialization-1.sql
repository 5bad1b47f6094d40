-- name: rand-select-serialization-1
-- about: SERIALIZABLE, four connections: a SELECT that PostgreSQL lets through (the engine once raised a false 40001) (randomized differential test, seed 1100141, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (1, 10), (5, 50);
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
INSERT INTO t VALUES (3, 20) RETURNING id, v;
-- step dave
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT id, v FROM t WHERE id BETWEEN 4 AND 5 ORDER BY id;
-- step carol
BEGIN ISOLATION LEVEL SERIALIZABLE;
INSERT INTO t VALUES (4, 50) ON CONFLICT (id) DO UPDATE SET v = t.v + excluded.v;
-- step dave
UPDATE t SET v = v + 1 WHERE id = 5;
-- step alice
SELECT id, v FROM t WHERE id BETWEEN 1 AND 5 ORDER BY id FOR SHARE NOWAIT;
-- step dave
COMMIT;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
DELETE FROM t WHERE id = 5;
SELECT xmin, id, v FROM t WHERE id BETWEEN 1 AND 1 ORDER BY id;
