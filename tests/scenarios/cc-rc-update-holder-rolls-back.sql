-- name: cc-rc-update-holder-rolls-back
-- about: READ COMMITTED: bob's UPDATE waits for alice's; she rolls back, so bob's UPDATE applies to the original version
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET value = 100 WHERE id = 1;
-- step bob
UPDATE t SET value = value + 1 WHERE id = 1 RETURNING *;
-- step alice
ROLLBACK;
-- step bob
SELECT * FROM t ORDER BY id;
