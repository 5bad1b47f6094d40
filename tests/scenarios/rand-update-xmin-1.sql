-- name: rand-update-xmin-1
-- about: xids: a FOR NO KEY UPDATE that has to wait takes an xid while it waits, even though it then fails at SERIALIZABLE, so the next writer's xmin is one higher (history cross-check, seed 3100034, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (5, 50);
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
UPDATE t SET v = v + 5 WHERE id BETWEEN 1 AND 5 RETURNING xmin, id, v;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT xmin, id, v FROM t WHERE id BETWEEN 4 AND 5 ORDER BY id FOR NO KEY UPDATE;
-- step alice
COMMIT;
-- step dave
UPDATE t SET v = v + 2 WHERE id BETWEEN 4 AND 5 RETURNING xmin, id, v;
