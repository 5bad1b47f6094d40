-- name: cc-g1b-intermediate-read-rc
-- about: G1b at READ COMMITTED: alice writes 101 then 11; bob sees 10 before her COMMIT and 11 after, never the intermediate 101
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET value = 101 WHERE id = 1;
-- step bob
BEGIN;
SELECT value FROM t WHERE id = 1;
-- step alice
UPDATE t SET value = 11 WHERE id = 1;
COMMIT;
-- step bob
SELECT value FROM t WHERE id = 1;
COMMIT;
