-- name: cc-rowlock-for-share-blocks-update
-- about: bob's UPDATE waits for alice's FOR SHARE lock and proceeds when she commits
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
SELECT * FROM t WHERE id = 1 FOR SHARE;
-- step bob
UPDATE t SET value = 11 WHERE id = 1;
-- step alice
COMMIT;
-- step bob
SELECT * FROM t ORDER BY id;
