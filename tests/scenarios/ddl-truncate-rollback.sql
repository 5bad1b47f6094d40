-- name: ddl-truncate-rollback
-- about: TRUNCATE inside a block is transactional too: rolled back, every row is back
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
BEGIN;
TRUNCATE t;
SELECT count(*) FROM t;
ROLLBACK;
SELECT count(*) FROM t;
TRUNCATE TABLE t;
SELECT count(*) FROM t;
