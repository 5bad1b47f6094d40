-- name: rand-lock-xmin-2
-- about: xids: locking a row again in a savepoint, no more strongly than the transaction already holds it, takes no subtransaction xid (history cross-check, seed 600000000132, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (4, 40), (5, 50);
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT xmin, id, v FROM t WHERE id BETWEEN 3 AND 4 ORDER BY id FOR UPDATE;
SAVEPOINT s1;
SELECT xmin, id, v FROM t WHERE id = 4 FOR UPDATE;
ROLLBACK;
UPDATE t SET v = 49 WHERE id = 5 RETURNING xmin, id, v;
