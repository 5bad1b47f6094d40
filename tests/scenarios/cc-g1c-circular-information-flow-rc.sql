-- name: cc-g1c-circular-information-flow-rc
-- about: G1c at READ COMMITTED: each writes one row and reads the other's; neither sees the other's uncommitted write, both commit
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
BEGIN;
UPDATE t SET value = 22 WHERE id = 2;
-- step alice
SELECT value FROM t WHERE id = 2;
-- step bob
SELECT value FROM t WHERE id = 1;
-- step alice
COMMIT;
-- step bob
COMMIT;
SELECT * FROM t ORDER BY id;
