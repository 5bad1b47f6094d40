-- name: rand-commit-serialization-1
-- about: SERIALIZABLE, three transactions: bob's COMMIT succeeds (the engine once raised a false 40001) (randomized differential test, seed 1100308, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (3, 30);
-- step alice
START TRANSACTION ISOLATION LEVEL SERIALIZABLE;
INSERT INTO t VALUES (1, 80);
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
-- step carol
START TRANSACTION ISOLATION LEVEL SERIALIZABLE;
SELECT id, v FROM t WHERE id BETWEEN 1 AND 3 ORDER BY id;
-- step bob
SELECT id, v FROM t WHERE id BETWEEN 3 AND 3 ORDER BY id;
DELETE FROM t WHERE id = 3;
-- step alice
COMMIT;
-- step bob
COMMIT;
