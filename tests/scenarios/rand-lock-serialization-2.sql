-- name: rand-lock-serialization-2
-- about: SERIALIZABLE: after a read fails with 40001 inside a savepoint and ROLLBACK TO, the next read meeting the same committed pivot fails again (the engine let it through and committed a write skew; randomized history checker, seed 1184, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (2, 20);
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
INSERT INTO t VALUES (3, 40) RETURNING xmin, id, v;
-- step carol
BEGIN ISOLATION LEVEL SERIALIZABLE;
UPDATE t SET v = v - 5 WHERE v > 10 RETURNING xmin, id, v;
COMMIT;
-- step bob
SAVEPOINT s1;
SELECT xmin, id, v FROM t WHERE v > 40 ORDER BY id;
ROLLBACK TO SAVEPOINT s1;
SELECT xmin, id, v FROM t WHERE id = 2 FOR KEY SHARE;
COMMIT;
