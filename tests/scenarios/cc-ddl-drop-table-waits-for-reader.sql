-- name: cc-ddl-drop-table-waits-for-reader
-- about: DROP TABLE waits behind a reader's open transaction; once it commits the table is gone
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
SELECT count(*) FROM t;
-- step bob
DROP TABLE t;
-- step alice
COMMIT;
-- step alice
SELECT count(*) FROM t;
