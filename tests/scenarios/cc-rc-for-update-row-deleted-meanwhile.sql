-- name: cc-rc-for-update-row-deleted-meanwhile
-- about: READ COMMITTED: SELECT ... FOR UPDATE waits for alice's DELETE; after her COMMIT the row is simply missing from the result
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
DELETE FROM t WHERE id = 1;
-- step bob
BEGIN;
SELECT * FROM t ORDER BY id FOR UPDATE;
-- step alice
COMMIT;
-- step bob
COMMIT;
