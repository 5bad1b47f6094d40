-- name: rand-update-serialization-8
-- about: SERIALIZABLE: a transaction that writes a row it read gives up its SIREAD lock on that row, so its locks on the page stay below the promotion threshold and another transaction's write to the page is no conflict (history cross-check, seed 620000000090, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (2, 20), (3, 30), (4, 40), (5, 50);
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
-- step carol
START TRANSACTION ISOLATION LEVEL SERIALIZABLE;
SELECT xmin, id, v FROM t ORDER BY id;
-- step bob
INSERT INTO t VALUES (1, 90) RETURNING xmin, id, v;
COMMIT;
BEGIN ISOLATION LEVEL SERIALIZABLE;
UPDATE t SET v = v + 4 WHERE id = 4 RETURNING xmin, id, v;
-- step bob
UPDATE t SET v = 35 WHERE id = 3 RETURNING xmin, id, v;
-- step bob
SELECT xmin, id, v FROM t WHERE id BETWEEN 2 AND 2 ORDER BY id;
-- step carol
UPDATE t SET v = 53 WHERE id = 5 RETURNING xmin, id, v;
-- step bob
COMMIT;
-- step carol
COMMIT;
