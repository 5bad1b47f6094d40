-- name: rand-update-serialization-7
-- about: SERIALIZABLE: an autocommit UPDATE after a failed transaction is allowed (no false 'conflict out to old pivot') (randomized differential test, seed 4100182, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (3, 30), (4, 40);
-- step carol
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT id, v FROM t WHERE v > 20 ORDER BY id;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
-- step alice
START TRANSACTION ISOLATION LEVEL SERIALIZABLE;
SELECT id, v FROM t WHERE id BETWEEN 1 AND 3 ORDER BY id FOR UPDATE;
-- step bob
INSERT INTO t VALUES (3, 30);
COMMIT;
UPDATE t SET v = v - 3 WHERE v > 20;
BEGIN ISOLATION LEVEL SERIALIZABLE;
-- step alice
DELETE FROM t WHERE id = 3 RETURNING xmin, id, v;
-- step alice
UPDATE t SET v = v + 2 WHERE id = 4;
-- step alice
COMMIT;
-- step bob
UPDATE t SET v = v - 5 WHERE v > 10;
