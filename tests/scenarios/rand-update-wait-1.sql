-- name: rand-update-wait-1
-- about: an error inside a savepoint releases only the savepoint's row locks: a waiting range UPDATE goes on to wait for the transaction's older lock (randomized differential test, seed 2100314, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (2, 20), (3, 30);
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
UPDATE t SET v = v + 4 WHERE id = 3 RETURNING id, v;
SAVEPOINT s1;
UPDATE t SET v = v + 2 WHERE id = 2;
-- step bob
INSERT INTO t VALUES (1, 60);
UPDATE t SET v = v + 4 WHERE id BETWEEN 2 AND 4;
-- step alice
INSERT INTO t VALUES (1, 90);
-- step alice
COMMIT;
