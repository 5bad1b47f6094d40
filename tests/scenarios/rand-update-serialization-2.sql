-- name: rand-update-serialization-2
-- about: SERIALIZABLE: an UPDATE of a row deleted by a concurrent commit fails with 'concurrent delete', even after an aborted UPDATE of that row (randomized differential test, seed 2100272, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (3, 30);
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
UPDATE t SET v = v + 3 WHERE id = 3;
ROLLBACK;
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT count(*), sum(v) FROM t;
-- step bob
DELETE FROM t WHERE id = 3;
-- step alice
UPDATE t SET v = v + 3 WHERE id BETWEEN 3 AND 4;
