-- name: dml-update-returning
-- about: UPDATE tags count the rows changed (UPDATE 0 when none match); RETURNING shows the new values
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step psql
UPDATE t SET v = v || '!' WHERE id = 1 RETURNING *;
UPDATE t SET v = upper(v) RETURNING id, v AS shouted;
UPDATE t SET v = 'none' WHERE id > 100;
UPDATE t SET v = 'none' WHERE false RETURNING *;
UPDATE t SET id = id * 10 RETURNING id;
SELECT * FROM t ORDER BY id;
