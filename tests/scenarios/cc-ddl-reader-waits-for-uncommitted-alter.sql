-- name: cc-ddl-reader-waits-for-uncommitted-alter
-- about: a SELECT waits behind an uncommitted ALTER TABLE ... ADD COLUMN, then returns the new column
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
ALTER TABLE t ADD COLUMN note text DEFAULT 'new';
-- step bob
SELECT * FROM t ORDER BY id;
-- step alice
COMMIT;
