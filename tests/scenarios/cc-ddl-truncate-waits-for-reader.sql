-- name: cc-ddl-truncate-waits-for-reader
-- about: TRUNCATE takes ACCESS EXCLUSIVE and waits behind a reader's open transaction
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT count(*) FROM t;
-- step bob
TRUNCATE t;
-- step alice
SELECT count(*) FROM t;
COMMIT;
-- step alice
SELECT count(*) FROM t;
