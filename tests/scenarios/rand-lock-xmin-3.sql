-- name: rand-lock-xmin-3
-- about: xids: a row lock queued behind another waiter's tuple lock still waits for, then follows the update of, the transaction it first saw, so it takes an xid even though that transaction rolled back (history cross-check, seed 600000000102, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (2, 20), (3, 30);
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
-- step carol
BEGIN ISOLATION LEVEL SERIALIZABLE;
-- step bob
UPDATE t SET v = 34 WHERE id = 3 RETURNING xmin, id, v;
-- step carol
UPDATE t SET v = v + 2 WHERE id = 3 RETURNING xmin, id, v;
-- step alice
SELECT xmin, id, v FROM t WHERE id = 3 FOR NO KEY UPDATE;
-- step bob
ROLLBACK;
-- step bob
UPDATE t SET v = v + 3 WHERE id = 2 RETURNING xmin, id, v;
-- step carol
COMMIT;
