-- name: cc-g1b-intermediate-read-rr
-- about: G1b at REPEATABLE READ: bob keeps seeing 10, neither alice's intermediate 101 nor her committed 11
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
UPDATE t SET value = 101 WHERE id = 1;
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT value FROM t WHERE id = 1;
-- step alice
UPDATE t SET value = 11 WHERE id = 1;
COMMIT;
-- step bob
SELECT value FROM t WHERE id = 1;
COMMIT;
SELECT value FROM t WHERE id = 1;
