-- name: cc-table-share-row-exclusive-self-conflict
-- about: SHARE ROW EXCLUSIVE conflicts with itself: a second session's LOCK TABLE in that mode waits for the first
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
LOCK TABLE t IN SHARE ROW EXCLUSIVE MODE;
-- step bob
BEGIN;
LOCK TABLE t IN SHARE ROW EXCLUSIVE MODE;
-- step alice
COMMIT;
-- step bob
COMMIT;
