-- name: cc-p4-lost-update-rc
-- about: P4 at READ COMMITTED: both read 10 and write 11; bob's UPDATE waits for alice, then overwrites her 11 with his 11 - one increment is lost
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
SELECT value FROM t WHERE id = 1;
-- step bob
BEGIN;
SELECT value FROM t WHERE id = 1;
-- step alice
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
UPDATE t SET value = 11 WHERE id = 1;
-- step alice
COMMIT;
-- step bob
COMMIT;
SELECT value FROM t WHERE id = 1;
