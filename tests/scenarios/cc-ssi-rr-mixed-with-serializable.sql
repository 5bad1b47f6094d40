-- name: cc-ssi-rr-mixed-with-serializable
-- about: only SERIALIZABLE transactions are checked: the same write skew with alice at REPEATABLE READ lets both commit
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT * FROM t ORDER BY id;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT * FROM t ORDER BY id;
-- step alice
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
UPDATE t SET value = 21 WHERE id = 2;
-- step alice
COMMIT;
-- step bob
COMMIT;
SELECT * FROM t ORDER BY id;
