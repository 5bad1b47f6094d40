-- name: ddl-drop-table-rollback
-- about: DROP TABLE inside a block can be rolled back: the table comes back with all its rows
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
BEGIN;
DROP TABLE t;
SELECT * FROM t;
ROLLBACK;
SELECT * FROM t ORDER BY id;
BEGIN;
DROP TABLE t;
COMMIT;
SELECT * FROM t;
