-- name: cc-table-access-share-blocks-access-exclusive
-- about: a reader's open transaction holds ACCESS SHARE on t: bob's LOCK TABLE ... IN ACCESS EXCLUSIVE MODE waits until alice commits
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
SELECT count(*) FROM t;
-- step bob
BEGIN;
LOCK TABLE t IN ACCESS EXCLUSIVE MODE;
-- step alice
COMMIT;
-- step bob
COMMIT;
