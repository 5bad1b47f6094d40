-- name: cc-table-exclusive-allows-reader-blocks-for-update
-- about: EXCLUSIVE lets plain SELECTs (ACCESS SHARE) through, but SELECT ... FOR UPDATE needs ROW SHARE and waits
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
LOCK TABLE t IN EXCLUSIVE MODE;
-- step bob
BEGIN;
SELECT * FROM t ORDER BY id;
SELECT * FROM t WHERE id = 1 FOR UPDATE;
-- step alice
COMMIT;
-- step bob
COMMIT;
