-- name: cc-g1a-aborted-read-rc
-- about: G1a at READ COMMITTED: bob never sees the value alice wrote and then rolled back
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET value = 101 WHERE id = 1;
-- step bob
BEGIN;
SELECT * FROM t ORDER BY id;
-- step alice
ROLLBACK;
-- step bob
SELECT * FROM t ORDER BY id;
COMMIT;
