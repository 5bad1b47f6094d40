-- name: dml-delete-returning
-- about: DELETE with WHERE, RETURNING, no match (DELETE 0) and without WHERE
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
INSERT INTO t VALUES (3, 'three'), (4, 'four');
-- step psql
DELETE FROM t WHERE id = 1 RETURNING *;
DELETE FROM t WHERE id = 1;
DELETE FROM t WHERE v LIKE 't%' RETURNING id;
DELETE FROM t;
SELECT count(*) FROM t;
