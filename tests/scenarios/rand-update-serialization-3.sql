-- name: rand-update-serialization-3
-- about: SERIALIZABLE: an UPDATE of a row deleted by a concurrent commit fails with 'concurrent delete', not with an SSI failure (history cross-check, seed 3100017, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (3, 30);
-- step carol
BEGIN ISOLATION LEVEL SERIALIZABLE;
-- step dave
BEGIN ISOLATION LEVEL SERIALIZABLE;
-- step alice
START TRANSACTION ISOLATION LEVEL SERIALIZABLE;
-- step dave
DELETE FROM t WHERE id = 3 RETURNING xmin, id, v;
-- step alice
SELECT xmin, id, v FROM t WHERE id = 1;
-- step carol
INSERT INTO t VALUES (1, 70) RETURNING xmin, id, v;
-- step dave
COMMIT;
-- step alice
UPDATE t SET v = v + 3 WHERE id BETWEEN 3 AND 3 RETURNING xmin, id, v;
