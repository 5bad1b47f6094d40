-- name: rand-serialization-order-by-1
-- about: SERIALIZABLE: a whole-table SELECT ... ORDER BY id on a table without statistics reads the primary key index (SIREAD locks on its page and the rows, not the relation), which decides who is doomed first (history cross-check, seed 520000000138, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (1, 10), (5, 50);
-- step carol
BEGIN ISOLATION LEVEL SERIALIZABLE;
-- step bob
START TRANSACTION ISOLATION LEVEL SERIALIZABLE;
-- step carol
SELECT xmin, id, v FROM t WHERE id = 1;
-- step bob
SELECT xmin, id, v FROM t ORDER BY id;
DELETE FROM t WHERE id = 1 RETURNING xmin, id, v;
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
-- step carol
UPDATE t SET v = 52 WHERE id = 5 RETURNING xmin, id, v;
-- step alice
INSERT INTO t VALUES (2, 50) RETURNING xmin, id, v;
COMMIT;
-- step bob
SELECT xmin, id, v FROM t WHERE id BETWEEN 1 AND 1 ORDER BY id FOR KEY SHARE;
COMMIT;
-- step carol
COMMIT;
