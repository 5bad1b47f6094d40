-- name: rand-lock-xmin-1
-- about: xids: a FOR SHARE that waited for a DELETE takes no xid (there is no newer version to follow), so the next writer's xmin is the next xid (history cross-check, seed 560000000046, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (5, 50);
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
DELETE FROM t WHERE id = 5 RETURNING xmin, id, v;
-- step alice
SELECT xmin, id, v FROM t WHERE id = 5 FOR SHARE;
-- step bob
COMMIT;
-- step alice
INSERT INTO t VALUES (5, 40) RETURNING xmin, id, v;
