-- name: dml-returning-system-columns
-- about: RETURNING may name system columns: the new version's xmin and ctid, and what a deleted version shows
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int);
-- step psql
INSERT INTO t VALUES (1, 1) RETURNING xmin, xmax, ctid, *;
UPDATE t SET v = 2 RETURNING xmin, xmax, ctid, v;
DELETE FROM t RETURNING xmin, xmax, ctid, id;
INSERT INTO t VALUES (2, 2), (3, 3) RETURNING ctid, id;
