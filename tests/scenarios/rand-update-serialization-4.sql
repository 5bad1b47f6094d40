-- name: rand-update-serialization-4
-- about: SERIALIZABLE: an UPDATE matching no row after a committed pivot's DELETE is allowed (no 'conflict out to old pivot') (history cross-check, seed 3100070, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (3, 30);
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
DELETE FROM t WHERE id = 3 RETURNING xmin, id, v;
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
UPDATE t SET v = 37 WHERE id = 3 RETURNING xmin, id, v;
-- step bob
ROLLBACK;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
-- step alice
DELETE FROM t WHERE id = 3 RETURNING xmin, id, v;
-- step bob
INSERT INTO t VALUES (1, 20) RETURNING xmin, id, v;
-- step alice
COMMIT;
BEGIN ISOLATION LEVEL SERIALIZABLE;
UPDATE t SET v = v - 2 WHERE v > 30 RETURNING xmin, id, v;
