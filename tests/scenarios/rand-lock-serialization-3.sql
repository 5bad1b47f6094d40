-- name: rand-lock-serialization-3
-- about: SERIALIZABLE: FOR KEY SHARE waiting behind FOR UPDATE fails with 'concurrent update' when the holder updates the row and commits (history cross-check, seed 3100030, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (5, 50);
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT xmin, id, v FROM t WHERE id = 5 FOR UPDATE;
-- step bob
SELECT xmin, id, v FROM t WHERE id = 5 FOR KEY SHARE;
-- step alice
UPDATE t SET v = v - 2 WHERE v > 10 RETURNING xmin, id, v;
-- step alice
COMMIT;
