-- name: cc-g0-dirty-write-rr
-- about: G0 at REPEATABLE READ: bob's write of a row alice wrote waits; her COMMIT makes it fail with 40001, so only alice's writes remain
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
UPDATE t SET value = 12 WHERE id = 1;
-- step alice
UPDATE t SET value = 21 WHERE id = 2;
COMMIT;
-- step bob
ROLLBACK;
SELECT * FROM t ORDER BY id;
