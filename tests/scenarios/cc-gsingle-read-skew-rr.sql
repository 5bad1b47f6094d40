-- name: cc-gsingle-read-skew-rr
-- about: G-single (read skew) at REPEATABLE READ: alice's snapshot gives 10 and 20, a consistent total, despite bob's committed transfer
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT value FROM t WHERE id = 1;
-- step bob
BEGIN;
UPDATE t SET value = 12 WHERE id = 1;
UPDATE t SET value = 18 WHERE id = 2;
COMMIT;
-- step alice
SELECT value FROM t WHERE id = 2;
SELECT sum(value) FROM t;
COMMIT;
SELECT sum(value) FROM t;
