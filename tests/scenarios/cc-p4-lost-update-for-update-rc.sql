-- name: cc-p4-lost-update-for-update-rc
-- about: P4 avoided at READ COMMITTED with SELECT ... FOR UPDATE: bob's read waits and then returns alice's committed 11, so he writes 12
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
SELECT value FROM t WHERE id = 1 FOR UPDATE;
-- step bob
BEGIN;
SELECT value FROM t WHERE id = 1 FOR UPDATE;
-- step alice
UPDATE t SET value = 11 WHERE id = 1;
COMMIT;
-- step bob
UPDATE t SET value = 12 WHERE id = 1;
COMMIT;
SELECT value FROM t WHERE id = 1;
