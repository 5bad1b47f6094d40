-- name: cc-ddl-vacuum-full-waits-for-reader
-- about: VACUUM FULL rewrites the table under ACCESS EXCLUSIVE, so it waits for an open reader; plain VACUUM would not
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
SELECT count(*) FROM t;
-- step bob
VACUUM t;
VACUUM FULL t;
-- step alice
COMMIT;
