-- name: rand-lock-serialization-4
-- about: SERIALIZABLE: FOR NO KEY UPDATE of a row updated by a concurrent commit fails with 'concurrent update', not with an SSI failure (history cross-check, seed 3100062, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (2, 20);
-- step carol
BEGIN ISOLATION LEVEL SERIALIZABLE;
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
INSERT INTO t VALUES (4, 20) RETURNING xmin, id, v;
-- step alice
UPDATE t SET v = v + 2 WHERE id BETWEEN 1 AND 2 RETURNING xmin, id, v;
-- step carol
INSERT INTO t VALUES (5, 10) RETURNING xmin, id, v;
-- step alice
COMMIT;
-- step bob
SELECT xmin, id, v FROM t WHERE id = 2 FOR NO KEY UPDATE;
