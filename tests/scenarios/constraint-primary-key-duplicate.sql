-- name: constraint-primary-key-duplicate
-- about: a duplicate primary key is 23505 with DETAIL Key (id)=(1) already exists; NULL keys are 23502
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
INSERT INTO t VALUES (1, 'uno');
INSERT INTO t VALUES (3, 'three'), (3, 'drei');
UPDATE t SET id = 2 WHERE id = 1;
UPDATE t SET id = id + 1;
INSERT INTO t VALUES (NULL, 'none');
SELECT * FROM t ORDER BY id;
