-- name: rand-update-keyshare-1
-- about: a FOR KEY SHARE lock outlives an aborted update of the row and is carried to the version a later update makes, so a DELETE of that version waits for it (history cross-check, seed 560000000028, shrunk)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (1, 10), (3, 30);
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT xmin, id, v FROM t WHERE id = 1 FOR KEY SHARE;
-- step bob
START TRANSACTION ISOLATION LEVEL SERIALIZABLE;
UPDATE t SET v = v + 5 WHERE id = 1 RETURNING xmin, id, v;
ROLLBACK;
-- step carol
UPDATE t SET v = v + 4 WHERE id = 1 RETURNING xmin, id, v;
-- step carol
DELETE FROM t WHERE id = 1 RETURNING xmin, id, v;
-- step alice
ROLLBACK;
