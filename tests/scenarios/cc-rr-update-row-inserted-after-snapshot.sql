-- name: cc-rr-update-row-inserted-after-snapshot
-- about: REPEATABLE READ: a row inserted and committed after bob's snapshot is invisible to his UPDATE: UPDATE 0, no error
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT count(*) FROM t;
-- step alice
INSERT INTO t VALUES (3, 30);
-- step bob
UPDATE t SET value = 0 WHERE id = 3;
COMMIT;
SELECT * FROM t ORDER BY id;
