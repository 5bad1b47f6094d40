-- name: cc-g0-dirty-write-rc
-- about: G0 at READ COMMITTED: bob's write of a row alice wrote waits; after her COMMIT his writes win on both rows, never a mix
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
BEGIN;
UPDATE t SET value = 12 WHERE id = 1;
-- step alice
UPDATE t SET value = 21 WHERE id = 2;
COMMIT;
-- step bob
UPDATE t SET value = 22 WHERE id = 2;
COMMIT;
-- step alice
SELECT * FROM t ORDER BY id;
