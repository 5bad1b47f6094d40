-- name: cc-gsingle-read-skew-rc
-- about: G-single (read skew) at READ COMMITTED: alice reads row 1 before and row 2 after bob's committed transfer, so her total is 28 instead of 30
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
SELECT value FROM t WHERE id = 1;
-- step bob
BEGIN;
UPDATE t SET value = 12 WHERE id = 1;
UPDATE t SET value = 18 WHERE id = 2;
COMMIT;
-- step alice
SELECT value FROM t WHERE id = 2;
COMMIT;
