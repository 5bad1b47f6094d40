-- name: cc-rowlock-several-sharers
-- about: two sessions hold FOR SHARE on the same row together; carol's UPDATE waits for alice, then (a new wait) for bob, and runs once the last sharer ends
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
SELECT * FROM t WHERE id = 1 FOR SHARE;
-- step bob
BEGIN;
SELECT * FROM t WHERE id = 1 FOR SHARE;
-- step carol
UPDATE t SET value = 11 WHERE id = 1;
-- step alice
COMMIT;
-- step bob
COMMIT;
-- step carol
SELECT * FROM t ORDER BY id;
