-- name: ddl-alter-add-column-rollback
-- about: ALTER TABLE ADD COLUMN with a DEFAULT fills existing rows; rolled back, the column is gone again
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
BEGIN;
ALTER TABLE t ADD COLUMN score int NOT NULL DEFAULT 0;
SELECT * FROM t ORDER BY id;
ROLLBACK;
SELECT * FROM t ORDER BY id;
SELECT score FROM t;
