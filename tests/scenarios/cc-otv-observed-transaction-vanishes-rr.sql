-- name: cc-otv-observed-transaction-vanishes-rr
-- about: OTV at REPEATABLE READ: bob fails with 40001 once alice commits; carol's snapshot shows neither of them
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
UPDATE t SET value = 11 WHERE id = 1;
UPDATE t SET value = 19 WHERE id = 2;
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
UPDATE t SET value = 12 WHERE id = 1;
-- step carol
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT value FROM t WHERE id = 1;
-- step alice
COMMIT;
-- step bob
ROLLBACK;
-- step carol
SELECT * FROM t ORDER BY id;
COMMIT;
SELECT * FROM t ORDER BY id;
