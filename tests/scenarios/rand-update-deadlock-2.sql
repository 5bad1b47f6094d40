-- name: rand-update-deadlock-2
-- about: a second waiter for a row queues on the first waiter's tuple lock, so the deadlock it closes runs through that lock (randomized differential test, seed 1100182, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (3, 30), (5, 50);
-- step bob
START TRANSACTION ISOLATION LEVEL SERIALIZABLE;
UPDATE t SET v = v + 2 WHERE id BETWEEN 3 AND 4;
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
DELETE FROM t WHERE id = 5 RETURNING id, v;
-- step bob
DELETE FROM t WHERE id = 5;
-- step carol
UPDATE t SET v = v + 5 WHERE id = 3;
-- step alice
UPDATE t SET v = v + 1 WHERE id = 3;
-- step bob
ROLLBACK;
