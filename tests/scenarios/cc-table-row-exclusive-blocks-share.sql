-- name: cc-table-row-exclusive-blocks-share
-- about: an open transaction that updated t holds ROW EXCLUSIVE: LOCK TABLE ... IN SHARE MODE waits for it
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
BEGIN;
LOCK TABLE t IN SHARE MODE;
SELECT * FROM t ORDER BY id;
-- step alice
COMMIT;
-- step bob
COMMIT;
