-- name: rand-delete-deadlock-1
-- about: a range UPDATE on a table without statistics visits rows in heap order (a bitmap heap scan), so the deadlock a later DELETE closes names the row it reached first (randomized differential test, seed 1100000, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (4, 40), (5, 50);
-- step carol
START TRANSACTION ISOLATION LEVEL SERIALIZABLE;
-- step bob
INSERT INTO t VALUES (3, 80);
UPDATE t SET v = v + 1 WHERE id = 5;
UPDATE t SET v = v + 4 WHERE id = 4 RETURNING id, v;
-- step carol
UPDATE t SET v = v + 4 WHERE id = 5;
-- step bob
UPDATE t SET v = v + 3 WHERE id BETWEEN 2 AND 5 RETURNING id, v;
-- step carol
DELETE FROM t WHERE v > 30;
