-- name: cc-ddl-alter-table-waits-for-reader
-- about: ALTER TABLE needs ACCESS EXCLUSIVE: it waits behind a reader whose transaction is still open
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
SELECT * FROM t ORDER BY id;
-- step bob
ALTER TABLE t ADD COLUMN note text;
-- step alice
COMMIT;
-- step bob
SELECT * FROM t ORDER BY id;
