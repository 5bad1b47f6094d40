-- name: cc-table-share-allows-share-blocks-writer
-- about: SHARE does not conflict with SHARE: both lock t at once, but then bob's UPDATE (ROW EXCLUSIVE) waits for alice's SHARE lock
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
LOCK TABLE t IN SHARE MODE;
-- step bob
BEGIN;
LOCK TABLE t IN SHARE MODE;
UPDATE t SET value = 11 WHERE id = 1;
-- step alice
COMMIT;
-- step bob
COMMIT;
SELECT * FROM t ORDER BY id;
