-- name: ddl-create-table-rollback
-- about: CREATE TABLE is transactional: rolled back, the table and its rows never existed
-- step psql
BEGIN;
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one');
SELECT * FROM t;
ROLLBACK;
SELECT * FROM t;
CREATE TABLE t (id int);
INSERT INTO t VALUES (1);
SELECT * FROM t;
