-- name: cc-rowlock-deleted-row-nowait
-- about: a row deleted by an uncommitted DELETE is locked FOR UPDATE: even FOR KEY SHARE NOWAIT fails with 55P03
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
DELETE FROM t WHERE id = 1;
-- step bob
SELECT * FROM t WHERE id = 1 FOR KEY SHARE NOWAIT;
-- step alice
ROLLBACK;
