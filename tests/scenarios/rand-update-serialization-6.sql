-- name: rand-update-serialization-6
-- about: SERIALIZABLE, three transactions: alice is identified as a pivot during conflict-out checking and her UPDATE fails (history cross-check, seed 3100136, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (3, 30), (5, 50);
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
-- step alice
UPDATE t SET v = v + 5 WHERE id = 3 RETURNING xmin, id, v;
-- step alice
UPDATE t SET v = v - 5 WHERE v > 30 RETURNING xmin, id, v;
-- step bob
INSERT INTO t VALUES (2, 20) RETURNING xmin, id, v;
-- step bob
UPDATE t SET v = v + 1 WHERE id = 5 RETURNING xmin, id, v;
-- step carol
START TRANSACTION ISOLATION LEVEL SERIALIZABLE;
-- step carol
INSERT INTO t VALUES (4, 10) RETURNING xmin, id, v;
-- step alice
SELECT xmin, id, v FROM t WHERE id = 4;
-- step alice
DELETE FROM t WHERE v > 40 RETURNING xmin, id, v;
-- step alice
SELECT xmin, id, v FROM t WHERE id = 4;
-- step carol
COMMIT;
-- step alice
UPDATE t SET v = v + 2 WHERE id = 2 RETURNING xmin, id, v;
-- step carol
START TRANSACTION ISOLATION LEVEL SERIALIZABLE;
